"""Reading the change stamps of regions (issue 22): selectors over ``governance.RegionStamp``.

A stamp moves in the same transaction as every write to the region's data (database triggers,
``governance/stamp_tables.py``), so a page that reads a region's stamp and data in one
transaction sees them of one snapshot: a cache keyed by (region, domain stamp, what the viewer
may see) can never serve a stale value. Each function is one query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import connections, router

from core import cache, statements
from governance.models import Action, ActionUpdate, Region, RegionStamp
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
    for row in _fetch("national", tuple(columns), _national_sql, []):
        digest.update(("|" + ",".join(map(str, row))).encode())
    return digest.hexdigest()


def stamp_rows(region_ids: Iterable[int], domains: tuple[str, ...]) -> tuple:
    """``(region_id, *stamps)`` of the national row and of ``region_ids``, by id, in one
    query: the part of a cache key that moves with every write (docs/architecture.md)."""
    ids = list(dict.fromkeys((NATIONAL_REGION_ID, *region_ids)))
    return tuple(_fetch(("regions", len(ids)), tuple(domains), _rows_sql, ids))


def stamp_rows_for_slug(slug: str, domains: tuple[str, ...]) -> tuple | None:
    """:func:`stamp_rows` of the region with ``slug``, found in the same query; ``None`` for
    an unknown region."""
    rows = tuple(_fetch("slug", tuple(domains), _slug_sql, [slug]))
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
    for action_id, last in _fetch(("dates", len(ids)), (), _dates_sql, ids):
        # SQLite answers MAX() of a date column as text: the same ISO date
        day = last if isinstance(last, str) else last.isoformat()
        digest.update(f"|{action_id}:{day}".encode())
    return digest.hexdigest()


# --- the statements --------------------------------------------------------------------------
# Every page served from the cache makes one or two of these reads before anything else: fixed
# statements (``core.statements``) per shape; the ORM queries cost 0.5 ms each to compile.


def _fetch(shape, domains: tuple[str, ...], build, params: list) -> list[tuple]:
    return statements.fetch(
        connections[router.db_for_read(RegionStamp)],
        ("governance.stamps", shape, domains),
        lambda connection: build(connection.ops.quote_name, domains, shape),
        params,
    )


def _stamp_columns(q, domains) -> str:
    meta = RegionStamp._meta
    columns = [meta.get_field("region_id"), *(meta.get_field(d) for d in domains)]
    return ", ".join(f"s.{q(field.column)}" for field in columns)


def _national_sql(q, domains, _shape) -> str:
    meta = RegionStamp._meta
    return (
        f"SELECT {_stamp_columns(q, domains)} FROM {q(meta.db_table)} s"
        f" ORDER BY s.{q(meta.get_field('region_id').column)}"
    )


def _rows_sql(q, domains, shape) -> str:
    meta = RegionStamp._meta
    region_id = f"s.{q(meta.get_field('region_id').column)}"
    placeholders = ", ".join(["%s"] * shape[1])
    return (
        f"SELECT {_stamp_columns(q, domains)} FROM {q(meta.db_table)} s"
        f" WHERE {region_id} IN ({placeholders}) ORDER BY {region_id}"
    )


def _slug_sql(q, domains, _shape) -> str:
    meta, region = RegionStamp._meta, Region._meta
    region_id = f"s.{q(meta.get_field('region_id').column)}"
    return (
        f"SELECT {_stamp_columns(q, domains)} FROM {q(meta.db_table)} s"
        f" WHERE {region_id} = {NATIONAL_REGION_ID} OR {region_id} ="
        f" (SELECT r.{q(region.pk.column)} FROM {q(region.db_table)} r"
        f" WHERE r.{q(region.get_field('slug').column)} = %s)"
        f" ORDER BY {region_id}"
    )


def _dates_sql(q, _domains, shape) -> str:
    update, action = ActionUpdate._meta, Action._meta
    action_id = f"u.{q(update.get_field('action').column)}"
    placeholders = ", ".join(["%s"] * shape[1])
    return (
        f"SELECT {action_id}, MAX(u.{q(update.get_field('date').column)})"
        f" FROM {q(update.db_table)} u"
        f" INNER JOIN {q(action.db_table)} a ON a.{q(action.pk.column)} = {action_id}"
        f" WHERE a.{q(action.get_field('region').column)} IN ({placeholders})"
        f" GROUP BY {action_id} ORDER BY {action_id}"
    )


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
