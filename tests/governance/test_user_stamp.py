"""A change to a user's name, e-mail or beheer flags moves the national row's structuur stamp
(governance migration 0010): pages show users' names and depend on their flags. Signing in
moves nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.db import connection

from governance.stamps import region_stamps


def national():
    return region_stamps(0)["structuur"]


@pytest.mark.django_db
def test_name_email_and_flags_move_the_national_stamp_and_signing_in_does_not():
    user = get_user_model().objects.create_user("stempel", password="x" * 12)
    for field, value in [
        ("first_name", "Anna"),
        ("last_name", "de Vries"),
        ("email", "anna@example.org"),
        ("is_staff", True),
        ("is_active", False),
    ]:
        before = national()
        setattr(user, field, value)
        user.save(update_fields=[field])
        assert national() != before, field
    before = national()
    update_last_login(None, user)
    user.set_password("y" * 12)
    user.save(update_fields=["password"])
    user.save()  # every column written, none of them changed
    assert national() == before
    with connection.cursor() as cursor:
        cursor.execute("UPDATE auth_user SET first_name = %s WHERE id = %s", ["Bea", user.pk])
    assert national() != before
    before = national()
    user.delete()
    assert national() != before
