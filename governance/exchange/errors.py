"""Problems in a region document: where (a JSON path such as ``$.bodies[3].name``) and what
(a Dutch message). Every check of the exchange reports in this one form."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

Path = tuple[str | int, ...]

#: At most this many problems are reported; the rest are counted in one last message.
MAX_ERRORS = 100


@dataclass(frozen=True)
class RegionImportError:
    """One problem in a region document: where (a JSON path) and what (Dutch text)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class RegionImportFailed(Exception):
    """The document was not imported; nothing was saved. ``errors`` says why."""

    def __init__(self, errors: list[RegionImportError]):
        self.errors = capped(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:5]))


def capped(errors: Iterable[RegionImportError]) -> list[RegionImportError]:
    """The first :data:`MAX_ERRORS` problems and, when there are more, a last one that says
    how many more."""
    errors = list(errors)
    if len(errors) <= MAX_ERRORS:
        return errors
    rest = len(errors) - MAX_ERRORS
    return [
        *errors[:MAX_ERRORS],
        RegionImportError(
            "$",
            _("En nog %(n)s fouten; los eerst de fouten hierboven op.") % {"n": rest},
        ),
    ]


def format_path(parts: Iterable[str | int]) -> str:
    """``("bodies", 3, "name")`` → ``$.bodies[3].name``."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}"
        else:
            text += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return text


def parse_path(path: str) -> Path:
    """Inverse of :func:`format_path` for the paths this package makes (sorting only)."""
    parts: list[str | int] = []
    for chunk in path[1:].replace("[", ".[").split("."):
        if not chunk:
            continue
        parts.append(int(chunk[1:-1]) if chunk.startswith("[") and chunk[1:-1].isdigit() else chunk)
    return tuple(parts)


def error(parts: Path, message: str) -> RegionImportError:
    return RegionImportError(format_path(parts), message)


def path_sort_key(parts: Path) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in parts)


def sort_errors(errors: Iterable[RegionImportError]) -> list[RegionImportError]:
    """In the order of the document (indexes numerically)."""
    return sorted(errors, key=lambda e: path_sort_key(parse_path(e.path)))


class Problems(list):
    """A list of :class:`RegionImportError` that checks add to."""

    def add(self, parts: Path, message: str) -> None:
        self.append(error(parts, message))

    def check(self, parts: Path, message: str | None) -> None:
        """Add ``message`` at ``parts`` when there is one (a check returned a problem)."""
        if message:
            self.add(parts, message)
