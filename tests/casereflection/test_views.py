"""The case-reflection pages: overview, CSV, planner, the reflection page, planning and
editing, the lifecycle steps and the history.

Happy paths per role, the wrong user (403), bad input (a Dutch message next to the field,
nothing saved), stale edits and ids of another region."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from casereflection.constants import ReflectionStatus
from casereflection.models import CaseReflection, PrivacyExplanation
from governance.models import Person
from tests.casereflection.ui_helpers import conclude, quarter_ago, reflection, url
from tests.factories import (
    CaseReflectionFactory,
    OrganisationFactory,
    PersonFactory,
    RoleFactory,
    SubRegionFactory,
    UserFactory,
    any_theme,
)

pytestmark = pytest.mark.django_db

PHONE = "Bel de moeder op 06-12345678 als het escaleert."


@pytest.fixture
def sub_region(region):
    return SubRegionFactory(region=region, name="Achterhoek")


def form_data(reflection=None, **overrides) -> dict:
    """What the secretary's form posts for ``reflection`` (or a new one in K2 2021)."""
    r = reflection
    data = {
        "year": str(r.year) if r else "2021",
        "quarter": str(r.quarter) if r else "2",
        "sub_region": str(r.sub_region_id) if r else "",
        "rotation_note": r.rotation_note if r else "",
        "case_kind": r.case_kind if r else "systeem",
        "title": r.title if r else "Terugkeer na detentie zonder woonplek",
        "method": r.method if r else "moreel_beraad",
        "method_note": r.method_note if r else "",
        "facilitator": str(r.facilitator_id or "") if r else "",
        "planned_on": "",
        "held_on": r.held_on.isoformat() if r and r.held_on else "",
        "summary": r.summary if r else "Een man keert terug uit detentie zonder woonplek.",
        "answer_principles": "",
        "answer_administration": "",
        "answer_justice": "",
        "dilemma": "",
        "insights": "",
        "proposal": r.proposal if r else "",
        "seen_version": str(r.version) if r else "",
    }
    data.update(overrides)
    return data


def facilitator_data(reflection, **overrides) -> dict:
    secretary_only = ("year", "quarter", "sub_region", "rotation_note", "case_kind", "facilitator")
    data = {k: v for k, v in form_data(reflection).items() if k not in secretary_only}
    del data["planned_on"]
    data.update(overrides)
    return data


@pytest.fixture
def facilitator(region):
    """A participant who leads reflections (through their Person)."""
    user = UserFactory(username="gespreksleider")
    RoleFactory(user=user, region=region, role="participant")
    PersonFactory(region=region, name="Gespreksleider Test", user=user)
    return user


def led_by(user, region, **fields):
    """A reflection whose gespreksleider is ``user``'s Person."""
    return reflection(region, facilitator=Person.objects.get(user=user, region=region), **fields)


# --- overview --------------------------------------------------------------------------------


def test_overview_has_a_row_per_quarter_of_three_years(client, secretary, region, sub_region):
    reflection(region, ago=2, sub_region=sub_region, title="Wachtlijst beschermd wonen")
    client.force_login(secretary)
    response = client.get(url("reflection_list", region))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 12
    assert [(r.year, r.quarter) for r in rows[:3]] == [quarter_ago(n) for n in range(3)]
    html = response.content.decode()
    assert "Wachtlijst beschermd wonen" in html
    assert "Geen reflectie vastgelegd" in html
    year, quarter = quarter_ago(0)
    assert f"{url('reflection_add', region)}?year={year}&amp;quarter={quarter}" in html
    assert "Casusreflectie plannen" in html
    # the summary per sub-region counts the cases of the three years
    assert [(c.sub_region.name, c.count) for c in response.context["sub_region_counts"]] == [
        ("Achterhoek", 1)
    ]


def test_overview_lists_planned_future_quarters_first(client, bestuurder, region):
    reflection(region, ago=-2)
    client.force_login(bestuurder)
    response = client.get(url("reflection_list", region))
    rows = response.context["rows"]
    assert len(rows) == 13
    assert rows[0].is_future and rows[0].reflection is not None
    html = response.content.decode()
    assert "Casusreflectie plannen" not in html  # the bestuurder reads only
    assert "reflecties/nieuw/" not in html


