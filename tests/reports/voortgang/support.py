"""Dates, case-text markers and helpers of the voortgangsrapportage tests."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from casereflection.constants import CASE_TEXT_FIELDS
from checklist.models import Assessment, Framework
from dashboard.reports.base import months_before
from dashboard.reports.selectors.voortgang import SECTIONS, voortgang_report
from governance.constants import ActionList, ActionUpdateKind
from governance.models import ActionUpdate

TODAY = timezone.localdate()
DEFAULT_SINDS = months_before(TODAY, 3)
PAST_STAND = TODAY - timedelta(days=30)  # between the two peilmomenten
EARLY_STAND = TODAY - timedelta(days=70)  # before the first peilmoment
SECTION_TITLES = [s.title for s in SECTIONS]

# Case text of the reflections: one marker per field; the conclusion's note has one as well.
NOTES = ("follow_up_note", "rotation_note", "method_note")
MARKS = {name: f"mrkvoortgang{name.replace('_', '')}" for name in (*CASE_TEXT_FIELDS, *NOTES)}
CONCLUSION_NOTE = "mrkvoortgangconclusienote"
ALL_MARKS = [*MARKS.values(), CONCLUSION_NOTE]

ESCAPED_TITLE = "Convenant <b>gegevensdeling</b> & privacy"


def day(n: int) -> date:
    return TODAY - timedelta(days=n)


def url(region, *, pdf: bool = False, **params) -> str:
    name = "reports:voortgang_pdf" if pdf else "reports:voortgang"
    path = reverse(name, kwargs={"region": region.slug})
    if params:
        path += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return path


def item(code):
    return Framework.current().items.get(code=code)


def assess(region, code, status, assessed_on, municipality=None):
    return Assessment.objects.create(
        region=region,
        item=item(code),
        status=status,
        assessed_on=assessed_on,
        municipality=municipality,
    )


def reassess(assessment, status, assessed_on):
    assessment.status = status
    assessment.assessed_on = assessed_on
    assessment.save()


def gereed(action, on, *, from_list=ActionList.ACTIE):
    return ActionUpdate.objects.create(
        action=action,
        date=on,
        kind=ActionUpdateKind.VERPLAATSING,
        from_list=from_list,
        to_list=ActionList.GEREED,
    )


def report(region, user, stand=TODAY, sinds=None):
    sinds = sinds or months_before(stand, 3)
    return voortgang_report(region, stand=stand, sinds=sinds, user=user)


def items_by_code(data) -> dict:
    return {i.code: i for block in data["checklist"].stages for i in block.items}
