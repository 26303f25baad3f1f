"""The werkagenda report: the period summary, the actions per list and theme stand per a date,
the knelpunten per theme, the page, the PDF for every role that reads the region, bad input and
the number of queries.

The world is dated relative to today (T): stand = T-10, sinds = T-100. Every action's log is
written with explicit dates, as ``action_save``/``action_move`` would have written it on those
days.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.reports.selectors.werkagenda import werkagenda_report
from governance.constants import (
    ActionList,
    ActionUpdateKind,
    ClosedReason,
    KnelpuntSource,
    KnelpuntStatus,
    Weight,
)
from governance.models import ActionUpdate, Theme
from tests.factories import (
    ActionFactory,
    BodyFactory,
    KnelpuntFactory,
    OrganisationFactory,
    trekker_membership,
)
from tests.reports.pdf_helpers import assert_accessible_pdf, pdf_facts

pytestmark = pytest.mark.django_db

T = timezone.localdate()
STAND = T - timedelta(days=10)
SINDS = T - timedelta(days=100)
EVIL = '<script>alert("x")</script> & co'


def day(n: int):
    return T - timedelta(days=n)


def log(action, kind, ago, *, from_list="", to_list="", text=""):
    return ActionUpdate.objects.create(
        action=action, date=day(ago), kind=kind, from_list=from_list, to_list=to_list, text=text
    )


def created(action, ago, to_list=ActionList.VOORRAAD):
    return log(action, ActionUpdateKind.AANGEMAAKT, ago, to_list=to_list)


def moved(action, ago, src, dst, text=""):
    return log(action, ActionUpdateKind.VERPLAATSING, ago, from_list=src, to_list=dst, text=text)


def progress(action, ago, text):
    return log(action, ActionUpdateKind.VOORTGANG, ago, text=text)


@pytest.fixture
def world(region):
    jeugd = Theme.objects.get(name="Jeugd")
    woon = Theme.objects.get(name="Passende woon(zorg)plek")  # before Jeugd in Theme's order
    bnt = BodyFactory(region=region, name="Bestuurlijke Netwerktafel", short_name="BNT")
    seat = trekker_membership(region, body=bnt, person__name="Jansen")
    ggd = OrganisationFactory(region=region, name="GGD Noord")
    vt = OrganisationFactory(region=region, name="Veilig Thuis Oost")

    def action(title, theme, lst, made, **fields):
        fields.setdefault("list_since", day(made))
        return ActionFactory(
            region=region, title=title, theme=theme, list=lst, created_on=day(made), **fields
        )

    # In actie since T-50 (in the period), termijn passed on the stand date.
    zorgpad = action(
        "Zorgpad jeugd",
        jeugd,
        ActionList.ACTIE,
        200,
        trekker=seat,
        due_date=day(20),
        list_since=day(50),
    )
    zorgpad.coalition.set([vt, ggd])
    created(zorgpad, 200)
    progress(zorgpad, 100, "Precies op de begindatum")  # sinds is exclusive
    moved(zorgpad, 50, ActionList.VOORRAAD, ActionList.ACTIE, "Gekozen door de tafel")
    progress(zorgpad, 40, "Eerste overleg met de partners gehouden")

    # Gereed in the period.
    woonplek = action(
        "Woonplekken nazorg",
        woon,
        ActionList.GEREED,
        150,
        closed_reason=ClosedReason.AFGEROND,
        list_since=day(30),
        trekker=seat,
    )
    created(woonplek, 150)
    moved(woonplek, 120, ActionList.VOORRAAD, ActionList.ACTIE)
    moved(woonplek, 30, ActionList.ACTIE, ActionList.GEREED, "Afgerond")

    # Gereed long before the period: left out, counted.
    oud = action(
        "Oude meldcode",
        woon,
        ActionList.GEREED,
        400,
        closed_reason=ClosedReason.VERVALLEN,
        list_since=day(300),
    )
    created(oud, 400)
    moved(oud, 300, ActionList.VOORRAAD, ActionList.GEREED)

    # Moved after the stand date: on the stand date still in voorraad.
    later = action("Later verplaatst", None, ActionList.ACTIE, 200, list_since=day(5), trekker=seat)
    created(later, 200)
    moved(later, 5, ActionList.VOORRAAD, ActionList.ACTIE)

    # No creation entry; its first move after the stand date says where it was.
    zonder = action(
        "Zonder logboek",
        jeugd,
        ActionList.GEREED,
        200,
        closed_reason=ClosedReason.ELDERS_BELEGD,
        list_since=day(3),
    )
    moved(zonder, 3, ActionList.ACTIE, ActionList.GEREED)

    # Created after the stand date: not in the report.
    action("Toekomstige actie", jeugd, ActionList.VOORRAAD, 5)

    # No update on or before the stand date for 300 days: stale on the stand date.
    stil = action("Stille actie", jeugd, ActionList.ACTIE, 300, trekker=seat)
    created(stil, 300, ActionList.ACTIE)
    progress(stil, 2, "Na de standdatum")

    # New in the period, user text with markup; weighed.
    nieuw = action(
        EVIL,
        woon,
        ActionList.VOORRAAD,
        60,
        importance=Weight.HOOG,
        feasibility=Weight.HOOG,
        impact=Weight.MIDDEN,
    )
    created(nieuw, 60)
    progress(nieuw, 10, "Op de standdatum")  # stand is inclusive

    k_open = KnelpuntFactory(
        region=region,
        theme=jeugd,
        title="Wachtlijst jeugdhulp",
        signalled_on=day(100),
        source=KnelpuntSource.PARTNER,
        source_note="Gemeld door GGD Noord",
    )
    k_belegd = KnelpuntFactory(
        region=region,
        theme=woon,
        title="Geen woonplek na detentie",
        signalled_on=day(50),
        status=KnelpuntStatus.BELEGD,
    )
    KnelpuntFactory(region=region, theme=woon, title="Nieuw signaal", signalled_on=day(5))
    return {
        "zorgpad": zorgpad,
        "woonplek": woonplek,
        "oud": oud,
        "later": later,
        "zonder": zonder,
        "stil": stil,
        "nieuw": nieuw,
        "k_open": k_open,
        "k_belegd": k_belegd,
    }


def report(region, stand=STAND, sinds=SINDS):
    return werkagenda_report(region, stand=stand, sinds=sinds, user=None)


def rows_of(result) -> dict[str, dict]:
    """title -> row (with its list and theme)."""
    out = {}
    for block in result["lists"]:
        for group in block.groups:
            for row in group.rows:
                out[row["title"]] = {**row, "list": block.key, "theme": group.name}
    return out


# --- the selector --------------------------------------------------------------------------


def test_sections_are_the_table_of_contents(region, world):
    result = report(region)
    assert [s.id for s in result["sections"]] == [
        "werkagenda-bewogen",
        "werkagenda-acties",
        "werkagenda-knelpunten",
        "werkagenda-verantwoording",
    ]
    assert result["sections"][0].title.startswith("Wat is er bewogen sinds ")
    assert str(SINDS.year) in result["sections"][0].title


def test_period_summary_counts_what_the_log_says_between_sinds_and_stand(region, world):
    period = report(region)["period"]
    assert period["counts"] == {"nieuw": 1, "verplaatst": 2, "voortgang": 2, "gereed": 1}
    assert period["moves"] == [
        {"from": "Voorraad", "to": "Actie", "count": 1},
        {"from": "Actie", "to": "Gereed", "count": 1},
    ]
    events = [(e.on, e.action_title, e.label) for e in period["events"]]
    assert events == [
        (day(60), EVIL, "Nieuw op de voorraadlijst"),
        (day(50), "Zorgpad jeugd", "Verplaatst van voorraad naar actie"),
        (day(40), "Zorgpad jeugd", "Voortgang"),
        (day(30), "Woonplekken nazorg", "Verplaatst van actie naar gereed"),
        (day(10), EVIL, "Voortgang"),
    ]


def test_actions_are_put_on_their_list_of_the_stand_date(region, world):
    rows = rows_of(report(region))
    assert "Toekomstige actie" not in rows
    assert rows["Zorgpad jeugd"]["list"] == ActionList.ACTIE
    assert rows["Woonplekken nazorg"]["list"] == ActionList.GEREED
    assert rows["Later verplaatst"]["list"] == ActionList.VOORRAAD  # moved only after stand
    assert rows["Zonder logboek"]["list"] == ActionList.ACTIE  # from_list of the later move
    assert rows["Stille actie"]["list"] == ActionList.ACTIE
    assert rows[EVIL]["list"] == ActionList.VOORRAAD
    # On a stand date before the move into actie, the same action is still in voorraad.
    earlier = rows_of(report(region, stand=day(70), sinds=day(160)))
    assert earlier["Zorgpad jeugd"]["list"] == ActionList.VOORRAAD
    assert earlier["Woonplekken nazorg"]["list"] == ActionList.ACTIE
    assert EVIL not in earlier  # created T-60


def test_last_update_and_flags_are_those_of_the_stand_date(region, world):
    rows = rows_of(report(region))
    assert rows["Zorgpad jeugd"]["last_update_on"] == day(40)
    assert rows[EVIL]["last_update_on"] == day(10)
    assert rows["Stille actie"]["last_update_on"] == day(300)  # the T-2 note is after stand
    flags = {title: [f.label for f in row["flags"]] for title, row in rows.items()}
    assert flags["Zorgpad jeugd"] == ["Termijn verstreken"]
    assert flags["Stille actie"] == ["Geen update sinds 90 dagen"]
    # In voorraad on the stand date (moved only later), last update T-200.
    assert flags["Later verplaatst"] == ["Geen update sinds 90 dagen", "Niet gewogen"]
    assert flags[EVIL] == []
    # A week before its termijn (T-27), Zorgpad jeugd was not yet overdue.
    assert not rows_of(report(region, stand=day(27), sinds=day(60)))["Zorgpad jeugd"]["flags"]


def test_columns_trekker_coalition_status_termijn(region, world):
    rows = rows_of(report(region))
    zorgpad = rows["Zorgpad jeugd"]
    assert zorgpad["trekker"] == "Jansen (BNT)"
    assert zorgpad["coalition"] == ["GGD Noord", "Veilig Thuis Oost"]
    assert zorgpad["list_label"] == "Actie"
    assert zorgpad["due_date"] == day(20)
    assert rows["Woonplekken nazorg"]["closed_reason"] == "Afgerond"
    assert rows["Woonplekken nazorg"]["entered_on"] == day(30)
    assert rows[EVIL]["trekker"] == "" and rows[EVIL]["coalition"] == []


def test_lists_in_order_themes_by_name_and_zonder_thema_last(region, world):
    blocks = report(region)["lists"]
    assert [b.key for b in blocks] == ["voorraad", "actie", "gereed"]
    voorraad, actie, gereed = blocks
    assert [g.name for g in voorraad.groups] == ["Passende woon(zorg)plek", "Zonder thema"]
    assert [g.name for g in actie.groups] == ["Jeugd"]
    assert [r["title"] for r in actie.groups[0].rows] == [
        "Zorgpad jeugd",  # with a termijn first, as on the board
        "Stille actie",
        "Zonder logboek",
    ]


def test_gereed_shows_only_the_period_and_counts_the_rest(region, world):
    gereed = report(region)["lists"][2]
    assert [r["title"] for g in gereed.groups for r in g.rows] == ["Woonplekken nazorg"]
    assert gereed.count == 1
    assert gereed.older_gereed == 1  # Oude meldcode
    # With a period that reaches back to T-300, the old one is in it.
    wide = report(region, sinds=day(301))["lists"][2]
    assert {r["title"] for g in wide.groups for r in g.rows} == {
        "Woonplekken nazorg",
        "Oude meldcode",
    }
    assert wide.older_gereed == 0


def test_knelpunten_signalled_up_to_the_stand_date_per_theme(region, world):
    result = report(region)
    groups = [(g["theme"], [k.title for k in g["knelpunten"]]) for g in result["knelpunt_groups"]]
    assert groups == [
        ("Jeugd", ["Wachtlijst jeugdhulp"]),
        ("Passende woon(zorg)plek", ["Geen woonplek na detentie"]),
    ]
    assert result["knelpunt_total"] == 2


# --- the page ------------------------------------------------------------------------------


def url(region, name="werkagenda", **params):
    base = reverse(f"reports:{name}", kwargs={"region": region.slug})
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}?{query}" if query else base


PERIOD = {"stand": STAND.isoformat(), "sinds": SINDS.isoformat()}


def test_page_shows_the_sections_and_key_rows_escaped(client, secretary, region, world):
    client.force_login(secretary)
    response = client.get(url(region, **PERIOD))
    assert response.status_code == 200
    html = response.content.decode()
    for section_id in (
        "werkagenda-bewogen",
        "werkagenda-acties",
        "werkagenda-knelpunten",
        "werkagenda-verantwoording",
    ):
        assert f'id="{section_id}"' in html
        assert f'href="#{section_id}"' in html  # the table of contents
    for text in (
        "Zorgpad jeugd",
        "Jansen (BNT)",
        "GGD Noord, Veilig Thuis Oost",
        "Termijn verstreken",
        "Geen update sinds 90 dagen",
        "Wachtlijst jeugdhulp",
        "Gemeld door GGD Noord",
        "Eerste overleg met de partners gehouden",
        "1 actie die al eerder gereed was",
        "Zonder thema",
        "Verplaatst van voorraad naar actie",
        "de gegevens van vandaag",
    ):
        assert text in html, text
    assert "Toekomstige actie" not in html
    assert "Nieuw signaal" not in html
    assert "Precies op de begindatum" not in html
    assert EVIL not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html
    assert world["zorgpad"].get_absolute_url() in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"stand": (T + timedelta(days=1)).isoformat()}, "De stand per kan niet in de toekomst"),
        ({"stand": STAND.isoformat(), "sinds": T.isoformat()}, "De periode moet vóór de"),
        ({"stand": "morgen"}, "Vul een geldige datum in"),
    ],
)
def test_bad_period_is_a_400_with_a_dutch_message(client, bestuurder, region, params, message):
    client.force_login(bestuurder)
    for name in ("werkagenda", "werkagenda_pdf"):
        response = client.get(url(region, name, **params))
        assert response.status_code == 400, name
        assert message in response.content.decode()


# --- the PDF, for every role that reads the region ----------------------------------------


@pytest.mark.parametrize(
    "role", ["secretary", "bestuurder", "participant", "vng_advisor", "staff_user"]
)
def test_pdf_for_each_reader(role, request, client, region, world):
    client.force_login(request.getfixturevalue(role))
    facts = pdf_facts(client.get(url(region, "werkagenda_pdf", **PERIOD)))
    assert_accessible_pdf(facts, title_contains="Werkagenda")
    assert facts.filename == f"werkagenda-{region.slug}-{STAND.isoformat()}.pdf"
    text = " ".join(facts.text.split())
    for key in (
        "Zorgpad jeugd",
        "Jansen (BNT)",
        "Termijn verstreken",
        "Woonplekken",
        "Wachtlijst jeugdhulp",
        "Zonder thema",
        "Verantwoording",
        "Geen woonplek na detentie",
    ):
        assert key in text, key
    assert "Toekomstige actie" not in text
    for title in (
        "Acties per lijst en thema",
        "Knelpunten per thema",
        "Verantwoording",
        "Voorraad (2)",
        "Actie (3)",
        "Gereed (1)",
        "Jeugd",
    ):
        assert title in facts.outline, (title, facts.outline)
    assert any(t.startswith("Wat is er bewogen sinds") for t in facts.outline)


def test_other_regions_do_not_get_the_report(client, other_secretary, region, world):
    client.force_login(other_secretary)
    assert client.get(url(region, "werkagenda_pdf")).status_code == 404


# --- queries -------------------------------------------------------------------------------


def grow(region, n: int) -> None:
    """``n`` more actions, each with a trekker, two partners, a log and a knelpunt."""
    jeugd = Theme.objects.get(name="Jeugd")
    seat = trekker_membership(region)
    orgs = [OrganisationFactory(region=region) for _ in range(2)]
    for i in range(n):
        a = ActionFactory(
            region=region,
            theme=jeugd if i % 2 else None,
            trekker=seat,
            list=ActionList.ACTIE,
            created_on=day(200),
        )
        a.coalition.set(orgs)
        created(a, 200)
        moved(a, 50, ActionList.VOORRAAD, ActionList.ACTIE)
        progress(a, 20, f"Voortgang {i}")
        KnelpuntFactory(region=region, theme=jeugd, signalled_on=day(30))


@pytest.mark.parametrize("n", [2, 25])
def test_query_count_does_not_grow(n, region, world, django_assert_max_num_queries):
    grow(region, n)
    with django_assert_max_num_queries(4):
        result = report(region)
    assert len(rows_of(result)) == 6 + n  # the old gereed one is left out


def test_pdf_shows_user_text_with_markup_as_text(client, secretary, region, world):
    """User text never becomes markup in a PDF: the title with a script tag is printed as it
    was typed (the report document autoescapes like every page)."""
    client.force_login(secretary)
    facts = pdf_facts(client.get(url(region, "werkagenda_pdf", **PERIOD)))
    assert EVIL in " ".join(facts.text.split())
