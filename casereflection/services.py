"""Writes of the case reflections. Keyword arguments only; one transaction each.

Every service refuses bad input with a Dutch ``ValidationError`` keyed by the form field it
concerns, and then nothing is saved:

- ``reflection_save`` plans or changes a reflection: the quarter is free, references belong
  to the region, another sub-region than the rotation proposes needs a reason, and no
  free-text field holds personal data (``casereflection.privacy``).
- ``reflection_advance`` moves it one step along gepland → voorbereid → besproken →
  aangeboden → geconcludeerd → opgevolgd, with the rules of each step.
- ``conclusion_save`` records what the Stamtafel concluded; a new conclusion creates its
  werkagenda action (in *actie*, trekker = the aanspreekpunt, origin = this reflection) in the
  same transaction, through the werkagenda's own service and list rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casereflection import privacy
from casereflection.constants import (
    GUARDED_CONCLUSION_FIELDS,
    GUARDED_REFLECTION_FIELDS,
    ReflectionStatus,
    status_index,
)
from casereflection.models import CaseReflection, Conclusion, PrivacyExplanation, quarter_label
from casereflection.rotation import proposed_sub_region
from core.locking import save_versioned
from governance.constants import ActionList, ActionOrigin, Weight
from governance.models import Action, Organisation, Person, Theme
from governance.services.werkagenda import action_save, trekker_error

# --- the personal-data guard -----------------------------------------------------------------


def _guard(
    *,
    reflection: CaseReflection,
    values: Mapping[str, str],
    scope: str,
    explanation: str,
    user,
) -> list[tuple[str, privacy.Finding]]:
    """Raise a ValidationError per field with findings not explained before.

    Returns the findings that ``explanation`` covers (to be recorded after the save). Only a
    user with ``explain_privacy_finding`` may explain; anyone else is refused like any save.
    """
    explained = set()
    if reflection.pk:
        explained = set(
            PrivacyExplanation.objects.filter(reflection=reflection).values_list(
                "field", "kind", "text"
            )
        )
    open_findings: list[tuple[str, privacy.Finding]] = []
    errors: dict[str, list[str]] = {}
    for name, text in values.items():
        for finding in privacy.find_personal_data(text or ""):
            if (f"{scope}{name}", finding.kind, finding.text) in explained:
                continue
            open_findings.append((name, finding))
            errors.setdefault(name, []).append(
                _("Mogelijk een persoonsgegeven. %(detail)s")
                % {"detail": privacy.describe(finding, text)}
            )
    if not open_findings:
        return []
    explanation = explanation.strip()
    if explanation:
        if not user.has_perm("casereflection.explain_privacy_finding", reflection.region):
            raise PermissionDenied
        return open_findings
    errors.setdefault("__all__", []).append(
        _(
            "Niet opgeslagen: de tekst lijkt persoonsgegevens te bevatten. Een casusreflectie "
            "bevat geen gegevens over personen; beschrijf de situatie in algemene termen."
        )
    )
    raise ValidationError(errors)


def _record_explanations(
    *, reflection: CaseReflection, findings, scope: str, explanation: str, user
) -> None:
    for name, finding in findings:
        PrivacyExplanation.objects.get_or_create(
            reflection=reflection,
            field=f"{scope}{name}",
            kind=finding.kind,
            text=finding.text[:200],
            defaults={"explanation": explanation.strip(), "explained_by": user},
        )


# --- reflections -----------------------------------------------------------------------------


def _foreign(objects: Iterable, region_id: int) -> list[str]:
    return sorted(str(o) for o in objects if getattr(o, "region_id", region_id) != region_id)


@transaction.atomic
def reflection_save(
    *,
    instance: CaseReflection,
    seen_version: int | None,
    user,
    themes: Iterable[Theme] = (),
    organisations: Iterable[Organisation] = (),
    delegation: Iterable[Person] = (),
    privacy_explanation: str = "",
    today: date | None = None,
) -> CaseReflection:
    """Plan a new reflection or change one (not its status: that is ``reflection_advance``)."""
    region = instance.region
    errors: dict[str, list[str]] = {}
    organisations, delegation = list(organisations), list(delegation)
    foreign_orgs = [o.name for o in organisations if o.region_id not in (None, region.pk)]
    if foreign_orgs:
        errors["organisations"] = [
            _("Van een andere regio: %(names)s.") % {"names": ", ".join(sorted(foreign_orgs))}
        ]
    foreign_people = _foreign(delegation, region.pk)
    if foreign_people:
        errors["delegation"] = [
            _("Van een andere regio: %(names)s.") % {"names": ", ".join(foreign_people)}
        ]
    taken = CaseReflection.objects.filter(
        region=region, year=instance.year, quarter=instance.quarter
    ).exclude(pk=instance.pk)
    if instance.year and instance.quarter and taken.exists():
        errors["quarter"] = [
            _("Voor %(quarter)s is al een casusreflectie gepland.")
            % {"quarter": quarter_label(instance.year, instance.quarter)}
        ]
    stored = None
    if instance.pk:
        stored = (
            CaseReflection.objects.filter(pk=instance.pk)
            .values("year", "quarter", "sub_region_id")
            .first()
        )
    turn_changed = stored is None or stored != {
        "year": instance.year,
        "quarter": instance.quarter,
        "sub_region_id": instance.sub_region_id,
    }
    if turn_changed and instance.year and instance.quarter and instance.sub_region_id:
        proposed = proposed_sub_region(region, instance.year, instance.quarter, today=today)
        if (
            proposed is not None
            and proposed.pk != instance.sub_region_id
            and not instance.rotation_note.strip()
        ):
            errors["rotation_note"] = [
                _(
                    "Volgens het rooster is %(name)s aan de beurt. Geef aan waarom een andere "
                    "subregio de casus inbrengt."
                )
                % {"name": proposed.name}
            ]
    if errors:
        raise ValidationError(errors)
    explained = _guard(
        reflection=instance,
        values={name: getattr(instance, name) for name in GUARDED_REFLECTION_FIELDS},
        scope="",
        explanation=privacy_explanation,
        user=user,
    )
    save_versioned(instance, seen_version=seen_version, user=user)
    instance.themes.set(themes)
    instance.organisations.set(organisations)
    instance.delegation.set(delegation)
    _record_explanations(
        reflection=instance,
        findings=explained,
        scope="",
        explanation=privacy_explanation,
        user=user,
    )
    return instance


def _open_actions(reflection: CaseReflection) -> list[Action]:
    return [c.action for c in reflection.conclusions.select_related("action") if c.is_open]


def transition_errors(
    reflection: CaseReflection, to_status: str, *, note: str = "", today: date | None = None
) -> dict[str, list[str]]:
    """Why ``reflection`` cannot move to ``to_status`` (keyed by form field), or {}."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if to_status == ReflectionStatus.VOORBEREID:
        if reflection.facilitator_id is None:
            errors.setdefault("facilitator", []).append(
                _("Kies eerst een getrainde gespreksleider.")
            )
    elif to_status == ReflectionStatus.BESPROKEN:
        if reflection.held_on is None:
            errors.setdefault("held_on", []).append(
                _("Vul de datum in waarop de casus is besproken.")
            )
        elif reflection.held_on > today:
            errors.setdefault("held_on", []).append(
                _("De datum van de bespreking ligt in de toekomst.")
            )
        if reflection.facilitator_id is None:
            errors.setdefault("facilitator", []).append(
                _("Een besproken casus heeft een gespreksleider.")
            )
    elif to_status == ReflectionStatus.AANGEBODEN:
        if not reflection.proposal.strip():
            errors.setdefault("proposal", []).append(
                _("Schrijf eerst het bespreekvoorstel voor de Stamtafel.")
            )
    elif to_status == ReflectionStatus.GECONCLUDEERD:
        if not reflection.conclusions.exists():
            errors.setdefault("__all__", []).append(
                _("Leg eerst ten minste één conclusie van de Stamtafel vast.")
            )
    elif to_status == ReflectionStatus.OPGEVOLGD:
        still_open = _open_actions(reflection)
        if still_open and not note.strip():
            errors.setdefault("note", []).append(
                _(
                    "Nog niet alle acties zijn gereed (%(titles)s). Licht toe waarom de "
                    "reflectie toch opgevolgd is."
                )
                % {"titles": "; ".join(a.title for a in still_open)}
            )
    return errors


