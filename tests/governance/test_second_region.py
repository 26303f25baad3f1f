"""Issue 19, the story as a secretary of another region lives it: Proefregio, written by hand
in the exchange format (twelve municipalities, no sub-regions, a gemeenschappelijke regeling
with algemeen and dagelijks bestuur, two bestuursadviescommissies and an uitvoeringsoverleg, a
stuurgroep and partnergroep on a convenant, an informal network with a netwerktafel and a
kennisnetwerk), imported without any meetings."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.selectors.home import home
from governance.checks.window import check_region
from governance.exchange import import_region
from governance.selectors.findings import findings_state
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
NETWERKTAFEL = "Netwerktafel Zorg en Veiligheid"


@pytest.fixture
def proefregio():
    beheerder = UserFactory(username="beheerder-proef", is_staff=True)
    data = (DATA / "proefregio.json").read_text(encoding="utf-8")
    return import_region(data=data, user=beheerder).region


@pytest.fixture
def proef_secretary(proefregio):
    user = UserFactory(username="secretaris-proef")
    RoleFactory(user=user, role="secretary", region=proefregio)
    return user


def test_the_region_moves_in_without_noise(proefregio):
    assert proefregio.municipalities.count() == 12 and not proefregio.sub_regions.exists()
    assert proefregio.registration_since == timezone.localdate()  # set by the import
    result = check_region(proefregio)
    codes = [f.check for f in result.findings]
    # before issue 19: 12 findings, 10 of them "vergadert minder vaak dan gepland"
    assert "meets_less_than_planned" not in codes
    assert sorted(codes) == [
        "admin_table_missing_mayor_or_alderman",  # the stuurgroep: no wethouder
        "no_chair_or_secretary",  # the ambtelijk overleg: no secretary
        "steers_without_mandate",  # the netwerktafel: aanjagen without a mandate
    ]
    # the rule that cannot judge yet says so once, for the region
    assert [n.check for n in result.notices].count("meets_less_than_planned") == 1


def test_the_diagram_groups_the_tables_by_framework(client, proefregio, proef_secretary):
    client.force_login(proef_secretary)
    url = reverse("governance:structure", kwargs={"region": proefregio.slug})
    html = client.get(url, {"weergave": "kader"}).content.decode()
    for name in (
        "Gemeenschappelijke regeling Proefregio",
        "Convenant Zorg- en Veiligheidshuis Proefregio",
        "Netwerk zorg en veiligheid Proefregio",
        "Zonder kader",  # the ambtelijk overleg
    ):
        assert name in html, name
    region_page = client.get(reverse("governance:region", kwargs={"region": proefregio.slug}))
    lines = region_page.content.decode().split('class="decision-lines"')[1].split("</ul>")[0]
    for body in ("Algemeen bestuur GR Proefregio", "Dagelijks bestuur GR Proefregio"):
        assert body in lines
    assert "Stuurgroep" not in lines  # a convenant is no formal decision line


def test_a_finding_that_is_right_by_design_is_answered_and_stops_counting(
    client, proefregio, proef_secretary
):
    (card,) = home(proef_secretary)["cards"]
    before = len(card["findings"])
    (finding,) = [
        f for f in check_region(proefregio).findings if f.check == "steers_without_mandate"
    ]
    client.force_login(proef_secretary)
    response = client.post(
        reverse("governance:finding_answer", kwargs={"region": proefregio.slug}),
        {
            "check": finding.check,
            "subject": finding.subject,
            "facts": finding.facts,
            "reason": "De netwerktafel is bewust een overleg van gelijken zonder mandaat.",
            "review_on": "",
        },
    )
    assert response.status_code == 302
    state = findings_state(proefregio)
    assert [a.finding.check for a in state.answered] == ["steers_without_mandate"]
    (card,) = home(proef_secretary)["cards"]
    assert len(card["findings"]) == before - 1
    checks = client.get(reverse("governance:checks", kwargs={"region": proefregio.slug}))
    assert "overleg van gelijken zonder mandaat" in checks.content.decode()
