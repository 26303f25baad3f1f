"""The header's links that depend on a permission are kept with the user's roles
(dashboard.context_processors.portal): they must equal what the rules say, for every kind of
user, and follow a role change on the next request."""

import pytest
import rules
from django.test import Client, RequestFactory

from accounts.backends import BACKEND, ModelBackend
from dashboard.context_processors import HEADER_PERMISSIONS, portal
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _users(region):
    def with_roles(*pairs, **flags):
        user = UserFactory(**flags)
        for role, where in pairs:
            RoleFactory(user=user, role=role, region=where)
        return user

    return {
        "zonder rol": with_roles(),
        "secretaris": with_roles(("secretary", region)),
        "bestuurder": with_roles(("bestuurder", region)),
        "deelnemer": with_roles(("participant", region)),
        "vng": with_roles(("vng_advisor", None)),
        "beheerder": with_roles(is_staff=True),
        "superuser": with_roles(is_superuser=True),
        "beheerder en secretaris": with_roles(("secretary", region), is_staff=True),
        "inactief": with_roles(("secretary", region), is_active=False),
    }


def _flags(user):
    request = RequestFactory().get("/")
    request.user = user
    context = portal(request)
    return {name: context[name] for name, _p in HEADER_PERMISSIONS}


def test_the_kept_flags_equal_the_rules_for_every_kind_of_user(region):
    seen = {}
    for label, user in _users(region).items():
        expected = {name: rules.has_perm(perm, user) for name, perm in HEADER_PERMISSIONS}
        for attempt in ("berekend", "bewaard"):
            loaded = ModelBackend().get_user(user.pk) or user  # an inactive user is not loaded
            assert _flags(loaded) == expected, (label, attempt)
        seen[label] = expected
    # the rules do tell these apart (the comparison above is not of nothing but False)
    assert seen["secretaris"]["can_view_permissions"] and seen["vng"]["can_compare_regions"]
    assert not any(seen["deelnemer"].values()) and not any(seen["inactief"].values())


def test_a_new_role_shows_its_links_on_the_next_request(region):
    user = UserFactory()
    RoleFactory(user=user, role="bestuurder", region=region)
    client = Client()
    client.force_login(user, backend=BACKEND)
    assert "Rechten</a>" not in client.get("/toegankelijkheid/").content.decode()
    RoleFactory(user=user, role="secretary", region=region)
    assert "Rechten</a>" in client.get("/toegankelijkheid/").content.decode()
    user.is_staff = True
    user.save()
    assert "Accountbeheer</a>" in client.get("/toegankelijkheid/").content.decode()
