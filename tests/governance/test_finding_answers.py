"""Answering a structure finding as "bewust zo" (governance/services/findings.py), when the
answer holds (governance/selectors/findings.py) and what the subject and facts of a finding are
(governance/checks/facts.py).

The finding under test is "Geen voorzitter of secretaris" about one table: it keeps firing while
members, mandates and relations of the table change, so every kind of fact can be changed
without the finding disappearing — and the answer must come back each time.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.history import user_label
from core.locking import StaleEdit
from governance import constants as c
from governance.checks.run import run_checks
from governance.models import Body, FindingAnswer, RegionPartner
from governance.selectors.findings import (
    EXPIRED_DATE,
    EXPIRED_FACTS,
    answer_history,
    findings_state,
)
from governance.services import object_save, period_end
from governance.services.findings import StaleFinding, answer_finding, withdraw_answer
from tests.factories import (
    BodyFactory,
    MandateFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RelationFactory,
    any_theme,
)

pytestmark = pytest.mark.django_db

CODE = "no_chair_or_secretary"
REASON = "De tafel is een netwerk van gelijken en kent bewust geen voorzitter."


@pytest.fixture
def table(region):
    body = BodyFactory(region=region, name="Netwerktafel", established_on=None)
    MembershipFactory(body=body, role=c.MembershipRole.LID)
    return body


@pytest.fixture
def bystander(region):
    """Another table: changes to it must not touch the answer about ``table``."""
    body = BodyFactory(region=region, name="Andere tafel")
    MembershipFactory(body=body, role=c.MembershipRole.LID)
    return body


def finding_of(region, body, code=CODE, on=None):
    matches = [
        f for f in run_checks(region, on=on) if f.check == code and f.subject == f"body:{body.pk}"
    ]
    assert len(matches) == 1, matches
    return matches[0]


def answer(region, finding, user, **kwargs):
    return answer_finding(
        region=region,
        check_code=finding.check,
        subject=finding.subject,
        facts=kwargs.pop("facts", finding.facts),
        reason=kwargs.pop("reason", REASON),
        review_on=kwargs.pop("review_on", None),
        user=user,
    )


def is_answered(region, finding, on=None) -> bool:
    state = findings_state(region, on=on)
    answered = {(a.finding.check, a.finding.subject) for a in state.answered}
    open_ = {(f.check, f.subject) for f in state.open}
    key = (finding.check, finding.subject)
    assert (key in answered) != (key in open_)
    return key in answered


def expired_because(region, finding) -> str:
    state = findings_state(region)
    (row,) = [
        r
        for r in state.open_rows
        if (r.finding.check, r.finding.subject) == (finding.check, finding.subject)
    ]
    return row.expired_because


# --- subjects and facts -------------------------------------------------------------------


def test_subjects_are_stable_keys(region, table, theme_twice, secretary):
    municipality = MunicipalityFactory(region=region)
    partner = OrganisationFactory(region=region)
    RegionPartner.objects.create(region=region, organisation=partner)
    subjects = {(f.check, f.subject) for f in run_checks(region)}
    assert (CODE, f"body:{table.pk}") in subjects
    assert ("municipality_unrepresented", f"municipality:{municipality.pk}") in subjects
    assert ("partner_in_no_body", f"organisation:{partner.pk}") in subjects
    assert ("theme_decided_twice", f"theme:{theme_twice.pk}") in subjects
    for finding in run_checks(region):
        assert finding.subject and len(finding.facts) == 16


@pytest.fixture
def theme_twice(region):
    theme = any_theme()
    for name in ("Eerste", "Tweede"):
        body = BodyFactory(region=region, name=name)
        MembershipFactory(body=body)
        MandateFactory(body=body, power=c.Power.BESLUITEN, theme=theme)
    return theme


def test_facts_are_the_same_when_nothing_changed(region, table):
    assert finding_of(region, table).facts == finding_of(region, table).facts


# --- answering ----------------------------------------------------------------------------


def test_answer_moves_the_finding_to_answered(region, table, secretary):
    finding = finding_of(region, table)
    assert not is_answered(region, finding)
    saved = answer(region, finding, secretary, review_on=timezone.localdate() + timedelta(days=30))
    assert saved.answered_by == secretary
    assert saved.answered_by_name == user_label(secretary)
    assert saved.facts == finding.facts
    assert saved.reason == REASON
    assert is_answered(region, finding)
    record = answer_history(region)[0]
    assert record.history_type == "+" and record.history_user == secretary


def test_reason_is_stripped_and_stored(region, table, secretary):
    saved = answer(region, finding_of(region, table), secretary, reason=f"  {REASON}  ")
    assert saved.reason == REASON


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "Schrijf op waarom"), ("   ", "Schrijf op waarom"), ("te kort", "minstens 10")],
)
def test_reason_is_required_and_long_enough(region, table, secretary, reason, message):
    with pytest.raises(ValidationError) as exc:
        answer(region, finding_of(region, table), secretary, reason=reason)
    assert message in " ".join(exc.value.message_dict["reason"])
    assert not FindingAnswer.objects.exists()


def test_reason_not_longer_than_2000(region, table, secretary):
    with pytest.raises(ValidationError) as exc:
        answer(region, finding_of(region, table), secretary, reason="x" * 2001)
    assert "reason" in exc.value.message_dict


@pytest.mark.parametrize("days", [-1, 0])
def test_review_date_must_lie_after_today(region, table, secretary, days):
    with pytest.raises(ValidationError) as exc:
        answer(
            region,
            finding_of(region, table),
            secretary,
            review_on=timezone.localdate() + timedelta(days=days),
        )
    assert "na vandaag" in " ".join(exc.value.message_dict["review_on"])
    assert not FindingAnswer.objects.exists()


def test_stale_facts_are_refused(region, table, secretary):
    finding = finding_of(region, table)
    MembershipFactory(body=table, role=c.MembershipRole.LID)
    with pytest.raises(StaleFinding) as exc:
        answer(region, finding, secretary)
    assert "veranderd sinds u de pagina opende" in exc.value.messages[0]
    assert exc.value.current_facts == finding_of(region, table).facts
    assert not FindingAnswer.objects.exists()


def test_a_finding_that_no_longer_exists_is_refused(region, table, secretary):
    finding = finding_of(region, table)
    MembershipFactory(body=table, role=c.MembershipRole.VOORZITTER)
    MembershipFactory(body=table, role=c.MembershipRole.SECRETARIS)
    with pytest.raises(ValidationError) as exc:
        answer(region, finding, secretary)
    assert "bestaat niet meer" in exc.value.messages[0]


def test_unknown_check_or_subject_is_refused(region, table, secretary):
    finding = finding_of(region, table)
    for check, subject in [("bestaat_niet", finding.subject), (CODE, "body:999999")]:
        with pytest.raises(ValidationError, match="bestaat niet meer"):
            answer_finding(
                region=region,
                check_code=check,
                subject=subject,
                facts=finding.facts,
                reason=REASON,
                review_on=None,
                user=secretary,
            )


def test_a_finding_of_another_region_cannot_be_answered_here(
    region, other_region, table, secretary
):
    finding = finding_of(region, table)
    with pytest.raises(ValidationError, match="bestaat niet meer"):
        answer(other_region, finding, secretary)


def test_answering_twice_is_refused(region, table, secretary):
    finding = finding_of(region, table)
    answer(region, finding, secretary)
    with pytest.raises(ValidationError, match="al beantwoord"):
        answer(region, finding, secretary)
    assert FindingAnswer.objects.count() == 1


# --- coming back ----------------------------------------------------------------------------


def test_review_date_brings_the_finding_back_on_that_day(region, table, secretary):
    today = timezone.localdate()
    finding = finding_of(region, table)
    answer(region, finding, secretary, review_on=today + timedelta(days=10))
    assert is_answered(region, finding, on=today + timedelta(days=9))
    assert not is_answered(region, finding, on=today + timedelta(days=10))
    state = findings_state(region, on=today + timedelta(days=10))
    (row,) = [r for r in state.open_rows if r.finding.facts == finding.facts]
    assert row.expired_because == EXPIRED_DATE
    assert "datum" in row.expired_reason_text


def test_without_review_date_the_answer_holds(region, table, secretary):
    finding = finding_of(region, table)
    answer(region, finding, secretary)
    assert is_answered(region, finding, on=timezone.localdate() + timedelta(days=3650))


def change_member_added(table, user):
    MembershipFactory(body=table, role=c.MembershipRole.LID)


def change_member_ended(table, user):
    seat = table.memberships.get()
    period_end(obj=seat, end=timezone.localdate(), seen_version=seat.version, user=user)
    MembershipFactory(body=table, role=c.MembershipRole.LID)  # keep the finding alive


def change_member_role(table, user):
    seat = table.memberships.get()
    seat.role = c.MembershipRole.ADVISEUR
    object_save(instance=seat, seen_version=seat.version, user=user)


def change_member_office(table, user):
    person = table.memberships.get().person
    person.office = c.Office.BURGEMEESTER
    object_save(instance=person, seen_version=person.version, user=user)


def change_mandate_added(table, user):
    MandateFactory(body=table)


def change_relation_out(table, user):
    RelationFactory(source=table, target=BodyFactory(region=table.region))


def change_relation_in(table, user):
    RelationFactory(source=BodyFactory(region=table.region), target=table)


def change_body_edited(table, user):
    body = Body.objects.get(pk=table.pk)
    body.description = "Nieuwe beschrijving"
    object_save(instance=body, seen_version=body.version, user=user)


def change_body_saved_without_version(table, user):
    """As the Django admin saves: a plain save() that does not bump ``version``."""
    body = Body.objects.get(pk=table.pk)
    body.meeting_frequency_per_year = 10
    body.save()


def change_body_framework(table, user):
    from governance.models import Framework

    framework = Framework.objects.create(
        region=table.region, name="Convenant zorg en veiligheid", kind="convenant"
    )
    body = Body.objects.get(pk=table.pk)
    body.framework = framework
    object_save(instance=body, seen_version=body.version, user=user)


@pytest.mark.parametrize(
    "change",
    [
        change_body_framework,
        change_member_added,
        change_member_ended,
        change_member_role,
        change_member_office,
        change_mandate_added,
        change_relation_out,
        change_relation_in,
        change_body_edited,
        change_body_saved_without_version,
    ],
)
def test_answer_comes_back_when_a_fact_changes(region, table, secretary, change):
    finding = finding_of(region, table)
    answer(region, finding, secretary)
    assert is_answered(region, finding)
    change(table, secretary)
    changed = finding_of(region, table)
    assert changed.facts != finding.facts
    assert not is_answered(region, changed)
    assert expired_because(region, changed) == EXPIRED_FACTS


def test_return_when_a_mandate_ends(region, table, secretary):
    mandate = MandateFactory(body=table)
    finding = finding_of(region, table)
    answer(region, finding, secretary)
    period_end(obj=mandate, end=timezone.localdate(), seen_version=mandate.version, user=secretary)
    assert not is_answered(region, finding_of(region, table))


def test_return_when_a_relation_is_changed(region, table, secretary):
    relation = RelationFactory(source=table, target=BodyFactory(region=region))
    finding = finding_of(region, table)
    answer(region, finding, secretary)
    relation.kind = c.RelationKind.ONDERSTEUNT
    object_save(instance=relation, seen_version=relation.version, user=secretary)
    assert not is_answered(region, finding_of(region, table))


def test_changes_elsewhere_leave_the_answer_alone(region, table, bystander, secretary):
    finding = finding_of(region, table)
    answer(region, finding, secretary)
    MembershipFactory(body=bystander)
    MandateFactory(body=bystander)
    body = Body.objects.get(pk=bystander.pk)
    body.description = "Anders"
    object_save(instance=body, seen_version=body.version, user=secretary)
    assert finding_of(region, table).facts == finding.facts
    assert is_answered(region, finding)


def test_municipality_finding_returns_when_the_municipality_changes(region, secretary):
    municipality = MunicipalityFactory(region=region, name="Oostdorp")
    (finding,) = [f for f in run_checks(region) if f.check == "municipality_unrepresented"]
    answer(region, finding, secretary)
    assert is_answered(region, finding)
    municipality.name = "Oostdorp-Zuid"
    object_save(instance=municipality, seen_version=municipality.version, user=secretary)
    (changed,) = [f for f in run_checks(region) if f.check == "municipality_unrepresented"]
    assert changed.subject == f"municipality:{municipality.pk}"
    assert not is_answered(region, changed)


def test_expired_answer_is_replaced_and_history_keeps_both(region, table, secretary):
    finding = finding_of(region, table)
    first = answer(region, finding, secretary)
    change_member_added(table, secretary)
    changed = finding_of(region, table)
    second = answer(region, changed, secretary, reason="Nog steeds bewust: netwerk van gelijken.")
    assert second.pk == first.pk
    assert FindingAnswer.objects.count() == 1
    assert is_answered(region, changed)
    kinds = [r.history_type for r in answer_history(region)]
    assert kinds == ["~", "+"]
    assert answer_history(region)[1].reason == REASON


def test_withdraw_opens_the_finding_and_history_keeps_it(region, table, secretary):
    finding = finding_of(region, table)
    saved = answer(region, finding, secretary)
    withdraw_answer(answer=saved, seen_version=saved.version, user=secretary)
    assert not FindingAnswer.objects.exists()
    assert not is_answered(region, finding)
    assert expired_because(region, finding) == ""
    latest = answer_history(region)[0]
    assert latest.history_type == "-" and latest.history_user == secretary


def test_withdraw_with_an_old_version_is_refused(region, table, secretary):
    finding = finding_of(region, table)
    saved = answer(region, finding, secretary)
    with pytest.raises(StaleEdit):
        withdraw_answer(answer=saved, seen_version=saved.version + 1, user=secretary)
    assert FindingAnswer.objects.exists()


def test_withdraw_twice_is_refused(region, table, secretary):
    saved = answer(region, finding_of(region, table), secretary)
    withdraw_answer(answer=saved, seen_version=saved.version, user=secretary)
    with pytest.raises(ValidationError, match="al ingetrokken"):
        withdraw_answer(answer=saved, seen_version=saved.version, user=secretary)


def test_region_wide_finding_follows_the_shape_of_the_bodies(region, secretary):
    # The region has registered long enough for "meer tafels erbij dan eraf" to judge.
    region.registration_since = timezone.localdate() - timedelta(days=3 * 365)
    region.save()
    recent = timezone.localdate() - timedelta(days=30)
    first = BodyFactory(region=region, established_on=recent)
    (finding,) = [f for f in run_checks(region) if f.check == "tables_added_not_retired"]
    assert finding.subject == "region"
    answer(region, finding, secretary)
    # A description is no fact behind "more tables added than retired" …
    body = Body.objects.get(pk=first.pk)
    body.description = "Anders beschreven"
    object_save(instance=body, seen_version=body.version, user=secretary)
    assert is_answered(region, finding)
    # … a table more is.
    BodyFactory(region=region, established_on=recent)
    (changed,) = [f for f in run_checks(region) if f.check == "tables_added_not_retired"]
    assert not is_answered(region, changed)
    assert expired_because(region, changed) == EXPIRED_FACTS
