"""bench/pages.py: the entries of results.json from the page measurements."""

import pytest
from django.db import connection

from bench.pages import _database_cpu, measure_pair, paired_ratio, results


def _scale(factor: float, comparison: float) -> dict:
    def row(seconds, queries=10):
        return {
            "queries": queries,
            "seconds": seconds,
            "median": seconds * 1.1,
            "cpu": seconds * 0.9,
            "cpu_with_database": True,
        }

    return {
        "__floor__": row(0.001, 0),
        "__floor_signed_in__": row(0.002, 2),
        "regio": {**row(0.030 * factor), "admin_seconds": 0.060, "admin_queries": 5},
        "gremia": row(0.020, queries=12 if factor > 1 else 10),
        "vergelijking": row(comparison),
    }


def test_entries_judge_each_page_by_its_goal():
    entries = {e["name"]: e for e in results(_scale(1, 0.05), _scale(1.1, 0.4), (25, 250))}

    assert entries["pagina.triviaal"]["value"] == 1.0
    assert entries["pagina.triviaal_ingelogd"]["queries"] == 2
    regio = entries["pagina.regio.tijd_10x_vs_1x"]
    assert regio["ratio"] == 1.1 and regio["ok"] is True and regio["goal"] == "<= 1.2"
    assert regio["median_ms"] == [33.0, 36.3]
    cpu = entries["pagina.regio.cpu_10x_vs_1x"]
    assert cpu["value"] == 29.7 and cpu["with_database"] is True and "ok" not in cpu
    # a national page may grow linearly with the regions (8× for 10× the regions is fine)
    assert entries["pagina.vergelijking.tijd_10x_vs_1x"]["ok"] is True
    # the same time with more queries fails the query goal only
    assert entries["pagina.gremia.tijd_10x_vs_1x"]["ok"] is True
    assert entries["pagina.gremia.queries_10x_vs_1x"]["ok"] is False
    # pages are compared with the signed-in floor and with the admin changelist
    assert entries["pagina.regio.tijd_vs_triviaal"]["baseline"] == 2.0
    assert entries["pagina.regio.tijd_vs_admin"]["ratio"] == 0.55
    assert not any(name.startswith("pagina.__") for name in entries)


def test_a_region_page_growing_more_than_the_goal_is_not_ok():
    entries = {e["name"]: e for e in results(_scale(1, 0.05), _scale(1.3, 0.05), (25, 250))}
    assert entries["pagina.regio.tijd_10x_vs_1x"]["ok"] is False


@pytest.mark.django_db
def test_the_database_servers_cpu_time_is_read():
    """SQLite runs in the benchmark's own process; PostgreSQL's backend is read from /proc."""
    value = _database_cpu()
    if connection.vendor == "sqlite":
        assert value == 0.0
    else:
        assert isinstance(value, float) and value >= 0


class _Response:
    status_code = 200


class _Client:
    """A stand-in for the test client: records the side its requests were made on."""

    def __init__(self, side, log):
        self.side, self.log = side, log

    def get(self, url):
        self.log.append((self.side, url))
        return _Response()


@pytest.mark.django_db
def test_a_pair_is_measured_in_alternating_blocks():
    log, switches = [], []
    current = {}

    def use(side):
        switches.append(side)
        current["side"] = side

    targets = {"1x": (_Client("1x", log), "/a/"), "10x": (_Client("10x", log), "/b/")}
    measured = measure_pair(targets, use, rounds=4, per_round=2)
    # after the query counts (two requests per side), rounds of: 1 warm-up + 2 timed per side
    rounds = switches[2:]
    assert rounds == ["1x", "10x", "10x", "1x", "1x", "10x", "10x", "1x"]
    assert all(url == targets[side][1] for side, url in log)  # every request on its own side
    assert len(log) == 2 * 2 + 4 * 2 * 3
    for side in ("1x", "10x"):
        row = measured[side]
        assert row["queries"] == 0 and len(row["round_best"]) == 4
        assert row["seconds"] <= row["median"]
    assert len(measured["10x"]["paired_ratios"]) == 4
    assert "paired_ratios" not in measured["1x"]


def test_the_ratio_of_a_page_is_the_median_of_its_rounds():
    one = {"seconds": 0.010}
    ten = {"seconds": 0.009, "paired_ratios": [1.0, 1.1, 3.0, 1.05, 0.98]}
    ratio, quartiles = paired_ratio(ten, one)
    assert ratio == 1.05  # one slow round does not decide
    assert quartiles == [1.0, 1.1]
    # without rounds: the fastest requests
    assert paired_ratio({"seconds": 0.012}, one) == (pytest.approx(1.2), None)


def test_entries_take_the_paired_ratio_when_there_is_one():
    one, ten = _scale(1, 0.05), _scale(1.5, 0.05)
    ten["regio"]["paired_ratios"] = [1.02, 1.05, 1.08]
    entries = {e["name"]: e for e in results(one, ten, (25, 250))}
    regio = entries["pagina.regio.tijd_10x_vs_1x"]
    assert regio["ratio"] == 1.05 and regio["ok"] is True
    assert regio["rounds_quartiles"] == [1.04, 1.06]
