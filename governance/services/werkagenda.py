"""Writes of the werkagenda: saving actions, moving them between the three lists, progress.

The list rules (seed 004, enforced here and shown next to the form field they concern):

- an action enters *actie* only with a bestuurlijk trekker — a current membership of a
  bestuurder in one of the region's bodies —, an owning body and at least one coalition partner;
- it enters *gereed* only with a closing reason (afgerond, elders belegd, vervallen);
- moving it back from *gereed* needs a reason;
- every move leaves an ``ActionUpdate`` with author and date.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.locking import save_versioned
from governance.constants import ActionList, ActionUpdateKind, BodyStatus
from governance.models import Action, ActionUpdate, Membership, Organisation
from governance.signals import action_holder_changed

logger = logging.getLogger(__name__)

TREKKER = "trekker"
ACTIEHOUDER = "actiehouder"


def _holder_users(action_id: int | None) -> set[tuple[int, str]]:
    """The (user id, role) pairs that hold the stored action, by their person's account."""
    if action_id is None:
        return set()
    row = (
        Action.objects.filter(pk=action_id)
        .values("owner__user_id", "trekker__person__user_id")
        .first()
    )
    if row is None:
        return set()
    held = set()
    if row["trekker__person__user_id"]:
        held.add((row["trekker__person__user_id"], TREKKER))
    if row["owner__user_id"]:
        held.add((row["owner__user_id"], ACTIEHOUDER))
    return held


def _announce_new_holders(action: Action, before: set[tuple[int, str]]) -> None:
    """After the commit, tell the layers above who became trekker or actiehouder."""
    new = sorted(_holder_users(action.pk) - before)
    if new:
        transaction.on_commit(lambda: _send_holder_changed(action.pk, new))


def _send_holder_changed(action_id: int, holders: list[tuple[int, str]]) -> None:
    # The action is saved and committed: a failing receiver (a mail that cannot be queued)
    # is logged, not shown to the secretary as an error about their save.
    results = action_holder_changed.send_robust(sender=Action, action_id=action_id, holders=holders)
    for receiver, result in results:
        if isinstance(result, Exception):
            logger.error(
                "Receiver %r of action_holder_changed failed for action %s",
                receiver,
                action_id,
                exc_info=result,
            )


def trekker_error(trekker: Membership | None, region_id: int, on: date) -> str | None:
    """Why ``trekker`` cannot be the bestuurlijk trekker of an action in *actie*, or None."""
    if trekker is None:
        return _("Een actie op de actielijst heeft een bestuurlijk trekker nodig.")
    if trekker.body.region_id != region_id:
        return _("Deze trekker is van een andere regio.")
    if trekker.person_id is None or not trekker.person.is_administrator:
        return _(
            "De bestuurlijk trekker moet een bestuurder zijn (burgemeester, wethouder of "
            "bestuurder van een partner)."
        )
    if trekker.body.status != BodyStatus.ACTIEF:
        return _("%(body)s is niet actief; kies een lidmaatschap van een actief gremium.") % {
            "body": trekker.body.name
        }
    if (trekker.start and trekker.start > on) or (trekker.end and trekker.end <= on):
        return _("Het lidmaatschap van %(person)s in %(body)s loopt nu niet.") % {
            "person": trekker.person.name,
            "body": trekker.body.name,
        }
    return None


def list_rule_errors(
    action: Action, *, coalition: Iterable[Organisation], on: date | None = None
) -> dict[str, list[str]]:
    """The list rules for ``action`` on its (new) list, keyed by form field name."""
    on = on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if action.list == ActionList.ACTIE:
        problem = trekker_error(action.trekker, action.region_id, on)
        if problem:
            errors["trekker"] = [problem]
        if action.owning_body_id is None:
            errors["owning_body"] = [_("Een actie op de actielijst heeft een eigenaar (gremium).")]
        elif action.owning_body.status != BodyStatus.ACTIEF:
            errors["owning_body"] = [_("Kies een actief gremium als eigenaar.")]
        if not list(coalition):
            errors["coalition"] = [
                _("Een actie op de actielijst heeft ten minste één coalitiepartner.")
            ]
    if action.list == ActionList.GEREED and not action.closed_reason:
        errors["closed_reason"] = [
            _("Kies waarom de actie gereed is: afgerond, elders belegd of vervallen.")
        ]
    return errors


def _check_coalition(action: Action, coalition: Iterable[Organisation]) -> None:
    foreign = [o.name for o in coalition if o.region_id not in (None, action.region_id)]
    if foreign:
        raise ValidationError(
            {
                "coalition": _("Van een andere regio: %(names)s.")
                % {"names": ", ".join(sorted(foreign))}
            }
        )


def _log(action: Action, *, user, kind: str, text: str = "", from_list="", to_list="", on=None):
    return ActionUpdate.objects.create(
        action=action,
        date=on or timezone.localdate(),
        kind=kind,
        from_list=from_list,
        to_list=to_list,
        text=text,
        author=user,
    )


