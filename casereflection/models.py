"""Quarterly case reflections ("de praktijk als spiegel"), Stamtafel conclusions and the
explanations with which a secretary saved text that the personal-data guard flagged wrongly.

The lifecycle is a service (``casereflection.services.reflection_advance``), never a plain
edit. No personal data about the people in a case is stored: every free-text field goes
through ``casereflection.privacy.find_personal_data`` on save.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casereflection.constants import CaseKind, Method, Priority, ReflectionStatus, status_index
from governance.constants import ActionList
from governance.models import (
    Action,
    AgendaItem,
    Body,
    Membership,
    Organisation,
    Person,
    Region,
    SubRegion,
    Theme,
)
from governance.models.base import Versioned, history
from governance.models.query import RegionScopedQuerySet


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    return f"K{quarter} {year}"


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """(first day, first day of the next quarter)."""
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def quarter_index(year: int, quarter: int) -> int:
    """Quarters counted from year 0: consecutive quarters differ by one."""
    return year * 4 + quarter - 1


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + by
    return index // 4, index % 4 + 1


class ConclusionQuerySet(RegionScopedQuerySet):
    region_path = "reflection__region"


class CaseReflection(Versioned):
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="reflections", verbose_name=_("regio")
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("kwartaal"),
        choices=[(q, f"K{q}") for q in range(1, 5)],
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    sub_region = models.ForeignKey(
        SubRegion,
        on_delete=models.PROTECT,
        related_name="reflections",
        verbose_name=_("inbrengende subregio"),
    )
    rotation_note = models.TextField(
        _("reden om van het rooster af te wijken"),
        blank=True,
        help_text=_("Nodig als een andere subregio de casus inbrengt dan het rooster voorstelt."),
    )
    case_kind = models.CharField(_("soort casus"), max_length=20, choices=CaseKind.choices)
    title = models.CharField(
        _("titel"),
        max_length=200,
        help_text=_(
            "Een titel die niemand herkenbaar maakt, bijvoorbeeld ‘Woonoverlast na "
            "ontslag uit de kliniek’. Geen namen, adressen of leeftijden."
        ),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="reflections", verbose_name=_("thema's")
    )
    method = models.CharField(
        _("methode"), max_length=30, choices=Method.choices, default=Method.MOREEL_BERAAD
    )
    method_note = models.CharField(
        _("toelichting op de methode"),
        max_length=250,
        blank=True,
        help_text=_("Welke methode, als het geen moreel beraad of socratisch gesprek is."),
    )
    facilitator = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_reflections",
        verbose_name=_("gespreksleider"),
        help_text=_("Een in de methode getrainde gespreksleider."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="reflections",
        verbose_name=_("betrokken organisaties"),
    )
    delegation = models.ManyToManyField(
        Person,
        blank=True,
        related_name="reflection_delegations",
        verbose_name=_("delegatie van de andere subregio's"),
    )
    planned_on = models.DateField(_("gepland op"), null=True, blank=True)
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReflectionStatus.choices,
        default=ReflectionStatus.GEPLAND,
        editable=False,
    )
    summary = models.TextField(
        _("de casus in algemene termen"),
        blank=True,
        help_text=_("Beschrijf de situatie zonder namen, adressen, data of leeftijden."),
    )
    answer_principles = models.TextField(
        _("werken we in de praktijk volgens de leidende principes?"), blank=True
    )
    answer_administration = models.TextField(
        _("biedt het bestuur de kaders, randvoorwaarden en rugdekking die nodig zijn?"),
        blank=True,
    )
    answer_justice = models.TextField(
        _("waarmee doen we in dilemma's het meeste recht aan alle betrokkenen?"), blank=True
    )
    dilemma = models.TextField(_("het dilemma"), blank=True)
    insights = models.TextField(_("inzichten"), blank=True)
    proposal = models.TextField(
        _("bespreekvoorstel"),
        blank=True,
        help_text=_("De terugkoppeling aan de Stamtafel: wat de reflectie heeft opgeleverd."),
    )
    offered_on = models.DateField(_("aangeboden op"), null=True, blank=True, editable=False)
    follow_up_note = models.TextField(
        _("toelichting bij de opvolging"),
        blank=True,
        help_text=_("Waarom de reflectie opgevolgd is terwijl er nog acties lopen."),
    )
    history = history()
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("casusreflectie")
        verbose_name_plural = _("casusreflecties")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "quarter"], name="one_reflection_per_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quarter_label} — {self.title}"

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.year, self.quarter)

    @property
    def neutral_label(self) -> str:
        """A label without case text, for readers who may not see the title."""
        return _("Casusreflectie %(quarter)s") % {"quarter": self.quarter_label}

    @property
    def may_conclude(self) -> bool:
        """The Stamtafel concludes on the bespreekvoorstel: from *aangeboden* on."""
        return status_index(self.status) >= status_index(ReflectionStatus.AANGEBODEN)

    def get_absolute_url(self) -> str:
        return reverse(
            "casereflection:reflection", kwargs={"region": self.region.slug, "pk": self.pk}
        )

    def clean(self) -> None:
        errors: dict[str, list] = {}
        region_id = self.region_id
        if self.sub_region_id and self.sub_region.region_id != region_id:
            errors.setdefault("sub_region", []).append(_("Deze subregio is van een andere regio."))
        if self.facilitator_id and self.facilitator.region_id != region_id:
            errors.setdefault("facilitator", []).append(_("Deze persoon is van een andere regio."))
        if self.method == Method.ANDERS and not self.method_note.strip():
            errors.setdefault("method_note", []).append(
                _("Noem de methode als het geen moreel beraad of socratisch gesprek is.")
            )
        if self.held_on and self.held_on > timezone.localdate():
            errors.setdefault("held_on", []).append(
                _(
                    "Een reflectie die nog moet plaatsvinden heeft een geplande datum, nog geen "
                    "datum waarop ze gehouden is."
                )
            )
        if errors:
            raise ValidationError(errors)


class Conclusion(Versioned):
    """What the Stamtafel concluded from a reflection's bespreekvoorstel.

    Saving a new conclusion creates its werkagenda action in the same transaction
    (``casereflection.services.conclusion_save``).
    """

    reflection = models.ForeignKey(
        CaseReflection,
        on_delete=models.CASCADE,
        related_name="conclusions",
        verbose_name=_("casusreflectie"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflection_conclusions",
        verbose_name=_("agendapunt van de Stamtafel"),
        help_text=_("Het agendapunt van de bestuurlijke vergadering waar dit is geconcludeerd."),
    )
    decided_on = models.DateField(_("geconcludeerd op"), default=timezone.localdate)
    title = models.CharField(
        _("korte titel"),
        max_length=200,
        help_text=_("Wordt de titel van de actie op de werkagenda."),
    )
    common_challenge = models.TextField(_("gemeenschappelijke uitdaging"))
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Priority.choices, default=Priority.MIDDEN
    )
    assignment = models.TextField(_("opdracht"))
    assignee_body = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflection_assignments",
        verbose_name=_("opdracht aan (gremium)"),
    )
    assignee_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflection_assignments",
        verbose_name=_("opdracht aan (organisatie)"),
    )
    contact_administrator = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="reflection_conclusions",
        verbose_name=_("bestuurlijk aanspreekpunt"),
        help_text=_(
            "De bestuurder die de uitwerking volgt, de voortgang terugkoppelt en bijstuurt."
        ),
    )
    due_date = models.DateField(
        _("termijn"),
        null=True,
        blank=True,
        help_text=_("Wanneer de Stamtafel het resultaat terug verwacht."),
    )
    action = models.OneToOneField(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflection_conclusion",
        verbose_name=_("actie op de werkagenda"),
        editable=False,
    )
    note = models.TextField(_("toelichting"), blank=True)
    history = history()
    objects = ConclusionQuerySet.as_manager()

    class Meta:
        verbose_name = _("conclusie van de Stamtafel")
        verbose_name_plural = _("conclusies van de Stamtafel")
        ordering = ["reflection", "priority", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """Its action still runs (a conclusion whose action was removed waits for nothing)."""
        return self.action is not None and self.action.list != ActionList.GEREED

    def clean(self) -> None:
        errors: dict[str, list] = {}
        region_id = self.reflection.region_id if self.reflection_id else None
        if self.agenda_item_id and self.agenda_item.meeting.body.region_id != region_id:
            errors.setdefault("agenda_item", []).append(
                _("Dit agendapunt is van een andere regio.")
            )
        if self.assignee_body_id and self.assignee_body.region_id != region_id:
            errors.setdefault("assignee_body", []).append(_("Dit gremium is van een andere regio."))
        if self.assignee_organisation_id and self.assignee_organisation.region_id not in (
            None,
            region_id,
        ):
            errors.setdefault("assignee_organisation", []).append(
                _("Deze organisatie is van een andere regio.")
            )
        if self.due_date and self.decided_on and self.due_date < self.decided_on:
            errors.setdefault("due_date", []).append(
                _("De termijn ligt vóór de datum van de conclusie.")
            )
        if not self.assignee_body_id and not self.assignee_organisation_id:
            errors.setdefault("assignee_body", []).append(
                _("Zeg aan welk gremium of welke organisatie de opdracht gaat.")
            )
        if self.contact_administrator_id and self.contact_administrator.body.region_id != region_id:
            errors.setdefault("contact_administrator", []).append(
                _("Dit aanspreekpunt is van een andere regio.")
            )
        if errors:
            raise ValidationError(errors)


class PrivacyExplanation(models.Model):
    """A secretary's one-off explanation for text the personal-data guard flagged wrongly.

    It covers exactly one finding (field, kind, matched text) of one reflection; the same text
    in another field or another reflection is checked again. Never edited or deleted in the UI.
    """

    reflection = models.ForeignKey(
        CaseReflection,
        on_delete=models.CASCADE,
        related_name="privacy_explanations",
        verbose_name=_("casusreflectie"),
    )
    field = models.CharField(_("veld"), max_length=60)
    kind = models.CharField(_("soort gegeven"), max_length=40)
    text = models.CharField(_("gevonden tekst"), max_length=200)
    explanation = models.TextField(_("toelichting"))
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("toegelicht door"),
    )
    explained_at = models.DateTimeField(_("toegelicht op"), default=timezone.now)

    class Meta:
        verbose_name = _("toelichting bij de persoonsgegevenscheck")
        verbose_name_plural = _("toelichtingen bij de persoonsgegevenscheck")
        ordering = ["explained_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reflection", "field", "kind", "text"], name="one_explanation_per_finding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.text}"
