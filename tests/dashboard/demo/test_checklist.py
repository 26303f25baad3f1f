"""The checklist of the demo regions (the part ``checklist`` of demo/*.region.json):
assessments, per-gemeente scores and two peilmomenten a year apart; a second run adds
nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from checklist.constants import REALISED, Status
from checklist.models import Assessment, Framework, Snapshot, SnapshotScore
from governance.constants import MembershipRole
from governance.models import Membership, Municipality, Region

from .conftest import seed

pytestmark = pytest.mark.django_db


def state() -> dict:
    return {
        "assessments": sorted(
            Assessment.objects.values_list(
                "region__slug", "code", "municipality__name", "status", "version"
            ),
            key=str,
        ),
        "history": Assessment.history.count(),
        "links": (
            Assessment.bodies.through.objects.count(),
            Assessment.mandates.through.objects.count(),
            Assessment.actions.through.objects.count(),
        ),
        "snapshots": sorted(Snapshot.objects.values_list("region__slug", "date", "frozen_at")),
        "scores": SnapshotScore.objects.count(),
    }


@pytest.mark.parametrize("slug", ["nog", "voorbeeld"])
def test_every_item_assessed_at_region_level(seeded, slug):
    codes = set(Framework.current().items.values_list("code", flat=True))
    assert len(codes) == 34
    region_level = Assessment.objects.filter(region__slug=slug, municipality=None)
    assert set(region_level.values_list("code", flat=True)) == codes
    for assessment in region_level.select_related("owner", "item", "region"):
        assessment.full_clean()
        assert assessment.evidence
        assert assessment.owner is not None
        assert assessment.next_review_on and assessment.next_review_on >= assessment.assessed_on
    # The owner is the region's netwerksecretaris.
    owner = region_level.first().owner
    assert Membership.objects.filter(
        person=owner, role=MembershipRole.NETWERKSECRETARIS, body__region__slug=slug
    ).exists()


def test_nog_is_further_along_than_voorbeeld(seeded):
    def realised(slug):
        return Assessment.objects.filter(
            region__slug=slug, municipality=None, status__in=REALISED
        ).count()

    assert realised("nog") > realised("voorbeeld") + 5
    statuses = set(Assessment.objects.filter(municipality=None).values_list("status", flat=True))
    assert statuses == set(Status.values)


@pytest.mark.parametrize("slug", ["nog", "voorbeeld"])
def test_evidence_links_and_overdue_reviews(seeded, slug):
    assessments = Assessment.objects.filter(region__slug=slug, municipality=None)
    assert assessments.filter(bodies__isnull=False).distinct().count() >= 3
    assert assessments.filter(actions__isnull=False).exists()
    region = Region.objects.get(slug=slug)
    for assessment in assessments.prefetch_related("bodies", "mandates__body", "actions"):
        assert {b.region_id for b in assessment.bodies.all()} <= {region.pk}
        assert {m.body.region_id for m in assessment.mandates.all()} <= {region.pk}
        assert {a.region_id for a in assessment.actions.all()} <= {region.pk}
    today = timezone.localdate()
    assert assessments.filter(next_review_on__lt=today).exists()  # overdue
    assert assessments.filter(next_review_on__gt=today).exists()


@pytest.mark.parametrize("slug", ["nog", "voorbeeld"])
def test_per_gemeente_outcome_scores(seeded, slug):
    region = Region.objects.get(slug=slug)
    municipalities = Municipality.objects.filter(region=region).count()
    per_gemeente = Framework.current().items.filter(per_municipality=True)
    assert per_gemeente.count() == 3
    for item in per_gemeente:
        scores = Assessment.objects.filter(
            region=region, code=item.code, municipality__isnull=False
        )
        assert scores.count() == municipalities
        assert scores.values("status").distinct().count() >= 2, item.code
    assert not Assessment.objects.filter(
        region=region, municipality__isnull=False, item__per_municipality=False
    ).exists()


@pytest.mark.parametrize("slug", ["nog", "voorbeeld"])
def test_two_peilmomenten_a_year_apart(seeded, slug):
    today = timezone.localdate()
    old, recent = Snapshot.objects.filter(region__slug=slug).order_by("date")
    assert 360 <= (recent.date - old.date).days <= 366
    assert today - timedelta(days=60) <= recent.date < today
    assert timezone.localdate(old.frozen_at) == old.date
    # Region-level scores for every item, plus the per-gemeente ones.
    municipalities = Municipality.objects.filter(region__slug=slug).count()
    for snapshot in (old, recent):
        assert snapshot.scores.filter(municipality=None).count() == 34
        assert snapshot.scores.exclude(municipality=None).count() == 3 * municipalities

    # The later peilmoment shows progress and equals the live state.
    def rank_sum(snapshot):
        ranks = {s: i for i, s in enumerate(Status.values)}
        return sum(ranks[s] for s in snapshot.scores.values_list("status", flat=True))

    assert rank_sum(recent) > rank_sum(old)
    live = dict(
        Assessment.objects.filter(region__slug=slug, municipality=None).values_list(
            "code", "status"
        )
    )
    assert dict(recent.scores.filter(municipality=None).values_list("code", "status")) == live
    # An assessment's history starts on the day it was made; the peilmomenten keep the
    # earlier states.
    assessment = Assessment.objects.get(region__slug=slug, code="I1", municipality=None)
    created = assessment.history.earliest("history_date")
    assert timezone.localdate(created.history_date) == assessment.assessed_on


def test_second_run_adds_nothing(demo_settings):
    first = seed()
    before = state()
    assert before["snapshots"] and before["assessments"]
    second = seed()
    assert state() == before
    assert "beoordelingen" in first and "peilmomenten" in first
    assert "niets gewijzigd" in second


def test_a_region_with_own_assessments_is_left_alone(demo_settings):
    """A region that exists is never loaded again, also when its checklist was changed."""
    seed()
    Snapshot.objects.filter(region__slug="voorbeeld").delete()
    Assessment.objects.filter(region__slug="voorbeeld").exclude(code="I1").delete()
    seed()
    assert Assessment.objects.filter(region__slug="voorbeeld").count() == 1
    assert not Snapshot.objects.filter(region__slug="voorbeeld").exists()
