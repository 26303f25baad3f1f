"""Session tracking, "Mijn sessies", and a password change ending the other sessions."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, UserSession
from accounts.session_keys import LOGIN_ROUTE
from accounts.sessions import browser_label, dead_sessions
from core.middleware import REFRESHED_KEY
from tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord-123"
FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def _login(username: str, **extra) -> Client:
    client = Client(**extra)
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    return client


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (FIREFOX_WINDOWS, "Firefox op Windows"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) Version/17.5 Safari/605.1.15",
            "Safari op macOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge op Windows",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36",
            "Chrome op Linux",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari op iPhone",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome op Android",
        ),
        ("", "onbekende browser"),
        ("iets-vreemds/1.0", "onbekende browser"),
        ("Mozilla/5.0 (Windows NT 10.0)", "onbekende browser op Windows"),
    ],
)
def test_browser_label(user_agent, label):
    assert browser_label(user_agent) == label


@pytest.mark.django_db
def test_login_creates_a_row_with_the_final_key_and_logout_removes_it():
    user = UserFactory(username="anna")
    client = _login("anna", HTTP_USER_AGENT="x" * 400, REMOTE_ADDR="192.0.2.7")
    key = client.session.session_key
    row = UserSession.objects.get(user=user)
    assert row.session_key == key
    assert Session.objects.filter(session_key=key).exists()
    assert row.ip_address == "192.0.2.7"
    assert row.user_agent == "x" * 300
    assert row.route == "password"
    client.post(reverse("logout"))
    assert not UserSession.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_route_comes_from_the_session(rf):
    from django.contrib.auth import login
    from django.contrib.sessions.backends.db import SessionStore

    user = UserFactory(username="bert")
    request = rf.get("/")
    request.session = SessionStore()
    request.session[LOGIN_ROUTE] = "oidc:gemeente"
    request.user = user
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    row = UserSession.objects.get(user=user)
    assert row.session_key == request.session.session_key
    assert row.route == "oidc:gemeente"


@pytest.mark.django_db
def test_last_seen_moves_only_with_the_session_refresh(django_assert_num_queries):
    user = UserFactory(username="carla")
    client = _login("carla")
    row = UserSession.objects.get(user=user)
    old = timezone.now() - timezone.timedelta(hours=1)
    UserSession.objects.filter(pk=row.pk).update(last_seen=old)
    # Within the refresh interval: no write.
    client.get(reverse("accounts:sessions"))
    row.refresh_from_db()
    assert row.last_seen == old
    # Past it: written together with the session.
    session = client.session
    session[REFRESHED_KEY] = int(time.time()) - 3600
    session.save()
    client.get(reverse("accounts:sessions"))
    row.refresh_from_db()
    assert row.last_seen > old


@pytest.mark.django_db
def test_ordinary_request_makes_no_query_for_sessions(client, django_assert_num_queries):
    """The same page costs the same number of queries with and without the middleware."""
    from django.test import override_settings

    UserFactory(username="dirk")
    client = _login("dirk")
    url = reverse("password_change")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as with_middleware:
        client.get(url)
    from django.conf import settings

    without = [m for m in settings.MIDDLEWARE if m != "accounts.sessions.UserSessionMiddleware"]
    with override_settings(MIDDLEWARE=without):
        with CaptureQueriesContext(connection) as without_middleware:
            client.get(url)
    assert len(with_middleware) == len(without_middleware)
    assert not any("accounts_usersession" in q["sql"] for q in with_middleware.captured_queries)


@pytest.mark.django_db
def test_sessions_page_lists_own_live_sessions_marks_this_one():
    user = UserFactory(username="eva")
    other = UserFactory(username="frits")
    elsewhere = _login("eva", HTTP_USER_AGENT=FIREFOX_WINDOWS, REMOTE_ADDR="198.51.100.4")
    here = _login("eva")
    _login("frits", REMOTE_ADDR="203.0.113.99")
    # A row whose Django session has gone is not shown.
    gone = UserSession.objects.create(session_key="weg" * 10, user=user, ip_address="10.9.9.9")
    response = here.get(reverse("accounts:sessions"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Firefox op Windows" in html
    assert "198.51.100.4" in html
    assert "(deze sessie)" in html
    assert "wachtwoord" in html
    assert "203.0.113.99" not in html  # someone else's
    assert "10.9.9.9" not in html
    assert list(dead_sessions()) == [gone]
    assert elsewhere.get(reverse("accounts:sessions")).status_code == 200
    assert other.pk


@pytest.mark.django_db
def test_end_others_keeps_this_session():
    user = UserFactory(username="gijs")
    elsewhere = _login("gijs")
    here = _login("gijs")
    response = here.post(reverse("accounts:sessions_end_others"))
    assert response.status_code == 302
    assert here.get(reverse("accounts:sessions")).status_code == 200
    assert elsewhere.get(reverse("accounts:sessions")).status_code == 302  # to the login
    assert UserSession.objects.filter(user=user).count() == 1
    event = AuditEvent.objects.get(kind="sessions_ended_elsewhere")
    assert event.user == user


@pytest.mark.django_db
def test_end_one_session_only_own():
    user = UserFactory(username="hanna")
    UserFactory(username="ivo")
    elsewhere = _login("hanna")
    here = _login("hanna")
    theirs = _login("ivo")
    their_row = UserSession.objects.get(user__username="ivo")
    assert here.post(reverse("accounts:session_end", args=[their_row.pk])).status_code == 404
    assert theirs.get(reverse("accounts:sessions")).status_code == 200
    this_row = UserSession.objects.get(session_key=here.session.session_key)
    assert here.post(reverse("accounts:session_end", args=[this_row.pk])).status_code == 404
    other_row = UserSession.objects.get(session_key=elsewhere.session.session_key)
    assert here.post(reverse("accounts:session_end", args=[other_row.pk])).status_code == 302
    assert elsewhere.get(reverse("accounts:sessions")).status_code == 302
    assert here.get(reverse("accounts:sessions")).status_code == 200
    assert AuditEvent.objects.filter(kind="session_ended", user=user).count() == 1
    assert here.get(reverse("accounts:session_end", args=[other_row.pk])).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_password_change_on_the_portal_keeps_this_session_and_ends_the_other():
    user = UserFactory(username="jan")
    elsewhere = _login("jan")
    here = _login("jan")
    response = here.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "een-heel-nieuw-wachtwoord-42",
            "new_password2": "een-heel-nieuw-wachtwoord-42",
        },
    )
    assert response.status_code == 302, response.content[:500]
    assert here.get(reverse("accounts:sessions")).status_code == 200
    assert elsewhere.get(reverse("accounts:sessions")).status_code == 302
    # The row followed the session to its new key (update_session_auth_hash cycles it).
    rows = list(UserSession.objects.filter(user=user))
    assert [r.session_key for r in rows] == [here.session.session_key]
    event = AuditEvent.objects.get(kind="password_changed")
    assert event.user == user and event.target == "account jan"


@pytest.mark.django_db(transaction=True)
def test_admin_password_change_ends_all_sessions_of_that_user():
    user = UserFactory(username="kees")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    kees = _login("kees")
    boss = Client()
    boss.force_login(admin)
    response = boss.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {
            "password1": "een-heel-nieuw-wachtwoord-42",
            "password2": "een-heel-nieuw-wachtwoord-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert kees.get(reverse("accounts:sessions")).status_code == 302
    assert not UserSession.objects.filter(user=user).exists()
    assert boss.get(reverse("accounts:sessions")).status_code == 200
    event = AuditEvent.objects.get(kind="password_changed")
    assert event.user == admin and event.target == "account kees"


@pytest.mark.django_db
def test_set_password_and_save_ends_sessions_without_request(django_capture_on_commit_callbacks):
    user = UserFactory(username="lotte")
    client = _login("lotte")
    fresh = get_user_model().objects.get(pk=user.pk)
    with django_capture_on_commit_callbacks(execute=True):
        fresh.set_password("nog-een-nieuw-wachtwoord-7")
        fresh.save()
    assert not UserSession.objects.filter(user=user).exists()
    assert client.get(reverse("accounts:sessions")).status_code == 302


@pytest.mark.django_db
def test_ordinary_user_save_does_not_touch_sessions(django_assert_num_queries):
    user = UserFactory(username="mark")
    _login("mark")
    fresh = get_user_model().objects.get(pk=user.pk)
    fresh.first_name = "Marco"
    with django_assert_num_queries(1):
        fresh.save()
    assert UserSession.objects.filter(user=user).exists()
