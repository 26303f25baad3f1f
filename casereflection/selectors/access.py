"""Who reads the case text, and the look-ups of the views (one query each).

A reader without ``casereflection.view_case_text`` (a vng_advisor, the functioneel beheerder)
never receives the case text: reflections are read for them with ``.only(*PUBLIC_FIELDS)`` and
the hidden attributes are then set to "" (:func:`hide_case_text`), so that a template or a
``__str__`` that touches ``title`` finds nothing and cannot trigger a lazy load of the deferred
column. ``HIDDEN_FIELDS`` are the fields of ``constants.CASE_TEXT_FIELDS`` plus the three
notes, which describe the case as well.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from casereflection.constants import HIDDEN_FIELDS, PUBLIC_FIELDS
from casereflection.models import CaseReflection, Conclusion
from governance.models import Region


def may_read_case_text(user, region: Region) -> bool:
    """People with a role in the region; never a national reader."""
    return user.has_perm("casereflection.view_case_text", region)


def hide_case_text(reflection: CaseReflection | None) -> None:
    """Blank the case text on ``reflection`` (in memory only; such an object is never saved)."""
    if reflection is None:
        return
    for name in HIDDEN_FIELDS:
        setattr(reflection, name, "")
    reflection.case_text_hidden = True


def _reflections(region: Region, *, case_text: bool, extra: tuple[str, ...] = ()) -> QuerySet:
    qs = CaseReflection.objects.in_region(region)
    if not case_text:
        qs = qs.only(*PUBLIC_FIELDS, *extra)
    return qs


def get_reflection(region: Region, pk: int, user) -> CaseReflection:
    """The reflection ``pk`` of ``region`` (404 otherwise), with its sub-region and
    gespreksleider (the permission check reads the gespreksleider's account). One query;
    without the case text for a reader who may not see it."""
    case_text = may_read_case_text(user, region)
    qs = _reflections(region, case_text=case_text, extra=("sub_region__name",))
    reflection = get_object_or_404(qs.select_related("sub_region", "facilitator"), pk=pk)
    reflection.region = region
    if not case_text:
        hide_case_text(reflection)
    return reflection


def get_conclusion(region: Region, pk: int) -> Conclusion:
    """The conclusion ``pk`` of a reflection of ``region`` (404 otherwise). One query; the
    reflection is not joined: read it with ``get_reflection``, which leaves the case text out
    for readers who may not see it."""
    return get_object_or_404(Conclusion.objects.in_region(region), pk=pk)
