"""How values are written in a region document and read back: dates, moments, amounts,
organisation references, and the canonical text and sort order that make the same data give
the same bytes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from governance.models import Organisation


def iso(value: date | None) -> str | None:
    """A date as ``YYYY-MM-DD``, or None."""
    return value.isoformat() if value else None


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def moment(value: datetime | None) -> str | None:
    """A moment in the portal's time zone, to the second: ``2026-10-15T13:30:00+02:00``."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def parse_moment(value: str | None) -> datetime | None:
    """An ISO 8601 moment with any offset (or ``Z``) as an aware datetime, microseconds
    dropped; None for None. Raises ValueError for text that is no moment with an offset."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(value)
    return parsed.replace(microsecond=0)


def decimal_text(value: Decimal | int | float, places: int) -> str:
    return f"{Decimal(value):.{places}f}"


def org_ref(organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {"name": organisation.name, "national": organisation.region_id is None}


def ref_key(ref: dict | None) -> tuple[str, bool]:
    """Sort key of an organisation reference (``null`` first)."""
    return ("", False) if ref is None else (ref["name"], ref["national"])


def s(value: str | None) -> str:
    """``None`` as ``""`` (empty values sort first)."""
    return value or ""


def canonical(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def sorted_items(items: Iterable[Any], key: Callable[[Any], tuple]) -> list:
    """Sort by natural key; identical natural keys are ordered by the item's full text."""
    return sorted(items, key=lambda item: (key(item), canonical(item)))


def dump_document(data: dict[str, Any]) -> str:
    """The canonical text of a document: UTF-8, sorted keys, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
