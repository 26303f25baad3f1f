"""The reports' shared parts: the period form, file names, the render gate, the resource
fetcher and the reports page."""

from __future__ import annotations

import os
import threading
from datetime import date

import pytest
from django.urls import reverse

from dashboard.reports import base, pdf
from dashboard.reports.forms import ReportPeriodForm

TODAY = date(2026, 11, 23)


def form(data, **kwargs):
    f = ReportPeriodForm(data, today=TODAY, **kwargs)
    f.is_valid()
    return f


class TestPeriodForm:
    def test_defaults_to_today_and_three_months(self):
        f = form({})
        assert f.is_valid()
        assert f.period() == (TODAY, date(2026, 8, 23))

    def test_three_months_before_the_end_of_a_long_month(self):
        f = form({"stand": "2026-05-31"})
        assert f.period() == (date(2026, 5, 31), date(2026, 2, 28))

    def test_stand_in_the_future_is_refused_next_to_the_field(self):
        f = form({"stand": "2026-11-24"})
        assert f.errors["stand"] == ["De stand per kan niet in de toekomst liggen."]

    def test_period_must_start_before_stand(self):
        f = form({"stand": "2026-06-01", "sinds": "2026-06-01"})
        assert f.errors["sinds"] == ["De periode moet vóór de stand-per-datum beginnen."]

    def test_unreadable_date(self):
        f = form({"stand": "32-13-2026"})
        assert "geldige datum" in f.errors["stand"][0]

    def test_dutch_date_notation(self):
        assert form({"stand": "01-10-2026", "sinds": "01-07-2026"}).period() == (
            date(2026, 10, 1),
            date(2026, 7, 1),
        )

    def test_reports_without_period_have_no_sinds(self):
        f = form({"stand": "2026-10-01"}, uses_period=False)
        assert "sinds" not in f.fields
        assert f.period() == (date(2026, 10, 1), None)


def test_pdf_filename():
    assert base.pdf_filename(base.WERKAGENDA, "nog", TODAY) == "werkagenda-nog-2026-11-23.pdf"
    assert (
        base.pdf_filename(base.BESPREEKVOORSTEL, "nog", TODAY, "2026-k3")
        == "bespreekvoorstel-nog-2026-k3-2026-11-23.pdf"
    )


class TestGate:
    def test_one_renders_one_waits_the_third_is_turned_away(self):
        gate = pdf.Gate(slots=1, queue=1, wait=5)
        inside = threading.Event()
        release = threading.Event()
        waited = []

        def first():
            with gate.enter():
                inside.set()
                release.wait(5)

        def second():
            with gate.enter():
                waited.append(True)

        t1 = threading.Thread(target=first)
        t1.start()
        assert inside.wait(5)
        t2 = threading.Thread(target=second)
        t2.start()
        # the second is admitted (waiting); give it a moment to take the waiting place
        for _ in range(100):
            if gate._admitted._value == 0:
                break
            threading.Event().wait(0.01)
        with pytest.raises(pdf.PdfBusy):
            with gate.enter():
                pass
        release.set()
        t1.join(5)
        t2.join(5)
        assert waited == [True]
        # and afterwards there is room again
        with gate.enter():
            pass

    def test_waiting_longer_than_the_limit_gives_busy(self):
        gate = pdf.Gate(slots=1, queue=1, wait=0.05)
        with gate.enter():
            result = []

            def other():
                try:
                    with gate.enter():
                        result.append("rendered")
                except pdf.PdfBusy:
                    result.append("busy")

            t = threading.Thread(target=other)
            t.start()
            t.join(5)
        assert result == ["busy"]

    def test_settings_rebuild_the_gate(self, settings):
        settings.ZV_PDF_CONCURRENCY = 3
        assert pdf.gate().slots == 3


MINIMAL_REPORT = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title></head>'
    "<body><h1>Proef</h1><p>Een regel tekst.</p></body></html>"
)


