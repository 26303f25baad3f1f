"""Mail in a real browser, end to end (issue 20): the demo secretary makes the demo bestuurder
trekker of an action through the werkagenda action form → the worker (``db_worker --batch``)
delivers the notice → it arrives at a real SMTP server on 127.0.0.1 (aiosmtpd) → its link,
opened in a fresh browser, asks for sign-in (password and TOTP code) and then shows the
action. And the page "Bereikbaarheid per e-mail", reached from the menu, axe-clean."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Action
from notifications.constants import MailKind, MailStatus
from notifications.models import SentMail
from tests.e2e.conftest import (
    assert_no_axe_violations,
    give_totp_device,
    login,
    totp_code,
)
from tests.factories import RegionFactory, RoleFactory, UserFactory
from tests.notifications.conftest import Inbox, free_port, run_worker
from tests.reference_data import restore_reference_data

pytestmark = pytest.mark.django_db(transaction=True)
DEMO_PASSWORD = "zv-demo-2026-e2e"
ACTION_TITLE = "Pilot bemoeizorg in de Achterhoek"
TREKKER = "Rob Hendriksen — lid, Stamtafel zorg en veiligheid Noord- en Oost-Gelderland"


@pytest.fixture
def smtp_inbox():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def mail_to_local_server(settings, smtp_inbox, live_server):
    _inbox, port = smtp_inbox
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.PORTAL_BASE_URL = live_server.url
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    restore_reference_data()
    call_command("seed_demo", "--force", stdout=StringIO())


def test_a_trekker_notice_from_the_form_to_the_action_page(
    browser, page, live_server, demo, mail_to_local_server, smtp_inbox, console_errors
):
    inbox, _port = smtp_inbox
    action = Action.objects.get(region__slug="nog", title=ACTION_TITLE)
    assert action.trekker is None or action.trekker.person.user is None
    action_path = reverse("governance:action", kwargs={"region": "nog", "pk": action.pk})

    # The secretary (password and TOTP code), in the werkagenda action form.
    login(page, live_server, "demo-secretaris", DEMO_PASSWORD)
    page.goto(live_server.url + action_path)
    page.get_by_role("link", name="Wijzigen", exact=True).click()
    page.get_by_label("Bestuurlijk trekker").select_option(label=TREKKER)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".alert--success")).to_be_visible()
    action.refresh_from_db()
    assert action.trekker.person.user.username == "demo-bestuurder"
    assert inbox.messages == []  # nothing is sent inside the request

    # The worker delivers it to the local SMTP server.
    run_worker()
    (message,) = inbox.messages
    assert inbox.envelopes[0].rcpt_tos == ["demo-bestuurder@example.org"]
    assert message["Subject"].strip() == f"U bent trekker van ‘{ACTION_TITLE}’"
    sent = SentMail.objects.get(kind=MailKind.TREKKER, recipient__username="demo-bestuurder")
    assert sent.status == MailStatus.VERZONDEN
    text = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(r"https?://\S+", text)
    link = live_server.url + action_path
    assert link in links

    # The bestuurder opens the link in a fresh browser: sign-in first, then the action.
    give_totp_device("demo-bestuurder")
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    try:
        reader = context.new_page()
        reader.goto(link)
        assert reader.url.startswith(live_server.url + reverse("login"))
        reader.fill("#id_username", "demo-bestuurder")
        reader.fill("#id_password", DEMO_PASSWORD)
        with reader.expect_navigation():
            reader.locator("form:has(#id_username) [type=submit]").click()
        assert reader.url.startswith(live_server.url + reverse("accounts:mfa_verify"))
        reader.fill("#id_code", totp_code("demo-bestuurder"))
        with reader.expect_navigation():
            reader.locator("form:has(#id_code) [type=submit]").click()
        assert reader.url == link
        expect(reader.get_by_role("heading", level=1)).to_contain_text(ACTION_TITLE)
        assert_no_axe_violations(reader)
    finally:
        context.close()
    assert console_errors == []


def test_the_secretary_finds_who_cannot_be_reached(page, live_server, console_errors):
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    secretary = UserFactory(username="secretaris", email="secretaris@gemeente.example")
    RoleFactory(user=secretary, role="secretary", region=region)
    nobody = UserFactory(username="zonder", first_name="Zara", last_name="Zonder", email="")
    RoleFactory(user=nobody, role="participant", region=region)
    bounced = UserFactory(username="fout", first_name="Frits", last_name="Fout", email="x@fout.nl")
    RoleFactory(user=bounced, role="bestuurder", region=region)
    SentMail.objects.create(
        recipient=bounced,
        address=bounced.email,
        kind=MailKind.TREKKER,
        object_key="action:1:trekker",
        subject="U bent trekker",
        status=MailStatus.GEWEIGERD,
        attempts=1,
        last_attempt_at=timezone.now() - timedelta(hours=2),
        last_error="550 5.1.1 Onbekende ontvanger",
    )

    login(page, live_server, "secretaris", "geheim-wachtwoord-123")
    page.get_by_role("link", name="Bereikbaarheid", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Bereikbaarheid per e-mail")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name=re.compile("Zara Zonder"))).to_contain_text(
        "Geen e-mailadres"
    )
    expect(table.get_by_role("row", name=re.compile("Frits Fout"))).to_contain_text(
        "550 5.1.1 Onbekende ontvanger"
    )
    assert_no_axe_violations(page)

    page.get_by_label("Soort probleem").select_option(label="Geweigerd door de mailserver")
    with page.expect_navigation():
        page.get_by_role("button", name="Filteren").click()
    expect(table.get_by_role("row", name=re.compile("Frits Fout"))).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("Zara Zonder"))).to_have_count(0)
    assert_no_axe_violations(page)

    page.emulate_media(media="print")  # on paper: no menu, no filters; the table stays
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    expect(page.locator("form.filters")).to_be_hidden()
    expect(table).to_be_visible()
    assert console_errors == []


@pytest.fixture
def dev_mailbox(settings, tmp_path, live_server):
    """The development setup: DEBUG, no EMAIL_HOST, the local mailbox (its URLs included)."""
    import importlib

    from django.urls import clear_url_caches

    import zv_portal.urls

    settings.DEBUG = True
    settings.EMAIL_BACKEND = "notifications.mailbox.DevMailboxBackend"
    settings.ZV_DEV_MAILBOX_DIR = tmp_path / "mail"
    settings.PORTAL_BASE_URL = live_server.url
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    importlib.reload(zv_portal.urls)
    clear_url_caches()
    yield settings
    settings.DEBUG = False
    importlib.reload(zv_portal.urls)
    clear_url_caches()


def test_the_local_mailbox_of_development(page, live_server, dev_mailbox, console_errors):
    from notifications.services import queue_mail

    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    user = UserFactory(username="bestuurder", email="wethouder@gemeente.example")
    RoleFactory(user=user, role="bestuurder", region=region)
    queue_mail(
        user=user,
        kind=MailKind.TREKKER,
        object_key="test:1",
        subject="Proefbericht voor de lokale mailbox",
        text="Hallo,\n\nDit is de tekst.\n",
        html='<html lang="nl"><body><h1>Proef</h1><script>alert(1)</script></body></html>',
        url="/",
    )
    run_worker()

    login(page, live_server, "bestuurder", "geheim-wachtwoord-123")
    page.goto(live_server.url + "/dev/mail/")
    expect(page.get_by_role("heading", level=1, name="E-mails (ontwikkeling)")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Proefbericht voor de lokale mailbox").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proefbericht voor de lokale mailbox")
    expect(page.get_by_text("Dit is de tekst.")).to_be_visible()
    expect(page.get_by_text("<script>alert(1)</script>", exact=False)).to_be_visible()  # source
    assert_no_axe_violations(page)
    assert console_errors == []
