"""The demo's table of contents: ``demo/demo.json`` (format ``zv-portaal/demo``, version 1).

It names the *peildatum* — the day the data files describe —, the region files (the region
exchange format with all its parts, docs/region-format.md) with their reflections files
(``zv-portaal/casusreflecties``, docs/demo-format.md), and the demo accounts: name, roles and
the person of a region each one is (by the person's key in the region file). Accounts belong to
an installation, not to a region, so they are here and not in the region files.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from jsonschema import Draft202012Validator

from core.constants import Role

FORMAT = "zv-portaal/demo"
VERSION = 1
DEMO_DIR = Path(settings.BASE_DIR) / "demo"
MANIFEST = "demo.json"

DEMO_PASSWORD_DEFAULT = "zv-demo-2026"
DEMO_PASSWORD_ENV = "DEMO_PASSWORD"
STAFF_LABEL = "Functioneel beheerder"

_FILE = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9._-]*\.json$"}
_SLUG = {"type": "string", "minLength": 1, "maxLength": 40}
_ITEM = {  # an agenda item of a region file: the meeting's key and the item's position (from 1)
    "region": _SLUG,
    "meeting": {"type": "string", "minLength": 1},
    "item": {"type": "integer", "minimum": 1},
}
_DAYS_BEFORE = {"type": "integer", "minimum": 0, "maximum": 365}
_STUK = {
    "type": "object",
    "additionalProperties": False,
    "required": ["region", "meeting", "item", "title", "file", "days_before"],
    "properties": {
        **_ITEM,
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "file": {"type": "string", "pattern": r"^stukken/[a-z0-9][a-z0-9._-]*\.pdf$"},
        "days_before": _DAYS_BEFORE,
    },
}
_NOTE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["username", "region", "meeting", "item", "stuk", "page", "text", "days_before"],
    "properties": {
        "username": {"type": "string", "pattern": r"^demo-[a-z0-9-]+$"},
        **_ITEM,
        "stuk": {"type": ["string", "null"], "minLength": 1},
        "page": {"type": ["integer", "null"], "minimum": 1},
        "text": {"type": "string", "minLength": 1},
        "days_before": _DAYS_BEFORE,
    },
}
_ANSWER = {  # a structure finding about a body, answered "bewust zo" by a demo account
    "type": "object",
    "additionalProperties": False,
    "required": ["username", "region", "check", "body", "reason", "review_after_days"],
    "properties": {
        "username": {"type": "string", "pattern": r"^demo-[a-z0-9-]+$"},
        "region": _SLUG,
        "check": {"type": "string", "pattern": r"^[a-z_]+$"},
        "body": {"type": "string", "minLength": 1},
        "reason": {"type": "string", "minLength": 10, "maxLength": 2000},
        "review_after_days": {"type": ["integer", "null"], "minimum": 1, "maximum": 3650},
    },
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["format", "version", "peildatum", "regions", "users"],
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "peildatum": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "regions": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["region", "reflections"],
                "properties": {
                    "region": _FILE,
                    "reflections": {**_FILE, "type": ["string", "null"]},
                },
            },
        },
        "stukken": {"type": "array", "items": _STUK},
        "notes": {"type": "array", "items": _NOTE},
        "answers": {"type": "array", "items": _ANSWER},
        "users": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["username", "first_name", "last_name", "staff", "roles", "person"],
                "properties": {
                    "username": {"type": "string", "pattern": r"^demo-[a-z0-9-]+$"},
                    "first_name": {"type": "string", "minLength": 1, "maxLength": 150},
                    "last_name": {"type": "string", "minLength": 1, "maxLength": 150},
                    "staff": {"type": "boolean"},
                    "roles": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["role", "region"],
                            "properties": {
                                "role": {"enum": list(Role.values)},
                                "region": {**_SLUG, "type": ["string", "null"]},
                            },
                        },
                    },
                    "person": {
                        "type": ["object", "null"],
                        "additionalProperties": False,
                        "required": ["region", "key"],
                        "properties": {"region": _SLUG, "key": {"type": "string", "minLength": 1}},
                    },
                },
            },
        },
    },
}


class DemoDataError(Exception):
    """The demo files are not usable; the message says where (Dutch)."""


@dataclass(frozen=True)
class DemoRegionFiles:
    region: Path
    reflections: Path | None


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    staff: bool
    roles: tuple[tuple[str, str | None], ...]
    person: tuple[str, str] | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def label(self) -> str:
        """The role as the console and the README name it."""
        if self.staff:
            return STAFF_LABEL
        return ", ".join(str(Role(role).label) for role, _region in self.roles) or "—"


@dataclass(frozen=True)
class DemoStuk:
    """A vergaderstuk (a PDF in ``demo/stukken/``) on an agenda item of a region file,
    uploaded ``days_before`` the meeting's day (at 10:00)."""

    region: str
    meeting: str
    item: int
    title: str
    file: str
    days_before: int


