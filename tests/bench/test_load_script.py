"""The parts of the load test (bench/loadlib/) that start nothing: percentiles, the workload
mix, the read-back of the edits, the summaries, the form reader, the checks of the answers, the
guard on the database name and the reading of gunicorn's logs. No gunicorn or PostgreSQL here:
``bench/load`` itself is run by hand (see docs/performance.md)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from bench.loadlib.client import Browser, RequestFailed, Response
from bench.loadlib.clients import page_ok, pdf_ok, timed
from bench.loadlib.common import ROOT, Failed
from bench.loadlib.config import (
    EDITS,
    FLOOR,
    FLOOR_PAGE,
    FLOOR_REQUESTS,
    FLOOR_SIGNED_IN,
    PAGES,
    PDF,
)
from bench.loadlib.forms import find_form, parse_html
from bench.loadlib.phases import phase
from bench.loadlib.results import format_table, read_back, results
from bench.loadlib.server import Server
from bench.loadlib.setup import SETTINGS_OVERLAY, database_name, django_env
from bench.loadlib.stats import Recorder, Sample, percentile, phase_summary, summarize
from bench.loadlib.workload import PdfSlot, Workload, assign_personas

# --- percentiles --------------------------------------------------------------------------------


def test_percentile_interpolates_between_ranks_like_numpy():
    values = list(range(1, 11))  # 1..10
    assert percentile(values, 0) == 1
    assert percentile(values, 50) == 5.5
    assert percentile(values, 95) == pytest.approx(9.55)
    assert percentile(values, 99) == pytest.approx(9.91)
    assert percentile(values, 100) == 10


def test_percentile_of_unsorted_single_and_empty_lists():
    assert percentile([3, 1, 2], 50) == 2
    assert percentile([0.25], 99) == 0.25
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_summarize_reports_milliseconds():
    stats = summarize([0.010, 0.020, 0.030, 0.040])
    assert stats == {"count": 4, "p50_ms": 25.0, "p95_ms": 38.5, "p99_ms": 39.7, "max_ms": 40.0}
    assert summarize([])["p50_ms"] is None


# --- workload -----------------------------------------------------------------------------------


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def _workload(slot=None, edit_share=0.2):
    regional = [
        ("regio", "/regio/nog/"),
        ("gremium", "/regio/nog/gremia/1/"),
        ("gremium", "/regio/nog/gremia/2/"),
        ("gremium", "/regio/nog/gremia/3/"),
        ("werkagenda", "/regio/nog/werkagenda/"),
    ]
    return Workload(
        pages={
            "secretaris": [("home (secretaris)", "/"), *regional],
            "bestuurder": [("home (bestuurder)", "/"), *regional],
            "vng": [("home (vng)", "/"), ("vergelijking", "/vergelijking/"), *regional],
        },
        edit_urls=["/regio/nog/acties/1/voortgang/", "/regio/nog/acties/2/voortgang/"],
        pdfs=[("werkagenda.pdf", "/regio/nog/rapportages/werkagenda/pdf/")],
        edit_share=edit_share,
        pdf_slot=slot,
    )


def test_only_the_secretary_edits_at_the_given_share():
    workload = _workload(edit_share=0.2)
    rng = random.Random(1)
    kinds = {
        p: Counter(workload.next_task(rng, p).kind for _ in range(5000)) for p in workload.pages
    }
    assert kinds["bestuurder"]["edit"] == kinds["vng"]["edit"] == 0
    assert 0.17 < kinds["secretaris"]["edit"] / 5000 < 0.23
    assert all(c["pdf"] == 0 for c in kinds.values())  # no slot: no PDFs


def test_every_page_name_is_equally_likely_and_urls_spread_within_a_name():
    workload = _workload(edit_share=0)
    rng = random.Random(2)
    tasks = [workload.next_task(rng, "bestuurder") for _ in range(8000)]
    names = Counter(t.name for t in tasks)
    assert set(names) == {"home (bestuurder)", "regio", "gremium", "werkagenda"}
    assert all(1800 < n < 2200 for n in names.values()), names  # 4 names, 2000 each
    bodies = Counter(t.url for t in tasks if t.name == "gremium")
    assert len(bodies) == 3 and min(bodies.values()) > 500
    assert "vergelijking" not in names  # the comparison is for the VNG advisor only


def test_pdfs_one_client_at_a_time_with_a_pause_after_each():
    clock = FakeClock()
    slot = PdfSlot(interval=10, clock=clock)
    workload = _workload(slot=slot)
    rng = random.Random(3)

    first = workload.next_task(rng, "vng")
    assert first.kind == "pdf"
    # While that download runs, nobody else gets a PDF, however long it takes.
    clock.now += 60
    assert all(workload.next_task(rng, p).kind != "pdf" for p in workload.pages for _ in range(50))
    slot.release()
    # The next one no sooner than 10 s after the previous one ended.
    clock.now += 9
    assert all(workload.next_task(rng, p).kind != "pdf" for p in workload.pages for _ in range(50))
    clock.now += 1
    assert workload.next_task(rng, "bestuurder").kind == "pdf"
    slot.release()
    clock.now += 10
    # No new PDF close to the end of the phase (``pdf_until``).
    assert workload.next_task(rng, "vng", pdf_until=clock.now - 1).kind != "pdf"
    assert workload.next_task(rng, "vng", pdf_until=clock.now + 1).kind == "pdf"


def test_personas_are_assigned_round_robin():
    assert [p for p, _ in assign_personas(8)] == [
        "secretaris",
        "bestuurder",
        "deelnemer",
        "vng",
    ] * 2
    assert assign_personas(1) == [("secretaris", "demo-secretaris")]
    with pytest.raises(ValueError):
        assign_personas(0)


# --- read-back ----------------------------------------------------------------------------------


def test_read_back_finds_lost_duplicate_and_unconfirmed_notes():
    sent = {"n1": True, "n2": True, "n3": True, "n4": False, "n5": False}
    stored = ["n1", "n2", "n2", "n4", "n9"]
    result = read_back(sent, stored)
    assert result["lost"] == ["n3"]  # answered success, not in the database
    assert result["duplicates"] == ["n2"]
    assert result["unconfirmed_but_stored"] == ["n4"]  # e.g. a time-out after the commit
    assert result["unknown"] == ["n9"]
    assert (result["sent"], result["confirmed"], result["stored"]) == (5, 3, 5)


def test_read_back_all_present():
    result = read_back({"a": True, "b": True}, ["b", "a"])
    assert result["lost"] == [] and result["duplicates"] == []


# --- summaries and results ----------------------------------------------------------------------


def _sample(category, seconds, ended, ok=True, status=200, rejected=False, name="x", error=""):
    return Sample(category, name, seconds, ended, ok, status, rejected, error)


def test_phase_summary_counts_errors_rejections_and_rate_within_the_window():
    samples = [
        *(_sample(PAGES, 0.1, 1 + i) for i in range(9)),  # ended 1..9: within the window
        _sample(PAGES, 0.1, 12),  # finished after the deadline: latency yes, rate no
        _sample(PAGES, 0.5, 5, ok=False, status=500, error="status 500"),
        _sample(PDF, 2.0, 6, ok=False, status=503, rejected=True),
        _sample(PDF, 3.0, 7),
    ]
    summary = phase_summary((samples, 0.0, 10.0))
    pages = summary[PAGES]
    assert pages["requests"] == 11
    assert pages["per_second"] == 1.0  # 10 completed within 10 s
    assert pages["count"] == 10  # latencies of the successful requests only
    assert pages["errors"] == 1
    assert pages["error_messages"] == {"x: status 500": 1}
    assert summary[PDF]["errors"] == 0 and summary[PDF]["rejected_503"] == 1
    assert summary[PDF]["count"] == 1


def test_phase_summary_reports_the_share_served_from_the_page_cache():
    samples = [_sample(PAGES, 0.01, 1 + i) for i in range(4)]
    samples[0].cached = samples[1].cached = samples[2].cached = True
    samples.append(_sample(PAGES, 0.5, 5, ok=False, status=500, error="status 500"))
    summary = phase_summary((samples, 0.0, 10.0))
    assert summary[PAGES]["cache_hits"] == 0.75  # of the successful requests
    entries = {e["name"]: e for e in results(summary, {}, read_back({}, []))}
    assert entries["load.paginas.cache_treffers"]["value"] == 0.75


def test_phase_summary_joins_the_two_halves_of_the_floor():
    before = [_sample(FLOOR, 0.001, 0.5 + i * 0.01) for i in range(100)]
    after = [_sample(FLOOR, 0.001, 100.5 + i * 0.005) for i in range(300)]
    summary = phase_summary((before, 0.0, 2.0), (after, 100.0, 102.0))
    assert summary[FLOOR]["per_second"] == 100.0  # 400 requests in 4 s


def test_results_have_the_shape_of_results_json_and_judge_the_goals():
    mixed = phase_summary(([_sample(PAGES, 0.05, i / 10) for i in range(1, 101)], 0.0, 10.0))
    mixed[EDITS] = phase_summary(([_sample(EDITS, 0.2, 1)], 0.0, 10.0))[EDITS]
    floor = phase_summary(([_sample(FLOOR, 0.002, i / 100) for i in range(1, 1001)], 0.0, 10.0))
    entries = results(mixed, floor, read_back({"a": True}, ["a"]))
    by_name = {e["name"]: e for e in entries}
    for e in entries:
        assert {"name", "value", "unit", "baseline", "ratio", "goal"} <= set(e)
    ratio = by_name["load.paginas.doorvoer_vs_triviaal"]
    assert (ratio["value"], ratio["baseline"], ratio["ratio"]) == (10.0, 100.0, 0.1)
    assert "ok" not in ratio  # reported, no longer a goal (issue 22)
    # without the other floors the goals against them cannot be judged: never "met"
    assert by_name["load.paginas.doorvoer_vs_lege_pagina"]["ok"] is False
    assert by_name["load.lege_pagina.doorvoer_vs_triviaal_ingelogd"]["ok"] is False
    p95 = by_name["load.paginas.p95_doel"]
    assert (p95["value"], p95["goal"], p95["ok"]) == (50.0, "<= 150", True)
    assert by_name["load.fouten"]["value"] == 0 and by_name["load.fouten"]["ok"]
    assert by_name["load.bewerkingen.verloren"]["ok"]
    assert "load.pdf.p50" not in by_name  # no PDFs in this run
    lost = results(mixed, floor, read_back({"a": True}, []))
    assert not {e["name"]: e for e in lost}["load.bewerkingen.verloren"]["ok"]


# --- forms and the client -----------------------------------------------------------------------

PAGE = """
<html><head><link rel="stylesheet" href="/static/css/portal.abc.css">
<script src="/static/js/report-download.js" defer></script></head><body>
<form method="post" action="/account/logout/"><input type="hidden" name="csrfmiddlewaretoken"
 value="tok"><button type="submit">Uitloggen</button></form>