SECRETARY_ONLY = (ReflectionStatus.GECONCLUDEERD, ReflectionStatus.OPGEVOLGD)


@transaction.atomic
def reflection_advance(
    *,
    reflection: CaseReflection,
    to_status: str,
    seen_version: int | None,
    user,
    held_on: date | None = None,
    note: str = "",
    privacy_explanation: str = "",
    today: date | None = None,
) -> CaseReflection:
    """Move ``reflection`` one step forward (or, for the secretary, one step back)."""
    if to_status not in ReflectionStatus.values:
        raise ValidationError({"to_status": _("Onbekende status.")})
    is_secretary = user.has_perm("casereflection.plan_reflection", reflection.region)
    step = status_index(to_status) - status_index(reflection.status)
    if step == -1:
        if not is_secretary:
            raise PermissionDenied
    elif step != 1:
        raise ValidationError(
            {
                "to_status": _("Van %(from)s kan alleen naar de volgende stap.")
                % {"from": reflection.get_status_display().lower()}
            }
        )
    elif to_status in SECRETARY_ONLY and not is_secretary:
        raise PermissionDenied
    if held_on is not None:
        reflection.held_on = held_on
    if step == 1:
        errors = transition_errors(reflection, to_status, note=note, today=today)
        if errors:
            raise ValidationError(errors)
    explained = []
    if to_status == ReflectionStatus.OPGEVOLGD and note.strip():
        reflection.follow_up_note = note.strip()
        explained = _guard(
            reflection=reflection,
            values={"follow_up_note": reflection.follow_up_note},
            scope="",
            explanation=privacy_explanation,
            user=user,
        )
    if to_status == ReflectionStatus.AANGEBODEN and step == 1:
        reflection.offered_on = today or timezone.localdate()
    reflection.status = to_status
    save_versioned(reflection, seen_version=seen_version, user=user)
    _record_explanations(
        reflection=reflection,
        findings=explained,
        scope="",
        explanation=privacy_explanation,
        user=user,
    )
    return reflection


