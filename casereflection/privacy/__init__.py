"""Personal-data guard for the free-text fields of case reflections.

Case reflections are about vulnerable people, and the portal must not store personal data about
them. Every free-text field of a reflection goes through :func:`find_personal_data` before it is
saved; a finding blocks the save and :func:`describe` gives the Dutch message shown to the user.

The detection is deliberately pattern based (regular expressions plus check digits and a few
context rules) and pure Python: no Django settings, database or network are needed to import the
module or to find data. Labels and messages are Dutch gettext msgids, translated when they are
asked for (and returned as they are when Django is not configured). See ``docs/privacy-guard.md``
for what is and is not caught, and why.

This package is the guard's API (:func:`find_personal_data`, :func:`describe` and the names in
``__all__``); the kinds and :class:`Finding` are in :mod:`~casereflection.privacy.kinds`, the
detectors in :mod:`~casereflection.privacy.detectors`, their building blocks in
:mod:`~casereflection.privacy.patterns`. The submodules import each other, never this package.
"""

from __future__ import annotations

import re

from casereflection.privacy.detectors import _DETECTORS, elfproef, iban_is_valid
from casereflection.privacy.kinds import (
    _MESSAGE_TEXT,
    _PRIORITY,
    KIND_AGE_WITH_NAME,
    KIND_BIRTH_DATE,
    KIND_BSN,
    KIND_EMAIL,
    KIND_IBAN,
    KIND_PHONE,
    KIND_POSTCODE_HOUSE_NUMBER,
    KINDS,
    LABELS,
    Finding,
    _translate,
)

__all__ = [
    "KIND_AGE_WITH_NAME",
    "KIND_BIRTH_DATE",
    "KIND_BSN",
    "KIND_EMAIL",
    "KIND_IBAN",
    "KIND_PHONE",
    "KIND_POSTCODE_HOUSE_NUMBER",
    "KINDS",
    "LABELS",
    "Finding",
    "describe",
    "elfproef",
    "find_personal_data",
    "iban_is_valid",
]


def find_personal_data(text: str) -> list[Finding]:
    """All personal data found in ``text``, sorted by start, without overlapping findings.

    When candidates overlap, the kind earlier in KINDS wins, then the longer match.
    """
    if not text:
        return []
    candidates = {
        (kind, start, end) for detector in _DETECTORS for kind, start, end in detector(text)
    }
    chosen: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(candidates, key=lambda c: (_PRIORITY[c[0]], c[1] - c[2], c[1])):
        if all(end <= s or start >= e for _, s, e in chosen):
            chosen.append((kind, start, end))
    return [
        Finding(kind=kind, text=text[start:end], start=start, end=end)
        for kind, start, end in sorted(chosen, key=lambda c: c[1])
    ]


_CONTEXT_WIDTH = 20


def _excerpt(text: str, start: int, end: int) -> str:
    """The finding with about 20 characters either side, cut at word boundaries, whitespace
    collapsed, with an ellipsis where text was left out."""
    left_from = max(0, start - _CONTEXT_WIDTH)
    left = text[left_from:start]
    if left_from > 0 and not text[left_from - 1].isspace():
        cut = re.search(r"\s", left)
        left = left[cut.end() :] if cut else left
    right_to = min(len(text), end + _CONTEXT_WIDTH)
    right = text[end:right_to]
    if right_to < len(text) and not text[right_to].isspace():
        cut = max(right.rfind(" "), right.rfind("\n"), right.rfind("\t"))
        right = right[:cut] if cut > 0 else right
    excerpt = re.sub(r"\s+", " ", left + text[start:end] + right).strip()
    return ("…" if left_from > 0 else "") + excerpt + ("…" if right_to < len(text) else "")


def describe(finding: Finding, text: str) -> str:
    """Dutch one-line message naming the kind and showing where the finding is.

    Positions are counted for people: the first character is 1 and the end is inclusive.
    Plain text; the template escapes it.
    """
    label = finding.label
    return _translate(_MESSAGE_TEXT) % {
        "label": label[:1].upper() + label[1:],
        "text": re.sub(r"\s+", " ", finding.text),
        "first": finding.start + 1,
        "last": finding.end,
        "context": _excerpt(text, finding.start, finding.end),
    }