<form method="post" class="form" novalidate>
<input type="hidden" name="csrfmiddlewaretoken" value="tok2">
<input type="hidden" name="seen_version" value="3">
<textarea name="text" rows="4">
Oude &amp; tekst</textarea>
<input type="date" name="due_date" value="2026-05-01">
<select name="theme"><option value="1">A</option><option value="2" selected>B</option></select>
<select name="kind"><option value="x">X</option></select>
<input type="checkbox" name="urgent" checked><input type="checkbox" name="quiet">
<button type="submit" name="save">Opslaan</button>
</form></body></html>
"""


def test_find_form_takes_the_form_with_the_field_as_a_browser_would_submit_it():
    form = find_form(PAGE, "text")
    assert form["action"] == ""
    assert form["fields"] == {
        "csrfmiddlewaretoken": "tok2",
        "seen_version": "3",
        "text": "\nOude & tekst",
        "due_date": "2026-05-01",
        "theme": "2",
        "kind": "x",
        "urgent": "on",
    }
    assert find_form(PAGE, "username") is None
    assert parse_html(PAGE).assets == [
        "/static/css/portal.abc.css",
        "/static/js/report-download.js",
    ]


def test_the_client_only_talks_to_the_local_machine():
    with pytest.raises(ValueError):
        Browser("example.org", 80)
    assert Browser("127.0.0.1", 8000).origin == "http://127.0.0.1:8000"


# --- the floor ----------------------------------------------------------------------------------


def test_the_trivial_view_answers_ok_without_touching_the_database(client):
    # No django_db mark: pytest-django refuses any query, so this also proves "no query".
    response = client.get("/gezond/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert client.head("/gezond/").status_code == 200
    assert client.post("/gezond/").status_code == 405


def test_the_other_floors_are_reported_beside_the_goal():
    mixed = phase_summary(([_sample(PAGES, 0.05, i / 10) for i in range(1, 101)], 0.0, 10.0))
    floor = {
        FLOOR: phase_summary(([_sample(FLOOR, 0.002, i / 100) for i in range(1, 1001)], 0, 10))[
            FLOOR
        ],
        FLOOR_SIGNED_IN: phase_summary(
            ([_sample(FLOOR_SIGNED_IN, 0.004, i / 40) for i in range(1, 401)], 0.0, 10.0)
        )[FLOOR_SIGNED_IN],
        FLOOR_PAGE: phase_summary(
            ([_sample(FLOOR_PAGE, 0.01, i / 20) for i in range(1, 201)], 0.0, 10.0)
        )[FLOOR_PAGE],
    }
    by_name = {e["name"]: e for e in results(mixed, floor, read_back({}, []))}
    # issue 22's goals: pages against the empty page, the empty page against the signed-in view
    goal = by_name["load.paginas.doorvoer_vs_lege_pagina"]
    assert (goal["ratio"], goal["goal"], goal["ok"]) == (0.5, ">= 0.33", True)
    layout = by_name["load.lege_pagina.doorvoer_vs_triviaal_ingelogd"]
    assert (layout["ratio"], layout["goal"], layout["ok"]) == (0.5, ">= 0.7", False)
    # the bare floor stays reported
    assert by_name["load.paginas.doorvoer_vs_triviaal"]["ratio"] == 0.1
    signed_in = by_name["load.triviaal_ingelogd.doorvoer"]
    assert (signed_in["value"], signed_in["baseline"], signed_in["ratio"]) == (40.0, 100.0, 0.4)
    assert by_name["load.lege_pagina.doorvoer"]["ratio"] == 0.2
    assert by_name["load.paginas.doorvoer_vs_triviaal_ingelogd"]["ratio"] == 0.25
    table = format_table(mixed, floor, list(by_name.values()))
    assert "triviaal ingelogd" in table and "lege pagina" in table


def test_every_floor_asks_for_a_page_that_needs_no_data(client, django_user_model):
    """The floors' pages answer without any region data, signed in or not."""
    user = django_user_model.objects.create_user("vloer", password="x" * 12)
    for category, (path, body) in FLOOR_REQUESTS.items():
        if category != FLOOR:
            client.force_login(user)
        response = client.get(path)
        assert response.status_code == 200, category
        assert body is None or response.content == body


