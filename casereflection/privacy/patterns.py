"""The building blocks of the detectors: spaces, words, postcodes, dates, the words that are not
names, titles, place words, street suffixes and house numbers. Pure Python.
"""

from __future__ import annotations

import re

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
