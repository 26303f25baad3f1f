"""The detectors of personal data, one per kind, and the check digits they use (BSN 11-test,
IBAN mod 97). Each detector yields ``(kind, start, end)``; overlaps are resolved in
:func:`casereflection.privacy.find_personal_data`. Pure Python: regular expressions, check
digits and a few context rules.
"""

from __future__ import annotations

import datetime
import re

from casereflection.privacy.kinds import (
    KIND_AGE_WITH_NAME,
    KIND_BIRTH_DATE,
    KIND_BSN,
    KIND_EMAIL,
    KIND_IBAN,
    KIND_PHONE,
    KIND_POSTCODE_HOUSE_NUMBER,
)
from casereflection.privacy.patterns import (
    _CITY,
    _DATE,
    _HOUSE_NUMBER,
    _ISO_DATE_RE,
    _LETTER,
    _MONTHS,
    _NOT_STREETS,
    _NUMERIC_DATE_RE,
    _PARTICLES,
    _PLACE_WORDS,
    _POSTCODE,
    _SP,
    _STREET_SUFFIXES,
    _TEXT_DATE_RE,
    _TITLE_ABBREVIATIONS,
    _TITLES,
    _TOKEN,
    _UNAMBIGUOUS_SUFFIXES,
    NON_NAMES,
)

# --------------------------------------------------------------------------------------------
# Check digits


def elfproef(number: str) -> bool:
    """True when ``number`` (nine digits; separators are ignored) passes the BSN 11-test.

    9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be divisible by 11, and not all digits may be zero.
    """
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True))
    return (total - digits[8]) % 11 == 0


# Lengths of the IBAN of each country (ISO 13616 registry).
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip


def iban_is_valid(iban: str) -> bool:
    """True when ``iban`` (spaces ignored, any case) has its country's length and shape and a
    valid mod-97 check."""
    value = re.sub(r"\s", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", value):
        return False
    if _IBAN_LENGTHS.get(value[:2]) != len(value):
        return False
    if value[:2] == "NL" and not re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", value):
        return False
    rearranged = value[4:] + value[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


_EMAIL_RE = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,}(?![\w-])"
)


def _emails(text):
    for m in _EMAIL_RE.finditer(text):
        yield KIND_EMAIL, m.start(), m.end()


# Start of an IBAN: country code + check digits, not glued to a preceding letter or digit.
_IBAN_START_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}")


def _ibans(text):
    for m in _IBAN_START_RE.finditer(text):
        length = _IBAN_LENGTHS.get(m.group().upper()[:2])
        if length is None:
            continue
        # Either written without spaces or in the printed form: groups of four.
        for grouped in (False, True):
            end = _iban_end(text, m.start(), length, grouped)
            if end is not None and iban_is_valid(text[m.start() : end]):
                yield KIND_IBAN, m.start(), end
                break


def _iban_end(text, start, length, grouped):
    """End offset of ``length`` IBAN characters from ``start`` or None when the text has
    another shape (for ``grouped``: exactly one space after every fourth character)."""
    count, i = 0, start
    while count < length:
        if i >= len(text):
            return None
        char = text[i]
        if grouped and count and count % 4 == 0 and (i == start or text[i - 1] != " "):
            if char != " ":
                return None
            i += 1
            continue
        if not char.isascii() or not char.isalnum():
            return None
        count += 1
        i += 1
    if i < len(text) and text[i].isalnum():
        return None
    return i


_BSN_RE = re.compile(
    r"(?<!\d)(?<!\d[.,-])"
    r"(?:\d{9}|\d{3}(?P<sep>[ .-])\d{3}(?P=sep)\d{3}|\d{4}(?P<sep2>[ .])\d{2}(?P=sep2)\d{3})"
    r"(?!\d)(?![.,-]\d)"
)
# An eight-digit BSN (leading zero left out) only right after the word BSN.
_BSN_8_RE = re.compile(
    r"(?i:\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\b)[^\d\n]{0,15}?"
    r"(?<!\d)(?P<number>\d{8})(?!\d)(?![.,-]\d)"
)
_AMOUNT_BEFORE_RE = re.compile(r"(?:€|(?i:\beur\b|\beuro\b))[ \u00a0]*$")
_AMOUNT_AFTER_RE = re.compile(r"^(?:,-|,\d|[ \u00a0]*(?i:euro\b|eur\b|€))")