# --- the steps of bench/load --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgres://postgres@127.0.0.1:5432/zv_load",
        "postgresql://u:p@localhost/zv_load_split",
    ],
)
def test_only_a_load_database_may_be_recreated(url):
    assert "load" in database_name(url)


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///zv_load.sqlite3",
        "postgres://postgres@127.0.0.1:5432/zv_portal",
        "postgres://postgres@127.0.0.1:5432/",
        "postgres://postgres@127.0.0.1:5432/postgres",
    ],
)
def test_any_other_database_is_refused(url):
    with pytest.raises(Failed):
        database_name(url)


def test_django_env_runs_the_production_settings_with_a_temporary_static_root(tmp_path):
    env = django_env("postgres://postgres@127.0.0.1:5432/zv_load", tmp_path)
    overlay = (tmp_path / f"{SETTINGS_OVERLAY}.py").read_text()
    assert "from zv_portal.settings import *" in overlay
    assert repr(str(tmp_path / "static")) in overlay
    assert env["DJANGO_SETTINGS_MODULE"] == SETTINGS_OVERLAY
    assert env["DJANGO_DEBUG"] == "false"
    assert env["PYTHONPATH"].split(os.pathsep) == [str(tmp_path), str(ROOT)]
    assert (tmp_path / "media").is_dir()


