"""The read-back check of the edits and the results in the shape of ``bench/results.json``."""

from __future__ import annotations

from bench.loadlib.config import (
    CATEGORIES,
    EDITS,
    FLOOR,
    FLOOR_KEYS,
    FLOOR_PAGE,
    FLOOR_SIGNED_IN,
    FLOORS,
    GOAL_EMPTY_PAGE_VS_SIGNED_IN,
    GOAL_PAGES_P95_MS,
    GOAL_PAGES_VS_EMPTY_PAGE,
    PAGES,
    PDF,
)

# --- read-back of the edits ---------------------------------------------------------------------


def read_back(sent: dict[str, bool], stored: list[str]) -> dict:
    """Compare the notes the load test sent with the notes found in the database.

    ``sent``: note text -> True when the server answered success (a redirect after the POST),
    False when the request failed. ``stored``: the texts of the load test's notes in the
    database (one entry per stored row). Lost: answered success, not stored. Duplicates:
    stored more than once. Unconfirmed: stored although the answer was not a success (a
    time-out, say) — not lost, but reported.
    """
    counts: dict[str, int] = {}
    for text in stored:
        counts[text] = counts.get(text, 0) + 1
    confirmed = [t for t, ok in sent.items() if ok]
    lost = sorted(t for t in confirmed if t not in counts)
    return {
        "sent": len(sent),
        "confirmed": len(confirmed),
        "stored": len(stored),
        "lost": lost,
        "duplicates": sorted(t for t, n in counts.items() if n > 1),
        "unconfirmed_but_stored": sorted(t for t, ok in sent.items() if not ok and t in counts),
        "unknown": sorted(t for t in counts if t not in sent),
    }


# --- results ------------------------------------------------------------------------------------


def entry(name, value, unit, baseline=None, ratio=None, goal="informatief", ok=None, **extra):
    entry = {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "ratio": ratio,
        "goal": goal,
    }
    if ok is not None:
        entry["ok"] = ok
    entry.update(extra)
    return entry


