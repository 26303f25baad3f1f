"""The werkmap (workbook version 2) carries the "evalueren vóór" dates of bodies and mandates
in a last column of the sheets Gremia and Mandaten; a workbook of version 1 (without that
column) still reads, and leaves the dates as they are."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from governance.models import Body, Mandate
from governance.services.workbook import workbook_apply
from governance.workbook.export import build_workbook
from governance.workbook.layout import META_SHEET, SHEETS_BY_NAME, VERSION
from governance.workbook.parse import WorkbookRefused, read_workbook
from governance.workbook.plan import build_plan
from tests.governance.workbook_data import build_region, column, edit, find_row, secretary_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    region = build_region()
    Body.objects.filter(region=region, name="Stamtafel").update(evaluate_before=date(2027, 1, 1))
    return region


def _apply(region, data: bytes) -> dict:
    plan = build_plan(region, read_workbook(data), today=timezone.localdate())
    user = secretary_of(region)
    return workbook_apply(region=region, plan=plan, user=user, today=timezone.localdate())


def _cell(value):
    return value.date() if isinstance(value, datetime) else value


def test_the_dates_are_in_the_last_column_of_gremia_and_mandaten(region):
    assert VERSION == 2
    workbook = load_workbook(io.BytesIO(build_workbook(region)))
    for name in ("Gremia", "Mandaten"):
        ws = workbook[name]
        last = len(SHEETS_BY_NAME[name].columns) + 1
        assert ws.cell(row=1, column=last).value == "Evalueren vóór"
    gremia = workbook["Gremia"]
    row = find_row(gremia, {"Naam": "Stamtafel"})
    assert _cell(gremia.cell(row=row, column=column("Gremia", "Evalueren vóór")).value) == date(
        2027, 1, 1
    )
    meta = {r[0]: r[1] for r in workbook[META_SHEET].iter_rows(values_only=True) if r[0]}
    assert str(meta["versie"]) == "2"


def test_a_date_set_in_the_workbook_is_saved(region):
    def change(workbook):
        ws = workbook["Mandaten"]
        row = find_row(ws, {"Onderwerp": "Regionale aanpak"})
        ws.cell(row=row, column=column("Mandaten", "Evalueren vóór"), value=date(2026, 9, 1))

    _apply(region, edit(build_workbook(region), change))
    mandate = Mandate.objects.get(subject="Regionale aanpak")
    assert mandate.evaluate_before == date(2026, 9, 1) and mandate.version == 2


def test_a_nonsense_date_is_refused_next_to_the_cell(region):
    def change(workbook):
        ws = workbook["Mandaten"]
        row = find_row(ws, {"Onderwerp": "Regionale aanpak"})
        ws.cell(row=row, column=column("Mandaten", "Evalueren vóór"), value=date(2020, 1, 1))

    with pytest.raises(WorkbookRefused) as refused:
        build_plan(
            region,
            read_workbook(edit(build_workbook(region), change)),
            today=timezone.localdate(),
        )
    (error,) = refused.value.errors
    assert error.sheet == "Mandaten" and error.header == "Evalueren vóór"
    assert "moet na de begindatum liggen" in error.message


def _as_version_1(workbook):
    """A workbook as the portal wrote it before version 2: no column 'Evalueren vóór'."""
    for name in ("Gremia", "Mandaten"):
        workbook[name].delete_cols(column(name, "Evalueren vóór"))
    meta = workbook[META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == "versie":
            row[1].value = 1


def test_a_version_1_workbook_still_reads_and_keeps_the_dates(region):
    Mandate.objects.filter(subject="Regionale aanpak").update(evaluate_before=date(2026, 9, 1))

    def change(workbook):
        _as_version_1(workbook)
        ws = workbook["Gremia"]
        row = find_row(ws, {"Naam": "Stamtafel"})
        ws.cell(row=row, column=column("Gremia", "Korte naam"), value="STZV")

    result = _apply(region, edit(build_workbook(region), change))
    assert result
    body = Body.objects.get(region=region, name="Stamtafel")
    assert body.short_name == "STZV" and body.evaluate_before == date(2027, 1, 1)
    assert Mandate.objects.get(subject="Regionale aanpak").evaluate_before == date(2026, 9, 1)


def test_an_unchanged_version_1_workbook_changes_nothing(region):
    plan = build_plan(
        region,
        read_workbook(edit(build_workbook(region), _as_version_1)),
        today=timezone.localdate(),
    )
    assert plan["ops"] == []
