"""Deployment checks (``manage.py check --deploy``): a production portal needs a mail server
and its own address for the links in mails. Warnings, not errors: an installation without
mail still runs (mails stay queued until a mail server is configured)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility, deploy=True)
def mail_configured(app_configs=None, **kwargs):
    errors = []
    if settings.DEBUG:
        return errors
    if not settings.EMAIL_HOST:
        errors.append(
            checks.Warning(
                "EMAIL_HOST is not set: the portal cannot send mail.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, …) in the environment; see docs/mail.md.",
                id="notifications.W001",
            )
        )
    if not settings.PORTAL_BASE_URL:
        errors.append(
            checks.Warning(
                "ZV_PORTAL_BASE_URL is not set: links in mails would have no address.",
                hint="Set ZV_PORTAL_BASE_URL, e.g. https://zv-portaal.example.nl; docs/mail.md.",
                id="notifications.W002",
            )
        )
    return errors
