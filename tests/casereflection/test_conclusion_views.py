"""Stamtafel conclusions on the pages: recording one puts an action on the actielijst (in the
same transaction), changing one, refusals, and what the reflection page shows of the
follow-up."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casereflection.constants import ReflectionStatus
from casereflection.models import Conclusion
from governance.constants import ActionList, ActionOrigin
from governance.models import Action
from tests.casereflection.ui_helpers import conclude, reflection, stamtafel_item, url
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    OrganisationFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db

PHONE = "Contact via 06-12345678."


@pytest.fixture
def offered(region):
    return reflection(region, status=ReflectionStatus.AANGEBODEN, proposal="Het voorstel.")


@pytest.fixture
def membership(region):
    return trekker_membership(region)


def form_data(membership, **overrides) -> dict:
    data = {
        "agenda_item": "",
        "decided_on": timezone.localdate().isoformat(),
        "title": "Signalen eerder delen",
        "common_challenge": "Signalen komen te laat bij de wijkteams.",
        "priority": "1",
        "assignment": "Werk een afspraak uit over het tijdig delen van signalen.",
        "assignee_body": str(membership.body_id),
        "assignee_organisation": str(OrganisationFactory(region=membership.body.region).pk),
        "contact_administrator": str(membership.pk),
        "due_date": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "note": "",
        "seen_version": "",
    }
    data.update(overrides)
    return data


def test_a_conclusion_puts_an_action_on_the_actielijst(
    client, secretary, region, offered, membership
):
    item = stamtafel_item(region)
    client.force_login(secretary)
    page = client.get(url("conclusion_add", region, pk=offered.pk))
    assert page.status_code == 200
    assert "actielijst" in page.content.decode()  # the help text under the form
    response = client.post(
        url("conclusion_add", region, pk=offered.pk),
        form_data(membership, agenda_item=str(item.pk)),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == offered.get_absolute_url()
    conclusion = Conclusion.objects.get()
    action = conclusion.action
    assert action.list == ActionList.ACTIE
    assert action.trekker == membership
    assert action.origin == ActionOrigin.REFLECTIE
    assert action.title == "Signalen eerder delen"
    html = response.content.decode()
    # the success message names the action and links to it
    assert f'<a href="{action.get_absolute_url()}">Signalen eerder delen</a>' in html
    # the reflection page shows the follow-up
    assert "op de actielijst" in html
    # and the action page shows the action
    action_page = client.get(action.get_absolute_url())
    assert action_page.status_code == 200
    assert "Signalen eerder delen" in action_page.content.decode()


def test_no_conclusion_before_the_reflection_is_offered(client, secretary, region, membership):
    discussed = reflection(region, status=ReflectionStatus.BESPROKEN, held_on=timezone.localdate())
    client.force_login(secretary)
    page = client.get(url("conclusion_add", region, pk=discussed.pk))
    assert page.status_code == 200
    assert "form" in page.context and 'name="title"' not in page.content.decode()
    response = client.post(url("conclusion_add", region, pk=discussed.pk), form_data(membership))
    assert response.status_code == 400
    assert "bied de reflectie eerst aan" in response.content.decode()
    assert not Conclusion.objects.exists()
    assert not Action.objects.exists()


def test_personal_data_in_a_conclusion_saves_nothing(
    client, secretary, region, offered, membership
):
    client.force_login(secretary)
    response = client.post(
        url("conclusion_add", region, pk=offered.pk),
        form_data(membership, common_challenge=PHONE),
    )
    assert response.status_code == 400
    assert "telefoonnummer" in response.context["form"].errors["common_challenge"][0].lower()
    assert not Conclusion.objects.exists() and not Action.objects.exists()


def test_a_conclusion_needs_an_assignee(client, secretary, region, offered, membership):
    client.force_login(secretary)
    response = client.post(
        url("conclusion_add", region, pk=offered.pk),
        form_data(membership, assignee_body="", assignee_organisation=""),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["assignee_body"]
    assert not Action.objects.exists()


def test_choices_are_of_the_region_and_administrative(
    client, secretary, region, other_region, offered, membership
):
    own = stamtafel_item(region)
    tactical = AgendaItemFactory(
        meeting=MeetingFactory(body=BodyFactory(region=region, level="tactisch"))
    )
    foreign = stamtafel_item(other_region)
    client.force_login(secretary)
    form = client.get(url("conclusion_add", region, pk=offered.pk)).context["form"]
    choices = list(form.fields["agenda_item"].queryset)
    assert choices == [own]
    day = timezone.localtime(own.meeting.starts_at).strftime("%d-%m-%Y")
    assert form.fields["agenda_item"].label_from_instance(own) == (
        f"{day} — Stamtafel — Casusreflectie"
    )
    assert tactical not in choices
    response = client.post(
        url("conclusion_add", region, pk=offered.pk),
        form_data(membership, agenda_item=str(foreign.pk)),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["agenda_item"]
    assert not Action.objects.exists()


def test_change_a_conclusion(client, secretary, region, offered):
    conclusion = conclude(offered, secretary)
    client.force_login(secretary)
    edit = url("conclusion_edit", region, pk=conclusion.pk)
    page = client.get(edit)
    assert page.status_code == 200
    data = form_data(
        conclusion.contact_administrator,
        title="Signalen nog eerder delen",
        assignee_organisation=str(conclusion.assignee_organisation_id),
        seen_version=str(conclusion.version),
    )
    response = client.post(edit, data)
    assert response.status_code == 302
    conclusion.refresh_from_db()
    assert conclusion.title == "Signalen nog eerder delen"
    assert Action.objects.count() == 1


def test_another_regions_conclusion_is_not_found(client, secretary, region, other_region):
    foreign = reflection(other_region, status=ReflectionStatus.AANGEBODEN, proposal="V.")
    conclusion = conclude(foreign, secretary)
    client.force_login(secretary)
    assert client.get(url("conclusion_edit", region, pk=conclusion.pk)).status_code == 404
    assert client.get(url("conclusion_add", region, pk=foreign.pk)).status_code == 404


def test_only_the_secretary_records_conclusions(client, bestuurder, participant, region, offered):
    for user in (bestuurder, participant):
        client.force_login(user)
        assert client.get(url("conclusion_add", region, pk=offered.pk)).status_code == 403


def test_reflection_page_shows_conclusions_and_their_follow_up(client, secretary, region, offered):
    item = stamtafel_item(region)
    conclusion = conclude(
        offered,
        secretary,
        agenda_item=item,
        decided_on=timezone.localdate() - timedelta(days=30),
        due_date=timezone.localdate() - timedelta(days=1),
    )
    client.force_login(secretary)
    html = client.get(url("reflection", region, pk=offered.pk)).content.decode()
    assert conclusion.title in html
    assert conclusion.common_challenge in html
    assert conclusion.contact_administrator.person.name in html
    assert (
        reverse("governance:meeting", kwargs={"region": region.slug, "pk": item.meeting_id}) in html
    )
    assert conclusion.action.get_absolute_url() in html
    assert "Termijn verstreken" in html
    assert "Conclusie vastleggen" in html
    assert url("conclusion_edit", region, pk=conclusion.pk) in html
