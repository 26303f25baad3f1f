"""Reading an uploaded workbook: first the package (a real XLSX zip, not too large unpacked,
the expected sheets), then every sheet streaming (openpyxl ``read_only``), cell by cell.

Formulas are refused (``data_only=False`` shows them as formulas), as are Excel error values,
code values that are no label of the list, dates that are no date, and sheets with more than
``MAX_ROWS`` rows — the last from the sheet's dimension, before any row is read. Every problem
is a :class:`CellError` with sheet, row and column; nothing here touches the database.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from governance.workbook.layout import (
    BOOL,
    CODE,
    DATE,
    FORMAT,
    INT,
    KEY,
    KIND_TEMPLATE,
    KIND_WORKBOOK,
    MAX_BYTES,
    MAX_ROWS,
    META_SHEET,
    READABLE_VERSIONS,
    REF,
    ROLES,
    SHEETS,
    TEXT,
    Column,
    Sheet,
    code_lookup,
)

MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_MEMBERS = 500
MAX_ERRORS = 300


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str | None  # a letter
    header: str | None
    message: str

    @property
    def place(self) -> str:
        parts = [self.sheet] if self.sheet else []
        if self.row is not None:
            parts.append(_("rij %s") % self.row)
        if self.column:
            parts.append(
                _("kolom %(letter)s (%(header)s)") % {"letter": self.column, "header": self.header}
                if self.header
                else _("kolom %s") % self.column
            )
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


@dataclass
class Row:
    number: int
    id: int | None
    values: dict = field(default_factory=dict)
    bad: bool = False  # a cell of the row was refused


@dataclass
class ParsedWorkbook:
    meta: dict
    rows: dict[str, list[Row]]


class WorkbookRefused(Exception):
    """The upload cannot be used; ``errors`` say why (in Dutch, per cell where possible)."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors[:MAX_ERRORS]
        self.more = max(0, len(errors) - MAX_ERRORS)
        super().__init__("; ".join(str(e) for e in self.errors[:5]))


def whole_file_error(message: str) -> WorkbookRefused:
    """A refusal of the whole file (no sheet, row or cell to point at)."""
    return WorkbookRefused([CellError("", None, None, None, message)])


NOT_XLSX = (
    "Dit is geen Excel-werkmap (XLSX). Een .xls-, CSV- of ander bestand kan niet: open het in "
    "Excel of LibreOffice en sla het op als ‘Excel-werkmap (.xlsx)’, of download de werkmap "
    "opnieuw."
)


