"""The beleidstheorie framework (versioned reference data), assessments per region (and per
municipality for the outcome items), proposals by participants, and frozen peilmomenten.

Assessments are keyed by the item's *code*, not only by the item: a new framework version
keeps the codes, so a region's judgements carry over
(``checklist.services.framework.framework_activate`` points them at the new version's items).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklist.constants import ProposalState, Stage, Status
from core.history import user_label
from governance.models import Action, Body, Mandate, Municipality, Person, Region
from governance.models.base import Versioned, history
from governance.models.query import RegionScopedQuerySet


class Framework(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    version = models.CharField(_("versie"), max_length=40)
    is_current = models.BooleanField(_("huidige versie"), default=False)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    created_on = models.DateField(_("vastgesteld op"), default=timezone.localdate)

    class Meta:
        verbose_name = _("raamwerk")
        verbose_name_plural = _("raamwerken")
        ordering = ["-is_current", "name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="unique_framework_version"),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_framework",
                violation_error_message=_("Er is al een huidige versie van het raamwerk."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    @classmethod
    def current(cls) -> Framework | None:
        return cls.objects.filter(is_current=True).first()


class ItemGroup(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="groups", verbose_name=_("raamwerk")
    )
    stage = models.CharField(_("fase"), max_length=20, choices=Stage.choices)
    name = models.CharField(_("naam"), max_length=200)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["framework", "order"]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="items", verbose_name=_("raamwerk")
    )
    group = models.ForeignKey(
        ItemGroup, on_delete=models.CASCADE, related_name="items", verbose_name=_("groep")
    )
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"))
    guiding_questions = models.TextField(
        _("richtvragen"), blank=True, help_text=_("Eén vraag per regel.")
    )
    per_municipality = models.BooleanField(_("per gemeente"), default=False)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["framework", "group__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_item_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def stage(self) -> str:
        return self.group.stage

    def questions(self) -> list[str]:
        return [q.strip() for q in self.guiding_questions.splitlines() if q.strip()]

    def clean(self) -> None:
        if self.group_id and self.framework_id and self.group.framework_id != self.framework_id:
            raise ValidationError({"group": _("Deze groep hoort bij een ander raamwerk.")})


class AssessmentQuerySet(RegionScopedQuerySet):
    def for_framework(self, framework):
        return self.filter(code__in=framework.items.values("code"))


class Assessment(Versioned):
    """The secretary's judgement of one item for a region (or one municipality of it)."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("regio")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("item")
    )
    code = models.CharField(_("code"), max_length=10, editable=False)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("gemeente"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NIET_GESTART
    )
    evidence = models.TextField(_("onderbouwing"), blank=True)
    bodies = models.ManyToManyField(
        Body, blank=True, related_name="assessments", verbose_name=_("gremia als bewijs")
    )
    mandates = models.ManyToManyField(
        Mandate, blank=True, related_name="assessments", verbose_name=_("mandaten als bewijs")
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="assessments", verbose_name=_("acties als bewijs")
    )
    owner = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("eigenaar"),
    )
    assessed_on = models.DateField(_("beoordeeld op"), default=timezone.localdate)
    next_review_on = models.DateField(_("volgende beoordeling"), null=True, blank=True)
    history = history()
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["region", "code", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "code"],
                condition=Q(municipality__isnull=True),
                name="one_region_assessment_per_code",
            ),
            models.UniqueConstraint(
                fields=["region", "code", "municipality"],
                condition=Q(municipality__isnull=False),
                name="one_municipality_assessment_per_code",
            ),
        ]

    def __str__(self) -> str:
        where = f" — {self.municipality}" if self.municipality_id else ""
        return f"{self.code}{where}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("checklist:item", kwargs={"region": self.region.slug, "code": self.code})

    def save(self, *args, **kwargs):
        if self.item_id:
            self.code = self.item.code
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.item_id:
            self.code = self.item.code
            if self.municipality_id and not self.item.per_municipality:
                errors.setdefault("municipality", []).append(
                    _("Dit item wordt niet per gemeente beoordeeld.")
                )
        if self.municipality_id and self.municipality.region_id != self.region_id:
            errors.setdefault("municipality", []).append(
                _("Deze gemeente hoort bij een andere regio.")
            )
        if self.owner_id and self.owner.region_id != self.region_id:
            errors.setdefault("owner", []).append(_("Deze persoon is van een andere regio."))
        if self.next_review_on and self.assessed_on and self.next_review_on < self.assessed_on:
            errors.setdefault("next_review_on", []).append(
                _("De volgende beoordeling ligt vóór de datum van deze beoordeling.")
            )
        if errors:
            raise ValidationError(errors)


class AssessmentProposal(models.Model):
    """A participant's suggested update; the secretary takes it over or rejects it."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="assessment_proposals",
        verbose_name=_("regio"),
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("item")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessment_proposals",
        verbose_name=_("gemeente"),
    )
    status = models.CharField(_("voorgestelde status"), max_length=20, choices=Status.choices)
    evidence = models.TextField(_("onderbouwing"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    state = models.CharField(
        _("afhandeling"), max_length=20, choices=ProposalState.choices, default=ProposalState.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )
    decided_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij de afhandeling"), blank=True)
    history = history()
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.get_status_display()} ({self.get_state_display()})"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.municipality_id:
            if self.item_id and not self.item.per_municipality:
                errors.setdefault("municipality", []).append(
                    _("Dit item wordt niet per gemeente beoordeeld.")
                )
            if self.municipality.region_id != self.region_id:
                errors.setdefault("municipality", []).append(
                    _("Deze gemeente hoort bij een andere regio.")
                )
        if errors:
            raise ValidationError(errors)


class FrozenError(Exception):
    """A peilmoment is immutable once frozen."""


class Snapshot(models.Model):
    """A peilmoment: the region's statuses as they were on ``date``. Never changed later."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("regio")
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="snapshots", verbose_name=_("raamwerk")
    )
    date = models.DateField(_("peildatum"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    frozen_by_name = models.CharField(
        _("vastgelegd door (naam)"),
        max_length=200,
        blank=True,
        help_text=_(
            "De naam als tekst, voor een peilmoment zonder gebruiker in dit portaal "
            "(bijvoorbeeld uit een ingelezen regiobestand)."
        ),
    )
    frozen_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("peilmoment")
        verbose_name_plural = _("peilmomenten")
        ordering = ["region", "date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "date"], name="one_snapshot_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.region} — {self.date:%d-%m-%Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise FrozenError("Een peilmoment ligt vast en kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    @property
    def frozen_by_label(self) -> str:
        """Who froze it: the account's name, or the name an import kept ("" for nobody)."""
        return user_label(self.frozen_by, self.frozen_by_name)


class SnapshotScore(models.Model):
    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.CASCADE, related_name="scores", verbose_name=_("peilmoment")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="snapshot_scores", verbose_name=_("item")
    )
    code = models.CharField(_("code"), max_length=10)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="snapshot_scores",
        verbose_name=_("gemeente"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)

    class Meta:
        verbose_name = _("score van een peilmoment")
        verbose_name_plural = _("scores van peilmomenten")
        ordering = ["snapshot", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.get_status_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise FrozenError("Een peilmoment ligt vast en kan niet worden gewijzigd.")
        super().save(*args, **kwargs)
