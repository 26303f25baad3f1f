"""The voortgangsrapportage: content per section (with its stand-per semantics), the HTML page,
the PDF for every role that may download it, national readers never receiving case text, bad
periods, and a query count that does not grow with the data."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from casereflection.constants import CASE_TEXT_FIELDS, ReflectionStatus
from checklist.models import Assessment, Framework, Snapshot
from checklist.services.snapshots import snapshot_freeze
from dashboard.reports.base import months_before
from dashboard.reports.selectors.voortgang import SECTIONS, voortgang_report
from governance.constants import ActionList, ActionUpdateKind, BodyStatus, Office
from governance.models import ActionUpdate
from tests.casereflection.ui_helpers import conclude, reflection, stamtafel_item
from tests.factories import (
    ActionFactory,
    BodyFactory,
    MembershipFactory,
    MunicipalityFactory,
    trekker_membership,
)
from tests.reports.pdf_helpers import assert_accessible_pdf, pdf_facts

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def world(region, secretary):
    """A region as the report meets it: three municipalities, assessments that changed between
    two peilmomenten, bodies that came and went, actions closed in and out of the period, and a
    reflection (full of case text) with a Stamtafel conclusion in the period."""
    apeldoorn = MunicipalityFactory(region=region, name="Apeldoorn")
    MunicipalityFactory(region=region, name="Lochem")
    zutphen = MunicipalityFactory(region=region, name="Zutphen")

    # Checklist: first peilmoment (day 60) with I1 verkend; then I1 and Apeldoorn's U1 improve,
    # and the second peilmoment (day 20) holds that.
    i1 = assess(region, "I1", "verkend", day(90))
    assess(region, "O1", "in_ontwikkeling", day(100))
    assess(region, "U1", "in_ontwikkeling", day(95))
    u1_apeldoorn = assess(region, "U1", "in_ontwikkeling", day(95), municipality=apeldoorn)
    assess(region, "U1", "verkend", day(95), municipality=zutphen)
    snapshot_freeze(region=region, date=day(60), note="Stamtafel voorjaar", user=secretary)
    reassess(i1, "gerealiseerd", day(25))
    reassess(u1_apeldoorn, "geborgd", day(25))
    snapshot_freeze(region=region, date=day(20), note="Stamtafel zomer", user=secretary)

    # Bestuurlijke drukte: one table established long ago, one dissolved within the period.
    kept = BodyFactory(region=region, name="Stamtafel Zorg en Veiligheid", kind="stamtafel")
    kept.established_on = date(2021, 3, 1)
    kept.save()
    gone = BodyFactory(
        region=region,
        name="Regiegroep oud",
        established_on=date(2019, 5, 1),
        dissolved_on=day(10),
        status=BodyStatus.OPGEHEVEN,
    )
    MembershipFactory(body=gone, person__office=Office.BURGEMEESTER)

    # Werkagenda: actions closed in the period, before it, and one taken back.
    trekker = trekker_membership(region, body=kept, person__name="Wethouder Van Dijk")
    closed = ActionFactory(
        region=region,
        title=ESCAPED_TITLE,
        list=ActionList.GEREED,
        closed_reason="afgerond",
        trekker=trekker,
        list_since=day(10),
    )
    gereed(closed, day(10))
    older = ActionFactory(
        region=region,
        title="Actie die al lang gereed is",
        list=ActionList.GEREED,
        closed_reason="vervallen",
        list_since=day(200),
    )
    gereed(older, day(200))
    earlier = ActionFactory(
        region=region,
        title="Wegwijzer voor huisartsen",
        list=ActionList.GEREED,
        closed_reason="elders_belegd",
        trekker=trekker,
        list_since=day(45),
    )
    gereed(earlier, day(45))
    back = ActionFactory(
        region=region,
        title="Teruggehaalde actie",
        list=ActionList.ACTIE,
        trekker=trekker,
        list_since=day(5),
    )
    gereed(back, day(20))

    # A reflection with case text in every field, concluded in the period (and one before it).
    item_ = stamtafel_item(region)
    r = reflection(region, ago=1, status=ReflectionStatus.AANGEBODEN, method="anders", **MARKS)
    contact = trekker_membership(region, person__name="Marieke de Wit")
    conclusion = conclude(
        r,
        secretary,
        membership=contact,
        agenda_item=item_,
        title="Signalen eerder delen met de wijkteams",
        common_challenge="Gedeelde zorgen bereiken de wijkteams te laat.",
        assignment="Maak een werkafspraak over het delen van zorgen binnen twee weken.",
        priority=1,
        decided_on=day(15),
        due_date=day(-60),
        note=CONCLUSION_NOTE,
    )
    old = reflection(region, ago=4, status=ReflectionStatus.AANGEBODEN)
    conclude(old, secretary, title="Oude conclusie buiten de periode", decided_on=day(200))
    return {"conclusion": conclusion, "closed": closed, "reflection": r}


def report(region, user, stand=TODAY, sinds=None):
    sinds = sinds or months_before(stand, 3)
    return voortgang_report(region, stand=stand, sinds=sinds, user=user)


def items_by_code(data) -> dict:
    return {i.code: i for block in data["checklist"].stages for i in block.items}


# --- the selector ----------------------------------------------------------------------------


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


# --- the page --------------------------------------------------------------------------------


def test_the_page_shows_every_section_and_escapes_user_text(client, region, bestuurder, world):
    client.force_login(bestuurder)
    response = client.get(url(region))
    assert response.status_code == 200
    html = response.content.decode()
    for section in SECTIONS:
        assert f'id="{section.id}"' in html
        assert f'href="#{section.id}"' in html
        assert section.title in html
    assert "Volgens de actuele beoordelingen" in html
    assert "Convenant &lt;b&gt;gegevensdeling&lt;/b&gt; &amp; privacy" in html
    assert ESCAPED_TITLE not in html
    assert "Signalen eerder delen met de wijkteams" in html
    assert "1 van 3 gemeenten gerealiseerd of beter: Apeldoorn" in html
    assert 'class="report-figure' in html and "<svg" in html
    assert not [m for m in ALL_MARKS if m in html]


def test_the_page_for_a_past_stand_names_the_peilmoment(client, region, bestuurder, world):
    client.force_login(bestuurder)
    html = client.get(url(region, stand=PAST_STAND.isoformat())).content.decode()
    expected = f"Volgens peilmoment ‘Stamtafel voorjaar’ van {date_format(day(60), 'j F Y')}"
    assert expected in html
    html = client.get(url(region, stand=EARLY_STAND.isoformat())).content.decode()
    assert "Er is geen peilmoment vastgelegd op of vóór" in html
    assert 'class="report-table voortgang-items"' not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"stand": (TODAY + timedelta(days=1)).isoformat()}, "niet in de toekomst"),
        (
            {"stand": day(10).isoformat(), "sinds": day(5).isoformat()},
            "De periode moet vóór de stand-per-datum beginnen.",
        ),
    ],
)
def test_bad_period_is_refused(client, region, secretary, params, message):
    client.force_login(secretary)
    response = client.get(url(region, **params))
    assert response.status_code == 400
    assert message in response.content.decode()
    pdf_response = client.get(url(region, pdf=True, **params))
    assert pdf_response.status_code == 400


def test_other_regions_do_not_get_the_report(client, region, other_secretary, world):
    client.force_login(other_secretary)
    assert client.get(url(region)).status_code == 404
    assert client.get(url(region, pdf=True)).status_code == 404


# --- the PDF ---------------------------------------------------------------------------------


def running_text(response) -> str:
    """The PDF's text in reading order (``pdftotext -raw``), whitespace collapsed: a table cell
    that wraps stays one phrase (``facts.text`` is laid out, so columns interleave)."""
    result = subprocess.run(
        [shutil.which("pdftotext"), "-raw", "-enc", "UTF-8", "-", "-"],
        input=response.content,
        check=True,
        capture_output=True,
    )
    return " ".join(result.stdout.decode("utf-8").split())


def check_pdf(response):
    facts = pdf_facts(response)
    assert_accessible_pdf(facts, title_contains="Voortgangsrapportage")
    for title in SECTION_TITLES:
        assert title in facts.outline, (title, facts.outline)
    text = running_text(response)
    for phrase in (
        "Volgens de actuele beoordelingen van de regio op",
        "I1 Bestuurlijk regionaal gremium ingericht Gerealiseerd",
        "Stamtafel voorjaar",
        "1 van 3 gemeenten gerealiseerd of beter: Apeldoorn",
        "Apeldoorn Geborgd",
        "Actieve gremia Totaal 5 4 -1",
        "Wegwijzer voor huisartsen",
        "Convenant <b>gegevensdeling</b> & privacy",
        "Wethouder Van Dijk",
        "Signalen eerder delen met de wijkteams",
        "Gedeelde zorgen bereiken de wijkteams te laat.",
        "Marieke de Wit",
        "Op de actielijst",
    ):
        assert phrase in text, phrase
    assert len(facts.figure_alts) == 2
    assert any("Input" in alt for alt in facts.figure_alts)
    assert facts.filename == f"voortgangsrapportage-test-{TODAY.isoformat()}.pdf"
    return facts, text


@pytest.mark.parametrize("role", ["secretary", "bestuurder", "participant"])
def test_the_region_downloads_the_pdf(client, request, region, world, role):
    client.force_login(request.getfixturevalue(role))
    facts, text = check_pdf(client.get(url(region, pdf=True)))
    # The report carries no case text for anyone.
    assert not [m for m in ALL_MARKS if m in text or m in facts.text]


@pytest.mark.parametrize("reader", ["vng_advisor", "staff_user"])
def test_national_readers_get_the_conclusions_but_never_case_text(
    client, request, region, world, reader
):
    client.force_login(request.getfixturevalue(reader))
    facts, text = check_pdf(client.get(url(region, pdf=True)))
    leaked = [m for m in ALL_MARKS if m in text or m in facts.text]
    assert not leaked, leaked
    # The public conclusion data is there.
    conclusion = world["conclusion"]
    for value in (conclusion.title, conclusion.common_challenge, conclusion.assignment, "Hoog"):
        assert value in text
    assert world["reflection"].quarter_label in text
    html = client.get(url(region)).content.decode()
    assert not [m for m in ALL_MARKS if m in html]
    assert conclusion.assignment in html


def test_the_pdf_of_a_past_stand(client, region, bestuurder, world):
    client.force_login(bestuurder)
    response = client.get(url(region, pdf=True, stand=PAST_STAND.isoformat()))
    facts = pdf_facts(response)
    assert_accessible_pdf(facts, title_contains="Voortgangsrapportage")
    text = running_text(response)
    assert f"Volgens peilmoment ‘Stamtafel voorjaar’ van {date_format(day(60), 'j F Y')}" in text
    assert "Wegwijzer voor huisartsen" in text
    assert ESCAPED_TITLE not in text  # closed after the stand
    assert "Signalen eerder delen" not in text  # concluded after the stand
    assert facts.filename.endswith(f"{PAST_STAND.isoformat()}.pdf")


# --- queries ---------------------------------------------------------------------------------


def grow(region, secretary, n: int) -> None:
    """``n`` more of everything the report lists."""
    framework = Framework.current()
    u2 = framework.items.get(code="U2")
    for i in range(n):
        m = MunicipalityFactory(region=region, name=f"Extra gemeente {i}")
        Assessment.objects.create(region=region, item=u2, municipality=m, status="verkend")
        body = BodyFactory(region=region, established_on=date(2015 + i % 5, 1, 1))
        trekker = trekker_membership(region, body=body)
        action = ActionFactory(
            region=region, list=ActionList.GEREED, closed_reason="afgerond", trekker=trekker
        )
        gereed(action, day(3 + i))
        r = reflection(region, ago=6 + i, status=ReflectionStatus.AANGEBODEN)
        conclude(r, secretary, membership=trekker, title=f"Conclusie {i}", decided_on=day(4 + i))
    for i in range(n):
        snapshot_freeze(region=region, date=day(100 + i), note="", user=secretary)


def count_queries(region, user, stand) -> int:
    with CaptureQueriesContext(connection) as ctx:
        report(region, user, stand=stand)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("stand", [TODAY, PAST_STAND], ids=["vandaag", "peilmoment"])
def test_query_count_does_not_grow(region, secretary, world, stand, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        report(region, secretary, stand=stand)
    small = count_queries(region, secretary, stand)
    grow(region, secretary, 6)
    data = report(region, secretary, stand=stand)
    assert len(data["municipality_rows"]) == 9
    assert len(data["progress"]["snapshots"]) >= 7
    if stand == TODAY:
        assert len(data["completed_actions"]) == 9
        assert len(data["conclusions"]) == 7
    with django_assert_max_num_queries(12):
        report(region, secretary, stand=stand)
    assert count_queries(region, secretary, stand) == small
    assert Snapshot.objects.filter(region=region).count() == 8
