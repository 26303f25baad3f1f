from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: D102
        raise ValidationError(_("Het auditlog kan niet worden gewijzigd."))


class AuditEvent(models.Model):
    """One line of the append-only audit log: who did what, when, from which address.

    Never holds passwords, codes, tokens or case text: ``detail`` is written by
    ``accounts.audit.record`` only, from fixed Dutch phrases and object names. Rows are removed
    only by ``purge_audit_log`` after the retention period (a bulk delete of old rows).
    """

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    #: The username as it was (kept when the account is gone, and for failed attempts).
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    #: A key of ``accounts.audit.KINDS`` (no database choices: a new kind needs no migration).
    kind = models.CharField(_("soort"), max_length=40, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    #: What it was about, e.g. "Casusreflectie 12 (regio NOG)" or "rol secretaris in NOG".
    target = models.CharField(_("waarover"), max_length=300, blank=True)
    detail = models.CharField(_("toelichting"), max_length=500, blank=True)
    region_pk = models.BigIntegerField(_("regio"), null=True, blank=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "-at"], name="audit_user_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("Het auditlog kan niet worden gewijzigd."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Een auditregel kan niet los worden verwijderd."))


class UserSession(models.Model):
    """A signed-in session of a user, for "Mijn sessies" and "overal elders uitloggen"."""

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_sessions"
    )
    created = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    last_seen = models.DateTimeField(_("laatst actief"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    route = models.CharField(_("aangemeld via"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.user} {self.created:%Y-%m-%d %H:%M}"


class OIDCIdentity(models.Model):
    """The link between an account and a subject at an OpenID Connect provider.

    An account is found by (provider, subject), never by e-mail address alone: an address that
    changes at the provider keeps the same account."""

    provider = models.CharField(_("aanbieder"), max_length=50)
    subject = models.CharField(_("kenmerk bij de aanbieder"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identities"
    )
    created = models.DateTimeField(_("gekoppeld op"), default=timezone.now)
    last_login = models.DateTimeField(_("laatst aangemeld"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling met aanbieder")
        verbose_name_plural = _("koppelingen met aanbieders")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="unique_oidc_subject")
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject} → {self.user}"


class OIDCLinkRequest(models.Model):
    """A first sign-in through a provider whose e-mail address matches an existing account.

    The account is not linked until the functioneel beheerder approves; meanwhile the person
    cannot sign in through that provider."""

    class Decision(models.TextChoices):
        OPEN = "open", _("open")
        APPROVED = "approved", _("gekoppeld")
        REJECTED = "rejected", _("afgewezen")

    provider = models.CharField(_("aanbieder"), max_length=50)
    subject = models.CharField(_("kenmerk bij de aanbieder"), max_length=255)
    email = models.EmailField(_("e-mailadres"), blank=True)
    name = models.CharField(_("naam bij de aanbieder"), max_length=300, blank=True)
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oidc_link_requests",
        verbose_name=_("bestaand account"),
    )
    created = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    decision = models.CharField(
        _("besluit"), max_length=10, choices=Decision.choices, default=Decision.OPEN
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )

    class Meta:
        verbose_name = _("koppelverzoek")
        verbose_name_plural = _("koppelverzoeken")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"],
                condition=models.Q(decision="open"),
                name="one_open_link_request_per_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject} → {self.candidate}?"


class Passkey(models.Model):
    """A WebAuthn credential (passkey) of a user: a second factor, or a passwordless sign-in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="passkeys"
    )
    name = models.CharField(_("naam"), max_length=100)
    credential_id = models.BinaryField(unique=True)
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(_("toegevoegd op"), default=timezone.now)
    last_used = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")
        ordering = ["created"]

    def __str__(self) -> str:
        return f"{self.user}: {self.name}"


class OIDCSession(models.Model):
    """Which portal session a provider's session (its ``sid``) signed in, so that the
    provider's back-channel logout can end exactly those sessions."""

    provider = models.CharField(_("aanbieder"), max_length=50)
    #: The provider's session id (``sid`` claim); empty when the provider sends none.
    sid = models.CharField(max_length=255, blank=True)
    subject = models.CharField(_("kenmerk bij de aanbieder"), max_length=255)
    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sessie bij aanbieder")
        verbose_name_plural = _("sessies bij aanbieders")
        indexes = [
            models.Index(fields=["provider", "sid"], name="oidc_session_sid"),
            models.Index(fields=["provider", "subject"], name="oidc_session_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.sid or self.subject}"
