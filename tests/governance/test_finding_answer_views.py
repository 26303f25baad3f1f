"""The checks page with "Bewust zo", the Beantwoord section and Intrekken; the body and region
pages, home counts and the printed structure overview with answered findings."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.reports.selectors.structure import structure_report
from dashboard.selectors.home import home
from governance import constants as c
from governance.checks.run import run_checks
from governance.models import FindingAnswer
from governance.services.findings import answer_finding
from tests.factories import BodyFactory, MembershipFactory
from tests.governance.test_query_counts import grow

pytestmark = pytest.mark.django_db

CODE = "no_chair_or_secretary"
REASON = "De tafel is een netwerk van gelijken en kent bewust geen voorzitter."


@pytest.fixture
def table(region):
    body = BodyFactory(region=region, name="Netwerktafel <b>", established_on=None)
    MembershipFactory(body=body, role=c.MembershipRole.LID)
    return body


def finding_of(region, body, code=CODE):
    (finding,) = [
        f for f in run_checks(region) if f.check == code and f.subject == f"body:{body.pk}"
    ]
    return finding


def post_data(finding, **overrides):
    data = {
        "check": finding.check,
        "subject": finding.subject,
        "facts": finding.facts,
        "reason": REASON,
        "review_on": "",
    }
    data.update(overrides)
    return data


def checks_url(region):
    return reverse("governance:checks", kwargs={"region": region.slug})


def answer_url(region):
    return reverse("governance:finding_answer", kwargs={"region": region.slug})


def withdraw_url(region, answer):
    return reverse(
        "governance:finding_answer_withdraw", kwargs={"region": region.slug, "pk": answer.pk}
    )


def answered(region, finding, user):
    return answer_finding(
        region=region,
        check_code=finding.check,
        subject=finding.subject,
        facts=finding.facts,
        reason=REASON,
        review_on=timezone.localdate() + timedelta(days=60),
        user=user,
    )


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- the checks page --------------------------------------------------------------------------


def test_checks_page_explains_open_and_answered(client, region, table, secretary):
    client.force_login(secretary)
    page = text(client.get(checks_url(region)))
    assert "Open en beantwoorde bevindingen" in page
    assert "Bewust zo" in page
    assert 'id="beantwoord"' in page
    assert "Er zijn geen beantwoorde bevindingen." in page


def test_secretary_answers_and_sees_it_under_beantwoord(client, region, table, secretary):
    client.force_login(secretary)
    finding = finding_of(region, table)
    review = timezone.localdate() + timedelta(days=90)
    response = client.post(answer_url(region), post_data(finding, review_on=review.isoformat()))
    assert response.status_code == 302
    assert response["Location"].endswith("#beantwoord")
    saved = FindingAnswer.objects.get()
    assert (saved.check_code, saved.subject, saved.review_on) == (CODE, f"body:{table.pk}", review)
    page = text(client.get(checks_url(region)))
    beantwoord = page[page.index('id="beantwoord"') :]
    assert REASON in beantwoord
    assert "Netwerktafel &lt;b&gt;" in beantwoord  # user text escaped
    assert saved.answered_by_name in beantwoord
    assert "Intrekken" in beantwoord
    assert "Geschiedenis van de antwoorden" in beantwoord
    # No longer among the open findings.
    open_part = page[page.index('id="open"') : page.index('id="beantwoord"')]
    assert f"body:{table.pk}" not in open_part or CODE not in open_part
    assert open_part.count("Geen voorzitter of secretaris") == 0


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"reason": ""}, "id_bz", "Schrijf op waarom"),
        ({"reason": "kort"}, "id_bz", "minstens 10"),
        ({"review_on": "2000-01-01"}, "id_bz", "na vandaag"),
        ({"review_on": "31-02-2030"}, "id_bz", "geldige datum"),
    ],
)
def test_errors_stand_next_to_the_fields(
    client, region, table, secretary, overrides, field_id, message
):
    client.force_login(secretary)
    finding = finding_of(region, table)
    response = client.post(answer_url(region), post_data(finding, **overrides))
    assert response.status_code == 400
    page = text(response)
    assert message in page
    # The error is inside that finding's own (opened) form, next to the field.
    assert re.search(r'<p class="field-error" id="id_bz\d+_(reason|review_on)-fout">', page)
    assert '<details class="finding-answer" open>' in page
    assert not FindingAnswer.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"check": "bestaat_niet"},
        {"subject": "x" * 500},
        {"subject": "'; drop table"},
        {"facts": "niet-hex"},
        {"facts": ""},
        {"check": ""},
    ],
)
def test_malformed_hidden_values_give_a_dutch_400(client, region, table, secretary, overrides):
    client.force_login(secretary)
    response = client.post(answer_url(region), post_data(finding_of(region, table), **overrides))
    assert response.status_code == 400
    assert "onvolledig of verouderd" in text(response)
    assert not FindingAnswer.objects.exists()


def test_unknown_subject_gives_a_dutch_400(client, region, table, secretary):
    client.force_login(secretary)
    finding = finding_of(region, table)
    response = client.post(answer_url(region), post_data(finding, subject="body:999999"))
    assert response.status_code == 400
    assert "bestaat niet meer" in text(response)


def test_stale_page_is_refused_and_offers_the_current_facts(client, region, table, secretary):
    client.force_login(secretary)
    finding = finding_of(region, table)
    MembershipFactory(body=table, role=c.MembershipRole.LID)
    response = client.post(answer_url(region), post_data(finding))
    assert response.status_code == 400
    page = text(response)
    assert "veranderd sinds u de pagina opende" in page
    current = finding_of(region, table).facts
    assert f'value="{current}"' in page
    # Answering again, after reading, succeeds.
    again = client.post(answer_url(region), post_data(finding, facts=current))
    assert again.status_code == 302


def test_other_roles_cannot_answer(client, region, table, bestuurder, participant, vng_advisor):
    finding = finding_of(region, table)
    for user in (bestuurder, participant, vng_advisor):
        client.force_login(user)
        assert client.post(answer_url(region), post_data(finding)).status_code == 403
        page = text(client.get(checks_url(region)))
        assert "Opslaan als bewust zo" not in page
    assert not FindingAnswer.objects.exists()


def test_other_regions_secretary_gets_404(client, region, table, other_secretary):
    client.force_login(other_secretary)
    finding = finding_of(region, table)
    assert client.post(answer_url(region), post_data(finding)).status_code == 404


def test_finding_of_another_region_posted_here_is_refused(
    client, region, other_region, table, other_secretary
):
    """The other region's secretary names a finding of ``region`` at their own URL."""
    client.force_login(other_secretary)
    finding = finding_of(region, table)
    response = client.post(answer_url(other_region), post_data(finding))
    assert response.status_code == 400
    assert "bestaat niet meer" in text(response)
    assert not FindingAnswer.objects.exists()


