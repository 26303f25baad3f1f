"""The checklist pages: praatplaat overview, item page, assessment forms, proposals, CSV.

Happy paths, the wrong user, bad input (a Dutch error next to the field, nothing saved) and
other regions' ids."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from checklist.constants import ProposalState, Status
from checklist.evidence.base import Fact
from checklist.models import Assessment, AssessmentProposal, Framework
from checklist.services.assessments import assessment_save, proposal_create
from tests.factories import BodyFactory, MembershipFactory, MunicipalityFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name, region, **kwargs):
    return reverse(f"checklist:{name}", kwargs={"region": region.slug, **kwargs})


def item(code="I1"):
    return Framework.current().items.get(code=code)


def outcome_item():
    return Framework.current().items.filter(per_municipality=True).order_by("code").first()


def judge(region, user, code="I1", municipality=None, **overrides):
    kwargs = {
        "status": Status.VERKEND,
        "evidence": "",
        "owner": None,
        "assessed_on": timezone.localdate(),
        "next_review_on": None,
        "bodies": [],
        "mandates": [],
        "actions": [],
    }
    kwargs.update(overrides)
    current = Assessment.objects.filter(region=region, code=code, municipality=municipality).first()
    return assessment_save(
        region=region,
        item=item(code),
        municipality=municipality,
        seen_version=current.version if current else None,
        user=user,
        **kwargs,
    )


def payload(**overrides):
    data = {
        "status": Status.IN_ONTWIKKELING,
        "evidence": "Het gremium is ingericht.",
        "assessed_on": "2026-03-01",
        "next_review_on": "2026-09-01",
        "seen_version": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def no_derived(monkeypatch):
    # The overview (selectors.assessments) and the item page (selectors.items) read it.
    monkeypatch.setattr("checklist.selectors.assessments.derived_evidence", lambda region: {})
    monkeypatch.setattr("checklist.selectors.items.derived_evidence", lambda region: {})


# Overview


def test_overview_shows_stages_statuses_and_markers(client, secretary, region, monkeypatch):
    today = timezone.localdate()
    judge(region, secretary, "I1", status=Status.GEREALISEERD)
    judge(
        region,
        secretary,
        "I2",
        status=Status.VERKEND,
        assessed_on=today - timedelta(days=200),
        next_review_on=today - timedelta(days=1),
    )
    judge(region, secretary, "M6", status=Status.GEBORGD)
    monkeypatch.setattr(
        "checklist.selectors.assessments.derived_evidence",
        lambda region: {
            "I1": [Fact("Geen actief bestuurlijk gremium met mandaat.", False)],
            "M6": [Fact("Minder tafels dan een jaar geleden.", True)],
        },
    )
    client.force_login(secretary)
    response = client.get(url("overview", region))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Input", "Activiteiten", "Output", "Mechanismen", "Outcome"):
        assert f". {heading}</h3>" in html
    assert "Gerealiseerd" in html and "Geborgd" in html and "Niet beoordeeld" in html
    # The mismatch flag: I1 judged gerealiseerd, the register's only fact does not support it.
    assert html.count("Let op: ") == 1
    # The overdue marker for I2; M6 is supported and current.
    assert html.count("Beoordeling verlopen (") == 1
    assert "1</strong> item met ‘let op’" in html
    assert url("export_csv", region) in html


def test_summary_table_counts_per_stage(client, bestuurder, secretary, region, no_derived):
    judge(region, secretary, "I1", status=Status.GEREALISEERD)
    judge(region, secretary, "I2", status=Status.GEREALISEERD)
    client.force_login(bestuurder)
    response = client.get(url("overview", region))
    input_row = next(r for r in response.context["summary"] if str(r["stage"]) == "Input")
    # columns: the five steps, then niet beoordeeld
    assert input_row["counts"] == [0, 0, 0, 2, 0, 3]
    assert input_row["total"] == 5
    total = response.context["summary"][-1]
    assert total["total"] == 34 and total["counts"][-1] == 32


def test_rollup_on_overview_and_item_page(client, secretary, region, no_derived):
    outcome = outcome_item()
    a, b, _c = (MunicipalityFactory(region=region) for _ in range(3))
    judge(region, secretary, outcome.code, municipality=a, status=Status.GEREALISEERD)
    judge(region, secretary, outcome.code, municipality=b, status=Status.VERKEND)
    client.force_login(secretary)
    html = client.get(url("overview", region)).content.decode()
    assert "1 van 3 gemeenten gerealiseerd of beter" in html
    assert "Verkend: 1" in html and "Niet beoordeeld: 1" in html
    page = client.get(url("item", region, code=outcome.code))
    rollup = page.context["card"].rollup
    assert (rollup.realised, rollup.total) == (1, 3)
    assert [s.count for s in rollup.segments] == [0, 1, 0, 1, 0, 1]
    assert "1 van 3 gemeenten gerealiseerd of beter" in page.content.decode()


# Item page


def test_u3_lists_unrepresented_municipalities(client, bestuurder, region):
    today = timezone.localdate()
    seated = MunicipalityFactory(region=region, name="Aanwezig")
    MunicipalityFactory(region=region, name="Zonder tafel")
    ended = MunicipalityFactory(region=region, name="Oud lid")
    in_proposal = MunicipalityFactory(region=region, name="Alleen voorstel")
    body = BodyFactory(region=region)
    MembershipFactory(body=body, person=None, municipality=seated)
    MembershipFactory(
        body=body,
        person=None,
        municipality=ended,
        start=today - timedelta(days=400),
        end=today - timedelta(days=10),
    )
    MembershipFactory(
        body=BodyFactory(region=region, status="voorgesteld"), person=None, municipality=in_proposal
    )
    client.force_login(bestuurder)
    response = client.get(url("item", region, code="U3"))
    names = [m.name for m in response.context["unrepresented"]]
    assert names == ["Alleen voorstel", "Oud lid", "Zonder tafel"]
    assert "Gemeenten zonder plek in een actief gremium" in response.content.decode()
    # Other items do not show the list.
    assert client.get(url("item", region, code="I1")).context["unrepresented"] is None


def test_item_page_shows_assessment_links_history_and_proposals(
    client, secretary, participant, region, no_derived
):
    body = BodyFactory(region=region, name="Stamtafel Test")
    owner = PersonFactory(region=region, name="Anna de Eigenaar")
    judge(region, secretary, status=Status.VERKEND)
    judge(region, secretary, status=Status.GEREALISEERD, bodies=[body], owner=owner)
    proposal_create(
        region=region,
        item=item(),
        municipality=None,
        status=Status.GEBORGD,
        evidence="Staat in het convenant.",
        user=participant,
    )
    client.force_login(secretary)
    html = client.get(url("item", region, code="I1")).content.decode()
    assert "Stamtafel Test" in html and body.get_absolute_url() in html
    assert "Anna de Eigenaar" in html
    assert "<td>Verkend</td><td>Gerealiseerd" in html  # history: from → to
    assert "Staat in het convenant." in html and "Overnemen" in html
    client.force_login(participant)
    html = client.get(url("item", region, code="I1")).content.decode()
    assert "Staat in het convenant." in html and "Overnemen" not in html
    assert url("propose", region, code="I1") in html


def test_unknown_code_is_404(client, secretary, region):
    client.force_login(secretary)
    assert client.get(url("item", region, code="X9")).status_code == 404
    assert client.get(url("assessment_edit", region, code="X9")).status_code == 404


# The assessment form


def test_secretary_saves_an_assessment(client, secretary, region):
    body = BodyFactory(region=region)
    owner = PersonFactory(region=region)
    client.force_login(secretary)
    assert client.get(url("assessment_edit", region, code="I1")).status_code == 200
    response = client.post(
        url("assessment_edit", region, code="I1"),
        payload(bodies=[body.pk], owner=owner.pk),
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(region=region, code="I1")
    assert assessment.status == Status.IN_ONTWIKKELING and assessment.owner == owner
    assert list(assessment.bodies.all()) == [body]
    assert assessment.history.first().history_user == secretary


@pytest.mark.parametrize(
    ("field", "overrides", "message"),
    [
        ("status", {"status": "klaar"}, "geldige keuze"),
        ("next_review_on", {"next_review_on": "2026-01-01"}, "vóór de datum"),
        ("bodies", {"bodies": ["foreign_body"]}, "geldige keuze"),
        ("owner", {"owner": "foreign_person"}, "geldige keuze"),
        ("assessed_on", {"assessed_on": ""}, "verplicht"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(
    field, overrides, message, client, secretary, region, other_region
):
    foreign = {
        "foreign_body": BodyFactory(region=other_region).pk,
        "foreign_person": PersonFactory(region=other_region).pk,
    }
    data = payload(
        **{
            k: ([foreign[x] for x in v] if isinstance(v, list) else foreign.get(v, v))
            for k, v in overrides.items()
        }
    )
    client.force_login(secretary)
    response = client.post(url("assessment_edit", region, code="I1"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert "Het formulier is niet opgeslagen" in response.content.decode()
    assert not Assessment.objects.exists()


def test_municipality_assessment(client, secretary, region, other_region):
    outcome = outcome_item()
    municipality = MunicipalityFactory(region=region)
    client.force_login(secretary)
    edit = url(
        "municipality_assessment_edit", region, code=outcome.code, municipality=municipality.pk
    )
    assert client.post(edit, payload(status=Status.GEREALISEERD)).status_code == 302
    assert Assessment.objects.get(municipality=municipality).status == Status.GEREALISEERD
    # Another region's municipality, or an item that is not judged per gemeente: no such page.
    foreign = MunicipalityFactory(region=other_region)
    for code, pk in [(outcome.code, foreign.pk), ("I1", municipality.pk)]:
        target = url("municipality_assessment_edit", region, code=code, municipality=pk)
        assert client.get(target).status_code == 404
        assert client.post(target, payload()).status_code == 404
    assert Assessment.objects.count() == 1
    # The region's own judgement of a per-gemeente item is a separate row.
    assert (
        client.post(url("assessment_edit", region, code=outcome.code), payload()).status_code == 302
    )
    assert Assessment.objects.filter(municipality__isnull=True).count() == 1


def test_stale_edit_shows_what_changed(client, secretary, region):
    judge(region, secretary, status=Status.VERKEND)
    client.force_login(secretary)
    form_url = url("assessment_edit", region, code="I1")
    seen = client.get(form_url).context["form"].initial["seen_version"]
    judge(region, secretary, status=Status.GEBORGD)  # someone else saves in between
    response = client.post(form_url, payload(seen_version=seen))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Niet opgeslagen" in html and "Geborgd" in html
    assert Assessment.objects.get().status == Status.GEBORGD
    assert f'name="seen_version" value="{seen + 1}"' in html


# Proposals


def test_participant_proposes_bestuurder_and_secretary_cannot(
    client, participant, bestuurder, secretary, region
):
    target = url("propose", region, code="I1")
    data = {"status": Status.GEREALISEERD, "evidence": "Convenant getekend."}
    for user in (bestuurder, secretary):
        client.force_login(user)
        assert client.post(target, data).status_code == 403
    client.force_login(participant)
    assert client.get(target).status_code == 200
    assert client.post(target, data).status_code == 302
    proposal = AssessmentProposal.objects.get()
    assert proposal.proposed_by == participant and proposal.state == ProposalState.OPEN
    assert not Assessment.objects.exists()  # a proposal changes nothing yet


def test_proposal_without_evidence_is_refused(client, participant, region):
    client.force_login(participant)
    response = client.post(url("propose", region, code="I1"), {"status": Status.VERKEND})
    assert response.status_code == 400
    assert "evidence" in response.context["form"].errors
    assert not AssessmentProposal.objects.exists()


def test_proposal_for_a_municipality(client, participant, region, other_region):
    outcome = outcome_item()
    municipality = MunicipalityFactory(region=region)
    client.force_login(participant)
    target = url("propose", region, code=outcome.code)
    data = {"status": Status.VERKEND, "evidence": "Gesprek gevoerd.", "municipality": ""}
    foreign = MunicipalityFactory(region=other_region)
    assert client.post(target, {**data, "municipality": foreign.pk}).status_code == 400
    assert client.post(target, {**data, "municipality": municipality.pk}).status_code == 302
    assert AssessmentProposal.objects.get().municipality == municipality


def _proposal(region, participant, **kwargs):
    return proposal_create(
        region=region,
        item=kwargs.pop("item", None) or item(),
        municipality=kwargs.pop("municipality", None),
        status=kwargs.pop("status", Status.GEREALISEERD),
        evidence="Convenant getekend.",
        user=participant,
    )


def test_secretary_accepts_a_proposal(client, secretary, participant, region):
    proposal = _proposal(region, participant)
    client.force_login(secretary)
    page = client.get(url("proposal_decide", region, obj=proposal.pk))
    assert page.status_code == 200 and "Voorstel naast het huidige oordeel" in page.content.decode()
    response = client.post(
        url("proposal_decide", region, obj=proposal.pk), {"decision": "overnemen", "note": ""}
    )
    assert response.status_code == 302
    assert Assessment.objects.get(region=region).status == Status.GEREALISEERD
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AANGENOMEN
    # Deciding again is refused; the page shows the outcome without a form.
    page = client.get(url("proposal_decide", region, obj=proposal.pk))
    assert page.context.get("is_open") is False
    again = client.post(
        url("proposal_decide", region, obj=proposal.pk), {"decision": "afwijzen", "note": "Toch"}
    )
    assert again.status_code == 400 and "al afgehandeld" in again.content.decode()


def test_secretary_rejects_with_a_note(client, secretary, participant, region):
    proposal = _proposal(region, participant)
    client.force_login(secretary)
    target = url("proposal_decide", region, obj=proposal.pk)
    response = client.post(target, {"decision": "afwijzen", "note": ""})
    assert response.status_code == 400
    assert "note" in response.context["form"].errors
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.OPEN
    assert client.post(target, {"decision": "afwijzen", "note": "Nog niet."}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AFGEWEZEN and proposal.decided_by == secretary
    assert not Assessment.objects.exists()


def test_participant_cannot_decide(client, participant, region):
    proposal = _proposal(region, participant)
    client.force_login(participant)
    target = url("proposal_decide", region, obj=proposal.pk)
    assert client.post(target, {"decision": "overnemen"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.OPEN


# CSV


def test_csv_export(client, bestuurder, secretary, region):
    outcome = outcome_item()
    municipality = MunicipalityFactory(region=region, name="Aalten")
    judge(
        region,
        secretary,
        "I1",
        status=Status.GEREALISEERD,
        evidence='=HYPERLINK("http://x")',
        owner=PersonFactory(region=region, name="Anna"),
        bodies=[BodyFactory(region=region)],
        assessed_on=date(2026, 2, 1),
    )
    judge(region, secretary, outcome.code, municipality=municipality, status=Status.VERKEND)
    client.force_login(bestuurder)
    response = client.get(url("export_csv", region))
    assert response.status_code == 200
    today = timezone.localdate()
    assert (
        f'filename="checklist-{region.slug}-{today:%Y-%m-%d}.csv"'
        in response["Content-Disposition"]
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Code", "Item", "Fase"]
    assert rows[1][0] == "I1" and rows[1][5] == "Gerealiseerd" and rows[1][6] == "01-02-2026"
    assert rows[1][8] == "Anna" and rows[1][9].startswith("'=") and rows[1][10] == "1"
    assert rows[2][0] == outcome.code and rows[2][4] == "Aalten" and rows[2][2] == "Outcome"
    assert len(rows) == 3
