"""Helpers of the structure check tests: a fixed day, the findings of one check, seats."""

from datetime import date, datetime

from django.urls import resolve
from django.utils import timezone

from governance import constants as c
from governance.checks.base import Finding
from governance.checks.run import run_checks
from tests.factories import BodyFactory, MeetingFactory, MembershipFactory

ON = date(2025, 6, 1)


def found(region, code, *, on=ON) -> list[Finding]:
    return [f for f in run_checks(region, on=on) if f.check == code]


def about(region, code, body, *, on=ON) -> list[Finding]:
    return [f for f in found(region, code, on=on) if f.concerns(body.pk)]


def seat(body, office=c.Office.OVERIG, role=c.MembershipRole.LID, **kwargs):
    return MembershipFactory(body=body, person__office=office, role=role, **kwargs)


def staffed(region, **kwargs):
    """An active body with a chair and a secretary (so only the rule under test can fire)."""
    body = BodyFactory(region=region, **kwargs)
    seat(body, c.Office.ONAFHANKELIJK, c.MembershipRole.VOORZITTER)
    seat(body, c.Office.AMBTELIJK, c.MembershipRole.NETWERKSECRETARIS)
    return body


def assert_well_formed(finding: Finding, severity: str):
    assert finding.severity == severity
    assert finding.title
    assert finding.message
    # The fix link leads to a real page of the portal.
    assert resolve(finding.fix_url.split("?")[0]).namespace == "governance"
    assert finding.fix_label


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def meet(body, day: date, **kwargs):
    return MeetingFactory(body=body, starts_at=at(day), **kwargs)
