"""Writing a region's structure as an XLSX workbook (openpyxl).

Every sheet has a frozen header row, a hidden id column (A), drop-down lists for code values
and references, real dates, and sensible widths. The hidden, protected sheet ``Werkmap`` holds
the metadata: format, region, the stamp of the region's state and the moment of download. The
number of queries does not depend on the size of the region.
"""

from __future__ import annotations

import io
from collections import Counter

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from core.csv_export import CSV_INJECTION_PREFIXES
from governance.models import (
    Body,
    BodyRelation,
    Framework,
    Mandate,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    SubRegion,
    Theme,
)
from governance.workbook.layout import (
    BOOL,
    CODE,
    CODE_LISTS,
    DATE,
    FORMAT,
    KIND_TEMPLATE,
    KIND_WORKBOOK,
    LISTS_SHEET,
    MAX_ROWS,
    META_SHEET,
    NO,
    R_SUBREGION,
    R_THEME,
    REF,
    ROLES,
    SHEETS,
    SHEETS_BY_NAME,
    VERSION,
    YES,
    Column,
    Sheet,
    code_label,
)
from governance.workbook.stamp import region_stamp

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD-MM-YYYY"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def person_keys(persons: list[Person]) -> dict[int, str]:
    """A key per person a secretary can read and type: the name; when two persons share a
    name, the name with the organisation; when that is shared too, with a number."""
    names = Counter(p.name for p in persons)
    keys: dict[int, str] = {}
    for person in persons:
        key = person.name
        if names[person.name] > 1 and person.organisation_id:
            key = f"{person.name} ({person.organisation.name})"
        keys[person.pk] = key
    counts = Counter(keys.values())
    seen: Counter = Counter()
    for pk in sorted(keys):
        key = keys[pk]
        if counts[key] > 1:
            seen[key] += 1
            keys[pk] = f"{key} ({seen[key]})"
    return keys


def _text(value) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _cell_value(obj, column: Column, keys: dict[int, str]):
    if column.kind == "key":
        return keys.get(obj.pk)
    if column.kind == REF:
        related = getattr(obj, column.field)
        if related is None:
            return None
        return keys.get(related.pk) if column.target == "Personen" else related.name
    value = getattr(obj, column.field)
    if column.kind == CODE:
        return code_label(column.choices, value) if value else None
    if column.kind == ROLES:
        return ", ".join(code_label(column.choices, r) for r in (value or [])) or None
    if column.kind == BOOL:
        return YES if value else NO
    if value == "":
        return None
    return value


def _rows(region: Region):
    """The objects of every sheet, each kind read once (with what its cells name)."""
    persons = list(Person.objects.filter(region=region).select_related("organisation"))
    return {
        "Gemeenten": list(Municipality.objects.filter(region=region).select_related("sub_region")),
        "Organisaties": list(Organisation.objects.filter(region=region)),
        "Personen": persons,
        "Kaders": list(Framework.objects.filter(region=region)),
        "Gremia": list(Body.objects.filter(region=region).select_related("framework")),
        "Mandaten": list(
            Mandate.objects.filter(body__region=region)
            .select_related("body", "theme", "organisation")
            .order_by("body__name", "power", "subject", "pk")
        ),
        "Lidmaatschappen": list(
            Membership.objects.filter(body__region=region)
            .select_related("body", "person", "organisation", "municipality", "on_behalf_of_body")
            .order_by("body__name", "role", "person__name", "pk")
        ),
        "Relaties": list(
            BodyRelation.objects.filter(source__region=region)
            .select_related("source", "target")
            .order_by("source__name", "kind", "target__name", "pk")
        ),
    }


def _list_ranges(lists_ws, region: Region) -> dict:
    """Fill the hidden sheet with the code lists, sub-regions and themes; returns
    {choices class or target: formula range}."""
    ranges: dict = {}
    columns: list[tuple[object, str, list[str]]] = [
        (choices, choices.__name__, [str(label) for _v, label in choices.choices])
        for choices in CODE_LISTS
    ]
    columns.append((BOOL, "ja/nee", [YES, NO]))
    columns.append(
        (
            R_SUBREGION,
            "Subregio's",
            list(SubRegion.objects.filter(region=region).values_list("name", flat=True)),
        )
    )
    columns.append((R_THEME, "Thema's", list(Theme.objects.values_list("name", flat=True))))
    for index, (key, title, values) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        lists_ws.cell(row=1, column=index, value=title).font = HEADER_FONT
        for row, value in enumerate(values, start=2):
            lists_ws.cell(row=row, column=index, value=_text(value))
        last = max(len(values) + 1, 2)
        ranges[key] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${last}"
    return ranges