class TestRenderProcess:
    """The render runs in a process of its own at a lower CPU priority (reports.pdf)."""

    @pytest.fixture(autouse=True)
    def _fresh_pool(self):
        pdf.shutdown_render_processes()
        yield
        pdf.shutdown_render_processes()

    def test_in_another_process_at_a_lower_priority(self, settings):
        settings.ZV_PDF_NICE = 7
        executor = pdf._executor()
        assert executor.submit(os.getpid).result(timeout=60) != os.getpid()
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        theirs = executor.submit(os.getpriority, os.PRIO_PROCESS, 0).result(timeout=60)
        assert theirs == min(19, mine + 7)
        assert pdf.render_pdf(MINIMAL_REPORT).startswith(b"%PDF")

    def test_in_this_process_when_switched_off(self, settings):
        settings.ZV_PDF_PROCESS = False
        assert pdf.render_pdf(MINIMAL_REPORT).startswith(b"%PDF")
        assert pdf._pool is None

    def test_a_dead_render_process_gives_busy_once_and_is_replaced(self):
        executor = pdf._executor()
        executor.submit(os.getpid).result(timeout=60)  # started
        for process in list(executor._processes.values()):
            process.kill()
            process.join(10)
        with pytest.raises(pdf.PdfBusy):
            pdf.render_pdf(MINIMAL_REPORT)
        assert pdf.render_pdf(MINIMAL_REPORT).startswith(b"%PDF")
        assert pdf._executor() is not executor


class TestFetcher:
    def test_static_files_are_served(self):
        response = pdf._fetcher().fetch(pdf.BASE_URL + "static/css/report.css")
        assert b"@page" in response.read()

    def test_fonts_are_woff2(self):
        response = pdf._fetcher().fetch(
            pdf.BASE_URL + "static/fonts/fira-sans/fira-sans-latin-400-normal.woff2"
        )
        assert response.content_type == "font/woff2"
        assert response.read(4) == b"wOF2"

    @pytest.mark.parametrize(
        "url",
        [
            "https://example.org/x.css",
            "file:///etc/passwd",
            pdf.BASE_URL + "static/../../etc/passwd",
            pdf.BASE_URL + "media/upload.pdf",
            pdf.BASE_URL + "static/bestaat-niet.css",
        ],
    )
    def test_nothing_else(self, url):
        with pytest.raises(ValueError):
            pdf._fetcher().fetch(url)

    def test_data_uris(self):
        response = pdf._fetcher().fetch("data:text/plain;base64,aGFsbG8=")
        assert response.read() == b"hallo"


@pytest.mark.django_db
class TestIndex:
    def test_lists_reports_and_keeps_the_period_in_the_links(self, client, region, secretary):
        client.force_login(secretary)
        url = reverse("reports:index", kwargs={"region": region.slug})
        response = client.get(url, {"stand": "2026-10-01", "sinds": "2026-07-01"})
        html = response.content.decode()
        assert response.status_code == 200
        for spec in base.REGION_REPORTS:
            assert spec.title in html
        assert "werkagenda/pdf/?stand=2026-10-01&amp;sinds=2026-07-01" in html
        assert "Bespreekvoorstellen voor de Stamtafel" in html

    def test_bad_period_is_explained_next_to_the_field(self, client, region, secretary):
        client.force_login(secretary)
        url = reverse("reports:index", kwargs={"region": region.slug})
        response = client.get(url, {"stand": "2999-01-01"})
        assert response.status_code == 400
        assert "De stand per kan niet in de toekomst liggen." in response.content.decode()
        assert "werkagenda/pdf/?" not in response.content.decode()

    def test_national_readers_see_no_bespreekvoorstellen(self, client, region, vng_advisor):
        client.force_login(vng_advisor)
        response = client.get(reverse("reports:index", kwargs={"region": region.slug}))
        assert response.status_code == 200
        assert "Bespreekvoorstellen" not in response.content.decode()

    def test_region_navigation_links_to_reports(self, client, region, bestuurder):
        client.force_login(bestuurder)
        response = client.get(reverse("governance:region", kwargs={"region": region.slug}))
        assert reverse("reports:index", kwargs={"region": region.slug}) in response.content.decode()
