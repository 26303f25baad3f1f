"""Registry of personal data that an app above the privacy pages keeps about a user account.

The privacy pages (``dashboard.privacy``: inzage and erasure, AVG art. 15 and 17) read the
domain apps below them directly. An app above the dashboard (notifications: preferences,
digest, sent mails) cannot be imported by it, so it registers its part here in its
``AppConfig.ready()``: a Dutch label, a ``collect(user, emails)`` that returns rows
(label → value, all strings) for the inzage, and an ``erase(user, emails)`` that removes the
account's personal settings at erasure. These parts are about the account, not a region: the
secretary's inzage (one region) leaves them out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    label: str
    collect: Callable[..., list[dict[str, str]]]
    erase: Callable[..., object] | None = None


_SOURCES: dict[str, PersonalDataSource] = {}


def register_personal_data(
    key: str,
    label: str,
    collect: Callable[..., list[dict[str, str]]],
    erase: Callable[..., object] | None = None,
) -> None:
    _SOURCES[key] = PersonalDataSource(key, label, collect, erase)


def personal_data_sources() -> list[PersonalDataSource]:
    return list(_SOURCES.values())
