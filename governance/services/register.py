"""Writes of the register. Each runs in one transaction: either all of it is saved or none."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.locking import save_versioned
from governance.constants import BodyStatus, RelationKind
from governance.models import (
    Body,
    BodyRelation,
    Mandate,
    Membership,
    Organisation,
    Region,
    RegionPartner,
)


@transaction.atomic
def object_save(
    *, instance: models.Model, seen_version: int | None, user, form=None
) -> models.Model:
    """Save a register object under the optimistic lock (and its form's m2m fields)."""
    save_versioned(instance, seen_version=seen_version, user=user)
    if form is not None and hasattr(form, "save_m2m"):
        form.save_m2m()
    return instance


def _end_open_period(obj: models.Model, start_attr: str, end_attr: str, on: date, user) -> bool:
    """End ``obj`` on ``on`` if it runs past that day; returns whether it changed."""
    start = getattr(obj, start_attr)
    end = getattr(obj, end_attr)
    if end is not None and end <= on:
        return False
    if start is not None and start >= on:
        raise ValidationError(
            _("%(obj)s begint pas op of na %(date)s; pas eerst de begindatum aan.")
            % {"obj": obj, "date": on.strftime("%d-%m-%Y")}
        )
    setattr(obj, end_attr, on)
    save_versioned(obj, seen_version=obj.version, user=user)
    return True


@transaction.atomic
def body_end(
    *, body: Body, dissolved_on: date, merged_into: Body | None, note: str, seen_version: int, user
) -> Body:
    """Dissolve a body: status, end date, open periods ended, optional *gaat op in*."""
    if body.status == BodyStatus.OPGEHEVEN:
        raise ValidationError(_("Dit gremium is al opgeheven."))
    if body.established_on and dissolved_on <= body.established_on:
        raise ValidationError(
            {
                "dissolved_on": _("De datum van opheffing moet na de instelling (%(date)s) liggen.")
                % {"date": body.established_on.strftime("%d-%m-%Y")}
            }
        )
    if merged_into is not None:
        if merged_into.region_id != body.region_id or merged_into.pk == body.pk:
            raise ValidationError({"merged_into": _("Kies een ander gremium van deze regio.")})
        if merged_into.established_on and merged_into.established_on > dissolved_on:
            raise ValidationError(
                {
                    "merged_into": _("%(body)s bestaat op %(date)s nog niet.")
                    % {"body": merged_into.name, "date": dissolved_on.strftime("%d-%m-%Y")}
                }
            )
    for membership in Membership.objects.filter(body=body):
        _end_open_period(membership, "start", "end", dissolved_on, user)
    for mandate in Mandate.objects.filter(body=body):
        _end_open_period(mandate, "valid_from", "valid_to", dissolved_on, user)
    relations = BodyRelation.objects.filter(models.Q(source=body) | models.Q(target=body)).exclude(
        kind=RelationKind.GAAT_OP_IN
    )
    for relation in relations:
        _end_open_period(relation, "valid_from", "valid_to", dissolved_on, user)
    body.status = BodyStatus.OPGEHEVEN
    body.dissolved_on = dissolved_on
    save_versioned(body, seen_version=seen_version, user=user)
    if merged_into is not None:
        relation = BodyRelation(
            source=body,
            target=merged_into,
            kind=RelationKind.GAAT_OP_IN,
            valid_from=dissolved_on,
            note=note,
        )
        save_versioned(relation, seen_version=None, user=user)
    return body


@transaction.atomic
def period_end(*, obj: models.Model, end: date, seen_version: int, user) -> models.Model:
    """End a membership, mandate or relation on ``end``."""
    fields = {
        Membership: ("start", "end"),
        Mandate: ("valid_from", "valid_to"),
        BodyRelation: ("valid_from", "valid_to"),
    }[type(obj)]
    start_attr, end_attr = fields
    start = getattr(obj, start_attr)
    if start and end <= start:
        raise ValidationError({"end": _("De einddatum moet na de begindatum liggen.")})
    setattr(obj, end_attr, end)
    try:
        save_versioned(obj, seen_version=seen_version, user=user)
    except ValidationError as exc:
        # The form has one date field called ``end``; report the model's end field there.
        if hasattr(exc, "error_dict") and end_attr in exc.error_dict:
            raise ValidationError({"end": exc.error_dict[end_attr]}) from exc
        raise
    return obj


@transaction.atomic
def object_delete(*, instance: models.Model, user) -> None:
    """Remove something that has no past worth keeping in the register (a theme of the
    region, a chosen partner, a cost line); its history records who removed it."""
    instance._history_user = user
    instance.delete()


@transaction.atomic
def partner_add(*, region: Region, organisation: Organisation, user) -> RegionPartner:
    partner = RegionPartner(region=region, organisation=organisation)
    partner._history_user = user
    partner.full_clean()
    partner.save()
    return partner
