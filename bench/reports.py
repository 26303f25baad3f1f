"""Benchmarks of the printed reports (issue 7), used by ``bench/run``.

``werkagenda_200``: the werkagenda report of a region with 200 actions, requested as a PDF
through the whole Django stack (login session, permission, queries, template, WeasyPrint),
against the baseline of WeasyPrint rendering the very same saved HTML with the same fetcher
and options in the same run. The ratio is what our code adds on top of the PDF engine.

``verslag_20``: the verslag (minutes) of a meeting with 20 decided agenda items (verslag
text, a created action each, attendance), as PDF through the whole stack, against WeasyPrint on
the same saved HTML — the same comparison as ``werkagenda_200``.

``largest_report``: every region report of the biggest region in the database, as PDF; the
slowest one is reported with its page count and the peak resident memory it added.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

REPEAT = 5


def _paired_medians(first, second, repeat: int = REPEAT) -> tuple[float, float]:
    """Median seconds of two calls measured alternately (after one warm-up each), so that
    drift of the machine (other load, CPU frequency) affects both alike."""
    first()
    second()
    a, b = [], []
    for _ in range(repeat):
        for call, samples in ((first, a), (second, b)):
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
    return statistics.median(a), statistics.median(b)


@transaction.atomic
def top_up_actions(region, total: int, seed: int = 7) -> int:
    """Give ``region`` ``total`` actions: copies of its own actions' shape (theme, trekker,
    list, coalition) with a log, made in bulk (no history is needed for a benchmark)."""
    from governance.constants import ActionList, ActionUpdateKind
    from governance.models import Action, ActionUpdate

    existing = list(Action.objects.filter(region=region).prefetch_related("coalition"))
    missing = total - len(existing)
    if missing <= 0 or not existing:
        return len(existing)
    rng = random.Random(seed)
    today = timezone.localdate()
    new = []
    for n in range(missing):
        model = rng.choice(existing)
        new.append(
            Action(
                region=region,
                title=f"{model.title} ({n + 1})",
                description=model.description,
                theme_id=model.theme_id,
                list=model.list,
                list_since=today - timedelta(days=rng.randint(0, 200)),
                closed_reason=model.closed_reason,
                importance=model.importance,
                feasibility=model.feasibility,
                impact=model.impact,
                trekker_id=model.trekker_id,
                owner_id=model.owner_id,
                owning_body_id=model.owning_body_id,
                due_date=model.due_date,
                origin=model.origin,
                created_on=today - timedelta(days=rng.randint(200, 400)),
            )
        )
    created = Action.objects.bulk_create(new)
    through = Action.coalition.through
    links, updates = [], []
    by_title = {a.title: a for a in existing}
    for action in created:
        model = by_title[action.title.rsplit(" (", 1)[0]]
        links.extend(
            through(action_id=action.pk, organisation_id=o.pk) for o in model.coalition.all()
        )
        updates.append(
            ActionUpdate(
                action=action,
                date=action.created_on,
                kind=ActionUpdateKind.AANGEMAAKT,
                to_list=ActionList.VOORRAAD,
            )
        )
        if action.list != ActionList.VOORRAAD:
            updates.append(
                ActionUpdate(
                    action=action,
                    date=action.list_since,
                    kind=ActionUpdateKind.VERPLAATSING,
                    from_list=ActionList.VOORRAAD,
                    to_list=action.list,
                    text="Opgepakt door de trekker.",
                )
            )
    through.objects.bulk_create(links)
    ActionUpdate.objects.bulk_create(updates)
    return total


def fill_regions(region, total: int) -> int:
    """Until the national generator exists (issue 8): ``total`` regions in the database, the
    others copies of ``region``'s register made through the region import (structure only:
    bodies, mandates, members, relations — no werkagenda, checklist or reflections)."""
    from core.history import acting_as, get_system_user
    from governance.exchange import dump_region_json, import_region
    from governance.models import Region

    document = dump_region_json(region)
    user = get_system_user()
    count = Region.objects.count()
    with acting_as(user):
        while count < total:
            count += 1
            import_region(
                data=document, user=user, slug=f"bench-{count}", name=f"Benchregio {count}"
            )
    return count


def _client(username: str) -> Client:
    from bench.pages import signed_in_client

    return signed_in_client(get_user_model().objects.get(username=username))


def werkagenda_pdf_ratio(region, username: str) -> dict:
    """Full request vs WeasyPrint alone on the same HTML."""
    url = reverse("reports:werkagenda_pdf", kwargs={"region": region.slug})
    return {"name": "pdf.werkagenda_200_actions", **_pdf_ratio(url, username)}


@transaction.atomic
def meeting_with_items(region, items: int = 20):
    """A held meeting of ``region``'s first body with ``items`` decided items (outcome, verslag
    text, an action created by each decision) and the body's members present."""
    from governance.constants import ActionOrigin, AgendaItemKind, AttendanceStatus, MeetingStatus
    from governance.models import Action, AgendaItem, Attendance, Body, Meeting

    body = Body.objects.filter(region=region).order_by("pk").first()
    meeting = Meeting.objects.create(
        body=body,
        title="Benchvergadering",
        starts_at=timezone.now() - timedelta(days=3),
        status=MeetingStatus.GEHOUDEN,
    )
    for n in range(items):
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=n + 1,
            title=f"Agendapunt {n + 1}",
            kind=AgendaItemKind.BESLUITEN,
            outcome=f"Besloten: voorstel {n + 1} aangenomen, met de aanvulling uit de bespreking.",
            minutes_text="De leden bespraken het voorstel en de gevolgen voor de partners. " * 3,
        )
        Action.objects.create(
            region=region,
            title=f"Uitwerken voorstel {n + 1}",
            origin=ActionOrigin.VERGADERBESLUIT,
            origin_agenda_item=item,
            owning_body=body,
            due_date=timezone.localdate() + timedelta(days=60),
        )
    for membership in body.memberships.all()[:30]:
        Attendance.objects.create(
            meeting=meeting, membership=membership, status=AttendanceStatus.AANWEZIG
        )
    return meeting


