"""Choices of the notifications app. Keys are stable (stored); labels are Dutch."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailKind(models.TextChoices):
    """The kinds of mail the portal sends; each user chooses a delivery mode per kind."""

    TREKKER = "trekker", _("U bent trekker of actiehouder geworden")
    AGENDA_VERZONDEN = "agenda_verzonden", _("De agenda van een vergadering is verzonden")
    AKKOORD_GEVRAAGD = "akkoord_gevraagd", _("Uw akkoord op een agenda wordt gevraagd")


class MailStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt")
    #: The mail server refused the recipient permanently (a 5xx answer): not retried.
    GEWEIGERD = "geweigerd", _("Geweigerd door de mailserver")


class DeliveryMode(models.TextChoices):
    DIRECT = "direct", _("Direct, per e-mail")
    OVERZICHT = "overzicht", _("In het overzicht")
    NIET = "niet", _("Niet")


#: The modes a user can choose today. "In het overzicht" waits for the digest (issue 20, not
#: built yet): offering it before the digest exists would silently swallow the mails.
AVAILABLE_MODES = (DeliveryMode.DIRECT, DeliveryMode.NIET)

#: Without a stored preference a kind is sent directly.
DEFAULT_MODE = DeliveryMode.DIRECT