def _bsns(text):
    for m in _BSN_RE.finditer(text):
        if not elfproef(m.group()):
            continue
        if _AMOUNT_BEFORE_RE.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        if _AMOUNT_AFTER_RE.match(text[m.end() : m.end() + 6]):
            continue
        yield KIND_BSN, m.start(), m.end()
    for m in _BSN_8_RE.finditer(text):
        if elfproef("0" + m.group("number")):
            yield KIND_BSN, m.start("number"), m.end("number")


# Dutch phone numbers: a trunk prefix (0, +31, 0031, +31 (0), or (0 with the area code in
# brackets), then the nine digits of the national number. A dash, dot or slash may only follow
# the area code; elsewhere only single spaces. The regex fixes the number of digits per
# area-code length, _phone_area_ok checks the area code.
_PHONE_SEP = rf"(?:{_SP}?[-\u2013./]{_SP}?|{_SP})"


def _national(area_sep):
    return (
        rf"(?:[1-9]{area_sep}?\d(?:{_SP}?\d){{7}}"
        rf"|[1-9]\d{area_sep}?\d(?:{_SP}?\d){{6}}"
        rf"|[1-9]\d\d{area_sep}?\d(?:{_SP}?\d){{5}})"
    )


_PHONE_END = r"(?!\d)(?![.,/\u2013-]\d)"
_PHONE_RE = re.compile(
    r"(?:"
    rf"(?<![\w+])(?<!\d[.,:/-])0(?P<trunk>{_national(_PHONE_SEP)})"
    rf"|\(0(?P<paren>(?:[1-9]\){_SP}?\d(?:{_SP}?\d){{7}}"
    rf"|[1-9]\d\){_SP}?\d(?:{_SP}?\d){{6}}"
    rf"|[1-9]\d\d\){_SP}?\d(?:{_SP}?\d){{5}}))"
    rf"|(?<![\w+])(?:\+|00){_SP}?31{_SP}?(?:[-\u2013]{_SP}?)?(?:\(0\){_SP}?)?"
    rf"(?P<intl>{_national(_PHONE_SEP)})"
    r")" + _PHONE_END
)
_PHONE_DATE_RE = re.compile(
    r"^\(?\d{1,2}\)?[ \u00a0.\u2013/-]+\d{1,2}[ \u00a0.\u2013/-]+(?:19|20)\d\d"
)
_IBAN_GROUPS_BEFORE_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: [A-Za-z0-9]{4})+ $")
_TWO_DIGIT_AREAS_8_9 = frozenset({"84", "85", "87", "88", "91"})


def _phone_area_ok(national_digits):
    first = national_digits[0]
    if first in "1234567":
        return True
    return national_digits[:2] in _TWO_DIGIT_AREAS_8_9


def _phones(text):
    for m in _PHONE_RE.finditer(text):
        national = m.group("trunk") or m.group("paren") or m.group("intl")
        digits = re.sub(r"\D", "", national)
        if len(digits) != 9 or not _phone_area_ok(digits):
            continue
        if m.group("trunk") and _PHONE_DATE_RE.match(m.group()):
            continue  # "06 12 2023 10": a date followed by a number
        if _IBAN_GROUPS_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
            continue  # the digit groups of an (invalid) IBAN: "NL91 ABNA 0417 1643 01"
        yield KIND_PHONE, m.start(), m.end()


_PC_HOUSE_RE = re.compile(rf"(?<![\w-]){_POSTCODE}{_SP}+{_HOUSE_NUMBER}")
_HOUSE_WORD = r"(?<![\w])(?i:huisnummer|huisnr\.?|nummer|nr\.?)"
_PC_THEN_NUMBER_RE = re.compile(
    rf"(?<![\w-]){_POSTCODE}(?![\w])[^\n]{{0,25}}?{_HOUSE_WORD}{_SP}*:?{_SP}*{_HOUSE_NUMBER}"
)
_NUMBER_THEN_PC_RE = re.compile(
    rf"(?<![\w])(?i:huisnummer|huisnr\.?){_SP}*:?{_SP}*(?P<number>{_HOUSE_NUMBER})"
    rf"[^\n]{{0,25}}?(?<![\w-]){_POSTCODE}(?![\w])"
)
_STREET_SUFFIX_ALT = "|".join(_STREET_SUFFIXES)
_STREET_RE = re.compile(
    rf"(?<![\w'-])(?P<street>{_LETTER}[^\W\d_'-]*(?:-{_LETTER}+)*?(?i:{_STREET_SUFFIX_ALT}))"
    rf"{_SP}+(?P<number>{_HOUSE_NUMBER})"
    rf"(?:,?{_SP}+{_POSTCODE}(?![\w])(?:{_SP}{_CITY})?)?"
)


