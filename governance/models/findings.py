"""A secretary's answer to a structure finding: "bewust zo ingericht, omdat …"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.models.base import Versioned, history
from governance.models.query import RegionScopedQuerySet
from governance.models.region import Region


class FindingAnswer(Versioned):
    """The answer to one finding of one region, identified by the check's code and the
    finding's subject (a stable key of what the finding is about, e.g. ``body:12``).

    The answer holds while its review date has not passed and the facts behind the finding are
    unchanged: ``facts`` is a fingerprint of those facts at the moment of answering. When
    either no longer holds, the finding is open again; the answer stays as it was (with its
    history) until the secretary answers again or withdraws it."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="finding_answers",
        verbose_name=_("regio"),
    )
    check_code = models.CharField(_("controle"), max_length=60)
    subject = models.CharField(_("onderwerp"), max_length=200)
    facts = models.CharField(
        _("vingerafdruk van de feiten"),
        max_length=64,
        help_text=_("Verandert een van de feiten achter de bevinding, dan vervalt het antwoord."),
    )
    reason = models.TextField(_("reden"), max_length=2000)
    review_on = models.DateField(
        _("opnieuw bekijken op"),
        null=True,
        blank=True,
        help_text=_("Op deze datum komt de bevinding vanzelf terug. Leeg: geen datum."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    answered_by_name = models.CharField(_("naam van wie beantwoordde"), max_length=200)
    answered_at = models.DateTimeField(_("beantwoord op"))
    history = history()
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("antwoord op een bevinding")
        verbose_name_plural = _("antwoorden op bevindingen")
        ordering = ["check_code", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "check_code", "subject"], name="unique_finding_answer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.check_code} · {self.subject}"