def _ref_range(sheet_name: str) -> str:
    sheet = SHEETS_BY_NAME[sheet_name]
    key_column = sheet.column_for(sheet.key_field)
    letter = sheet.letter(key_column)
    return f"{quote_sheetname(sheet.name)}!${letter}$2:${letter}${MAX_ROWS + 1}"


def _validation_for(column: Column, ranges: dict) -> DataValidation | None:
    if column.kind in (CODE,):
        formula, strict = ranges[column.choices], True
    elif column.kind == BOOL:
        formula, strict = ranges[BOOL], True
    elif column.kind == REF and column.target in (R_SUBREGION, R_THEME):
        formula, strict = ranges[column.target], True
    elif column.kind == REF:
        # Organisations: a national one may be typed by its name, so only a warning.
        formula, strict = _ref_range(column.target), column.target != "Organisaties"
    elif column.kind == DATE:
        validation = DataValidation(
            type="date", operator="greaterThan", formula1="1", allow_blank=True
        )
        validation.error = "Vul een datum in (dd-mm-jjjj)."
        validation.errorTitle = column.header
        return validation
    else:
        return None
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.showErrorMessage = True
    validation.errorStyle = "stop" if strict else "warning"
    validation.errorTitle = column.header
    validation.error = "Kies een waarde uit de lijst."
    return validation


def _write_sheet(ws, sheet: Sheet, objects: list, keys: dict, ranges: dict):
    ws.append(["id", *[c.header for c in sheet.columns]])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for column in sheet.columns:
        if column.note:
            ws[f"{sheet.letter(column)}1"].comment = Comment(column.note, "Z+V Portaal")
    for obj in objects:
        values = [obj.pk]
        for column in sheet.columns:
            values.append(_text(_cell_value(obj, column, keys)))
        ws.append(values)
    row_count = ws.max_row
    for column in sheet.columns:
        letter = sheet.letter(column)
        index = sheet.columns.index(column) + 2
        for (cell,) in ws.iter_rows(min_row=2, max_row=row_count, min_col=index, max_col=index):
            if column.kind == DATE:
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and cell.value.startswith(CSV_INJECTION_PREFIXES):
                # Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) stays
                # text: a string cell, marked with the quote prefix (Excel's leading
                # apostrophe), so that editing the cell keeps it text. The value itself is
                # unchanged, so an upload of the same file changes nothing.
                cell.data_type = "s"
                cell.quotePrefix = True
        validation = _validation_for(column, ranges)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        ws.column_dimensions[letter].width = column.width
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = "B2"


def build_workbook(region: Region, *, template: bool = False) -> bytes:
    """The region's structure (or, with ``template``, the same sheets without rows) as XLSX."""
    workbook = Workbook()
    first = workbook.active
    rows = {sheet.name: [] for sheet in SHEETS} if template else _rows(region)
    persons = rows["Personen"]
    keys = person_keys(persons)
    lists_ws = workbook.create_sheet(LISTS_SHEET)
    ranges = _list_ranges(lists_ws, region)
    for index, sheet in enumerate(SHEETS):
        ws = first if index == 0 else workbook.create_sheet(sheet.name, index)
        ws.title = sheet.name
        _write_sheet(ws, sheet, rows[sheet.name], keys, ranges)
    lists_ws.sheet_state = "hidden"
    lists_ws.protection.sheet = True
    meta = workbook.create_sheet(META_SHEET)
    meta.append(["formaat", FORMAT])
    meta.append(["versie", VERSION])
    meta.append(["regio", region.slug])
    meta.append(["soort", KIND_TEMPLATE if template else KIND_WORKBOOK])
    meta.append(["stempel", region_stamp(region)])
    meta.append(["gedownload op", timezone.localtime().replace(microsecond=0).isoformat()])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_filename(region: Region, *, template: bool = False) -> str:
    kind = "sjabloon" if template else "werkmap"
    return f"{kind}-{region.slug}-{timezone.localdate():%Y%m%d}.xlsx"
