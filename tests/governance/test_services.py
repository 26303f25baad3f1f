from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from core.locking import StaleEdit
from governance import services
from governance.constants import BodyStatus, RelationKind
from governance.models import Body, BodyRelation, Membership
from tests.factories import (
    BodyFactory,
    MandateFactory,
    MembershipFactory,
    RelationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(username="sec", first_name="Sanne", last_name="Secretaris")


def test_body_end_ends_open_periods_and_records_merge(user):
    body = BodyFactory(established_on=date(2015, 1, 1))
    successor = BodyFactory(region=body.region, established_on=date(2020, 1, 1))
    member = MembershipFactory(body=body, start=date(2016, 1, 1))
    finished = MembershipFactory(body=body, start=date(2016, 1, 1), end=date(2018, 1, 1))
    mandate = MandateFactory(body=body)
    relation = RelationFactory(source=successor, target=body, kind=RelationKind.ADVISEERT)

    services.body_end(
        body=body,
        dissolved_on=date(2023, 6, 1),
        merged_into=successor,
        note="Opgegaan in de netwerktafel",
        seen_version=body.version,
        user=user,
    )

    body.refresh_from_db()
    assert body.status == BodyStatus.OPGEHEVEN and body.dissolved_on == date(2023, 6, 1)
    member.refresh_from_db()
    finished.refresh_from_db()
    mandate.refresh_from_db()
    relation.refresh_from_db()
    assert member.end == date(2023, 6, 1)
    assert finished.end == date(2018, 1, 1)
    assert mandate.valid_to == date(2023, 6, 1)
    assert relation.valid_to == date(2023, 6, 1)
    merge = BodyRelation.objects.get(source=body, kind=RelationKind.GAAT_OP_IN)
    assert merge.target == successor and merge.valid_from == date(2023, 6, 1)
    assert body.history.first().history_user == user


def test_body_end_is_all_or_nothing(user):
    """When the last write fails, the memberships already ended are rolled back too."""
    body = BodyFactory(established_on=date(2015, 1, 1))
    member = MembershipFactory(body=body)
    real_save = services.register.save_versioned
    calls = []

    def fail_on_body(obj, **kwargs):
        calls.append(obj)
        if isinstance(obj, Body):
            raise ValidationError("kapot")
        return real_save(obj, **kwargs)

    with (
        mock.patch("governance.services.register.save_versioned", side_effect=fail_on_body),
        pytest.raises(ValidationError),
    ):
        services.body_end(
            body=body,
            dissolved_on=date(2023, 6, 1),
            merged_into=None,
            note="",
            seen_version=body.version,
            user=user,
        )
    assert calls[0] == member  # the membership was written before the failure ...
    member.refresh_from_db()
    assert member.end is None  # ... and rolled back with it
    assert Body.objects.get(pk=body.pk).status == BodyStatus.ACTIEF


def test_body_end_refuses_member_starting_later(user):
    body = BodyFactory(established_on=date(2015, 1, 1))
    MembershipFactory(body=body, start=date(2024, 1, 1))
    with pytest.raises(ValidationError, match="begint pas"):
        services.body_end(
            body=body,
            dissolved_on=date(2023, 6, 1),
            merged_into=None,
            note="",
            seen_version=body.version,
            user=user,
        )
    assert Body.objects.get(pk=body.pk).status == BodyStatus.ACTIEF
    assert Membership.objects.get(body=body).end is None


def test_body_end_refuses_successor_that_does_not_exist_yet(user):
    body = BodyFactory(established_on=date(2015, 1, 1))
    later = BodyFactory(region=body.region, established_on=date(2024, 1, 1))
    with pytest.raises(ValidationError) as info:
        services.body_end(
            body=body,
            dissolved_on=date(2023, 6, 1),
            merged_into=later,
            note="",
            seen_version=body.version,
            user=user,
        )
    assert "merged_into" in info.value.message_dict


def test_stale_body_end_is_refused(user):
    body = BodyFactory()
    seen = body.version
    body.name = "Nieuwe naam"
    services.object_save(instance=body, seen_version=seen, user=UserFactory(username="ander"))
    with pytest.raises(StaleEdit):
        services.body_end(
            body=Body.objects.get(pk=body.pk),
            dissolved_on=date(2030, 1, 1),
            merged_into=None,
            note="",
            seen_version=seen,
            user=user,
        )


def test_period_end_validates(user):
    member = MembershipFactory(start=date(2023, 1, 1))
    with pytest.raises(ValidationError) as info:
        services.period_end(
            obj=member, end=date(2022, 1, 1), seen_version=member.version, user=user
        )
    assert "end" in info.value.message_dict
    services.period_end(obj=member, end=date(2024, 1, 1), seen_version=member.version, user=user)
    member.refresh_from_db()
    assert member.end == date(2024, 1, 1) and member.version == 2


def test_partner_add_refuses_other_region_and_duplicates(user):
    from governance.models import RegionPartner
    from tests.factories import OrganisationFactory, RegionFactory

    region = RegionFactory()
    own = OrganisationFactory(region=region)
    services.partner_add(region=region, organisation=own, user=user)
    assert RegionPartner.objects.get(region=region).history.first().history_user == user
    with pytest.raises(ValidationError):
        services.partner_add(region=region, organisation=own, user=user)
    with pytest.raises(ValidationError) as info:
        services.partner_add(region=region, organisation=OrganisationFactory(), user=user)
    assert "organisation" in info.value.message_dict
    assert RegionPartner.objects.filter(region=region).count() == 1


def test_object_delete_records_who_removed_it(user):
    from governance.models import CostLine
    from tests.factories import CostLineFactory

    line = CostLineFactory()
    services.object_delete(instance=line, user=user)
    assert not CostLine.objects.exists()
    removal = CostLine.history.filter(history_type="-").get()
    assert removal.history_user == user
