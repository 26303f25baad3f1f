"""Reading a region document: bytes to JSON (size, encoding, syntax) and the JSON Schema's
findings in Dutch, each at the JSON path of the place in the file."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from governance.exchange.errors import (
    Path,
    RegionImportError,
    RegionImportFailed,
    error,
    path_sort_key,
)
from governance.exchange.schema import region_schema
from governance.exchange.sections import sections


def load_region_document(data: bytes | str) -> Any:
    """Parse a document; raises :class:`RegionImportFailed` (size, encoding, JSON syntax)."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    limit = settings.REGION_IMPORT_MAX_BYTES
    if len(raw) > limit:
        raise RegionImportFailed(
            [
                error(
                    (),
                    _("Het bestand is te groot (%(size)s MB); de grens is %(limit)s MB.")
                    % {"size": _mb(len(raw)), "limit": _mb(limit)},
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegionImportFailed(
            [error((), _("Het bestand is geen UTF-8-tekst; sla het op als UTF-8."))]
        ) from None

    def reject_constant(name: str) -> None:
        raise ValueError(name)

    try:
        return json.loads(text, parse_constant=reject_constant)
    except json.JSONDecodeError as problem:
        raise RegionImportFailed(
            [
                error(
                    (),
                    _("Het bestand is geen geldige JSON (regel %(line)s, kolom %(col)s): %(msg)s.")
                    % {"line": problem.lineno, "col": problem.colno, "msg": problem.msg},
                )
            ]
        ) from None
    except ValueError as problem:
        raise RegionImportFailed(
            [error((), _("Het bestand bevat de ongeldige waarde %s.") % problem)]
        ) from None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


_TYPE_NAMES = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "object": "een object",
    "array": "een lijst",
    "null": "null",
}


def _show(value: Any) -> str:
    if value is None:
        return "null"
    return "(leeg)" if value == "" else str(value)


def _translate(problem, version: int) -> list[tuple[Path, str]]:
    """A jsonschema error as (path, Dutch message) pairs."""
    path: Path = tuple(problem.absolute_path)
    kind = problem.validator
    instance = problem.instance
    if kind == "required":
        missing = [n for n in problem.validator_value if n not in instance]
        return [((*path, name), _("Dit verplichte veld ontbreekt.")) for name in missing]
    if kind == "additionalProperties":
        known = problem.schema.get("properties", {})
        return [
            (
                (*path, name),
                _("Onbekend veld: dit veld hoort niet in versie %s van het formaat.") % version,
            )
            for name in instance
            if name not in known
        ]
    if kind == "type":
        expected = problem.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        return [(path, _("Verwacht: %s.") % " of ".join(_TYPE_NAMES[t] for t in expected))]
    if kind == "enum":
        allowed = ", ".join(_show(v) for v in problem.validator_value)
        return [
            (
                path,
                _("Onbekende waarde ‘%(value)s’. Toegestaan: %(allowed)s.")
                % {"value": _show(instance), "allowed": allowed},
            )
        ]
    if kind == "const":
        return [(path, _("Moet ‘%s’ zijn.") % problem.validator_value)]
    schema_format = problem.schema.get("format")
    if kind in ("format", "pattern") and schema_format == "date":
        return [(path, _("Ongeldige datum ‘%s’; schrijf een datum als JJJJ-MM-DD.") % instance)]
    if kind in ("format", "pattern") and schema_format == "date-time":
        return [(path, invalid_moment(instance))]
    if kind == "pattern":
        hint = problem.schema.get("description", "")
        return [(path, (_("Ongeldige waarde ‘%s’.") % instance + " " + hint).strip())]
    if kind == "minLength":
        return [(path, _("Mag niet leeg zijn."))]
    if kind == "maxLength":
        return [
            (
                path,
                _("Te lang: maximaal %(max)s tekens (nu %(len)s).")
                % {"max": problem.validator_value, "len": len(instance)},
            )
        ]
    if kind == "minimum":
        return [(path, _("Moet minstens %s zijn.") % problem.validator_value)]
    if kind == "maximum":
        return [(path, _("Mag hoogstens %s zijn.") % problem.validator_value)]
    if kind == "uniqueItems":
        return [(path, _("Bevat een waarde meer dan eens."))]
    if kind == "minItems":
        return [(path, _("Mag niet leeg zijn."))]
    return [(path, _("Ongeldig: %s") % problem.message)]


def invalid_moment(value: Any) -> str:
    return (
        _(
            "Ongeldig tijdstip ‘%s’; schrijf een tijdstip met tijdzone, bijvoorbeeld "
            "2026-10-15T13:30:00+02:00."
        )
        % value
    )


@lru_cache(maxsize=4)
def _validator(version: int, sections_key: tuple) -> Draft202012Validator:
    return Draft202012Validator(
        region_schema(version), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(document: Any, version: int) -> list[RegionImportError]:
    """The JSON Schema's findings for ``document`` (of format ``version``), in Dutch, one per
    place, in the order of the document."""
    validator = _validator(version, tuple(id(s) for s in sections()))
    return translated_schema_errors(validator, document, version)


def translated_schema_errors(
    validator: Draft202012Validator, document: Any, version: int
) -> list[RegionImportError]:
    """What ``validator`` finds in ``document``, in Dutch, one message per place, in the order
    of the document (also used by the other documents of the portal, such as the demo's
    reflections file)."""
    found: dict[Path, str] = {}
    for problem in validator.iter_errors(document):
        for parts, message in _translate(problem, version):
            found.setdefault(parts, message)  # one message per place is enough
    return [error(parts, found[parts]) for parts in sorted(found, key=path_sort_key)]
