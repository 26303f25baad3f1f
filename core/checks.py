"""System checks of the foundation: the retention periods (docs/privacy.md) are whole numbers
within sensible bounds, so that a typing error in the environment stops the start instead of
removing data early or never."""

from django.conf import settings
from django.core import checks

#: setting → (smallest, largest) allowed value.
RETENTION_BOUNDS = {
    "ZV_RETENTION_CASE_TEXT_YEARS": (1, 30),
    "ZV_AUDIT_RETENTION_DAYS": (1, 3650),
    "ZV_RETENTION_SENT_MAIL_DAYS": (1, 3650),
    "ZV_RETENTION_TASK_RESULT_DAYS": (1, 3650),
}


@checks.register()
def retention_periods(app_configs=None, **kwargs):
    errors = []
    for name, (low, high) in RETENTION_BOUNDS.items():
        value = getattr(settings, name, None)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors.append(
                checks.Error(
                    f"{name} must be a whole number from {low} to {high}, got {value!r}.",
                    hint="Set it in the environment; see docs/privacy.md, 'Bewaartermijnen'.",
                    obj=name,
                    id="core.E010",
                )
            )
    return errors
