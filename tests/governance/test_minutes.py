"""The minutes of a meeting: composition, offering them at the next meeting, adoption through
the decision on that item, immutability of adopted versions and correction versions."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.locking import StaleEdit
from governance.constants import (
    ActionList,
    AgendaItemKind,
    AttendanceStatus,
    MeetingStatus,
    MinutesState,
)
from governance.models import AgendaItem, Attendance, Minutes
from governance.selectors.minutes import compose_minutes
from governance.services.meetings import agenda_item_decide
from governance.services.minutes import minutes_correct, minutes_offer
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def body(region):
    return BodyFactory(region=region, name="Stamtafel", quorum=2)


@pytest.fixture
def held(body):
    return MeetingFactory(
        body=body, starts_at=NOW - timedelta(days=20), status=MeetingStatus.GEHOUDEN
    )


@pytest.fixture
def following(body):
    return MeetingFactory(body=body, starts_at=NOW + timedelta(days=20))


def decide(item, user, outcome="Besloten.", **kwargs):
    item.refresh_from_db()
    return agenda_item_decide(
        item=item, outcome=outcome, seen_version=item.version, user=user, **kwargs
    )


def make_decisions(region, meeting, user, n: int):
    """``n`` decided items: a besluit with a new action, and an item whose action is moved."""
    trekker = trekker_membership(region, body=meeting.body)
    for i in range(n):
        item = AgendaItemFactory(meeting=meeting, kind=AgendaItemKind.BESLUITEN, title=f"B{i}")
        decide(
            item,
            user,
            outcome=f"Besluit {i}",
            minutes_text=f"Besproken {i}",
            new_action={"title": f"Nieuwe actie {i}", "trekker": trekker},
        )
        moved = AgendaItemFactory(
            meeting=meeting, title=f"V{i}", action=ActionFactory(region=region, trekker=trekker)
        )
        decide(
            moved,
            user,
            outcome=f"Verplaatst {i}",
            move={"to_list": ActionList.GEREED, "closed_reason": "afgerond"},
        )


# Composition


def test_compose_minutes_is_a_json_composition_of_the_meeting(region, held, secretary):
    seat = MembershipFactory(body=held.body, person__name="Jansen")
    absent = MembershipFactory(body=held.body, person__name="Pietersen")
    Attendance.objects.create(meeting=held, membership=seat, status=AttendanceStatus.AANWEZIG)
    Attendance.objects.create(
        meeting=held, membership=absent, status=AttendanceStatus.AFWEZIG_MET_BERICHT
    )
    Attendance.objects.create(
        meeting=held, guest_name="Gast", guest_organisation="GGD", status="aanwezig"
    )
    make_decisions(region, held, secretary, 1)
    AgendaItemFactory(meeting=held, title="Mededelingen", kind=AgendaItemKind.INFORMEREN)
    content = compose_minutes(held)
    assert json.loads(json.dumps(content)) == content
    assert content["meeting"]["body"] == "Stamtafel"
    names = {m["name"]: m["status"] for m in content["attendance"]["members"]}
    assert names["Jansen"] == "aanwezig" and names["Pietersen"] == "afwezig_met_bericht"
    assert content["attendance"]["guests"][0]["organisation"] == "GGD"
    assert content["attendance"]["quorum"] == {
        **content["attendance"]["quorum"],
        "applies": True,
        "required": 2,
        "met": False,
    }
    by_title = {i["title"]: i for i in content["items"]}
    besluit = by_title["B0"]
    assert besluit["is_decision"] and besluit["without_quorum"]
    assert besluit["minutes_text"] == "Besproken 0"
    assert besluit["created_actions"][0]["title"] == "Nieuwe actie 0"
    assert besluit["created_actions"][0]["trekker"]
    assert by_title["V0"]["moved_action"]["list"] == ActionList.GEREED
    assert not by_title["Mededelingen"]["is_decision"]
    assert content["decided_without_quorum"] is True
    # A pure function of the database state.
    assert compose_minutes(held) == content


def test_compose_minutes_queries_are_constant(region, held, secretary, django_assert_num_queries):
    make_decisions(region, held, secretary, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        compose_minutes(held)
    make_decisions(region, held, secretary, 10)
    with django_assert_num_queries(len(small.captured_queries)):
        compose_minutes(held)


# Offering


def test_offer_without_a_next_meeting_is_refused(held, secretary):
    with pytest.raises(ValidationError) as exc:
        minutes_offer(meeting=held, user=secretary)
    assert "Plan eerst de volgende vergadering van Stamtafel" in exc.value.messages[0]
    assert not Minutes.objects.exists()  # nothing half-saved


def test_offer_creates_a_concept_and_an_item_on_the_next_meeting(held, following, secretary):
    MeetingFactory(body=held.body, starts_at=NOW + timedelta(days=5), status="geannuleerd")
    minutes, item = minutes_offer(meeting=held, user=secretary)
    assert minutes.number == 1 and minutes.state == MinutesState.CONCEPT
    assert item.meeting == following
    assert item.adopts_minutes_of == held
    assert item.kind == AgendaItemKind.BESLUITEN
    assert item.title.startswith("Vaststellen verslag Stamtafel")
    # Idempotent.
    again, same = minutes_offer(meeting=held, user=secretary)
    assert (again.pk, same.pk) == (minutes.pk, item.pk)
    assert AgendaItem.objects.filter(adopts_minutes_of=held).count() == 1
    assert Minutes.objects.count() == 1


def test_offer_again_once_the_next_meeting_is_planned(held, secretary, body):
    with pytest.raises(ValidationError):
        minutes_offer(meeting=held, user=secretary)
    MeetingFactory(body=body, starts_at=NOW + timedelta(days=30))
    _minutes, item = minutes_offer(meeting=held, user=secretary)
    assert item.adopts_minutes_of == held


def test_offer_of_a_future_meeting_is_refused(following, secretary):
    with pytest.raises(ValidationError) as exc:
        minutes_offer(meeting=following, user=secretary)
    assert "na de vergadering" in exc.value.messages[0]


# Adoption and immutability


@pytest.fixture
def adopted(region, held, following, secretary):
    make_decisions(region, held, secretary, 1)
    _minutes, item = minutes_offer(meeting=held, user=secretary)
    decide(item, secretary, outcome="Vastgesteld met correctie: punt 1 heette anders.")
    return Minutes.objects.get(meeting=held)


def test_the_decision_on_the_item_adopts_the_minutes(adopted, held, secretary):
    assert adopted.state == MinutesState.VASTGESTELD
    assert adopted.corrections == "Vastgesteld met correctie: punt 1 heette anders."
    assert adopted.adopted_by == secretary and adopted.adopted_at
    assert adopted.adopted_on_item.adopts_minutes_of == held
    assert adopted.content == compose_minutes(held)
    assert held.has_adopted_minutes()


def test_items_of_an_adopted_meeting_are_final(adopted, held, secretary):
    item = held.items.first()
    with pytest.raises(ValidationError) as exc:
        decide(item, secretary, outcome="Toch anders", minutes_text="anders")
    assert "Het verslag is vastgesteld" in exc.value.messages[0]
    item.refresh_from_db()
    assert item.outcome != "Toch anders"


def test_adopted_minutes_are_never_changed(adopted, secretary):
    adopted.corrections = "geknoeid"
    with pytest.raises(ValidationError):
        adopted.save()
    with pytest.raises(ValidationError):
        adopted.delete()
    # Deciding the adoption item again does not adopt again.
    with pytest.raises(ValidationError) as exc:
        decide(adopted.adopted_on_item, secretary, outcome="Nog eens")
    assert "al vastgesteld" in " ".join(exc.value.messages)
    adopted.refresh_from_db()
    assert adopted.corrections.startswith("Vastgesteld met correctie")
    assert adopted.adopted_on_item.outcome.startswith("Vastgesteld met correctie")


def test_adoption_refused_leaves_the_outcome_unsaved(adopted, secretary):
    item = adopted.adopted_on_item
    version = item.version
    with pytest.raises(ValidationError):
        decide(item, secretary, outcome="Nog eens")
    item.refresh_from_db()
    assert item.version == version


# Correction


def test_a_correction_is_a_new_version_and_the_old_one_stays(adopted, held, secretary):
    before = dict(adopted.content)
    item_id = adopted.content["items"][0]["id"]
    new = minutes_correct(
        minutes=adopted,
        reason="Naam van de trekker was fout",
        corrections="Punt 1: trekker is Bakker.",
        seen_version=adopted.version,
        user=secretary,
        item_texts={item_id: {"outcome": "Gecorrigeerd besluit", "minutes_text": "Besproken 0"}},
    )
    assert new.number == 2 and new.state == MinutesState.VASTGESTELD
    assert new.reason == "Naam van de trekker was fout"
    assert new.content["items"][0]["outcome"] == "Gecorrigeerd besluit"
    assert new.content["correction"]["of_version"] == 1
    adopted.refresh_from_db()
    assert adopted.content == before
    # Only the latest may be corrected, and a reason is required.
    with pytest.raises(ValidationError):
        minutes_correct(
            minutes=adopted,
            reason="x",
            corrections="y",
            seen_version=adopted.version,
            user=secretary,
        )
    with pytest.raises(ValidationError) as exc:
        minutes_correct(
            minutes=new, reason=" ", corrections="y", seen_version=new.version, user=secretary
        )
    assert "reason" in exc.value.error_dict


def test_correction_with_a_stale_version_is_refused(adopted, secretary):
    with pytest.raises(StaleEdit):
        minutes_correct(
            minutes=adopted, reason="r", corrections="c", seen_version=0, user=secretary
        )


def test_a_concept_cannot_be_corrected(held, following, secretary):
    minutes, _item = minutes_offer(meeting=held, user=secretary)
    with pytest.raises(ValidationError) as exc:
        minutes_correct(
            minutes=minutes,
            reason="r",
            corrections="c",
            seen_version=minutes.version,
            user=secretary,
        )
    assert "nog niet vastgesteld" in exc.value.messages[0]


# Pages


def url(name, region, **kwargs):
    return reverse(name, kwargs={"region": region.slug, **kwargs})


def test_meeting_page_offers_and_links_the_minutes(client, secretary, region, held, following):
    client.force_login(secretary)
    page = client.get(url("governance:meeting", region, pk=held.pk)).content.decode()
    assert "Verslag aanbieden ter vaststelling" in page
    assert url("reports:besluitenlijst", region, pk=held.pk) in page
    offer = url("governance:minutes_offer", region, pk=held.pk)
    assert client.get(offer).status_code == 200
    response = client.post(offer)
    assert response.status_code == 302
    item = AgendaItem.objects.get(adopts_minutes_of=held)
    page = client.get(url("governance:meeting", region, pk=held.pk)).content.decode()
    assert "Verslag aanbieden ter vaststelling" not in page
    assert "ter vaststelling op de agenda" in page
    next_page = client.get(url("governance:meeting", region, pk=following.pk)).content.decode()
    assert f'href="{url("reports:verslag", region, pk=held.pk)}"' in next_page
    assert "Concept verslag" in next_page
    # The decision page says what the decision does.
    decide_page = client.get(url("governance:agendaitem_decide", region, obj=item.pk))
    assert "Met dit besluit wordt het verslag" in decide_page.content.decode()


def test_offer_page_shows_the_refusal(client, secretary, region, held):
    client.force_login(secretary)
    response = client.post(url("governance:minutes_offer", region, pk=held.pk))
    assert response.status_code == 400
    assert "Plan eerst de volgende vergadering" in response.content.decode()


def test_decide_form_records_the_verslag_text(client, secretary, region, held):
    item = AgendaItemFactory(meeting=held)
    client.force_login(secretary)
    response = client.post(
        url("governance:agendaitem_decide", region, obj=item.pk),
        {"seen_version": item.version, "outcome": "Besloten", "minutes_text": "Kort verslag"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes_text == "Kort verslag"


def test_decide_form_refuses_on_an_adopted_meeting(client, secretary, region, adopted, held):
    item = held.items.first()
    client.force_login(secretary)
    response = client.post(
        url("governance:agendaitem_decide", region, obj=item.pk),
        {"seen_version": item.version, "outcome": "Anders"},
    )
    assert response.status_code == 400
    assert "Het verslag is vastgesteld" in response.content.decode()


def test_correct_page_makes_a_new_version(client, secretary, region, adopted):
    client.force_login(secretary)
    target = url("governance:minutes_correct", region, pk=adopted.pk)
    assert client.get(target).status_code == 200
    response = client.post(
        target,
        {"seen_version": adopted.version, "reason": "Typfout", "corrections": "Punt 1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Minutes.objects.filter(meeting=adopted.meeting).count() == 2
    bad = client.post(target, {"seen_version": "x", "reason": "\x00", "corrections": "a" * 30000})
    assert bad.status_code == 400


def test_verslag_pages_show_state_and_versions(client, bestuurder, secretary, region, adopted):
    minutes_correct(
        minutes=adopted,
        reason="Reden twee",
        corrections="c",
        seen_version=adopted.version,
        user=secretary,
    )
    client.force_login(bestuurder)
    page = client.get(url("reports:verslag", region, pk=adopted.meeting_id)).content.decode()
    assert "Vastgesteld" in page and "versie 2" in page and "Reden twee" in page
    old = client.get(url("reports:verslag", region, pk=adopted.meeting_id) + "?versie=1")
    assert old.status_code == 200
    assert "Dit is een eerdere versie" in old.content.decode()
    for bad in ("99", "abc", "0", "-1", "1\x00", "9" * 50, "١"):
        response = client.get(
            url("reports:verslag", region, pk=adopted.meeting_id), {"versie": bad}
        )
        assert response.status_code == 404, bad


def test_besluitenlijst_warns_when_the_quorum_was_not_met(
    client, bestuurder, region, held, secretary
):
    seat = MembershipFactory(body=held.body)
    Attendance.objects.create(meeting=held, membership=seat, status=AttendanceStatus.AANWEZIG)
    make_decisions(region, held, secretary, 1)
    client.force_login(bestuurder)
    page = client.get(url("reports:besluitenlijst", region, pk=held.pk)).content.decode()
    assert "Besloten zonder quorum" in page
    assert "Nieuwe actie 0" in page
    assert "Concept" in page


def test_vng_never_reads_minutes(client, vng_advisor, region, held):
    client.force_login(vng_advisor)
    assert client.get(url("reports:verslag", region, pk=held.pk)).status_code == 403
    assert client.get(url("reports:besluitenlijst_pdf", region, pk=held.pk)).status_code == 403


def test_minutes_of_another_region_are_404(client, other_secretary, region, adopted):
    client.force_login(other_secretary)
    assert client.get(url("reports:verslag", region, pk=adopted.meeting_id)).status_code == 404
    other = reverse("governance:minutes_correct", kwargs={"region": "andere", "pk": adopted.pk})
    assert client.get(other).status_code == 404


def test_verslag_pdf_is_tagged(client, bestuurder, region, adopted):
    from tests.reports.pdf_helpers import assert_accessible_pdf, pdf_facts

    client.force_login(bestuurder)
    response = client.get(url("reports:verslag_pdf", region, pk=adopted.meeting_id))
    facts = pdf_facts(response)
    assert_accessible_pdf(facts, title_contains="Verslag")
    assert "stand per" in facts.title
    assert facts.filename.startswith("verslag-test-stamtafel-")
    assert "Aanwezigheid" in facts.outline and "Agendapunten" in facts.outline
    text = " ".join(facts.text.split())
    assert "Besproken 0" in text and "Vastgesteld" in text
    assert date.today().year > 2000
