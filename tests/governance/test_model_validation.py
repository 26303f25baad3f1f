from datetime import date

import pytest
from django.core.exceptions import ValidationError

from governance.constants import BodyStatus, RelationKind
from governance.models import BodyRelation, Membership
from tests.factories import (
    BodyFactory,
    MandateFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RelationFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(obj) -> dict:
    with pytest.raises(ValidationError) as info:
        obj.full_clean()
    return info.value.message_dict


def test_body_end_before_start_is_refused():
    body = BodyFactory.build(
        region=RegionFactory(),
        established_on=date(2023, 1, 1),
        dissolved_on=date(2022, 1, 1),
        status=BodyStatus.OPGEHEVEN,
    )
    assert "na de datum van instelling" in errors_of(body)["dissolved_on"][0]


def test_opgeheven_body_needs_a_date_and_a_date_needs_opgeheven():
    region = RegionFactory()
    assert "dissolved_on" in errors_of(
        BodyFactory.build(region=region, status=BodyStatus.OPGEHEVEN)
    )
    assert "status" in errors_of(
        BodyFactory.build(region=region, status=BodyStatus.ACTIEF, dissolved_on=date(2024, 1, 1))
    )


def test_membership_outside_body_lifetime():
    body = BodyFactory(established_on=date(2022, 4, 19))
    membership = MembershipFactory.build(
        body=body, person=PersonFactory(region=body.region), start=date(2022, 1, 1)
    )
    assert "vóór de instelling" in errors_of(membership)["start"][0]


def test_membership_ending_after_dissolution():
    body = BodyFactory(
        established_on=date(2020, 1, 1), dissolved_on=date(2023, 1, 1), status=BodyStatus.OPGEHEVEN
    )
    membership = MembershipFactory.build(
        body=body, person=PersonFactory(region=body.region), end=date(2024, 1, 1)
    )
    assert "na de opheffing" in errors_of(membership)["end"][0]


def test_mandate_outside_lifetime_and_end_before_start():
    body = BodyFactory(established_on=date(2022, 1, 1))
    mandate = MandateFactory.build(body=body, valid_from=date(2021, 1, 1))
    assert "valid_from" in errors_of(mandate)
    mandate = MandateFactory.build(
        body=body, valid_from=date(2023, 1, 1), valid_to=date(2022, 6, 1)
    )
    assert "valid_to" in errors_of(mandate)


def test_membership_linking_another_regions_objects():
    body = BodyFactory()
    other = RegionFactory()
    membership = Membership(
        body=body,
        person=PersonFactory(region=other),
        organisation=OrganisationFactory(region=other),
        municipality=MunicipalityFactory(region=other),
        on_behalf_of_body=BodyFactory(region=other),
    )
    errors = errors_of(membership)
    assert set(errors) >= {"person", "organisation", "municipality", "on_behalf_of_body"}


def test_membership_needs_someone():
    assert "person" in errors_of(Membership(body=BodyFactory()))


def test_national_organisation_may_sit_anywhere():
    body = BodyFactory()
    national = OrganisationFactory(region=None, name="Landelijke organisatie")
    Membership(body=body, organisation=national).full_clean()


def test_relation_to_itself_and_to_another_region():
    body = BodyFactory()
    assert "target" in errors_of(
        BodyRelation(source=body, target=body, kind=RelationKind.ADVISEERT)
    )
    foreign = BodyFactory()
    assert (
        "andere regio"
        in errors_of(BodyRelation(source=body, target=foreign, kind=RelationKind.ADVISEERT))[
            "target"
        ][0]
    )


def test_gaat_op_in_cycle_is_refused():
    region = RegionFactory()
    a, b, c = (BodyFactory(region=region) for _ in range(3))
    RelationFactory(source=a, target=b, kind=RelationKind.GAAT_OP_IN)
    RelationFactory(source=b, target=c, kind=RelationKind.GAAT_OP_IN)
    relation = BodyRelation(source=c, target=a, kind=RelationKind.GAAT_OP_IN)
    assert "kring" in errors_of(relation)["target"][0]
    # Not a cycle: another kind of relation back is fine.
    BodyRelation(source=c, target=a, kind=RelationKind.ADVISEERT).full_clean()


def test_gaat_op_in_may_start_on_the_dissolution_day():
    region = RegionFactory()
    old = BodyFactory(
        region=region,
        established_on=date(2015, 1, 1),
        dissolved_on=date(2022, 4, 19),
        status=BodyStatus.OPGEHEVEN,
    )
    new = BodyFactory(region=region, established_on=date(2022, 4, 19))
    BodyRelation(
        source=old, target=new, kind=RelationKind.GAAT_OP_IN, valid_from=date(2022, 4, 19)
    ).full_clean()
    late = BodyRelation(
        source=old, target=new, kind=RelationKind.GAAT_OP_IN, valid_from=date(2022, 5, 1)
    )
    assert "valid_from" in errors_of(late)


def test_relation_outside_the_targets_lifetime():
    region = RegionFactory()
    source = BodyFactory(region=region, established_on=date(2015, 1, 1))
    target = BodyFactory(region=region, established_on=date(2022, 4, 19))
    relation = BodyRelation(
        source=source, target=target, kind=RelationKind.ADVISEERT, valid_from=date(2020, 1, 1)
    )
    assert "vóór de instelling" in errors_of(relation)["valid_from"][0]
