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
from dataclasses import dataclass
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
class Manifest:
    directory: Path
    peildatum: date
    regions: tuple[DemoRegionFiles, ...]
    users: tuple[DemoUser, ...]


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
    return Manifest(
        directory=path.parent,
        peildatum=date.fromisoformat(document["peildatum"]),
        regions=tuple(regions),
        users=users,
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
    }
