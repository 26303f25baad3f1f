"""Planning the regions and generating them: :func:`generate` (``manage.py generate_national``)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from bench.national.builder import Reference, RegionBuilder
from bench.national.common import (
    MUNICIPALITIES_PER_SCALE,
    REGIONS_PER_SCALE,
    AlreadyGenerated,
    GenerationResult,
    delete_generated,
    municipality_counts,
    slugs_for,
)
from bench.national.words import NamePool
from governance.models import Action, Meeting, Region


def plan_regions(seed: int, count: int, taken: set[str]) -> list[tuple[str, list, list]]:
    """Name, sub-region names and municipality names of each region.

    Planned in blocks of 25 regions (342 municipalities each), names drawn region by region
    from one pool: the first 25 regions of scale 10 are exactly the regions of scale 1 (with
    the same seed and anchor), so a page of region 1 can be compared between the two scales.
    """
    names = NamePool(random.Random(seed), taken=taken)
    plans = []
    for start in range(0, count, REGIONS_PER_SCALE):
        size = min(REGIONS_PER_SCALE, count - start)
        block = random.Random(f"{seed}:blok:{start // REGIONS_PER_SCALE}")
        total = round(MUNICIPALITIES_PER_SCALE * size / REGIONS_PER_SCALE)
        for n in municipality_counts(block, size, total):
            subs = max(2, min(block.randint(2, 5), n // 3))
            plans.append(
                (
                    names.region(),
                    [names.sub_region() for _ in range(subs)],
                    [names.place() for _ in range(n)],
                )
            )
    return plans


def analyze() -> None:
    """Refresh the planner statistics after a bulk load (``ANALYZE``, on SQLite and
    PostgreSQL alike). Without it PostgreSQL plans the next queries for the table sizes before
    the load (autovacuum catches up only later) and scans tables that an index would serve."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def generate(
    *,
    scale: int = 1,
    seed: int = 1,
    regions: int | None = None,
    anchor: date | None = None,
    replace: bool = False,
    progress: Callable[[int, int, Region, dict], None] | None = None,
    author=None,
) -> GenerationResult:
    """Generate ``regions`` (default 25 × ``scale``) fictitious regions; see the module doc.

    Raises ``AlreadyGenerated`` when regions with the generated slugs exist and ``replace``
    is false. ``progress(n, total, region, sizes)`` is called after each region is written.
    ``author`` is the user of the action log entries (None: no author).
    """
    started = time.perf_counter()
    count = regions if regions is not None else REGIONS_PER_SCALE * scale
    if count < 1:
        raise ValueError("Minstens één regio.")
    anchor = anchor or timezone.localdate()
    slugs = slugs_for(count)
    result = GenerationResult()
    with transaction.atomic():
        if replace:
            result.deleted_regions = delete_generated()
        elif Region.objects.filter(slug__in=slugs).exists():
            raise AlreadyGenerated(
                "Er staan al gegenereerde regio's (korte naam ‘nat-…’) in de database. "
                "Gebruik --replace om ze eerst te verwijderen."
            )
        ref = Reference()
        result.counts["landelijke organisaties (nieuw)"] += ref.created_national
        plans = plan_regions(seed, count, taken=set(Region.objects.values_list("name", flat=True)))
        for index, (slug, (name, sub_names, municipality_names)) in enumerate(
            zip(slugs, plans, strict=True), start=1
        ):
            builder = RegionBuilder(
                ref=ref,
                rng=random.Random(f"{seed}:{index}"),
                index=index,
                name=name,
                slug=slug,
                sub_names=sub_names,
                municipality_names=municipality_names,
                anchor=anchor,
            )
            builder.author = author
            builder.build()
            builder.save(result.counts)
            result.regions.append(builder.region)
            if progress is not None:
                progress(
                    index,
                    count,
                    builder.region,
                    {
                        "gemeenten": len(builder.municipalities),
                        "gremia": len(builder.bodies),
                        "acties": len(builder.rows[Action]),
                        "vergaderingen": len(builder.rows[Meeting]),
                    },
                )
    analyze()
    result.seconds = time.perf_counter() - started
    return result
