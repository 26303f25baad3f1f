"""The besluitenregister of a region: which items are decisions, the filters (body, theme,
period, text), the CSV with the same filters, malformed input, other regions, and a constant
number of queries; and the minutes pages' query counts at two sizes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.constants import AgendaItemKind, MeetingStatus
from governance.models import Theme
from governance.selectors.decisions import decisions_in
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    KnelpuntFactory,
    MeetingFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 14, 0))


@pytest.fixture
def themes():
    dagbesteding, _ = Theme.objects.get_or_create(name="Dagbesteding")
    jeugd, _ = Theme.objects.get_or_create(name="Jeugd")
    return dagbesteding, jeugd


@pytest.fixture
def world(region, themes):
    dagbesteding, jeugd = themes
    stamtafel = BodyFactory(region=region, name="Stamtafel")
    stamtafel.themes.add(jeugd)
    other = BodyFactory(region=region, name="Regiegroep")
    m2024 = MeetingFactory(body=stamtafel, starts_at=at(2024, 11, 1), status="gehouden")
    m2025 = MeetingFactory(body=stamtafel, starts_at=at(2025, 3, 1), status="gehouden")
    cancelled = MeetingFactory(body=stamtafel, starts_at=at(2025, 4, 1), status="geannuleerd")
    regie = MeetingFactory(body=other, starts_at=at(2025, 5, 1), status="gehouden")
    knelpunt = KnelpuntFactory(region=region, theme=dagbesteding, title="Wachtlijst dagbesteding")
    items = {
        "old": AgendaItemFactory(
            meeting=m2024,
            kind="besluiten",
            title="Oud besluit",
            outcome="Akkoord",
            knelpunt=knelpunt,
        ),
        "dag": AgendaItemFactory(
            meeting=m2025,
            kind="besluiten",
            title="Dagbesteding jongeren",
            outcome="Pilot starten",
            knelpunt=knelpunt,
        ),
        "untargeted": AgendaItemFactory(
            meeting=m2025, kind="besluiten", title="Werkwijze", outcome="Vastgesteld"
        ),
        "info": AgendaItemFactory(
            meeting=m2025, kind=AgendaItemKind.INFORMEREN, title="Mededeling", outcome="Gehoord"
        ),
        "undecided": AgendaItemFactory(meeting=m2025, kind="besluiten", title="Nog niet"),
        "cancelled": AgendaItemFactory(
            meeting=cancelled, kind="besluiten", title="Vervallen", outcome="x"
        ),
        "regie": AgendaItemFactory(
            meeting=regie, kind="bespreken", title="Bespreking met actie", outcome="Actie uitzetten"
        ),
    }
    ActionFactory(
        region=region,
        origin_agenda_item=items["regie"],
        theme=dagbesteding,
        title="Actie uit regie",
    )
    return {"stamtafel": stamtafel, "regie": other, "items": items, "meeting": m2025}


def register_url(region, csv=False):
    name = "governance:decision_register_csv" if csv else "governance:decision_register"
    return reverse(name, kwargs={"region": region.slug})


def titles(response) -> set[str]:
    return {item.title for item in response.context["page"].object_list}


def test_what_is_a_decision(region, world):
    found = {i.title for i in decisions_in(region)}
    assert found == {"Oud besluit", "Dagbesteding jongeren", "Werkwijze", "Bespreking met actie"}


def test_one_search_for_the_stamtafel_on_dagbesteding_since_2025(
    client, bestuurder, region, world, themes
):
    client.force_login(bestuurder)
    dagbesteding, jeugd = themes
    response = client.get(
        register_url(region),
        {"gremium": world["stamtafel"].pk, "thema": dagbesteding.pk, "van": "2025-01-01"},
    )
    assert response.status_code == 200
    assert titles(response) == {"Dagbesteding jongeren"}
    page = response.content.decode()
    meeting_url = reverse(
        "governance:meeting", kwargs={"region": region.slug, "pk": world["meeting"].pk}
    )
    assert f"{meeting_url}#agendapunt-{world['items']['dag'].pk}" in page
    # Theme through a created action, and through the body's themes when the item has none.
    assert titles(client.get(register_url(region), {"thema": dagbesteding.pk})) == {
        "Oud besluit",
        "Dagbesteding jongeren",
        "Bespreking met actie",
    }
    assert titles(client.get(register_url(region), {"thema": jeugd.pk})) == {"Werkwijze"}


def test_period_and_text_filters(client, bestuurder, region, world):
    client.force_login(bestuurder)
    response = client.get(register_url(region), {"van": "01-01-2024", "tot": "31-12-2024"})
    assert titles(response) == {"Oud besluit"}
    assert titles(client.get(register_url(region), {"tekst": "pilot"})) == {"Dagbesteding jongeren"}
    assert titles(client.get(register_url(region), {"tekst": "werkwijze"})) == {"Werkwijze"}


def test_csv_has_the_same_filters(client, secretary, region, world):
    client.force_login(secretary)
    response = client.get(register_url(region, csv=True), {"gremium": world["regie"].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("Datum;Gremium;Vergadering")
    assert len(lines) == 2
    assert "Bespreking met actie" in lines[1] and "Actie uit regie" in lines[1]


@pytest.mark.parametrize(
    "params",
    [
        {"gremium": "abc"},
        {"gremium": "999999"},
        {"thema": "x\x00"},
        {"van": "2025-13-45"},
        {"tot": "gisteren"},
        {"van": "2025-02-01", "tot": "2025-01-01"},
        {"tekst": "a" * 500},
        {"tekst": "nul\x00byte"},
        {"pagina": "-1"},
        {"pagina": "999999999999999999999"},
    ],
)
def test_malformed_filters_are_a_dutch_400_never_500(client, bestuurder, region, world, params):
    client.force_login(bestuurder)
    response = client.get(register_url(region), params)
    assert response.status_code in (200, 400)
    if "pagina" not in params:
        assert response.status_code == 400
        assert 'class="field-error"' in response.content.decode()
    assert client.get(register_url(region, csv=True), params).status_code == 200


def test_other_region_and_vng(client, other_secretary, vng_advisor, region, world):
    client.force_login(other_secretary)
    assert client.get(register_url(region)).status_code == 404
    assert client.get(register_url(region, csv=True)).status_code == 404
    client.force_login(vng_advisor)
    assert client.get(register_url(region)).status_code == 403


def test_the_region_navigation_has_the_register(client, bestuurder, region, world):
    client.force_login(bestuurder)
    page = client.get(reverse("governance:meeting_list", kwargs={"region": region.slug}))
    assert register_url(region) in page.content.decode()


# Query counts at two sizes


def grow(region, user, n: int):
    """``n`` held meetings of a body, each with two decisions (one with a created action with
    a trekker, one about an action) and a discussed item; returns the last meeting."""
    body = BodyFactory(region=region)
    trekker = trekker_membership(region, body=body)
    meeting = None
    for i in range(n):
        meeting = MeetingFactory(
            body=body,
            starts_at=timezone.now() - timedelta(days=10 + i),
            status=MeetingStatus.GEHOUDEN,
        )
        decided = AgendaItemFactory(
            meeting=meeting,
            kind="besluiten",
            outcome=f"B{i}",
            minutes_text="v",
            knelpunt=KnelpuntFactory(region=region),
        )
        ActionFactory(region=region, origin_agenda_item=decided, trekker=trekker)
        AgendaItemFactory(
            meeting=meeting,
            outcome=f"M{i}",
            action=ActionFactory(region=region, trekker=trekker),
        )
        AgendaItemFactory(meeting=meeting, kind="bespreken", outcome="besproken")
    return meeting


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("governance:decision_register", 16),
        ("governance:decision_register_csv", 12),
        ("reports:besluitenlijst", 16),
        ("reports:verslag", 16),
    ],
)
def test_query_counts_constant(
    name, limit, client, secretary, region, django_assert_max_num_queries
):
    client.force_login(secretary)
    counts = []
    for size in (2, 20):
        meeting = grow(region, secretary, size)
        kwargs = {"region": region.slug}
        if name.startswith("reports:"):
            kwargs["pk"] = meeting.pk
        with django_assert_max_num_queries(limit) as captured:
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
