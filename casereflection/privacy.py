"""Personal-data guard for the free-text fields of case reflections.

Case reflections are about vulnerable people, and the portal must not store personal data about
them. Every free-text field of a reflection goes through :func:`find_personal_data` before it is
saved; a finding blocks the save and :func:`describe` gives the Dutch message shown to the user.

The detection is deliberately pattern based (regular expressions plus check digits and a few
context rules) and pure Python: no Django settings, database or network are needed to import the
module or to find data. Labels and messages are Dutch gettext msgids, translated when they are
asked for (and returned as they are when Django is not configured). See ``docs/privacy-guard.md``
for what is and is not caught, and why.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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

# Stable codes (stored, logged and tested); never change them.
KIND_BSN = "bsn"
KIND_EMAIL = "email"
KIND_PHONE = "phone"
KIND_POSTCODE_HOUSE_NUMBER = "postcode_house_number"
KIND_BIRTH_DATE = "birth_date"
KIND_AGE_WITH_NAME = "age_with_name"
KIND_IBAN = "iban"

# Also the priority order: when two findings overlap, the earlier kind wins (then the longer).
KINDS = (
    KIND_IBAN,
    KIND_EMAIL,
    KIND_BSN,
    KIND_PHONE,
    KIND_BIRTH_DATE,
    KIND_POSTCODE_HOUSE_NUMBER,
    KIND_AGE_WITH_NAME,
)


def gettext_noop(message: str) -> str:
    """Marks ``message`` for makemessages. Django's own gettext_noop needs configured settings."""
    return message


# Dutch source texts (msgids); LABELS holds them lazily translated.
_LABEL_TEXTS = {
    KIND_BSN: gettext_noop("BSN"),
    KIND_EMAIL: gettext_noop("e-mailadres"),
    KIND_PHONE: gettext_noop("telefoonnummer"),
    KIND_POSTCODE_HOUSE_NUMBER: gettext_noop("postcode met huisnummer"),
    KIND_BIRTH_DATE: gettext_noop("geboortedatum"),
    KIND_AGE_WITH_NAME: gettext_noop("leeftijd bij een naam"),
    KIND_IBAN: gettext_noop("IBAN"),
}
# The label of a postcode_house_number finding without a postcode (street + house number).
_ADDRESS_LABEL_TEXT = gettext_noop("adres")
_MESSAGE_TEXT = gettext_noop(
    '%(label)s gevonden: "%(text)s" (teken %(first)d–%(last)d: "%(context)s")'
)
LABELS = {kind: _(text) for kind, text in _LABEL_TEXTS.items()}
ADDRESS_LABEL = _(_ADDRESS_LABEL_TEXT)

_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    text: str  # the matched text, exactly as in the input
    start: int  # offset in the input string
    end: int  # exclusive offset

    @property
    def label(self) -> str:
        """Dutch name of the kind ("adres" for a street + house number without postcode)."""
        if self.kind == KIND_POSTCODE_HOUSE_NUMBER and not _POSTCODE_RE.search(self.text):
            return _translate(_ADDRESS_LABEL_TEXT)
        return _translate(_LABEL_TEXTS[self.kind])


def _translate(message: str) -> str:
    """``message`` translated; the Dutch source text itself when Django's settings are not
    configured (plain Python use: scripts, a shell without settings)."""
    return gettext(message) if settings.configured else message


# --------------------------------------------------------------------------------------------
# Building blocks

_SP = "[ \u00a0]"  # one space (normal or non-breaking); never a line break
_LETTER = r"[^\W\d_]"
# A word: letters, optionally joined by hyphens or apostrophes (Jan-Willem, D'Souza).
_TOKEN = rf"{_LETTER}+(?:['\u2019-]{_LETTER}+)*"

_POSTCODE = r"[1-9]\d{3}" + _SP + r"?[A-Z]{2}"
_POSTCODE_RE = re.compile(rf"(?<![\w-]){_POSTCODE}(?![\w])")

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "febr": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMERIC_DATE_RE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2}|\d{2})")
_ISO_DATE_RE = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_TEXT_DATE_RE = re.compile(
    rf"(\d{{1,2}})(?:e)?{_SP}+({_MONTH_ALT})\.?{_SP}+((?:19|20)\d{{2}})", re.IGNORECASE
)
# Any of the three, without groups, for embedding (ISO first: it starts with four digits).
_DATE = (
    r"(?:(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:(?:19|20)\d{2}|\d{2})"
    rf"|\d{{1,2}}(?:e)?{_SP}+(?i:{_MONTH_ALT})\.?{_SP}+(?:19|20)\d{{2}})"
    r"(?![\d])"
)