def test_answered_list_is_visible_to_readers(client, region, table, secretary, bestuurder):
    answered(region, finding_of(region, table), secretary)
    client.force_login(bestuurder)
    page = text(client.get(checks_url(region)))
    assert REASON in page
    assert "Intrekken" not in page


# --- withdrawing ----------------------------------------------------------------------------


def test_withdraw_page_and_post(client, region, table, secretary):
    answer = answered(region, finding_of(region, table), secretary)
    client.force_login(secretary)
    page = client.get(withdraw_url(region, answer))
    assert page.status_code == 200
    assert REASON in text(page)
    response = client.post(withdraw_url(region, answer), {"seen_version": answer.version})
    assert response.status_code == 302
    assert not FindingAnswer.objects.exists()
    page = text(client.get(checks_url(region)))
    assert "antwoord ingetrokken" in page


@pytest.mark.parametrize("version", ["abc", "999", ""])
def test_withdraw_with_a_bad_or_old_version_is_a_400(client, region, table, secretary, version):
    answer = answered(region, finding_of(region, table), secretary)
    client.force_login(secretary)
    response = client.post(withdraw_url(region, answer), {"seen_version": version})
    assert response.status_code == 400
    assert "Niet opgeslagen" in text(response) or "onvolledig" in text(response)
    assert FindingAnswer.objects.exists()


def test_withdraw_unknown_or_other_regions_answer_is_404(
    client, region, other_region, table, secretary
):
    client.force_login(secretary)
    other_body = BodyFactory(region=other_region)
    MembershipFactory(body=other_body)
    foreign = answered(other_region, finding_of(other_region, other_body), secretary)
    assert client.get(withdraw_url(region, foreign)).status_code == 404
    assert client.post(withdraw_url(region, foreign), {"seen_version": 1}).status_code == 404
    url = f"/regio/{region.slug}/controles/antwoorden/99999/intrekken/"
    assert client.post(url, {"seen_version": 1}).status_code == 404
    assert FindingAnswer.objects.filter(pk=foreign.pk).exists()


def test_bestuurder_cannot_withdraw(client, region, table, secretary, bestuurder):
    answer = answered(region, finding_of(region, table), secretary)
    client.force_login(bestuurder)
    assert client.post(withdraw_url(region, answer), {"seen_version": 1}).status_code == 403
    assert FindingAnswer.objects.exists()