def results(mixed: dict, floor: dict, readback: dict) -> list[dict]:
    """Entries in the shape of bench/results.json (name, value, unit, baseline, ratio, goal).

    ``mixed`` and ``floor`` are ``phase_summary`` outputs of the mixed workload and of the
    trivial view; ``readback`` is the ``read_back`` output.
    """
    entries = []
    floor_stats = floor.get(FLOOR, {})
    floor_rps = floor_stats.get("per_second") or None
    signed_in_rps = floor.get(FLOOR_SIGNED_IN, {}).get("per_second") or None
    empty_rps = floor.get(FLOOR_PAGE, {}).get("per_second") or None
    pages = mixed.get(PAGES, {})
    pages_rps = pages.get("per_second")

    def ratio(a, b, digits=3):
        return round(a / b, digits) if a is not None and b else None

    # The three goals of issue 22, each against a floor measured in the same run.
    pages_vs_empty = ratio(pages_rps, empty_rps)
    entries.append(
        entry(
            "load.paginas.doorvoer_vs_lege_pagina", pages_rps, "req/s", empty_rps,
            pages_vs_empty, f">= {GOAL_PAGES_VS_EMPTY_PAGE}",
            ok=pages_vs_empty is not None and pages_vs_empty >= GOAL_PAGES_VS_EMPTY_PAGE,
            baseline_name=FLOOR_PAGE,
        )
    )  # fmt: skip
    empty_vs_signed_in = ratio(empty_rps, signed_in_rps)
    entries.append(
        entry(
            "load.lege_pagina.doorvoer_vs_triviaal_ingelogd", empty_rps, "req/s", signed_in_rps,
            empty_vs_signed_in, f">= {GOAL_EMPTY_PAGE_VS_SIGNED_IN}",
            ok=empty_vs_signed_in is not None
            and empty_vs_signed_in >= GOAL_EMPTY_PAGE_VS_SIGNED_IN,
            baseline_name=FLOOR_SIGNED_IN,
        )
    )  # fmt: skip
    p95 = pages.get("p95_ms")
    entries.append(
        entry(
            "load.paginas.p95_doel", p95, "ms", goal=f"<= {GOAL_PAGES_P95_MS:g}",
            ok=p95 is not None and p95 <= GOAL_PAGES_P95_MS,
        )
    )  # fmt: skip
    entries.append(
        entry("load.paginas.cache_treffers", pages.get("cache_hits"), "deel van de pagina's")
    )
    # The floors stay reported, each against the bare trivial view (docs/performance.md).
    entries.append(entry("load.triviaal.doorvoer", floor_rps, "req/s", goal="vloer"))
    for category in (FLOOR_SIGNED_IN, FLOOR_PAGE):
        rps = floor.get(category, {}).get("per_second")
        if not rps:
            continue
        key = FLOOR_KEYS[category]
        entries.append(
            entry(
                f"load.{key}.doorvoer", rps, "req/s", floor_rps, ratio(rps, floor_rps), "vloer",
                baseline_name="triviaal",
            )
        )  # fmt: skip
    entries.append(
        entry(
            "load.paginas.doorvoer_vs_triviaal", pages_rps, "req/s", floor_rps,
            ratio(pages_rps, floor_rps), baseline_name="triviaal",
        )
    )  # fmt: skip
    entries.append(
        entry(
            "load.paginas.doorvoer_vs_triviaal_ingelogd", pages_rps, "req/s", signed_in_rps,
            ratio(pages_rps, signed_in_rps), baseline_name=FLOOR_SIGNED_IN,
        )
    )  # fmt: skip
    for category, key in [(PAGES, "paginas"), (EDITS, "bewerkingen"), (PDF, "pdf")]:
        stats = mixed.get(category)
        if not stats:
            continue
        entries.append(entry(f"load.{key}.doorvoer", stats["per_second"], "req/s"))
        for p in ("p50", "p95", "p99"):
            base = floor_stats.get(f"{p}_ms")
            value = stats[f"{p}_ms"]
            entries.append(
                entry(
                    f"load.{key}.{p}",
                    value,
                    "ms",
                    base,
                    round(value / base, 1) if value is not None and base else None,
                )
            )
    for p in ("p50", "p95", "p99"):
        entries.append(entry(f"load.triviaal.{p}", floor_stats.get(f"{p}_ms"), "ms"))
    errors = sum(s.get("errors", 0) for s in mixed.values()) + sum(
        s.get("errors", 0) for s in floor.values()
    )
    entries.append(entry("load.fouten", errors, "requests", goal="0", ok=errors == 0))
    rejected = mixed.get(PDF, {}).get("rejected_503", 0)
    entries.append(entry("load.pdf.afgewezen_503", rejected, "requests"))
    if mixed.get(PDF):
        entries.append(entry("load.pdf.bezet", mixed[PDF]["busy_share"], "deel van de tijd"))
    lost = len(readback["lost"])
    entries.append(
        entry(
            "load.bewerkingen.verloren",
            lost,
            "notities",
            baseline=readback["confirmed"],
            goal="0",
            ok=lost == 0 and not readback["duplicates"],
            duplicates=len(readback["duplicates"]),
            unconfirmed_but_stored=len(readback["unconfirmed_but_stored"]),
        )
    )
    return entries


def format_table(mixed: dict, floor: dict, entries: list[dict]) -> str:
    lines = [
        f"{'categorie':18} {'verzoeken':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'fouten':>6} {'503':>4}"
    ]

    def fmt(value, width, digits=1):
        return f"{'—':>{width}}" if value is None else f"{value:>{width}.{digits}f}"

    rows = [(c, mixed.get(c)) for c in CATEGORIES if c not in FLOORS]
    rows += [(c, floor.get(c)) for c in FLOORS]
    for label, stats in rows:
        if not stats:
            continue
        lines.append(
            f"{label:18} {stats['requests']:>9} {fmt(stats['per_second'], 8, 2)} "
            f"{fmt(stats['p50_ms'], 8)} {fmt(stats['p95_ms'], 8)} {fmt(stats['p99_ms'], 8)} "
            f"{stats['errors']:>6} {stats['rejected_503']:>4}"
        )
    lines.append("")
    lines.append(f"{'meting':40} {'waarde':>10} {'basis':>10} {'ratio':>7}  doel")
    for e in entries:
        value = "—" if e["value"] is None else f"{e['value']}"
        base = "—" if e["baseline"] is None else f"{e['baseline']}"
        ratio = "—" if e["ratio"] is None else f"{e['ratio']}"
        mark = "" if "ok" not in e else ("  ok" if e["ok"] else "  NIET GEHAALD")
        lines.append(
            f"{e['name']:40} {value + ' ' + e['unit']:>10} {base:>10} {ratio:>7}  {e['goal']}{mark}"
        )
    return "\n".join(lines)
