"""Evidence for the outcomes (U3): municipalities not represented in any active body, for the
region and per gemeente."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from checklist.evidence.base import Fact, _plain
from checklist.evidence.register import _Register
from governance.checks.base import body_active_on
from governance.models import Body, Membership, Municipality, Region


def _u3(reg: _Register) -> list[Fact]:
    url = reg.url("governance:body_list", "?status=actief")
    if not reg.municipalities:
        return [Fact(_("Er zijn geen gemeenten van de regio vastgelegd."), False, url)]
    represented = {row[3] for rows in reg.members.values() for row in rows if row[3] is not None}
    unrepresented = [(pk, name) for pk, name in reg.municipalities if pk not in represented]
    total = len(reg.municipalities)
    if not unrepresented:
        return [
            Fact(
                _("Alle %(n)d gemeenten zijn als gemeente lid van een actief gremium.")
                % {"n": total},
                True,
                url,
            )
        ]
    return [
        Fact(
            _(
                "%(n)d van %(total)d gemeenten zijn in geen enkel actief gremium "
                "vertegenwoordigd: %(names)s."
            )
            % {
                "n": len(unrepresented),
                "total": total,
                "names": _plain((name for _pk, name in unrepresented), limit=25),
            },
            False,
            url,
        )
    ]


def unrepresented_municipality_ids(region: Region, on: date | None = None) -> set[int]:
    """Ids of the region's municipalities without a seat in any active body (outcome 3).

    For per-gemeente pages; three queries.
    """
    on = on or timezone.localdate()
    active = [
        b.pk
        for b in Body.objects.filter(region=region).only(
            "pk", "status", "established_on", "dissolved_on"
        )
        if body_active_on(b, on)
    ]
    seated = set(
        Membership.objects.filter(body_id__in=active, municipality__isnull=False)
        .valid_on(on)
        .values_list("municipality_id", flat=True)
    )
    return set(
        Municipality.objects.filter(region=region)
        .exclude(pk__in=seated)
        .values_list("pk", flat=True)
    )
