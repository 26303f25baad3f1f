"""Meetings of a body, their agenda items and the documents (vergaderstukken) on them."""

from __future__ import annotations

import secrets
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.constants import AgendaItemKind, AgendaState, MeetingStatus
from governance.models.base import Versioned, history
from governance.models.body import Body
from governance.models.query import AgendaItemQuerySet, DocumentQuerySet, MeetingQuerySet
from governance.models.werkagenda import Action, Knelpunt


class Meeting(Versioned):
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("gremium")
    )
    title = models.CharField(
        _("titel"),
        max_length=200,
        blank=True,
        help_text=_("Leeg: de naam van het gremium."),
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"), null=True, blank=True)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.GEPLAND
    )
    note = models.TextField(_("toelichting"), blank=True)
    # The agenda's way out: concept (secretary) → ter vaststelling (chair) → definitief.
    agenda_state = models.CharField(
        _("agenda"), max_length=20, choices=AgendaState.choices, default=AgendaState.CONCEPT
    )
    agenda_submitted_at = models.DateTimeField(
        _("ter vaststelling aangeboden op"), null=True, blank=True
    )
    agenda_published_at = models.DateTimeField(_("agenda verzonden op"), null=True, blank=True)
    agenda_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda vastgesteld door"),
    )
    agenda_publish_reason = models.CharField(
        _("reden voor direct verzenden"),
        max_length=300,
        blank=True,
        help_text=_(
            "Als de secretaris verzendt zonder de voorzitter in het portaal, "
            "bijv. ‘voorzitter akkoord per mail’."
        ),
    )
    agenda_chair_remark = models.TextField(
        _("opmerking van de voorzitter"),
        blank=True,
        help_text=_("Waarom de voorzitter de agenda terugstuurde."),
    )
    history = history()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at) if self.starts_at else None
        when = local.strftime("%d-%m-%Y") if local else ""
        return f"{self.display_title} {when}".strip()

    @property
    def display_title(self) -> str:
        return self.title or self.body.name

    def has_adopted_minutes(self) -> bool:
        """Minutes of this meeting were adopted: its outcomes, verslag texts and attendance
        are final (a correction is a new version of the minutes, not an edit)."""
        return self.minutes_versions.filter(state="vastgesteld").exists()

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:meeting", kwargs={"region": self.body.region.slug, "pk": self.pk}
        )

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors.setdefault("ends_at", []).append(_("Het einde moet na het begin liggen."))
        if self.body_id and self.starts_at:
            day = timezone.localtime(self.starts_at).date()
            body = self.body
            if body.dissolved_on and day >= body.dissolved_on:
                errors.setdefault("starts_at", []).append(
                    _("%(body)s is opgeheven per %(date)s.")
                    % {"body": body.name, "date": body.dissolved_on.strftime("%d-%m-%Y")}
                )
            if body.established_on and day < body.established_on:
                errors.setdefault("starts_at", []).append(
                    _("%(body)s is pas ingesteld op %(date)s.")
                    % {"body": body.name, "date": body.established_on.strftime("%d-%m-%Y")}
                )
        if errors:
            raise ValidationError(errors)


class AgendaItem(Versioned):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("vergadering")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(
        _("soort"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.BESPREKEN
    )
    description = models.TextField(_("toelichting"), blank=True)
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("actie"),
    )
    knelpunt = models.ForeignKey(
        Knelpunt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("knelpunt"),
    )
    outcome = models.TextField(
        _("uitkomst"), blank=True, help_text=_("Na de vergadering: wat is besproken of besloten.")
    )
    minutes_text = models.TextField(
        _("verslag"),
        blank=True,
        help_text=_("Kort: wat is er besproken. Komt in het verslag, niet in de besluitenlijst."),
    )
    adopts_minutes_of = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoption_items",
        verbose_name=_("stelt het verslag vast van"),
    )
    history = history()
    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        region_id = self.meeting.body.region_id if self.meeting_id else None
        if self.action_id and self.action.region_id != region_id:
            errors.setdefault("action", []).append(_("Deze actie is van een andere regio."))
        if self.knelpunt_id and self.knelpunt.region_id != region_id:
            errors.setdefault("knelpunt", []).append(_("Dit knelpunt is van een andere regio."))
        if errors:
            raise ValidationError(errors)


def document_path(instance: Document, filename: str) -> str:
    """A name we choose: never the uploader's file name (that is kept as ``original_name``)."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"vergaderstukken/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Document(Versioned):
    """A vergaderstuk on an agenda item. Replacing the file keeps the earlier one in history."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="documents", verbose_name=_("agendapunt")
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geüpload door"),
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    history = history()
    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("vergaderstuk")
        verbose_name_plural = _("vergaderstukken")
        ordering = ["agenda_item", "title"]

    def __str__(self) -> str:
        return self.title


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret part of a user's calendar (iCal) addresses. Renewing it revokes old links."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("gebruiker"),
    )
    token = models.CharField(_("sleutel"), max_length=64, unique=True, default=new_token)
    renewed_at = models.DateTimeField(_("vernieuwd op"), default=timezone.now)

    class Meta:
        verbose_name = _("agendakoppeling")
        verbose_name_plural = _("agendakoppelingen")

    def __str__(self) -> str:
        return str(self.user)
