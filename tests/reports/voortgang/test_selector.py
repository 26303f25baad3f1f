"""The voortgangsrapportage: the content of each section, with its stand-per semantics."""

from __future__ import annotations

import pytest

from casereflection.constants import CASE_TEXT_FIELDS
from dashboard.reports.selectors.voortgang import SECTIONS
from governance.constants import ActionList
from governance.models import ActionUpdate
from tests.reports.voortgang.support import (
    DEFAULT_SINDS,
    EARLY_STAND,
    ESCAPED_TITLE,
    NOTES,
    PAST_STAND,
    TODAY,
    day,
    gereed,
    items_by_code,
    report,
)

pytestmark = pytest.mark.django_db


class TestChecklist:
    def test_today_reads_the_live_assessments(self, region, secretary, world):
        data = report(region, secretary)
        assert [s.id for s in data["sections"]] == [s.id for s in SECTIONS]
        assert data["checklist"].kind == "live"
        items = items_by_code(data)
        assert len(items) == 34
        assert [b.key for b in data["checklist"].stages] == [
            "input",
            "activiteiten",
            "output",
            "mechanismen",
            "outcome",
        ]
        assert items["I1"].status_label == "Gerealiseerd"
        assert items["I1"].assessed_on == day(25)
        assert items["O1"].status_label == "In ontwikkeling"
        assert items["I2"].status_label == "Niet beoordeeld"
        assert items["I2"].assessed_on is None
        total = data["checklist_summary"][-1]
        assert total.is_total and total.total == 34 and total.realised == 1

    def test_a_past_stand_reads_the_latest_peilmoment_before_it(self, region, secretary, world):
        data = report(region, secretary, stand=PAST_STAND)
        source = data["checklist"]
        assert source.kind == "peilmoment"
        assert source.snapshot.date == day(60)
        assert source.snapshot.note == "Stamtafel voorjaar"
        items = items_by_code(data)
        # As frozen, with the assessment date of that moment — not the later re-assessment.
        assert items["I1"].status_label == "Verkend"
        assert items["I1"].assessed_on == day(90)
        assert items["I2"].status_label == "Niet gestart"  # a peilmoment scores every item

    def test_a_stand_on_the_peildatum_uses_that_peilmoment(self, region, secretary, world):
        data = report(region, secretary, stand=day(20))
        assert data["checklist"].snapshot.date == day(20)
        assert items_by_code(data)["I1"].status_label == "Gerealiseerd"

    def test_before_any_peilmoment_there_is_no_table(self, region, secretary, world):
        data = report(region, secretary, stand=EARLY_STAND)
        assert data["checklist"].kind == "geen"
        assert data["checklist"].stages == []
        assert data["municipality_items"] == []


class TestProgressAndMunicipalities:
    def test_progress_chart_up_to_stand(self, region, secretary, world):
        data = report(region, secretary)["progress"]
        assert [s.date for s in data["snapshots"]] == [day(60), day(20)]
        assert data["chart"].startswith("<svg") and "Input" in data["chart"]
        assert "Stamtafel" not in data["alt"]  # a description of numbers, per stage
        assert day(60).strftime("%d-%m-%Y") in data["alt"]
        rows = [r for r in data["table"] if r.stage_label == "Input"]
        assert [(r.date, r.counts[1], r.counts[3]) for r in rows] == [
            (day(60), 1, 0),  # I1 verkend
            (day(20), 0, 1),  # I1 gerealiseerd
        ]

        past = report(region, secretary, stand=PAST_STAND)["progress"]
        assert [s.date for s in past["snapshots"]] == [day(60)]
        assert {r.date for r in past["table"]} == {day(60)}
        assert day(20).strftime("%d-%m-%Y") not in past["chart"]

        early = report(region, secretary, stand=EARLY_STAND)["progress"]
        assert early["snapshots"] == [] and early["chart"] == "" and early["table"] == []

    def test_outcomes_per_municipality_live(self, region, secretary, world):
        data = report(region, secretary)
        u1 = next(i for i in data["municipality_items"] if i.code == "U1")
        assert [i.code for i in data["municipality_items"]] == ["U1", "U2", "U3"]
        counts = {s.label: s.count for s in u1.rollup.segments}
        assert counts == {
            "Niet gestart": 0,
            "Verkend": 1,
            "In ontwikkeling": 0,
            "Gerealiseerd": 0,
            "Geborgd": 1,
            "Niet beoordeeld": 1,
        }
        assert u1.rollup.summary == "1 van 3 gemeenten gerealiseerd of beter"
        assert u1.realised_names == ["Apeldoorn"]
        rows = {r.name: [label for _s, label, _m in r.cells] for r in data["municipality_rows"]}
        assert rows == {
            "Apeldoorn": ["Geborgd", "Niet beoordeeld", "Niet beoordeeld"],
            "Lochem": ["Niet beoordeeld"] * 3,
            "Zutphen": ["Verkend", "Niet beoordeeld", "Niet beoordeeld"],
        }

    def test_outcomes_per_municipality_follow_the_peilmoment(self, region, secretary, world):
        data = report(region, secretary, stand=PAST_STAND)
        u1 = data["municipality_items"][0]
        assert u1.code == "U1"
        assert u1.rollup.summary == "0 van 3 gemeenten gerealiseerd of beter"
        assert u1.statuses == {"Apeldoorn": "in_ontwikkeling", "Zutphen": "verkend"}


