"""The national-scale data generator (``manage.py generate_national``, bench/national/).

Small runs (``--regions 2``) with a fixed anchor date. No test here measures time: the load
time of ``--scale 1`` is a figure for the benchmark, not a test.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from casereflection.constants import ReflectionStatus
from casereflection.models import CaseReflection, Conclusion
from checklist.models import Assessment, Framework, Snapshot, SnapshotScore
from core.models import RoleAssignment
from governance.constants import (
    ActionList,
    ActionUpdateKind,
    BodyStatus,
    Level,
    MembershipRole,
    Office,
)
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    BodyRelation,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionTheme,
    Theme,
)
from governance.services.werkagenda import list_rule_errors
from tests.factories import RegionFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

ANCHOR = date(2025, 11, 20)
GENERATED = {"region__slug__startswith": "nat-"}


def generate(*args: str) -> str:
    out = StringIO()
    call_command(
        "generate_national", "--regions", "2", "--anchor", ANCHOR.isoformat(), *args, stdout=out
    )
    return out.getvalue()


def regions():
    return list(Region.objects.filter(slug__startswith="nat-").order_by("slug"))


def fingerprint() -> tuple:
    """Names, counts and status distributions of everything generated (no ids, no times)."""
    parts = []
    for region in regions():
        parts.append(
            (
                region.slug,
                region.name,
                region.collaboration_model,
                tuple(region.sub_regions.values_list("name", flat=True)),
                tuple(
                    region.municipalities.order_by("name").values_list("name", "sub_region__name")
                ),
                tuple(Person.objects.filter(region=region).order_by("name").values_list("name")),
                tuple(region.bodies.order_by("name").values_list("name", "status", "level")),
                Membership.objects.filter(body__region=region).count(),
                Mandate.objects.filter(body__region=region).count(),
                BodyRelation.objects.filter(source__region=region).count(),
                tuple(region.actions.order_by("title", "list").values_list("title", "list")),
                ActionUpdate.objects.filter(action__region=region).count(),
                Meeting.objects.filter(body__region=region).count(),
                AgendaItem.objects.filter(meeting__body__region=region).count(),
                tuple(sorted(Counter(region.assessments.values_list("status", flat=True)).items())),
                tuple(
                    sorted(
                        Counter(
                            SnapshotScore.objects.filter(snapshot__region=region).values_list(
                                "snapshot__date", "status"
                            )
                        ).items()
                    )
                ),
                tuple(region.reflections.order_by("year", "quarter").values_list("status")),
                Conclusion.objects.filter(reflection__region=region).count(),
            )
        )
    return tuple(parts)


# --- sizes -------------------------------------------------------------------------------------


def test_counts_per_region_are_within_the_stated_ranges():
    generate()
    generated = regions()
    assert [r.slug for r in generated] == ["nat-001", "nat-002"]
    assert len({r.name for r in generated}) == 2
    # 342 municipalities per 25 regions: 27 for two.
    assert Municipality.objects.filter(**GENERATED).count() == round(342 * 2 / 25)
    priority = set(Theme.objects.filter(national_priority=True))
    framework = Framework.current()
    items = framework.items.count()
    per_gemeente = framework.items.filter(per_municipality=True).count()
    two_years_ago = ANCHOR - timedelta(days=731)

    for region in generated:
        municipalities = list(region.municipalities.all())
        assert 2 <= region.sub_regions.count() <= 5
        assert 6 <= len(municipalities) <= 25
        assert all(m.sub_region_id for m in municipalities)

        bodies = list(region.bodies.all())
        assert 12 <= len(bodies) <= 30
        assert {b.level for b in bodies} == set(Level.values)
        assert any(b.status == BodyStatus.OPGEHEVEN and b.dissolved_on < ANCHOR for b in bodies)
        main = region.bodies.get(kind__in=["stamtafel", "bnt"])
        assert main.decision_power == "besluitvormend" and main.mandates.exists()
        memberships = Membership.objects.filter(body__region=region)
        assert memberships.filter(end__lte=ANCHOR).exists()  # some seats ended
        offices = Counter(Person.objects.filter(region=region).values_list("office", flat=True))
        assert offices[Office.BURGEMEESTER] >= len(municipalities)
        assert offices[Office.WETHOUDER] >= len(municipalities)
        assert offices[Office.PARTNER_BESTUURDER] and offices[Office.AMBTELIJK]
        assert memberships.filter(person__office=Office.BURGEMEESTER).exists()
        assert memberships.filter(role=MembershipRole.NETWERKSECRETARIS).exists()
        assert BodyRelation.objects.filter(source__region=region).exists()
        assert Organisation.objects.filter(region=region).exists()
        assert region.partners.filter(region=None).exists()  # national organisations reused

        themes = set(t.theme for t in RegionTheme.objects.filter(region=region))
        assert priority <= themes and 1 <= len(themes - priority) <= 3
        assert Knelpunt.objects.filter(region=region).count() >= len(themes) * 2

        actions = region.actions.all()
        assert 135 <= actions.count() <= 165
        assert set(actions.values_list("list", flat=True)) == set(ActionList.values)
        updates = ActionUpdate.objects.filter(action__region=region)
        assert set(updates.values_list("kind", flat=True)) == set(ActionUpdateKind.values)
        assert updates.filter(date__lt=ANCHOR - timedelta(days=365)).exists()
        assert not updates.filter(date__gt=ANCHOR).exists()

        meetings = Meeting.objects.filter(body__region=region)
        assert meetings.filter(starts_at__date__lte=two_years_ago + timedelta(days=120)).exists()
        assert meetings.filter(status="gepland", starts_at__date__gt=ANCHOR).exists()
        assert AgendaItem.objects.filter(meeting__body__region=region).count() > meetings.count()

        assert region.assessments.count() == items + per_gemeente * len(municipalities)
        assert region.snapshots.count() == 4

        reflections = list(region.reflections.all())
        assert len(reflections) == 12
        statuses = Counter(r.status for r in reflections)
        assert statuses[ReflectionStatus.OPGEVOLGD] >= 6
        assert len({(r.year, r.quarter) for r in reflections}) == 12
        assert len({r.sub_region_id for r in reflections}) == region.sub_regions.count()


# --- rules -------------------------------------------------------------------------------------


def _clean_all(queryset) -> list[str]:
    problems = []
    for obj in queryset:
        try:
            obj.full_clean()
        except ValidationError as error:
            problems.append(f"{type(obj).__name__} {obj}: {error}")
    return problems


def test_generated_data_satisfies_the_model_rules():
    generate()
    problems = []
    for queryset in (
        Region.objects.filter(slug__startswith="nat-"),
        Municipality.objects.filter(**GENERATED).select_related("sub_region"),
        Person.objects.filter(**GENERATED).select_related("organisation"),
        Body.objects.filter(**GENERATED),
        Mandate.objects.filter(body__region__slug__startswith="nat-").select_related(
            "body", "organisation"
        ),
        Membership.objects.filter(body__region__slug__startswith="nat-").select_related(
            "body", "person", "organisation", "municipality", "on_behalf_of_body"
        ),
        BodyRelation.objects.filter(source__region__slug__startswith="nat-").select_related(
            "source", "target"
        ),
        Knelpunt.objects.filter(**GENERATED),
        Action.objects.filter(**GENERATED).select_related("trekker__body", "owning_body", "owner"),
        Meeting.objects.filter(body__region__slug__startswith="nat-").select_related("body"),
        Assessment.objects.filter(**GENERATED).select_related("item", "municipality", "owner"),
        CaseReflection.objects.filter(**GENERATED).select_related("sub_region", "facilitator"),
        Conclusion.objects.filter(reflection__region__slug__startswith="nat-").select_related(
            "reflection", "agenda_item__meeting__body", "assignee_body", "contact_administrator"
        ),
    ):
        problems += _clean_all(queryset)
    assert problems == []

    memberships = Membership.objects.filter(body__region__slug__startswith="nat-")
    assert not [m for m in memberships.exclude(end=None) if m.start and m.end <= m.start]

    # Every action on the actielijst meets the list rules today: a current administrator as
    # trekker, an active owning body, a coalition.
    on_list = Action.objects.filter(list=ActionList.ACTIE, **GENERATED).select_related(
        "trekker__person", "trekker__body", "owning_body"
    )
    assert on_list.exists()
    for action in on_list.prefetch_related("coalition"):
        assert action.trekker_id is not None
        assert list_rule_errors(action, coalition=list(action.coalition.all()), on=ANCHOR) == {}
    assert not Action.objects.filter(list=ActionList.GEREED, closed_reason="", **GENERATED)

    # Per-gemeente items are assessed per municipality; others never are.
    assessments = Assessment.objects.filter(**GENERATED)
    assert assessments.filter(item__per_municipality=True, municipality__isnull=False).exists()
    assert not assessments.filter(item__per_municipality=False, municipality__isnull=False)

    # Every peilmoment has the scores snapshot_freeze would have given it.
    items = Framework.current().items
    for snapshot in Snapshot.objects.filter(**GENERATED):
        region = snapshot.region
        expected = items.count() + items.filter(per_municipality=True).count() * (
            region.municipalities.count()
        )
        assert snapshot.scores.count() == expected
        assert snapshot.date < ANCHOR

    # Statuses improve over time (never back) from the first peilmoment to the live state.
    for region in regions():
        first, *_rest, last = region.snapshots.order_by("date")
        order = ["niet_gestart", "verkend", "in_ontwikkeling", "gerealiseerd", "geborgd"]
        rank = {s.code: order.index(s.status) for s in first.scores.filter(municipality=None)}
        later = {s.code: order.index(s.status) for s in last.scores.filter(municipality=None)}
        assert all(later[code] >= rank[code] for code in rank)
        assert sum(later.values()) > sum(rank.values())

    # Conclusions: on a Stamtafel agenda item of the region, with the action they produced.
    conclusions = Conclusion.objects.filter(reflection__region__slug__startswith="nat-")
    assert conclusions.exists()
    for conclusion in conclusions.select_related(
        "agenda_item__meeting__body", "action", "reflection"
    ):
        assert conclusion.agenda_item.meeting.body.kind in ("stamtafel", "bnt")
        assert conclusion.action.origin == "casusreflectie"
        assert conclusion.action.origin_agenda_item_id == conclusion.agenda_item_id
        assert conclusion.reflection.status in (
            ReflectionStatus.GECONCLUDEERD,
            ReflectionStatus.OPGEVOLGD,
        )


# --- determinism and --replace -------------------------------------------------------------


def test_same_seed_same_data_other_seed_other_data_and_replace():
    own = RegionFactory(name="Eigen regio", slug="eigen")
    generate("--seed", "5")
    first = fingerprint()
    region = regions()[0]
    RoleFactory(user=UserFactory(username="sec-nat"), role="secretary", region=region)

    with pytest.raises(CommandError, match="--replace"):
        generate("--seed", "5")
    assert fingerprint() == first

    generate("--seed", "5", "--replace")
    assert fingerprint() == first  # a clean regeneration: the same data
    connection.check_constraints()  # nothing left pointing at the deleted regions
    assert not RoleAssignment.objects.filter(region__slug__startswith="nat-").exists()
    assert Region.objects.filter(pk=own.pk).exists()  # only generated regions are replaced

    generate("--seed", "6", "--replace")
    assert fingerprint() != first
    assert len(regions()) == 2
    # National organisations are reused, not created again.
    assert Organisation.objects.filter(region=None, name="Openbaar Ministerie").count() == 1


def test_scale_ten_starts_with_the_regions_of_scale_one():
    """Planning only (no database writes): names distinct at scale 10, 342 per 25 regions."""
    from bench.national.generate import plan_regions

    one, ten = plan_regions(1, 25, set()), plan_regions(1, 250, set())
    assert ten[:25] == one
    assert sum(len(municipalities) for _n, _s, municipalities in ten) == 3420
    assert len({name for name, _s, _m in ten}) == 250
    assert len({m for _n, _s, municipalities in ten for m in municipalities}) == 3420
    assert all(2 <= len(subs) <= 5 and 6 <= len(m) <= 25 for _n, subs, m in ten)


# --- pages -------------------------------------------------------------------------------------


def test_generated_regions_are_visible_nationally_and_compared(client, vng_advisor):
    generate()
    generated = regions()
    assert set(generated) <= set(Region.objects.visible_to(vng_advisor))
    client.force_login(vng_advisor)
    response = client.get(reverse("checklist:comparison"))
    assert response.status_code == 200
    rows = {row.region: row for row in response.context["rows"]}
    for region in generated:
        assert region in rows
        # From the latest peilmoment: every item has a status.
        assert all(cell.status for cell in rows[region].cells)


def test_main_pages_of_a_generated_region_render_for_its_secretary(client):
    generate()
    region = regions()[0]
    user = UserFactory(username="secretaris-nat")
    RoleFactory(user=user, role="secretary", region=region)
    client.force_login(user)
    main = region.bodies.get(kind__in=["stamtafel", "bnt"])
    kwargs = {"region": region.slug}
    for url in (
        reverse("governance:region", kwargs=kwargs),
        reverse("governance:body", kwargs={**kwargs, "pk": main.pk}),
        reverse("governance:werkagenda", kwargs=kwargs),
        reverse("checklist:overview", kwargs=kwargs),
        reverse("casereflection:reflection_list", kwargs=kwargs),
    ):
        assert client.get(url).status_code == 200, url


def test_console_shows_progress_and_a_summary():
    output = generate()
    assert "Regio 1/2" in output and "Regio 2/2" in output
    assert "Klaar: 2 regio's" in output
    assert "acties:" in output and "peilmomenten: 8" in output