def test_overview_filters(client, secretary, region, sub_region):
    reflection(region, ago=1, sub_region=sub_region, case_kind="persoon")
    reflection(region, ago=2, case_kind="beleid")
    client.force_login(secretary)
    response = client.get(url("reflection_list", region), {"soort": "persoon"})
    assert [r.reflection.case_kind for r in response.context["rows"]] == ["persoon"]
    response = client.get(url("reflection_list", region), {"subregio": sub_region.pk})
    assert [r.reflection.sub_region for r in response.context["rows"]] == [sub_region]
    year = quarter_ago(1)[0]
    response = client.get(url("reflection_list", region), {"jaar": year})
    assert {r.year for r in response.context["rows"]} == {year}
    response = client.get(url("reflection_list", region), {"status": "kapot"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors["status"]


def test_overview_shows_the_follow_up(client, secretary, region):
    r = reflection(region, ago=1, status=ReflectionStatus.AANGEBODEN, proposal="Voorstel.")
    conclude(
        r,
        secretary,
        due_date=timezone.localdate() - timedelta(days=3),
        decided_on=timezone.localdate() - timedelta(days=10),
    )
    client.force_login(secretary)
    html = client.get(url("reflection_list", region)).content.decode()
    assert "1 actie" in html
    assert "0 gereed / 1 lopend" in html
    assert "1 met verstreken termijn" in html


def test_csv_holds_the_filtered_rows(client, secretary, region, sub_region):
    reflection(region, ago=1, sub_region=sub_region, title="Casus zonder woonplek")
    client.force_login(secretary)
    response = client.get(url("reflection_csv", region))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Kwartaal", "Subregio", "Soort casus", "Titel"]
    assert len(rows) == 13
    year, quarter = quarter_ago(1)
    line = next(row for row in rows if row[0] == f"K{quarter} {year}")
    assert line[1:4] == ["Achterhoek", "Systeemcasus", "Casus zonder woonplek"]
    filtered = client.get(url("reflection_csv", region), {"soort": "systeem"})
    assert len(list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))) == 2


# --- planner ---------------------------------------------------------------------------------


def test_planner_proposes_the_longest_waiting_sub_region(client, secretary, bestuurder, region):
    early = SubRegionFactory(region=region, name="Achterhoek")
    waiting = SubRegionFactory(region=region, name="Noord-Veluwe")
    reflection(region, ago=1, sub_region=early)
    client.force_login(secretary)
    response = client.get(url("reflection_planner", region))
    assert response.status_code == 200
    first = response.context["rotation"].quarters[0]
    assert first.proposed == waiting
    html = response.content.decode()
    year, quarter = quarter_ago(0)
    assert f"?year={year}&amp;quarter={quarter}&amp;sub_region={waiting.pk}" in html
    assert "langst" in html  # the sentence that explains the rotation
    client.force_login(bestuurder)
    assert "reflecties/nieuw/" not in client.get(url("reflection_planner", region)).content.decode()


# --- the reflection page ---------------------------------------------------------------------


