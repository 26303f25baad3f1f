"""Who made a change: the request's user, or the user a command acts as.

Management commands and imports have no request; they run inside ``acting_as(user)`` so that
django-simple-history records a named user (the system user, or the uploader) instead of
nobody.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

SYSTEM_USERNAME = "systeem"

_acting_user: ContextVar = ContextVar("zv_acting_user", default=None)


def history_user(instance=None, request=None, **kwargs):
    explicit = getattr(instance, "_history_user", None)
    if explicit is not None:
        return explicit
    acting = _acting_user.get()
    if acting is not None:
        return acting
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None


@contextmanager
def acting_as(user) -> Iterator[None]:
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


def get_system_user():
    """The named user that commands act as; it cannot log in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Systeem", "last_name": "(opdracht of import)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def user_label(user, default: str = "") -> str:
    """A user's name as the portal shows it: the full name, else the username; ``default``
    when there is no user (e.g. the name an import kept, or "onbekend")."""
    if user is None:
        return default
    return user.get_full_name() or user.get_username()


def display_value(obj, field, *, follow_relations: bool = False) -> str:
    """A field's value as a person reads it (choice labels, ja/nee, dd-mm-jjjj).

    ``obj`` may be a model instance or a historical record. Related objects are named only
    with ``follow_relations`` (one query each): fine for the few fields of a stale-edit
    message, too costly for a long history list, which shows the id instead.
    """
    value = getattr(obj, field.attname)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return str(getattr(obj, field.name)) if follow_relations else f"#{value}"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)
