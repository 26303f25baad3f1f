"""Reading a reflections file into a region that already exists.

All or nothing, in one transaction; the errors come back like those of the region import (a
JSON path and a Dutch message, ``RegionImportFailed``):

* the JSON Schema (every field, no unknown ones);
* references into the region, with the keys of the region exchange format: sub-regions,
  themes, persons (gespreksleider, delegation), organisations, bodies, the seat of the
  bestuurlijk aanspreekpunt, agenda items of the Stamtafel, werkagenda actions (each linked
  to at most one conclusion);
* one reflection per quarter, also against the reflections the region already has;
* the lifecycle as data: ``held_on`` from *besproken* on, ``offered_on`` from *aangeboden*
  on, conclusions only once the reflection was offered to the Stamtafel;
* the personal-data guard over every free text (``casereflection.privacy``): a file with text
  the guard flags is refused — explanations are given in the portal, not in a file;
* each object's own validation (``governance.exchange.context.model_errors``, the same step
  as the region import; a conclusion's after its reflection is written, because it compares
  their regions).

Then the reflections and conclusions are written in bulk with a history record each, in one
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from simple_history.utils import bulk_create_with_history

from casereflection import privacy
from casereflection.constants import ReflectionStatus, status_index
from casereflection.exchange.schema import (
    CONCLUSION_TEXT_FIELDS,
    REFLECTION_TEXT_FIELDS,
    VERSION,
    reflections_schema,
)
from casereflection.models import CaseReflection, Conclusion, quarter_label
from governance.exchange.context import link_rows, model_errors
from governance.exchange.errors import Path, Problems, RegionImportFailed, error, sort_errors
from governance.exchange.keys import RegionKeys
from governance.exchange.parse import load_region_document, translated_schema_errors
from governance.exchange.values import parse_date
from governance.models import Organisation, Region, SubRegion, Theme


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(
        reflections_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@dataclass
class _Lookups:
    """What the region and the portal offer to refer to (four queries)."""

    sub_regions: dict[str, SubRegion]
    themes: dict[str, Theme]
    organisations: dict[tuple[str, bool], Organisation]
    taken_quarters: set[tuple[int, int]]
    linked_actions: set[int]

    @classmethod
    def of(cls, region: Region) -> _Lookups:
        organisations = Organisation.objects.filter(region__isnull=True) | (
            Organisation.objects.filter(region=region)
        )
        return cls(
            sub_regions={s.name: s for s in SubRegion.objects.filter(region=region)},
            themes={t.name: t for t in Theme.objects.all()},
            organisations={(o.name, o.region_id is None): o for o in organisations},
            taken_quarters=set(
                CaseReflection.objects.filter(region=region).values_list("year", "quarter")
            ),
            linked_actions=set(
                Conclusion.objects.filter(
                    reflection__region=region, action__isnull=False
                ).values_list("action_id", flat=True)
            ),
        )


def _guard(problems: Problems, at: Path, item: dict[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        for finding in privacy.find_personal_data(item[name]):
            problems.add(
                (*at, name),
                _("Mogelijk een persoonsgegeven. %(detail)s")
                % {"detail": privacy.describe(finding, item[name])},
            )


def _check_lifecycle(problems: Problems, at: Path, item: dict[str, Any]) -> None:
    reached = status_index(item["status"])
    for field, from_status in (
        ("held_on", ReflectionStatus.BESPROKEN),
        ("offered_on", ReflectionStatus.AANGEBODEN),
    ):
        needed = reached >= status_index(from_status)
        if needed and item[field] is None:
            problems.add(
                (*at, field),
                _("Een reflectie met status ‘%(status)s’ heeft deze datum.")
                % {"status": item["status"]},
            )
        if not needed and item[field] is not None:
            problems.add(
                (*at, field),
                _("Deze datum hoort pas bij een reflectie met status ‘%(status)s’ of verder.")
                % {"status": from_status},
            )
    if item["conclusions"] and reached < status_index(ReflectionStatus.AANGEBODEN):
        problems.add(
            (*at, "conclusions"),
            _("Conclusies horen bij een reflectie die aan de Stamtafel is aangeboden."),
        )


def validate_reflections(
    document: Any, region: Region, keys: RegionKeys
) -> tuple[list, _Lookups | None]:
    """The errors of ``document`` for ``region`` (empty when it can be imported)."""
    found = translated_schema_errors(_validator(), document, VERSION)
    if found:
        return found, None
    look = _Lookups.of(region)
    problems = Problems()
    quarters: set[tuple[int, int]] = set()
    actions: set[str] = set()
    for r, item in enumerate(document["reflections"]):
        at: Path = ("reflections", r)
        quarter = (item["year"], item["quarter"])
        if quarter in quarters or quarter in look.taken_quarters:
            problems.add(
                (*at, "quarter"),
                _("Voor %(quarter)s is al een casusreflectie.")
                % {"quarter": quarter_label(*quarter)},
            )
        quarters.add(quarter)
        if item["sub_region"] not in look.sub_regions:
            problems.add((*at, "sub_region"), _("Onbekende subregio ‘%s’.") % item["sub_region"])
        for t, name in enumerate(item["themes"]):
            if name not in look.themes:
                problems.add((*at, "themes", t), _("Onbekend thema ‘%s’.") % name)
        for key, where in [(item["facilitator"], (*at, "facilitator"))] + [
            (person, (*at, "delegation", d)) for d, person in enumerate(item["delegation"])
        ]:
            if key is not None and key not in keys.persons:
                problems.add(where, _("Onbekende persoon ‘%s’ in deze regio.") % key)
        for o, ref in enumerate(item["organisations"]):
            if (ref["name"], ref["national"]) not in look.organisations:
                problems.add(
                    (*at, "organisations", o), _("Onbekende organisatie ‘%s’.") % ref["name"]
                )
        _check_lifecycle(problems, at, item)
        _guard(problems, at, item, REFLECTION_TEXT_FIELDS)
        for c, conclusion in enumerate(item["conclusions"]):
            _validate_conclusion(problems, (*at, "conclusions", c), conclusion, keys, look, actions)
    return sort_errors(problems), look


def _validate_conclusion(problems, at, item, keys: RegionKeys, look: _Lookups, actions: set):
    if item["assignee_body"] is not None and item["assignee_body"] not in keys.bodies:
        problems.add((*at, "assignee_body"), _("Onbekend gremium ‘%s’.") % item["assignee_body"])
    ref = item["assignee_organisation"]
    if ref is not None and (ref["name"], ref["national"]) not in look.organisations:
        problems.add((*at, "assignee_organisation"), _("Onbekende organisatie ‘%s’.") % ref["name"])
    if keys.membership(item["contact_administrator"]) is None:
        problems.add(
            (*at, "contact_administrator"),
            _("Dit lidmaatschap bestaat niet in de regio, of is niet eenduidig."),
        )
    if item["agenda_item"] is not None and keys.agenda_item(item["agenda_item"]) is None:
        problems.add((*at, "agenda_item"), _("Dit agendapunt bestaat niet in de regio."))
    action = item["action"]
    if action is not None:
        found = keys.actions.get(action)
        if found is None:
            problems.add((*at, "action"), _("Onbekende actie ‘%s’ in deze regio.") % action)
        elif action in actions or found.pk in look.linked_actions:
            problems.add((*at, "action"), _("Deze actie hoort al bij een andere conclusie."))
        actions.add(action)
    _guard(problems, at, item, CONCLUSION_TEXT_FIELDS)


@transaction.atomic
def import_reflections(
    *, data: bytes | str | dict, region: Region, keys: RegionKeys, user
) -> list[CaseReflection]:
    """Create the reflections (and conclusions) of ``data`` in ``region``; all or nothing.

    ``keys`` resolves the file's references (``governance.exchange.region_keys(region)``, or
    the result of the region import that created the region). Raises ``RegionImportFailed``.
    """
    document = data if isinstance(data, dict) else load_region_document(data)
    found, look = validate_reflections(document, region, keys)
    if found:
        raise RegionImportFailed(found)
    reflections: list[tuple[CaseReflection, dict]] = []
    conclusions: list[Conclusion] = []
    for r, item in enumerate(document["reflections"]):
        at: Path = ("reflections", r)
        reflection = CaseReflection(
            region=region,
            year=item["year"],
            quarter=item["quarter"],
            sub_region=look.sub_regions[item["sub_region"]],
            case_kind=item["case_kind"],
            method=item["method"],
            facilitator=keys.persons.get(item["facilitator"]) if item["facilitator"] else None,
            planned_on=parse_date(item["planned_on"]),
            held_on=parse_date(item["held_on"]),
            offered_on=parse_date(item["offered_on"]),
            status=item["status"],
            **{name: item[name] for name in REFLECTION_TEXT_FIELDS},
        )
        found += model_errors(reflection, at, item)
        reflections.append((reflection, item))
    if found:
        raise RegionImportFailed(sort_errors(found))

    try:
        bulk_create_with_history(
            [obj for obj, _item in reflections], CaseReflection, default_user=user
        )
    except IntegrityError as problem:  # a reflection planned meanwhile for the same quarter
        raise RegionImportFailed([error((), str(problem))]) from None
    links: dict[str, list] = {"themes": [], "organisations": [], "delegation": []}
    for reflection, item in reflections:
        links["themes"] += [(reflection, look.themes[name]) for name in item["themes"]]
        links["organisations"] += [
            (reflection, look.organisations[(o["name"], o["national"])])
            for o in item["organisations"]
        ]
        links["delegation"] += [(reflection, keys.persons[key]) for key in item["delegation"]]
    for name, pairs in links.items():
        link_rows(CaseReflection, name, pairs)
    # A conclusion's own validation needs its reflection saved (it compares regions); a
    # refusal here undoes the reflections too (one transaction).
    for r, (reflection, item) in enumerate(reflections):
        for c, entry in enumerate(item["conclusions"]):
            conclusion = _conclusion(reflection, entry, keys, look)
            found += model_errors(conclusion, ("reflections", r, "conclusions", c), entry)
            conclusions.append(conclusion)
    if found:
        raise RegionImportFailed(sort_errors(found))
    bulk_create_with_history(conclusions, Conclusion, default_user=user)
    return [obj for obj, _item in reflections]


def _conclusion(reflection, item: dict, keys: RegionKeys, look: _Lookups) -> Conclusion:
    ref = item["assignee_organisation"]
    return Conclusion(
        reflection=reflection,
        agenda_item=keys.agenda_item(item["agenda_item"]),
        decided_on=parse_date(item["decided_on"]),
        priority=item["priority"],
        assignee_body=keys.bodies.get(item["assignee_body"]) if item["assignee_body"] else None,
        assignee_organisation=(
            look.organisations[(ref["name"], ref["national"])] if ref is not None else None
        ),
        contact_administrator=keys.membership(item["contact_administrator"]),
        due_date=parse_date(item["due_date"]),
        action=keys.actions.get(item["action"]) if item["action"] else None,
        **{name: item[name] for name in CONCLUSION_TEXT_FIELDS},
    )
