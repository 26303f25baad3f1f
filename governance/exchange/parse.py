"""Reading a region document: bytes to JSON (size, encoding, syntax) and the JSON Schema's
findings in Dutch, each at the JSON path of the place in the file."""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from governance.exchange.errors import (
    MAX_ERRORS,
    Path,
    Problems,
    RegionImportError,
    RegionImportFailed,
    error,
    path_sort_key,
)
from governance.exchange.schema import region_schema
from governance.exchange.sections import sections

#: Limits of a region document (docs/region-format.md, *Limits*). The file size is
#: ``settings.REGION_IMPORT_MAX_BYTES``.
#: Objects and lists nested in each other: the format needs 7, the rest is slack.
MAX_DEPTH = 16
#: Characters of one text (the JSON Schema gives shorter limits for most fields).
MAX_TEXT = 50_000
#: Digits of a number; a number beyond 64 bits is refused as well.
MAX_DIGITS = 40
INT64 = 2**63 - 1

#: Characters that never belong in a text: C0 controls except tab, line feed and carriage
#: return, DEL, C1 controls, and lone surrogates (not UTF-8 at all). NUL cannot be stored in
#: PostgreSQL, the others break spreadsheets, PDFs and terminals.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class _Refused(ValueError):
    """A value the parser refuses, with a Dutch message."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(_("Het bestand bevat een getal van meer dan %s cijfers.") % MAX_DIGITS)
    return int(text)


def _parse_constant(name: str) -> None:
    raise _Refused(_("Het bestand bevat de ongeldige waarde %s.") % name)


#: The messages of Python's JSON parser, in Dutch.
_JSON_MESSAGES = {
    "Expecting value": "hier wordt een waarde verwacht",
    "Expecting ',' delimiter": "hier wordt een komma verwacht",
    "Expecting ':' delimiter": "hier wordt een dubbele punt verwacht",
    "Expecting property name enclosed in double quotes": (
        "hier wordt een veldnaam tussen dubbele aanhalingstekens verwacht"
    ),
    "Unterminated string starting at": "een tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": "een stuurteken in een tekst",
    "Invalid \\escape": "een ongeldige escape (\\) in een tekst",
    "Invalid \\uXXXX escape": "een ongeldige \\u-escape in een tekst",
    "Extra data": "na het JSON-object staat nog meer",
    "Illegal trailing comma before end of object": "een komma voor het einde van een object",
    "Illegal trailing comma before end of array": "een komma voor het einde van een lijst",
}


def load_region_document(data: bytes | str) -> Any:
    """Parse a document; raises :class:`RegionImportFailed` (size, encoding, JSON syntax,
    nesting, numbers beyond :data:`MAX_DIGITS` digits, NaN/Infinity, duplicate keys)."""
    if isinstance(data, str):
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: text that is no Unicode at all
            raise RegionImportFailed([error((), _not_utf8())]) from None
    else:
        raw = bytes(data)
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
        raise RegionImportFailed([error((), _not_utf8())]) from None

    duplicates: dict[int, list[str]] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, value in items:
            if name in result:
                duplicates.setdefault(id(result), []).append(name)
            result[name] = value
        return result

    try:
        document = json.loads(
            text,
            parse_constant=_parse_constant,
            parse_int=_parse_int,
            object_pairs_hook=pairs,
        )
    except json.JSONDecodeError as problem:
        message = _JSON_MESSAGES.get(problem.msg, problem.msg)
        raise RegionImportFailed(
            [
                error(
                    (),
                    _("Het bestand is geen geldige JSON (regel %(line)s, kolom %(col)s): %(msg)s.")
                    % {"line": problem.lineno, "col": problem.colno, "msg": _(message)},
                )
            ]
        ) from None
    except _Refused as problem:
        raise RegionImportFailed([error((), str(problem))]) from None
    except RecursionError:
        raise RegionImportFailed([error((), _too_deep())]) from None
    if duplicates:
        found = Problems()
        for parts, value in _walk(document):
            names = duplicates.get(id(value)) if isinstance(value, dict) else None
            if names:
                found.add(
                    parts,
                    _("Het veld ‘%s’ staat meer dan eens in dit object.") % printable(names[0]),
                )
        if found:
            raise RegionImportFailed(found)
    return document


def _not_utf8() -> str:
    return _("Het bestand is geen UTF-8-tekst; sla het op als UTF-8.")


def _too_deep() -> str:
    return (
        _("Het bestand is te diep genest: hoogstens %s lagen objecten en lijsten in elkaar.")
        % MAX_DEPTH
    )


def printable(value: str, limit: int = 80) -> str:
    """``value`` safe to show: forbidden characters as ``\\uXXXX``, at most ``limit``
    characters."""
    shown = _FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _walk(document: Any):
    """``(path, value)`` of every value in ``document``, depth first, without recursion
    (stops descending below :data:`MAX_DEPTH`)."""
    stack: list[tuple[Path, Any]] = [((), document)]
    while stack:
        parts, value = stack.pop()
        yield parts, value
        if len(parts) >= MAX_DEPTH:
            continue
        if isinstance(value, dict):
            stack.extend(((*parts, k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend(((*parts, i), v) for i, v in reversed(list(enumerate(value))))


def limit_errors(document: Any) -> list[RegionImportError]:
    """What no document may hold, whatever its version: nesting deeper than
    :data:`MAX_DEPTH`, texts (and field names) with forbidden characters or longer than
    :data:`MAX_TEXT`, numbers beyond 64 bits or not finite, values that are not JSON."""
    problems = Problems()
    for parts, value in _walk(document):
        if len(problems) > MAX_ERRORS:
            break
        shown = tuple(printable(p) if isinstance(p, str) else p for p in parts)
        if isinstance(value, dict | list):
            if len(parts) >= MAX_DEPTH and value:
                problems.add(shown, _too_deep())
            if isinstance(value, dict):
                for name in value:
                    if not isinstance(name, str):
                        problems.add(shown, _("Een veldnaam moet tekst zijn."))
                    elif _FORBIDDEN.search(name) or len(name) > 200:
                        problems.add(
                            (*shown, printable(name)),
                            _("Ongeldige veldnaam: stuurtekens of te lang."),
                        )
        elif isinstance(value, str):
            found = _FORBIDDEN.search(value)
            if found:
                problems.add(
                    shown,
                    _(
                        "De tekst bevat een ongeldig teken (%(char)s op plaats %(pos)s): "
                        "stuurtekens zoals NUL horen niet in een tekst."
                    )
                    % {"char": f"U+{ord(found.group()):04X}", "pos": found.start() + 1},
                )
            elif len(value) > MAX_TEXT:
                problems.add(
                    shown,
                    _("Te lang: maximaal %(max)s tekens (nu %(len)s).")
                    % {"max": MAX_TEXT, "len": len(value)},
                )
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if abs(value) > INT64:
                problems.add(shown, _("Dit getal is te groot (meer dan 64 bits)."))
        elif isinstance(value, float):
            if not math.isfinite(value):
                problems.add(shown, _("Dit getal is te groot."))
        else:
            problems.add(shown, _("Dit is geen JSON-waarde."))
    return problems


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
    if kind == "format" and schema_format in ("date", "date-time") and out_of_range(instance):
        return [(path, out_of_range_message(instance))]
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


#: Dates and moments lie in these years (documented limit): far enough from the ends of
#: what Python and the databases can hold that no time zone or date arithmetic overflows.
FIRST_YEAR = 1800
LAST_YEAR = 2199

_formats = FormatChecker(formats=())


@_formats.checks("date", raises=ValueError)
def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    return FIRST_YEAR <= date.fromisoformat(value).year <= LAST_YEAR


@_formats.checks("date-time", raises=ValueError)
def _is_moment(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return False
    return FIRST_YEAR <= parsed.year <= LAST_YEAR


def _canonical(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _unique_items(validator, unique, instance, schema):
    """``uniqueItems`` in linear time (jsonschema compares objects pairwise)."""
    if not unique or not validator.is_type(instance, "array"):
        return
    seen: set[str] = set()
    for item in instance:
        key = _canonical(item)
        if key in seen:
            yield ValidationError("has non-unique elements")
            return
        seen.add(key)


_Validator = validators.extend(Draft202012Validator, {"uniqueItems": _unique_items})


def out_of_range(value: Any) -> bool:
    """Whether ``value`` is a well-formed date or moment outside the years allowed."""
    try:
        year = (date if len(value) == 10 else datetime).fromisoformat(value).year
    except (TypeError, ValueError):
        return False
    return not FIRST_YEAR <= year <= LAST_YEAR


def out_of_range_message(value: str) -> str:
    return _("De datum ‘%(value)s’ ligt buiten %(first)s–%(last)s.") % {
        "value": value,
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


@lru_cache(maxsize=4)
def _validator(version: int, sections_key: tuple) -> Draft202012Validator:
    return _Validator(region_schema(version), format_checker=_formats)


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
