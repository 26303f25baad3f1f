"""Fixtures of the demo tests: a seeded database (``seed_demo``, as ``make run`` does)."""

from io import StringIO

import pytest
from django.core.management import call_command

from governance.models import Body, Region

STAMTAFEL = "Stamtafel zorg en veiligheid Noord- en Oost-Gelderland"
AIO = "Advies- en implementatieoverleg zorg en veiligheid"


@pytest.fixture
def demo_settings(settings, monkeypatch):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    return settings


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def seeded(demo_settings):
    return seed()


def nog() -> Region:
    return Region.objects.get(slug="nog")


def body(name: str) -> Body:
    return Body.objects.get(region__slug="nog", name=name)