# --- body page, region page, home, the printed overview ---------------------------------------


def test_body_page_separates_open_and_answered(client, region, table, secretary):
    finding = finding_of(region, table)
    client.force_login(secretary)
    url = reverse("governance:body", kwargs={"region": region.slug, "pk": table.pk})
    before = text(client.get(url))
    assert finding.message.replace("<", "&lt;").replace(">", "&gt;") in before
    answered(region, finding, secretary)
    after = text(client.get(url))
    assert "Bewust zo ingericht" in after
    assert REASON in after
    escaped = finding.message.replace("<", "&lt;").replace(">", "&gt;")
    assert escaped not in after[: after.index('id="bewust-zo"')]


def test_region_page_counts_only_open_findings(client, region, table, secretary):
    client.force_login(secretary)
    url = reverse("governance:region", kwargs={"region": region.slug})
    before = client.get(url).context["findings"]
    answered(region, finding_of(region, table), secretary)
    response = client.get(url)
    assert len(response.context["findings"]) == len(before) - 1
    assert "beantwoord als ‘bewust zo ingericht’" in text(response)


def test_home_counts_only_open_findings(region, table, secretary):
    (card,) = home(secretary)["cards"]
    total = len(card["findings"])
    attention = card["attention"]["total"]
    answered(region, finding_of(region, table), secretary)
    (card,) = home(secretary)["cards"]
    assert len(card["findings"]) == total - 1
    assert card["attention"]["total"] == attention - 1
    assert all(f.subject != f"body:{table.pk}" or f.check != CODE for f in card["findings"])


def test_meeting_preparation_counts_only_open_findings(region, table, secretary):
    from dashboard.selectors.preparation import preparation_overview as preparation

    person_user = secretary
    seat = table.memberships.get()
    seat.person.user = person_user
    seat.person.save()
    rows = preparation(person_user)["rows"]
    (row,) = [r for r in rows if r["body"].pk == table.pk]
    before = row["findings"]
    answered(region, finding_of(region, table), secretary)
    (row,) = [r for r in preparation(person_user)["rows"] if r["body"].pk == table.pk]
    assert row["findings"] == before - 1


def test_checklist_evidence_uses_only_open_findings(region, table, secretary):
    from checklist.evidence.register import _load

    before = len(_load(region, timezone.localdate()).findings)
    answered(region, finding_of(region, table), secretary)
    assert len(_load(region, timezone.localdate()).findings) == before - 1


def test_structure_report_lists_answered_findings_with_reasons(client, region, table, secretary):
    finding = finding_of(region, table)
    answered(region, finding, secretary)
    ctx = structure_report(region, stand=timezone.localdate())
    assert finding.message not in [f.message for f in ctx["findings"]]
    (row,) = ctx["answered"]
    assert (row.title, row.reason) == (finding.title, REASON)
    client.force_login(secretary)
    page = text(client.get(reverse("reports:structuur", kwargs={"region": region.slug})))
    section = page[page.index('id="bewust-zo-ingericht"') :]
    assert "Bewust zo ingericht" in section
    assert REASON in section
    assert "Netwerktafel &lt;b&gt;" in section


# --- query counts -----------------------------------------------------------------------------


def _answer_some(region, user) -> None:
    """Answer every other finding about a body, so answers grow with the region."""
    findings = [f for f in run_checks(region) if f.body_id is not None]
    existing = set(FindingAnswer.objects.values_list("check_code", "subject"))
    for finding in findings[::2]:
        if (finding.check, finding.subject) not in existing:
            answered(region, finding, user)


@pytest.mark.parametrize("persona", ["secretary", "bestuurder"])
def test_checks_page_queries_are_constant_with_answers(
    request, client, region, persona, secretary, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(persona))
    counts = []
    for size in (2, 12):
        grow(region, size)
        _answer_some(region, secretary)
        assert FindingAnswer.objects.exists()
        # The same number at both sizes, answers and their history included.
        with django_assert_max_num_queries(14) as captured:
            response = client.get(checks_url(region))
            assert response.status_code == 200
        assert response.context["answered"]
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts


def test_structure_pdf_lists_answered_findings_with_reasons(client, region, table, secretary):
    from tests.reports.pdf_helpers import pdf_facts

    answered(region, finding_of(region, table), secretary)
    client.force_login(secretary)
    response = client.get(reverse("reports:structuur_pdf", kwargs={"region": region.slug}))
    pdf = " ".join(pdf_facts(response).text.split())
    assert "Bewust zo ingericht" in pdf
    assert REASON in pdf
