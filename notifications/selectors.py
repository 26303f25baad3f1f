"""Reads of the notifications app."""

from __future__ import annotations

from notifications.constants import DEFAULT_MODE, event_kinds
from notifications.models import NotificationPreference


def preferences_of(user) -> dict[str, str]:
    """The user's mode for every kind (one query; absent kinds get the default)."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "mode"))
    return {kind.value: stored.get(kind.value, DEFAULT_MODE) for kind in event_kinds()}
