"""CSV downloads as Dutch spreadsheet users open them: UTF-8 with a BOM, ';' as separator, and
cells that a spreadsheet would run as a formula defused with a leading quote."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse

# Cells starting with these are formulas (or become one) in Excel and LibreOffice.
CSV_INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> object:
    """Text that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(CSV_INJECTION_PREFIXES):
        return "'" + value
    return value


def csv_response(filename: str, rows: Iterable[Iterable]) -> HttpResponse:
    """An attachment named ``filename`` holding ``rows`` (already made safe by the caller's
    selector with ``csv_safe``)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return response