def _is_street(word):
    lower = word.lower()
    if lower in _NOT_STREETS:
        return False
    for suffix in _STREET_SUFFIXES:
        if lower.endswith(suffix):
            stem = lower[: -len(suffix)].strip("-")
            if len(stem) < 2:
                continue
            if word[0].isupper() or suffix in _UNAMBIGUOUS_SUFFIXES:
                return True
    return False


def _is_year(number):
    return bool(re.fullmatch(r"(?:19|20)\d\d", number))


def _addresses(text):
    for m in _PC_HOUSE_RE.finditer(text):
        yield KIND_POSTCODE_HOUSE_NUMBER, m.start(), m.end()
    for m in _PC_THEN_NUMBER_RE.finditer(text):
        yield KIND_POSTCODE_HOUSE_NUMBER, m.start(), m.end()
    for m in _NUMBER_THEN_PC_RE.finditer(text):
        yield KIND_POSTCODE_HOUSE_NUMBER, m.start(), m.end()
    for m in _STREET_RE.finditer(text):
        number = re.match(r"\d+", m.group("number")).group()
        if _is_street(m.group("street")) and not _is_year(number):
            yield KIND_POSTCODE_HOUSE_NUMBER, m.start(), m.end()


def _parse_date(value):
    """The date written in ``value`` (one of the _DATE forms), or None when it is no date."""
    if m := _ISO_DATE_RE.fullmatch(value):
        year, month, day = (int(g) for g in m.groups())
    elif m := _NUMERIC_DATE_RE.fullmatch(value):
        day, month, year = (int(g) for g in m.groups())
        if year < 100:
            year += 1900 if year > datetime.date.today().year % 100 else 2000
    elif m := _TEXT_DATE_RE.fullmatch(value):
        day, month, year = int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3))
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


_BIRTH_KEYWORD_RE = re.compile(
    r"(?<![\w])(?i:geboren|geboortedatum|geboortedag|geb\.?"
    + _SP
    + r"?datum|geb\.|geb|d\.o\.b\.?|dob)(?![\w])"
    + rf"\.?{_SP}*:?{_SP}*\(?{_SP}*(?i:op{_SP}+|d\.d\.{_SP}*|per{_SP}+)?"
    + rf"(?P<date>{_DATE})"
)
# "(is) op 12 maart 1984 geboren": the keyword after the date.
_DATE_THEN_BORN_RE = re.compile(
    rf"(?<![\w.,/-])(?P<date>{_DATE}){_SP}+(?:(?i:is|was|werd){_SP}+)?(?i:geboren)(?![\w])"
)
_STAR_DATE_RE = re.compile(rf"(?<![\w*])\*(?P<date>{_DATE})")
_NAME_DATE_RE = re.compile(rf"(?<![\w'-])(?P<head>{_TOKEN}){_SP}*\({_SP}*(?P<date>{_DATE}){_SP}*\)")


def _birth_dates(text):
    today = datetime.date.today()
    for regex in (_BIRTH_KEYWORD_RE, _DATE_THEN_BORN_RE):
        for m in regex.finditer(text):
            if _parse_date(m.group("date")):
                yield KIND_BIRTH_DATE, m.start("date"), m.end("date")
    for m in _STAR_DATE_RE.finditer(text):
        born = _parse_date(m.group("date"))
        if born and born <= today:
            yield KIND_BIRTH_DATE, m.start("date"), m.end("date")
    for m in _NAME_DATE_RE.finditer(text):
        born = _parse_date(m.group("date"))
        if not born or born > today:
            continue
        if _name_start(text, m.start("head"), m.group("head")) is not None:
            yield KIND_BIRTH_DATE, m.start("date"), m.end("date")


def _is_name_like(token):
    """A capitalised word that is not on the NON_NAMES list, not a title or role (moeder, ...)
    and not an abbreviation in capitals."""
    if len(token) < 2 or not token[0].isupper():
        return False
    letters = [c for c in token if c.isalpha()]
    if all(c.isupper() for c in letters):
        return False  # GGD, ZVH, WMO
    lower = token.lower()
    if lower in _TITLES:
        return False  # "Moeder, 38": a role, not a name
    parts = re.split(r"['\u2019-]", lower)
    return lower not in NON_NAMES and not any(part in NON_NAMES for part in parts)


