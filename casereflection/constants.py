"""Choices of the case reflections (DESIGN.md §5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    PERSOON = "persoon", _("Persoonscasus")
    SYSTEEM = "systeem", _("Systeemcasus")
    GEBIED = "gebied", _("Gebiedscasus")
    BELEID = "beleid", _("Beleidscasus")


class Method(models.TextChoices):
    MOREEL_BERAAD = "moreel_beraad", _("Moreel beraad")
    SOCRATISCH = "socratisch_gesprek", _("Socratisch gesprek")
    ANDERS = "anders", _("Andere methode")


class ReflectionStatus(models.TextChoices):
    """The lifecycle, in this order; ``casereflection.services.reflection_advance`` enforces it."""

    GEPLAND = "gepland", _("Gepland")
    VOORBEREID = "voorbereid", _("Voorbereid")
    BESPROKEN = "besproken", _("Besproken")
    AANGEBODEN = "aangeboden", _("Aangeboden aan de Stamtafel")
    GECONCLUDEERD = "geconcludeerd", _("Geconcludeerd")
    OPGEVOLGD = "opgevolgd", _("Opgevolgd")


STATUS_ORDER = list(ReflectionStatus.values)


def status_index(status: str) -> int:
    return STATUS_ORDER.index(status)


class Priority(models.IntegerChoices):
    HOOG = 1, _("Hoog")
    MIDDEN = 2, _("Midden")
    LAAG = 3, _("Laag")


# The case text: never shown to national readers (vng_advisor, functioneel beheerder), in no
# page, export, feed or PDF. The title is included: it describes the case, even if it is
# written to be non-identifying.
CASE_TEXT_FIELDS = (
    "title",
    "summary",
    "answer_principles",
    "answer_administration",
    "answer_justice",
    "dilemma",
    "insights",
    "proposal",
)

# The case text plus the three notes, which describe the case as well: checked by the
# personal-data guard on every save, and never loaded or shown for national readers.
HIDDEN_FIELDS = (*CASE_TEXT_FIELDS, "method_note", "rotation_note", "follow_up_note")
GUARDED_REFLECTION_FIELDS = HIDDEN_FIELDS

# What a reader without the case text may see of a reflection (and all that is loaded then).
PUBLIC_FIELDS = (
    "id",
    "version",
    "region",
    "year",
    "quarter",
    "sub_region",
    "case_kind",
    "method",
    "facilitator",
    "planned_on",
    "held_on",
    "offered_on",
    "status",
)
GUARDED_CONCLUSION_FIELDS = ("title", "common_challenge", "assignment", "note")

# Statuses in which the gespreksleider (a participant) may still edit the content.
FACILITATOR_EDITABLE = (
    ReflectionStatus.GEPLAND,
    ReflectionStatus.VOORBEREID,
    ReflectionStatus.BESPROKEN,
)

QUARTERS_SHOWN = 12  # the overview: the quarters of the last three years
