"""Rules about the "evalueren vóór" dates of bodies and their mandates (issue 20): an
evaluation that comes within 60 days (*Evaluatie nadert*) and one whose date has come
(*Evaluatie verlopen*).

Both rules read what :func:`~governance.checks.structure._load` already loaded (the active
bodies and their current mandates), so they cost no query. A body gives at most one finding of
each rule, with subject ``body:<pk>``, naming the body and every current mandate of it that is
due; the facts behind it (governance/checks/facts.py) include the body and its current
mandates with their dates, so an answered finding comes back when a date changes. The
definition of *due* is :func:`governance.selectors.reevaluation.evaluation_state`, shared with
the digest.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.checks.base import Finding, _finding, _url, join_names, long_date
from governance.checks.structure import _Structure
from governance.models import Body, Mandate
from governance.selectors.reevaluation import NADERT, VERLOPEN, evaluation_state


def _due(s: _Structure, body: Body, state: str) -> list[tuple[Body | Mandate, date]]:
    """The body and its current mandates whose evaluation is in ``state`` on ``s.on``."""
    due: list[tuple[Body | Mandate, date]] = []
    if evaluation_state(body.evaluate_before, s.on) == state:
        due.append((body, body.evaluate_before))
    mandates = sorted(s.mandates.get(body.pk, ()), key=lambda m: (m.evaluate_before or s.on, m.pk))
    for mandate in mandates:
        if evaluation_state(mandate.evaluate_before, s.on) == state:
            due.append((mandate, mandate.evaluate_before))
    return due


def _what(obj: Body | Mandate, when: date) -> str:
    if isinstance(obj, Body):
        return _("het gremium zelf (vóór %(date)s)") % {"date": long_date(when)}
    return _("het mandaat ‘%(mandate)s’ (vóór %(date)s)") % {
        "mandate": obj,
        "date": long_date(when),
    }


def _fix(s: _Structure, body: Body, due: list) -> tuple[str, str]:
    """Where the date is changed: the body's form, or the form of its one mandate."""
    if len(due) == 1 and isinstance(due[0][0], Mandate):
        return _url("mandate_edit", region=s.region.slug, obj=due[0][0].pk), _("Mandaat wijzigen")
    if any(isinstance(obj, Body) for obj, _when in due):
        return _url("body_edit", region=s.region.slug, pk=body.pk), _("Gremium wijzigen")
    return _url("body", region=s.region.slug, pk=body.pk), _("Mandaten bekijken")


def _evaluation_due(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        due = _due(s, body, NADERT)
        if not due:
            continue
        first = min(when for _obj, when in due)
        days = (first - s.on).days
        url, label = _fix(s, body, due)
        yield _finding(
            "evaluation_due",
            _(
                "Bij %(body)s staat een evaluatie gepland voor %(what)s; de eerste is over "
                "%(days)s. Plan de evaluatie, en leg na afloop de volgende datum vast of maak "
                "het veld leeg."
            )
            % {
                "body": body.name,
                "what": join_names(_what(obj, when) for obj, when in due),
                "days": ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days},
            },
            url,
            label,
            body.pk,
        )


def _evaluation_overdue(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        due = _due(s, body, VERLOPEN)
        if not due:
            continue
        url, label = _fix(s, body, due)
        yield _finding(
            "evaluation_overdue",
            _(
                "Bij %(body)s had een evaluatie moeten plaatsvinden voor %(what)s. Zonder "
                "evaluatie blijft onduidelijk of de tafel of het mandaat nog nodig is en goed "
                "werkt. Evalueer, en leg daarna de volgende datum vast of maak het veld leeg."
            )
            % {"body": body.name, "what": join_names(_what(obj, when) for obj, when in due)},
            url,
            label,
            body.pk,
        )