_WORD_BEFORE_RE = re.compile(rf"(?<![\w'-])(?P<word>{_TOKEN})(?P<dot>\.?){_SP}+$")


def _name_start(text, head_start, head):
    """Start offset of the name that ends with the word ``head`` (at ``head_start``), or None
    when ``head`` does not look like a name. The name is extended to the left over capitalised
    words and particles (van, de, ...); a title (mevrouw, meneer, ...) before it is not part of
    the name but makes the non-name list irrelevant."""
    start = head_start
    words = []
    titled = False
    for _step in range(4):
        m = _WORD_BEFORE_RE.search(text, max(0, start - 40), start)
        if not m:
            break
        word = m.group("word")
        lower = word.lower()
        if lower in _TITLES and (not m.group("dot") or lower in _TITLE_ABBREVIATIONS):
            titled = True
            break
        if m.group("dot"):
            break  # end of the previous sentence
        if lower in _PLACE_WORDS:
            return None
        if lower in _PARTICLES or (word[0].isupper() and _is_name_like(word)):
            words.append((m.start(), word))
            start = m.start()
            continue
        break
    if titled:
        if not head[0].isupper() or len(head) < 2:
            return None
    elif not _is_name_like(head):
        return None
    # Lower-case particles without a title before them are not part of the name
    # ("zoon van Jansen" keeps "van" only because of the title "zoon").
    while words and not titled and words[-1][1][0].islower():
        words.pop()
    return words[-1][0] if words else head_start


_AGE = r"(?P<age>[1-9]\d{0,2}|0)"
_YEARS = rf"(?:{_SP}*(?i:jaar|jr\b\.?)(?:{_SP}+oud)?)"
# After an age without "jaar": the end of a clause.
_CLAUSE_END_RE = re.compile(rf"{_SP}*(?:[,;)!?]|\.(?!\d)|$)")
_AGE_PAREN_RE = re.compile(
    rf"(?<![\w'-])(?P<head>{_TOKEN}){_SP}*\({_SP}*{_AGE}(?:{_SP}*(?i:jaar|jr\.?))?{_SP}*\)"
)
_AGE_COMMA_RE = re.compile(
    rf"(?<![\w'-])(?P<head>{_TOKEN}),{_SP}*{_AGE}(?P<years>{_YEARS})?(?![\w%])(?![.,]\d)"
)
_AGE_IS_RE = re.compile(
    rf"(?<![\w'-])(?P<head>{_TOKEN}){_SP}+(?:is|was|wordt|werd){_SP}+{_AGE}"
    rf"(?P<years>{_YEARS})?(?![\w%])(?![.,]\d)"
)
_AGE_JARIGE_RE = re.compile(
    rf"(?<![\w.,-])(?P<age>[1-9]\d?)-jarige{_SP}+(?P<head>{_TOKEN})"
    rf"(?:{_SP}+(?P<surname>(?:(?i:{'|'.join(sorted(_PARTICLES))}){_SP}+)*{_TOKEN}))?"
)
_MAX_AGE = 110


def _ages(text):
    for m in _AGE_PAREN_RE.finditer(text):
        start = _name_start(text, m.start("head"), m.group("head"))
        if start is not None and int(m.group("age")) <= _MAX_AGE:
            yield KIND_AGE_WITH_NAME, start, m.end()
    for regex in (_AGE_COMMA_RE, _AGE_IS_RE):
        for m in regex.finditer(text):
            if int(m.group("age")) > _MAX_AGE:
                continue
            if not m.group("years") and not _CLAUSE_END_RE.match(text, m.end()):
                continue
            start = _name_start(text, m.start("head"), m.group("head"))
            if start is not None:
                yield KIND_AGE_WITH_NAME, start, m.end()
    for m in _AGE_JARIGE_RE.finditer(text):
        if not _is_name_like(m.group("head")):
            continue
        end = m.end("head")
        surname = m.group("surname")
        if surname and _is_name_like(surname.split()[-1]):
            end = m.end("surname")
        yield KIND_AGE_WITH_NAME, m.start(), end


_DETECTORS = (_ibans, _emails, _bsns, _phones, _birth_dates, _addresses, _ages)
