"""Reading the change stamps of regions (issue 22): selectors over ``governance.RegionStamp``.

A stamp moves in the same transaction as every write to the region's data (database triggers,
``governance/stamp_tables.py``), so a page that reads a region's stamp and data in one
transaction sees them of one snapshot: a cache keyed by (region, domain stamp, what the viewer
may see) can never serve a stale value. Each function is one query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db.models import Max, Q, Subquery

from core import cache
from governance.models import ActionUpdate, Region, RegionStamp
from governance.stamp_tables import DOMAINS

__all__ = [
    "DOMAINS",
    "last_update_dates",
    "national_stamp",
    "region_stamps",
    "stamps_for_regions",
]

NATIONAL_REGION_ID = 0


def _zeros() -> dict[str, int]:
    return dict.fromkeys(DOMAINS, 0)


def region_stamps(region_id: int) -> dict[str, int]:
    """``{domain: stamp}`` of one region (0 = the national row). A region without a row (not
    written since the stamps were installed, which a migration's backfill prevents) reads as
    zeros; its first write creates the row."""
    row = RegionStamp.objects.filter(region_id=region_id).values(*DOMAINS).first()
    return row if row is not None else _zeros()


def stamps_for_regions(region_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """``{region_id: {domain: stamp}}`` for every id asked, in one query."""
    ids = list(dict.fromkeys(region_ids))
    found = {
        row.pop("region_id"): row
        for row in RegionStamp.objects.filter(region_id__in=ids).values("region_id", *DOMAINS)
    }
    return {region_id: found.get(region_id, _zeros()) for region_id in ids}


def national_stamp(*domains: str) -> str:
    """A short hash over every row's stamps of ``domains`` (all domains when none are named),
    for pages that read every region (the VNG comparison). Moves when any region's stamp of
    those domains moves, when a region's row appears, and with row 0 (reference data)."""
    unknown = [domain for domain in domains if domain not in DOMAINS]
    if unknown:
        raise ValueError(f"unknown stamp domain(s): {', '.join(unknown)}")
    columns = list(domains) or list(DOMAINS)
    digest = hashlib.blake2b(",".join(columns).encode(), digest_size=12)
    for row in RegionStamp.objects.order_by("region_id").values_list("region_id", *columns):
        digest.update(("|" + ",".join(map(str, row))).encode())
    return digest.hexdigest()


def stamp_rows(region_ids: Iterable[int], domains: tuple[str, ...]) -> tuple:
    """``(region_id, *stamps)`` of the national row and of ``region_ids``, by id, in one
    query: the part of a cache key that moves with every write (docs/architecture.md)."""
    return tuple(
        RegionStamp.objects.filter(region_id__in=(NATIONAL_REGION_ID, *region_ids))
        .order_by("region_id")
        .values_list("region_id", *domains)
    )


def stamp_rows_for_slug(slug: str, domains: tuple[str, ...]) -> tuple | None:
    """:func:`stamp_rows` of the region with ``slug``, found in the same query; ``None`` for
    an unknown region."""
    region = Region.objects.filter(slug=slug).values("pk")[:1]
    rows = tuple(
        RegionStamp.objects.filter(Q(region_id=NATIONAL_REGION_ID) | Q(region_id=Subquery(region)))
        .order_by("region_id")
        .values_list("region_id", *domains)
    )
    return rows if len(rows) == 2 else None


def last_update_dates(region_ids: Iterable[int]) -> str:
    """A short hash over the date of the latest progress note (any update) of every action of
    ``region_ids``, in one query: all that the pages read from the ``voortgang`` domain besides
    the notes themselves ("laatste update", "geen update sinds 90 dagen"). A page keyed by it
    instead of the ``voortgang`` stamp is rendered again only when a note moves an action's
    date, not for a second note on the same day (``governance.pagecache``)."""
    ids = sorted(set(region_ids))
    digest = hashlib.blake2b(b"laatste-update", digest_size=12)
    if not ids:
        return digest.hexdigest()
    rows = (
        ActionUpdate.objects.filter(action__region_id__in=ids)
        .order_by()
        .values("action_id")
        .annotate(last=Max("date"))
        .order_by("action_id")
        .values_list("action_id", "last")
    )
    for action_id, last in rows:
        digest.update(f"|{action_id}:{last.isoformat()}".encode())
    return digest.hexdigest()


def kept(kind: str, parts: tuple, region_id: int, domains: tuple[str, ...], compute):
    """``compute()``, kept between requests under (``kind``, ``parts``, the region's and the
    national row's stamps of ``domains``): the same rule as the page cache
    (``governance.pagecache``). The stamps are read before ``compute`` reads its data, so a
    value kept under them is of that state or a newer one. One query when kept."""

    key = cache.make_key(kind, (parts, stamp_rows((region_id,), domains)))
    value = cache.get(kind, key)
    if value is None:
        value = compute()
        cache.put(key, value)
    return value