class TestDrukteActionsConclusions:
    def test_drukte_compares_sinds_with_stand(self, region, secretary, world):
        data = report(region, secretary)["drukte"]
        assert data["figures"].since == DEFAULT_SINDS and data["figures"].today == TODAY
        total = data["figures"].total
        assert total.then.admin_hours > total.now.admin_hours
        # "Regiegroep oud" was dissolved in the period: one body, one burgemeester fewer.
        assert total.then.bodies - total.now.bodies == 1
        row = next(r for r in data["rows"] if r.figure == "bodies" and r.is_total)
        assert row.change_display == "-1"
        years = {y.year: (y.added, y.ended) for y in data["figures"].years}
        assert years[2019] == (1, 0) and years[2021] == (1, 0)
        assert years[day(10).year][1] == 1
        assert data["chart"].startswith("<svg") and "Opgeheven" in data["chart"]
        assert "ingesteld" in data["alt"]

    def test_completed_actions_in_the_period(self, region, secretary, world):
        rows = report(region, secretary)["completed_actions"]
        assert [(r.title, r.date) for r in rows] == [
            ("Wegwijzer voor huisartsen", day(45)),
            ("Teruggehaalde actie", day(20)),
            (ESCAPED_TITLE, day(10)),
        ]
        by_title = {r.title: r for r in rows}
        assert by_title[ESCAPED_TITLE].reason == "Afgerond"
        assert by_title["Wegwijzer voor huisartsen"].reason == "Elders belegd"
        assert by_title[ESCAPED_TITLE].trekker.startswith("Wethouder Van Dijk — ")
        assert by_title[ESCAPED_TITLE].theme
        assert by_title["Teruggehaalde actie"].reason.startswith("Later teruggehaald")
        assert "actielijst" in by_title["Teruggehaalde actie"].reason

        past = report(region, secretary, stand=PAST_STAND)["completed_actions"]
        assert [r.title for r in past] == ["Wegwijzer voor huisartsen"]

    def test_conclusions_in_the_period_without_case_text(self, region, secretary, world):
        rows = report(region, secretary)["conclusions"]
        assert len(rows) == 1
        row = rows[0]
        c = row.conclusion
        assert c.title == "Signalen eerder delen met de wijkteams"
        assert c.get_priority_display() == "Hoog"
        assert row.quarter == world["reflection"].quarter_label
        assert row.contact.startswith("Marieke de Wit — ")
        assert row.action_state == "actielijst"
        assert row.action_due == day(-60) and not row.overdue
        # Nothing of the case text is in memory, not even for a secretary.
        assert c.note == ""
        for name in (*CASE_TEXT_FIELDS, *NOTES):
            assert getattr(c.reflection, name) == ""
        # Outside the period.
        assert report(region, secretary, stand=PAST_STAND)["conclusions"] == []

    def test_the_action_state_is_the_one_on_stand(self, region, secretary, world):
        action = world["conclusion"].action
        # The action was logged as created on the day of the conclusion, and closed later.
        ActionUpdate.objects.filter(action=action).update(date=day(15))
        action.list = ActionList.GEREED
        action.closed_reason = "afgerond"
        action.save()
        gereed(action, day(5))
        assert report(region, secretary)["conclusions"][0].action_state == "gereedlijst"
        row = report(region, secretary, stand=day(10), sinds=day(30))["conclusions"][0]
        assert row.action_state == "actielijst"
        assert row.overdue is False

    def test_before_its_first_log_entry_an_action_is_on_its_first_list(
        self, region, secretary, world
    ):
        action = world["conclusion"].action  # its log starts today (the day it was recorded)
        action.list = ActionList.GEREED
        action.closed_reason = "afgerond"
        action.save()
        gereed(action, TODAY)
        row = report(region, secretary, stand=day(1), sinds=day(30))["conclusions"][0]
        assert row.action_state == "actielijst"
