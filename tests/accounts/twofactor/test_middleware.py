"""The enforcement: who is sent where before the second factor, what stays reachable, and no
extra queries for sessions that passed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.session_keys import SECOND_FACTOR_VERIFIED
from accounts.twofactor import policy
from governance.models import CalendarFeed
from tests.factories import RoleFactory, UserFactory

from .conftest import give_totp, password_login

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]


def _target(response) -> tuple[str, str]:
    assert response.status_code == 302, response.status_code
    parsed = urlparse(response["Location"])
    return parsed.path, parse_qs(parsed.query).get("next", [""])[0]


def _protected_urls(region) -> dict[str, str]:
    return {
        "deep region page": reverse("governance:region", kwargs={"region": region.slug}),
        "CSV export": reverse("governance:werkagenda_csv", kwargs={"region": region.slug}),
        "checklist CSV": reverse("checklist:export_csv", kwargs={"region": region.slug}),
        "PDF report": reverse("reports:werkagenda_pdf", kwargs={"region": region.slug}),
        "home": reverse("home"),
        "admin": reverse("admin:index"),
        "admin user list": reverse("admin:auth_user_changelist"),
        "own 2FA overview": reverse("accounts:mfa"),
        "password change": reverse("password_change"),
    }


@pytest.mark.parametrize("kind", ["secretary", "staff"])
def test_required_user_without_factor_reaches_only_enrolment(client, region, kind):
    user = UserFactory(username=kind, is_staff=kind == "staff", is_superuser=kind == "staff")
    if kind == "secretary":
        RoleFactory(user=user, role="secretary", region=region)
    password_login(client, user)
    for what, url in _protected_urls(region).items():
        for method in (client.get, client.head):
            path, next_url = _target(method(url))
            assert path == reverse("accounts:mfa_totp_setup"), what
            assert next_url == url, what
    # Changes are refused outright.
    post = client.post(reverse("governance:region_edit", kwargs={"region": region.slug}), {})
    assert post.status_code == 403
    assert client.post(reverse("admin:auth_user_changelist"), {}).status_code == 403
    # The enrolment page itself is reachable.
    assert client.get(reverse("accounts:mfa_totp_setup")).status_code == 200


def test_user_with_factor_is_sent_to_verify_with_next(client, region):
    user = UserFactory(username="deelnemer")
    RoleFactory(user=user, role="participant", region=region)  # optional for this role
    give_totp(user)
    password_login(client, user)
    url = reverse("reports:werkagenda_pdf", kwargs={"region": region.slug}) + "?x=1"
    assert _target(client.get(url)) == (reverse("accounts:mfa_verify"), url)
    assert client.post(reverse("accounts:mfa_recovery")).status_code == 403
    # Enrolling another factor before giving this one is no way around it.
    path, _next = _target(client.get(reverse("accounts:mfa_totp_setup")))
    assert path == reverse("accounts:mfa_verify")
    path, _next = _target(client.get(reverse("accounts:passkey_add")))
    assert path == reverse("accounts:mfa_verify")
    assert client.post(reverse("accounts:passkey_add_options")).status_code == 403


def test_optional_user_without_factor_passes_and_costs_no_query_later(client, region):
    user = UserFactory(username="bestuurder")
    RoleFactory(user=user, role="bestuurder", region=region)
    password_login(client, user)
    url = reverse("governance:region", kwargs={"region": region.slug})
    assert client.get(url).status_code == 200
    assert isinstance(client.session.get(policy.NOT_NEEDED_AT), int)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    looked_up = [q["sql"] for q in queries if "otp_totp" in q["sql"] or "passkey" in q["sql"]]
    assert looked_up == []


def test_verified_session_costs_no_query(client, region):
    user = UserFactory(username="secretaris")
    RoleFactory(user=user, role="secretary", region=region)
    give_totp(user)
    client.force_login(user)  # the real one: no factor yet
    session = client.session
    session[SECOND_FACTOR_VERIFIED] = True  # as after verification, or vouched for by SSO
    session.save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("governance:region_list")).status_code == 200
    assert not [q for q in queries if "otp_" in q["sql"] or "passkey" in q["sql"]]


def test_sso_session_without_the_flag_is_asked_like_a_password_login(client, region):
    user = UserFactory(username="secretaris")
    RoleFactory(user=user, role="secretary", region=region)
    give_totp(user)
    client.force_login(user)
    session = client.session
    session["_zv_login_route"] = "oidc:gemeente"
    session.save()
    assert _target(client.get(reverse("home")))[0] == reverse("accounts:mfa_verify")


def test_required_for_all_setting(client, region, settings):
    settings.ZV_2FA_REQUIRED_FOR_ALL = True
    user = UserFactory(username="bestuurder")
    RoleFactory(user=user, role="bestuurder", region=region)
    password_login(client, user)
    assert _target(client.get(reverse("home")))[0] == reverse("accounts:mfa_totp_setup")


def test_role_granted_later_is_enforced_after_the_recheck(client, region, monkeypatch):
    user = UserFactory(username="wordt-secretaris")
    password_login(client, user)
    assert client.get(reverse("home")).status_code == 200
    RoleFactory(user=user, role="secretary", region=region)
    assert client.get(reverse("home")).status_code == 200  # the decision is kept a while
    session = client.session
    session[policy.NOT_NEEDED_AT] -= policy.RECHECK_SECONDS + 1
    session.save()
    assert _target(client.get(reverse("home")))[0] == reverse("accounts:mfa_totp_setup")


def test_what_stays_reachable_without_the_factor(client, region):
    user = UserFactory(username="secretaris")
    RoleFactory(user=user, role="secretary", region=region)
    give_totp(user)
    feed = CalendarFeed.objects.create(user=user)
    password_login(client, user)
    assert client.get(reverse("accounts:mfa_verify")).status_code == 200
    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("accessibility")).status_code == 200
    assert (
        client.get(reverse("calendar_feed_user", kwargs={"token": feed.token})).status_code == 200
    )
    assert client.get("/static/css/portal.css").status_code in (200, 404)  # never a redirect
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_anonymous_users_go_to_login_as_before(client, region):
    response = client.get(reverse("governance:region", kwargs={"region": region.slug}))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("login")
