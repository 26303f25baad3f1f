"""Read queries of the governance register, each shaped for the page that uses it.

Every function returns what its page needs in a fixed number of queries, however large the
region: related rows come through ``select_related`` (one join) or ``prefetch_related`` (one
extra query per relation), never through attribute access in a template loop.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from core.history import display_value, user_label
from governance.constants import (
    BodyKind,
    BodyStatus,
    CollaborationModel,
    Level,
    MembershipRole,
    Office,
    OrganisationDomain,
)
from governance.models import (
    Body,
    BodyRelation,
    CostLine,
    Mandate,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
    Theme,
)

# What the three collaboration models of the VNG praatplaat mean, in our own words.
COLLABORATION_MODELS = {
    CollaborationModel.AFSTEMMEN: {
        "summary": _(
            "Gemeenten houden ieder hun eigen koers en stemmen regionaal af waar dat "
            "echt nodig is. Er is geen formeel instellingsbesluit nodig."
        ),
        "lead_time": _("gemiddeld zo'n 9 maanden van start tot werkend overleg"),
        "pros": [
            _("snel op te zetten en weinig ondersteuning nodig"),
            _("laat de positie van iedere partij intact"),
            _("brengt het regionale gesprek op gang"),
        ],
        "cons": [
            _("afspraken zijn vrijblijvend"),
            _("weinig effect op de samenwerking in de uitvoering"),
            _("partners moeten nog steeds met elke gemeente apart zaken doen"),
        ],
    },
    CollaborationModel.STUURGROEP: {
        "summary": _(
            "Een regionale stuurgroep van gemeenten en ketenpartners geeft richting "
            "op basis van een afspraak als een convenant; besluiten vallen formeel in "
            "de eigen organisaties."
        ),
        "lead_time": _("gemiddeld zo'n 18 maanden van start tot werkende stuurgroep"),
        "pros": [
            _("ketenpartners praten op regionale schaal mee en hebben invloed op beleid"),
            _("samenstelling kan per thema worden aangepast"),
            _("een convenant maakt deelname minder vrijblijvend"),
        ],
        "cons": [
            _("besluiten van de stuurgroep hebben geen formele rechtskracht"),
            _("kan groot en log worden in een grote regio"),
            _(
                "vraagt stevige secretariële ondersteuning en verbinding met de "
                "besluitvormende gremia"
            ),
        ],
    },
    CollaborationModel.GEZAMENLIJK: {
        "summary": _(
            "Gemeenten besluiten gezamenlijk, bijvoorbeeld via een gemeenschappelijke "
            "regeling of een netwerktafel met gemandateerde bestuurders; afstemmen, "
            "richting kiezen en besluiten liggen dicht bij elkaar."
        ),
        "lead_time": _("gemiddeld 24 tot 36 maanden van start tot werkende besluitvorming"),
        "pros": [
            _("gestroomlijnde besluitvorming: consensus, geen unanimiteit nodig"),
            _("heldere formele verhoudingen, minder afhankelijk van personen"),
            _("vaak een vaste grondslag voor financiering"),
        ],
        "cons": [
            _("zwaar instellingsproces: gemeenten dragen autonomie over"),
            _("bindt vooral gemeenten; ketenpartners zitten er vaak niet in"),
            _("minder ruimte voor verschillen tussen gemeenten"),
        ],
    },
}


def attach_region(bodies, region: Region) -> None:
    """Every body on a region page belongs to that region: set it so that building links
    (``get_absolute_url`` needs the slug) costs no query per body."""
    for body in bodies:
        if body is not None and body.region_id == region.pk:
            body.region = region


def regions_for_switcher(user) -> list:
    """The regions of the header's switcher. A regional user's come with the roles
    (``core.roles``, kept under the user's role stamp). A VNG advisor's are every region,
    kept under the same stamp, which any new, renamed or deleted region moves for every
    advisor; only a beheerder without that role reads them on every page."""
    if roles.is_vng_advisor(user):
        return roles.kept_with_roles(user, "switcher", _all_regions)
    if roles.reads_all_regions(user):
        return _all_regions()
    return [SwitcherRegion(pk, name, slug) for pk, name, slug in roles.role_regions(user)]


def _all_regions() -> list:
    return [
        SwitcherRegion(pk, name, slug)
        for pk, name, slug in Region.objects.order_by("name").values_list("pk", "name", "slug")
    ]


@dataclass(frozen=True)
class SwitcherRegion:
    pk: int
    name: str
    slug: str


def _count_per_region(model, **filters):
    """A correlated COUNT subquery: joining two child tables in one query would multiply
    their rows (bodies × municipalities) before counting."""
    rows = (
        model.objects.filter(region=OuterRef("pk"), **filters)
        .order_by()
        .values("region")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def region_list(user) -> list[Region]:
    # One query for any number of regions.
    return list(
        Region.objects.visible_to(user)
        .annotate(
            active_bodies=_count_per_region(Body, status=BodyStatus.ACTIEF),
            municipality_count=_count_per_region(Municipality),
        )
        .order_by("name")
    )


def region_overview(region: Region) -> dict:
    sub_regions = list(
        SubRegion.objects.filter(region=region).prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
    )
    loose = list(Municipality.objects.filter(region=region, sub_region__isnull=True))
    themes = list(RegionTheme.objects.filter(region=region).select_related("theme"))
    level_counts = dict(
        Body.objects.filter(region=region, status=BodyStatus.ACTIEF)
        .values_list("level")
        .annotate(n=Count("id"))
        .values_list("level", "n")
    )
    return {
        "sub_regions": sub_regions,
        "loose_municipalities": loose,
        "municipality_count": sum(len(s.municipalities.all()) for s in sub_regions) + len(loose),
        "region_themes": themes,
        "model_info": COLLABORATION_MODELS.get(region.collaboration_model),
        "all_models": [
            {"key": key, "label": label, **COLLABORATION_MODELS[key]}
            for key, label in CollaborationModel.choices
        ],
        "level_counts": [(label, level_counts.get(key, 0)) for key, label in Level.choices],
    }


def region_partners(region: Region) -> list[RegionPartner]:
    return list(
        RegionPartner.objects.filter(region=region)
        .select_related("organisation")
        .order_by("organisation__domain", "organisation__name")
    )


class BodyFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *BodyKind.choices]
    )
    level = forms.ChoiceField(
        label=_("Niveau"), required=False, choices=[("", _("Alle niveaus")), *Level.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle statussen")), *BodyStatus.choices]
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        required=False,
        queryset=Theme.objects.all(),
        empty_label=_("Alle thema's"),
    )


def body_list(region: Region, params) -> dict:
    form = BodyFilterForm(params or None)
    qs = Body.objects.filter(region=region)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(
                Q(name__icontains=data["q"])
                | Q(short_name__icontains=data["q"])
                | Q(description__icontains=data["q"])
            )
        for field in ("kind", "level", "status"):
            if data[field]:
                qs = qs.filter(**{field: data[field]})
        if data["theme"]:
            qs = qs.filter(themes=data["theme"])
    today = timezone.localdate()
    current = Q(memberships__start__isnull=True) | Q(memberships__start__lte=today)
    current &= Q(memberships__end__isnull=True) | Q(memberships__end__gt=today)
    bodies = list(
        qs.annotate(member_count=Count("memberships", filter=current, distinct=True))
        .prefetch_related("themes")
        .order_by("status", "level", "name")
    )
    attach_region(bodies, region)
    return {
        "filter_form": form,
        "bodies": bodies,
        "filtered": form.is_valid() and any(form.cleaned_data.values()),
    }


def _is_current(start: date | None, end: date | None, today: date) -> bool:
    return (start is None or start <= today) and (end is None or end > today)


def body_detail(body: Body) -> dict:
    today = timezone.localdate()
    mandates = list(Mandate.objects.filter(body=body).select_related("theme", "organisation"))
    role_rank = {role: i for i, role in enumerate(MembershipRole.values)}
    memberships = sorted(
        Membership.objects.filter(body=body).select_related(
            "person", "organisation", "municipality", "on_behalf_of_body"
        ),
        # Chair first, then as the roles are listed; within a role by name.
        key=lambda m: (role_rank.get(m.role, 99), m.member_display.casefold()),
    )
    relations_out = list(
        BodyRelation.objects.filter(source=body).select_related("target").order_by("kind")
    )
    relations_in = list(
        BodyRelation.objects.filter(target=body).select_related("source").order_by("kind")
    )
    cost_lines = list(CostLine.objects.filter(body=body))
    attach_region(
        [r.target for r in relations_out]
        + [r.source for r in relations_in]
        + [m.on_behalf_of_body for m in memberships],
        body.region,
    )
    for obj in mandates + relations_out + relations_in:
        obj.is_current = _is_current(obj.valid_from, obj.valid_to, today)
    for m in memberships:
        m.is_current = _is_current(m.start, m.end, today)
    return {
        "themes": list(body.themes.all()),
        "mandates": mandates,
        "memberships": [m for m in memberships if m.is_current],
        "past_memberships": [m for m in memberships if not m.is_current],
        "relations_out": relations_out,
        "relations_in": relations_in,
        "cost_lines": cost_lines,
        "cost_total": sum((c.estimate_eur for c in cost_lines), start=0),
        "history": body_history(body, limit=10),
        **_findings_for(body),
    }


def _findings_for(body: Body) -> dict:
    """The body's open findings (``findings``) and those answered as "bewust zo"
    (``answered_findings``: governance/selectors/findings.py)."""
    from governance.selectors.findings import findings_state

    state = findings_state(body.region)
    return {
        "findings": [f for f in state.open if f.body_id == body.pk],
        "answered_findings": [a for a in state.answered if a.finding.body_id == body.pk],
    }


def open_periods_of_body(body: Body) -> dict:
    today = timezone.localdate()
    open_q = Q(end__isnull=True) | Q(end__gt=today)
    return {
        "memberships": Membership.objects.filter(body=body).filter(open_q).count(),
        "mandates": Mandate.objects.filter(body=body)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
        .count(),
    }


def _current_memberships(prefix: str = "memberships__") -> Q:
    today = timezone.localdate()
    current = Q(**{f"{prefix}start__isnull": True}) | Q(**{f"{prefix}start__lte": today})
    return current & (Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": today}))


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken op naam of soort"), required=False, max_length=100)
    domain = forms.ChoiceField(
        label=_("Domein"),
        required=False,
        choices=[("", _("Alle domeinen")), *OrganisationDomain.choices],
    )
    partner = forms.ChoiceField(
        label=_("Ketenpartner"),
        required=False,
        choices=[
            ("", _("Alle organisaties")),
            ("ja", _("Gekozen ketenpartners")),
            ("nee", _("Geen gekozen ketenpartner")),
        ],
    )


def organisation_list(region: Region, params) -> dict:
    form = OrganisationFilterForm(params or None)
    qs = Organisation.objects.available_in(region)
    chosen = RegionPartner.objects.filter(region=region).values("organisation_id")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(name__icontains=data["q"]) | Q(kind__icontains=data["q"]))
        if data["domain"]:
            qs = qs.filter(domain=data["domain"])
        if data["partner"] == "ja":
            qs = qs.filter(pk__in=chosen)
        elif data["partner"] == "nee":
            qs = qs.exclude(pk__in=chosen)
    organisations = list(
        qs.annotate(
            is_partner=Count(
                "regionpartner", filter=Q(regionpartner__region=region), distinct=True
            ),
            seat_count=Count(
                "memberships",
                filter=Q(memberships__body__region=region) & _current_memberships(),
                distinct=True,
            ),
        ).order_by("domain", "name")
    )
    return {
        "organisations": organisations,
        "filter_form": form,
        "filtered": form.is_valid() and any(form.cleaned_data.values()),
    }


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken op naam of functie"), required=False, max_length=100)
    office = forms.ChoiceField(
        label=_("Soort functie"),
        required=False,
        choices=[("", _("Alle functies")), *Office.choices],
    )


def person_list(region: Region, params) -> dict:
    form = PersonFilterForm(params or None)
    qs = Person.objects.filter(region=region).select_related("organisation")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(name__icontains=data["q"]) | Q(function__icontains=data["q"]))
        if data["office"]:
            qs = qs.filter(office=data["office"])
    persons = list(
        qs.annotate(
            seat_count=Count("memberships", filter=_current_memberships(), distinct=True)
        ).order_by("name")
    )
    return {
        "persons": persons,
        "filter_form": form,
        "filtered": form.is_valid() and any(form.cleaned_data.values()),
    }


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str  # "+", "~", "-"
    what: str
    object_label: str
    changes: list[tuple[str, str, str]]


def _label(model, record) -> str:
    """A short name for a history line: the object's own name, else its role or kind."""
    for attr in ("name", "title", "item", "subject"):
        value = getattr(record, attr, None)
        if value:
            return str(value)
    for attr in ("role", "kind"):
        if hasattr(record, attr):
            field = model._meta.get_field(attr)
            return str(dict(field.flatchoices).get(getattr(record, attr), ""))
    return ""


def _history_of(model, records, kind_labels) -> list[HistoryEntry]:
    by_object: dict[int, list] = defaultdict(list)
    for record in records:
        by_object[record.id].append(record)
    entries: list[HistoryEntry] = []
    fields = [f for f in model._meta.concrete_fields if f.name not in {"id", "version"}]
    for rows in by_object.values():
        rows.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in rows:
            changes = []
            if previous is not None and record.history_type == "~":
                for field in fields:
                    before = getattr(previous, field.attname)
                    after = getattr(record, field.attname)
                    if before != after:
                        changes.append(
                            (
                                str(field.verbose_name),
                                display_value(previous, field),
                                display_value(record, field),
                            )
                        )
            user = record.history_user
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=user_label(user, "—"),
                    kind=record.history_type,
                    what=kind_labels[record.history_type],
                    object_label=f"{model._meta.verbose_name} ‘{_label(model, record)}’",
                    changes=changes,
                )
            )
            previous = record
    return entries


def body_history(body: Body, *, limit: int | None) -> list[HistoryEntry]:
    """Who changed what, when: the body and everything that hangs from it.

    One query per model (five), each with the user joined in.
    """
    labels = {"+": str(_("aangemaakt")), "~": str(_("gewijzigd")), "-": str(_("verwijderd"))}
    sources = [
        (Body, Body.history.filter(id=body.pk)),
        (Mandate, Mandate.history.filter(body_id=body.pk)),
        (Membership, Membership.history.filter(body_id=body.pk)),
        (BodyRelation, BodyRelation.history.filter(Q(source_id=body.pk) | Q(target_id=body.pk))),
        (CostLine, CostLine.history.filter(body_id=body.pk)),
    ]
    entries: list[HistoryEntry] = []
    for model, qs in sources:
        entries.extend(_history_of(model, qs.select_related("history_user"), labels))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit] if limit else entries
