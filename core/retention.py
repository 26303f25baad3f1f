"""Retention: how long each kind of data is kept (docs/privacy.md), applied by the daily
``manage.py apply_retention``.

The foundation defines the registry; each app that keeps data with a retention period
registers its kinds in its ``AppConfig.ready()`` (accounts: audit log and sessions;
casereflection: case texts; notifications: sent mails, digest lines and task results) — the
same pattern as the permission labels and the evidence providers, so that core imports no app.

A :class:`RetentionKind` says:

* ``key`` — its name on the command line (``--kind``) and in the log;
* ``label`` — what it is about, in Dutch (``"auditregels"``);
* ``verb`` — what happens to it, in Dutch (``"verwijderd"``, ``"geanonimiseerd"``);
* ``cutoff(now)`` — the moment before which data is past its period (read from the settings
  at every run, so that a changed setting needs no restart);
* ``pending(cutoff)`` — how many items are past it and not yet handled (the dry run);
* ``apply(cutoff)`` — handle them and return how many; run in one transaction per kind by
  :func:`apply_kind`. It must be idempotent: a second run finds nothing left.

The functions count and change data, they never return or log its content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

logger = logging.getLogger("zv.retention")


@dataclass(frozen=True)
class RetentionKind:
    key: str
    label: str
    verb: str
    cutoff: Callable[[datetime], datetime]
    pending: Callable[[datetime], int]
    apply: Callable[[datetime], int]
    order: int = 100


@dataclass(frozen=True)
class RetentionResult:
    kind: RetentionKind
    cutoff: datetime
    count: int
    dry_run: bool


_KINDS: dict[str, RetentionKind] = {}


def register_kind(kind: RetentionKind) -> None:
    """Add (or replace) a kind; idempotent across repeated ``ready()``."""
    _KINDS[kind.key] = kind


def unregister_kind(key: str) -> None:
    """Remove a kind (tests)."""
    _KINDS.pop(key, None)


def kinds(keys: Iterable[str] | None = None) -> list[RetentionKind]:
    """The registered kinds (those of ``keys``), in their order."""
    wanted = None if keys is None else set(keys)
    ordered = sorted(_KINDS.values(), key=lambda k: (k.order, k.key))
    return [k for k in ordered if wanted is None or k.key in wanted]


def years_before(moment: datetime, years: int) -> datetime:
    """The same moment ``years`` calendar years earlier (29 February → 28 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def days_before(moment: datetime, days: int) -> datetime:
    return moment - timedelta(days=days)


def apply_kind(kind: RetentionKind, *, now: datetime, dry_run: bool) -> RetentionResult:
    """Apply one kind in its own transaction (or, dry, only count); log the count only."""
    cutoff = kind.cutoff(now)
    if dry_run:
        count = kind.pending(cutoff)
    else:
        with transaction.atomic():
            count = kind.apply(cutoff)
        logger.info("retention %s: %d %s (before %s)", kind.key, count, kind.verb, cutoff)
    return RetentionResult(kind=kind, cutoff=cutoff, count=count, dry_run=dry_run)
