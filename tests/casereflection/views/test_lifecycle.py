"""The steps of a reflection's lifecycle: what the gespreksleider may do, and the secretary's
steps forward and back with their requirements."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casereflection.constants import ReflectionStatus
from casereflection.models import CaseReflection
from tests.casereflection.ui_helpers import conclude, reflection, url
from tests.casereflection.views.support import facilitator_data, led_by
from tests.factories import any_theme

pytestmark = pytest.mark.django_db


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