@dataclass(frozen=True)
class DemoNote:
    """A personal note of a demo account on an agenda item, or on one of its stukken (by
    title) with an optional page; written ``days_before`` the meeting's day."""

    username: str
    region: str
    meeting: str
    item: int
    stuk: str | None
    page: int | None
    text: str
    days_before: int


@dataclass(frozen=True)
class DemoAnswer:
    """A structure finding about a body (by its name), answered ‘bewust zo’ by a demo account
    when the region is loaded, with a review date ``review_after_days`` after the load day."""

    username: str
    region: str
    check: str
    body: str
    reason: str
    review_after_days: int | None


@dataclass(frozen=True)
class Manifest:
    directory: Path
    peildatum: date
    regions: tuple[DemoRegionFiles, ...]
    users: tuple[DemoUser, ...]
    stukken: tuple[DemoStuk, ...] = ()
    notes: tuple[DemoNote, ...] = ()
    answers: tuple[DemoAnswer, ...] = ()


def demo_password() -> str:
    return os.environ.get(DEMO_PASSWORD_ENV) or DEMO_PASSWORD_DEFAULT


def _errors(document: Any) -> list[str]:
    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(str(p) for p in problem.absolute_path) or '(bestand)'}: {problem.message}"
        for problem in validator.iter_errors(document)
    ]


@lru_cache(maxsize=4)
def read_manifest(directory: Path = DEMO_DIR) -> Manifest:
    path = Path(directory) / MANIFEST
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as problem:
        raise DemoDataError(f"{path}: niet te lezen ({problem}).") from None
    problems = _errors(document)
    if problems:
        raise DemoDataError(f"{path}: " + "; ".join(problems))
    regions = []
    for entry in document["regions"]:
        reflections = entry["reflections"]
        files = DemoRegionFiles(
            region=path.parent / entry["region"],
            reflections=path.parent / reflections if reflections else None,
        )
        for file in (files.region, files.reflections):
            if file is not None and not file.is_file():
                raise DemoDataError(f"{path}: het bestand {file.name} ontbreekt.")
        regions.append(files)
    users = tuple(
        DemoUser(
            username=u["username"],
            first_name=u["first_name"],
            last_name=u["last_name"],
            staff=u["staff"],
            roles=tuple((r["role"], r["region"]) for r in u["roles"]),
            person=(u["person"]["region"], u["person"]["key"]) if u["person"] else None,
        )
        for u in document["users"]
    )
    for user in users:
        for role, region in user.roles:
            if (role == Role.VNG_ADVISOR) != (region is None):
                raise DemoDataError(
                    f"{path}: {user.username}: een VNG-adviseur is landelijk (region null), "
                    "elke andere rol hoort bij een regio."
                )
    stukken = tuple(DemoStuk(**entry) for entry in document.get("stukken", []))
    for stuk in stukken:
        if not (path.parent / stuk.file).is_file():
            raise DemoDataError(f"{path}: het stuk {stuk.file} ontbreekt.")
    return Manifest(
        directory=path.parent,
        peildatum=date.fromisoformat(document["peildatum"]),
        regions=tuple(regions),
        users=users,
        stukken=stukken,
        notes=tuple(DemoNote(**entry) for entry in document.get("notes", [])),
        answers=tuple(DemoAnswer(**entry) for entry in document.get("answers", [])),
    )


def manifest_document(manifest: Manifest) -> dict[str, Any]:
    """The manifest as JSON (written by ``manage.py export_demo``)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "peildatum": manifest.peildatum.isoformat(),
        "regions": [
            {
                "region": files.region.name,
                "reflections": files.reflections.name if files.reflections else None,
            }
            for files in manifest.regions
        ],
        "users": [
            {
                "username": u.username,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "staff": u.staff,
                "roles": [{"role": role, "region": region} for role, region in u.roles],
                "person": {"region": u.person[0], "key": u.person[1]} if u.person else None,
            }
            for u in manifest.users
        ],
        "stukken": [asdict(stuk) for stuk in manifest.stukken],
        "notes": [asdict(note) for note in manifest.notes],
        "answers": [asdict(answer) for answer in manifest.answers],
    }
