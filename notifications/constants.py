"""Choices of the notifications app. Keys are stable (stored); labels are Dutch."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailKind(models.TextChoices):
    """The kinds of mail the portal sends; each user chooses a delivery mode per kind."""

    TREKKER = "trekker", _("U bent trekker of actiehouder geworden")
    AGENDA_VERZONDEN = "agenda_verzonden", _("De agenda van een vergadering is verzonden")
    AKKOORD_GEVRAAGD = "akkoord_gevraagd", _("Uw akkoord op een agenda wordt gevraagd")
    AGENDA_GEWIJZIGD = "agenda_gewijzigd", _("Een verzonden agenda is gewijzigd")
    VERSLAG_VASTGESTELD = "verslag_vastgesteld", _("Het verslag van uw vergadering is vastgesteld")
    AFMELDING = "afmelding", _("Een lid heeft zich afgemeld voor een vergadering (secretaris)")
    VOORSTEL_BEOORDELING = (
        "voorstel_beoordeling",
        _("Een deelnemer stelt een beoordeling voor (secretaris)"),
    )
    # The digest itself (notifications/digest.py): not a choice per kind on Meldingen; its
    # frequency is (DigestFrequency).
    OVERZICHT = "overzicht", _("Overzicht")


class MailStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt")
    # A digest period with nothing to report: not mailed, but closed (no later run in the
    # same period sends it half a day late).
    LEEG = "leeg", _("Leeg (niet verzonden)")
    #: The mail server refused the recipient permanently (a 5xx answer): not retried.
    GEWEIGERD = "geweigerd", _("Geweigerd door de mailserver")


class DeliveryMode(models.TextChoices):
    DIRECT = "direct", _("Direct, per e-mail")
    OVERZICHT = "overzicht", _("In het overzicht")
    NIET = "niet", _("Niet")


#: The modes a user can choose per kind on Meldingen.
AVAILABLE_MODES = (DeliveryMode.DIRECT, DeliveryMode.OVERZICHT, DeliveryMode.NIET)


def event_kinds() -> list[MailKind]:
    """The kinds a user chooses a mode for: every kind but the digest itself."""
    return [kind for kind in MailKind if kind != MailKind.OVERZICHT]


class DigestFrequency(models.TextChoices):
    """How often a user gets the digest ("overzicht")."""

    WEKELIJKS = "wekelijks", _("Wekelijks, op maandagochtend")
    DAGELIJKS = "dagelijks", _("Dagelijks, elke ochtend")
    UIT = "uit", _("Geen overzicht")


#: Without a stored choice the digest comes weekly.
DEFAULT_FREQUENCY = DigestFrequency.WEKELIJKS

#: Without a stored preference a kind is sent directly.
DEFAULT_MODE = DeliveryMode.DIRECT
