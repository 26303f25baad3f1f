"""The record of every mail (exactly once) and each user's choice per kind of mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.constants import (
    DEFAULT_FREQUENCY,
    DeliveryMode,
    DigestFrequency,
    MailKind,
    MailStatus,
)


class SentMail(models.Model):
    """One mail to one recipient about one object (and period): queued once, sent once.

    The unique key (recipient, kind, object_key, period) is what makes a second event, a
    second run of a command or a restarted worker queue nothing new. The bodies are kept
    only until the mail is sent; afterwards the row records who got what about which object
    and when.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="sent_mails",
        verbose_name=_("ontvanger"),
    )
    address = models.EmailField(_("e-mailadres"))
    kind = models.CharField(_("soort"), max_length=30, choices=MailKind.choices)
    object_key = models.CharField(
        _("onderwerp"), max_length=80, help_text=_("Bijvoorbeeld ‘action:12:trekker’.")
    )
    period = models.CharField(
        _("periode"), max_length=20, blank=True, help_text=_("Leeg bij een gebeurtenis.")
    )
    subject = models.CharField(_("onderwerpregel"), max_length=200)
    body_text = models.TextField(_("tekst"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MailStatus.choices, default=MailStatus.WACHTRIJ
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verzonden e-mail")
        verbose_name_plural = _("verzonden e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_key", "period"],
                name="notifications_sentmail_once",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="sentmail_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.address} ({self.get_status_display()})"


class NotificationPreference(models.Model):
    """A user's choice for one kind of mail; absent means ``DEFAULT_MODE`` (direct)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("gebruiker"),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=MailKind.choices)
    mode = models.CharField(
        _("ontvangen"), max_length=20, choices=DeliveryMode.choices, default=DeliveryMode.DIRECT
    )

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_pref_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}: {self.get_mode_display()}"


class DigestSetting(models.Model):
    """How often a user gets the digest; absent means ``DEFAULT_FREQUENCY`` (weekly)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_setting",
        verbose_name=_("gebruiker"),
    )
    frequency = models.CharField(
        _("overzicht"),
        max_length=20,
        choices=DigestFrequency.choices,
        default=DEFAULT_FREQUENCY,
    )

    class Meta:
        verbose_name = _("instelling van het overzicht")
        verbose_name_plural = _("instellingen van het overzicht")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_frequency_display()}"


class DigestEntry(models.Model):
    """One line for the user's next digest.

    Two uses (notifications/digest.py):

    * an event of a kind the user wants *in het overzicht*: ``queue_mail`` records the line
      here instead of queueing a mail; the next digest lists it and sets ``digest``;
    * (kind ``overzicht``, object_key ``finding:…``) the open structure findings a digest
      saw, so that the next one reports only the new ones.

    Unique like ``SentMail``: a repeated event records one line.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_entries",
        verbose_name=_("gebruiker"),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=MailKind.choices)
    object_key = models.CharField(_("onderwerp"), max_length=80)
    period = models.CharField(_("periode"), max_length=20, blank=True)
    subject = models.CharField(_("regel"), max_length=200)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    digest = models.ForeignKey(
        SentMail,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("opgenomen in overzicht"),
    )

    class Meta:
        verbose_name = _("regel voor het overzicht")
        verbose_name_plural = _("regels voor het overzicht")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_key", "period"],
                name="notifications_digestentry_once",
            )
        ]
        indexes = [models.Index(fields=["user", "digest"], name="digestentry_pending_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.subject}"