def test_reflection_page_for_the_secretary(client, secretary, region):
    r = reflection(
        region,
        status=ReflectionStatus.VOORBEREID,
        summary="De samenvatting.",
        answer_principles="Antwoord een.",
        dilemma="Het dilemma.",
        proposal="Het voorstel.",
    )
    client.force_login(secretary)
    response = client.get(url("reflection", region, pk=r.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert r.title in html
    for text in ("De samenvatting.", "Antwoord een.", "Het dilemma.", "Het voorstel."):
        assert text in html
    assert "Werken we in de praktijk volgens de leidende principes?" in html
    assert 'aria-current="step"' in html and "huidige stap" in html
    assert f"?naar={ReflectionStatus.BESPROKEN}" in html
    # open requirements of the next step, in words
    assert "Vul de datum in waarop de casus is besproken." in html
    assert "Een stap terugzetten" in html
    assert "Toelichtingen bij de persoonsgegevenscheck" in html
    assert url("reflection_history", region, pk=r.pk) in html
    assert "Conclusie vastleggen" not in html  # not yet aangeboden
    assert "zodra de reflectie is aangeboden" in html


def test_reflection_page_for_a_bestuurder(client, bestuurder, region):
    r = reflection(region, summary="De samenvatting.")
    client.force_login(bestuurder)
    html = client.get(url("reflection", region, pk=r.pk)).content.decode()
    assert "De samenvatting." in html
    assert "Een stap terugzetten" not in html
    assert "?naar=" not in html
    assert "Toelichtingen bij de persoonsgegevenscheck" not in html


def test_another_regions_reflection_is_not_found(client, secretary, other_region):
    foreign = reflection(other_region)
    client.force_login(secretary)
    region_slug = secretary.role_assignments.get().region.slug
    for name in ("reflection", "reflection_edit", "reflection_advance", "reflection_history"):
        response = client.get(
            f"/regio/{region_slug}/reflecties/{foreign.pk}/"
            + {
                "reflection": "",
                "reflection_edit": "wijzigen/",
                "reflection_advance": "status/",
                "reflection_history": "historie/",
            }[name]
        )
        assert response.status_code == 404, name


# --- planning and editing --------------------------------------------------------------------


def test_plan_form_takes_the_quarter_from_the_link(client, secretary, region, sub_region):
    client.force_login(secretary)
    response = client.get(
        url("reflection_add", region), {"year": 2030, "quarter": 3, "sub_region": sub_region.pk}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["year"] == "2030" and form.initial["quarter"] == "3"
    html = response.content.decode()
    assert "geen namen, adressen, geboortedata, leeftijden" in html  # the privacy hint
    assert 'name="privacy_explanation"' in html  # the secretary may explain


def test_secretary_plans_a_reflection(client, secretary, region, sub_region):
    client.force_login(secretary)
    org = OrganisationFactory(region=region)
    response = client.post(
        url("reflection_add", region),
        form_data(sub_region=sub_region.pk, organisations=[org.pk]),
    )
    assert response.status_code == 302
    saved = CaseReflection.objects.get()
    assert response["Location"] == saved.get_absolute_url()
    assert (saved.year, saved.quarter, saved.status) == (2021, 2, ReflectionStatus.GEPLAND)
    assert list(saved.organisations.all()) == [org]


def test_a_phone_number_is_refused_next_to_the_field(client, secretary, region, sub_region):
    client.force_login(secretary)
    response = client.post(
        url("reflection_add", region), form_data(sub_region=sub_region.pk, summary=PHONE)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "telefoonnummer" in errors["summary"][0].lower()
    assert "06-12345678" in errors["summary"][0]
    html = response.content.decode()
    assert "Het formulier is niet opgeslagen" in html
    assert 'href="#id_summary"' in html  # the error summary links to the field
    assert not CaseReflection.objects.exists()


def test_edit_with_personal_data_changes_nothing(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    response = client.post(url("reflection_edit", region, pk=r.pk), form_data(r, summary=PHONE))
    assert response.status_code == 400
    assert "telefoonnummer" in response.context["form"].errors["summary"][0].lower()
    r.refresh_from_db()
    assert r.version == 1 and r.summary == ""


def test_secretary_saves_flagged_text_with_an_explanation(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    response = client.post(
        url("reflection_edit", region, pk=r.pk),
        form_data(r, summary=PHONE, privacy_explanation="Dit is het nummer van de crisisdienst."),
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.summary == PHONE and r.version == 2
    explanation = PrivacyExplanation.objects.get()
    assert (explanation.field, explanation.kind, explanation.explained_by) == (
        "summary",
        "phone",
        secretary,
    )
    html = client.get(url("reflection", region, pk=r.pk)).content.decode()
    assert "Dit is het nummer van de crisisdienst." in html


def test_a_participant_cannot_explain(client, facilitator, region):
    r = led_by(facilitator, region)
    client.force_login(facilitator)
    page = client.get(url("reflection_edit", region, pk=r.pk)).content.decode()
    assert 'name="privacy_explanation"' not in page
    response = client.post(
        url("reflection_edit", region, pk=r.pk),
        facilitator_data(r, summary=PHONE, privacy_explanation="Geen persoonsgegeven."),
    )
    assert response.status_code == 400
    r.refresh_from_db()
    assert r.summary == "" and not PrivacyExplanation.objects.exists()


def test_a_stale_edit_is_refused_and_names_the_change(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    first = form_data(r, summary="Eerste versie van de samenvatting.")
    second = form_data(r, dilemma="Een dilemma uit het tweede formulier.")
    assert client.post(url("reflection_edit", region, pk=r.pk), first).status_code == 302
    response = client.post(url("reflection_edit", region, pk=r.pk), second)
    assert response.status_code == 400
    message = response.context["form"].non_field_errors()[0]
    assert "de casus in algemene termen" in message
    assert "Eerste versie van de samenvatting." in message
    r.refresh_from_db()
    assert r.dilemma == "" and r.version == 2
    # the refused form now carries the current version: saving again is a choice
    assert response.context["form"].data["seen_version"] == 2


def test_a_taken_quarter_is_refused_next_to_quarter(client, secretary, region, sub_region):
    CaseReflectionFactory(region=region, year=2021, quarter=2, sub_region=sub_region)
    client.force_login(secretary)
    response = client.post(url("reflection_add", region), form_data(sub_region=sub_region.pk))
    assert response.status_code == 400
    assert "K2 2021" in response.context["form"].errors["quarter"][0]
    assert CaseReflection.objects.count() == 1


def test_another_regions_sub_region_is_refused(client, secretary, region, other_region):
    foreign = SubRegionFactory(region=other_region)
    client.force_login(secretary)
    response = client.post(url("reflection_add", region), form_data(sub_region=foreign.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["sub_region"]
    assert not CaseReflection.objects.exists()


def test_a_bestuurder_cannot_plan_or_edit(client, bestuurder, region):
    r = reflection(region)
    client.force_login(bestuurder)
    assert client.get(url("reflection_add", region)).status_code == 403
    assert client.post(url("reflection_edit", region, pk=r.pk), form_data(r)).status_code == 403


# --- the gespreksleider ----------------------------------------------------------------------


def test_the_facilitator_edits_and_records_the_conversation(client, facilitator, region):
    theme_r = led_by(facilitator, region, status=ReflectionStatus.VOORBEREID)
    theme_r.themes.add(any_theme())
    client.force_login(facilitator)
    page = client.get(url("reflection_edit", region, pk=theme_r.pk))
    assert page.status_code == 200
    assert "year" not in page.context["form"].fields  # the secretary plans the quarter
    response = client.post(
        url("reflection_edit", region, pk=theme_r.pk),
        facilitator_data(theme_r, answer_principles="We werkten langs elkaar heen."),
    )
    assert response.status_code == 302
    theme_r.refresh_from_db()
    assert theme_r.answer_principles == "We werkten langs elkaar heen."
    assert theme_r.themes.count() == 1  # left as they were

    advance = url("reflection_advance", region, pk=theme_r.pk)
    page = client.get(advance, {"naar": "besproken"})
    assert page.status_code == 200
    assert "held_on" in page.context["form"].fields
    held = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        advance, {"naar": "besproken", "seen_version": theme_r.version, "held_on": held}
    )
    assert response.status_code == 302
    theme_r.refresh_from_db()
    assert theme_r.status == ReflectionStatus.BESPROKEN
    assert theme_r.held_on.isoformat() == held


def test_another_participant_may_not_edit_or_advance(client, participant, facilitator, region):
    r = led_by(facilitator, region, status=ReflectionStatus.VOORBEREID)
    client.force_login(participant)
    assert client.get(url("reflection_edit", region, pk=r.pk)).status_code == 403
    advance = url("reflection_advance", region, pk=r.pk)
    assert client.get(advance, {"naar": "besproken"}).status_code == 403
    assert client.post(advance, {"naar": "besproken", "seen_version": 1}).status_code == 403


def test_the_facilitator_may_not_conclude_or_go_back(client, facilitator, region):
    offered = led_by(facilitator, region, status=ReflectionStatus.AANGEBODEN, proposal="V.")
    client.force_login(facilitator)
    advance = url("reflection_advance", region, pk=offered.pk)
    assert client.get(advance, {"naar": "geconcludeerd"}).status_code == 403
    assert client.post(advance, {"naar": "geconcludeerd", "seen_version": 1}).status_code == 403
    discussed = led_by(
        facilitator,
        region,
        ago=2,
        status=ReflectionStatus.BESPROKEN,
        held_on=timezone.localdate(),
    )
    advance = url("reflection_advance", region, pk=discussed.pk)
    assert client.get(advance, {"naar": "voorbereid"}).status_code == 403
    assert client.post(advance, {"naar": "voorbereid", "seen_version": 1}).status_code == 403
    discussed.refresh_from_db()
    assert discussed.status == ReflectionStatus.BESPROKEN


# --- lifecycle (secretary) -------------------------------------------------------------------


def test_a_step_with_open_requirements_is_refused(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    advance = url("reflection_advance", region, pk=r.pk)
    page = client.get(advance)  # without ?naar: the next step
    assert page.context["to_status"] == ReflectionStatus.VOORBEREID
    assert "Kies eerst een getrainde gespreksleider." in page.content.decode()
    response = client.post(advance, {"naar": "voorbereid", "seen_version": 1})
    assert response.status_code == 400
    assert "Kies eerst een getrainde gespreksleider." in response.content.decode()
    r.refresh_from_db()
    assert r.status == ReflectionStatus.GEPLAND and r.version == 1


def test_skipping_a_step_is_explained_not_offered(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    advance = url("reflection_advance", region, pk=r.pk)
    page = client.get(advance, {"naar": "aangeboden"})
    assert page.status_code == 200 and "form" not in page.context
    response = client.post(advance, {"naar": "aangeboden", "seen_version": 1})
    assert response.status_code == 400
    r.refresh_from_db()
    assert r.status == ReflectionStatus.GEPLAND


def test_the_secretary_sets_a_step_back(client, secretary, region):
    r = reflection(region, status=ReflectionStatus.VOORBEREID)
    client.force_login(secretary)
    response = client.post(
        url("reflection_advance", region, pk=r.pk), {"naar": "gepland", "seen_version": 1}
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.status == ReflectionStatus.GEPLAND


def test_closing_with_running_actions_needs_a_reason(client, secretary, region):
    r = reflection(region, status=ReflectionStatus.AANGEBODEN, proposal="Voorstel.")
    conclude(r, secretary)
    CaseReflection.objects.filter(pk=r.pk).update(status=ReflectionStatus.GECONCLUDEERD)
    r.refresh_from_db()
    client.force_login(secretary)
    advance = url("reflection_advance", region, pk=r.pk)
    page = client.get(advance, {"naar": "opgevolgd"})
    assert "note" in page.context["form"].fields
    response = client.post(advance, {"naar": "opgevolgd", "seen_version": r.version})
    assert response.status_code == 400
    assert "Signalen eerder delen" in response.context["form"].errors["note"][0]
    response = client.post(
        advance,
        {
            "naar": "opgevolgd",
            "seen_version": r.version,
            "note": "De afspraak loopt verder in het reguliere overleg.",
        },
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.status == ReflectionStatus.OPGEVOLGD
    assert r.follow_up_note == "De afspraak loopt verder in het reguliere overleg."


# --- history ---------------------------------------------------------------------------------


def test_history_lists_the_changes(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    client.post(url("reflection_edit", region, pk=r.pk), form_data(r, dilemma="Wie beslist?"))
    response = client.get(url("reflection_history", region, pk=r.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "het dilemma" in html and "Wie beslist?" in html
