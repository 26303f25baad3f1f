"""The printable meeting preparation: what the preparation page shows a user, as a report.

A Stamtafel meeting with agenda items (one with a vergaderstuk), a bestuurder who sits on the
Stamtafel and is trekker of an action, other open actions of the Stamtafel, a knelpunt on one
of its themes, and two reflections whose every text field holds a marker: one offered to the
Stamtafel, one concluded at it. The bestuurder's PDF shows the offered reflection's title; the
PDFs of the national readers (VNG advisor, functioneel beheerder) hold none of the markers.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casereflection.constants import HIDDEN_FIELDS, ReflectionStatus
from casereflection.models import CaseReflection
from dashboard.reports.selectors.preparation import preparation_report
from governance.constants import ActionList, Office
from governance.models import Theme
from tests.casereflection.ui_helpers import conclude, reflection, stamtafel_item
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    KnelpuntFactory,
    MeetingFactory,
    MembershipFactory,
)
from tests.reports.pdf_helpers import assert_accessible_pdf, pdf_facts

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
EVIL = "<b>Begroting</b> & dekking"


def marked(prefix: str) -> dict:
    return {name: f"mrkv{prefix}{name.replace('_', '')}" for name in HIDDEN_FIELDS}


MARKS_A = marked("a")  # offered to the Stamtafel, waiting for a conclusion
MARKS_B = marked("b")  # concluded at the Stamtafel
CONCLUSION_NOTE = "mrkvconclusienote"
ALL_MARKS = [*MARKS_A.values(), *MARKS_B.values(), CONCLUSION_NOTE]


@pytest.fixture
def world(region, bestuurder, secretary):
    jeugd = Theme.objects.get(name="Jeugd")
    item = stamtafel_item(region)
    meeting = item.meeting
    stamtafel = meeting.body
    stamtafel.themes.add(jeugd)
    seat = MembershipFactory(
        body=stamtafel,
        person__user=bestuurder,
        person__name="Bakker",
        person__office=Office.WETHOUDER,
    )
    other = MembershipFactory(
        body=stamtafel, person__name="De Vries", person__office=Office.BURGEMEESTER
    )
    mine = ActionFactory(
        region=region,
        title="Regionaal zorgpad",
        theme=jeugd,
        list=ActionList.ACTIE,
        trekker=seat,
        due_date=TODAY - timedelta(days=5),
    )
    ActionFactory(region=region, title="Meldroute verbeteren", trekker=other)
    ActionFactory(region=region, title="Gedeelde casusregie", owning_body=stamtafel)
    ActionFactory(
        region=region, title="Afgeronde actie", list=ActionList.GEREED, owning_body=stamtafel
    )
    ActionFactory(region=region, title="Actie elders")  # neither this body nor this user
    knelpunt = KnelpuntFactory(region=region, theme=jeugd, title="Wachttijd jeugdzorg")
    KnelpuntFactory(
        region=region,
        title="Knelpunt buiten de thema's",
        theme=Theme.objects.get(name="Mensenhandel"),
    )
    voortgang = AgendaItemFactory(
        meeting=meeting, title="Voortgang zorgpad", action=mine, knelpunt=knelpunt
    )
    DocumentFactory(agenda_item=voortgang, title="Notitie zorgpad")
    AgendaItemFactory(meeting=meeting, title=EVIL)

    a = reflection(region, ago=0, status=ReflectionStatus.AANGEBODEN, method="anders", **MARKS_A)
    b = reflection(region, ago=1, status=ReflectionStatus.AANGEBODEN, method="anders", **MARKS_B)
    conclusion = conclude(
        b, secretary, agenda_item=item, note=CONCLUSION_NOTE, title="Signalen eerder delen"
    )
    CaseReflection.objects.filter(pk=b.pk).update(status=ReflectionStatus.GECONCLUDEERD)
    return {
        "meeting": meeting,
        "body": stamtafel,
        "a": a,
        "b": b,
        "conclusion": conclusion,
        "mine": mine,
    }


def url(region, meeting, name="voorbereiding", **params):
    base = reverse(f"reports:{name}", kwargs={"region": region.slug, "pk": meeting.pk})
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}?{query}" if query else base


def flat(text: str) -> str:
    return " ".join(text.split())


SECTION_TITLES = [
    "De vergadering",
    "Agenda",
    "Acties waarvan u trekker bent",
    "Open acties van Stamtafel",
    "Opvolging van casusreflecties",
    "Knelpunten bij de thema's van Stamtafel",
    "Structuurcontroles over Stamtafel",
    "Wat is er veranderd sinds de vorige vergadering",
]


# --- the selector --------------------------------------------------------------------------


def test_content_for_a_bestuurder_on_the_body(region, bestuurder, world):
    result = preparation_report(region, stand=TODAY, user=bestuurder, meeting=world["meeting"])
    assert [s.title for s in result["sections"]] == SECTION_TITLES
    assert [s.id for s in result["sections"]][:2] == [
        "voorbereiding-vergadering",
        "voorbereiding-agenda",
    ]
    assert [a.title for a in result["my_actions"]] == ["Regionaal zorgpad"]
    assert result["my_actions"][0].overdue
    assert {a.title for a in result["body_actions"]} == {
        "Meldroute verbeteren",
        "Gedeelde casusregie",
    }
    assert result["can_view_documents"]
    docs = {i.title: [d.title for d in i.document_list] for i in result["items"]}
    assert docs == {"Casusreflectie": [], "Voortgang zorgpad": ["Notitie zorgpad"], EVIL: []}
    assert [k.title for k in result["knelpunten"]] == ["Wachttijd jeugdzorg"]
    assert result["can_read_case_text"]
    assert [r.pk for r in result["reflections_offered"]] == [world["a"].pk]
    assert [c.title for c in result["reflection_follow_up"]] == ["Signalen eerder delen"]
    assert result["prepared_for"] == bestuurder.get_full_name()
    assert not result["stand_is_past"]


def test_national_reader_gets_no_case_text_and_no_documents(region, vng_advisor, world):
    result = preparation_report(region, stand=TODAY, user=vng_advisor, meeting=world["meeting"])
    assert not result["can_read_case_text"]
    assert not result["can_view_documents"]
    assert not any(hasattr(i, "document_list") for i in result["items"])
    offered = result["reflections_offered"][0]
    assert "title" in offered.get_deferred_fields()  # not even read


def test_no_reflection_section_when_there_is_nothing_to_follow(region, bestuurder):
    meeting = MeetingFactory(body=BodyFactory(region=region, name="Regiegroep"))
    result = preparation_report(region, stand=TODAY, user=bestuurder, meeting=meeting)
    assert "voorbereiding-reflecties" not in [s.id for s in result["sections"]]


# --- the page ------------------------------------------------------------------------------


def test_page_for_the_bestuurder(client, bestuurder, region, world):
    client.force_login(bestuurder)
    response = client.get(url(region, world["meeting"]))
    assert response.status_code == 200
    html = response.content.decode()
    for s in (
        "voorbereiding-vergadering",
        "voorbereiding-agenda",
        "voorbereiding-mijn-acties",
        "voorbereiding-acties-gremium",
        "voorbereiding-reflecties",
        "voorbereiding-knelpunten",
        "voorbereiding-controles",
        "voorbereiding-veranderd",
    ):
        assert f'id="{s}"' in html and f'href="#{s}"' in html, s
    for text in (
        "Regionaal zorgpad",
        "Meldroute verbeteren",
        "Gedeelde casusregie",
        "Notitie zorgpad",
        "Wachttijd jeugdzorg",
        "Signalen eerder delen",
        MARKS_A["title"],
        "Termijn verstreken",
        "Bakker",
    ):
        assert text in html, text
    actions = html.split('id="voorbereiding-mijn-acties"')[1].split(
        'id="voorbereiding-reflecties"'
    )[0]
    assert "Regionaal zorgpad" in actions
    for text in ("Afgeronde actie", "Actie elders"):  # gereed / not of this body
        assert text not in actions, text
    knelpunten = html.split('id="voorbereiding-knelpunten"')[1].split("</section>")[0]
    assert "Wachttijd jeugdzorg" in knelpunten
    assert "Knelpunt buiten de thema" not in knelpunten
    assert EVIL not in html
    assert "&lt;b&gt;Begroting&lt;/b&gt; &amp; dekking" in html


def test_a_past_stand_says_the_preparation_is_current(client, bestuurder, region, world):
    client.force_login(bestuurder)
    stand = TODAY - timedelta(days=30)
    html = client.get(url(region, world["meeting"], stand=stand.isoformat())).content.decode()
    assert "toont de gegevens zoals ze nu in het portaal staan" in html


@pytest.mark.parametrize(
    ("stand", "message"),
    [
        ((TODAY + timedelta(days=1)).isoformat(), "De stand per kan niet in de toekomst"),
        ("gisteren", "Vul een geldige datum in"),
    ],
)
def test_bad_stand_is_a_400(client, bestuurder, region, world, stand, message):
    client.force_login(bestuurder)
    for name in ("voorbereiding", "voorbereiding_pdf"):
        response = client.get(url(region, world["meeting"], name, stand=stand))
        assert response.status_code == 400, name
        assert message in response.content.decode()


def test_meeting_of_another_region_is_a_404(client, bestuurder, region, other_region):
    client.force_login(bestuurder)
    meeting = MeetingFactory(body=BodyFactory(region=other_region))
    assert client.get(url(region, meeting, "voorbereiding_pdf")).status_code == 404


# --- the PDFs ------------------------------------------------------------------------------


def test_pdf_for_the_bestuurder(client, bestuurder, region, world):
    client.force_login(bestuurder)
    facts = pdf_facts(client.get(url(region, world["meeting"], "voorbereiding_pdf")))
    assert_accessible_pdf(facts, title_contains="Vergadervoorbereiding")
    for title in SECTION_TITLES:
        assert title in facts.outline, (title, facts.outline)
    text = flat(facts.text)
    for key in (
        "Regionaal zorgpad",
        "Meldroute verbeteren",
        "Notitie zorgpad",
        "Wachttijd jeugdzorg",
        "Signalen eerder delen",
        MARKS_A["title"],
        "Termijn verstreken",
        "Stamtafel",
        "<b>Begroting</b> & dekking",
    ):
        assert key in text, key
    # Only in the list of changes ("Actie ‘Afgeronde actie’ toegevoegd"), not as an open action.
    assert text.count("Afgeronde actie") == 1


@pytest.mark.parametrize("reader", ["vng_advisor", "staff_user"])
def test_pdf_of_a_national_reader_holds_no_case_text(reader, request, client, region, world):
    client.force_login(request.getfixturevalue(reader))
    page = client.get(url(region, world["meeting"])).content.decode()
    facts = pdf_facts(client.get(url(region, world["meeting"], "voorbereiding_pdf")))
    assert_accessible_pdf(facts, title_contains="Vergadervoorbereiding")
    for where, content in (("page", page), ("pdf", facts.text)):
        leaked = [mark for mark in ALL_MARKS if mark in content]
        assert not leaked, (where, leaked)
    text = flat(facts.text)
    assert world["a"].neutral_label in text
    assert "Signalen eerder delen" in text  # the conclusions are not case text
    assert "Notitie zorgpad" not in text  # vergaderstukken are for the region's people


@pytest.mark.parametrize("role", ["secretary", "participant"])
def test_pdf_for_the_other_roles(role, request, client, region, world):
    client.force_login(request.getfixturevalue(role))
    facts = pdf_facts(client.get(url(region, world["meeting"], "voorbereiding_pdf")))
    assert_accessible_pdf(facts, title_contains="Stamtafel")
    text = flat(facts.text)
    assert "Meldroute verbeteren" in text and "Regionaal zorgpad" in text
    assert "U bent van geen open actie trekker" in text or "niet gekoppeld" in text
    assert MARKS_A["title"] in text  # people of the region read the case title


# --- queries -------------------------------------------------------------------------------


# meeting_preparation's own (agenda, vergaderstukken, changes after publication, actions ×2,
# knelpunten, structure checks, previous meeting, history, reflection follow-up, linked person:
# 24) and the user's roles (1). Issue 18: the changes after publication are one query more,
# and the structure checks read the meetings of the meeting-cycle rules (+1). Issue 19: the
# answers to structure findings (+1).
MAX_QUERIES = 29  # +2: the stamps under which the checks and the changes are kept (issue 22)


def grow(region, meeting, n: int) -> None:
    body = meeting.body
    for i in range(n):
        seat = MembershipFactory(body=body, person__office=Office.WETHOUDER)
        action = ActionFactory(
            region=region, trekker=seat, list=ActionList.ACTIE, due_date=TODAY + timedelta(days=i)
        )
        item = AgendaItemFactory(
            meeting=meeting,
            action=action,
            knelpunt=KnelpuntFactory(region=region, theme=Theme.objects.get(name="Jeugd")),
        )
        DocumentFactory(agenda_item=item)
        DocumentFactory(agenda_item=item)


@pytest.mark.parametrize("n", [1, 12])
def test_query_count_does_not_grow(n, region, bestuurder, world, django_assert_max_num_queries):
    grow(region, world["meeting"], n)
    bestuurder = type(bestuurder).objects.get(pk=bestuurder.pk)  # no cached roles
    with django_assert_max_num_queries(MAX_QUERIES):
        result = preparation_report(region, stand=TODAY, user=bestuurder, meeting=world["meeting"])
    assert len(result["items"]) == 3 + n
    assert sum(len(i.document_list) for i in result["items"]) == 1 + 2 * n
