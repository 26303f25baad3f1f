#!/usr/bin/env python3
"""Render one example of every report to PNG (first two pages) under docs/examples/.

Run against a database with the demo loaded (``make run`` once, or ``manage.py seed_demo``):

    .venv/bin/python scripts/report_examples.py

Each report is requested as a PDF through the application (as the demo user who would
download it) and turned into PNG with poppler's ``pdftoppm`` as ``<report>-p1.png`` and
``<report>-p2.png``; the PDF itself is not kept.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zv_portal.settings")

RESOLUTION = 70  # dpi: an A4 page becomes about 580 × 820 pixels


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from casereflection.models import CaseReflection
    from governance.models import Meeting, Region

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        print("pdftoppm ontbreekt: apt-get install poppler-utils", file=sys.stderr)
        return 1
    region = Region.objects.get(slug="nog")
    reflection = (
        CaseReflection.objects.filter(region=region)
        .exclude(proposal="")
        .order_by("-year", "-quarter")
        .first()
    )
    # the bestuurder's next meeting that already has an agenda
    meeting = (
        Meeting.objects.in_region(region)
        .filter(
            starts_at__gte=timezone.now(),
            body__memberships__person__user__username="demo-bestuurder",
            items__isnull=False,
        )
        .distinct()
        .order_by("starts_at")
        .first()
    )
    examples = [
        (
            "werkagenda",
            "demo-secretaris",
            reverse("reports:werkagenda_pdf", kwargs={"region": "nog"}),
        ),
        (
            "voortgangsrapportage",
            "demo-bestuurder",
            reverse("reports:voortgang_pdf", kwargs={"region": "nog"}),
        ),
        (
            "structuuroverzicht",
            "demo-secretaris",
            reverse("reports:structuur_pdf", kwargs={"region": "nog"}),
        ),
        (
            "bespreekvoorstel",
            "demo-secretaris",
            reverse("reports:bespreekvoorstel_pdf", kwargs={"region": "nog", "pk": reflection.pk}),
        ),
        (
            "vergadervoorbereiding",
            "demo-bestuurder",
            reverse("reports:voorbereiding_pdf", kwargs={"region": "nog", "pk": meeting.pk}),
        ),
    ]
    out = ROOT / "docs" / "examples"
    out.mkdir(parents=True, exist_ok=True)
    User = get_user_model()
    for name, username, url in examples:
        client = Client()
        client.force_login(User.objects.get(username=username))
        response = client.get(url)
        if response.status_code != 200:
            print(f"{name}: {response.status_code}", file=sys.stderr)
            return 1
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(response.content)
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    str(RESOLUTION),
                    "-f",
                    "1",
                    "-l",
                    "2",
                    str(pdf),
                    f"{tmp}/p",
                ],
                check=True,
            )
            # pdftoppm pads the page number to the page count's width (p-1 or p-01)
            pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1]))
            for number, page in enumerate(pages, start=1):
                shutil.move(page, out / f"{name}-p{number}.png")
        print(f"{name}: {len(pages)} pagina's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
