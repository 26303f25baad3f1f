"""The local mailbox of development: mails written to a folder by the worker, readable at
/dev/mail/ — routed only when DEBUG is on."""

from __future__ import annotations

import importlib

import pytest
from django.urls import NoReverseMatch, clear_url_caches, reverse

from notifications.receivers import queue_action_holder_notice
from tests.notifications.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def reload_urls():
    import zv_portal.urls

    importlib.reload(zv_portal.urls)
    clear_url_caches()


@pytest.fixture
def debug_urls(settings):
    """The URLs as a DEBUG process builds them; afterwards as the tests' (no DEBUG)."""
    settings.DEBUG = True
    reload_urls()
    yield settings
    settings.DEBUG = False
    reload_urls()


@pytest.fixture
def mailbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "notifications.mailbox.DevMailboxBackend"
    settings.ZV_DEV_MAILBOX_DIR = tmp_path / "mail"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_BASE_URL = "http://localhost:8000"
    return settings.ZV_DEV_MAILBOX_DIR


def test_not_routed_without_debug(client, secretary, settings):
    assert settings.DEBUG is False
    reload_urls()
    with pytest.raises(NoReverseMatch):
        reverse("dev_mailbox:list")
    client.force_login(secretary)
    assert client.get("/dev/mail/").status_code == 404
    assert client.get("/dev/mail/20260101T000000000000-0123456789ab/").status_code == 404


def test_lists_and_shows_a_mail_the_worker_sent(client, debug_urls, mailbox, holder_world, capsys):
    action = holder_world["action"]
    queue_action_holder_notice(user=holder_world["user"], action=action, role="trekker")
    run_worker()
    assert "Sluitende aanpak verward gedrag" in capsys.readouterr().out  # still on the console
    (stored,) = list(mailbox.glob("*.eml"))

    url = reverse("dev_mailbox:list")
    assert url == "/dev/mail/"
    assert client.get(url).status_code == 302  # sign-in first
    client.force_login(holder_world["user"])
    html = client.get(url).content.decode()
    assert "U bent trekker van ‘Sluitende aanpak verward gedrag’" in html
    assert "wethouder@gemeente.example" in html
    message_url = reverse("dev_mailbox:message", kwargs={"name": stored.stem})
    assert f'href="{message_url}"' in html

    page = client.get(message_url)
    assert page.status_code == 200
    body = page.content.decode()
    assert f"http://localhost:8000{action.get_absolute_url()}" in body  # the text part
    # The HTML part is shown as escaped source, never as markup of this page.
    assert "&lt;html lang=&quot;nl&quot;&gt;" in body
    assert '<html lang="nl">\n<head>\n  <meta charset="utf-8">\n  <title>U bent' not in body


def test_the_newest_mail_comes_first(client, debug_urls, mailbox, holder_world, secretary):
    from django.core.mail import EmailMessage

    for subject in ("Eerste", "Tweede"):
        EmailMessage(subject, "tekst", "a@example.org", ["b@example.org"]).send()
    client.force_login(secretary)
    mails = client.get(reverse("dev_mailbox:list")).context["mails"]
    assert [m.subject for m in mails] == ["Tweede", "Eerste"]


@pytest.mark.parametrize(
    "path",
    [
        "/dev/mail/20260101T000000000000-0123456789ab/",  # well-formed, not there
        "/dev/mail/..%2F..%2Fsettings/",
        "/dev/mail/bestaat-niet/",
    ],
)
def test_an_unknown_or_malformed_name_is_404(client, debug_urls, mailbox, secretary, path):
    client.force_login(secretary)
    assert client.get(path).status_code == 404
