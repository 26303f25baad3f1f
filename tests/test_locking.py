import pytest

from core.locking import StaleEdit
from governance.models import Body
from governance.services import object_save
from tests.factories import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_second_stale_save_is_refused_and_names_the_change_and_editor():
    body = BodyFactory(name="Stamtafel", meeting_frequency_per_year=4)
    anna = UserFactory(username="anna", first_name="Anna", last_name="de Vries")
    bert = UserFactory(username="bert")

    first = Body.objects.get(pk=body.pk)
    second = Body.objects.get(pk=body.pk)
    seen = first.version

    first.meeting_frequency_per_year = 6
    object_save(instance=first, seen_version=seen, user=anna)

    second.description = "Mijn wijziging"
    with pytest.raises(StaleEdit) as info:
        object_save(instance=second, seen_version=seen, user=bert)
    stale = info.value
    assert stale.editors == ["Anna de Vries"]
    assert [(c.label, c.before, c.after) for c in stale.changes] == [
        ("vergaderingen per jaar", "4", "6")
    ]
    assert "Anna de Vries" in stale.message and "vergaderingen per jaar" in stale.message
    assert Body.objects.get(pk=body.pk).description == ""
    assert stale.current_version == seen + 1


def test_save_with_current_version_increments_and_records_user():
    body = BodyFactory()
    user = UserFactory(username="carla")
    body.name = "Anders"
    object_save(instance=body, seen_version=body.version, user=user)
    body.refresh_from_db()
    assert body.version == 2
    assert body.history.first().history_user == user