def _response(status, body=b"", location=""):
    return Response(status, {"location": location} if location else {}, body, 0.01)


def test_a_redirect_to_the_login_page_is_a_lost_session():
    assert page_ok(_response(200)) == (True, "")
    assert page_ok(_response(302, location="/regio/nog/")) == (True, "")
    assert page_ok(_response(302, location="/account/login/?next=/"))[0] is False
    assert page_ok(_response(500)) == (False, "status 500")


def test_a_pdf_must_be_a_pdf_and_503_is_the_full_gate():
    assert pdf_ok(_response(200, b"%PDF-1.7 ...")) == (True, "")
    assert pdf_ok(_response(200, b"<html>")) == (False, "geen PDF")
    assert pdf_ok(_response(503))[1] == "503 (PDF-poort vol)"


def test_timed_records_one_sample_per_request_also_without_an_answer():
    recorder = Recorder()
    assert timed(recorder, PAGES, "home", lambda: _response(200), page_ok).status == 200

    def no_answer():
        raise RequestFailed("verbinding geweigerd")

    assert timed(recorder, PAGES, "home", no_answer, page_ok) is None
    timed(recorder, PDF, "werkagenda.pdf", lambda: _response(503), pdf_ok)
    ok, failed, rejected = recorder.samples
    assert ok.ok and ok.status == 200 and ok.seconds == 0.01
    assert not failed.ok and failed.error == "verbinding geweigerd"
    assert rejected.rejected and not rejected.ok and rejected.status == 503


