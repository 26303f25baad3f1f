"""The list rules of the werkagenda (seed 004), enforced by governance.services.werkagenda."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.locking import StaleEdit
from governance.constants import ActionList, ActionUpdateKind, BodyStatus, ClosedReason, Office
from governance.models import Action, ActionUpdate
from governance.services.werkagenda import action_move, action_progress, action_save
from tests.factories import (
    ActionFactory,
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(region):
    return ActionFactory(region=region)


@pytest.fixture
def ready(region):
    """What an action needs for the actielijst: a trekker, an owning body, a partner."""
    trekker = trekker_membership(region)
    return {
        "trekker": trekker,
        "owning_body": trekker.body,
        "coalition": [OrganisationFactory(region=region)],
    }


def move(action, to_list, user, **kwargs):
    return action_move(
        action=action, to_list=to_list, seen_version=action.version, user=user, **kwargs
    )


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def assert_unchanged(action, list_=ActionList.VOORRAAD):
    stored = Action.objects.get(pk=action.pk)
    assert stored.list == list_ and stored.version == action.version
    assert not ActionUpdate.objects.filter(action=action, kind=ActionUpdateKind.VERPLAATSING)


def test_to_actie_without_trekker_is_refused(action, ready, secretary):
    with pytest.raises(ValidationError) as excinfo:
        move(action, ActionList.ACTIE, secretary, **{**ready, "trekker": None})
    assert errors_of(excinfo)["trekker"] == [
        "Een actie op de actielijst heeft een bestuurlijk trekker nodig."
    ]
    assert_unchanged(action)


def test_to_actie_with_a_non_administrator_is_refused(region, action, ready, secretary):
    official = MembershipFactory(body=ready["owning_body"], person__office=Office.AMBTELIJK)
    with pytest.raises(ValidationError) as excinfo:
        move(action, ActionList.ACTIE, secretary, **{**ready, "trekker": official})
    assert "moet een bestuurder zijn" in errors_of(excinfo)["trekker"][0]
    assert_unchanged(action)


def test_to_actie_with_an_ended_membership_is_refused(region, action, ready, secretary):
    today = timezone.localdate()
    ended = trekker_membership(
        region, body=ready["owning_body"], start=today - timedelta(days=400), end=today
    )
    with pytest.raises(ValidationError) as excinfo:
        move(action, ActionList.ACTIE, secretary, **{**ready, "trekker": ended})
    assert "loopt nu niet" in errors_of(excinfo)["trekker"][0]
    assert_unchanged(action)


def test_to_actie_with_a_trekker_of_another_region_is_refused(
    other_region, action, ready, secretary
):
    foreign = trekker_membership(other_region)
    with pytest.raises(ValidationError) as excinfo:
        move(action, ActionList.ACTIE, secretary, **{**ready, "trekker": foreign})
    assert "andere regio" in " ".join(errors_of(excinfo)["trekker"])
    assert_unchanged(action)


def test_to_actie_with_a_trekker_in_a_dissolved_body_is_refused(region, action, ready, secretary):
    body = BodyFactory(region=region, status=BodyStatus.OPGEHEVEN)
    seat = trekker_membership(region, body=body)
    with pytest.raises(ValidationError) as excinfo:
        move(action, ActionList.ACTIE, secretary, **{**ready, "trekker": seat})
    assert "is niet actief" in errors_of(excinfo)["trekker"][0]


def test_to_actie_without_owning_body_is_refused(action, ready, secretary):
    with pytest.raises(ValidationError) as excinfo:
        move(action, ActionList.ACTIE, secretary, **{**ready, "owning_body": None})
    assert errors_of(excinfo)["owning_body"] == [
        "Een actie op de actielijst heeft een eigenaar (gremium)."
    ]
    assert_unchanged(action)


def test_to_actie_without_coalition_is_refused(action, ready, secretary):
    with pytest.raises(ValidationError) as excinfo:
        move(action, ActionList.ACTIE, secretary, **{**ready, "coalition": []})
    assert errors_of(excinfo)["coalition"] == [
        "Een actie op de actielijst heeft ten minste één coalitiepartner."
    ]
    assert_unchanged(action)


def test_to_actie_with_everything_is_accepted_and_logged(action, ready, secretary):
    move(action, ActionList.ACTIE, secretary, note="Besloten in de Stamtafel", **ready)
    stored = Action.objects.get(pk=action.pk)
    assert stored.list == ActionList.ACTIE
    assert stored.trekker == ready["trekker"] and stored.owning_body == ready["owning_body"]
    assert list(stored.coalition.all()) == ready["coalition"]
    assert stored.version == 2 and stored.list_since == timezone.localdate()
    update = ActionUpdate.objects.get(action=action, kind=ActionUpdateKind.VERPLAATSING)
    assert update.author == secretary
    assert (update.from_list, update.to_list) == (ActionList.VOORRAAD, ActionList.ACTIE)
    assert update.text == "Besloten in de Stamtafel" and update.date == timezone.localdate()


def test_to_gereed_needs_a_closing_reason(action, secretary):
    with pytest.raises(ValidationError) as excinfo:
        move(action, ActionList.GEREED, secretary)
    assert errors_of(excinfo)["closed_reason"] == [
        "Kies waarom de actie gereed is: afgerond, elders belegd of vervallen."
    ]
    assert_unchanged(action)


def test_to_gereed_with_a_reason_is_accepted(action, secretary):
    move(
        action,
        ActionList.GEREED,
        secretary,
        closed_reason=ClosedReason.ELDERS_BELEGD,
        note="Ligt bij de regiegroep",
    )
    stored = Action.objects.get(pk=action.pk)
    assert stored.list == ActionList.GEREED
    assert stored.closed_reason == ClosedReason.ELDERS_BELEGD
    assert stored.closing_note == "Ligt bij de regiegroep"
    update = ActionUpdate.objects.get(action=action, kind=ActionUpdateKind.VERPLAATSING)
    assert (update.from_list, update.to_list, update.author) == (
        ActionList.VOORRAAD,
        ActionList.GEREED,
        secretary,
    )


@pytest.fixture
def closed(action, secretary):
    return move(action, ActionList.GEREED, secretary, closed_reason=ClosedReason.VERVALLEN)


def test_back_from_gereed_needs_a_reason(closed, secretary):
    with pytest.raises(ValidationError) as excinfo:
        move(closed, ActionList.VOORRAAD, secretary, note="  ")
    assert errors_of(excinfo)["note"] == [
        "Geef een reden om de actie terug te halen van de gereedlijst."
    ]
    stored = Action.objects.get(pk=closed.pk)
    assert stored.list == ActionList.GEREED and stored.closed_reason == ClosedReason.VERVALLEN


def test_back_from_gereed_with_a_reason_clears_the_closing(closed, secretary):
    move(closed, ActionList.VOORRAAD, secretary, note="Het knelpunt is terug")
    stored = Action.objects.get(pk=closed.pk)
    assert stored.list == ActionList.VOORRAAD
    assert stored.closed_reason == "" and stored.closing_note == ""
    last = ActionUpdate.objects.filter(action=closed).first()
    assert (last.from_list, last.to_list, last.text) == (
        ActionList.GEREED,
        ActionList.VOORRAAD,
        "Het knelpunt is terug",
    )


def test_move_to_the_same_list_is_refused(action, secretary):
    with pytest.raises(ValidationError) as excinfo:
        move(action, ActionList.VOORRAAD, secretary)
    assert errors_of(excinfo)["to_list"] == ["De actie staat al op de voorraadlijst."]
    assert_unchanged(action)


def test_every_move_is_logged_with_author_and_lists(region, action, ready, secretary):
    move(action, ActionList.ACTIE, secretary, **ready)
    move(action, ActionList.GEREED, secretary, closed_reason=ClosedReason.AFGEROND)
    move(action, ActionList.ACTIE, secretary, note="Toch nog niet klaar")
    moves = ActionUpdate.objects.filter(action=action, kind=ActionUpdateKind.VERPLAATSING)
    assert [(u.from_list, u.to_list) for u in moves.order_by("id")] == [
        ("voorraad", "actie"),
        ("actie", "gereed"),
        ("gereed", "actie"),
    ]
    assert {u.author for u in moves} == {secretary}


def test_stale_move_raises_and_changes_nothing(action, ready, secretary):
    seen = action.version
    fresh = Action.objects.get(pk=action.pk)
    fresh.title = "Door een ander gewijzigd"
    action_save(instance=fresh, seen_version=seen, user=secretary, coalition=[])
    with pytest.raises(StaleEdit) as excinfo:
        action_move(
            action=action, to_list=ActionList.ACTIE, seen_version=seen, user=secretary, **ready
        )
    assert "Door een ander gewijzigd" in excinfo.value.message
    stored = Action.objects.get(pk=action.pk)
    assert stored.list == ActionList.VOORRAAD and stored.trekker is None
    assert not stored.coalition.exists()
    assert not ActionUpdate.objects.filter(action=action, kind=ActionUpdateKind.VERPLAATSING)


def test_save_refuses_to_leave_an_actie_action_without_trekker(action, ready, secretary):
    move(action, ActionList.ACTIE, secretary, **ready)
    edited = Action.objects.get(pk=action.pk)
    edited.trekker = None
    with pytest.raises(ValidationError) as excinfo:
        action_save(
            instance=edited,
            seen_version=edited.version,
            user=secretary,
            coalition=ready["coalition"],
        )
    assert "trekker" in errors_of(excinfo)
    assert Action.objects.get(pk=action.pk).trekker == ready["trekker"]


def test_save_creates_with_a_log_entry(region, secretary):
    created = action_save(
        instance=Action(region=region, title="Nieuwe actie"),
        seen_version=None,
        user=secretary,
        coalition=[],
    )
    update = ActionUpdate.objects.get(action=created)
    assert update.kind == ActionUpdateKind.AANGEMAAKT and update.author == secretary


def test_save_refuses_a_list_change(action, secretary):
    edited = Action.objects.get(pk=action.pk)
    edited.list = ActionList.GEREED
    edited.closed_reason = ClosedReason.AFGEROND
    with pytest.raises(ValidationError):
        action_save(instance=edited, seen_version=edited.version, user=secretary, coalition=[])
    assert Action.objects.get(pk=action.pk).list == ActionList.VOORRAAD


def test_progress_by_text(action, participant):
    update = action_progress(
        action=action,
        text="Eerste overleg gehouden",
        due_date=None,
        seen_version=1,
        user=participant,
    )
    assert update.kind == ActionUpdateKind.VOORTGANG and update.author == participant
    assert update.text == "Eerste overleg gehouden"
    assert Action.objects.get(pk=action.pk).version == 1  # the action itself did not change


def test_progress_by_due_date(action, participant):
    update = action_progress(
        action=action, text="", due_date=date(2030, 6, 1), seen_version=1, user=participant
    )
    stored = Action.objects.get(pk=action.pk)
    assert stored.due_date == date(2030, 6, 1) and stored.version == 2
    assert update.text == "Termijn gewijzigd naar 01-06-2030."


def test_progress_without_anything_is_refused(action, participant):
    with pytest.raises(ValidationError) as excinfo:
        action_progress(action=action, text=" ", due_date=None, seen_version=1, user=participant)
    assert "text" in errors_of(excinfo)
    assert not ActionUpdate.objects.filter(action=action).exists()
