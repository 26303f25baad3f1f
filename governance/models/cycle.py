"""The meeting cycle around a meeting: attendance, changes after the agenda went out, the
minutes (verslag) and their versions, and the members' personal notes on stukken."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.constants import AgendaChangeKind, AttendanceStatus, MinutesState
from governance.models.base import Versioned, history
from governance.models.body import Membership
from governance.models.meeting import AgendaItem, Document, Meeting
from governance.models.query import RegionScopedQuerySet
from governance.models.region import Person


class MeetingScopedQuerySet(RegionScopedQuerySet):
    region_path = "meeting__body__region"


class Attendance(Versioned):
    """One line of a meeting's attendance: a member (a membership of the body on the meeting
    date) or a guest (no membership; name and organisation as text).

    A member who announces absence in advance gets a line with ``announced_at``; the secretary
    records the rest after the meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("vergadering")
    )
    membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("lidmaatschap"),
    )
    status = models.CharField(_("aanwezigheid"), max_length=30, choices=AttendanceStatus.choices)
    substitute_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vervanger"),
    )
    substitute_name = models.CharField(
        _("naam van de vervanger"),
        max_length=160,
        blank=True,
        help_text=_("Als de vervanger niet bij de personen van de regio staat."),
    )
    guest_name = models.CharField(_("naam van de gast"), max_length=160, blank=True)
    guest_organisation = models.CharField(_("organisatie van de gast"), max_length=200, blank=True)
    announced_at = models.DateTimeField(_("vooraf afgemeld op"), null=True, blank=True)
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgemeld door"),
    )
    remark = models.CharField(_("opmerking"), max_length=300, blank=True)
    history = history()
    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        ordering = ["meeting", "membership", "guest_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(membership__isnull=False),
                name="unique_attendance_per_membership",
            ),
            models.CheckConstraint(
                condition=Q(membership__isnull=False) | ~Q(guest_name=""),
                name="attendance_member_or_guest",
            ),
        ]

    def __str__(self) -> str:
        who = self.membership.member_display if self.membership_id else self.guest_name
        return f"{who}: {self.get_status_display()}"

    @property
    def is_guest(self) -> bool:
        return self.membership_id is None

    @property
    def substitute_display(self) -> str:
        if self.substitute_person_id:
            return self.substitute_person.name
        return self.substitute_name


class AgendaChange(models.Model):
    """A change to an agenda after it was published: the page marks it ‘gewijzigd na
    verzending’ and says what changed. Append-only; the description names titles, not texts."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_changes",
        verbose_name=_("vergadering"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes_after_publication",
        verbose_name=_("agendapunt"),
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes_after_publication",
        verbose_name=_("stuk"),
    )
    kind = models.CharField(_("wijziging"), max_length=30, choices=AgendaChangeKind.choices)
    description = models.CharField(_("omschrijving"), max_length=400)
    at = models.DateTimeField(_("op"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijziging na verzending")
        verbose_name_plural = _("wijzigingen na verzending")
        ordering = ["meeting", "at", "pk"]

    def __str__(self) -> str:
        return self.description


ADOPTED_IS_FINAL = _(
    "Dit verslag is vastgesteld en verandert niet meer; een correctie is een nieuwe versie."
)


class Minutes(Versioned):
    """A version of the minutes (verslag and besluitenlijst) of a meeting.

    While ``concept``, the pages compose the minutes from the meeting's items and attendance.
    On adoption (a decision on the ‘vaststellen verslag’ item of a later meeting of the same
    body) ``content`` receives the composed minutes and the version becomes ``vastgesteld``:
    from then on it is never changed. A correction is a new version with a ``reason``; earlier
    versions stay readable."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="minutes_versions",
        verbose_name=_("vergadering"),
    )
    number = models.PositiveSmallIntegerField(_("versie"), default=1)
    state = models.CharField(
        _("status"), max_length=20, choices=MinutesState.choices, default=MinutesState.CONCEPT
    )
    content = models.JSONField(_("vastgestelde inhoud"), default=dict, blank=True)
    corrections = models.TextField(_("correcties bij vaststelling"), blank=True)
    reason = models.TextField(_("reden van de nieuwe versie"), blank=True)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_on_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_minutes",
        verbose_name=_("vastgesteld bij agendapunt"),
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    history = history()
    objects = MeetingScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_minutes_version")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — verslag versie {self.number} ({self.get_state_display()})"

    @property
    def is_adopted(self) -> bool:
        return self.state == MinutesState.VASTGESTELD

    def _stored_adopted(self) -> bool:
        return (
            self.pk is not None
            and type(self)
            ._default_manager.filter(pk=self.pk, state=MinutesState.VASTGESTELD)
            .exists()
        )

    def save(self, *args, **kwargs) -> None:
        """An adopted version is final: every write path (services, admin, shell) is refused
        here; a correction is a new version (``governance.services.minutes.minutes_correct``)."""
        if self._stored_adopted():
            raise ValidationError(ADOPTED_IS_FINAL)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_adopted():
            raise ValidationError(ADOPTED_IS_FINAL)
        return super().delete(*args, **kwargs)


class PersonalNote(models.Model):
    """A member's private note on an agenda item, or on one of its stukken (with an optional
    page). Visible to its author alone: no history, no export, no admin, no audit text; it goes
    away with the author's account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_notes",
        verbose_name=_("auteur"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="personal_notes",
        verbose_name=_("agendapunt"),
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="personal_notes",
        verbose_name=_("stuk"),
    )
    page = models.PositiveIntegerField(_("pagina"), null=True, blank=True)
    text = models.TextField(_("notitie"))
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("persoonlijke notitie")
        verbose_name_plural = _("persoonlijke notities")
        ordering = ["agenda_item", "document", "page", "created_at", "pk"]
        indexes = [models.Index(fields=["user", "agenda_item"], name="note_user_item")]

    def __str__(self) -> str:
        # Never the text: this string can end up in logs and admin lists.
        return str(_("Persoonlijke notitie %(pk)s")) % {"pk": self.pk}
