"""National readers (vng_advisor, functioneel beheerder) never see the case text.

Two reflections hold a unique marker in every text field (the case text of
``CASE_TEXT_FIELDS`` and the three notes), one with a Stamtafel conclusion whose note is marked
as well. Every page a national reader may open that touches reflections — the overview, the
CSV, the planner, both reflection pages, the action of the conclusion, the region page, the
home page and the Stamtafel's meeting preparation — must hold none of the markers; pages they
may not open answer 403 without them. The same pages for a bestuurder of the region do show
the markers, so that this test fails when the pages stop showing case text at all.
"""

import pytest
from django.urls import reverse

from casereflection.constants import CASE_TEXT_FIELDS, ReflectionStatus
from casereflection.models import CaseReflection
from tests.casereflection.ui_helpers import conclude, reflection, stamtafel_item, url

pytestmark = pytest.mark.django_db

NOTES = ("follow_up_note", "rotation_note", "method_note")
TEXT_FIELDS = (*CASE_TEXT_FIELDS, *NOTES)


def marked(prefix: str) -> dict:
    return {name: f"mrk{prefix}{name.replace('_', '')}" for name in TEXT_FIELDS}


MARKS_A = marked("a")  # offered to the Stamtafel, in the current quarter
MARKS_B = marked("b")  # concluded, last quarter
CONCLUSION_NOTE = "mrkconclusienote"
ALL_MARKS = [*MARKS_A.values(), *MARKS_B.values(), CONCLUSION_NOTE]


@pytest.fixture
def world(region, secretary):
    item = stamtafel_item(region)
    a = reflection(region, ago=0, status=ReflectionStatus.AANGEBODEN, method="anders", **MARKS_A)
    b = reflection(region, ago=1, status=ReflectionStatus.AANGEBODEN, method="anders", **MARKS_B)
    conclusion = conclude(b, secretary, agenda_item=item, note=CONCLUSION_NOTE)
    CaseReflection.objects.filter(pk=b.pk).update(status=ReflectionStatus.GECONCLUDEERD)
    return {"a": a, "b": b, "conclusion": conclusion, "meeting": item.meeting}


def readable_pages(region, world) -> list[str]:
    return [
        url("reflection_list", region),
        url("reflection_list", region) + "?status=aangeboden",
        url("reflection_csv", region),
        url("reflection_planner", region),
        url("reflection", region, pk=world["a"].pk),
        url("reflection", region, pk=world["b"].pk),
        world["conclusion"].action.get_absolute_url(),
        reverse("governance:region", kwargs={"region": region.slug}),
        reverse("home"),
        reverse("meeting_preparation", kwargs={"region": region.slug, "pk": world["meeting"].pk}),
    ]


def closed_pages(region, world) -> list[str]:
    a, b = world["a"], world["b"]
    return [
        url("reflection_history", region, pk=a.pk),
        url("reflection_history", region, pk=b.pk),
        url("reflection_edit", region, pk=a.pk),
        url("reflection_advance", region, pk=a.pk),
        url("conclusion_add", region, pk=a.pk),
        url("conclusion_edit", region, pk=world["conclusion"].pk),
    ]


@pytest.mark.parametrize("reader", ["vng_advisor", "staff_user"])
def test_national_readers_never_see_case_text(reader, request, client, region, world):
    user = request.getfixturevalue(reader)
    client.force_login(user)
    for page in readable_pages(region, world):
        response = client.get(page)
        assert response.status_code == 200, page
        body = response.content.decode("utf-8-sig")
        leaked = [mark for mark in ALL_MARKS if mark in body]
        assert not leaked, f"{reader} sees {leaked} on {page}"
    for page in closed_pages(region, world):
        response = client.get(page)
        assert response.status_code == 403, page
        assert not [mark for mark in ALL_MARKS if mark in response.content.decode()], page


@pytest.mark.parametrize("reader", ["vng_advisor", "staff_user"])
def test_national_readers_see_the_neutral_label_and_the_conclusions(
    reader, request, client, region, world
):
    client.force_login(request.getfixturevalue(reader))
    html = client.get(url("reflection", region, pk=world["b"].pk)).content.decode()
    assert world["b"].neutral_label in html
    assert "alleen voor de deelnemers van de regio" in html
    conclusion = world["conclusion"]
    for text in (conclusion.title, conclusion.common_challenge, conclusion.assignment):
        assert text in html
    assert conclusion.action.get_absolute_url() in html
    header = client.get(url("reflection_csv", region)).content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Kwartaal;Subregio;Soort casus;Methode;")
    assert "Titel" not in header


def test_the_pages_show_case_text_to_the_region(client, bestuurder, region, world):
    """The counterpart: the same pages, read by a bestuurder, hold every marker."""
    client.force_login(bestuurder)
    seen = ""
    for page in readable_pages(region, world):
        response = client.get(page)
        assert response.status_code == 200, page
        seen += response.content.decode("utf-8-sig")
    history = client.get(url("reflection_history", region, pk=world["a"].pk))
    assert history.status_code == 200
    seen += history.content.decode()
    missing = [mark for mark in ALL_MARKS if mark not in seen]
    assert not missing
    page_a = client.get(url("reflection", region, pk=world["a"].pk)).content.decode()
    assert all(mark in page_a for mark in MARKS_A.values())
    csv_text = client.get(url("reflection_csv", region)).content.decode("utf-8-sig")
    assert MARKS_A["title"] in csv_text and MARKS_B["title"] in csv_text
