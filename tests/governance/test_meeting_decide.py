"""The outcome of an agenda item: a decision may create a new action and move the item's
action in the same step — all of it saved, or nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.constants import ActionList, ActionOrigin, ActionUpdateKind
from governance.models import Action, ActionUpdate
from governance.services.meetings import agenda_item_decide
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    KnelpuntFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(region):
    return BodyFactory(region=region, name="Stamtafel")


@pytest.fixture
def action(region):
    return ActionFactory(region=region, title="Sluitende aanpak nazorg")


@pytest.fixture
def item(body, action):
    return AgendaItemFactory(
        meeting=MeetingFactory(body=body), title="Nazorg ex-gedetineerden", action=action
    )


def decide_url(region, item):
    return reverse("governance:agendaitem_decide", kwargs={"region": region.slug, "obj": item.pk})


def payload(item, **fields):
    data = {"seen_version": item.version, "outcome": "Besloten: aanpak starten."}
    data.update(fields)
    return data


def snapshot(item, action):
    """What must stay unchanged when a decision is refused."""
    item.refresh_from_db()
    action.refresh_from_db()
    return (
        item.outcome,
        item.version,
        action.list,
        action.version,
        action.trekker_id,
        Action.objects.count(),
        ActionUpdate.objects.count(),
    )


def test_outcome_alone_is_saved(client, secretary, region, item, action):
    client.force_login(secretary)
    response = client.post(decide_url(region, item), payload(item))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#agendapunt-{item.pk}")
    item.refresh_from_db()
    assert item.outcome == "Besloten: aanpak starten." and item.version == 2
    assert item.history.first().history_user == secretary
    assert Action.objects.count() == 1 and not ActionUpdate.objects.exists()
    action.refresh_from_db()
    assert action.list == ActionList.VOORRAAD and action.version == 1
    page = client.get(response["Location"]).content.decode()
    assert "Besloten: aanpak starten." in page


def test_outcome_is_required(client, secretary, region, item):
    client.force_login(secretary)
    response = client.post(decide_url(region, item), payload(item, outcome=""))
    assert response.status_code == 400
    assert 'id="id_outcome-fout"' in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == ""


def test_decision_creates_an_action_in_voorraad(client, secretary, region, item, body):
    knelpunt = KnelpuntFactory(region=region)
    item.knelpunt = knelpunt
    item.save()
    client.force_login(secretary)
    form = client.get(decide_url(region, item)).content.decode()
    assert "Nieuwe actie uit dit besluit" in form and "Actie verplaatsen" in form
    response = client.post(
        decide_url(region, item),
        payload(
            item,
            new_title="Pilot woonplekken",
            new_list="voorraad",
            new_theme=knelpunt.theme_id,
            new_due_date="2030-06-30",
        ),
    )
    assert response.status_code == 302
    created = Action.objects.get(title="Pilot woonplekken")
    assert created.list == ActionList.VOORRAAD
    assert created.origin == ActionOrigin.VERGADERBESLUIT
    assert created.origin_agenda_item == item
    assert created.owning_body == body  # the meeting's body by default
    assert created.theme == knelpunt.theme and str(created.due_date) == "2030-06-30"
    log = created.updates.get()
    assert log.kind == ActionUpdateKind.AANGEMAAKT and log.author == secretary
    item.refresh_from_db()
    assert item.outcome == "Besloten: aanpak starten."
    page = client.get(response["Location"]).content.decode()
    assert "Pilot woonplekken" in page  # listed under the decision's actions


def test_new_action_in_actie_without_trekker_saves_nothing(client, secretary, region, item, action):
    before = snapshot(item, action)
    partner = OrganisationFactory(region=region)
    client.force_login(secretary)
    response = client.post(
        decide_url(region, item),
        payload(item, new_title="Direct aan de slag", new_list="actie", new_coalition=[partner.pk]),
    )
    assert response.status_code == 400
    html = response.content.decode()
    # The service's error lands next to the prefixed field.
    assert 'id="id_new_trekker-fout"' in html
    assert "Een actie op de actielijst heeft een bestuurlijk trekker nodig." in html
    assert snapshot(item, action) == before
    assert not Action.objects.filter(title="Direct aan de slag").exists()


def test_new_action_in_actie_with_trekker_and_coalition(client, secretary, region, item, body):
    trekker = trekker_membership(region, body=body)
    partners = [OrganisationFactory(region=region), OrganisationFactory(region=None)]
    client.force_login(secretary)
    response = client.post(
        decide_url(region, item),
        payload(
            item,
            new_title="Regionale crisiskaart",
            new_list="actie",
            new_trekker=trekker.pk,
            new_owning_body=body.pk,
            new_coalition=[p.pk for p in partners],
        ),
    )
    assert response.status_code == 302
    created = Action.objects.get(title="Regionale crisiskaart")
    assert created.list == ActionList.ACTIE and created.trekker == trekker
    assert set(created.coalition.all()) == set(partners)


def test_move_of_the_linked_action_to_actie_in_one_step(
    client, secretary, region, item, action, body
):
    trekker = trekker_membership(region, body=body)
    partner = OrganisationFactory(region=region)
    action.owning_body = body
    action.save()
    client.force_login(secretary)
    response = client.post(
        decide_url(region, item),
        payload(
            item,
            move_to_list="actie",
            move_trekker=trekker.pk,
            move_coalition=[partner.pk],
            move_note="Stamtafel neemt het op.",
        ),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.list == ActionList.ACTIE and action.trekker == trekker
    assert list(action.coalition.all()) == [partner]
    move = action.updates.get(kind=ActionUpdateKind.VERPLAATSING)
    assert move.from_list == ActionList.VOORRAAD and move.to_list == ActionList.ACTIE
    assert move.text == "Stamtafel neemt het op." and move.author == secretary
    item.refresh_from_db()
    assert item.outcome == "Besloten: aanpak starten."


def test_a_failing_move_rolls_back_the_new_action_and_the_outcome(
    client, secretary, region, item, action
):
    before = snapshot(item, action)
    client.force_login(secretary)
    response = client.post(
        decide_url(region, item),
        payload(
            item,
            new_title="Wordt niet aangemaakt",
            new_list="voorraad",
            move_to_list="actie",  # no trekker, owner or coalition: refused
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_move_trekker-fout"' in html
    assert 'id="id_move_coalition-fout"' in html
    assert snapshot(item, action) == before
    assert not Action.objects.filter(title="Wordt niet aangemaakt").exists()
    # What the secretary typed is still there to correct.
    assert "Wordt niet aangemaakt" in html and "Besloten: aanpak starten." in html


def test_move_to_gereed_needs_a_reason(client, secretary, region, item, action):
    before = snapshot(item, action)
    client.force_login(secretary)
    response = client.post(decide_url(region, item), payload(item, move_to_list="gereed"))
    assert response.status_code == 400
    assert 'id="id_move_closed_reason-fout"' in response.content.decode()
    assert snapshot(item, action) == before
    response = client.post(
        decide_url(region, item),
        payload(item, move_to_list="gereed", move_closed_reason="vervallen"),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.list == ActionList.GEREED and action.closed_reason == "vervallen"


def test_details_without_a_title_or_a_list_are_not_silently_dropped(
    client, secretary, region, item, action, body
):
    trekker = trekker_membership(region, body=body)
    before = snapshot(item, action)
    client.force_login(secretary)
    response = client.post(
        decide_url(region, item),
        payload(item, new_trekker=trekker.pk, move_closed_reason="afgerond"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_new_title-fout"' in html and 'id="id_move_to_list-fout"' in html
    assert snapshot(item, action) == before


def test_choices_are_limited_to_the_region(client, secretary, region, other_region, item, action):
    foreign_trekker = trekker_membership(other_region)
    foreign_partner = OrganisationFactory(region=other_region)
    before = snapshot(item, action)
    client.force_login(secretary)
    response = client.post(
        decide_url(region, item),
        payload(
            item,
            new_title="X",
            new_trekker=foreign_trekker.pk,
            move_to_list="actie",
            move_coalition=[foreign_partner.pk],
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_new_trekker-fout"' in html and 'id="id_move_coalition-fout"' in html
    assert snapshot(item, action) == before


def test_trekker_choices_are_current_administrators_of_active_bodies(
    client, secretary, region, item, body
):
    good = trekker_membership(region, body=body, person__name="Wethouder Jansen")
    MembershipFactory(body=body, person__name="Ambtenaar Pietersen", person__office="ambtelijk")
    trekker_membership(
        region, body=body, person__name="Oud-wethouder Klaassen", end=date(2020, 1, 1)
    )
    dissolved = BodyFactory(region=region, status="opgeheven")
    trekker_membership(region, body=dissolved, person__name="Wethouder Opgeheven")
    client.force_login(secretary)
    html = client.get(decide_url(region, item)).content.decode()
    assert f'value="{good.pk}"' in html and "Wethouder Jansen" in html
    for name in ("Ambtenaar Pietersen", "Oud-wethouder Klaassen", "Wethouder Opgeheven"):
        assert name not in html


def test_an_item_without_action_has_no_move(client, secretary, region, body):
    item = AgendaItemFactory(meeting=MeetingFactory(body=body))
    client.force_login(secretary)
    html = client.get(decide_url(region, item)).content.decode()
    assert "Actie verplaatsen" not in html and 'name="move_to_list"' not in html
    response = client.post(decide_url(region, item), payload(item, move_to_list="actie"))
    assert response.status_code == 302  # an unknown field is ignored; the outcome saved
    item.refresh_from_db()
    assert item.outcome


def test_stale_outcome_is_refused(client, secretary, region, item):
    client.force_login(secretary)
    assert client.post(decide_url(region, item), payload(item, outcome="Eerst")).status_code == 302
    response = client.post(decide_url(region, item), payload(item, seen_version=1, outcome="Later"))
    assert response.status_code == 400
    assert "Niet opgeslagen" in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == "Eerst"


def test_bestuurder_may_not_record_outcomes(client, bestuurder, region, item):
    client.force_login(bestuurder)
    assert client.post(decide_url(region, item), payload(item)).status_code == 403
    item.refresh_from_db()
    assert item.outcome == ""


# The service directly: errors keyed by the decision form's prefixed names.


def test_service_errors_are_keyed_new_and_move(secretary, region, item, action):
    with pytest.raises(ValidationError) as new_refused:
        agenda_item_decide(
            item=item,
            outcome="x",
            seen_version=item.version,
            user=secretary,
            new_action={"title": "Y", "list": ActionList.ACTIE, "coalition": []},
        )
    assert {"new_trekker", "new_coalition"} <= set(new_refused.value.error_dict)
    item.refresh_from_db()
    with pytest.raises(ValidationError) as move_refused:
        agenda_item_decide(
            item=item,
            outcome="x",
            seen_version=item.version,
            user=secretary,
            new_action={"title": "Z", "list": ActionList.VOORRAAD, "coalition": []},
            move={"to_list": ActionList.GEREED},
        )
    assert set(move_refused.value.error_dict) == {"move_closed_reason"}
    item.refresh_from_db()
    assert item.outcome == "" and not Action.objects.filter(title__in=["Y", "Z"]).exists()


def test_a_move_made_since_the_form_opened_is_not_overwritten(
    client, secretary, region, item, action
):
    """The decision form carries the action's version: someone who moved the action in the
    meantime is not silently overruled, and the refused form carries the new version."""
    client.force_login(secretary)
    form = client.get(decide_url(region, item)).context["form"]
    seen = form.initial["move_seen_version"]
    assert seen == action.version
    Action.objects.filter(pk=action.pk).update(version=action.version + 1)
    data = payload(
        item, move_to_list="gereed", move_closed_reason="vervallen", move_seen_version=seen
    )
    response = client.post(decide_url(region, item), data)
    assert response.status_code == 400
    assert "Niet opgeslagen" in response.content.decode()
    assert response.context["form"].data["move_seen_version"] == action.version + 1
    action.refresh_from_db()
    assert action.list == ActionList.VOORRAAD
    item.refresh_from_db()
    assert item.outcome == ""
    # Saving again after seeing the change is a deliberate choice, and goes through.
    data["move_seen_version"] = action.version
    assert client.post(decide_url(region, item), data).status_code == 302
    action.refresh_from_db()
    assert action.list == ActionList.GEREED
