"""Report 4, the bespreekvoorstel of a case reflection (reports/selectors/bespreekvoorstel.py).

The report is case text: people with a role in the region read it (secretary, bestuurder,
participant); the VNG advisor and the functioneel beheerder get 403 for the page and the PDF.
The internal notes and the explanations given to the personal-data guard are never printed,
for anyone. "Stand per" a past date prints the text as it stood then (from the history).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from casereflection.constants import ReflectionStatus
from casereflection.models import CaseReflection, PrivacyExplanation
from dashboard.reports.selectors.bespreekvoorstel import SECTIONS, bespreekvoorstel_report
from tests.casereflection.ui_helpers import reflection as make_reflection
from tests.factories import OrganisationFactory, PersonFactory, SubRegionFactory, any_theme
from tests.reports.pdf_helpers import assert_accessible_pdf, pdf_facts

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
WRITTEN = TODAY - timedelta(days=60)  # the first version of the text
REVISED = TODAY - timedelta(days=20)  # the bespreekvoorstel was rewritten
HELD = TODAY - timedelta(days=70)
SECTION_TITLES = [s.title for s in SECTIONS]

PROPOSAL = (
    "Wij stellen de Stamtafel voor om één regionaal aanspreekpunt voor nazorg na ontslag "
    "in te richten.\n\nDe Stamtafel vraagt de partners <b>vóór de zomer</b> om een uitwerking."
)
OLD_PROPOSAL = "Eerste versie: de partners bespreken de nazorg in het AIO."
# Text that must never be printed: the internal notes and the guard's explanations.
SECRET_NOTES = {
    "method_note": "mrkmethodnote",
    "rotation_note": "mrkrotationnote",
    "follow_up_note": "mrkfollowupnote",
}
EXPLANATION_MARK = "mrkprivacyexplanation"


def url(region, pk, name="bespreekvoorstel", **query) -> str:
    base = reverse(f"reports:{name}", kwargs={"region": region.slug, "pk": pk})
    if query:
        base += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return base


def _at(day) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def case(region, secretary):
    ggz = OrganisationFactory(region=region, name="GGZ Rivierland")
    facilitator = PersonFactory(
        region=region, name="Dirk Verhoef", function="Gespreksleider moreel beraad"
    )
    delegate = PersonFactory(region=region, name="Els Bakker", function="Wethouder Westdorp")
    r = make_reflection(
        region,
        ago=1,
        sub_region=SubRegionFactory(region=region, name="Noordkwartier"),
        status=ReflectionStatus.AANGEBODEN,
        case_kind="persoon",
        method="anders",
        title="Nazorg na ontslag uit de kliniek",
        facilitator=facilitator,
        held_on=HELD,
        summary="Na ontslag uit de kliniek viel de begeleiding weg & niemand nam het over.",
        answer_principles="Deels: de partners werkten <i>naast</i> elkaar.",
        answer_administration="Het bestuur gaf geen rugdekking om af te wijken.",
        answer_justice="Door de inwoner en de buren samen te horen.",
        dilemma="Privacy van de inwoner tegenover de veiligheid van de buurt.",
        insights="Niemand voelde zich eigenaar van de overdracht.",
        proposal=OLD_PROPOSAL,
        **SECRET_NOTES,
    )
    r.themes.add(any_theme())
    r.organisations.add(ggz)
    r.delegation.add(delegate)
    PrivacyExplanation.objects.create(
        reflection=r,
        field="proposal",
        kind="naam",
        text="Stamtafel",
        explanation=EXPLANATION_MARK,
        explained_by=secretary,
    )
    # The first version was written on WRITTEN; the bespreekvoorstel was rewritten on REVISED.
    CaseReflection.history.filter(id=r.pk).update(history_date=_at(WRITTEN))
    r.proposal = PROPOSAL
    r.save()
    CaseReflection.history.filter(id=r.pk, history_date__gt=_at(WRITTEN)).update(
        history_date=_at(REVISED)
    )
    return r


# --- the selector ----------------------------------------------------------------------------


def test_content(region, case, secretary):
    ctx = bespreekvoorstel_report(region, stand=TODAY, sinds=None, user=secretary, reflection=case)
    assert [s.id for s in ctx["sections"]] == [
        "bespreekvoorstel-gegevens",
        "bespreekvoorstel-voorstel",
        "bespreekvoorstel-casus",
        "bespreekvoorstel-hoofdvragen",
        "bespreekvoorstel-dilemma",
        "bespreekvoorstel-inzichten",
    ]
    facts = ctx["facts"]
    assert facts["quarter_label"] == case.quarter_label
    assert facts["title"] == "Nazorg na ontslag uit de kliniek"
    assert facts["sub_region"] == "Noordkwartier"
    assert facts["case_kind"] == "Persoonscasus"
    assert facts["method"] == "Andere methode"
    assert facts["held_on"] == HELD
    assert facts["facilitator"] == "Dirk Verhoef"
    assert [t.name for t in ctx["themes"]] == [any_theme().name]
    assert [p.name for p in ctx["delegation"]] == ["Els Bakker"]
    assert [o.name for o in ctx["organisations"]] == ["GGZ Rivierland"]
    assert [(q.question, q.answer) for q in ctx["questions"]] == [
        (
            "Werken we in de praktijk volgens de leidende principes?",
            "Deels: de partners werkten <i>naast</i> elkaar.",
        ),
        (
            "Biedt het bestuur de kaders, randvoorwaarden en rugdekking die nodig zijn?",
            "Het bestuur gaf geen rugdekking om af te wijken.",
        ),
        (
            "Waarmee doen we in dilemma's het meeste recht aan alle betrokkenen?",
            "Door de inwoner en de buren samen te horen.",
        ),
    ]
    assert ctx["proposal"] == PROPOSAL
    assert ctx["dilemma"].startswith("Privacy van de inwoner")
    assert ctx["insights"] == "Niemand voelde zich eigenaar van de overdracht."
    assert ctx["changed_after"] is None
    # The notes are not in the context at all.
    flat = repr(ctx)
    for mark in (*SECRET_NOTES.values(), EXPLANATION_MARK):
        assert mark not in flat


def test_accepts_the_pk(region, case, bestuurder):
    ctx = bespreekvoorstel_report(region, stand=TODAY, user=bestuurder, reflection=case.pk)
    assert ctx["proposal"] == PROPOSAL


@pytest.mark.parametrize("reader", ["vng_advisor", "staff_user"])
def test_national_readers_are_refused_by_the_selector_too(request, region, case, reader):
    with pytest.raises(PermissionDenied):
        bespreekvoorstel_report(
            region, stand=TODAY, user=request.getfixturevalue(reader), reflection=case
        )


def test_404_for_another_regions_reflection(region, other_region, secretary):
    foreign = make_reflection(other_region, proposal="Voorstel van een andere regio.")
    with pytest.raises(Http404):
        bespreekvoorstel_report(region, stand=TODAY, user=secretary, reflection=foreign)
    with pytest.raises(Http404):
        bespreekvoorstel_report(region, stand=TODAY, user=secretary, reflection=foreign.pk)


@pytest.mark.parametrize("proposal", ["", "  \n "])
def test_404_without_bespreekvoorstel(region, secretary, proposal):
    r = make_reflection(region, proposal=proposal, summary="Er is al een samenvatting.")
    with pytest.raises(Http404):
        bespreekvoorstel_report(region, stand=TODAY, user=secretary, reflection=r)


def test_stand_per_prints_the_text_of_that_day(region, case, secretary):
    def report(stand):
        return bespreekvoorstel_report(region, stand=stand, user=secretary, reflection=case)

    between = report(REVISED - timedelta(days=1))
    assert between["proposal"] == OLD_PROPOSAL
    assert between["changed_after"] == _at(REVISED)
    assert between["facts"]["sub_region"] == "Noordkwartier"
    assert report(REVISED)["proposal"] == PROPOSAL  # the end of the stand day counts
    assert report(REVISED)["changed_after"] is None
    assert report(TODAY)["proposal"] == PROPOSAL
    with pytest.raises(Http404):  # it was not written yet
        report(WRITTEN - timedelta(days=1))


def test_stand_before_the_first_bespreekvoorstel_is_404(region, secretary):
    r = make_reflection(region, summary="Samenvatting.")
    CaseReflection.history.filter(id=r.pk).update(history_date=_at(WRITTEN))
    r.proposal = "Nu pas een voorstel."
    r.save()
    assert bespreekvoorstel_report(region, stand=TODAY, user=secretary, reflection=r)["proposal"]
    with pytest.raises(Http404):
        bespreekvoorstel_report(region, stand=REVISED, user=secretary, reflection=r)


def test_query_count_does_not_grow(region, case, secretary, django_assert_max_num_queries):
    past = REVISED - timedelta(days=1)
    with django_assert_max_num_queries(6):
        bespreekvoorstel_report(region, stand=TODAY, user=secretary, reflection=case)
    with django_assert_max_num_queries(8):
        bespreekvoorstel_report(region, stand=past, user=secretary, reflection=case)
    for i in range(8):
        case.delegation.add(PersonFactory(region=region))
        case.organisations.add(OrganisationFactory(region=region))
        case.summary = f"Versie {i}"
        case.save()
    with django_assert_max_num_queries(6):
        ctx = bespreekvoorstel_report(region, stand=TODAY, user=secretary, reflection=case)
    assert len(ctx["delegation"]) == 9
    with django_assert_max_num_queries(8):
        bespreekvoorstel_report(region, stand=past, user=secretary, reflection=case)


# --- the page and the PDF ----------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["secretary", "bestuurder", "participant"])
def test_page_for_readers_of_the_case_text(request, client, region, case, reader):
    client.force_login(request.getfixturevalue(reader))
    response = client.get(url(region, case.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for s in SECTIONS:
        assert f'id="{s.id}"' in html
        assert f'href="#{s.id}"' in html
    assert "Nazorg na ontslag uit de kliniek" in html
    assert "Noordkwartier" in html
    assert "Dirk Verhoef" in html
    assert "Els Bakker" in html
    assert "één regionaal aanspreekpunt" in html
    # User text is escaped.
    assert "&lt;b&gt;vóór de zomer&lt;/b&gt;" in html
    assert "<b>vóór de zomer</b>" not in html
    assert "&lt;i&gt;naast&lt;/i&gt;" in html
    assert "weg &amp; niemand" in html
    for mark in (*SECRET_NOTES.values(), EXPLANATION_MARK):
        assert mark not in html


def test_page_with_an_older_stand_says_so(client, region, case, secretary):
    client.force_login(secretary)
    stand = REVISED - timedelta(days=1)
    response = client.get(url(region, case.pk, stand=stand.isoformat()))
    assert response.status_code == 200
    html = response.content.decode()
    assert OLD_PROPOSAL in html
    assert "één regionaal aanspreekpunt" not in html
    assert "daarna nog gewijzigd" in html


@pytest.mark.parametrize("reader", ["vng_advisor", "staff_user"])
@pytest.mark.parametrize("name", ["bespreekvoorstel", "bespreekvoorstel_pdf"])
def test_national_readers_get_403(request, client, region, case, reader, name):
    client.force_login(request.getfixturevalue(reader))
    response = client.get(url(region, case.pk, name))
    assert response.status_code == 403
    body = response.content.decode("utf-8", "replace")
    for text in ("één regionaal aanspreekpunt", "Nazorg na ontslag", *SECRET_NOTES.values()):
        assert text not in body


@pytest.mark.parametrize("name", ["bespreekvoorstel", "bespreekvoorstel_pdf"])
def test_404_pages(client, region, other_region, secretary, name):
    client.force_login(secretary)
    foreign = make_reflection(other_region, proposal="Voorstel van een andere regio.")
    assert client.get(url(region, foreign.pk, name)).status_code == 404
    without = make_reflection(region, summary="Nog zonder voorstel.")
    assert client.get(url(region, without.pk, name)).status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"stand": (TODAY + timedelta(days=1)).isoformat()}, "niet in de toekomst"),
        ({"stand": "2025-13-01"}, "Vul een geldige datum in"),
    ],
)
def test_bad_stand_gives_400(client, region, case, secretary, query, message):
    client.force_login(secretary)
    response = client.get(url(region, case.pk, **query))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "één regionaal aanspreekpunt" not in html
    assert client.get(url(region, case.pk, "bespreekvoorstel_pdf", **query)).status_code == 400


@pytest.mark.parametrize("reader", ["secretary", "bestuurder", "participant"])
def test_pdf_for_readers_of_the_case_text(request, client, region, case, reader):
    client.force_login(request.getfixturevalue(reader))
    response = client.get(url(region, case.pk, "bespreekvoorstel_pdf"))
    facts = pdf_facts(response)
    assert_accessible_pdf(facts, title_contains="Bespreekvoorstel")
    assert facts.filename.startswith("bespreekvoorstel-test-")
    for title in SECTION_TITLES:
        assert title in facts.outline
    text = " ".join(facts.text.split())
    assert "Nazorg na ontslag uit de kliniek" in text
    assert "Noordkwartier" in text
    assert "Persoonscasus" in text
    assert "Dirk Verhoef" in text
    assert "Els Bakker" in text
    assert "Werken we in de praktijk volgens de leidende principes?" in text
    assert "Deels: de partners werkten <i>naast</i> elkaar." in text
    assert "Privacy van de inwoner tegenover de veiligheid van de buurt." in text
    assert "De Stamtafel vraagt de partners <b>vóór de zomer</b> om een uitwerking." in text
    for mark in (*SECRET_NOTES.values(), EXPLANATION_MARK):
        assert mark not in text
