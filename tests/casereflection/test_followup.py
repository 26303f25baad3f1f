"""What the other pages read of the reflections: checklist evidence, home, meeting preparation."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casereflection import followup
from casereflection.models import quarter_of, shift_quarter
from casereflection.services import conclusion_save
from checklist.evidence.run import derived_evidence
from governance.constants import ActionList, BodyKind
from governance.models import Action
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    CaseReflectionFactory,
    ConclusionFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RoleFactory,
    SubRegionFactory,
    UserFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def secretary(region):
    user = UserFactory()
    RoleFactory(user=user, region=region, role="secretary")
    return user


def this_quarter():
    return quarter_of(timezone.localdate())


def test_checklist_facts_count_reflections_of_the_last_two_quarters(region):
    facts = derived_evidence(region)
    assert [f.supports for f in facts["A4.1"]] == [False, False]
    assert facts["A4.2"][0].supports is False
    today = timezone.localdate()
    year, quarter = shift_quarter(*this_quarter(), -1)
    held = CaseReflectionFactory(region=region, year=year, quarter=quarter, held_on=today)
    held.delegation.set([PersonFactory(region=region)])
    CaseReflectionFactory(
        region=region, year=year - 2, quarter=quarter, held_on=today - timedelta(days=800)
    )
    facts = derived_evidence(region)
    assert facts["A4.1"][0].supports is True
    assert "1 casusreflectie" in facts["A4.1"][0].text
    assert facts["A4.1"][0].url == reverse(
        "casereflection:reflection_list", kwargs={"region": region.slug}
    )
    assert facts["A4.2"][0].supports is True


def test_checklist_facts_never_contain_case_text(region):
    year, quarter = this_quarter()
    CaseReflectionFactory(
        region=region,
        year=year,
        quarter=quarter,
        title="GEHEIME-TITEL",
        summary="GEHEIME-SAMENVATTING",
        held_on=timezone.localdate(),
    )
    texts = " ".join(
        f.text
        for facts in followup.checklist_facts(region, timezone.localdate()).values()
        for f in facts
    )
    assert "GEHEIME" not in texts


def test_secretary_attention(region, secretary):
    attention = followup.secretary_attention(region)
    assert [q.label for q in attention["unplanned"]] == [
        f"K{q} {y}" for y, q in (this_quarter(), shift_quarter(*this_quarter(), 1))
    ]
    year, quarter = this_quarter()
    CaseReflectionFactory(region=region, year=year, quarter=quarter)
    offered = CaseReflectionFactory(region=region, year=2020, quarter=1, status="aangeboden")
    concluded = CaseReflectionFactory(region=region, year=2020, quarter=2, status="aangeboden")
    conclusion = conclusion_save(
        instance=ConclusionFactory.build(
            reflection=concluded,
            contact_administrator=trekker_membership(region),
            assignee_organisation=OrganisationFactory(region=region),
        ),
        seen_version=None,
        user=secretary,
    )
    type(concluded).objects.filter(pk=concluded.pk).update(status="geconcludeerd")
    attention = followup.secretary_attention(region)
    assert len(attention["unplanned"]) == 1
    assert attention["awaiting"] == [offered]
    assert attention["closable"] == []
    Action.objects.filter(pk=conclusion.action_id).update(
        list=ActionList.GEREED, closed_reason="afgerond"
    )
    attention = followup.secretary_attention(region)
    assert attention["closable"] == [concluded]
    assert attention["total"] == 3


def test_home_shows_the_secretary_what_to_do_and_the_facilitator_what_they_lead(
    region, secretary, client
):
    facilitator = UserFactory()
    RoleFactory(user=facilitator, region=region, role="participant")
    CaseReflectionFactory(
        region=region,
        title="Casus die ik leid",
        facilitator=PersonFactory(region=region, user=facilitator),
        status="voorbereid",
    )
    client.force_login(secretary)
    page = client.get(reverse("home")).content.decode()
    assert "nog geen casusreflectie gepland" in page
    client.force_login(facilitator)
    page = client.get(reverse("home")).content.decode()
    assert "Casusreflecties die u leidt" in page
    assert "Casus die ik leid" in page


def test_meeting_preparation_lists_the_follow_up_of_this_table(region, secretary, client):
    stamtafel = BodyFactory(region=region, kind=BodyKind.STAMTAFEL)
    earlier = MeetingFactory(body=stamtafel, starts_at=timezone.now() - timedelta(days=60))
    upcoming = MeetingFactory(body=stamtafel)
    reflection = CaseReflectionFactory(
        region=region,
        status="aangeboden",
        title="GEHEIME-TITEL",
        sub_region=SubRegionFactory(region=region),
    )
    conclusion_save(
        instance=ConclusionFactory.build(
            reflection=reflection,
            title="Opdracht over informatiedeling",
            agenda_item=AgendaItemFactory(meeting=earlier),
            contact_administrator=trekker_membership(region, body=stamtafel),
            assignee_organisation=OrganisationFactory(region=region),
        ),
        seen_version=None,
        user=secretary,
    )
    url = reverse("meeting_preparation", kwargs={"region": region.slug, "pk": upcoming.pk})
    client.force_login(secretary)
    page = client.get(url).content.decode()
    assert "Opvolging van casusreflecties" in page
    assert "Opdracht over informatiedeling" in page
    assert "GEHEIME-TITEL" in page  # offered to this Stamtafel, waiting for a conclusion
    vng = UserFactory()
    RoleFactory(user=vng, region=None, role="vng_advisor")
    client.force_login(vng)
    page = client.get(url).content.decode()
    assert "Opdracht over informatiedeling" in page  # conclusions are for VNG too
    assert "GEHEIME-TITEL" not in page
    assert reflection.neutral_label in page
