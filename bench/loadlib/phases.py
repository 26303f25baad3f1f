"""Steps 3 and 4 of the load test: the check of every page before the measurement (warm_up)
and the timed phases, each a set of client threads until a deadline."""

from __future__ import annotations

import threading
import time

from bench.loadlib.clients import pdf_ok
from bench.loadlib.common import Failed, log
from bench.loadlib.config import PDF_TIMEOUT
from bench.loadlib.forms import find_form, parse_html
from bench.loadlib.stats import Recorder, summarize


def run_threads(targets: list, stop: threading.Event) -> None:
    threads = [threading.Thread(target=t, daemon=True) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        while t.is_alive():
            t.join(timeout=0.5)  # short joins: Ctrl-C reaches the main thread


def phase(name, seconds, make_targets, stop) -> tuple[Recorder, float, float]:
    recorder = Recorder()
    started = time.monotonic()
    deadline = started + seconds
    run_threads(make_targets(recorder, deadline), stop)
    log(f"{name}: {len(recorder.samples)} verzoeken in {time.monotonic() - started:.1f} s")
    return recorder, started, deadline


def warm_up(browsers: dict, discovered: dict, pdfs: list) -> dict:
    """Every page of the workload once per persona (200 expected), the static files of the
    home page, the progress form and every PDF: a broken one stops the test before the
    measurement. Then every page once more, one at a time: its time without concurrency
    (the PDFs' time without concurrency is that of their first download)."""
    checked = 0
    for persona, browser in browsers.items():
        for name, url in dict.fromkeys(map(tuple, discovered["pages"][persona])):
            response = browser.get(url)
            if response.status != 200:
                raise Failed(f"voorbereiding: {name} ({url}) als {persona} gaf {response.status}")
            checked += 1
    # A second pass, one request at a time: each page's time without concurrency.
    solo: dict[str, list[float]] = {}
    for persona, browser in browsers.items():
        for name, url in dict.fromkeys(map(tuple, discovered["pages"][persona])):
            response = browser.get(url)
            solo.setdefault(name, []).append(response.seconds)
    secretary = browsers["secretaris"]
    home = secretary.get("/")
    assets = [a for a in parse_html(home.text).assets if a.startswith("/static/")]
    if not assets:
        raise Failed("voorbereiding: de startpagina verwijst naar geen statische bestanden")
    for asset in assets:
        response = secretary.get(asset)
        if response.status != 200 or "max-age" not in response.headers.get("cache-control", ""):
            raise Failed(f"voorbereiding: statisch bestand {asset} niet via WhiteNoise geleverd")
    if discovered["edit_urls"]:
        form = secretary.get(discovered["edit_urls"][0])
        if form.status != 200 or find_form(form.text, "text") is None:
            raise Failed("voorbereiding: geen voortgangsformulier voor de secretaris")
    solo_pdf = {}
    for name, url in pdfs:
        response = secretary.get(url, timeout=PDF_TIMEOUT)
        ok, error = pdf_ok(response)
        if not ok:
            raise Failed(f"voorbereiding: {name} ({url}): {error}")
        solo_pdf[name] = round(response.seconds * 1000, 1)
    return {
        "pages_checked": checked,
        "solo_pdf_ms": solo_pdf,
        "static_files": assets,
        "solo_p50_ms": {n: summarize(v)["p50_ms"] for n, v in sorted(solo.items())},
    }
