"""Erasure with generated names: quotes, LIKE wildcards, regex characters, accents and
capitals never leave a copy behind nor break the sweep (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.privacy import erasure
from dashboard.privacy.subject import subject_for_person
from governance.models import Attendance, Minutes, Person
from tests.dashboard.test_privacy_erasure import places_holding
from tests.factories import ActionFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db

names = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzQXZéöçñ'%_\\.*+?()[]$^ -"),
    min_size=5,
    max_size=30,
).map(lambda s: "Qz" + s.strip() + "xQ")


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=names)
def test_no_copy_of_a_generated_name_survives(staff_user, region, name):
    membership = MembershipFactory(body__region=region, person__region=region, person__name=name)
    person = membership.person
    ActionFactory(region=region, owner=person, description=f"Met {name.upper()} besproken")
    meeting = MeetingFactory(body=membership.body)
    Attendance.objects.create(
        meeting=meeting, membership=membership, status="vervangen", substitute_name=name
    )
    Minutes.objects.create(meeting=meeting, content={"lines": [f"{name} zegt: ja", {name: 1}]})
    subject = subject_for_person(staff_user, person.pk)
    done = erasure.erase(subject, by=staff_user, ground="bezwaar", note=name)
    assert places_holding(name) == []
    assert places_holding(name.upper()) == []
    assert Person.objects.get(pk=person.pk).name == done.pseudonym
