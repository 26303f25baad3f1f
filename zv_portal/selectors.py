"""Reads for the cross-app dashboards."""

from __future__ import annotations

from governance import selectors as governance_selectors
from governance.checks import run_checks
from governance.models import Region
from zv_portal.roles import reads_all_regions, roles_by_region


def home(user) -> dict:
    by_region = roles_by_region(user)
    # The user's own regions get their structure-check findings; a bounded set (people hold
    # roles in one or two regions). National readers get the annotated region table instead.
    own = list(Region.objects.filter(pk__in=by_region.keys()).order_by("name"))
    cards = []
    for region in own:
        findings = run_checks(region)
        cards.append(
            {
                "region": region,
                "roles": sorted(by_region.get(region.pk, ())),
                "findings": findings,
                "high": sum(1 for f in findings if f.severity == "hoog"),
            }
        )
    context = {"cards": cards, "national": reads_all_regions(user)}
    if context["national"]:
        context["all_regions"] = governance_selectors.region_list(user)
    return context