# Capitalised words that are not names: sentence starters, function words, months, weekdays,
# organisation and policy words. Compared in lower case. Used for the name-like word before an
# age or a date; with a title (mevrouw, meneer, ...) in front the list is not consulted.
NON_NAMES = frozenset(
    """
    de het een en of maar want dus toen als dan dat die dit deze wie wat waar wanneer hoe waarom
    welk welke er hier daar zij ze hij wij we ik jij je u hun hen haar zijn ons onze mijn uw jouw
    men iemand niemand iedereen alles niets alle elke elk ieder iedere beide geen veel weinig meer
    minder meeste enkele sommige andere overige ander eerste tweede derde vierde vijfde laatste
    totaal in op over na voor bij met van tot sinds vanaf binnen buiten naar om onder boven
    tussen tijdens door uit aan per zonder tegen volgens rond rondom ruim bijna ongeveer circa ca
    al nog ook wel niet nooit altijd soms vaak zo nu later eerder daarna vervolgens inmiddels
    sindsdien momenteel verder ten te tenslotte eindelijk gisteren vandaag morgen vorig vorige
    volgend volgende afgelopen komende jaarlijks maandelijks wekelijks dagelijks week weken maand
    maanden jaar jaren kwartaal dag dagen uur uren minuten leeftijd leeftijden ja nee oké ok
    zie let nb ps vb bijv bv etc dhr mw mevr tel fax email mail website
    januari februari maart april mei juni juli augustus september oktober november december
    feb febr mrt apr jun jul aug sep sept okt nov dec
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma di wo do vr za zo
    gemeente gemeenten gemeentes politie wmo jeugdwet participatiewet wvggz wzd wet wetten
    wetboek artikel artikelen art lid leden zvh ggd ggz veiligheidshuis veiligheidshuizen zorg
    veiligheid regio regio's provincie rijk ministerie om openbaar reclassering raad
    kinderbescherming veilig thuis jeugdzorg jeugd wijkteam wijkteams sociaal team teams
    stuurgroep werkgroep kernteam overleg casusoverleg vergadering bijeenkomst notulen verslag
    besluit besluiten besluitenlijst actielijst actiepunt actiepunten agenda bijlage bijlagen
    hoofdstuk paragraaf pagina blz stap stappen fase fasen figuur tabel versie concept nota memo
    brief rapport rapportage evaluatie jaarverslag begroting plan programma project thema doel
    doelen actie acties punt punten vraag vragen advies q1 q2 q3 q4 deelnemers casus casussen
    jongeren kinderen cliënten cliënt client clienten burgers inwoners partners partijen
    organisaties aantal aantallen groep groepen niveau score fte euro eur bedrag budget
    subsidie kosten nummer nr zaak zaken dossier dossiers melding meldingen signaal signalen
    categorie categorieën type soort model kader regeling convenant protocol beleid visie
    werkwijze procedure proces uitvoering monitor monitoring totaal gemiddeld gemiddelde
    mensen personen vrouwen mannen meisjes jongens ouders gezinnen huishoudens
    subregio subregio's noord oost zuid west midden centrum stad dorp wijk wijken buurt
    nederland vng zsm tgo ovd mdo pga vvgb
    """.split()
)

# Words that make the next capitalised word(s) a person; the list is not consulted then.
_TITLES = frozenset(
    """
    meneer mevrouw mevr mw mvr dhr heer juffrouw mr dr drs ir ing oma opa moeder vader zoon
    dochter broer zus zusje broertje zuster tante oom neef nicht cliënt client betrokkene
    jongere kind baby partner echtgenoot echtgenote vriend vriendin buurman buurvrouw
    stiefvader stiefmoeder pleegmoeder pleegvader pleegkind
    """.split()
)
_TITLE_ABBREVIATIONS = frozenset({"mevr", "mw", "mvr", "dhr", "mr", "dr", "drs", "ir", "ing"})
# A capitalised word right after these is a place, not a person ("gemeente Apeldoorn (12)").
_PLACE_WORDS = frozenset(
    """
    in uit gemeente gemeenten regio subregio provincie wijk stad dorp buurt plaats
    stadsdeel kern vestiging locatie
    """.split()
)
_PARTICLES = frozenset(
    "van de der den het ten ter te 't in el al bin ben da di du le la von zu dos das del".split()
)

_STREET_SUFFIXES = (
    "straat",
    "weg",
    "laan",
    "plein",
    "dreef",
    "singel",
    "gracht",
    "kade",
    "steeg",
    "pad",
    "hof",
    "dijk",
    "markt",
    "plantsoen",
    "boulevard",
    "allee",
    "kwartier",
    "hoven",
    "wal",
)
# Suffixes that also make a lower-case word a street ("hoofdstraat 12"); the others
# (onderweg, zorgpad, kerkhof, ...) need a capital.
_UNAMBIGUOUS_SUFFIXES = frozenset(
    {"straat", "laan", "plein", "dreef", "singel", "gracht", "kade", "steeg", "plantsoen"}
)
# Capitalised words with a street suffix that are policy terms, not streets.
_NOT_STREETS = frozenset(
    """
    zorgpad leerpad levenspad behandelpad zorgweg arbeidsmarkt woningmarkt gerechtshof
    werkplein ondernemersplein jongerenplein
    """.split()
)

_HOUSE_NUMBER = (
    r"[1-9]\d{0,4}"
    r"(?:[a-zA-Z](?![\w])"
    r"|[-/](?:\d{1,4}|[A-Za-z]{1,3})(?![\w])"
    rf"|{_SP}(?:bis|hs|zw|rd)(?![\w]))?"
    r"(?![\d%])(?![.,:]\d)"
)
_CITY = rf"(?:(?:Den|De|Sint|Nieuw|Oud|Oude|Groot|Ter|Ten|'s){_SP}|'s-)?[A-Z]{_LETTER}+"


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


# --------------------------------------------------------------------------------------------
# Detectors. Each yields (kind, start, end); overlaps are resolved in find_personal_data.

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


# --------------------------------------------------------------------------------------------
# Public API


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