def check_package(data: bytes) -> None:
    """The bytes are an XLSX package of sane size (no zip bomb)."""
    if not data:
        raise whole_file_error(_("Het bestand is leeg."))
    if len(data) > MAX_BYTES:
        raise whole_file_error(
            _("Het bestand is groter dan %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise whole_file_error(_(NOT_XLSX))
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise whole_file_error(
                    _(
                        "Het bestand is uitgepakt veel te groot voor een werkmap van één regio; "
                        "het is niet gelezen."
                    )
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise whole_file_error(_(NOT_XLSX)) from exc


_DATE_TEXT = (
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
)
_TRUE = {"ja", "j", "waar", "true", "1", "yes"}
_FALSE = {"nee", "n", "onwaar", "false", "0", "no"}
_LOOKUPS: dict = {}


def _lookup(choices) -> dict[str, str]:
    if choices not in _LOOKUPS:
        _LOOKUPS[choices] = code_lookup(choices)
    return _LOOKUPS[choices]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


def _choices_hint(choices) -> str:
    labels = [str(label) for _v, label in choices.choices]
    return ", ".join(labels[:8]) + (" …" if len(labels) > 8 else "")


def convert(column: Column, value):
    """The cell's value as the field wants it; raises ValueError with a Dutch message."""
    if column.kind in (TEXT, KEY, REF):
        return _text(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if column.kind == CODE:
        key = _lookup(column.choices).get(_text(value).casefold())
        if key is None:
            raise ValueError(
                _("‘%(value)s’ is geen keuze voor %(header)s; kies uit de lijst (%(hint)s).")
                % {
                    "value": _text(value),
                    "header": column.header,
                    "hint": _choices_hint(column.choices),
                }
            )
        return key
    if column.kind == ROLES:
        keys = []
        for part in re.split(r"[,;]", _text(value)):
            part = part.strip()
            if not part:
                continue
            key = _lookup(column.choices).get(part.casefold())
            if key is None:
                raise ValueError(
                    _("‘%(value)s’ is geen rol; gebruik %(hint)s.")
                    % {"value": part, "hint": _choices_hint(column.choices)}
                )
            if key not in keys:
                keys.append(key)
        return keys
    if column.kind == DATE:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            text = value.strip()
            for pattern, order in _DATE_TEXT:
                match = pattern.match(text)
                if match:
                    parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
                    try:
                        return date(parts["y"], parts["m"], parts["d"])
                    except ValueError:
                        break
        raise ValueError(
            _("‘%s’ is geen geldige datum; vul een datum in als dd-mm-jjjj.") % _text(value)
        )
    if column.kind == INT:
        if isinstance(value, bool):
            raise ValueError(_("Vul een heel getal in."))
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,6}\s*", value):
            return int(value)
        raise ValueError(_("‘%s’ is geen heel getal.") % _text(value))
    if column.kind == BOOL:
        if isinstance(value, bool):
            return value
        text = _text(value).casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(_("Vul ‘ja’ of ‘nee’ in."))
    raise ValueError(_("Onbekende kolom."))  # pragma: no cover


def _read_meta(ws) -> dict:
    meta = {}
    for row in ws.iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
        if row and row[0]:
            meta[str(row[0]).strip()] = row[1] if len(row) > 1 else None
    return meta


def _check_meta(meta: dict) -> list[CellError]:
    wrong = _(
        "Het verborgen werkblad ‘Werkmap’ is gewijzigd of hoort niet bij een werkmap van het "
        "portaal; download een nieuwe werkmap."
    )
    if meta.get("formaat") != FORMAT or str(meta.get("versie")) not in {
        str(v) for v in READABLE_VERSIONS
    }:
        return [CellError(META_SHEET, None, None, None, wrong)]
    if meta.get("soort") not in (KIND_WORKBOOK, KIND_TEMPLATE) or not meta.get("stempel"):
        return [CellError(META_SHEET, None, None, None, wrong)]
    return []


def _check_header(sheet: Sheet, header: tuple) -> list[CellError]:
    expected = ["id", *[c.header for c in sheet.columns]]
    errors = []
    for index, name in enumerate(expected):
        found = _text(header[index]) if index < len(header) else ""
        if found.casefold() != name.casefold():
            letter = get_column_letter(index + 1)
            errors.append(
                CellError(
                    sheet.name,
                    1,
                    letter,
                    name,
                    _(
                        "De kop is ‘%(found)s’, verwacht ‘%(name)s’. Verander de kolommen niet; "
                        "zet eigen aantekeningen rechts van de laatste kolom."
                    )
                    % {"found": found or _("leeg"), "name": name},
                )
            )
    return errors


def _read_sheet(ws, sheet: Sheet, errors: list[CellError]) -> list[Row]:
    dimension_rows = ws.max_row  # from the sheet's dimension; None when it has none
    if dimension_rows is not None and dimension_rows > MAX_ROWS + 1:
        errors.append(
            CellError(
                sheet.name,
                None,
                None,
                None,
                _(
                    "Het werkblad heeft %(n)s rijen; een werkmap mag per werkblad ten hoogste "
                    "%(max)s rijen hebben. Het werkblad is niet gelezen."
                )
                % {
                    "n": f"{dimension_rows - 1:,}".replace(",", "."),
                    "max": f"{MAX_ROWS:,}".replace(",", "."),
                },
            )
        )
        return []
    width = len(sheet.columns) + 1
    rows: list[Row] = []
    iterator = ws.iter_rows(min_row=1, max_col=width)
    header = next(iterator, None)
    header_errors = _check_header(sheet, tuple(c.value for c in header or ()))
    if header_errors:
        errors.extend(header_errors)
        return []
    for number, cells in enumerate(iterator, start=2):
        cells = list(cells)
        if all(
            c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells
        ):
            continue
        if len(rows) >= MAX_ROWS:
            errors.append(
                CellError(
                    sheet.name,
                    number,
                    None,
                    None,
                    _("Meer dan %(max)s rijen; het werkblad is niet verder gelezen.")
                    % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
                )
            )
            return []
        row = Row(number=number, id=None)
        bad = False
        for index, cell in enumerate(cells[:width]):
            letter = get_column_letter(index + 1)
            column = sheet.columns[index - 1] if index else None
            header_name = column.header if column else "id"
            if cell.data_type == "f":
                errors.append(
                    CellError(
                        sheet.name,
                        number,
                        letter,
                        header_name,
                        _("cel %(cell)s bevat een formule; vul een waarde in")
                        % {"cell": f"{letter}{number}"},
                    )
                )
                bad = True
                continue
            if cell.data_type == "e":
                errors.append(
                    CellError(
                        sheet.name,
                        number,
                        letter,
                        header_name,
                        _("cel %(cell)s bevat een foutwaarde (%(value)s); vul een waarde in")
                        % {"cell": f"{letter}{number}", "value": cell.value},
                    )
                )
                bad = True
                continue
            if column is None:
                if cell.value in (None, ""):
                    continue
                try:
                    row.id = int(cell.value)
                    if isinstance(cell.value, float) and not cell.value.is_integer():
                        raise ValueError
                    if row.id <= 0:
                        raise ValueError
                except (TypeError, ValueError):
                    errors.append(
                        CellError(
                            sheet.name,
                            number,
                            letter,
                            "id",
                            _(
                                "De verborgen id ‘%s’ is geen id van het portaal; maak de cel "
                                "leeg voor een nieuwe rij."
                            )
                            % _text(cell.value),
                        )
                    )
                    bad = True
                continue
            try:
                value = convert(column, cell.value)
            except ValueError as exc:
                errors.append(CellError(sheet.name, number, letter, column.header, str(exc)))
                bad = True
                continue
            if column.required and value in (None, "", []):
                errors.append(
                    CellError(
                        sheet.name,
                        number,
                        letter,
                        column.header,
                        _("Vul %s in.") % column.header,
                    )
                )
                bad = True
            row.values[column.field] = value
        for column in sheet.columns[len(cells) - 1 :]:  # short rows: the rest is empty
            if column.field not in row.values:
                row.values[column.field] = convert(column, None)
                if column.required:
                    errors.append(
                        CellError(
                            sheet.name,
                            number,
                            sheet.letter(column),
                            column.header,
                            _("Vul %s in.") % column.header,
                        )
                    )
                    bad = True
        row.bad = bad
        rows.append(row)
    return rows


def read_workbook(data: bytes) -> ParsedWorkbook:
    """Parse the upload; raises :class:`WorkbookRefused` with every problem found."""
    check_package(data)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise whole_file_error(_(NOT_XLSX)) from exc
    errors: list[CellError] = []
    try:
        names = set(workbook.sheetnames)
        missing = [s.name for s in SHEETS if s.name not in names]
        if META_SHEET not in names:
            missing.append(META_SHEET)
        if missing:
            raise WorkbookRefused(
                [
                    CellError(
                        name,
                        None,
                        None,
                        None,
                        _(
                            "Het werkblad ‘%s’ ontbreekt. Gebruik een werkmap of sjabloon die "
                            "u uit het portaal downloadde en hernoem de werkbladen niet."
                        )
                        % name,
                    )
                    for name in missing
                ]
            )
        meta = _read_meta(workbook[META_SHEET])
        errors.extend(_check_meta(meta))
        rows = {}
        if not errors:
            version = int(str(meta["versie"]))
            for sheet in SHEETS:
                rows[sheet.name] = _read_sheet(
                    workbook[sheet.name], sheet.of_version(version), errors
                )
    except WorkbookRefused:
        raise
    except Exception as exc:  # a damaged sheet part
        raise whole_file_error(_(NOT_XLSX)) from exc
    finally:
        workbook.close()
    if errors:
        raise WorkbookRefused(errors)
    return ParsedWorkbook(meta=meta, rows=rows)
