"""The beleidstheorie framework: the 2020 reference data, new versions and carrying over."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from checklist.constants import STAGE_ORDER, Stage, Status
from checklist.models import Assessment, AssessmentProposal, Framework, Item, Snapshot
from checklist.services.framework import framework_activate, framework_copy
from tests.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db

CODE_PATTERN = re.compile(r"^(I[1-5]|A[1-4]\.[1-9]|O[1-4]|M[1-8]|U[1-3])$")
EXPECTED_CODES = [
    *(f"I{n}" for n in range(1, 6)),
    *(f"A1.{n}" for n in range(1, 5)),
    *(f"A2.{n}" for n in range(1, 5)),
    *(f"A3.{n}" for n in range(1, 5)),
    *(f"A4.{n}" for n in range(1, 3)),
    *(f"O{n}" for n in range(1, 5)),
    *(f"M{n}" for n in range(1, 9)),
    *(f"U{n}" for n in range(1, 4)),
]


@pytest.fixture
def framework():
    return Framework.current()


# The reference data of migration 0002 ---------------------------------------------------------


def test_the_2020_framework_is_current(framework):
    assert framework is not None
    assert framework.version == "2020"
    assert framework.name == "Beleidstheorie regionale samenwerking Zorg + Veiligheid"
    assert "Berenschot" in framework.source
    assert Framework.objects.filter(is_current=True).count() == 1


def test_34_items_per_stage(framework):
    stages = Counter(item.group.stage for item in framework.items.select_related("group"))
    assert framework.items.count() == 34
    assert stages == {
        Stage.INPUT: 5,
        Stage.ACTIVITEITEN: 14,
        Stage.OUTPUT: 4,
        Stage.MECHANISMEN: 8,
        Stage.OUTCOME: 3,
    }


def test_groups_per_stage(framework):
    groups = Counter(group.stage for group in framework.groups.all())
    assert groups == {
        Stage.INPUT: 1,
        Stage.ACTIVITEITEN: 4,
        Stage.OUTPUT: 1,
        Stage.MECHANISMEN: 3,
        Stage.OUTCOME: 1,
    }
    assert [g.name for g in framework.groups.filter(stage=Stage.ACTIVITEITEN)] == [
        "Beleidsontwikkeling",
        "Tactische (programmatische) sturing",
        "Uitvoering",
        "Monitoring en kennisdeling",
    ]


def test_codes_are_unique_match_the_pattern_and_read_input_to_outcome(framework):
    items = list(framework.items.select_related("group"))
    codes = [item.code for item in items]
    assert codes == EXPECTED_CODES  # the model's ordering: group order, then item order
    assert len(set(codes)) == len(codes)
    assert all(CODE_PATTERN.match(code) for code in codes)
    stage_ranks = [STAGE_ORDER[item.group.stage] for item in items]
    assert stage_ranks == sorted(stage_ranks)
    for item in items:  # A2.3 sits in the second activity group, third place
        if item.code.startswith("A"):
            group_number, number = item.code[1:].split(".")
            activity_groups = list(framework.groups.filter(stage=Stage.ACTIVITEITEN))
            assert item.group == activity_groups[int(group_number) - 1]
            assert item.order == int(number)


def test_only_outcomes_are_judged_per_municipality(framework):
    per_municipality = framework.items.filter(per_municipality=True)
    assert sorted(per_municipality.values_list("code", flat=True)) == ["U1", "U2", "U3"]
    assert set(per_municipality.values_list("group__stage", flat=True)) == {Stage.OUTCOME}


def test_every_item_has_a_title_description_and_guiding_questions(framework):
    for item in framework.items.all():
        assert item.title and len(item.title) <= 80, item.code
        sentences = [s for s in re.split(r"(?<=[.?!])\s+", item.description.strip()) if s]
        assert 2 <= len(sentences) <= 4, item.code
        assert 2 <= len(item.questions()) <= 4, item.code
        assert all(q.endswith("?") for q in item.questions()), item.code
        item.full_clean()


# Versions -------------------------------------------------------------------------------------


def test_only_one_framework_can_be_current(framework):
    with pytest.raises(IntegrityError), transaction.atomic():
        Framework.objects.create(name=framework.name, version="2099", is_current=True)


def test_copy_makes_a_non_current_version_with_the_same_groups_and_items(framework):
    copy = framework_copy(framework=framework, version="2026")

    assert not copy.is_current and copy.name == framework.name
    assert Framework.current() == framework
    assert copy.groups.count() == framework.groups.count() == 10
    assert list(copy.items.values_list("code", "title", "per_municipality", "group__name")) == (
        list(framework.items.values_list("code", "title", "per_municipality", "group__name"))
    )
    assert not copy.items.exclude(group__framework=copy).exists()
    assert framework.items.count() == 34  # the original is untouched


def test_copy_to_an_existing_version_is_refused(framework):
    with pytest.raises(ValidationError) as error:
        framework_copy(framework=framework, version="2020")
    assert "version" in error.value.message_dict
    with pytest.raises(ValidationError):
        framework_copy(framework=framework, version="  ")


def test_activate_carries_assessments_over_by_code_and_keeps_removed_codes(
    framework, region, staff_user
):
    other = RegionFactory()
    municipality = MunicipalityFactory(region=region)
    old = {code: framework.items.get(code=code) for code in ("I1", "A1.1", "U3")}
    kept = Assessment.objects.create(region=region, item=old["I1"], status=Status.VERKEND)
    per_municipality = Assessment.objects.create(
        region=region, item=old["U3"], municipality=municipality, status=Status.GEREALISEERD
    )
    removed = Assessment.objects.create(
        region=region, item=old["A1.1"], status=Status.IN_ONTWIKKELING
    )
    elsewhere = Assessment.objects.create(region=other, item=old["I1"], status=Status.GEBORGD)
    proposal = AssessmentProposal.objects.create(
        region=region, item=old["I1"], status=Status.GEREALISEERD, evidence="Vastgesteld."
    )
    snapshot = Snapshot.objects.create(region=region, framework=framework, date=date(2026, 1, 1))

    new = framework_copy(framework=framework, version="2026")
    new.items.filter(code="A1.1").delete()
    new.items.filter(code="I1").update(title="Regionaal bestuurlijk gremium")

    result = framework_activate(framework=new, user=staff_user)

    assert result == new and Framework.current() == new
    framework.refresh_from_db()
    assert not framework.is_current
    activation = result.activation
    assert activation.previous == framework
    assert activation.carried_over == 3
    assert activation.left_behind_codes == ["A1.1"]
    assert activation.proposals_carried_over == 1
    assert "3 beoordeling(en) overgenomen" in activation.message(new)
    assert "A1.1" in activation.message(new)

    for assessment in (kept, per_municipality, removed, elsewhere, proposal, snapshot):
        assessment.refresh_from_db()
    assert kept.item == new.items.get(code="I1") and kept.status == Status.VERKEND
    assert elsewhere.item == new.items.get(code="I1")
    assert per_municipality.item == new.items.get(code="U3")
    assert per_municipality.municipality == municipality
    assert removed.item == old["A1.1"] and removed.code == "A1.1"  # never deleted
    assert proposal.item == new.items.get(code="I1")
    assert snapshot.framework == framework
    assert Assessment.objects.count() == 4
    assert Assessment.objects.for_framework(new).count() == 3

    # The move is in the history and makes forms opened before it stale.
    assert kept.version == 2
    last = kept.history.first()
    assert last.item_id == kept.item_id and last.history_user == staff_user


def test_activating_back_carries_the_assessments_back(framework, region, staff_user):
    assessment = Assessment.objects.create(
        region=region, item=framework.items.get(code="M5"), status=Status.VERKEND
    )
    new = framework_copy(framework=framework, version="2026")
    framework_activate(framework=new, user=staff_user)
    framework_activate(framework=framework, user=staff_user)

    assessment.refresh_from_db()
    assert Framework.current() == framework
    assert assessment.item == framework.items.get(code="M5")


def test_activating_the_current_or_an_empty_version_is_refused(framework, staff_user):
    with pytest.raises(ValidationError, match="al de huidige versie"):
        framework_activate(framework=framework, user=staff_user)
    empty = Framework.objects.create(name=framework.name, version="leeg")
    with pytest.raises(ValidationError, match="nog geen items"):
        framework_activate(framework=empty, user=staff_user)
    assert Framework.current() == framework


# Admin for the functioneel beheerder ----------------------------------------------------------


@pytest.fixture
def admin_client(client, staff_user):
    staff_user.is_superuser = True
    staff_user.save(update_fields=["is_superuser"])
    client.force_login(staff_user)
    return client


def test_admin_lists_and_shows_the_framework(admin_client, framework):
    response = admin_client.get(reverse("admin:checklist_framework_changelist"))
    assert response.status_code == 200
    assert framework.name in response.content.decode()
    assert "Maak deze versie de huidige" in response.content.decode()

    response = admin_client.get(reverse("admin:checklist_framework_change", args=[framework.pk]))
    assert response.status_code == 200
    assert "A4.2" in response.content.decode()

    response = admin_client.get(
        reverse("admin:checklist_item_changelist"), {"framework__id__exact": framework.pk}
    )
    assert response.status_code == 200
    assert admin_client.get(reverse("admin:checklist_framework_add")).status_code == 200


def test_admin_actions_copy_and_make_current(admin_client, framework):
    url = reverse("admin:checklist_framework_changelist")
    response = admin_client.post(
        url,
        {"action": "copy_as_new_version", "_selected_action": [framework.pk]},
        follow=True,
    )
    assert response.status_code == 200
    copy = Framework.objects.get(version="2020 concept")
    assert copy.items.count() == 34 and not copy.is_current

    response = admin_client.post(
        url, {"action": "make_current", "_selected_action": [copy.pk]}, follow=True
    )
    assert response.status_code == 200
    assert "is nu de huidige versie" in response.content.decode()
    assert Framework.current() == copy


def test_admin_refuses_a_code_change_in_a_version_in_use(admin_client, framework):
    item = framework.items.get(code="I1")
    response = admin_client.post(
        reverse("admin:checklist_item_change", args=[item.pk]),
        {
            "group": item.group_id,
            "code": "X1",
            "title": item.title,
            "description": item.description,
            "guiding_questions": item.guiding_questions,
            "order": item.order,
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "blijft I1" in response.content.decode()
    assert Item.objects.filter(pk=item.pk, code="I1").exists()


def test_admin_is_closed_to_region_users(client, secretary):
    client.force_login(secretary)
    response = client.get(reverse("admin:checklist_framework_changelist"))
    assert response.status_code == 302


def _change_form_data(response) -> dict:
    """The change form's own values, as the browser would post them unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name, field in management.fields.items():
            data[management.add_prefix(name)] = management.initial.get(name, field.initial)
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None or value is False:
                continue
            if hasattr(value, "pk"):
                value = value.pk
            data[form.add_prefix(name)] = value
    return data


def test_staff_edit_a_copied_version_in_the_admin(admin_client, framework):
    copy = framework_copy(framework=framework, version="2026")
    url = reverse("admin:checklist_framework_change", args=[copy.pk])
    page = admin_client.get(url)
    item_forms = page.context["inline_admin_formsets"][1].formset.forms
    assert set(item_forms[0].fields["group"].queryset) == set(copy.groups.all())
    data = _change_form_data(page)
    data["version"] = "2026-herzien"
    index = list(copy.items.values_list("code", flat=True)).index("A4.2")
    data[f"items-{index}-code"] = "A4.3"
    data[f"items-{index}-title"] = "Kennis delen met andere regio's"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    copy.refresh_from_db()
    assert copy.version == "2026-herzien"
    assert copy.items.get(code="A4.3").title == "Kennis delen met andere regio's"
    assert framework.items.filter(code="A4.2").exists()


def test_the_current_version_can_be_saved_unchanged_in_the_admin(admin_client, framework):
    url = reverse("admin:checklist_framework_change", args=[framework.pk])
    response = admin_client.post(url, _change_form_data(admin_client.get(url)))
    assert response.status_code == 302
    assert framework.items.count() == 34 and Framework.current() == framework
