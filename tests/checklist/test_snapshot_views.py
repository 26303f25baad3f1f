"""Peilmomenten pages: list, freezing, one peilmoment, comparison; rights and query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from checklist.models import Assessment, Framework, Snapshot
from checklist.services.snapshots import snapshot_freeze
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(name, region, **kwargs):
    return reverse(f"checklist:{name}", kwargs={"region": region.slug, **kwargs})


def assess(region, code, status, municipality=None):
    item = Framework.current().items.get(code=code)
    return Assessment.objects.create(
        region=region, item=item, status=status, municipality=municipality
    )


def freeze(region, days_ago=0, user=None, note=""):
    return snapshot_freeze(
        region=region, date=TODAY - timedelta(days=days_ago), note=note, user=user
    )


# --- list ----------------------------------------------------------------------------------


def test_list_shows_peilmomenten_chart_table_and_button_for_secretary(client, region, secretary):
    assess(region, "I1", "gerealiseerd")
    freeze(region, days_ago=7, user=secretary, note="Stamtafel april")
    freeze(region, user=secretary)
    client.force_login(secretary)
    response = client.get(url("snapshot_list", region))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stamtafel april" in html
    assert "Peilmoment vastleggen" in html
    assert 'role="img"' in html and "<desc" in html
    assert "dezelfde gegevens als de grafiek" in html
    assert 'name="van"' in html and 'name="tot"' in html


def test_list_without_button_for_bestuurder_and_empty_state(client, region, bestuurder):
    client.force_login(bestuurder)
    html = client.get(url("snapshot_list", region)).content.decode()
    assert "Peilmoment vastleggen" not in html
    assert "nog geen peilmoment vastgelegd" in html


# --- freezing ------------------------------------------------------------------------------


def test_add_form_defaults_to_today_and_warns(client, region, secretary):
    client.force_login(secretary)
    response = client.get(url("snapshot_add", region))
    html = response.content.decode()
    assert f'value="{TODAY:%Y-%m-%d}"' in html
    assert "kan achteraf niet worden gewijzigd" in html


def test_add_freezes_and_redirects(client, region, secretary):
    assess(region, "I3", "verkend")
    client.force_login(secretary)
    response = client.post(
        url("snapshot_add", region), {"date": TODAY.isoformat(), "note": "Jaarmoment"}
    )
    snapshot = Snapshot.objects.get(region=region)
    assert response.status_code == 302
    assert response["Location"] == url("snapshot", region, obj=snapshot.pk)
    assert snapshot.frozen_by == secretary and snapshot.note == "Jaarmoment"
    assert snapshot.scores.get(code="I3").status == "verkend"


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (TODAY + timedelta(days=1), "niet in de toekomst"),
        (TODAY - timedelta(days=2), "Er is al een peilmoment op"),
        ("gisteren", "geldige datum"),
    ],
)
def test_add_refusals_appear_next_to_the_date(client, region, secretary, date, message):
    freeze(region, days_ago=2)
    client.force_login(secretary)
    response = client.post(url("snapshot_add", region), {"date": str(date), "note": ""})
    assert response.status_code == 400
    assert message in response.context["form"].errors["date"][0]
    assert Snapshot.objects.filter(region=region).count() == 1


def test_add_is_refused_without_the_right(client, region, bestuurder, participant):
    for user in (bestuurder, participant):
        client.force_login(user)
        response = client.post(url("snapshot_add", region), {"date": TODAY.isoformat()})
        assert response.status_code == 403
    assert not Snapshot.objects.exists()


def test_other_secretary_gets_404(client, region, other_secretary):
    snapshot = freeze(region)
    client.force_login(other_secretary)
    for target in (
        url("snapshot_list", region),
        url("snapshot_add", region),
        url("snapshot", region, obj=snapshot.pk),
        url("snapshot_compare", region),
    ):
        assert client.get(target).status_code == 404


# --- one peilmoment ------------------------------------------------------------------------


def test_detail_shows_scores_by_stage_and_per_gemeente(client, region, bestuurder):
    municipality = MunicipalityFactory(region=region, name="Doetinchem")
    assess(region, "M6", "gerealiseerd")
    assess(region, "U3", "geborgd", municipality=municipality)
    snapshot = freeze(region, note="Na de herinrichting")
    client.force_login(bestuurder)
    html = client.get(url("snapshot", region, obj=snapshot.pk)).content.decode()
    assert "Na de herinrichting" in html
    assert "Mechanismen" in html and "Minder of eenvoudiger overleg" in html
    assert "Doetinchem" in html
    assert "1 van 1 beoordeelde gemeenten gerealiseerd of beter" in html


def test_an_imported_peilmoment_names_who_froze_it_by_text(client, region, bestuurder):
    snapshot = Snapshot.objects.create(
        region=region, framework=Framework.current(), date=TODAY, frozen_by_name="Anne Elders"
    )
    client.force_login(bestuurder)
    assert "Anne Elders" in client.get(url("snapshot", region, obj=snapshot.pk)).content.decode()
    assert "Anne Elders" in client.get(url("snapshot_list", region)).content.decode()


def test_detail_of_another_regions_peilmoment_is_404(client, region, other_region, secretary):
    foreign = freeze(other_region)
    client.force_login(secretary)
    assert client.get(url("snapshot", region, obj=foreign.pk)).status_code == 404


# --- comparison ----------------------------------------------------------------------------


def test_compare_without_params_shows_the_choice(client, region, secretary):
    freeze(region, days_ago=3)
    freeze(region)
    client.force_login(secretary)
    html = client.get(url("snapshot_compare", region)).content.decode()
    assert 'name="van"' in html
    assert "gestegen" not in html


def test_compare_lists_moves(client, region, participant):
    i4 = assess(region, "I4", "verkend")
    m1 = assess(region, "M1", "geborgd")
    old = freeze(region, days_ago=100)
    i4.status = "gerealiseerd"
    i4.save()
    m1.status = "verkend"
    m1.save()
    new = freeze(region)
    client.force_login(participant)
    response = client.get(url("snapshot_compare", region), {"van": old.pk, "tot": new.pk})
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert (comparison["up"], comparison["down"], comparison["unchanged"]) == (1, 1, 32)
    html = response.content.decode()
    assert "Thema&#x27;s gekozen met een afwegingskader" in html or "afwegingskader" in html
    assert "2 stappen" in html and "3 stappen" in html


def test_compare_the_same_peilmoment_twice_is_a_form_error(client, region, secretary):
    snapshot = freeze(region)
    freeze(region, days_ago=1)
    client.force_login(secretary)
    response = client.get(url("snapshot_compare", region), {"van": snapshot.pk, "tot": snapshot.pk})
    assert response.status_code == 200
    assert "comparison" not in response.context
    assert "Kies twee verschillende peilmomenten" in response.content.decode()


def test_compare_with_ids_of_another_region_is_404(client, region, other_region, secretary):
    own = freeze(region)
    foreign = freeze(other_region)
    client.force_login(secretary)
    compare = url("snapshot_compare", region)
    assert client.get(compare, {"van": own.pk, "tot": foreign.pk}).status_code == 404
    assert client.get(compare, {"van": foreign.pk, "tot": own.pk}).status_code == 404
    assert client.get(compare, {"van": "x", "tot": own.pk}).status_code == 404
    assert client.get(compare, {"van": own.pk}).status_code == 404


# --- query counts --------------------------------------------------------------------------


def _populate(region, size: int) -> list[Snapshot]:
    municipalities = [MunicipalityFactory(region=region) for _ in range(size * 2)]
    codes = list(Framework.current().items.values_list("code", flat=True))
    statuses = ["verkend", "in_ontwikkeling", "gerealiseerd", "geborgd"]
    for i, code in enumerate(codes[: size * 6]):
        assess(region, code, statuses[i % 4])
    for i, municipality in enumerate(municipalities):
        assess(region, "U1", statuses[i % 4], municipality=municipality)
        assess(region, "U3", statuses[(i + 1) % 4], municipality=municipality)
    return [freeze(region, days_ago=30 * n) for n in range(size + 1)]


# session, user, roles, region, region switcher, session save + the page's own reads
LIST_QUERIES = 10
DETAIL_QUERIES = 10
COMPARE_QUERIES = 12


@pytest.mark.parametrize("size", [1, 4])
def test_query_counts(client, region, secretary, size, django_assert_max_num_queries):
    snapshots = _populate(region, size)
    client.force_login(secretary)
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(url("snapshot_list", region)).status_code == 200
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(url("snapshot", region, obj=snapshots[0].pk)).status_code == 200
    with django_assert_max_num_queries(COMPARE_QUERIES):
        response = client.get(
            url("snapshot_compare", region), {"van": snapshots[-1].pk, "tot": snapshots[0].pk}
        )
        assert response.status_code == 200
        assert "comparison" in response.context
