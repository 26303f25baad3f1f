"""The reflection page: its status steps, what blocks the next step, the conclusions with
their actions and the explanations given to the personal-data guard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from casereflection import privacy
from casereflection.constants import STATUS_ORDER, ReflectionStatus, status_index
from casereflection.models import CaseReflection, Conclusion, PrivacyExplanation
from casereflection.selectors.conclusions import FollowUp
from casereflection.services import SECRETARY_ONLY, transition_errors
from core.history import user_label
from governance.models import Action
from governance.selectors.werkagenda import list_name


@dataclass
class Step:
    value: str
    label: str
    state: str  # "gedaan", "huidig" or "open"


def status_steps(reflection: CaseReflection) -> list[Step]:
    """The six steps of the lifecycle, each done, current or still open. No query."""
    here = status_index(reflection.status)
    steps = []
    for i, (value, label) in enumerate(ReflectionStatus.choices):
        state = "gedaan" if i < here else "huidig" if i == here else "open"
        steps.append(Step(value=value, label=str(label), state=state))
    return steps


def next_status(reflection: CaseReflection) -> str | None:
    """The step after the current one (None after opgevolgd). No query."""
    i = status_index(reflection.status)
    return STATUS_ORDER[i + 1] if i + 1 < len(STATUS_ORDER) else None


def previous_status(reflection: CaseReflection) -> str | None:
    """The step before the current one (None at gepland). No query."""
    i = status_index(reflection.status)
    return STATUS_ORDER[i - 1] if i > 0 else None


def status_label(value: str) -> str:
    """'Aangeboden aan de Stamtafel' for 'aangeboden'."""
    return str(ReflectionStatus(value).label)


def may_take_step(user, reflection: CaseReflection, to_status: str) -> bool:
    """May ``user`` move ``reflection`` to ``to_status``? The gespreksleider takes the steps
    up to aangeboden; concluding, closing and going back are the secretary's. No query beyond
    the user's roles (the service decides again)."""
    if not user.has_perm("casereflection.change_reflection", reflection):
        return False
    secretary = user.has_perm("casereflection.plan_reflection", reflection.region)
    step = status_index(to_status) - status_index(reflection.status)
    if step == -1 or to_status in SECRETARY_ONLY:
        return secretary
    return step == 1


def open_requirements(
    reflection: CaseReflection, to_status: str, *, skip: tuple[str, ...] = ()
) -> list[str]:
    """What still stands in the way of ``to_status``, in words (at most one query); ``skip``:
    fields that the step's own form asks for."""
    errors = transition_errors(reflection, to_status)
    return [m for key, messages in errors.items() if key not in skip for m in messages]


@dataclass
class ConclusionRow:
    conclusion: Conclusion
    action: Action | None
    list_name: str = ""
    overdue: bool = False


# What the page shows of a PrivacyExplanation's field name.
def _field_label(name: str) -> str:
    model, _sep, attr = name.rpartition(".")
    target = Conclusion if model == "conclusie" else CaseReflection
    try:
        label = str(target._meta.get_field(attr).verbose_name)
    except Exception:  # noqa: BLE001 - an old or unknown field name is shown as it is
        return name
    if target is Conclusion:
        return _("conclusie: %(field)s") % {"field": label}
    return label


@dataclass
class ExplanationRow:
    explanation: PrivacyExplanation
    field_label: str
    kind_label: str
    who: str


def reflection_detail(reflection: CaseReflection, user, *, today: date | None = None) -> dict:
    """Everything on the reflection page.

    Queries: themes, organisations, delegation (one each); conclusions with agenda item,
    meeting, body, assignee and aanspreekpunt joined; their actions with the date of the last
    update (one, annotated); the privacy explanations for the secretary (one, with the user);
    and the open requirements of the next step (at most one). The reflection itself comes from
    ``get_reflection``.
    """
    today = today or timezone.localdate()
    region = reflection.region
    conclusions = list(
        Conclusion.objects.filter(reflection=reflection)
        .select_related(
            "agenda_item__meeting__body",
            "assignee_body",
            "assignee_organisation",
            "contact_administrator__person",
            "contact_administrator__body",
            "contact_administrator__organisation",
            "contact_administrator__municipality",
        )
        .order_by("priority", "decided_on", "pk")
    )
    action_ids = [c.action_id for c in conclusions if c.action_id]
    actions = {
        a.pk: a
        for a in Action.objects.filter(pk__in=action_ids)
        .with_last_update()
        .only("id", "region_id", "title", "list", "due_date", "created_on")
    }
    rows = []
    for c in conclusions:
        action = actions.get(c.action_id)
        row = ConclusionRow(conclusion=c, action=action)
        if action is not None:
            action.region = region
            row.list_name = list_name(action.list)
            row.overdue = action.is_overdue(today)
        rows.append(row)

    follow_up = FollowUp()
    for row in rows:
        follow_up.add(row.action, today)

    can_change = user.has_perm("casereflection.change_reflection", reflection)
    is_secretary = user.has_perm("casereflection.plan_reflection", region)
    following = next_status(reflection)
    previous = previous_status(reflection)
    can_advance = following is not None and may_take_step(user, reflection, following)
    explanations: list[ExplanationRow] = []
    if user.has_perm("casereflection.explain_privacy_finding", region):
        for e in PrivacyExplanation.objects.filter(reflection=reflection).select_related(
            "explained_by"
        ):
            who = e.explained_by
            explanations.append(
                ExplanationRow(
                    explanation=e,
                    field_label=_field_label(e.field),
                    kind_label=str(privacy.LABELS.get(e.kind, e.kind)),
                    who=user_label(who, "—"),
                )
            )
    return {
        "themes": list(reflection.themes.order_by("name")),
        "organisations": list(reflection.organisations.order_by("name")),
        "delegation": list(reflection.delegation.order_by("name")),
        "steps": status_steps(reflection),
        "next_status": following,
        "next_label": status_label(following) if following else "",
        "previous_status": previous if is_secretary else None,
        "previous_label": status_label(previous) if previous and is_secretary else "",
        "can_advance": can_advance,
        "requirements": open_requirements(reflection, following) if can_advance else [],
        "conclusion_rows": rows,
        "follow_up": follow_up,
        "may_conclude": reflection.may_conclude,
        "can_change": can_change,
        "is_secretary": is_secretary,
        "can_change_conclusion": user.has_perm("casereflection.change_conclusion", reflection),
        "explanations": explanations,
    }
