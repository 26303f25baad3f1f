"""Without DEBUG, `check --deploy` warns when there is no mail server or no address of the
portal for the links in mails."""

from notifications.checks import mail_configured


def ids(settings):
    return [e.id for e in mail_configured()]


def test_debug_needs_nothing(settings):
    settings.DEBUG = True
    settings.EMAIL_HOST = ""
    settings.PORTAL_BASE_URL = ""
    assert ids(settings) == []


def test_production_needs_a_mail_server_and_an_address(settings):
    settings.DEBUG = False
    settings.EMAIL_HOST = ""
    settings.PORTAL_BASE_URL = ""
    assert ids(settings) == ["notifications.W001", "notifications.W002"]
    settings.EMAIL_HOST = "smtp.example.nl"
    settings.PORTAL_BASE_URL = "https://zv.example.nl"
    assert ids(settings) == []
