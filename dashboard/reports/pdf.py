"""Turn a report's HTML into an accessible PDF, with a bound on how much of that happens at once.

WeasyPrint renders the standalone report document (``templates/reports/document.html``) as a
tagged PDF/UA-1: document language ``nl`` (from ``<html lang>``), title and author (from
``<title>`` and ``<meta name="author">``), bookmarks from the headings, alternative text from
``<img alt>``, and the bundled Fira Sans font, so the output never depends on the fonts of the
machine it runs on.

Resources are fetched by ``StaticOnlyFetcher``: the report's own stylesheet and fonts come from
the static files (finders in development, ``STATIC_ROOT`` in production) and ``data:`` URIs
(the figures) are decoded in memory. Anything else — another host, ``file:`` — is refused, so a
report can never make the server fetch a URL.

Bounding the work (docs/architecture.md, "Printed reports"): a render takes a CPU core for
0.3–2 s. Per process at most ``ZV_PDF_CONCURRENCY`` renders run at once and at most
``ZV_PDF_QUEUE`` more wait, each for at most ``ZV_PDF_WAIT_SECONDS``. A request beyond that, or
one that waited too long, gets ``PdfBusy`` (the view answers 503 with ``Retry-After``) instead
of occupying a worker thread, so a burst of downloads never takes all workers away from the
pages.

Where the render runs: in a process of its own (``ZV_PDF_PROCESS``, on by default), one small
pool per web process, started on the first download, at a lower CPU priority
(``ZV_PDF_NICE``). A render holds Python's interpreter lock for seconds; in the web process it
would slow every page served by the other threads of that process (each query gives up the
lock and waits up to 5 ms to get it back), and at the same priority it takes a core from the
pages. In its own process at a lower priority it only takes what the pages leave. A render
process that dies (out of memory) is replaced on the next download; the download that hit it
gets the same 503 as a full gate.
"""

from __future__ import annotations

import logging
import mimetypes
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)

#: The made-up origin the report document is rendered at; ``/static/…`` resolves below it.
BASE_URL = "https://zv-portaal.invalid/"
PDF_VARIANT = "pdf/ua-1"


class PdfBusy(Exception):
    """Too many reports are being made in this process right now; try again shortly."""


class Gate:
    """``slots`` renders at once, ``queue`` more waiting, nobody waits longer than ``wait``."""

    def __init__(self, slots: int, queue: int, wait: float) -> None:
        self.slots = max(1, slots)
        self.wait = wait
        self._running = threading.BoundedSemaphore(self.slots)
        self._admitted = threading.BoundedSemaphore(self.slots + max(0, queue))

    @contextmanager
    def enter(self):
        if not self._admitted.acquire(blocking=False):
            raise PdfBusy
        try:
            if not self._running.acquire(timeout=self.wait):
                raise PdfBusy
            try:
                yield
            finally:
                self._running.release()
        finally:
            self._admitted.release()


_gate: Gate | None = None
_gate_lock = threading.Lock()


def gate() -> Gate:
    global _gate
    with _gate_lock:
        if _gate is None:
            _gate = Gate(
                settings.ZV_PDF_CONCURRENCY, settings.ZV_PDF_QUEUE, settings.ZV_PDF_WAIT_SECONDS
            )
        return _gate


@receiver(setting_changed)
def _reset_gate(*, setting, **kwargs) -> None:
    global _gate
    if setting.startswith("ZV_PDF_"):
        with _gate_lock:
            _gate = None
        if setting in ("ZV_PDF_CONCURRENCY", "ZV_PDF_NICE"):
            shutdown_render_processes()


def _static_file(path: str) -> Path | None:
    """The file behind a static path (``css/report.css``), or None."""
    if ".." in Path(path).parts:
        return None
    found = finders.find(path)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / path
        if candidate.is_file():
            return candidate
    return None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            static_prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
            if url.startswith(static_prefix):
                relative = url[len(static_prefix) :].split("?")[0].split("#")[0]
                found = _static_file(relative)
                if found is not None:
                    mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                    if found.suffix == ".woff2":
                        mime = "font/woff2"
                    return URLFetcherResponse(
                        url, found.read_bytes(), headers={"Content-Type": mime}
                    )
            raise ValueError(
                f"Rapportages halen geen bronnen op buiten de statische bestanden: {url}"
            )

    return StaticOnlyFetcher()


def _write_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf(
        pdf_variant=PDF_VARIANT
    )


def _start_render_process(nice: int) -> None:
    """The render process: a lower CPU priority, then Django (settings from the environment,
    which the process inherits) for the static files of the fetcher."""
    if nice:
        os.nice(nice)
    import django

    django.setup()


#: The render pool of this process (a web worker), created on the first download; the pid
#: tells a forked child that the pool is its parent's.
_pool: tuple[int, ProcessPoolExecutor] | None = None
_pool_lock = threading.Lock()
#: A render process is replaced after this many renders, so a leak cannot grow without end.
RENDERS_PER_PROCESS = 50


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None or _pool[0] != os.getpid():
            executor = ProcessPoolExecutor(
                max_workers=max(1, settings.ZV_PDF_CONCURRENCY),
                # never fork a process that runs threads: start a fresh interpreter
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_render_process,
                initargs=(settings.ZV_PDF_NICE,),
                max_tasks_per_child=RENDERS_PER_PROCESS,
            )
            _pool = (os.getpid(), executor)
        return _pool[1]


def _discard_executor(executor: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is not None and _pool[1] is executor:
            _pool = None
    executor.shutdown(wait=False, cancel_futures=True)


def shutdown_render_processes() -> None:
    """Stop this process's render pool (when its settings change, and in tests); at exit the
    pool stops itself."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None and pool[0] == os.getpid():
        pool[1].shutdown(wait=True, cancel_futures=True)


def render_pdf(html: str) -> bytes:
    """The PDF of a standalone report document. Raises ``PdfBusy`` when the gate is full (or
    the render process died)."""
    with gate().enter():
        started = time.perf_counter()
        if settings.ZV_PDF_PROCESS:
            executor = _executor()
            try:
                pdf = executor.submit(_write_pdf, html).result()
            except BrokenProcessPool as error:
                logger.error("Het PDF-proces is gestopt; het wordt vervangen")
                _discard_executor(executor)
                raise PdfBusy from error
        else:
            pdf = _write_pdf(html)
        logger.info("PDF gemaakt in %.2f s (%d bytes)", time.perf_counter() - started, len(pdf))
        return pdf
