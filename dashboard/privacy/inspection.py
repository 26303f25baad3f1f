"""Everything the portal holds about one subject, as sections of rows (label → text).

The same sections make the page, the PDF and the JSON. A secretary's subject is limited to
their regions: records of other regions, the account itself and the account-wide parts
(notification settings, sent mails, audit lines without a region) are left out. The number of
queries does not grow with the data: one per section, one per history table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from accounts.audit import KINDS
from accounts.models import AuditEvent
from core.models import RoleAssignment
from core.personal_data import personal_data_sources
from governance.models import Action, Attendance, Membership, Person, PersonalNote


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)


def _when(value) -> str:
    if not value:
        return ""
    if hasattr(value, "hour"):
        return f"{timezone.localtime(value):%d-%m-%Y %H:%M}"
    return f"{value:%d-%m-%Y}"


def _section(key, title, rows) -> Section:
    columns = list(rows[0]) if rows else []
    return Section(key, title, columns, rows)


def history_models() -> list:
    """The simple-history tables (every ``Historical…`` model)."""
    return [
        model
        for model in apps.get_models()
        if {"history_id", "history_type", "history_date"}
        <= {f.name for f in model._meta.concrete_fields}
    ]


TYPE_LABELS = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}


def _history_row(model, row) -> dict[str, str]:
    original = row.instance_type._meta
    return {
        "Tijdstip": _when(row.history_date),
        "Gegeven": f"{original.verbose_name} {getattr(row, original.pk.attname, '')}",
        "Wijziging": TYPE_LABELS.get(row.history_type, row.history_type),
        "Reden": row.history_change_reason or "",
    }


def _region_filter(model, region_ids):
    names = {f.name for f in model._meta.concrete_fields}
    if region_ids is None:
        return Q()
    if "region" in names:
        return Q(region_id__in=region_ids)
    return None  # cannot be placed in a region: left out of a secretary's inzage


def collect(subject) -> list[Section]:
    region_ids = subject.region_ids
    user = subject.user
    person_ids = [p.pk for p in subject.persons]
    sections = [
        _section(
            "persons",
            "Persoonsgegevens per regio",
            [
                {
                    "Regio": p.region.name,
                    "Naam": p.name,
                    "Functie": p.function,
                    "Soort functie": p.get_office_display(),
                    "Organisatie": p.organisation.name if p.organisation else "",
                    "E-mailadres": p.email,
                    "Account": p.user.get_username() if p.user else "",
                }
                for p in subject.persons
            ],
        )
    ]
    if user is not None and subject.everything:
        sections.append(
            _section(
                "account",
                "Account",
                [
                    {
                        "Gebruikersnaam": user.get_username(),
                        "Naam": user.get_full_name(),
                        "E-mailadres": user.email,
                        "Actief": "ja" if user.is_active else "nee",
                        "Aangemaakt": _when(user.date_joined),
                        "Laatst aangemeld": _when(user.last_login),
                    }
                ],
            )
        )
    roles = RoleAssignment.objects.none()
    if user is not None:
        roles = RoleAssignment.objects.filter(user=user).select_related("region")
        if region_ids is not None:
            roles = roles.filter(region_id__in=region_ids)
    sections.append(
        _section(
            "roles",
            "Rollen",
            [
                {"Rol": r.get_role_display(), "Regio": r.region.name if r.region else "landelijk"}
                for r in roles.order_by("role", "pk")
            ],
        )
    )
    memberships = (
        Membership.objects.filter(person_id__in=person_ids)
        .select_related("body__region")
        .order_by("body__region__name", "body__name", "pk")
    )
    sections.append(
        _section(
            "memberships",
            "Lidmaatschappen",
            [
                {
                    "Regio": m.body.region.name,
                    "Gremium": m.body.name,
                    "Rol": m.get_role_display(),
                    "Portefeuille": m.portfolio,
                    "Namens": m.on_behalf_of,
                    "Begin": _when(m.start),
                    "Einde": _when(m.end),
                }
                for m in memberships
            ],
        )
    )
    actions = (
        Action.objects.filter(Q(trekker__person_id__in=person_ids) | Q(owner_id__in=person_ids))
        .select_related("region", "trekker")
        .order_by("region__name", "pk")
    )
    sections.append(
        _section(
            "actions",
            "Acties als trekker of actiehouder",
            [
                {
                    "Regio": a.region.name,
                    "Actie": a.title,
                    "Als": ", ".join(
                        label
                        for label, yes in (
                            (
                                "bestuurlijk trekker",
                                a.trekker and a.trekker.person_id in person_ids,
                            ),
                            ("actiehouder", a.owner_id in person_ids),
                        )
                        if yes
                    ),
                    "Lijst": a.get_list_display(),
                }
                for a in actions
            ],
        )
    )
    attendance = (
        Attendance.objects.filter(substitute_person_id__in=person_ids)
        .select_related("meeting__body__region")
        .order_by("meeting__starts_at", "pk")
    )
    sections.append(
        _section(
            "substitutions",
            "Vervangingen bij vergaderingen",
            [
                {
                    "Regio": a.meeting.body.region.name,
                    "Vergadering": str(a.meeting),
                    "Aanwezigheid": a.get_status_display(),
                }
                for a in attendance
            ],
        )
    )
    sections.append(_section("history", "Historie", _history(subject, person_ids)))
    audit = AuditEvent.objects.none()
    if user is not None:
        audit = AuditEvent.objects.filter(Q(user=user) | Q(username=user.get_username()))
        if region_ids is not None:
            audit = audit.filter(region_pk__in=region_ids)
    sections.append(
        _section(
            "audit",
            "Auditlog",
            [
                {
                    "Tijdstip": _when(e.at),
                    "Soort": KINDS.get(e.kind, e.kind),
                    "Waarover": e.target,
                    "Toelichting": e.detail,
                    "IP-adres": e.ip_address or "",
                }
                for e in audit.order_by("at", "pk")
            ],
        )
    )
    if subject.everything:
        if user is not None:
            sections.append(
                _section(
                    "notes",
                    "Persoonlijke notities",
                    [
                        {"Aangemaakt": _when(n.created_at), "Notitie": n.text}
                        for n in PersonalNote.objects.filter(user=user).order_by("pk")
                    ],
                )
            )
        for source in personal_data_sources():
            sections.append(
                _section(source.key, source.label, source.collect(user, subject.emails()))
            )
    return sections


def _about(model, subject, person_ids) -> Q | None:
    """Rows of a history table that are about the subject: its person records themselves, or
    rows pointing at them or at the account (membership, actiehouder, substitute, role,
    author of minutes, …). ``None`` when the table cannot point at the subject."""
    user_model = get_user_model()
    condition = None
    if model.instance_type is Person:
        condition = Q(id__in=person_ids)
    for f in model._meta.concrete_fields:
        target = getattr(f, "related_model", None)
        if f.name == "history_user" or target is None:
            continue
        part = None
        if target is Person and person_ids:
            part = Q(**{f"{f.attname}__in": person_ids})
        elif target is user_model and subject.user is not None:
            part = Q(**{f.attname: subject.user.pk})
        if part is not None:
            condition = part if condition is None else condition | part
    return condition


def _history(subject, person_ids) -> list[dict[str, str]]:
    """History rows about the subject (see ``_about``) and rows written by the account,
    oldest first. A secretary's inzage: rows of tables with a region column of their regions,
    and rows about the person records of their regions."""
    rows = []
    user = subject.user
    for model in history_models():
        about = _about(model, subject, person_ids)
        by = Q(history_user=user) if user is not None else None
        if subject.region_ids is not None:
            scope = _region_filter(model, subject.region_ids)
            if scope is None:
                by = None
                if about is not None and model.instance_type is not Person:
                    # only the person-record links are scoped (the persons are)
                    about = _person_links(model, person_ids)
            else:
                about = about & scope if about is not None else None
                by = by & scope if by is not None else None
        parts = [q for q in (about, by) if q is not None]
        if not parts:
            continue
        condition = parts[0] if len(parts) == 1 else parts[0] | parts[1]
        rows.extend(
            (row.history_date, _history_row(model, row))
            for row in model.objects.filter(condition).order_by("history_date")
        )
    rows.sort(key=lambda item: item[0])
    return [row for _, row in rows]


def _person_links(model, person_ids) -> Q | None:
    condition = None
    for f in model._meta.concrete_fields:
        if getattr(f, "related_model", None) is Person and person_ids:
            part = Q(**{f"{f.attname}__in": person_ids})
            condition = part if condition is None else condition | part
    return condition


def as_json(subject, sections) -> dict:
    return {
        "onderwerp": subject.title,
        "gemaakt_op": timezone.localtime().isoformat(timespec="seconds"),
        "alleen_eigen_regio": not subject.everything,
        "secties": [{"sleutel": s.key, "titel": s.title, "regels": s.rows} for s in sections],
    }
