"""Start-up checks: a production portal needs a mail server and its own address for links."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def mail_configured(app_configs=None, **kwargs):
    errors = []
    if settings.DEBUG:
        return errors
    if not settings.EMAIL_HOST:
        errors.append(
            checks.Error(
                "EMAIL_HOST is not set: the portal cannot send mail.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, …) in the environment; see docs/mail.md.",
                id="notifications.E001",
            )
        )
    if not settings.PORTAL_BASE_URL:
        errors.append(
            checks.Error(
                "ZV_PORTAL_BASE_URL is not set: links in mails would have no address.",
                hint="Set ZV_PORTAL_BASE_URL, e.g. https://zv-portaal.example.nl; docs/mail.md.",
                id="notifications.E002",
            )
        )
    return errors
