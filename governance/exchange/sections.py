"""The registry of optional sections of a region document (format version 2).

A document always holds the region's structure (part ``structuur``). Other *parts* add
top-level *sections*: ``werkagenda`` adds ``knelpunten`` and ``actions``, ``vergaderingen`` adds
``meetings``, ``checklist`` adds ``checklist``. A section is registered by the app that owns
its data: governance registers its own in ``GovernanceConfig.ready()``, the checklist app
registers ``checklist`` in ``ChecklistConfig.ready()`` — governance never imports the apps
above it (DESIGN.md §4), yet the schema, the export, the validation and the import include
every registered section.

A :class:`Section` says:

* ``name`` — its top-level field in the document;
* ``part`` — the part that carries it, and ``requires`` — the parts it needs besides
  ``structuur`` (agenda items refer to actions, so ``vergaderingen`` requires
  ``werkagenda``);
* ``schema()`` — ``(schema of the value, {name: definition})``: the value's JSON Schema,
  which may refer to ``#/$defs/<name>`` of its own definitions and of the structure's;
* ``export(region, keys) -> data`` — ``keys`` is a :class:`~governance.exchange.keys.
  RegionKeys` of the region;
* ``validate(data, refs) -> errors`` — ``data`` has passed the schema; ``refs`` is a
  :class:`~governance.exchange.refs.DocumentRefs` of the whole document; errors are
  :class:`~governance.exchange.errors.RegionImportError` with paths from ``$.<name>``;
* ``import_(data, context)`` — writes the section with an :class:`~governance.exchange.
  context.ImportContext` (bulk writes with history, model validation, key maps);
* ``permission`` — the django-rules permission (on the region) needed to read the data; the
  export page offers a part only to users holding the permissions of all its sections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

STRUCTURE = "structuur"

#: Every part the format defines, in the fixed order of ``parts`` in a document.
PARTS: tuple[str, ...] = (STRUCTURE, "werkagenda", "vergaderingen", "checklist")

PART_LABELS = {
    STRUCTURE: _("structuur"),
    "werkagenda": _("werkagenda"),
    "vergaderingen": _("vergaderingen"),
    "checklist": _("checklist"),
}

#: What reading the structure takes (the export page checks it as well).
STRUCTURE_PERMISSION = "governance.view_region"


@dataclass(frozen=True)
class Section:
    name: str
    part: str
    schema: Callable[[], tuple[dict[str, Any], dict[str, Any]]]
    export: Callable[..., Any]
    validate: Callable[..., list]
    import_: Callable[..., None]
    requires: tuple[str, ...] = ()
    permission: str = STRUCTURE_PERMISSION

    def __post_init__(self) -> None:
        if self.part not in PARTS or self.part == STRUCTURE:
            raise ValueError(f"Unknown part {self.part!r} for section {self.name!r}.")
        if any(p not in PARTS for p in self.requires):
            raise ValueError(f"Section {self.name!r} requires an unknown part.")


_SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """Add (or replace) the section ``section.name``; idempotent across repeated ready()."""
    _SECTIONS[section.name] = section


def unregister_section(name: str) -> None:
    """Remove a section (tests)."""
    _SECTIONS.pop(name, None)


def sections(parts: Iterable[str] | None = None) -> list[Section]:
    """The registered sections (of ``parts``), in the order of the parts, then of
    registration — the order in which they are exported and imported."""
    wanted = None if parts is None else set(parts)
    ordered = sorted(
        enumerate(_SECTIONS.values()), key=lambda pair: (PARTS.index(pair[1].part), pair[0])
    )
    return [s for _i, s in ordered if wanted is None or s.part in wanted]


def available_parts() -> list[str]:
    """``structuur`` and every part that has a registered section, in the fixed order."""
    present = {s.part for s in _SECTIONS.values()}
    return [p for p in PARTS if p == STRUCTURE or p in present]


def required_parts(part: str) -> list[str]:
    """The parts ``part`` needs besides ``structuur``, in the fixed order."""
    needed = {p for s in _SECTIONS.values() if s.part == part for p in s.requires}
    return [p for p in PARTS if p in needed and p != STRUCTURE]


def part_permissions(part: str) -> list[str]:
    """The permissions needed to read ``part`` (on the region)."""
    perms = {STRUCTURE_PERMISSION} | {s.permission for s in _SECTIONS.values() if s.part == part}
    return sorted(perms)


def readable_parts(user, region) -> list[str]:
    """The available parts ``user`` may read of ``region``."""
    return [
        part
        for part in available_parts()
        if all(user.has_perm(perm, region) for perm in part_permissions(part))
    ]


def normalise_parts(parts: Iterable[str] | None) -> list[str]:
    """``parts`` checked, with ``structuur``, in the fixed order. Raises ValueError (Dutch)
    for an unknown part or a part without the parts it requires."""
    chosen = set(parts or ()) | {STRUCTURE}
    available = available_parts()
    unknown = sorted(chosen - set(available))
    if unknown:
        raise ValueError(
            _("Onbekend onderdeel: %(parts)s. Kies uit: %(known)s.")
            % {"parts": ", ".join(unknown), "known": ", ".join(available)}
        )
    for part in chosen:
        missing = [p for p in required_parts(part) if p not in chosen]
        if missing:
            raise ValueError(
                _("Het onderdeel ‘%(part)s’ kan alleen samen met %(missing)s.")
                % {"part": part, "missing": ", ".join(f"‘{p}’" for p in missing)}
            )
    return [p for p in available if p in chosen]
