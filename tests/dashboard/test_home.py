"""Home: what needs the secretary's attention; next meetings and own actions for members."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import constants as c
from governance.models import ActionUpdate
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def werkagenda(region, other_region):
    long_ago = today() - timedelta(days=120)
    data = {
        "overdue": ActionFactory(
            region=region,
            title="Over de termijn",
            due_date=today() - timedelta(days=3),
            importance=2,
            feasibility=2,
            impact=2,
        ),
        "stale": ActionFactory(
            region=region,
            title="Stil gevallen",
            created_on=long_ago,
            importance=1,
            feasibility=1,
            impact=1,
        ),
        "updated": ActionFactory(
            region=region,
            title="Bijgewerkt",
            created_on=long_ago,
            importance=1,
            feasibility=1,
            impact=1,
        ),
        "unweighed": ActionFactory(region=region, title="Nog niet gewogen", importance=3),
        "done": ActionFactory(
            region=region,
            title="Klaar",
            list=c.ActionList.GEREED,
            due_date=today() - timedelta(days=3),
            created_on=long_ago,
        ),
        "foreign": ActionFactory(
            region=other_region,
            title="Elders over de termijn",
            due_date=today() - timedelta(days=3),
        ),
    }
    ActionUpdate.objects.create(action=data["updated"], date=today() - timedelta(days=5))
    body = BodyFactory(region=region, name="Stamtafel")
    data["no_agenda"] = MeetingFactory(body=body, title="Zonder agenda")
    with_agenda = MeetingFactory(body=body, title="Met agenda")
    AgendaItemFactory(meeting=with_agenda)
    MeetingFactory(body=body, title="Ver weg", starts_at=timezone.now() + timedelta(weeks=10))
    MeetingFactory(body=body, title="Afgelast", status=c.MeetingStatus.GEANNULEERD)
    return data


def test_secretary_sees_what_needs_attention(client, secretary, region, werkagenda):
    client.force_login(secretary)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    [card] = response.context["cards"]
    att = card["attention"]
    assert [a.title for a in att["overdue"]] == ["Over de termijn"]
    assert att["overdue_total"] == 1
    assert [a.title for a in att["stale"]] == ["Stil gevallen"]
    assert {a.title for a in att["unweighed"]} == {"Nog niet gewogen"}
    assert [m.display_title for m in att["no_agenda"]] == ["Zonder agenda"]
    assert att["no_agenda_total"] == 1
    assert att["findings"] is card["findings"]
    text = response.content.decode()
    assert "Wat vraagt aandacht" in text
    assert "Elders over de termijn" not in text
    assert "Afgelast" not in text and "Ver weg" not in text
    assert "Beoordeling" not in text  # assessments come with the checklist issue


def test_attention_lists_are_capped_at_five_with_the_total(client, secretary, region):
    for _ in range(8):
        ActionFactory(region=region, due_date=today() - timedelta(days=1))
    client.force_login(secretary)
    att = client.get(reverse("home")).context["cards"][0]["attention"]
    assert len(att["overdue"]) == 5
    assert att["overdue_total"] == 8
    assert att["unweighed_total"] == 8


def test_bestuurder_gets_no_attention_section(client, bestuurder, region, werkagenda):
    client.force_login(bestuurder)
    response = client.get(reverse("home"))
    assert response.context["cards"][0]["attention"] is None
    assert "Wat vraagt aandacht" not in response.content.decode()


def test_bestuurder_sees_next_meetings_with_preparation_link(client, bestuurder, region):
    person = PersonFactory(region=region, user=bestuurder)
    body = BodyFactory(region=region, name="Mijn tafel")
    MembershipFactory(body=body, person=person)
    meeting = MeetingFactory(body=body)
    MeetingFactory(body=BodyFactory(region=region, name="Andere tafel"))
    client.force_login(bestuurder)
    response = client.get(reverse("home"))
    assert response.context["my_meetings"] == [meeting]
    text = response.content.decode()
    section = text.split('id="mijn-vergaderingen"')[1].split("</section>")[0]
    assert (
        reverse("meeting_preparation", kwargs={"region": region.slug, "pk": meeting.pk}) in section
    )
    assert "Mijn tafel" in section and "Andere tafel" not in section


def test_participant_sees_own_open_actions(client, participant, region, other_region):
    person = PersonFactory(region=region, user=participant)
    mine = ActionFactory(region=region, title="Mijn eigen actie", owner=person)
    ActionFactory(
        region=region, title="Mijn afgeronde actie", owner=person, list=c.ActionList.GEREED
    )
    ActionFactory(region=region, title="Actie van een ander", owner=PersonFactory(region=region))
    client.force_login(participant)
    response = client.get(reverse("home"))
    assert response.context["my_actions"] == [mine]
    text = response.content.decode()
    assert "Mijn eigen actie" in text
    assert "Mijn afgeronde actie" not in text and "Actie van een ander" not in text


def test_national_reader_home_still_renders(client, vng_advisor, region):
    client.force_login(vng_advisor)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["cards"] == []
    assert "my_meetings" not in response.context


def test_secretary_sees_checklist_reviews_that_are_due(client, secretary, region, other_region):
    from datetime import timedelta

    from django.utils import timezone

    from checklist.models import Assessment, Framework

    items = Framework.current().items
    today = timezone.localdate()
    Assessment.objects.create(
        region=region,
        item=items.get(code="I1"),
        status="verkend",
        assessed_on=today - timedelta(days=400),
        next_review_on=today - timedelta(days=10),
    )
    Assessment.objects.create(
        region=region,
        item=items.get(code="I2"),
        status="verkend",
        next_review_on=today + timedelta(days=10),
    )
    Assessment.objects.create(
        region=other_region,
        item=items.get(code="I3"),
        status="verkend",
        assessed_on=today - timedelta(days=400),
        next_review_on=today - timedelta(days=1),
    )
    client.force_login(secretary)
    html = client.get(reverse("home")).content.decode()
    assert "1</span> beoordeling van de checklist toe aan herziening" in html
    assert "I1 " in html and "I2 " not in html and "I3 " not in html
