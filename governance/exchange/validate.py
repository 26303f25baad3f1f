"""Checking a region document before anything is written.

In this order, each step only when the previous ones found nothing: the limits every
document keeps (nesting, texts without control characters and not too long, numbers within
64 bits); format and version; the
``parts`` of a version-2 document and the sections they call for; the JSON Schema of the
document's version; then duplicate keys and names, references to things not in the file,
theme names against the portal, the checks of every section, and whether the region's slug
and name are still free.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from governance.constants import DOCUMENTS_TERM_DAYS
from governance.exchange.errors import (
    Problems,
    RegionImportError,
    RegionImportFailed,
    capped,
    error,
    sort_errors,
)
from governance.exchange.parse import limit_errors, load_region_document, schema_errors
from governance.exchange.refs import DocumentRefs, unique
from governance.exchange.schema import FORMAT, READABLE_VERSIONS, VERSION
from governance.exchange.sections import (
    PARTS,
    STRUCTURE,
    available_parts,
    required_parts,
    sections,
)
from governance.models import Region


def _versions_text() -> str:
    *first, last = (str(v) for v in READABLE_VERSIONS)
    return f"{', '.join(first)} en {last}" if first else last


def kind_errors(document: Any) -> list[RegionImportError]:
    """Is this a region document of a version we read at all?"""
    if not isinstance(document, dict):
        return [error((), _("Het bestand moet één JSON-object bevatten."))]
    if document.get("format") != FORMAT:
        return [
            error(
                ("format",),
                _("Dit is geen regiobestand van het Z+V Portaal (verwacht ‘%s’).") % FORMAT,
            )
        ]
    version = document.get("version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        return [
            error(
                ("version",),
                _(
                    "Versie %(found)s van het formaat wordt niet ondersteund; dit portaal leest "
                    "versie %(versions)s."
                )
                % {"found": json.dumps(version, ensure_ascii=False), "versions": _versions_text()},
            )
        ]
    return []


def parts_errors(document: dict[str, Any]) -> list[RegionImportError]:
    """The ``parts`` of a version-2 document, and the sections present or missing for them."""
    problems = Problems()
    parts = document.get("parts")
    if "parts" not in document:
        problems.add(("parts",), _("Dit verplichte veld ontbreekt."))
        return problems
    if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
        problems.add(("parts",), _("Verwacht: een lijst met namen van onderdelen."))
        return problems
    available = available_parts()
    seen: set[str] = set()
    for index, part in enumerate(parts):
        if part not in available:
            problems.add(
                ("parts", index),
                _("Onbekend onderdeel ‘%(part)s’. Dit portaal leest: %(known)s.")
                % {"part": part, "known": ", ".join(available)},
            )
        elif part in seen:
            problems.add(("parts", index), _("Het onderdeel ‘%s’ staat er meer dan eens.") % part)
        seen.add(part)
    if problems:
        return problems
    if STRUCTURE not in parts:
        problems.add(("parts",), _("Het onderdeel ‘%s’ hoort altijd in het bestand.") % STRUCTURE)
    if parts != sorted(parts, key=PARTS.index):
        problems.add(
            ("parts",),
            _("Zet de onderdelen in de vaste volgorde: %s.")
            % ", ".join(p for p in PARTS if p in parts),
        )
    for index, part in enumerate(parts):
        missing = [p for p in required_parts(part) if p not in parts]
        if missing:
            problems.add(
                ("parts", index),
                _("Het onderdeel ‘%(part)s’ kan alleen samen met %(missing)s.")
                % {"part": part, "missing": ", ".join(f"‘{p}’" for p in missing)},
            )
    for section in sections():
        listed = section.part in parts
        if listed and section.name not in document:
            problems.add(
                (section.name,),
                _("Dit veld ontbreekt: het onderdeel ‘%(part)s’ staat in ‘parts’.")
                % {"part": section.part},
            )
        elif not listed and section.name in document:
            problems.add(
                (section.name,),
                _(
                    "Dit veld hoort alleen in het bestand als het onderdeel ‘%(part)s’ in "
                    "‘parts’ staat."
                )
                % {"part": section.part},
            )
    return problems


def structure_errors(doc: dict[str, Any], refs: DocumentRefs) -> Problems:
    """Duplicate names and unknown references in the structure."""
    problems = Problems()
    sub_regions = unique(problems, doc["sub_regions"], ("sub_regions",), "name", _("Subregio"))
    unique(problems, doc["municipalities"], ("municipalities",), "name", _("Gemeente"))
    unique(
        problems,
        doc["organisations"],
        ("organisations",),
        "name",
        _("Organisatie"),
        key=lambda o: (o["name"], o["national"]),
    )
    unique(problems, doc["persons"], ("persons",), "key", _("Persoonssleutel"))
    unique(problems, doc["themes"], ("themes",), "theme", _("Thema"))
    unique(problems, doc["frameworks"], ("frameworks",), "name", _("Kader"))
    unique(problems, doc["bodies"], ("bodies",), "name", _("Gremium"))

    for i, item in enumerate(doc["municipalities"]):
        if item["sub_region"] is not None and item["sub_region"] not in sub_regions:
            problems.add(
                ("municipalities", i, "sub_region"),
                _("Onbekende subregio ‘%s’: deze staat niet in ‘sub_regions’.")
                % item["sub_region"],
            )
    for i, item in enumerate(doc["persons"]):
        problems.check(("persons", i, "organisation"), refs.organisation(item["organisation"]))
    seen_partners: set = set()
    for i, ref in enumerate(doc["partners"]):
        problems.check(("partners", i), refs.organisation(ref))
        if (ref["name"], ref["national"]) in seen_partners:
            problems.add(
                ("partners", i), _("Ketenpartner ‘%s’ komt meer dan eens voor.") % ref["name"]
            )
        seen_partners.add((ref["name"], ref["national"]))
    for i, item in enumerate(doc["themes"]):
        problems.check(("themes", i, "theme"), refs.theme(item["theme"]))
    for b, body in enumerate(doc["bodies"]):
        problems.check(("bodies", b, "framework"), refs.framework(body["framework"]))
        for t, name in enumerate(body["themes"]):
            problems.check(("bodies", b, "themes", t), refs.theme(name))
        for m, mandate in enumerate(body["mandates"]):
            parts = ("bodies", b, "mandates", m)
            problems.check((*parts, "theme"), refs.theme(mandate["theme"]))
            problems.check((*parts, "organisation"), refs.organisation(mandate["organisation"]))
        for m, member in enumerate(body["memberships"]):
            parts = ("bodies", b, "memberships", m)
            problems.check((*parts, "person"), refs.person(member["person"]))
            problems.check((*parts, "organisation"), refs.organisation(member["organisation"]))
            problems.check((*parts, "municipality"), refs.municipality(member["municipality"]))
            problems.check((*parts, "on_behalf_of_body"), refs.body(member["on_behalf_of_body"]))
    for r, relation in enumerate(doc["relations"]):
        problems.check(("relations", r, "source"), refs.body(relation["source"]))
        problems.check(("relations", r, "target"), refs.body(relation["target"]))
        if relation["source"] == relation["target"]:
            problems.add(
                ("relations", r, "target"), _("Een gremium heeft geen relatie met zichzelf.")
            )
    return problems


def _copy_name(base: str) -> str:
    taken = set(Region.objects.filter(name__startswith=base).values_list("name", flat=True))
    candidates = [_("%s (kopie)") % base] + [
        _("%(name)s (kopie %(n)s)") % {"name": base, "n": n} for n in range(2, 1000)
    ]
    return next(c for c in candidates if c not in taken)


def identity(
    document: dict[str, Any], slug: str | None, name: str | None
) -> tuple[str, str, list[RegionImportError]]:
    """The slug and name the imported region gets, and why they cannot be used."""
    errors: list[RegionImportError] = []
    new_slug = slug or document["region"]["slug"]
    if Region.objects.filter(slug=new_slug).exists():
        errors.append(
            error(
                ("region", "slug"),
                _(
                    "Er bestaat al een regio met de korte naam ‘%s’. Kies bij het importeren een "
                    "andere korte naam (opdracht: --slug)."
                )
                % new_slug,
            )
        )
    if name:
        new_name = name
    else:
        new_name = document["region"]["name"]
        if slug and Region.objects.filter(name=new_name).exists():
            new_name = _copy_name(new_name)
    if Region.objects.filter(name=new_name).exists():
        errors.append(
            error(
                ("region", "name"),
                _(
                    "Er bestaat al een regio met de naam ‘%s’. Kies bij het importeren een andere "
                    "naam (opdracht: --name) of een andere korte naam (--slug)."
                )
                % new_name,
            )
        )
    return new_slug, new_name, errors


#: What a document of version 1 or 2 means for the fields version 3 added: the model
#: defaults, and an agenda that is out (those files describe meetings as they were held).
BODY_DEFAULTS = {"documents_term_days": DOCUMENTS_TERM_DAYS, "quorum": None, "quorum_unit": "leden"}
MEETING_DEFAULTS = {
    "agenda_state": "definitief",
    "agenda_submitted_at": None,
    "agenda_published_at": None,
    "agenda_publish_reason": "",
    "agenda_chair_remark": "",
    "attendance": [],
    "agenda_changes": [],
    "minutes": [],
}
ITEM_DEFAULTS = {"minutes_text": "", "adopts_minutes_of": None}
#: What a document of versions 1 to 3 means for the fields version 4 added: no frameworks,
#: no body in one, and no "registratie sinds" (the import then derives it).
FRAMEWORK_BODY_DEFAULTS = {"framework": None}
FRAMEWORK_REGION_DEFAULTS = {"registration_since": None}
#: What a document of versions 1 to 4 means for the fields version 5 added: no re-evaluation
#: dates.
REEVALUATION_DEFAULTS = {"evaluate_before": None}


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    """A valid document as version 5: a version-1 document is the structure alone; versions
    1 and 2 get the defaults of the fields version 3 added (the meeting cycle), versions 1 to
    3 those of version 4 (no frameworks), versions 1 to 4 those of version 5 (no
    re-evaluation dates). The given document is not changed."""
    version = document["version"]
    if version >= VERSION:
        return document
    upgraded = {**document, "version": VERSION}
    upgraded["bodies"] = [
        {
            **REEVALUATION_DEFAULTS,
            **body,
            "mandates": [{**REEVALUATION_DEFAULTS, **m} for m in body["mandates"]],
        }
        for body in document["bodies"]
    ]
    if version >= 4:
        return upgraded
    if version == 1:
        upgraded["parts"] = [STRUCTURE]
    upgraded["region"] = {**FRAMEWORK_REGION_DEFAULTS, **document["region"]}
    upgraded["frameworks"] = []
    upgraded["bodies"] = [
        {**FRAMEWORK_BODY_DEFAULTS, **BODY_DEFAULTS, **body} for body in upgraded["bodies"]
    ]
    if version >= 3:
        return upgraded
    if "meetings" in document:
        upgraded["meetings"] = [
            {
                **MEETING_DEFAULTS,
                **meeting,
                "items": [{**ITEM_DEFAULTS, **item} for item in meeting["items"]],
            }
            for meeting in document["meetings"]
        ]
    return upgraded


def validate_region_document(
    data: Any, *, slug: str | None = None, name: str | None = None
) -> list[RegionImportError]:
    """Every problem that keeps ``data`` from being imported; an empty list when none.

    ``data`` is a parsed document (a dict), or the raw bytes/text of a file, of any version
    the portal reads. Checks: format and version, the parts and their sections, the JSON
    Schema, duplicate keys and names and unknown references within the file, theme names
    against the portal's themes, the checks of every section (e.g. the checklist's framework
    and item codes), and whether the region's slug and name (or the given ``slug`` /
    ``name``) are still free. Model validation (dates within a body's lifetime and the like)
    needs the objects and happens during :func:`~governance.exchange.importer.import_region`.
    Nothing is written.
    """
    if isinstance(data, bytes | bytearray | str):
        try:
            data = load_region_document(data)
        except RegionImportFailed as failure:
            return failure.errors
    errors = limit_errors(data)
    if errors:
        return capped(errors)
    errors = kind_errors(data)
    if errors:
        return errors
    version = data["version"]
    if version >= 2:
        errors = parts_errors(data)
        if errors:
            return capped(errors)
    errors = schema_errors(data, version)
    if errors:
        return capped(errors)
    document = upgrade(data)
    refs = DocumentRefs(document)
    problems = structure_errors(document, refs)
    for section in sections(document["parts"]):
        problems += section.validate(document[section.name], refs)
    errors = sort_errors(problems)
    errors += identity(document, slug, name)[2]
    return capped(errors)
