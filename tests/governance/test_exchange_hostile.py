"""Region import of hostile bytes: whatever the file holds — truncated, not UTF-8, deeply
nested, enormous, NUL and other control characters, numbers beyond any column, non-finite
floats, duplicate keys, references to nothing, wrong types — the import answers with the
Dutch error list and writes nothing, on SQLite and on PostgreSQL (run the tests on both)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from core.history import get_system_user
from governance.exchange import (
    RegionImportFailed,
    export_region,
    import_region,
    validate_region_document,
)
from governance.exchange.errors import MAX_ERRORS
from governance.exchange.parse import MAX_DEPTH, MAX_TEXT
from tests.governance.exchange_data import ALL_PARTS

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


def table_counts() -> dict[str, int]:
    """Rows of every table of the portal (an import that is refused changes none)."""
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def refused(data, user, **kwargs) -> list:
    """Import ``data``; it must be refused with Dutch errors and change nothing."""
    before = table_counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=data, user=user, **kwargs)
    assert table_counts() == before
    errors = failed.value.errors
    assert errors
    for found in errors:
        assert found.path.startswith("$")
        assert found.message
        # every message can be shown on a page and written to a terminal
        (found.path + found.message).encode("utf-8")
    return errors


@pytest.fixture
def doc(used_region):
    document = export_region(used_region, ALL_PARTS)
    document["actions"].sort(key=lambda a: not a["log"])  # one with a log first
    return document


def _set(doc, path, value):
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


# --- bytes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"\x00",
        b"\xff\xfe{\x00}\x00",  # UTF-16
        b"\xc3\x28",  # not UTF-8
        b'{"format": "zv-portaal/region", "version": 5, "parts": [',
        b"[]",
        b"null",
        b"42",
        b'"tekst"',
        b"{",
        b"}",
        b'{"a": NaN}',
        b'{"a": Infinity}',
        b'{"a": -Infinity}',
        b'{"format": "zv-portaal/region", "version": 1e400}',
        b'{"format": "zv-portaal/region", "version": ' + b"9" * 5000 + b"}",
        b'{"format": "zv-portaal/region", "format": "zv-portaal/region", "version": 5}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        b"[" * 100_000,
        b'{"format": "zv-portaal/region\\u0000"}',
        b'{"format": "\\ud800"}',
        b'{"\\ud800": 1}',
        b'{"format": "zv-portaal/region", "version": 5, "\\u0000": 1}',
        b'{"format": "zv-portaal/region", "version": 5.5}',
        b'{"format": "zv-portaal/region", "version": true}',
        b'{"format": "zv-portaal/region", "version": "5"}',
    ],
    ids=lambda d: repr(d[:40]),
)
def test_hostile_bytes_are_refused(user, data):
    refused(data, user)


def test_text_with_lone_surrogate_is_refused(user):
    refused('{"format": "\ud800"}', user)


def test_too_large_is_refused(user, settings):
    settings.REGION_IMPORT_MAX_BYTES = 1000
    errors = refused(b" " * 1001, user)
    assert "te groot" in errors[0].message


def test_too_deep_is_refused_with_the_limit(user, doc):
    nested: object = "x"
    for _i in range(MAX_DEPTH + 5):
        nested = [nested]
    doc["region"]["description"] = nested
    errors = refused(json.dumps(doc), user)
    assert any("genest" in e.message for e in errors), errors


def test_duplicate_key_is_refused_at_its_place(user, doc):
    text = json.dumps(doc)
    text = text.replace('"slug": ', '"slug": "dubbel", "slug": ', 1)
    errors = refused(text, user)
    assert any(e.path == "$.region" and "slug" in e.message for e in errors), errors


# --- values in a real document ---------------------------------------------------------------


HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m",
    "\x7f",
    "\x85",
    "\ud800",
    "x" * (MAX_TEXT + 1),
    2**63,
    -(2**63) - 1,
    2**31,
    32768,
    65536,
    -1,
    1.5,
    1e300,
    [],
    {},
    [[[[[]]]]],
    {"a": {"b": {"c": {}}}},
    True,
    None,
    "",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "2026-10-15T13:30:00",
    "2026-10-15T25:30:00+02:00",
]

PLACES = [
    ("region", "name"),
    ("region", "slug"),
    ("region", "description"),
    ("region", "registration_since"),
    ("persons", 0, "name"),
    ("persons", 0, "email"),
    ("persons", 0, "key"),
    ("organisations", 0, "name"),
    ("bodies", 0, "name"),
    ("bodies", 0, "established_on"),
    ("bodies", 0, "dissolved_on"),
    ("bodies", 0, "meeting_frequency_per_year"),
    ("bodies", 0, "meeting_duration_hours"),
    ("bodies", 0, "documents_term_days"),
    ("bodies", 0, "quorum"),
    ("bodies", 0, "evaluate_before"),
    ("bodies", 0, "roles"),
    ("bodies", 0, "themes"),
    ("bodies", 0, "memberships", 0, "person"),
    ("bodies", 0, "memberships", 0, "start"),
    ("bodies", 0, "cost_lines", 0, "estimate_eur"),
    ("relations", 0, "source"),
    ("knelpunten", 0, "title"),
    ("actions", 0, "importance"),
    ("actions", 0, "knelpunten"),
    ("actions", 0, "origin_agenda_item"),
    ("actions", 0, "log", 0, "text"),
    ("meetings", 0, "starts_at"),
    ("meetings", 0, "ends_at"),
    ("meetings", 0, "items", 0, "order"),
    ("meetings", 0, "items", 0, "description"),
    ("meetings", 0, "minutes"),
    ("checklist", "assessments", 0, "evidence"),
    ("checklist", "peilmomenten"),
]


#: Values refused wherever they are.
FORBIDDEN = ["\x00", "a\x00b", "\x01\x02\x1b[31m", "\x7f", "\x85", "\ud800", "x" * (MAX_TEXT + 1)]


def _hostile(value):
    return value if not isinstance(value, list | dict) else copy.deepcopy(value)


class _Undo(Exception):
    pass


def test_hostile_values_are_refused_or_imported(user, doc):
    """Every hostile value at every place: refused with errors and nothing written, or (when
    it happens to be a valid value there) imported; never another exception. (One test, so
    that the rich region is built once.)"""
    before = table_counts()
    for place, value in [(p, v) for p in PLACES for v in HOSTILE_VALUES]:
        broken = copy.deepcopy(doc)
        _set(broken, place, _hostile(value))
        text = json.dumps(broken, ensure_ascii=False).encode("utf-8", "surrogatepass")
        try:
            with transaction.atomic():
                import_region(data=text, user=user, slug="kopie")
                raise _Undo  # accepted: undo it, the next value starts from the same data
        except _Undo:
            assert value not in FORBIDDEN, (place, value)
        except RegionImportFailed as failed:
            for found in failed.errors:
                (found.path + found.message).encode("utf-8")
        if isinstance(value, str) and value in FORBIDDEN:
            assert validate_region_document(broken), (place, value)
    assert table_counts() == before


# --- references and duplicates -----------------------------------------------------------------


def test_references_to_nothing_everywhere(user, doc):
    doc["bodies"][0]["memberships"][0]["person"] = "niemand"
    doc["actions"][0]["owning_body"] = "Geen gremium"
    doc["meetings"][0]["items"][0]["action"] = "geen-actie"
    doc["actions"][0]["origin_agenda_item"] = {"meeting": "geen", "item": 2**62}
    errors = refused(json.dumps(doc), user, slug="kopie")
    paths = {e.path for e in errors}
    assert "$.bodies[0].memberships[0].person" in paths


def test_many_errors_are_capped(user, doc):
    doc["bodies"][0]["roles"] = ["zingen"] * 5000
    errors = refused(json.dumps(doc), user, slug="kopie")
    assert len(errors) <= MAX_ERRORS + 1


def test_quadratic_inputs_answer_quickly(user, doc):
    """Long lists that a naive check compares pairwise."""
    import time

    doc["parts"] = ["structuur"] * 50_000
    started = time.monotonic()
    refused(json.dumps(doc), user, slug="kopie")
    doc["parts"] = list(ALL_PARTS)
    doc["actions"][0]["coalition"] = [
        {"name": f"organisatie {i}", "national": True} for i in range(20_000)
    ]
    refused(json.dumps(doc), user, slug="kopie")
    assert time.monotonic() - started < 15


# --- the command and the upload ------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"\x00\xff", b"[" * 100_000, b'{"format": "\\u0000"}', b'{"\\ud800": 1}'],
    ids=["binary", "deep", "nul", "surrogate"],
)
def test_command_refuses_hostile_files(tmp_path, data):
    path = tmp_path / "regio.json"
    path.write_bytes(data)
    get_system_user()  # the command's author exists before it runs
    before = table_counts()
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("import_region", str(path))
    assert table_counts() == before


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\xff",
        b"[" * 100_000,
        b'{"format": "\\u0000"}',
        b'{"\\ud800": 1}',
        b'{"format": "zv-portaal/region", "version": 5, "parts": ["\\ud800"]}',
    ],
    ids=["binary", "deep", "nul", "surrogate-key", "surrogate-value"],
)
def test_upload_refuses_hostile_files(client, staff_user, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff_user)
    before = table_counts()
    response = client.post(
        reverse("governance:region_import"),
        {"file": SimpleUploadedFile("regio.json", data, "application/json")},
    )
    assert response.status_code == 400
    assert "niets veranderd" in response.content.decode()
    assert table_counts() == before


def test_validate_accepts_a_parsed_document_with_nul(doc):
    doc["region"]["description"] = "a\x00b"
    errors = validate_region_document(doc)
    assert [e.path for e in errors] == ["$.region.description"]