def test_a_phase_runs_its_clients_until_the_deadline(capsys):
    stop = threading.Event()

    def targets(recorder, deadline):
        def client():
            while not stop.is_set() and time.monotonic() < deadline:
                recorder.add(Sample(PAGES, "x", 0.001, time.monotonic(), True, 200))
                time.sleep(0.01)

        return [client, client]

    recorder, started, deadline = phase("proef", 0.2, targets, stop)
    assert deadline == pytest.approx(started + 0.2)
    assert recorder.samples and all(s.ended <= deadline + 0.05 for s in recorder.samples)
    assert "proef: " in capsys.readouterr().out


def test_the_server_counts_statuses_tracebacks_and_timeouts_in_its_logs(tmp_path):
    server = Server({}, tmp_path, workers=2, threads=4)
    assert server.command[server.command.index("-b") + 1] == f"127.0.0.1:{server.port}"
    assert server.log_findings() == {
        "tracebacks": 0,
        "worker_timeouts": 0,
        "access_log_statuses": {},
    }
    server.access_log.write_text(
        '127.0.0.1 - - [x] "GET / HTTP/1.1" 200 1234 "-" "-"\n'
        '127.0.0.1 - - [x] "GET /a/ HTTP/1.1" 302 0 "-" "-"\n'
        '127.0.0.1 - - [x] "GET / HTTP/1.1" 200 99 "-" "-"\n'
        "garbage\n"
    )
    server.error_log.write_text("Traceback (most recent call last):\n[CRITICAL] WORKER TIMEOUT\n")
    assert server.log_findings() == {
        "tracebacks": 1,
        "worker_timeouts": 1,
        "access_log_statuses": {"200": 2, "302": 1},
    }
    server.stop()  # never started: nothing to stop


def test_the_script_imports_its_steps_and_answers_help():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "--database-url" in done.stdout and "--demo-only" in done.stdout


@pytest.mark.django_db(transaction=True)
@pytest.mark.real_second_factor
def test_a_load_client_signs_in_with_a_recovery_code_when_the_portal_asks(live_server, region):
    """The load clients sign in like people: password, then (for a secretary) the real
    verification page with a one-time recovery code; without a code the sign-in fails loudly
    instead of measuring redirects."""
    from urllib.parse import urlsplit

    from accounts.twofactor import codes
    from tests.factories import RoleFactory, UserFactory

    user = UserFactory(username="last-secretaris")
    user.set_password("een-lang-wachtwoord-2026")
    user.save()
    RoleFactory(user=user, role="secretary", region=region)
    port = urlsplit(live_server.url).port
    with pytest.raises(RequestFailed, match="eerst een tweede factor instellen"):
        Browser("127.0.0.1", port).login("last-secretaris", "een-lang-wachtwoord-2026")

    from tests.accounts.twofactor.conftest import give_totp

    give_totp(user)
    recovery = codes.new_recovery_codes(user)

    with pytest.raises(RequestFailed, match="tweede factor gevraagd"):
        Browser("127.0.0.1", port).login("last-secretaris", "een-lang-wachtwoord-2026")

    browser = Browser("127.0.0.1", port)
    left = list(recovery)
    browser.login("last-secretaris", "een-lang-wachtwoord-2026", recovery_codes=left)
    assert len(left) == len(recovery) - 1
    assert browser.get("/").status == 200
    assert codes.recovery_codes_left(user) == len(recovery) - 1
