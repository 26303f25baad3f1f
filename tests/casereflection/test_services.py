"""Services of the case reflections: planning and changing, the lifecycle, conclusions.

Every refusal is a Dutch message keyed by the field it concerns, and nothing is saved."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casereflection.constants import ReflectionStatus
from casereflection.models import CaseReflection, Conclusion, PrivacyExplanation, quarter_of
from casereflection.services import conclusion_save, reflection_advance, reflection_save
from core.locking import StaleEdit
from governance.constants import ActionList, ActionOrigin, ClosedReason, Office
from governance.models import Action
from governance.services.werkagenda import action_move
from tests.factories import (
    BodyFactory,
    CaseReflectionFactory,
    ConclusionFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RoleFactory,
    SubRegionFactory,
    UserFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db

PHONE_TEXT = "De moeder is bereikbaar op 06-12345678 voor de wijkagent."


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def secretary(region):
    user = UserFactory()
    RoleFactory(user=user, region=region, role="secretary")
    return user


@pytest.fixture
def facilitator_user(region):
    user = UserFactory()
    RoleFactory(user=user, region=region, role="participant")
    return user


def new_reflection(region, **fields) -> CaseReflection:
    defaults = {
        "year": 2021,
        "quarter": 2,
        "sub_region": SubRegionFactory(region=region),
        "case_kind": "systeem",
        "title": "Terugkeer na detentie zonder woonplek",
    }
    defaults.update(fields)
    return CaseReflection(region=region, **defaults)


def save(reflection, user, **kwargs):
    return reflection_save(
        instance=reflection,
        seen_version=reflection.version if reflection.pk else None,
        user=user,
        **kwargs,
    )


# --- reflection_save ---------------------------------------------------------------------------


def test_plans_a_reflection_with_its_links(region, secretary):
    org = OrganisationFactory(region=region)
    delegate = PersonFactory(region=region)
    reflection = save(new_reflection(region), secretary, organisations=[org], delegation=[delegate])
    assert reflection.status == ReflectionStatus.GEPLAND
    assert list(reflection.organisations.all()) == [org]
    assert list(reflection.delegation.all()) == [delegate]
    assert reflection.history.count() == 1


def test_a_quarter_holds_one_reflection(region, secretary):
    save(new_reflection(region), secretary)
    with pytest.raises(ValidationError) as exc:
        save(new_reflection(region), secretary)
    assert "K2 2021" in exc.value.message_dict["quarter"][0]
    assert CaseReflection.objects.count() == 1


def test_links_of_another_region_are_refused(region, secretary):
    other = RegionFactory()
    with pytest.raises(ValidationError) as exc:
        save(
            new_reflection(region),
            secretary,
            organisations=[OrganisationFactory(region=other)],
            delegation=[PersonFactory(region=other)],
        )
    assert "andere regio" in exc.value.message_dict["organisations"][0]
    assert "andere regio" in exc.value.message_dict["delegation"][0]
    with pytest.raises(ValidationError) as exc:
        save(new_reflection(region, sub_region=SubRegionFactory(region=other)), secretary)
    assert "sub_region" in exc.value.message_dict
    assert not CaseReflection.objects.exists()


def test_the_guard_blocks_personal_data_and_saves_nothing(region, secretary):
    with pytest.raises(ValidationError) as exc:
        save(new_reflection(region, summary=PHONE_TEXT), secretary)
    message = exc.value.message_dict["summary"][0]
    assert "06-12345678" in message
    assert "telefoonnummer" in message.lower()
    assert "__all__" in exc.value.message_dict
    assert not CaseReflection.objects.exists()


def test_the_guard_checks_every_free_text_field(region, secretary):
    reflection = save(new_reflection(region), secretary)
    for field in ("title", "dilemma", "insights", "proposal", "answer_justice", "method_note"):
        reflection.refresh_from_db()
        setattr(reflection, field, "Mail de zus via iemand@example.nl over de afspraken.")
        with pytest.raises(ValidationError) as exc:
            save(reflection, secretary)
        assert field in exc.value.message_dict, field
    reflection.refresh_from_db()
    assert reflection.version == 1


def test_the_secretary_explains_a_wrong_finding_once(region, secretary):
    text = "Het telefoonnummer van het Zorg- en Veiligheidshuis is 06-12345678."
    reflection = save(
        new_reflection(region, summary=text),
        secretary,
        privacy_explanation="Dit is het algemene nummer van het Veiligheidshuis.",
    )
    explanation = PrivacyExplanation.objects.get()
    assert (explanation.field, explanation.kind, explanation.text) == (
        "summary",
        "phone",
        "06-12345678",
    )
    assert explanation.explained_by == secretary
    # Saving again needs no new explanation for the same text in the same field ...
    reflection.insights = "Korte lijnen helpen."
    save(reflection, secretary)
    # ... but the same number in another field is checked again.
    reflection.dilemma = text
    with pytest.raises(ValidationError) as exc:
        save(reflection, secretary)
    assert "dilemma" in exc.value.message_dict


def test_only_the_secretary_may_explain(region, secretary, facilitator_user):
    reflection = save(
        new_reflection(region, facilitator=PersonFactory(region=region, user=facilitator_user)),
        secretary,
    )
    reflection.summary = PHONE_TEXT
    with pytest.raises(PermissionDenied):
        save(reflection, facilitator_user, privacy_explanation="Klopt wel.")
    assert not PrivacyExplanation.objects.exists()


def test_a_stale_edit_is_refused(region, secretary):
    reflection = save(new_reflection(region), secretary)
    first = CaseReflection.objects.get(pk=reflection.pk)
    second = CaseReflection.objects.get(pk=reflection.pk)
    first.insights = "Eerste versie."
    save(first, secretary)
    second.insights = "Tweede versie."
    with pytest.raises(StaleEdit):
        reflection_save(instance=second, seen_version=1, user=secretary)


def test_another_sub_region_than_the_rotation_needs_a_reason(region, secretary):
    today = timezone.localdate()
    year, quarter = quarter_of(today)
    first = SubRegionFactory(region=region, name="A-regio")
    second = SubRegionFactory(region=region, name="B-regio")
    with pytest.raises(ValidationError) as exc:
        save(new_reflection(region, year=year, quarter=quarter, sub_region=second), secretary)
    assert first.name in exc.value.message_dict["rotation_note"][0]
    reflection = save(
        new_reflection(
            region,
            year=year,
            quarter=quarter,
            sub_region=second,
            rotation_note="A-regio heeft dit kwartaal geen geschikte casus.",
        ),
        secretary,
    )
    assert reflection.pk
    # Past quarters are history: no proposal, no reason needed.
    save(new_reflection(region, year=year - 3, quarter=quarter, sub_region=second), secretary)


# --- reflection_advance ------------------------------------------------------------------------


def advance(reflection, user, to, **kwargs):
    reflection.refresh_from_db()
    return reflection_advance(
        reflection=reflection, to_status=to, seen_version=reflection.version, user=user, **kwargs
    )


def test_the_lifecycle_in_order(region, secretary):
    facilitator = PersonFactory(region=region)
    reflection = CaseReflectionFactory(region=region)
    with pytest.raises(ValidationError) as exc:
        advance(reflection, secretary, ReflectionStatus.VOORBEREID)
    assert "facilitator" in exc.value.message_dict
    CaseReflection.objects.filter(pk=reflection.pk).update(facilitator=facilitator)
    advance(reflection, secretary, ReflectionStatus.VOORBEREID)

    with pytest.raises(ValidationError) as exc:
        advance(reflection, secretary, ReflectionStatus.BESPROKEN)
    assert "held_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        advance(
            reflection,
            secretary,
            ReflectionStatus.BESPROKEN,
            held_on=timezone.localdate() + timedelta(days=3),
        )
    assert "held_on" in exc.value.message_dict
    advance(reflection, secretary, ReflectionStatus.BESPROKEN, held_on=date(2021, 5, 1))

    with pytest.raises(ValidationError) as exc:
        advance(reflection, secretary, ReflectionStatus.AANGEBODEN)
    assert "bespreekvoorstel" in exc.value.message_dict["proposal"][0]
    CaseReflection.objects.filter(pk=reflection.pk).update(proposal="Voorstel aan de Stamtafel.")
    advance(reflection, secretary, ReflectionStatus.AANGEBODEN)
    reflection.refresh_from_db()
    assert reflection.offered_on == timezone.localdate()

    with pytest.raises(ValidationError) as exc:
        advance(reflection, secretary, ReflectionStatus.GECONCLUDEERD)
    assert "conclusie" in exc.value.message_dict["__all__"][0]


def test_no_step_is_skipped(region, secretary):
    reflection = CaseReflectionFactory(region=region, facilitator=PersonFactory(region=region))
    with pytest.raises(ValidationError) as exc:
        advance(reflection, secretary, ReflectionStatus.BESPROKEN)
    assert "to_status" in exc.value.message_dict
    reflection.refresh_from_db()
    assert reflection.status == ReflectionStatus.GEPLAND


def test_the_secretary_may_go_back_a_step_the_facilitator_not(region, secretary, facilitator_user):
    person = PersonFactory(region=region, user=facilitator_user)
    reflection = CaseReflectionFactory(region=region, facilitator=person)
    advance(reflection, facilitator_user, ReflectionStatus.VOORBEREID)
    with pytest.raises(PermissionDenied):
        advance(reflection, facilitator_user, ReflectionStatus.GEPLAND)
    advance(reflection, secretary, ReflectionStatus.GEPLAND)
    reflection.refresh_from_db()
    assert reflection.status == ReflectionStatus.GEPLAND


def test_concluding_and_following_up_are_for_the_secretary(region, secretary, facilitator_user):
    person = PersonFactory(region=region, user=facilitator_user)
    conclusion = ConclusionFactory(
        reflection=CaseReflectionFactory(region=region, facilitator=person, status="aangeboden")
    )
    with pytest.raises(PermissionDenied):
        advance(conclusion.reflection, facilitator_user, ReflectionStatus.GECONCLUDEERD)
    advance(conclusion.reflection, secretary, ReflectionStatus.GECONCLUDEERD)


def test_followed_up_only_when_the_actions_are_done_or_explained(region, secretary):
    reflection = CaseReflectionFactory(region=region, status="aangeboden")
    conclusion = conclusion_save(
        instance=ConclusionFactory.build(
            reflection=reflection,
            contact_administrator=trekker_membership(region),
            assignee_organisation=OrganisationFactory(region=region),
        ),
        seen_version=None,
        user=secretary,
    )
    advance(reflection, secretary, ReflectionStatus.GECONCLUDEERD)
    with pytest.raises(ValidationError) as exc:
        advance(reflection, secretary, ReflectionStatus.OPGEVOLGD)
    assert conclusion.action.title in exc.value.message_dict["note"][0]
    # With a reason it may (the reason is guarded too).
    with pytest.raises(ValidationError):
        advance(reflection, secretary, ReflectionStatus.OPGEVOLGD, note="Bel 0612345678.")
    advance(
        reflection,
        secretary,
        ReflectionStatus.OPGEVOLGD,
        note="De opdracht is overgedragen aan de regiegroep.",
    )
    reflection.refresh_from_db()
    assert reflection.follow_up_note == "De opdracht is overgedragen aan de regiegroep."
    # Without a reason once the action is gereed.
    advance(reflection, secretary, ReflectionStatus.GECONCLUDEERD)
    action = conclusion.action
    action.refresh_from_db()
    action_move(
        action=action,
        to_list=ActionList.GEREED,
        seen_version=action.version,
        user=secretary,
        closed_reason=ClosedReason.AFGEROND,
    )
    advance(reflection, secretary, ReflectionStatus.OPGEVOLGD)


# --- conclusion_save ---------------------------------------------------------------------------


def test_a_conclusion_creates_its_action_in_one_go(region, secretary):
    reflection = CaseReflectionFactory(region=region, status="aangeboden")
    partner = OrganisationFactory(region=region)
    reflection.organisations.set([partner])
    trekker = trekker_membership(region)
    conclusion = conclusion_save(
        instance=ConclusionFactory.build(
            reflection=reflection,
            title="Signalen eerder delen",
            contact_administrator=trekker,
            assignee_body=trekker.body,
            due_date=timezone.localdate() + timedelta(days=90),
        ),
        seen_version=None,
        user=secretary,
    )
    action = Action.objects.get()
    assert conclusion.action == action
    assert action.list == ActionList.ACTIE
    assert action.trekker == trekker
    assert action.owning_body == trekker.body
    assert action.origin == ActionOrigin.REFLECTIE
    assert reflection.quarter_label in action.origin_note
    assert action.title == "Signalen eerder delen"
    assert list(action.coalition.all()) == [partner]
    assert action.updates.count() == 1
    # Changing the conclusion does not add a second action.
    conclusion.note = "Aangescherpt in de vergadering."
    conclusion_save(instance=conclusion, seen_version=conclusion.version, user=secretary)
    assert Action.objects.count() == 1


def test_no_conclusion_before_the_proposal_is_offered(region, secretary):
    reflection = CaseReflectionFactory(region=region, status="besproken")
    with pytest.raises(ValidationError) as exc:
        conclusion_save(
            instance=ConclusionFactory.build(reflection=reflection),
            seen_version=None,
            user=secretary,
        )
    assert "aangeboden" in exc.value.message_dict["__all__"][0]
    assert not Conclusion.objects.exists()
    assert not Action.objects.exists()


def test_the_aanspreekpunt_must_be_a_current_administrator(region, secretary):
    reflection = CaseReflectionFactory(region=region, status="aangeboden")
    official = MembershipFactory(body=BodyFactory(region=region), person__office=Office.AMBTELIJK)
    with pytest.raises(ValidationError) as exc:
        conclusion_save(
            instance=ConclusionFactory.build(
                reflection=reflection, contact_administrator=official, assignee_body=official.body
            ),
            seen_version=None,
            user=secretary,
        )
    assert "bestuurder" in exc.value.message_dict["contact_administrator"][0]
    assert not Conclusion.objects.exists()
    assert not Action.objects.exists()


def test_a_refused_action_leaves_no_conclusion(region, secretary):
    """No coalition partner: the werkagenda refuses the action, so the conclusion is not kept."""
    reflection = CaseReflectionFactory(region=region, status="aangeboden")
    with pytest.raises(ValidationError) as exc:
        conclusion_save(
            instance=ConclusionFactory.build(reflection=reflection),
            seen_version=None,
            user=secretary,
        )
    assert "coalitiepartner" in exc.value.message_dict["assignee_organisation"][0]
    assert not Conclusion.objects.exists()
    assert not Action.objects.exists()


def test_the_guard_checks_conclusions(region, secretary):
    reflection = CaseReflectionFactory(region=region, status="aangeboden")
    with pytest.raises(ValidationError) as exc:
        conclusion_save(
            instance=ConclusionFactory.build(
                reflection=reflection,
                assignment="Neem contact op met de familie, Dorpsstraat 14 in Zutphen.",
                assignee_organisation=OrganisationFactory(region=region),
            ),
            seen_version=None,
            user=secretary,
        )
    assert "assignment" in exc.value.message_dict
    assert not Action.objects.exists()


def test_references_of_another_region_are_refused(region, secretary):
    other = RegionFactory()
    reflection = CaseReflectionFactory(region=region, status="aangeboden")
    foreign = trekker_membership(other)
    with pytest.raises(ValidationError) as exc:
        conclusion_save(
            instance=ConclusionFactory.build(
                reflection=reflection,
                contact_administrator=foreign,
                assignee_body=foreign.body,
            ),
            seen_version=None,
            user=secretary,
        )
    errors = exc.value.message_dict
    assert "andere regio" in errors["contact_administrator"][0]
    assert "andere regio" in errors["assignee_body"][0]
    assert not Action.objects.exists()
