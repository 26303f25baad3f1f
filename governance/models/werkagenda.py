"""The dynamic werkagenda: knelpunten per theme and actions moving voorraad → actie → gereed.

Moving an action between lists is a service (``governance.werkagenda``), never a plain edit:
the list rules are checked there and every move leaves an ``ActionUpdate``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import user_label
from governance.constants import (
    ActionList,
    ActionOrigin,
    ActionUpdateKind,
    ClosedReason,
    KnelpuntSource,
    KnelpuntStatus,
    Weight,
)
from governance.models.base import Versioned, history
from governance.models.body import Body, Membership
from governance.models.query import ActionQuerySet, ActionUpdateQuerySet, RegionScopedQuerySet
from governance.models.region import Organisation, Person, Region, Theme


class Knelpunt(Versioned):
    """A concrete bottleneck in system, policy, work processes or collaboration."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="knelpunten", verbose_name=_("regio")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="knelpunten", verbose_name=_("thema")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    source = models.CharField(
        _("bron"), max_length=30, choices=KnelpuntSource.choices, default=KnelpuntSource.OVERIG
    )
    source_note = models.CharField(
        _("toelichting op de bron"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld welke partner of welke reflectie het knelpunt aandroeg."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=KnelpuntStatus.choices, default=KnelpuntStatus.OPEN
    )
    signalled_on = models.DateField(_("gesignaleerd op"), default=timezone.localdate)
    history = history()
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ["theme__name", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        url = reverse("governance:knelpunt_list", kwargs={"region": self.region.slug})
        return f"{url}#knelpunt-{self.pk}"


class Action(Versioned):
    """An action of the werkagenda."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="actions", verbose_name=_("regio")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("thema"),
        help_text=_("Leeg voor een actie die over alle thema's gaat."),
    )
    list = models.CharField(
        _("lijst"), max_length=10, choices=ActionList.choices, default=ActionList.VOORRAAD
    )
    list_since = models.DateField(_("op deze lijst sinds"), default=timezone.localdate)
    closed_reason = models.CharField(
        _("reden van afsluiten"), max_length=20, choices=ClosedReason.choices, blank=True
    )
    closing_note = models.TextField(_("toelichting bij het afsluiten"), blank=True)
    importance = models.PositiveSmallIntegerField(
        _("belang en urgentie"), choices=Weight.choices, null=True, blank=True
    )
    feasibility = models.PositiveSmallIntegerField(
        _("uitvoerbaarheid"),
        choices=Weight.choices,
        null=True,
        blank=True,
        help_text=_("Hoog: goed uitvoerbaar, weinig complex."),
    )
    impact = models.PositiveSmallIntegerField(
        _("impact op de praktijk"), choices=Weight.choices, null=True, blank=True
    )
    trekker = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trekker_of",
        verbose_name=_("bestuurlijk trekker"),
        help_text=_("Een bestuurder die nu lid is van een gremium van de regio."),
    )
    owner = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("actiehouder"),
        help_text=_("Wie het werk doet en de voortgang bijhoudt."),
    )
    owning_body = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("eigenaar (gremium)"),
    )
    coalition = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="coalition_actions",
        verbose_name=_("coalitie van partners"),
    )
    knelpunten = models.ManyToManyField(
        Knelpunt, blank=True, related_name="actions", verbose_name=_("knelpunten")
    )
    due_date = models.DateField(_("termijn"), null=True, blank=True)
    origin = models.CharField(
        _("herkomst"), max_length=30, choices=ActionOrigin.choices, blank=True
    )
    origin_note = models.CharField(_("toelichting op de herkomst"), max_length=250, blank=True)
    origin_agenda_item = models.ForeignKey(
        "governance.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_actions",
        verbose_name=_("besluit (agendapunt)"),
    )
    created_on = models.DateField(_("aangemaakt op"), default=timezone.localdate)
    history = history()
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:action", kwargs={"region": self.region.slug, "pk": self.pk})

    @property
    def score(self) -> int | None:
        """Combined weighing: the sum of the three criteria (3–9), None until all are set."""
        parts = (self.importance, self.feasibility, self.impact)
        return None if None in parts else sum(parts)

    @property
    def is_weighed(self) -> bool:
        return self.score is not None

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.list != ActionList.GEREED and self.due_date is not None and self.due_date < today
        )

    def clean(self) -> None:
        errors: dict[str, list] = {}
        region_id = self.region_id
        if self.trekker_id and self.trekker.body.region_id != region_id:
            errors.setdefault("trekker", []).append(_("Deze trekker is van een andere regio."))
        if self.owning_body_id and self.owning_body.region_id != region_id:
            errors.setdefault("owning_body", []).append(_("Dit gremium is van een andere regio."))
        if self.owner_id and self.owner.region_id != region_id:
            errors.setdefault("owner", []).append(_("Deze persoon is van een andere regio."))
        if self.list != ActionList.GEREED and (self.closed_reason or self.closing_note):
            errors.setdefault("closed_reason", []).append(
                _("Alleen een actie op de gereedlijst heeft een reden van afsluiten.")
            )
        if errors:
            raise ValidationError(errors)


class ActionUpdate(models.Model):
    """One entry in an action's log: progress, a move between lists, its creation."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("actie")
    )
    date = models.DateField(_("datum"), default=timezone.localdate)
    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=ActionUpdateKind.choices,
        default=ActionUpdateKind.VOORTGANG,
    )
    from_list = models.CharField(
        _("van lijst"), max_length=10, choices=ActionList.choices, blank=True
    )
    to_list = models.CharField(
        _("naar lijst"), max_length=10, choices=ActionList.choices, blank=True
    )
    text = models.TextField(_("toelichting"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    author_name = models.CharField(
        _("auteur (naam)"),
        max_length=200,
        blank=True,
        help_text=_(
            "De naam van de auteur als tekst, voor een logregel zonder gebruiker in dit portaal "
            "(bijvoorbeeld uit een ingelezen regiobestand)."
        ),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    objects = ActionUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie-update")
        verbose_name_plural = _("actie-updates")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.action} — {self.get_kind_display()} {self.date:%d-%m-%Y}"

    @property
    def author_label(self) -> str:
        """Who wrote it: the account's name, or the name an import kept ("" for nobody)."""
        return user_label(self.author, self.author_name)