# --- conclusions -----------------------------------------------------------------------------

# Where the werkagenda's list rules land on the conclusion form.
_ACTION_FIELD_TO_CONCLUSION = {
    "trekker": "contact_administrator",
    "owning_body": "assignee_body",
    "coalition": "assignee_organisation",
    "title": "title",
    "due_date": "due_date",
}

_PRIORITY_TO_WEIGHT = {1: Weight.HOOG, 2: Weight.MIDDEN, 3: Weight.LAAG}


def _action_for(conclusion: Conclusion, reflection: CaseReflection) -> tuple[Action, list]:
    owning_body = conclusion.assignee_body
    if owning_body is None and conclusion.agenda_item_id:
        owning_body = conclusion.agenda_item.meeting.body
    themes = list(reflection.themes.all()[:1])
    action = Action(
        region=reflection.region,
        title=conclusion.title,
        description=conclusion.assignment,
        theme=themes[0] if themes else None,
        list=ActionList.ACTIE,
        list_since=conclusion.decided_on,
        importance=_PRIORITY_TO_WEIGHT.get(conclusion.priority),
        trekker=conclusion.contact_administrator,
        owning_body=owning_body,
        due_date=conclusion.due_date,
        origin=ActionOrigin.REFLECTIE,
        origin_note=_("Conclusie van de casusreflectie %(quarter)s")
        % {"quarter": reflection.quarter_label},
        origin_agenda_item=conclusion.agenda_item,
        created_on=conclusion.decided_on,
    )
    coalition = (
        [conclusion.assignee_organisation]
        if conclusion.assignee_organisation_id
        else list(reflection.organisations.all())
    )
    return action, coalition


@transaction.atomic
def conclusion_save(
    *,
    instance: Conclusion,
    seen_version: int | None,
    user,
    privacy_explanation: str = "",
    today: date | None = None,
) -> Conclusion:
    """Record or change a Stamtafel conclusion; a new one creates its werkagenda action."""
    reflection = instance.reflection
    is_new = instance.pk is None
    errors: dict[str, list[str]] = {}
    if is_new and not reflection.may_conclude:
        errors["__all__"] = [
            _(
                "De Stamtafel concludeert op het bespreekvoorstel: bied de reflectie eerst aan "
                "(status ‘aangeboden’)."
            )
        ]
    if instance.contact_administrator_id:
        on = today or timezone.localdate()
        problem = trekker_error(instance.contact_administrator, reflection.region_id, on)
        if problem:
            # The aanspreekpunt becomes the action's trekker: the werkagenda's rule, its words.
            errors["contact_administrator"] = [
                _("Het aanspreekpunt wordt trekker van de actie. %(problem)s")
                % {"problem": problem}
            ]
    try:
        instance.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            known = errors.setdefault(field, [])
            known.extend(m for m in messages if m not in known)
    if errors:
        raise ValidationError(errors)
    explained = _guard(
        reflection=reflection,
        values={name: getattr(instance, name) for name in GUARDED_CONCLUSION_FIELDS},
        scope="conclusie.",
        explanation=privacy_explanation,
        user=user,
    )
    if is_new:
        # The action first, so that the conclusion is saved once, already pointing at it.
        # Both are in this transaction: a refusal of either leaves nothing behind.
        action, coalition = _action_for(instance, reflection)
        try:
            action_save(
                instance=action,
                seen_version=None,
                user=user,
                coalition=coalition,
                note=_("Opdracht van de Stamtafel na de casusreflectie %(quarter)s.")
                % {"quarter": reflection.quarter_label},
            )
        except ValidationError as exc:
            raise _on_conclusion_fields(exc) from exc
        instance.action = action
    save_versioned(instance, seen_version=seen_version, user=user)
    _record_explanations(
        reflection=reflection,
        findings=explained,
        scope="conclusie.",
        explanation=privacy_explanation,
        user=user,
    )
    return instance


def _on_conclusion_fields(exc: ValidationError) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    mapped: dict[str, list] = {}
    for field, errors in exc.error_dict.items():
        target = _ACTION_FIELD_TO_CONCLUSION.get(field, "__all__")
        for error in errors:
            mapped.setdefault(target, []).extend(error.messages)
    return ValidationError(mapped)
