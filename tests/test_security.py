"""Security foundations: CSP, login throttling with a Dutch message, session expiry."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_content_security_policy_has_no_unsafe_inline(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_repeated_failed_logins_lock_the_user_out_in_dutch(client):
    UserFactory(username="anna")
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "anna", "password": "fout"})
    assert response.status_code in (200, 403, 429)
    locked = client.post(url, {"username": "anna", "password": "geheim-wachtwoord-123"})
    assert locked.status_code in (403, 429)
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()


def test_wrong_password_gives_a_dutch_error(client):
    UserFactory(username="bert")
    response = client.post(reverse("login"), {"username": "bert", "password": "fout"})
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_sessions_expire_after_inactivity():
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert 0 < settings.SESSION_REFRESH_SECONDS <= settings.SESSION_COOKIE_AGE // 10


def _session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_use_moves_the_session_expiry_at_most_once_a_minute(client):
    """Pages in quick succession write the session once; after a minute the expiry moves."""
    client.force_login(UserFactory(username="carla"))
    url = reverse("governance:region_list")
    client.get(url)  # the first refresh after login
    first = _session_row(client).expire_date

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert _session_row(client).expire_date == first

    later = time.time() + settings.SESSION_REFRESH_SECONDS + 1
    with mock.patch("core.middleware.time.time", return_value=later):
        client.get(url)
    moved = _session_row(client).expire_date
    assert moved > first
    assert abs((moved - timezone.now()).total_seconds() - settings.SESSION_COOKIE_AGE) < 120


def test_an_idle_session_is_closed(client):
    client.force_login(UserFactory(username="dirk"))
    url = reverse("governance:region_list")
    assert client.get(url).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_anonymous_request_creates_no_session(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("governance:region_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
