"""CSV downloads as Dutch spreadsheet users open them: UTF-8 with a BOM, ';' as separator, and
cells that a spreadsheet would run as a formula defused with a leading quote."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date

from django.http import HttpResponse

# Cells starting with these are formulas (or become one) in Excel and LibreOffice.
CSV_INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> object:
    """Text that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(CSV_INJECTION_PREFIXES):
        return "'" + value
    return value


def csv_date(value: date | None) -> str:
    """A date as Dutch spreadsheet users type it (dd-mm-jjjj); empty for None."""
    return value.strftime("%d-%m-%Y") if value else ""


def csv_response(filename: str, rows: Iterable[Iterable]) -> HttpResponse:
    """An attachment named ``filename`` holding ``rows``. Every cell that is not a number is
    written as text and defused with ``csv_safe`` here, so no export can forget it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerows(
        [cell if isinstance(cell, int | float) else csv_safe(str(cell)) for cell in row]
        for row in rows
    )
    return response
