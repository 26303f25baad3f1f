"""Versions of the beleidstheorie framework (reference data kept by the functioneel beheerder).

- ``framework_copy`` makes a new, not yet current version with the same groups and items, for
  staff to edit in the admin.
- ``framework_activate`` makes a version the current one in one transaction and carries the
  regions' assessments over by item code: every assessment whose code exists in the new
  version is pointed at that version's item (history is written, the version number goes up).
  Assessments whose code is gone stay on their old item and are reported; nothing is deleted.
  Open proposals are carried over the same way. Peilmomenten keep their own framework.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from checklist.constants import ProposalState
from checklist.models import Assessment, AssessmentProposal, Framework, Item, ItemGroup


@dataclass
class Activation:
    """What ``framework_activate`` did; available as ``framework.activation``."""

    previous: Framework | None
    carried_over: int = 0
    proposals_carried_over: int = 0
    left_behind: list[Assessment] = field(default_factory=list)

    @property
    def left_behind_codes(self) -> list[str]:
        return sorted({a.code for a in self.left_behind})

    def message(self, framework: Framework) -> str:
        text = _(
            "%(framework)s is nu de huidige versie. %(carried)d beoordeling(en) overgenomen."
        ) % {"framework": framework, "carried": self.carried_over}
        if self.left_behind:
            text += " " + _(
                "%(count)d beoordeling(en) niet overgenomen, want hun code ontbreekt in deze "
                "versie of past er niet bij (ze blijven bij de oude versie bewaard): %(codes)s."
            ) % {"count": len(self.left_behind), "codes": ", ".join(self.left_behind_codes)}
        return text


@transaction.atomic
def framework_copy(*, framework: Framework, version: str) -> Framework:
    """A new non-current version of ``framework`` with copies of its groups and items."""
    version = (version or "").strip()
    if not version:
        raise ValidationError({"version": _("Geef de nieuwe versie een naam of nummer.")})
    if len(version) > Framework._meta.get_field("version").max_length:
        raise ValidationError({"version": _("Deze versieaanduiding is te lang.")})
    if Framework.objects.filter(name=framework.name, version=version).exists():
        raise ValidationError(
            {"version": _("Versie %(version)s van dit raamwerk bestaat al.") % {"version": version}}
        )
    copy = Framework.objects.create(
        name=framework.name, version=version, is_current=False, source=framework.source
    )
    groups: dict[int, ItemGroup] = {}
    for group in framework.groups.order_by("order", "pk"):
        groups[group.pk] = ItemGroup.objects.create(
            framework=copy, stage=group.stage, name=group.name, order=group.order
        )
    Item.objects.bulk_create(
        Item(
            framework=copy,
            group=groups[item.group_id],
            code=item.code,
            title=item.title,
            description=item.description,
            guiding_questions=item.guiding_questions,
            per_municipality=item.per_municipality,
            order=item.order,
        )
        for item in framework.items.order_by("group__order", "order", "pk")
    )
    return copy


def _carry(obj, item: Item, user) -> None:
    obj.item = item
    obj._history_user = user
    fields = ["item"]
    if isinstance(obj, Assessment):
        obj.code = item.code
        obj.version += 1
        fields += ["code", "version"]
    obj.save(update_fields=fields)


@transaction.atomic
def framework_activate(*, framework: Framework, user) -> Framework:
    """Make ``framework`` the current version and carry the assessments over by code.

    Returns the framework with ``framework.activation`` (an ``Activation``): how many
    assessments were carried over and which stayed behind on their old item.
    """
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if framework.is_current:
        raise ValidationError(
            _("%(framework)s is al de huidige versie.") % {"framework": framework}
        )
    items = {item.code: item for item in framework.items.all()}
    if not items:
        raise ValidationError(
            _("%(framework)s heeft nog geen items; vul de versie eerst aan.")
            % {"framework": framework}
        )
    stray = framework.items.exclude(group__framework=framework).values_list("code", flat=True)
    if stray:
        raise ValidationError(
            _("Deze items hangen aan een groep van een ander raamwerk: %(codes)s.")
            % {"codes": ", ".join(sorted(stray))}
        )

    previous = Framework.objects.select_for_update().filter(is_current=True).first()
    Framework.objects.filter(is_current=True).update(is_current=False)
    framework.is_current = True
    framework.save(update_fields=["is_current"])

    activation = Activation(previous=previous)
    assessments = (
        Assessment.objects.exclude(item__framework=framework)
        .select_related("item")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    for assessment in assessments:
        new_item = items.get(assessment.code)
        if new_item is None or (assessment.municipality_id and not new_item.per_municipality):
            activation.left_behind.append(assessment)
            continue
        _carry(assessment, new_item, user)
        activation.carried_over += 1

    proposals = AssessmentProposal.objects.filter(state=ProposalState.OPEN).exclude(
        item__framework=framework
    )
    for proposal in proposals.select_related("item").order_by("pk"):
        new_item = items.get(proposal.item.code)
        if new_item is None or (proposal.municipality_id and not new_item.per_municipality):
            continue
        _carry(proposal, new_item, user)
        activation.proposals_carried_over += 1

    framework.activation = activation
    return framework