def verslag_pdf_ratio(region, username: str, items: int = 20) -> dict:
    """The verslag PDF of a meeting with ``items`` items: full request vs WeasyPrint alone."""
    meeting = meeting_with_items(region, items)
    url = reverse("reports:verslag_pdf", kwargs={"region": region.slug, "pk": meeting.pk})
    result = _pdf_ratio(url, username)
    return {"name": f"pdf.verslag_{items}_items", **result}


def _pdf_ratio(url: str, username: str) -> dict:
    import dashboard.reports.views as report_views
    from dashboard.reports import pdf

    client = _client(username)
    captured = {}
    original = report_views.render_pdf

    def capture(html):
        captured["html"] = html
        return original(html)

    report_views.render_pdf = capture
    try:
        response = client.get(url)
    finally:
        report_views.render_pdf = original
    assert response.status_code == 200, response.status_code
    html = captured["html"]

    def full():
        assert client.get(url).status_code == 200

    def engine_only():
        from weasyprint import HTML

        HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf._fetcher()).write_pdf(
            pdf_variant=pdf.PDF_VARIANT
        )

    value, baseline = _paired_medians(full, engine_only)
    return {
        "value": round(value, 3),
        "unit": "s",
        "baseline": round(baseline, 3),
        "baseline_name": "WeasyPrint op dezelfde opgeslagen HTML",
        "ratio": round(value / baseline, 3),
        "goal": "<= 1.3",
        "ok": value / baseline <= 1.3,
    }


def largest_report(region, username: str) -> dict:
    """The slowest region report of ``region`` as PDF, with its pages and memory."""
    import resource

    from pypdf import PdfReader

    client = _client(username)
    timings = []
    for name in ("werkagenda_pdf", "voortgang_pdf", "structuur_pdf"):
        url = reverse(f"reports:{name}", kwargs={"region": region.slug})
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        assert response.status_code == 200, (name, response.status_code)
        import io

        pages = len(PdfReader(io.BytesIO(response.content)).pages)
        timings.append((seconds, name, pages, rss_after, rss_after - rss_before))
    seconds, name, pages, peak, grown = max(timings)
    return {
        "name": f"pdf.largest_report.{name.removesuffix('_pdf')}",
        "value": round(seconds, 3),
        "unit": "s",
        "baseline": None,
        "ratio": None,
        "goal": "informatief",
        "pages": pages,
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_growth_mb": round(grown / 1024, 1),
        "all": {n.removesuffix("_pdf"): round(s, 3) for s, n, *_ in timings},
    }
