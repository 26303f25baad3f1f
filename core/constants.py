from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARY = "secretary", _("Netwerksecretaris")
    BESTUURDER = "bestuurder", _("Bestuurder")
    PARTICIPANT = "participant", _("Deelnemer")
    VNG_ADVISOR = "vng_advisor", _("VNG-adviseur")


REGIONAL_ROLES = (Role.SECRETARY, Role.BESTUURDER, Role.PARTICIPANT)
