"""Choices of the beleidstheorie checklist."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The five stages of the beleidstheorie, in the order of the praatplaat."""

    INPUT = "input", _("Input")
    ACTIVITEITEN = "activiteiten", _("Activiteiten")
    OUTPUT = "output", _("Output")
    MECHANISMEN = "mechanismen", _("Mechanismen")
    OUTCOME = "outcome", _("Outcome")


STAGE_ORDER = {stage: index for index, stage in enumerate(Stage.values)}


class Status(models.TextChoices):
    """Five steps, from nothing to anchored. Order matters: see ``STATUS_RANK``."""

    NIET_GESTART = "niet_gestart", _("Niet gestart")
    VERKEND = "verkend", _("Verkend")
    IN_ONTWIKKELING = "in_ontwikkeling", _("In ontwikkeling")
    GEREALISEERD = "gerealiseerd", _("Gerealiseerd")
    GEBORGD = "geborgd", _("Geborgd")


STATUS_RANK = {status: index for index, status in enumerate(Status.values)}
REALISED = (Status.GEREALISEERD, Status.GEBORGD)


class ProposalState(models.TextChoices):
    OPEN = "open", _("Open")
    AANGENOMEN = "aangenomen", _("Overgenomen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
