"""Statistics of the load test: percentiles, summaries, and the recording of samples per phase."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field

from bench.loadlib.config import CATEGORIES


def percentile(values, p: float) -> float | None:
    """The ``p``-th percentile (0–100) with linear interpolation between the closest ranks
    (numpy's default). None for no values."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be between 0 and 100, got {p}")
    data = sorted(values)
    if not data:
        return None
    if len(data) == 1:
        return float(data[0])
    position = (len(data) - 1) * p / 100
    lower = math.floor(position)
    upper = math.ceil(position)
    if lower == upper:
        return float(data[lower])
    fraction = position - lower
    return data[lower] + (data[upper] - data[lower]) * fraction


def summarize(latencies) -> dict:
    """Count and p50/p95/p99/max of a list of seconds, in milliseconds."""
    data = sorted(latencies)

    def ms(value):
        return None if value is None else round(value * 1000, 1)

    return {
        "count": len(data),
        "p50_ms": ms(percentile(data, 50)),
        "p95_ms": ms(percentile(data, 95)),
        "p99_ms": ms(percentile(data, 99)),
        "max_ms": ms(data[-1]) if data else None,
    }


# --- recording ----------------------------------------------------------------------------------


@dataclass
class Sample:
    category: str
    name: str
    seconds: float
    ended: float  # monotonic time at the end
    ok: bool
    status: int | None = None
    rejected: bool = False  # a 503 of the PDF gate
    error: str = ""
    cached: bool = False  # served from the page cache (X-ZV-Cache: hit)


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


def phase_summary(*windows: tuple[list[Sample], float, float]) -> dict:
    """Per category: requests, requests/s, latencies of the successful ones (ms), errors,
    rejected (503) and the most frequent error messages.

    Each window is (samples, started, deadline) of one phase; requests/s counts the requests
    that completed before their window's deadline, over the summed durations (the floor is
    measured in two halves, before and after the mixed workload).
    """
    duration = sum(deadline - started for _, started, deadline in windows)
    samples = [s for rows, _, _ in windows for s in rows]
    in_time = {id(s) for rows, _, deadline in windows for s in rows if s.ended <= deadline}
    out = {}
    for category in CATEGORIES:
        rows = [s for s in samples if s.category == category]
        if not rows:
            continue
        done_in_time = [s for s in rows if id(s) in in_time]
        ok = [s.seconds for s in rows if s.ok]
        errors = [s for s in rows if not s.ok and not s.rejected]
        messages: dict[str, int] = {}
        for s in errors:
            key = f"{s.name}: {s.error}"
            messages[key] = messages.get(key, 0) + 1
        out[category] = {
            "requests": len(rows),
            "per_second": round(len(done_in_time) / duration, 2) if duration > 0 else None,
            **summarize(ok),
            "errors": len(errors),
            "rejected_503": sum(1 for s in rows if s.rejected),
            # share of the successful requests served from the page cache
            "cache_hits": round(sum(1 for s in rows if s.ok and s.cached) / len(ok), 3)
            if ok
            else None,
            # time spent in requests of this category over the phase (PDF: how much of the
            # run one PDF was being made)
            "busy_share": round(sum(s.seconds for s in rows) / duration, 3) if duration else None,
            "error_messages": dict(sorted(messages.items(), key=lambda kv: -kv[1])[:10]),
            "per_name": {
                name: summarize([s.seconds for s in rows if s.name == name and s.ok])
                for name in sorted({s.name for s in rows})
            },
        }
    return out
