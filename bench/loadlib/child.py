"""The child-process entry points of the load test, run with Django set up against the load
database (``bench/load`` starts them): they are the only parts of ``bench.loadlib`` that import
Django."""

from __future__ import annotations

import json

BODIES = 5
MEETINGS = 3
ACTIONS = 40
NATIONAL_REGIONS = 10


def _recovery_codes(per_user: int = 64) -> dict[str, list[str]]:
    """One-time recovery codes for the personas that must give a second factor (the demo
    secretary): each load client signs in through the real verification page with a code of
    its own (a TOTP code may be used once per 30 s, and clients sign in at the same time)."""
    import secrets

    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    from accounts.twofactor import codes, policy
    from bench.loadlib.config import PERSONAS

    found = {}
    for user in get_user_model().objects.filter(username__in=[u for _p, u in PERSONAS]):
        if not policy.is_required(user):
            continue
        first = codes.new_recovery_codes(user)
        device = StaticDevice.objects.get(user=user)
        extra = {
            "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(8))
            for _ in range(per_user - len(first))
        }
        StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in extra)
        found[user.get_username()] = first + sorted(extra)
    return found


def discover_main() -> None:
    """Print, as JSON, the URLs of the workload for the demo region and the demo password.

    Runs with DJANGO_SETTINGS_MODULE and DATABASE_URL of the load database.
    """
    import django

    django.setup()
    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils import timezone

    from dashboard.demo.manifest import demo_password
    from governance.constants import ActionList
    from governance.models import Action, Body, Meeting, Region

    region = Region.objects.get(slug="nog")
    r = {"region": region.slug}
    bodies = list(
        Body.objects.filter(region=region, dissolved_on__isnull=True)
        .annotate(n=Count("memberships"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[:BODIES]
    )
    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(body__region=region, starts_at__gte=now)
        .order_by("starts_at")
        .values_list("pk", flat=True)[:MEETINGS]
    ) or list(
        Meeting.objects.filter(body__region=region)
        .order_by("-starts_at")
        .values_list("pk", flat=True)[:MEETINGS]
    )
    actions = list(
        Action.objects.filter(region=region)
        .filter(~Q(list=ActionList.GEREED))
        .order_by("pk")
        .values_list("pk", flat=True)[:ACTIONS]
    )
    regional = [
        ("regio", reverse("governance:region", kwargs=r)),
        ("gremia", reverse("governance:body_list", kwargs=r)),
        *(("gremium", reverse("governance:body", kwargs={**r, "pk": pk})) for pk in bodies),
        ("structuur", reverse("governance:structure", kwargs=r)),
        ("checklist", reverse("checklist:overview", kwargs=r)),
        ("werkagenda", reverse("governance:werkagenda", kwargs=r)),
        *(
            ("vergadervoorbereiding", reverse("meeting_preparation", kwargs={**r, "pk": pk}))
            for pk in meetings
        ),
        ("casusreflecties", reverse("casereflection:reflection_list", kwargs=r)),
    ]
    home = reverse("home")
    national = list(
        Region.objects.exclude(pk=region.pk).order_by("slug").values_list("slug", flat=True)
    )
    # The VNG advisor reads every region: the overview, checklist and werkagenda of the
    # others (the generated ones, when generate_national ran).
    national_pages = [
        (f"{name} (landelijk)", reverse(view, kwargs={"region": slug}))
        for slug in national[:NATIONAL_REGIONS]
        for name, view in [
            ("regio", "governance:region"),
            ("checklist", "checklist:overview"),
            ("werkagenda", "governance:werkagenda"),
        ]
    ]
    pages = {
        "secretaris": [("home (secretaris)", home), *regional],
        "bestuurder": [("home (bestuurder)", home), *regional],
        "deelnemer": [("home (deelnemer)", home), *regional],
        "vng": [
            ("home (vng)", home),
            ("vergelijking", reverse("checklist:comparison")),
            *regional,
            *national_pages,
        ],
    }
    pdfs = [
        ("werkagenda.pdf", reverse("reports:werkagenda_pdf", kwargs=r)),
        ("voortgang.pdf", reverse("reports:voortgang_pdf", kwargs=r)),
        ("structuur.pdf", reverse("reports:structuur_pdf", kwargs=r)),
        *(
            (
                "vergadervoorbereiding.pdf",
                reverse("reports:voorbereiding_pdf", kwargs={**r, "pk": pk}),
            )
            for pk in meetings[:1]
        ),
    ]
    edit_urls = [reverse("governance:action_progress", kwargs={**r, "pk": pk}) for pk in actions]
    counts = {
        "regions": Region.objects.count(),
        "bodies": Body.objects.count(),
        "actions": Action.objects.count(),
        "meetings": Meeting.objects.count(),
    }
    print(
        json.dumps(
            {
                "password": demo_password(),
                "recovery_codes": _recovery_codes(),
                "pages": pages,
                "pdfs": pdfs,
                "edit_urls": edit_urls,
                "counts": counts,
            }
        )
    )


def readback_main() -> None:
    """Read a JSON string (the run's note prefix) on stdin; print the texts of every stored
    action update that starts with it (one entry per row) as a JSON list."""
    import sys

    import django

    django.setup()
    from governance.models import ActionUpdate

    prefix = json.load(sys.stdin)
    texts = list(
        ActionUpdate.objects.filter(text__startswith=prefix).values_list("text", flat=True)
    )
    print(json.dumps(texts))
