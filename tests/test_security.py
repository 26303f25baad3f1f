"""Security foundations: CSP, login throttling with a Dutch message, session expiry."""

import pytest
from django.conf import settings
from django.urls import reverse

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
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("governance:region_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