@transaction.atomic
def action_save(
    *,
    instance: Action,
    seen_version: int | None,
    user,
    coalition: Iterable[Organisation],
    knelpunten: Iterable | None = None,
    note: str = "",
) -> Action:
    """Create or change an action (not its list: that is ``action_move``).

    The list rules hold for every save, so an action in *actie* cannot lose its trekker by
    an edit. A new action gets an ``aangemaakt`` entry in its log.
    """
    coalition = list(coalition)
    is_new = instance.pk is None
    holders_before = _holder_users(instance.pk)
    if not is_new:
        stored_list = Action.objects.filter(pk=instance.pk).values_list("list", flat=True).first()
        if stored_list is not None and stored_list != instance.list:
            raise ValidationError(
                _("Verplaats een actie met ‘Verplaatsen’, niet door te wijzigen.")
            )
    _check_coalition(instance, coalition)
    errors = list_rule_errors(instance, coalition=coalition)
    if errors:
        raise ValidationError(errors)
    save_versioned(instance, seen_version=seen_version, user=user)
    instance.coalition.set(coalition)
    if knelpunten is not None:
        knelpunten = list(knelpunten)
        if any(k.region_id != instance.region_id for k in knelpunten):
            raise ValidationError({"knelpunten": _("Kies knelpunten van deze regio.")})
        instance.knelpunten.set(knelpunten)
    if is_new:
        _log(
            instance,
            user=user,
            kind=ActionUpdateKind.AANGEMAAKT,
            to_list=instance.list,
            text=note,
        )
    _announce_new_holders(instance, holders_before)
    return instance


@transaction.atomic
def action_move(
    *,
    action: Action,
    to_list: str,
    seen_version: int,
    user,
    note: str = "",
    closed_reason: str = "",
    trekker: Membership | None = None,
    owning_body=None,
    coalition: Iterable[Organisation] | None = None,
    on: date | None = None,
) -> Action:
    """Move ``action`` to ``to_list``; trekker, owner and coalition may be set in the same step.

    Raises ValidationError keyed by the move form's fields when a list rule is not met;
    nothing is saved then.
    """
    on = on or timezone.localdate()
    from_list = action.list
    holders_before = _holder_users(action.pk)
    if to_list not in ActionList.values:
        raise ValidationError({"to_list": _("Kies een van de drie lijsten.")})
    if to_list == from_list:
        raise ValidationError(
            {"to_list": _("De actie staat al op de %(list)s.") % {"list": _list_name(to_list)}}
        )
    note = note.strip()
    if from_list == ActionList.GEREED and not note:
        raise ValidationError(
            {"note": _("Geef een reden om de actie terug te halen van de gereedlijst.")}
        )
    if trekker is not None:
        action.trekker = trekker
    if owning_body is not None:
        action.owning_body = owning_body
    coalition = list(action.coalition.all()) if coalition is None else list(coalition)
    _check_coalition(action, coalition)
    action.list = to_list
    action.list_since = on
    if to_list == ActionList.GEREED:
        action.closed_reason = closed_reason
        action.closing_note = note
    else:
        action.closed_reason = ""
        action.closing_note = ""
    errors = list_rule_errors(action, coalition=coalition, on=on)
    if errors:
        raise ValidationError(errors)
    save_versioned(action, seen_version=seen_version, user=user)
    action.coalition.set(coalition)
    _log(
        action,
        user=user,
        kind=ActionUpdateKind.VERPLAATSING,
        from_list=from_list,
        to_list=to_list,
        text=note,
        on=on,
    )
    _announce_new_holders(action, holders_before)
    return action


def _list_name(key: str) -> str:
    return {
        ActionList.VOORRAAD: _("voorraadlijst"),
        ActionList.ACTIE: _("actielijst"),
        ActionList.GEREED: _("gereedlijst"),
    }[key]


@transaction.atomic
def action_progress(
    *, action: Action, text: str, due_date: date | None, seen_version: int, user
) -> ActionUpdate | None:
    """A progress note and/or a new due date, as the action's owner or trekker may give."""
    text = text.strip()
    due_changed = due_date != action.due_date
    if not text and not due_changed:
        raise ValidationError({"text": _("Schrijf wat er veranderd is, of wijzig de termijn.")})
    if action.list == ActionList.GEREED:
        raise ValidationError(_("Deze actie is gereed; de voortgang ligt vast."))
    if due_changed:
        action.due_date = due_date
        save_versioned(action, seen_version=seen_version, user=user)
        if not text:
            text = (
                _("Termijn gewijzigd naar %(date)s.") % {"date": due_date.strftime("%d-%m-%Y")}
                if due_date
                else _("Termijn verwijderd.")
            )
    return _log(action, user=user, kind=ActionUpdateKind.VOORTGANG, text=text)
