"""Checking uploaded vergaderstukken by their content, not by their name.

Accepted: PDF, DOCX, XLSX and ODT, at most ``MAX_DOCUMENT_BYTES``. The extension must agree
with what the bytes are: a PDF starts with ``%PDF-``; DOCX and XLSX are ZIP packages with an
OOXML ``[Content_Types].xml`` and their main part; an ODT is a ZIP whose first member is the
uncompressed ``mimetype`` file naming the OpenDocument text type.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str
    label: str


PDF = DocumentType(".pdf", "application/pdf", "PDF")
DOCX = DocumentType(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (DOCX)",
)
XLSX = DocumentType(
    ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"
)
ODT = DocumentType(".odt", "application/vnd.oasis.opendocument.text", "OpenDocument (ODT)")
TYPES = {t.extension: t for t in (PDF, DOCX, XLSX, ODT)}
ACCEPT = ",".join(TYPES)  # for the file input's accept attribute


def _zip_kind(upload) -> DocumentType | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if names and names[0] == "mimetype":
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return ODT if mimetype == ODT.content_type else None
            if "[Content_Types].xml" not in names:
                return None
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    return None


def detect(upload) -> DocumentType | None:
    """What the file is by its bytes; None when it is none of the accepted types."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        upload.seek(0)
        return kind
    return None


def check_document(upload) -> DocumentType:
    """The type of an acceptable upload; a ValidationError (Dutch, on ``file``) otherwise."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                "file": _("Het bestand is %(size)s MB; het maximum is 20 MB.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")}
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _("Het bestand is leeg.")})
    extension = PurePosixPath(upload.name or "").suffix.lower()
    expected = TYPES.get(extension)
    if expected is None:
        raise ValidationError(
            {
                "file": _("Alleen PDF, DOCX, XLSX of ODT. Dit bestand heeft de extensie ‘%(ext)s’.")
                % {"ext": extension or _("geen")}
            }
        )
    actual = detect(upload)
    if actual is None:
        raise ValidationError(
            {"file": _("De inhoud van dit bestand is geen PDF, DOCX, XLSX of ODT.")}
        )
    if actual != expected:
        raise ValidationError(
            {
                "file": _("De naam zegt %(expected)s, maar de inhoud is %(actual)s.")
                % {"expected": expected.label, "actual": actual.label}
            }
        )
    return actual


def download_name(title: str, extension: str) -> str:
    """A safe file name for the download: the title as ASCII slug plus the real extension."""
    stem = slugify(title)[:80].strip("-") or "vergaderstuk"
    return f"{stem}{extension}"
