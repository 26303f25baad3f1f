"""A real SMTP server on 127.0.0.1 (aiosmtpd), the worker step, and an action-holder world."""

from __future__ import annotations

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from tests.factories import ActionFactory, OrganisationFactory, UserFactory, trekker_membership

BASE_URL = "https://zv.voorbeeld.nl"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """Collects what the SMTP server accepted, parsed as e-mail messages."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """A running SMTP server; yields (inbox, port)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def mail_settings(settings):
    """Real SMTP delivery (not locmem) and absolute links on a known address."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Z+V Portaal <noreply@zv.voorbeeld.nl>"
    settings.PORTAL_BASE_URL = BASE_URL
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings


def run_worker() -> None:
    """One worker step: django-tasks-db's db_worker processes every ready task, then exits."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def holder_world(region, bestuurder):
    """An action in voorraad and a trekker membership whose person is the bestuurder's."""
    bestuurder.email = "wethouder@gemeente.example"
    bestuurder.save(update_fields=["email"])
    trekker = trekker_membership(region)
    trekker.person.user = bestuurder
    trekker.person.save(update_fields=["user"])
    action = ActionFactory(region=region, title="Sluitende aanpak verward gedrag")
    return {
        "action": action,
        "trekker": trekker,
        "user": bestuurder,
        "ready": {
            "trekker": trekker,
            "owning_body": trekker.body,
            "coalition": [OrganisationFactory(region=region)],
        },
    }


@pytest.fixture
def outsider(other_region):
    """A user with a role in another region only, and an e-mail address."""
    from tests.factories import RoleFactory

    user = UserFactory(username="buitenstaander", email="buiten@elders.example")
    RoleFactory(user=user, role="bestuurder", region=other_region)
    return user
