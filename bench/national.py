"""National-scale data generator (issue 8): ``manage.py generate_national --scale N --seed S``.

At scale 1 it builds 25 fictitious regions with about 342 municipalities, as VNG would have them
in one installation; scale 10 builds 250. Per region:

- 2–5 sub-regions and 6–25 municipalities (the total is 342 per 25 regions);
- regional partner organisations (chosen partners) and the national organisations, which are
  shared reference data: looked up by name and reused, created once when missing;
- the four national priority themes and 1–3 own themes (``RegionTheme``, with a weighing text);
- persons: a burgemeester and a wethouder per municipality (``Person.office`` set), some of
  whom replaced a predecessor whose seats ended then, directors of the partners, an
  independent chair, the netwerksecretaris, advisers and three trained gespreksleiders;
- 12–30 bodies over the three levels: the main administrative table (a Stamtafel or
  Bestuurlijke netwerktafel with decision power and mandates), DVOs per sub-region, the
  Vergadering van gemeenten Veilig Thuis, a GR with BAC and AB, portfolio holders, the
  advies- en implementatieoverleg, the regiegroep gedwongen zorg, working groups, project
  teams and casus overleggen; at least one body was dissolved (a stuurgroep that went into the
  main table, a finished project team, …) and a few are proposed;
- mandates, memberships and relations between the bodies, ended with their body;
- knelpunten per theme and about 150 actions over voorraad / actie / gereed, with trekker (a
  current seat of an administrator in an active body), owner, owning body, coalition, due
  dates and the action log (aangemaakt, verplaatsing, voortgang) over two years;
- two years of meetings of every body at its ``meeting_frequency_per_year`` (three years for
  the main table, so that every Stamtafel conclusion has its agenda item), with agenda items
  and outcomes, and the next three months planned;
- the checklist: an assessment of every item of the current framework for the region, and of
  every per-gemeente item for every municipality, with statuses that improve over time, and
  four peilmomenten (``Snapshot`` + ``SnapshotScore``) over the last two years;
- twelve case reflections (the quarters of the last three years, the sub-regions taking turns,
  mostly *opgevolgd*) with Stamtafel conclusions, each linked to the agenda item of the
  meeting that concluded and to its action on the werkagenda.

**No history.** Everything is written with ``bulk_create``: generated data is not anyone's
change, so django-simple-history records nothing for it (the history pages of generated objects
start empty). ``ActionUpdate.created_at`` (``auto_now_add``) gets the day of the update, as
the demo does, so that "recent changes" do not fill up with two years of generated log.

**Same rows as the services.** The checklist freeze service (``snapshot_freeze``) copies the
*live* assessments, so it cannot file four peilmomenten with different statuses without
rewriting the assessments three times; the generator bulk-creates the same rows it would
(one region-level score per item of the current framework, one per municipality for the
per-gemeente items). Conclusions get their action the way ``conclusion_save`` makes it (list
*actie*, trekker = the aanspreekpunt, origin casusreflectie, ``origin_agenda_item``), and
actions moved to the actielijst satisfy the werkagenda's list rules on the day of the move.
Nothing calls ``full_clean``; the data satisfies the model rules (the tests check them).

**Deterministic.** Names and sizes come from ``random.Random(seed)`` (planned in blocks of
25 regions, so that the first 25 regions of scale 10 are the regions of scale 1), each
region's content from its own ``random.Random`` (seed and region number); dates are relative
to ``anchor`` (default today), never to the clock. The same seed and anchor give the same
data; the global ``random`` is never used.

**Round trips.** Per region one ``bulk_create`` per model (Django splits a very large one into
batches), one ``bulk_update`` (the conclusions' actions get their agenda item) and nothing
per object. The whole run is one transaction.

Names are fictitious: places are made of invented syllables ("Merkelveen", "Oost-Bolderwaard"),
persons combine common first names with invented surnames. Generated regions have slugs
starting with ``nat-``; ``replace=True`` deletes those regions (and only those) first.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from casereflection.constants import CaseKind, Method, Priority, ReflectionStatus
from casereflection.models import CaseReflection, Conclusion, quarter_bounds, shift_quarter
from checklist.constants import Stage, Status
from checklist.models import Assessment, AssessmentProposal, Framework, Snapshot, SnapshotScore
from core.models import RoleAssignment
from governance.constants import (
    ADMINISTRATOR_OFFICES,
    ActionList,
    ActionOrigin,
    ActionUpdateKind,
    AgendaItemKind,
    BodyKind,
    BodyRole,
    BodyStatus,
    ClosedReason,
    CollaborationModel,
    DecisionPower,
    Initiator,
    KnelpuntSource,
    KnelpuntStatus,
    LegalBasisKind,
    Level,
    MeetingStatus,
    MembershipRole,
    Office,
    OrganisationDomain,
    Power,
    RelationKind,
)
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    BodyRelation,
    CostLine,
    Document,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
    Theme,
)

PREFIX = "nat-"
REGIONS_PER_SCALE = 25
MUNICIPALITIES_PER_SCALE = 342
MIN_MUNICIPALITIES, MAX_MUNICIPALITIES = 6, 25
MIN_BODIES, MAX_BODIES = 12, 30
ACTIONS = (135, 165)
HISTORY_DAYS = 730  # two years of meetings and werkagenda
PLANNED_DAYS = 90  # meetings planned ahead
REFLECTIONS = 12


class AlreadyGenerated(Exception):
    """Generated regions exist and ``replace`` was not asked for."""


@dataclass
class GenerationResult:
    regions: list[Region] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    deleted_regions: int = 0


# --- names ------------------------------------------------------------------------------------

# Invented syllables: three parts make a place name that reads Dutch but is no real place.
STEM_A = [
    "Mer", "Has", "Bol", "Lut", "Dre", "Gam", "Hul", "Kor", "Ros", "Tal", "Wib", "Zel", "Ael",
    "Fol", "Hen", "Jor", "Kam", "Lim", "Pel", "Scher", "Uit", "Vier", "Wal", "Zwa", "Eem",
    "Bas", "Dun", "Ges", "Hil", "Kes", "Lom", "Mun", "Nor", "Ot", "Rut", "Sib", "Tol", "Vel",
    "Wan", "Zan",
]  # fmt: skip
STEM_B = ["kel", "sel", "der", "len", "me", "re", "be", "mer", "ling", "el", "ste", "ke", "de"]
PLACE_END = [
    "veen", "broek", "loo", "wijk", "horst", "dorp", "hoven", "dam", "meer", "stede", "ingen",
    "beek", "rode", "zijl", "woude", "kerk", "um", "haar", "berg", "wolde", "vliet", "zand",
    "oord", "sloot", "hout", "heide", "donk",
]  # fmt: skip
PLACE_PREFIX = ["Oud-", "Nieuw-", "Groot-", "Klein-"]
LANDSCAPE = ["waard", "land", "veld", "kwartier", "gouw", "mark", "dal", "streek", "venen"]
SUB_LANDSCAPE = ["hoek", "kant", "vallei", "heuvels", "polder", "duinen", "kempen", "landen"]
COMPASS = ["Noord", "Oost", "Zuid", "West", "Midden", "Boven", "Neder"]
FIRST_NAMES = [
    "Anna", "Bram", "Carla", "Daan", "Els", "Frank", "Greetje", "Hans", "Ingrid", "Jeroen",
    "Karin", "Lars", "Marieke", "Niels", "Olga", "Peter", "Quirine", "Ruud", "Sanne", "Tom",
    "Ursula", "Vincent", "Wendy", "Xander", "Yvonne", "Zeger", "Annelies", "Bart", "Corine",
    "Dirk", "Esther", "Floris", "Gerda", "Henk", "Iris", "Joost", "Kees", "Linda", "Maarten",
    "Nadia", "Onno", "Petra", "Rik", "Sofie", "Thijs", "Vera", "Willem", "Yara", "Anouk",
    "Bas", "Chantal", "Erik", "Femke", "Gijs", "Hanneke", "Jan", "Kim", "Lotte", "Mark",
    "Noor", "Paul", "Rianne", "Stefan", "Tessa", "Wouter", "Hatice", "Mohamed", "Fatima",
    "Youssef", "Samira", "Deniz", "Priya", "Rachid", "Aylin", "Marloes", "Jorien", "Sjoerd",
]  # fmt: skip
SURNAME_END = ["ink", "man", "huis", "kamp", "ma", "stra", "ing", "hof", "mans", "sen", "boom"]
TUSSENVOEGSEL = ["", "", "", "", "van ", "de ", "van der ", "van den ", "ter ", "van de "]


class NamePool:
    """Distinct fictitious names drawn from one ``random.Random``."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None):
        self.rng = rng
        self.taken = set(taken or ())

    def _draw(self, make: Callable[[], str]) -> str:
        for _attempt in range(1000):
            name = make()
            if name not in self.taken:
                self.taken.add(name)
                return name
        raise RuntimeError("Geen nieuwe namen meer te maken.")

    def _core(self) -> str:
        r = self.rng
        return r.choice(STEM_A) + r.choice(STEM_B)

    def place(self) -> str:
        def make() -> str:
            name = self._core() + self.rng.choice(PLACE_END)
            if self.rng.random() < 0.08:
                name = self.rng.choice(PLACE_PREFIX) + name
            return name

        return self._draw(make)

    def region(self) -> str:
        def make() -> str:
            core = self._core() + self.rng.choice(LANDSCAPE)
            if self.rng.random() < 0.45:
                return f"{self.rng.choice(COMPASS)}-{core}"
            return core

        return self._draw(make)

    def sub_region(self) -> str:
        return self._draw(lambda: self._core() + self.rng.choice(SUB_LANDSCAPE))


def person_name(rng: random.Random) -> str:
    surname = rng.choice(STEM_A) + rng.choice(STEM_B) + rng.choice(SURNAME_END)
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(TUSSENVOEGSEL)}{surname}"


# --- organisations ----------------------------------------------------------------------------

# (name, domain, kind): shared by all regions, looked up by name and created when missing.
NATIONAL_ORGANISATIONS = [
    ("Openbaar Ministerie", OrganisationDomain.STRAF, "openbaar ministerie"),
    ("Reclassering Nederland", OrganisationDomain.STRAF, "reclassering"),
    ("Dienst Justitiële Inrichtingen", OrganisationDomain.STRAF, "justitiële inrichtingen"),
    ("Raad voor de Kinderbescherming", OrganisationDomain.STRAF, "raad voor de kinderbescherming"),
    ("Nationale Politie", OrganisationDomain.VEILIGHEID, "politie"),
]

# (key, name pattern, domain, kind, probability). {r} is the region's name.
REGIONAL_ORGANISATIONS = [
    ("vt", "Veilig Thuis {r}", OrganisationDomain.VEILIGHEID, "Veilig Thuis", 1.0),
    (
        "zvh",
        "Zorg- en Veiligheidshuis {r}",
        OrganisationDomain.VEILIGHEID,
        "zorg- en veiligheidshuis",
        1.0,
    ),
    ("ggd", "GGD {r}", OrganisationDomain.ZORG, "GGD", 1.0),
    ("ggz", "GGZ {r}", OrganisationDomain.ZORG, "GGZ-instelling", 1.0),
    ("politie", "Politie, district {r}", OrganisationDomain.VEILIGHEID, "politie-eenheid", 1.0),
    (
        "verslaving",
        "Verslavingszorg {r}",
        OrganisationDomain.ZORG,
        "instelling voor verslavingszorg",
        0.9,
    ),
    (
        "opvang",
        "Maatschappelijke opvang {r}",
        OrganisationDomain.ZORG,
        "maatschappelijke opvang",
        0.9,
    ),
    ("jeugdzorg", "Jeugdzorg {r}", OrganisationDomain.ZORG, "jeugdzorgaanbieder", 0.8),
    ("vg", "VG-zorg {r}", OrganisationDomain.ZORG, "VG-zorgaanbieder", 0.7),
    ("welzijn", "Welzijnswerk {r}", OrganisationDomain.WELZIJN, "welzijnsorganisatie", 0.7),
    ("wonen", "Woningcorporaties {r}", OrganisationDomain.WONEN, "samenwerkende corporaties", 0.7),
    ("zorgkantoor", "Zorgkantoor {r}", OrganisationDomain.FINANCIER, "zorgkantoor (Wlz)", 0.8),
    (
        "onderwijs",
        "Samenwerkingsverband onderwijs {r}",
        OrganisationDomain.ONDERWIJS,
        "samenwerkingsverband passend onderwijs",
        0.4,
    ),
    (
        "ervaring",
        "Netwerk ervaringsdeskundigen {r}",
        OrganisationDomain.ERVARING,
        "netwerk van ervaringsdeskundigen",
        0.6,
    ),
]
PARTNER_TITLES = {
    "vt": "directeur Veilig Thuis",
    "zvh": "manager Zorg- en Veiligheidshuis",
    "ggd": "directeur publieke gezondheid",
    "ggz": "bestuurder GGZ-instelling",
    "politie": "districtschef politie",
    "verslaving": "bestuurder verslavingszorg",
    "opvang": "directeur maatschappelijke opvang",
    "jeugdzorg": "bestuurder jeugdzorg",
    "vg": "bestuurder VG-zorg",
    "welzijn": "directeur welzijnswerk",
    "wonen": "directeur-bestuurder woningcorporatie",
    "zorgkantoor": "manager zorgkantoor",
    "onderwijs": "directeur samenwerkingsverband",
    "ervaring": "coördinator ervaringsdeskundigen",
    "Openbaar Ministerie": "hoofdofficier van justitie",
    "Reclassering Nederland": "regiodirecteur reclassering",
    "Dienst Justitiële Inrichtingen": "vestigingsdirecteur penitentiaire inrichting",
    "Raad voor de Kinderbescherming": "regiomanager Raad voor de Kinderbescherming",
    "Nationale Politie": "politiechef van de eenheid",
}

# --- themes: knelpunten and action topics -------------------------------------------------------

THEME_CONTENT: dict[str, tuple[list[str], list[str]]] = {
    "Aanpak van acute onveiligheid": (
        [
            "Geen regionale afspraken over opschaling bij acute dreiging",
            "Informatie over risico's komt niet op tijd bij de juiste partner",
            "Wachttijd voor crisisplaatsing bij acuut gevaar",
            "Onduidelijk wie regie voert in de eerste week na een incident",
        ],
        [
            "regionaal opschalingsprotocol",
            "informatiedeling bij acute dreiging",
            "crisisplaatsen voor volwassenen",
            "regie in de eerste week na een incident",
            "bereikbaarheid buiten kantoortijd",
            "gezamenlijke risicotaxatie",
            "nazorg na een crisismaatregel",
        ],
    ),
    "Handelingsperspectief van autonomie tot dwang": (
        [
            "Zorgmijders vallen tussen vrijwillige en verplichte zorg",
            "Partners kennen elkaars juridische mogelijkheden onvoldoende",
            "Verkennend onderzoek Wvggz duurt te lang",
            "Geen gezamenlijke lijn bij hulpweigering",
        ],
        [
            "handreiking hulpweigering",
            "escalatieladder van vrijwillig naar verplicht",
            "verkennend onderzoek Wvggz",
            "casusregie bij zorgmijding",
            "juridisch spreekuur voor professionals",
            "bemoeizorg in de wijk",
        ],
    ),
    "Passende woon(zorg)plek": (
        [
            "Te weinig woonplekken voor mensen met complexe problemen",
            "Uitstroom uit beschermd wonen stokt",
            "Geen woonplek bij ontslag uit detentie of kliniek",
            "Weerstand in de buurt tegen nieuwe woonvormen",
        ],
        [
            "regionale woonzorgvisie",
            "doorstroom uit beschermd wonen",
            "woonplekken na detentie",
            "afspraken met woningcorporaties",
            "kleinschalige woonvormen",
            "buurtbemiddeling bij nieuwe woonvormen",
            "housing first",
        ],
    ),
    "Maatschappelijk herstel": (
        [
            "Dagbesteding sluit niet aan na ontslag uit de kliniek",
            "Schulden belemmeren herstel",
            "Ervaringsdeskundigheid wordt weinig ingezet",
            "Geen vast aanspreekpunt na afronding van zorg",
        ],
        [
            "dagbesteding na klinisch ontslag",
            "schuldhulp bij herstel",
            "inzet van ervaringsdeskundigen",
            "herstelacademie",
            "werk en participatie na detentie",
            "vast aanspreekpunt na zorg",
        ],
    ),
    "Personen met verward of onbegrepen gedrag": (
        [
            "Meldingen van verward gedrag nemen toe",
            "Vervoer van mensen met verward gedrag niet geregeld",
            "Wijkteams missen psychiatrische expertise",
        ],
        [
            "meldpunt niet-acute zorg",
            "passend vervoer bij verward gedrag",
            "psychiatrische expertise in wijkteams",
            "straatteam verward gedrag",
            "nazorg na een melding",
        ],
    ),
    "Huiselijk geweld en kindermishandeling": (
        [
            "Lange wachttijd na een melding bij Veilig Thuis",
            "Overdracht van Veilig Thuis naar het lokale veld hapert",
            "Plegers krijgen te laat hulp",
        ],
        [
            "overdracht van Veilig Thuis naar lokaal",
            "plegeraanpak",
            "multidisciplinaire aanpak bij geweld in gezinnen",
            "radarfunctie huiselijk geweld",
            "tijdelijk huisverbod",
        ],
    ),
    "Mensenhandel": (
        [
            "Signalen van mensenhandel worden niet herkend",
            "Geen opvangplek voor slachtoffers in de regio",
        ],
        [
            "zorgcoördinatie mensenhandel",
            "training signalering mensenhandel",
            "opvang voor slachtoffers",
            "bestuurlijke aanpak arbeidsuitbuiting",
        ],
    ),
    "Nazorg (ex-)gedetineerden": (
        [
            "Identiteitsbewijs en inkomen niet geregeld bij ontslag uit detentie",
            "Informatie uit de inrichting komt laat bij de gemeente",
        ],
        [
            "warme overdracht bij ontslag uit detentie",
            "re-integratieloket",
            "levensloopaanpak",
            "nazorg bij korte straffen",
        ],
    ),
    "Beschermd wonen en maatschappelijke opvang": (
        [
            "Doordecentralisatie beschermd wonen zonder regionale afspraken",
            "Opvang vol in de winter",
        ],
        [
            "doordecentralisatie beschermd wonen",
            "winteropvang",
            "toegang tot maatschappelijke opvang",
            "regionale verdeling van middelen",
        ],
    ),
    "Licht verstandelijke beperking (LVB)": (
        [
            "LVB wordt laat herkend in de keten",
            "Weinig aanbod voor mensen met LVB en verslaving",
        ],
        [
            "screening op LVB",
            "aanbod LVB en verslaving",
            "consultatie LVB-deskundigen",
        ],
    ),
    "Jeugd": (
        [
            "Overgang van achttien min naar achttien plus hapert",
            "Jongeren in jeugdzorg komen in aanraking met justitie",
        ],
        [
            "overgang naar volwassenheid",
            "jeugdpreventieteams",
            "aanpak jeugdcriminaliteit en zorg",
            "gesloten jeugdzorg afbouwen",
        ],
    ),
    "Alcohol en drugs": (
        [
            "Drugsgebruik bij kwetsbare jongeren neemt toe",
            "Overlast rond gebruikersruimten",
        ],
        [
            "preventie drugsgebruik",
            "gebruikersruimte en buurt",
            "vroegsignalering verslaving",
        ],
    ),
    "Gedwongen zorg (Wvggz/Wzd)": (
        [
            "Uitvoering van zorgmachtigingen verloopt traag",
            "Gemeenten hebben weinig zicht op crisismaatregelen",
        ],
        [
            "regionale monitor verplichte zorg",
            "hoorplicht Wvggz",
            "samenwerking met de officier van justitie",
            "ambulante verplichte zorg",
        ],
    ),
    "Samenwerking met zorgverzekeraars": (
        [
            "Financiering van wijkgerichte GGZ is onzeker",
            "Zorgverzekeraar niet aangesloten bij de regiotafel",
        ],
        [
            "gezamenlijke financiering wijk-GGZ",
            "regioplan met de zorgverzekeraar",
            "zorgkantoor aan tafel",
        ],
    ),
    "Personen met gevaarlijk gedrag": (
        [
            "Geen gedeeld beeld van personen met gevaarlijk gedrag",
            "Risicotaxatie verschilt per partner",
        ],
        [
            "gedeelde risicotaxatie",
            "casusregie gevaarlijk gedrag",
            "informatieprotocol gevaarlijk gedrag",
        ],
    ),
    "Ondermijning en jeugdcriminaliteit": (
        [
            "Jongeren geronseld voor criminele klussen",
            "Zorg en handhaving werken langs elkaar heen in wijken",
        ],
        [
            "preventie ronselen van jongeren",
            "wijkaanpak zorg en handhaving",
            "perspectief voor jongeren in de wijk",
        ],
    ),
}
GENERIC_KNELPUNTEN = [
    "Capaciteit bij partners te krap",
    "Gegevensdeling niet geregeld",
    "Financiering na de pilotperiode onzeker",
]
GENERIC_TOPICS = [
    "bestuurlijke drukte",
    "gegevensdeling tussen partners",
    "jaarplan zorg en veiligheid",
    "evaluatie van de overlegstructuur",
    "communicatie met gemeenteraden",
    "scholing van professionals",
    "monitor van de werkagenda",
]
ACTION_FORMS = [
    "Verkenning {t}",
    "Plan van aanpak {t}",
    "Pilot {t}",
    "Afspraken over {t}",
    "Evaluatie {t}",
    "Werkwijze {t}",
    "Bestuurlijke afspraken {t}",
    "Kennissessie {t}",
    "Opschaling {t}",
    "Regionale aanpak {t}",
]
WEIGHING_TEXTS = [
    "Regionaal opgepakt omdat geen gemeente dit alleen kan organiseren; de uitvoering blijft "
    "lokaal.",
    "Gekozen na de knelpuntenronde in de subregio's: het raakt alle partners aan tafel.",
    "Landelijk prioritair thema; regionaal maken we afspraken, lokaal de uitvoering.",
    "De partners vroegen erom: het probleem overstijgt de grenzen van gemeenten.",
]
PROGRESS_TEXTS = [
    "Eerste bijeenkomst met de partners gehouden; opdracht aangescherpt.",
    "Concept ligt bij de partners voor reactie.",
    "Vertraging: capaciteit bij een partner ontbreekt, nieuwe planning gemaakt.",
    "Tussenstand besproken in het advies- en implementatieoverleg.",
    "Financiering rond; uitvoering gestart.",
    "Eerste ervaringen opgehaald in de subregio's.",
    "Termijn verschoven na overleg met de trekker.",
    "Bestuurlijk akkoord op de uitwerking.",
]
CLOSING_TEXTS = {
    ClosedReason.AFGEROND: "Afgerond en overgedragen aan de lijn.",
    ClosedReason.ELDERS_BELEGD: "Belegd bij het regionaal bestuurlijk overleg.",
    ClosedReason.VERVALLEN: "Vervallen: landelijk opgepakt.",
}
EVIDENCE = {
    Status.NIET_GESTART: "Nog niet opgepakt; het onderwerp staat op de voorraadlijst.",
    Status.VERKEND: "Verkend in het advies- en implementatieoverleg; een aanpak is er nog niet.",
    Status.IN_ONTWIKKELING: "De aanpak loopt; eerste afspraken zijn gemaakt en worden uitgewerkt.",
    Status.GEREALISEERD: "Afspraken vastgelegd en in de praktijk zichtbaar.",
    Status.GEBORGD: "Geborgd in de samenwerkingsafspraken en jaarlijks geëvalueerd.",
}
STAGE_HEAD_START = {
    Stage.INPUT: 0.9,
    Stage.ACTIVITEITEN: 0.4,
    Stage.OUTPUT: 0.0,
    Stage.MECHANISMEN: -0.4,
    Stage.OUTCOME: -0.7,
}
STATUSES = list(Status.values)

# Case reflections: texts in general terms, without digits (the personal-data guard finds none).
REFLECTION_TITLES = [
    "Woonoverlast na ontslag uit de kliniek",
    "Zorgmijding en escalerend gedrag in de wijk",
    "Jongere tussen jeugdzorg en justitie",
    "Terugkeer na detentie zonder woonplek",
    "Geweld in een gezin met meervoudige problemen",
    "Verward gedrag in de openbare ruimte",
    "Oplopende spanningen in een wijk",
    "Schulden en zorgen over de kinderen",
    "Verplichte zorg die niet aansluit",
    "Overlast rond een opvanglocatie",
    "Uitstroom uit beschermd wonen loopt vast",
    "Vrijwillig kader loopt vast",
    "Signalen van uitbuiting bij een kwetsbare volwassene",
    "Wachtlijst en crisis tegelijk",
]
REFLECTION_TEXT = {
    "summary": "Een situatie waarin meerdere partners betrokken waren en niemand de regie had. "
    "De casus is in algemene termen beschreven.",
    "answer_principles": "Gedeeltelijk: de partners werkten vanuit de bedoeling, maar "
    "informatie bleef hangen tussen zorg en veiligheid.",
    "answer_administration": "De professionals misten rugdekking om buiten de eigen "
    "financiering te handelen.",
    "answer_justice": "Door eerst een woonplek te regelen en daarna de zorg in te zetten.",
    "dilemma": "Ingrijpen tegen de wil van betrokkene of wachten tot het escaleert.",
    "insights": "Een vast aanspreekpunt en een gedeelde taal helpen; escaleren mag sneller.",
    "proposal": "De Stamtafel wordt gevraagd afspraken te maken over doorzettingsmacht en een "
    "gezamenlijk budget voor maatwerk.",
}
CHALLENGES = [
    (
        "Doorzettingsmacht bij vastgelopen casuïstiek",
        "Werk een regeling voor doorzettingsmacht uit.",
    ),
    ("Maatwerkbudget voor professionals", "Maak een voorstel voor een regionaal maatwerkbudget."),
    (
        "Vast aanspreekpunt na ontslag",
        "Regel een vast aanspreekpunt bij ontslag uit zorg of detentie.",
    ),
    ("Informatiedeling zorg en veiligheid", "Stel een werkafspraak op over informatiedeling."),
    ("Woonplek als eerste stap", "Verken met de corporaties snelle woonplekken."),
]


# --- bodies -------------------------------------------------------------------------------------


@dataclass
class BodySpec:
    key: str
    name: str  # {r} region, {s} sub-region, {short} main table short name
    kind: str
    level: str
    power: str
    roles: tuple
    frequency: tuple[int, int] | None
    basis: str = LegalBasisKind.GEEN
    basis_ref: str = ""
    short: str = ""
    per_sub: bool = False
    duration: str = "2.0"


def _spec(*args, **kwargs) -> BodySpec:
    return BodySpec(*args, **kwargs)


R = BodyRole
SPECS = {
    s.key: s
    for s in [
        _spec("dvo", "Districtelijk veiligheidsoverleg {s}", BodyKind.DVO, Level.BESTUURLIJK,
              DecisionPower.AFSTEMMEND, (R.SIGNALEREN, R.COORDINEREN), (4, 6), short="DVO",
              per_sub=True),
        _spec("vvg", "Vergadering van gemeenten Veilig Thuis {r}", BodyKind.VERGADERING_GEMEENTEN,
              Level.BESTUURLIJK, DecisionPower.BESLUITVORMEND, (R.OPDRACHTGEVEN, R.BESLUITEN),
              (3, 4), LegalBasisKind.STATUTEN, "Statuten Stichting Veilig Thuis {r}", "VvG VT"),
        _spec("bac", "Bestuursadviescommissie zorg en veiligheid", BodyKind.BAC,
              Level.BESTUURLIJK, DecisionPower.ZWAARWEGEND_ADVIES, (R.ADVISEREN,), (4, 6),
              LegalBasisKind.GR, "Gemeenschappelijke regeling GGD {r}", "BAC"),
        _spec("ab", "Algemeen bestuur GGD {r}", BodyKind.ALGEMEEN_BESTUUR, Level.BESTUURLIJK,
              DecisionPower.BESLUITVORMEND, (R.BESLUITEN,), (4, 5), LegalBasisKind.GR,
              "Gemeenschappelijke regeling GGD {r}", "AB GGD"),
        _spec("db", "Dagelijks bestuur GGD {r}", BodyKind.DAGELIJKS_BESTUUR, Level.BESTUURLIJK,
              DecisionPower.BESLUITVORMEND, (R.BESLUITEN,), (8, 10), LegalBasisKind.GR,
              "Gemeenschappelijke regeling GGD {r}", "DB GGD"),
        _spec("stuurgroep", "Stuurgroep Zorg- en Veiligheidshuis", BodyKind.STUURGROEP,
              Level.BESTUURLIJK, DecisionPower.BESLUITVORMEND, (R.BESLUITEN, R.OPDRACHTGEVEN),
              (3, 4), LegalBasisKind.CONVENANT, "Convenant Zorg- en Veiligheidshuis {r}",
              "Stuurgroep ZVH"),
        _spec("ph_gz", "Portefeuillehouder gedwongen zorg", BodyKind.PORTEFEUILLEHOUDER,
              Level.BESTUURLIJK, DecisionPower.ADVISEREND, (R.AANJAGEN, R.ADVISEREN), (2, 4)),
        _spec("ph_mh", "Portefeuillehouder mensenhandel", BodyKind.PORTEFEUILLEHOUDER,
              Level.BESTUURLIJK, DecisionPower.ADVISEREND, (R.AANJAGEN, R.ADVISEREN), (2, 4)),
        _spec("ph_bw", "Portefeuillehouders beschermd wonen", BodyKind.PORTEFEUILLEHOUDER,
              Level.BESTUURLIJK, DecisionPower.ADVISEREND, (R.AANJAGEN, R.ADVISEREN), (2, 4)),
        _spec("bo_bw", "Bestuurlijk overleg beschermd wonen en maatschappelijke opvang",
              BodyKind.BESTUURLIJK_OVERLEG, Level.BESTUURLIJK, DecisionPower.BESLUITVORMEND,
              (R.BESLUITEN, R.COORDINEREN), (4, 6), LegalBasisKind.CONVENANT,
              "Regionaal convenant beschermd wonen {r}", "BO BW/MO"),
        _spec("aio", "Advies- en implementatieoverleg zorg en veiligheid",
              BodyKind.ADVIESOVERLEG, Level.TACTISCH, DecisionPower.ADVISEREND,
              (R.ADVISEREN, R.INTEGREREN, R.AANJAGEN), (8, 10), short="AIO"),
        _spec("sec", "Secretarissenoverleg zorg en veiligheid", BodyKind.SECRETARISSENOVERLEG,
              Level.TACTISCH, DecisionPower.AFSTEMMEND, (R.COORDINEREN,), (6, 10)),
        _spec("regiegroep", "Regiegroep gedwongen zorg Wvggz/Wzd", BodyKind.REGIEGROEP,
              Level.TACTISCH, DecisionPower.AFSTEMMEND, (R.COORDINEREN, R.SIGNALEREN), (4, 6),
              LegalBasisKind.WETTELIJK, "Wet verplichte ggz, art. 8:31 (periodiek overleg)"),
        _spec("periodiek", "Periodiek overleg Wvggz/Wzd", BodyKind.OVERIG, Level.TACTISCH,
              DecisionPower.AFSTEMMEND, (R.COORDINEREN,), (4, 4), LegalBasisKind.WETTELIJK,
              "Wet verplichte ggz, art. 8:31 (periodiek overleg)"),
        _spec("partnergroep", "Partnergroep Zorg- en Veiligheidshuis", BodyKind.PARTNERGROEP,
              Level.TACTISCH, DecisionPower.ADVISEREND, (R.ADVISEREN,), (4, 6)),
        _spec("kennis", "Kennis- en lobbynetwerk zorg en veiligheid", BodyKind.KENNISNETWERK,
              Level.TACTISCH, DecisionPower.AFSTEMMEND, (R.KENNISDELEN,), (2, 4)),
        _spec("tactisch_hg", "Tactisch overleg huiselijk geweld", BodyKind.OVERIG,
              Level.TACTISCH, DecisionPower.AFSTEMMEND, (R.COORDINEREN,), (6, 8)),
        _spec("casus_zvh", "Casusoverleg Zorg- en Veiligheidshuis",
              BodyKind.UITVOERINGSOVERLEG, Level.OPERATIONEEL, DecisionPower.UITVOEREND,
              (R.UITVOEREN, R.SIGNALEREN), (20, 24), duration="1.5"),
        _spec("casus_vg", "Casusoverleg verward gedrag {s}", BodyKind.UITVOERINGSOVERLEG,
              Level.OPERATIONEEL, DecisionPower.UITVOEREND, (R.UITVOEREN, R.SIGNALEREN),
              (10, 12), per_sub=True, duration="1.5"),
        _spec("mdo_hg", "Multidisciplinair overleg huiselijk geweld",
              BodyKind.UITVOERINGSOVERLEG, Level.OPERATIONEEL, DecisionPower.UITVOEREND,
              (R.UITVOEREN,), (20, 24), duration="1.5"),
        _spec("nazorg", "Werkgroep nazorg ex-gedetineerden", BodyKind.WERKGROEP,
              Level.OPERATIONEEL, DecisionPower.UITVOEREND, (R.UITVOEREN,), (8, 10)),
        _spec("levensloop", "Levensloopoverleg", BodyKind.UITVOERINGSOVERLEG,
              Level.OPERATIONEEL, DecisionPower.UITVOEREND, (R.UITVOEREN,), (10, 12),
              duration="1.5"),
    ]
}  # fmt: skip
WORKING_GROUPS = [
    ("Werkgroep woonzorgplekken", "Passende woon(zorg)plek"),
    ("Werkgroep herstel en dagbesteding", "Maatschappelijk herstel"),
    ("Werkgroep acute onveiligheid", "Aanpak van acute onveiligheid"),
    ("Werkgroep van vrijwillig naar verplicht", "Handelingsperspectief van autonomie tot dwang"),
]
PROJECTS = [
    "Projectteam levensloopaanpak",
    "Projectteam Veilig Verder",
    "Projectteam meldpunt niet-acute zorg",
    "Projectteam regionale woonzorgvisie",
    "Projectteam informatiedeling",
]
PROPOSED = [
    "Regionaal overleg zorg en ondermijning",
    "Netwerktafel jeugd en veiligheid",
    "Regionaal expertiseteam complexe casuïstiek",
]
LINK_LABELS = {
    "body_themes": "thema's van gremia",
    "action_coalition": "coalitiepartners van acties",
    "action_knelpunten": "knelpunten bij acties",
    "assessment_bodies": "gremia als bewijs bij beoordelingen",
    "casereflection_themes": "thema's van casusreflecties",
    "casereflection_organisations": "organisaties bij casusreflecties",
    "casereflection_delegation": "delegatieleden bij casusreflecties",
}
LOCATION_KINDS = ["Gemeentehuis {m}", "Stadhuis {m}", "Zorg- en Veiligheidshuis {r}", "Online"]


# --- helpers ------------------------------------------------------------------------------------


def days(n: int) -> timedelta:
    return timedelta(days=n)


def weekday(day: date) -> date:
    """The same day or the next Monday–Thursday: meetings are held on working days."""
    while day.weekday() > 3:
        day += days(1)
    return day


def slugs_for(count: int) -> list[str]:
    width = max(3, len(str(count)))
    return [f"{PREFIX}{n:0{width}d}" for n in range(1, count + 1)]


def municipality_counts(rng: random.Random, regions: int, total: int) -> list[int]:
    """Per region 6–25 municipalities, adding up to ``total`` (clamped to what fits)."""
    total = max(MIN_MUNICIPALITIES * regions, min(MAX_MUNICIPALITIES * regions, total))
    counts = [
        round(rng.triangular(MIN_MUNICIPALITIES, MAX_MUNICIPALITIES, 10)) for _ in range(regions)
    ]
    while sum(counts) != total:
        i = rng.randrange(regions)
        if sum(counts) < total and counts[i] < MAX_MUNICIPALITIES:
            counts[i] += 1
        elif sum(counts) > total and counts[i] > MIN_MUNICIPALITIES:
            counts[i] -= 1
    return counts


@contextmanager
def given_timestamps(model, field_name: str) -> Iterator[None]:
    """Let ``bulk_create`` keep the value we set on an ``auto_now_add`` field."""
    model_field = model._meta.get_field(field_name)
    saved = model_field.auto_now_add
    model_field.auto_now_add = False
    try:
        yield
    finally:
        model_field.auto_now_add = saved


class Keyed(MutableMapping):
    """A mapping keyed by object identity: unsaved model instances are not hashable.

    With ``default`` (a factory, as for ``defaultdict``) a missing key is created on access.
    """

    def __init__(self, pairs=(), default=None):
        self._data: dict[int, tuple] = {}
        self._default = default
        for key, value in pairs:
            self[key] = value

    def __getitem__(self, key):
        try:
            return self._data[id(key)][1]
        except KeyError:
            if self._default is None:
                raise KeyError(key) from None
            value = self._data[id(key)] = (key, self._default())
            return value[1]

    def __setitem__(self, key, value):
        self._data[id(key)] = (key, value)

    def __delitem__(self, key):
        del self._data[id(key)]

    def __contains__(self, key):
        return id(key) in self._data

    def __iter__(self):
        return (key for key, _value in self._data.values())

    def __len__(self):
        return len(self._data)


def generated_regions():
    return Region.objects.filter(slug__startswith=PREFIX)


def delete_generated() -> int:
    """Delete every generated region (slug ``nat-…``) with everything in it; return how many.

    The big tables are emptied with plain DELETE statements (``QuerySet._raw_delete``): the
    collector would load every row to send the history's delete signals, which for generated
    data (it has no history) only costs time. The regions themselves then go through the
    normal ``delete()``, which also removes anything not listed here (role assignments, and
    whatever later code hangs from a region). Foreign keys are checked at commit.
    """
    ids = list(generated_regions().values_list("pk", flat=True))
    if not ids:
        return 0
    plan = [
        (Conclusion, "reflection__region"),
        (CaseReflection.themes.through, "casereflection__region"),
        (CaseReflection.organisations.through, "casereflection__region"),
        (CaseReflection.delegation.through, "casereflection__region"),
        (SnapshotScore, "snapshot__region"),
        (Snapshot, "region"),
        (Assessment.bodies.through, "assessment__region"),
        (Assessment.mandates.through, "assessment__region"),
        (Assessment.actions.through, "assessment__region"),
        (Assessment, "region"),
        (AssessmentProposal, "region"),
        (Document, "agenda_item__meeting__body__region"),
        (AgendaItem, "meeting__body__region"),
        (Meeting, "body__region"),
        (ActionUpdate, "action__region"),
        (Action.coalition.through, "action__region"),
        (Action.knelpunten.through, "action__region"),
        (Action, "region"),
        (Knelpunt, "region"),
        (CostLine, "body__region"),
        (BodyRelation, "source__region"),
        (Membership, "body__region"),
        (Mandate, "body__region"),
        (Body.themes.through, "body__region"),
        (Body, "region"),
        (RegionTheme, "region"),
        (RegionPartner, "region"),
        (Person, "region"),
        (Organisation, "region"),
        (Municipality, "region"),
        (SubRegion, "region"),
        (RoleAssignment, "region"),
    ]
    # Reflections after their through tables and conclusions; then the rest in order.
    plan.insert(4, (CaseReflection, "region"))
    for model, path in plan:
        queryset = model._base_manager.filter(**{f"{path}__in": ids})
        queryset._raw_delete(queryset.db)
    Region.objects.filter(pk__in=ids).delete()
    return len(ids)


# --- the generator ------------------------------------------------------------------------------


class Reference:
    """What all regions share: themes, the framework, national organisations."""

    def __init__(self):
        self.themes = list(Theme.objects.order_by("order", "name"))
        self.priority_themes = [t for t in self.themes if t.national_priority]
        self.own_themes = [t for t in self.themes if not t.national_priority]
        self.theme_by_name = {t.name: t for t in self.themes}
        self.framework = Framework.current()
        self.items = (
            list(self.framework.items.select_related("group").order_by("group__order", "order"))
            if self.framework
            else []
        )
        names = [name for name, _domain, _kind in NATIONAL_ORGANISATIONS]
        existing = {o.name: o for o in Organisation.objects.filter(region=None, name__in=names)}
        missing = [
            Organisation(name=name, domain=domain, kind=kind, region=None)
            for name, domain, kind in NATIONAL_ORGANISATIONS
            if name not in existing
        ]
        Organisation.objects.bulk_create(missing)
        self.created_national = len(missing)
        for org in missing:
            existing[org.name] = org
        self.national = [existing[name] for name in names]


class RegionBuilder:
    """Builds one region in memory, then writes it with one bulk insert per model."""

    def __init__(
        self,
        *,
        ref: Reference,
        rng: random.Random,
        index: int,
        name: str,
        slug: str,
        sub_names: list[str],
        municipality_names: list[str],
        anchor: date,
    ):
        self.ref = ref
        self.rng = rng
        self.index = index
        self.anchor = anchor
        self.tz = timezone.get_default_timezone()
        self.rows: dict = defaultdict(list)
        self.links: dict = defaultdict(list)  # through model → [(a, b)] pairs of objects
        self.person_names: set[str] = set()
        self.author = None  # the user of the action log entries
        self.bodies: list[Body] = []
        self.body_spec: Keyed = Keyed()  # body → key of its spec
        self.by_key: dict[str, Body] = {}
        self.sub_of: Keyed = Keyed()  # body → its sub-region
        self.actions: list[Action] = []
        self.region = Region(
            name=name,
            slug=slug,
            code=f"ZV{index:03d}",
            collaboration_model=rng.choice(CollaborationModel.values),
            initiator=rng.choice(Initiator.values),
        )
        self.rows[Region].append(self.region)
        self.sub_names = sub_names
        self.municipality_names = municipality_names

    # -- small helpers --------------------------------------------------------------------------

    def add(self, obj):
        self.rows[type(obj)].append(obj)
        return obj

    def link(self, through, a, b):
        self.links[through].append((a, b))

    def person(self, function: str, office: str, organisation=None, email: bool = False) -> Person:
        name = person_name(self.rng)
        while name in self.person_names:
            name = person_name(self.rng)
        self.person_names.add(name)
        mail = ""
        if email:
            first, _space, rest = name.partition(" ")
            mail = f"{first[0].lower()}.{slugify(rest).replace('-', '')}@{self.region.slug}.example"
        return self.add(
            Person(
                region=self.region,
                name=name,
                function=function,
                office=office,
                organisation=organisation,
                email=mail,
            )
        )

    def when(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    # -- register -------------------------------------------------------------------------------

    def build(self) -> None:
        self.build_places()
        self.build_organisations_and_themes()
        self.build_persons()
        self.build_bodies()
        self.build_seats()
        self.build_mandates_and_relations()
        self.build_knelpunten()
        self.plan_meetings()
        self.build_reflections()
        self.build_actions()
        self.build_agendas()
        self.build_checklist()

    def build_places(self) -> None:
        rng, region = self.rng, self.region
        self.subs = [self.add(SubRegion(region=region, name=n)) for n in sorted(self.sub_names)]
        names = list(self.municipality_names)
        rng.shuffle(names)
        # Every sub-region at least two municipalities, the rest spread at random.
        groups = [names[2 * i : 2 * i + 2] for i in range(len(self.subs))]
        for extra in names[2 * len(self.subs) :]:
            rng.choice(groups).append(extra)
        self.municipalities: list[Municipality] = []
        self.municipalities_of: Keyed = Keyed()
        for sub, group in zip(self.subs, groups, strict=True):
            members = [
                self.add(Municipality(region=region, sub_region=sub, name=n)) for n in sorted(group)
            ]
            self.municipalities_of[sub] = members
            self.municipalities.extend(members)
        self.municipalities.sort(key=lambda m: m.name)
        largest = max(self.municipalities_of.values(), key=len)
        self.centre = rng.choice(largest)
        count, subs = len(self.municipalities), len(self.subs)
        region.characteristics = (
            f"{count} gemeenten in {subs} subregio's; centrumgemeente {self.centre.name}. "
            "Zorg- en Veiligheidshuis en Veilig Thuis werken voor de hele regio."
        )
        region.collaboration_note = {
            CollaborationModel.AFSTEMMEN: "Gemeenten stemmen af; besluiten vallen lokaal.",
            CollaborationModel.STUURGROEP: "De regiotafel geeft richting en stuurt op de "
            "werkagenda.",
            CollaborationModel.GEZAMENLIJK: "Gemeenten en partners besluiten samen aan de "
            "regiotafel.",
        }[region.collaboration_model]
        region.description = (
            f"Fictieve regio voor de landelijke benchmark ({region.name}); alle namen zijn "
            "verzonnen."
        )

    def build_organisations_and_themes(self) -> None:
        rng, region = self.rng, self.region
        self.orgs: dict[str, Organisation] = {}
        for key, pattern, domain, kind, chance in REGIONAL_ORGANISATIONS:
            if chance >= 1 or rng.random() < chance:
                org = self.add(
                    Organisation(
                        region=region, name=pattern.format(r=region.name), domain=domain, kind=kind
                    )
                )
                self.orgs[key] = org
                self.add(RegionPartner(region=region, organisation=org))
        self.national = list(self.ref.national)
        for org in rng.sample(self.national, rng.randint(2, len(self.national))):
            self.add(RegionPartner(region=region, organisation=org))
        self.partners = list(self.orgs.values()) + self.national

        own = rng.sample(self.ref.own_themes, min(len(self.ref.own_themes), rng.randint(1, 3)))
        self.themes = list(self.ref.priority_themes) + own
        for theme in self.themes:
            self.add(RegionTheme(region=region, theme=theme, weighing=rng.choice(WEIGHING_TEXTS)))

    def build_persons(self) -> None:
        rng, anchor = self.rng, self.anchor
        # Per municipality a burgemeester and a wethouder; some took over from a predecessor.
        self.mayor: Keyed = Keyed()
        self.alderman: Keyed = Keyed()
        self.predecessor: Keyed = Keyed()  # person → (predecessor, day of the change)
        portfolios = ["zorg en welzijn", "sociaal domein", "zorg en veiligheid", "jeugd en zorg"]
        for m in self.municipalities:
            self.mayor[m] = self.person(f"burgemeester van {m.name}", Office.BURGEMEESTER)
            self.alderman[m] = self.person(
                f"wethouder {rng.choice(portfolios)} van {m.name}", Office.WETHOUDER
            )
            for holder, office, label in (
                (self.mayor[m], Office.BURGEMEESTER, "oud-burgemeester"),
                (self.alderman[m], Office.WETHOUDER, "oud-wethouder"),
            ):
                if rng.random() < 0.15:
                    before = self.person(f"{label} van {m.name}", office)
                    self.predecessor[holder] = (before, anchor - days(rng.randint(90, 650)))
        # Partner directors (administrators) and managers (ambtelijk), per organisation.
        self.director: Keyed = Keyed()
        self.manager: Keyed = Keyed()
        for key, org in list(self.orgs.items()) + [(o.name, o) for o in self.national]:
            title = PARTNER_TITLES.get(key, "bestuurder")
            self.director[org] = self.person(
                f"{title}, {org.name}", Office.PARTNER_BESTUURDER, organisation=org
            )
            self.manager[org] = self.person(
                f"manager, {org.name}", Office.AMBTELIJK, organisation=org, email=True
            )
        self.chair = None
        if rng.random() < 0.7:
            self.chair = self.person("onafhankelijk voorzitter", Office.ONAFHANKELIJK)
        self.secretary = self.person(
            "netwerksecretaris zorg en veiligheid", Office.AMBTELIJK, email=True
        )
        self.programme = self.person(
            "programmamanager zorg en veiligheid", Office.AMBTELIJK, email=True
        )
        self.advisers: Keyed = Keyed(
            (
                sub,
                self.person(
                    f"beleidsadviseur zorg en veiligheid, subregio {sub.name}",
                    Office.AMBTELIJK,
                    email=True,
                ),
            )
            for sub in self.subs
        )
        self.officials = [
            self.person(f"{role}, gemeente {self.centre.name}", Office.AMBTELIJK, email=True)
            for role in (
                "beleidsadviseur openbare orde",
                "procesregisseur",
                "adviseur sociaal domein",
            )
        ]
        self.facilitators = [
            self.person("gespreksleider moreel beraad", Office.OVERIG) for _ in range(3)
        ]

    def build_bodies(self) -> None:
        rng, anchor, region = self.rng, self.anchor, self.region
        stamtafel = rng.random() < 0.7
        short = "Stamtafel" if stamtafel else "BNT"
        self.main = self._body(
            key="main",
            name=(
                f"Stamtafel zorg en veiligheid {region.name}"
                if stamtafel
                else f"Bestuurlijke netwerktafel zorg en veiligheid {region.name}"
            ),
            short_name=short,
            kind=BodyKind.STAMTAFEL if stamtafel else BodyKind.BNT,
            level=Level.BESTUURLIJK,
            decision_power=DecisionPower.BESLUITVORMEND,
            roles=[
                R.SIGNALEREN,
                R.INTEGREREN,
                R.COORDINEREN,
                R.AANJAGEN,
                R.REFLECTEREN,
                R.BESLUITEN,
            ],
            meeting_frequency_per_year=rng.randint(4, 6),
            legal_basis_kind=LegalBasisKind.SAMENWERKINGSOVEREENKOMST,
            legal_basis_reference=f"Samenwerkingsovereenkomst zorg en veiligheid {region.name}",
            established_on=anchor - days(rng.randint(4 * 365 + 60, 8 * 365)),
            themes=self.ref.priority_themes,
            description="Het bestuurlijke netwerkoverleg voor de hele Z+V-agenda van de regio.",
        )
        want = ["vvg", "aio", "regiegroep", "casus_zvh"]
        if rng.random() < 0.8:
            want.append("dvo")
        if rng.random() < 0.5:
            want += ["bac", "ab"] + (["db"] if rng.random() < 0.5 else [])
        stuurgroep_dissolved = rng.random() < 0.45
        want.append("stuurgroep")
        if not stuurgroep_dissolved and rng.random() < 0.6:
            want.append("partnergroep")
        if rng.random() < 0.5:
            want.append("periodiek")
        want += rng.sample(["ph_gz", "ph_mh", "ph_bw"], rng.randint(1, 3))
        for key, chance in (
            ("bo_bw", 0.6),
            ("sec", 0.7),
            ("kennis", 0.5),
            ("tactisch_hg", 0.5),
            ("casus_vg", 0.5),
            ("mdo_hg", 0.5),
            ("nazorg", 0.5),
            ("levensloop", 0.4),
        ):
            if rng.random() < chance:
                want.append(key)
        for key in want:
            spec = SPECS[key]
            for sub in self.subs if spec.per_sub else [None]:
                dissolved = (key == "stuurgroep" and stuurgroep_dissolved) or key == "periodiek"
                self._from_spec(spec, sub, dissolved=dissolved)
        # The periodiek overleg turned into the regiegroep on the day it was dissolved.
        if "periodiek" in self.by_key:
            periodiek, regiegroep = self.by_key["periodiek"], self.by_key["regiegroep"]
            regiegroep.established_on = periodiek.dissolved_on
        # Working groups and project teams fill up to the minimum (and a bit more); when no
        # body was dissolved yet, a finished project team is the one that ended.
        groups = [g for g in WORKING_GROUPS if g[1] in self.ref.theme_by_name]
        rng.shuffle(groups)
        projects = list(PROJECTS)
        rng.shuffle(projects)
        if not any(b.dissolved_on for b in self.bodies):
            start = anchor - days(rng.randint(900, 1400))
            self._project(projects.pop(), start, start + days(rng.randint(365, 700)))
        extra = rng.randint(1, 3)
        while (
            (len(self.bodies) < MIN_BODIES or extra > 0)
            and len(self.bodies) < MAX_BODIES - 1
            and (groups or projects)
        ):
            extra -= 1
            if groups and (not projects or rng.random() < 0.5):
                name, theme_name = groups.pop()
                self._body(
                    key="werkgroep",
                    name=name,
                    kind=BodyKind.WERKGROEP,
                    level=Level.TACTISCH,
                    decision_power=DecisionPower.UITVOEREND,
                    roles=[R.UITVOEREN, R.SIGNALEREN],
                    meeting_frequency_per_year=rng.randint(6, 10),
                    established_on=anchor - days(rng.randint(400, 1500)),
                    themes=[self.ref.theme_by_name[theme_name]],
                )
            else:
                self._project(projects.pop(), anchor - days(rng.randint(200, 900)), None)
        # Too many bodies (many sub-regions): drop per-sub-region casus overleggen first.
        while len(self.bodies) > MAX_BODIES:
            victim = next(
                (b for b in reversed(self.bodies) if self.body_spec[b] in ("casus_vg", "dvo")),
                self.bodies[-1],
            )
            self.bodies.remove(victim)
            self.rows[Body].remove(victim)
            links = self.links[Body.themes.through]
            links[:] = [(b, t) for b, t in links if b is not victim]
            if self.by_key.get(self.body_spec[victim]) is victim:
                del self.by_key[self.body_spec[victim]]
        # A few regions have a proposed table (status voorgesteld, nothing hangs from it).
        if rng.random() < 0.3 and len(self.bodies) < MAX_BODIES:
            self._body(
                key="voorgesteld",
                name=rng.choice(PROPOSED),
                kind=BodyKind.OVERIG,
                level=Level.TACTISCH,
                decision_power=DecisionPower.AFSTEMMEND,
                roles=[R.COORDINEREN],
                meeting_frequency_per_year=4,
                status=BodyStatus.VOORGESTELD,
                established_on=None,
            )
        self.active = [b for b in self.bodies if b.status == BodyStatus.ACTIEF]

    def _project(self, name: str, start: date, end: date | None) -> Body:
        if end is not None:
            end = min(end, self.anchor - days(60))
        return self._body(
            key="projectteam",
            name=name,
            kind=BodyKind.PROJECTTEAM,
            level=Level.TACTISCH,
            decision_power=DecisionPower.UITVOEREND,
            roles=[R.UITVOEREN],
            meeting_frequency_per_year=self.rng.randint(10, 12),
            established_on=start,
            dissolved_on=end,
        )

    def _from_spec(self, spec: BodySpec, sub: SubRegion | None, *, dissolved: bool) -> Body:
        rng, anchor, region = self.rng, self.anchor, self.region
        low, high = spec.frequency or (0, 0)
        established = anchor - days(rng.randint(3 * 365, 9 * 365))
        dissolved_on = None
        if dissolved:
            established = self.main.established_on - days(rng.randint(365, 4 * 365))
            latest = anchor - days(120)
            earliest = self.main.established_on + days(30)
            dissolved_on = earliest + days(rng.randint(0, max(0, (latest - earliest).days)))
        theme_map = {
            "ph_gz": "Gedwongen zorg (Wvggz/Wzd)",
            "regiegroep": "Gedwongen zorg (Wvggz/Wzd)",
            "periodiek": "Gedwongen zorg (Wvggz/Wzd)",
            "ph_mh": "Mensenhandel",
            "ph_bw": "Beschermd wonen en maatschappelijke opvang",
            "bo_bw": "Beschermd wonen en maatschappelijke opvang",
            "vvg": "Huiselijk geweld en kindermishandeling",
            "tactisch_hg": "Huiselijk geweld en kindermishandeling",
            "mdo_hg": "Huiselijk geweld en kindermishandeling",
            "casus_vg": "Personen met verward of onbegrepen gedrag",
            "nazorg": "Nazorg (ex-)gedetineerden",
        }
        theme = self.ref.theme_by_name.get(theme_map.get(spec.key, ""))
        body = self._body(
            key=spec.key,
            name=spec.name.format(r=region.name, s=sub.name if sub else ""),
            short_name=spec.short,
            kind=spec.kind,
            level=spec.level,
            decision_power=spec.power,
            roles=list(spec.roles),
            meeting_frequency_per_year=rng.randint(low, high) if spec.frequency else None,
            meeting_duration_hours=Decimal(spec.duration),
            legal_basis_kind=spec.basis,
            legal_basis_reference=spec.basis_ref.format(r=region.name),
            established_on=established,
            dissolved_on=dissolved_on,
            themes=[theme] if theme else [],
        )
        if sub is not None:
            self.sub_of[body] = sub
        return body

    def _body(self, *, key: str, themes=(), status=None, dissolved_on=None, **values) -> Body:
        if status is None:
            status = BodyStatus.OPGEHEVEN if dissolved_on else BodyStatus.ACTIEF
        body = self.add(
            Body(region=self.region, status=status, dissolved_on=dissolved_on, **values)
        )
        self.bodies.append(body)
        self.body_spec[body] = key
        self.by_key.setdefault(key, body)
        for theme in themes:
            self.link(Body.themes.through, body, theme)
        return body

    # -- seats ----------------------------------------------------------------------------------

    def seat(
        self,
        body: Body,
        person: Person | None,
        role: str = MembershipRole.LID,
        *,
        organisation=None,
        municipality=None,
        on_behalf_of: str = "",
        on_behalf_of_body: Body | None = None,
        portfolio: str = "",
    ) -> None:
        """A seat, split in two when the person took over from a predecessor while the body
        existed: the predecessor's seat ends on the day of the change."""
        if body.status == BodyStatus.VOORGESTELD:
            return
        start, end = body.established_on, body.dissolved_on
        common = dict(
            body=body,
            role=role,
            organisation=organisation,
            municipality=municipality,
            on_behalf_of=on_behalf_of,
            on_behalf_of_body=on_behalf_of_body,
            portfolio=portfolio,
            substitute_allowed=self.rng.random() < 0.8,
        )
        before = self.predecessor.get(person) if person else None
        if before and start < before[1] and (end is None or before[1] < end):
            previous, change = before
            self.add(Membership(person=previous, start=start, end=change, **common))
            start = change
        elif before and end is not None and before[1] >= end:
            person = before[0]  # the body was gone before the change: the predecessor sat there
        membership = self.add(Membership(person=person, start=start, end=end, **common))
        self.seats[body].append(membership)

    def build_seats(self) -> None:
        rng = self.rng
        self.seats: Keyed = Keyed(default=list)
        main = self.main
        dvo_of = Keyed((self.sub_of[b], b) for b in self.bodies if self.body_spec[b] == "dvo")
        # The main table.
        if self.chair:
            self.seat(main, self.chair, MembershipRole.VOORZITTER)
        else:
            self.seat(
                main, self.mayor[self.centre], MembershipRole.VOORZITTER, municipality=self.centre
            )
        self.seat(main, self.secretary, MembershipRole.NETWERKSECRETARIS)
        for sub in self.subs:
            munis = self.municipalities_of[sub]
            mayor_m = rng.choice(munis)
            if self.chair or mayor_m != self.centre:
                self.seat(
                    main,
                    self.mayor[mayor_m],
                    MembershipRole.PLV_VOORZITTER if sub == self.subs[0] else MembershipRole.LID,
                    municipality=mayor_m,
                    on_behalf_of=f"burgemeesters subregio {sub.name}",
                    on_behalf_of_body=dvo_of.get(sub),
                )
            ald_m = rng.choice(munis)
            self.seat(
                main,
                self.alderman[ald_m],
                municipality=ald_m,
                on_behalf_of=f"wethouders subregio {sub.name}",
            )
        for org in rng.sample(self.partners, min(len(self.partners), rng.randint(5, 8))):
            self.seat(main, self.director[org], organisation=org)
        self.seat(main, self.programme, MembershipRole.ADVISEUR)
        for body in self.bodies:
            key = self.body_spec[body]
            sub = self.sub_of.get(body)
            munis = self.municipalities_of.get(sub, self.municipalities)
            if key == "dvo":
                for i, m in enumerate(munis):
                    role = MembershipRole.VOORZITTER if i == 0 else MembershipRole.LID
                    self.seat(body, self.mayor[m], role, municipality=m)
                for org in [self.orgs["politie"], self.national[0]]:
                    self.seat(body, self.director[org], organisation=org)
                self.seat(body, self.advisers[sub], MembershipRole.SECRETARIS)
            elif key in ("vvg", "ab"):
                for m in self.municipalities:
                    role = MembershipRole.VOORZITTER if m == self.centre else MembershipRole.LID
                    self.seat(body, self.alderman[m], role, municipality=m)
                org = self.orgs["vt"] if key == "vvg" else self.orgs["ggd"]
                self.seat(body, self.director[org], MembershipRole.ADVISEUR, organisation=org)
                self.seat(body, rng.choice(self.officials), MembershipRole.SECRETARIS)
            elif key in ("bac", "db", "bo_bw"):
                chosen = rng.sample(
                    self.municipalities, min(len(self.municipalities), rng.randint(4, 7))
                )
                if self.centre not in chosen:
                    chosen[0] = self.centre
                for m in chosen:
                    role = MembershipRole.VOORZITTER if m == self.centre else MembershipRole.LID
                    self.seat(body, self.alderman[m], role, municipality=m)
                self.seat(body, rng.choice(self.officials), MembershipRole.SECRETARIS)
            elif key == "stuurgroep":
                m = rng.choice(self.municipalities)
                self.seat(body, self.mayor[m], MembershipRole.VOORZITTER, municipality=m)
                for org in rng.sample(self.partners, min(len(self.partners), rng.randint(4, 6))):
                    self.seat(body, self.director[org], organisation=org)
                zvh = self.orgs["zvh"]
                self.seat(body, self.manager[zvh], MembershipRole.SECRETARIS, organisation=zvh)
            elif key.startswith("ph_"):
                m = rng.choice(self.municipalities)
                holder = self.mayor[m] if key == "ph_mh" else self.alderman[m]
                portfolio = body.name.replace("Portefeuillehouders ", "").replace(
                    "Portefeuillehouder ", ""
                )
                self.seat(
                    body,
                    holder,
                    MembershipRole.PORTEFEUILLEHOUDER,
                    municipality=m,
                    portfolio=portfolio,
                    on_behalf_of_body=main,
                )
                if key == "ph_bw":
                    m2 = rng.choice([x for x in self.municipalities if x != m] or [m])
                    if m2 != m:
                        self.seat(
                            body,
                            self.alderman[m2],
                            MembershipRole.PORTEFEUILLEHOUDER,
                            municipality=m2,
                            portfolio=portfolio,
                            on_behalf_of_body=main,
                        )
                self.seat(body, rng.choice(list(self.advisers.values())), MembershipRole.ADVISEUR)
            elif key == "main" or body.status == BodyStatus.VOORGESTELD:
                continue
            else:
                self._official_seats(body, sub)
        # Every region has seats that ended: if no predecessor or dissolved body gave one,
        # an adviser left the main table a while ago.
        if not any(m.end for m in self.rows[Membership]):
            self.seat(main, self.officials[0], MembershipRole.ADVISEUR)
            last = self.rows[Membership][-1]
            last.end = self.anchor - days(rng.randint(60, 400))
            if last.start and last.end <= last.start:
                last.start = None

    def _official_seats(self, body: Body, sub: SubRegion | None) -> None:
        """Tactical and operational bodies: officials and managers of the partners."""
        rng = self.rng
        key = self.body_spec[body]
        if key == "aio":
            chair, secretary = self.programme, self.secretary
        elif key == "sec":
            chair, secretary = self.secretary, None
        elif key in ("partnergroep", "casus_zvh", "levensloop"):
            chair, secretary = self.manager[self.orgs["zvh"]], rng.choice(self.officials)
        else:
            pool = [*self.officials, *self.advisers.values()]
            chair = rng.choice(pool)
            secretary = rng.choice([p for p in pool if p != chair]) if rng.random() < 0.85 else None
        self.seat(body, chair, MembershipRole.VOORZITTER, organisation=chair.organisation)
        if secretary is not None and secretary != chair:
            self.seat(body, secretary, MembershipRole.SECRETARIS)
        seated = [chair, secretary]
        if key in ("aio", "sec", "kennis"):
            for adviser in (self.advisers[s] for s in self.subs):
                if adviser not in seated:
                    self.seat(body, adviser)
                    seated.append(adviser)
        elif sub is not None and self.advisers[sub] not in seated:
            self.seat(body, self.advisers[sub])
            seated.append(self.advisers[sub])
        orgs = [o for o in self.partners if self.manager[o] not in seated]
        for org in rng.sample(orgs, min(len(orgs), rng.randint(3, 6))):
            self.seat(body, self.manager[org], organisation=org)

    def build_mandates_and_relations(self) -> None:
        rng = self.rng
        main, by_key = self.main, self.by_key
        basis = main.legal_basis_reference

        def mandate(body, power, subject, theme=None, organisation=None, source=""):
            if body.status == BodyStatus.VOORGESTELD:
                return
            self.add(
                Mandate(
                    body=body,
                    power=power,
                    subject=subject,
                    theme=theme,
                    organisation=organisation,
                    source_document=source or body.legal_basis_reference,
                    valid_from=body.established_on,
                    valid_to=body.dissolved_on,
                )
            )

        mandate(main, Power.BESLUITEN, "Regionale werkagenda zorg en veiligheid", source=basis)
        mandate(main, Power.STRATEGISCHE_REGIE, "Samenhang van de zorg- en veiligheidsstructuur")
        mandate(main, Power.SIGNALEREN, "Knelpunten uit de uitvoering en de casusreflecties")
        for theme in rng.sample(self.ref.priority_themes, min(2, len(self.ref.priority_themes))):
            mandate(main, Power.BESLUITEN, f"Regionale aanpak: {theme.name.lower()}", theme=theme)
        for body in self.bodies:
            key = self.body_spec[body]
            if key == "vvg":
                mandate(
                    body,
                    Power.OPDRACHTGEVERSCHAP,
                    "Opdrachtgeverschap Veilig Thuis",
                    organisation=self.orgs["vt"],
                )
                mandate(body, Power.BESLUITEN, "Jaarplan en begroting Veilig Thuis")
            elif key == "bac":
                mandate(
                    body,
                    Power.ZWAARWEGEND_ADVIES,
                    "Advies aan het algemeen bestuur over zorg en veiligheid",
                )
            elif key == "ab":
                mandate(
                    body,
                    Power.BESLUITEN,
                    "Begroting en beleid van de GGD",
                    organisation=self.orgs["ggd"],
                )
            elif key == "db":
                mandate(
                    body,
                    Power.BEHEERSMATIG,
                    "Dagelijkse aansturing van de GGD",
                    organisation=self.orgs["ggd"],
                )
            elif key == "stuurgroep":
                mandate(
                    body,
                    Power.STRATEGISCHE_REGIE,
                    "Strategische richting van het netwerk Zorg- en Veiligheidshuis",
                    organisation=self.orgs["zvh"],
                )
                mandate(body, Power.BESLUITEN, "Jaarplan en begroting Zorg- en Veiligheidshuis")
            elif key.startswith("ph_"):
                theme = next(iter(t for b, t in self.links[Body.themes.through] if b is body), None)
                mandate(
                    body,
                    Power.ADVISEREN,
                    f"Bestuurlijk aanspreekpunt {body.name.lower()}",
                    theme=theme,
                    source=basis,
                )
            elif key == "bo_bw":
                mandate(
                    body,
                    Power.BESLUITEN,
                    "Regionale middelen beschermd wonen en opvang",
                    theme=self.ref.theme_by_name.get("Beschermd wonen en maatschappelijke opvang"),
                )
            elif key == "aio":
                mandate(
                    body,
                    Power.ADVISEREN,
                    f"Voorbereiding en advies aan de {main.short_name}",
                    source=basis,
                )
            elif key in ("regiegroep", "periodiek"):
                mandate(
                    body,
                    Power.AFSTEMMEN,
                    "Regionale afspraken verplichte zorg",
                    theme=self.ref.theme_by_name.get("Gedwongen zorg (Wvggz/Wzd)"),
                )
            elif key == "dvo":
                mandate(body, Power.AFSTEMMEN, "Openbare orde en veiligheid in de subregio")
            elif body.level == Level.OPERATIONEEL and rng.random() < 0.5:
                mandate(body, Power.SIGNALEREN, "Signalen uit de casuïstiek")

        def relate(source, target, kind, note=""):
            if source is None or target is None or source is target:
                return
            if BodyStatus.VOORGESTELD in (source.status, target.status):
                return
            if kind == RelationKind.GAAT_OP_IN:
                valid_from, valid_to = source.dissolved_on, None
            else:
                starts = [d for d in (source.established_on, target.established_on) if d]
                ends = [d for d in (source.dissolved_on, target.dissolved_on) if d]
                valid_from = max(starts) if starts else None
                valid_to = min(ends) if ends else None
                if valid_from and valid_to and valid_to <= valid_from:
                    return
            self.add(
                BodyRelation(
                    source=source,
                    target=target,
                    kind=kind,
                    note=note,
                    valid_from=valid_from,
                    valid_to=valid_to,
                )
            )

        aio = by_key.get("aio")
        for body in self.bodies:
            key = self.body_spec[body]
            if key == "aio":
                relate(body, main, RelationKind.BEREIDT_VOOR)
            elif key == "sec":
                relate(body, main, RelationKind.ONDERSTEUNT)
            elif key in ("regiegroep", "bo_bw") or key.startswith("ph_"):
                relate(body, main, RelationKind.VERANTWOORDING)
            elif key == "dvo":
                relate(
                    body,
                    main,
                    RelationKind.LINKING_PIN,
                    "De burgemeester van de subregio schuift aan namens het DVO.",
                )
            elif key == "vvg":
                relate(main, body, RelationKind.OPHALEN)
            elif key == "bac":
                relate(body, by_key.get("ab"), RelationKind.ADVISEERT)
            elif key == "db":
                relate(body, by_key.get("ab"), RelationKind.BEREIDT_VOOR)
            elif key == "ab":
                relate(main, body, RelationKind.OPHALEN)
            elif key == "stuurgroep":
                if body.status == BodyStatus.OPGEHEVEN:
                    relate(
                        body,
                        main,
                        RelationKind.GAAT_OP_IN,
                        "De taken van de stuurgroep gingen naar de regiotafel.",
                    )
                else:
                    relate(body, main, RelationKind.VERANTWOORDING)
            elif key == "periodiek":
                relate(body, by_key.get("regiegroep"), RelationKind.GAAT_OP_IN)
            elif key == "partnergroep":
                relate(body, by_key.get("stuurgroep"), RelationKind.BEREIDT_VOOR)
            elif key in ("werkgroep", "projectteam"):
                relate(main, body, RelationKind.OPDRACHT)
                relate(body, aio, RelationKind.VERANTWOORDING)
            elif key == "kennis":
                relate(body, aio, RelationKind.ONDERSTEUNT)
            elif key == "casus_zvh":
                sg = by_key.get("stuurgroep")
                target = sg if sg is not None and sg.status == BodyStatus.ACTIEF else aio
                relate(body, target, RelationKind.VERANTWOORDING)
            elif body.level in (Level.OPERATIONEEL, Level.TACTISCH) and key != "main":
                relate(body, aio, RelationKind.OPHALEN)

        self.add(
            CostLine(
                body=main,
                item="Onafhankelijk voorzitter" if self.chair else "Ondersteuning voorzitter",
                estimate_eur=Decimal(rng.randrange(20, 45) * 1000),
                funded_by="Gemeenten naar rato van het inwonertal",
            )
        )
        self.add(
            CostLine(
                body=main,
                item="Netwerksecretaris",
                estimate_eur=Decimal(rng.randrange(80, 115) * 1000),
                funded_by=f"Centrumgemeente {self.centre.name}",
            )
        )

    # -- werkagenda -----------------------------------------------------------------------------

    def build_knelpunten(self) -> None:
        rng, anchor = self.rng, self.anchor
        self.knelpunten: dict[Theme, list[Knelpunt]] = defaultdict(list)
        sources = KnelpuntSource.values
        for theme in self.themes:
            titles = THEME_CONTENT.get(theme.name, (GENERIC_KNELPUNTEN, []))[0]
            for title in rng.sample(titles, min(len(titles), rng.randint(2, 4))):
                status = rng.choices(KnelpuntStatus.values, weights=(5, 4, 2))[0]
                source = rng.choice(sources)
                self.knelpunten[theme].append(
                    self.add(
                        Knelpunt(
                            region=self.region,
                            theme=theme,
                            title=title,
                            source=source,
                            source_note="Opgehaald in de subregio's." if source == "overig" else "",
                            status=status,
                            signalled_on=anchor - days(rng.randint(30, 900)),
                            description="Vastgesteld in het advies- en implementatieoverleg.",
                        )
                    )
                )

    def _trekker_pool(self, on: date) -> list[Membership]:
        """Current seats of administrators in active bodies on ``on`` (and still today)."""
        return [
            m
            for body in self.active
            if body.level == Level.BESTUURLIJK
            for m in self.seats[body]
            if m.person is not None
            and m.person.office in ADMINISTRATOR_OFFICES
            and m.end is None
            and (m.start is None or m.start <= on)
        ]

    def _trekker(self, on: date) -> Membership:
        """A trekker for an action moved to the actielijst on ``on``: mostly a seat at the main
        table or a portfolio holder's."""
        pool = self._trekker_pool(on) or self._trekker_pool(self.anchor)
        weights = [
            4 if m.body is self.main else 3 if m.role == MembershipRole.PORTEFEUILLEHOUDER else 1
            for m in pool
        ]
        return self.rng.choices(pool, weights=weights)[0]

    def _title(self, theme: Theme | None, used: set[str]) -> str:
        topics = (
            THEME_CONTENT[theme.name][1]
            if theme and theme.name in THEME_CONTENT
            else GENERIC_TOPICS
        )
        for _attempt in range(30):
            title = self.rng.choice(ACTION_FORMS).format(t=self.rng.choice(topics))
            if self.rng.random() < 0.2:
                title += f" in {self.rng.choice(self.subs).name}"
            if title not in used:
                used.add(title)
                return title
        title = f"{title} ({len(used) + 1})"
        used.add(title)
        return title

    def _log(self, action, day, kind, text="", from_list="", to_list=""):
        self.add(
            ActionUpdate(
                action=action,
                date=day,
                kind=kind,
                from_list=from_list,
                to_list=to_list,
                text=text,
                author=self.author,
                created_at=self.when(day, 16, self.rng.randrange(0, 60)),
            )
        )

    def build_actions(self) -> None:
        rng, anchor = self.rng, self.anchor
        used: set[str] = {a.title for a in self.actions}
        owners = [*self.officials, *self.advisers.values(), self.programme, *self.manager.values()]
        owning = [b for b in self.active if b.level != Level.OPERATIONEEL] or self.active
        weights = [
            6 if b is self.main else 3 if b.level == Level.BESTUURLIJK else 2 for b in owning
        ]
        total = rng.randint(*ACTIONS) - len(self.rows[Conclusion])
        for _n in range(total):
            theme = rng.choice(self.themes) if rng.random() < 0.88 else None
            created = anchor - days(rng.randint(0, HISTORY_DAYS))
            age = (anchor - created).days
            roll = rng.random()
            if age < 45:
                path = "voorraad" if roll < 0.6 else "actie"
            elif roll < 0.3:
                path = "voorraad"
            elif roll < 0.7:
                path = "actie"
            elif roll < 0.76:
                path = "voorraad-gereed"
            else:
                path = "gereed"
            direct = path in ("actie", "gereed") and rng.random() < 0.35  # decided at a table
            to_actie = created if direct else created + days(rng.randint(7, max(8, min(200, age))))
            to_actie = min(to_actie, anchor)
            action = Action(
                region=self.region,
                title=self._title(theme, used),
                theme=theme,
                created_on=created,
                description="Zie de toelichting in het actielog.",
            )
            weighed = path != "voorraad" or rng.random() < 0.75
            if weighed:
                action.importance, action.feasibility, action.impact = (
                    rng.randint(1, 3) for _ in range(3)
                )
            links = self.knelpunten.get(theme, []) if theme else []
            chosen = rng.sample(links, min(len(links), rng.randint(0, 2))) if links else []
            for k in chosen:
                self.link(Action.knelpunten.through, action, k)
            action.origin = (
                ActionOrigin.KNELPUNT
                if chosen
                else ActionOrigin.VERGADERBESLUIT
                if direct
                else rng.choice(
                    [ActionOrigin.LANDELIJK, ActionOrigin.OVERIG, ActionOrigin.VERGADERBESLUIT]
                )
            )
            if path.startswith("voorraad"):
                action.owner = rng.choice(owners) if rng.random() < 0.5 else None
                action.due_date = (
                    created + days(rng.randint(90, 400)) if rng.random() < 0.3 else None
                )
                self._coalition(action, 0, 2)
            else:
                action.owner = rng.choice(owners)
                action.trekker = self._trekker(to_actie)
                candidates = [
                    b for b in owning if b.established_on is None or b.established_on <= to_actie
                ] or owning
                action.owning_body = rng.choices(
                    candidates, weights=[weights[owning.index(b)] for b in candidates]
                )[0]
                action.due_date = to_actie + days(rng.randint(60, 420))
                self._coalition(action, 1, 4)
            self.add(action)
            self.actions.append(action)
            first = ActionList.ACTIE if direct else ActionList.VOORRAAD
            self._log(action, created, ActionUpdateKind.AANGEMAAKT, to_list=first)
            action.list, action.list_since = first, created
            action.gen_closed = None
            if path == "voorraad-gereed":
                closed = created + days(rng.randint(30, max(31, age)))
                closed = min(closed, anchor)
                self._close(action, closed, ClosedReason.VERVALLEN, ActionList.VOORRAAD)
                continue
            if path == "voorraad":
                continue
            if not direct:
                self._log(
                    action,
                    to_actie,
                    ActionUpdateKind.VERPLAATSING,
                    "Opgepakt: trekker en coalitie gevonden.",
                    ActionList.VOORRAAD,
                    ActionList.ACTIE,
                )
                action.list, action.list_since = ActionList.ACTIE, to_actie
            end = anchor
            if path == "gereed":
                span = max(1, (anchor - to_actie).days)
                end = to_actie + days(rng.randint(min(span, 30), span))
            self._progress(action, to_actie, end)
            if path == "gereed":
                reason = rng.choices(ClosedReason.values, weights=(7, 2, 1))[0]
                self._close(action, end, reason, ActionList.ACTIE)

    def _coalition(self, action: Action, low: int, high: int) -> None:
        for org in self.rng.sample(
            self.partners, min(len(self.partners), self.rng.randint(low, high))
        ):
            self.link(Action.coalition.through, action, org)

    def _progress(self, action: Action, start: date, end: date) -> None:
        span = (end - start).days
        if span < 20:
            return
        for _n in range(self.rng.randint(0, min(4, span // 45 + 1))):
            day = start + days(self.rng.randint(1, span - 1))
            self._log(action, day, ActionUpdateKind.VOORTGANG, self.rng.choice(PROGRESS_TEXTS))

    def _close(self, action: Action, day: date, reason: str, from_list: str) -> None:
        note = CLOSING_TEXTS[reason]
        self._log(action, day, ActionUpdateKind.VERPLAATSING, note, from_list, ActionList.GEREED)
        action.list, action.list_since = ActionList.GEREED, day
        action.closed_reason, action.closing_note = reason, note
        action.gen_closed = day

    # -- meetings -------------------------------------------------------------------------------

    def plan_meetings(self) -> None:
        """Dates of every body's meetings (the agenda items come after the actions)."""
        rng, anchor = self.rng, self.anchor
        self.meetings: Keyed = Keyed(default=list)
        hours = {Level.BESTUURLIJK: (9, 16), Level.TACTISCH: (10, 14), Level.OPERATIONEEL: (9, 13)}
        for body in self.bodies:
            frequency = body.meeting_frequency_per_year
            if not frequency or body.status == BodyStatus.VOORGESTELD:
                continue
            back = HISTORY_DAYS + (365 if body is self.main else 0)
            first = anchor - days(back)
            if body.established_on and body.established_on > first:
                first = body.established_on
            last = anchor + days(PLANNED_DAYS)
            if body.dissolved_on and body.dissolved_on <= last:
                last = body.dissolved_on - days(1)
            step = 365 / frequency
            offset = rng.uniform(0, step)
            hour = rng.choice(hours[body.level])
            sub = self.sub_of.get(body)
            towns = self.municipalities_of.get(sub, self.municipalities)
            k = 0
            while True:
                day = weekday(first + timedelta(days=round(offset + k * step)))
                k += 1
                if day > last:
                    break
                if body.dissolved_on and day >= body.dissolved_on:
                    break
                held = day <= anchor
                status = MeetingStatus.GEHOUDEN if held else MeetingStatus.GEPLAND
                if rng.random() < 0.03:
                    status = MeetingStatus.GEANNULEERD
                location = rng.choice(LOCATION_KINDS).format(
                    m=rng.choice(towns).name, r=self.region.name
                )
                starts = self.when(day, hour, 30 if hour == 9 else 0)
                duration = timedelta(hours=float(body.meeting_duration_hours))
                meeting = self.add(
                    Meeting(
                        body=body,
                        starts_at=starts,
                        ends_at=starts + duration,
                        location=location,
                        status=status,
                    )
                )
                meeting.gen_day = day
                self.meetings[body].append(meeting)

    def build_agendas(self) -> None:
        rng = self.rng
        by_owner: Keyed = Keyed(default=list)
        for action in self.actions:
            if action.owning_body is not None:
                by_owner[action.owning_body].append(action)
        knelpunten = [k for ks in self.knelpunten.values() for k in ks]
        fixed_items = {
            Level.BESTUURLIJK: [
                ("Landelijke ontwikkelingen zorg en veiligheid", AgendaItemKind.INFORMEREN),
                ("Terugkoppeling uit de subregio's", AgendaItemKind.INFORMEREN),
                ("Voortgang werkagenda", AgendaItemKind.BESPREKEN),
                ("Jaarplan en begroting", AgendaItemKind.BESLUITEN),
                ("Peilmoment beleidstheorie", AgendaItemKind.BESPREKEN),
            ],
            Level.TACTISCH: [
                ("Voorbereiding bestuurlijk overleg", AgendaItemKind.BESPREKEN),
                ("Signalen uit de uitvoering", AgendaItemKind.BESPREKEN),
                ("Voortgang acties", AgendaItemKind.BESPREKEN),
            ],
            Level.OPERATIONEEL: [
                ("Casusbespreking (geanonimiseerd)", AgendaItemKind.BESPREKEN),
                ("Signalen voor het tactisch overleg", AgendaItemKind.INFORMEREN),
                ("Werkafspraken en procesverbetering", AgendaItemKind.BESLUITEN),
            ],
        }
        outcomes = {
            AgendaItemKind.INFORMEREN: ["Kennisgenomen.", "Toegelicht; geen vragen."],
            AgendaItemKind.BESPREKEN: [
                "Besproken; vervolg in de volgende vergadering.",
                "Besproken; de trekker neemt de punten mee.",
            ],
            AgendaItemKind.BESLUITEN: ["Besloten conform voorstel.", "Ingestemd met aanpassingen."],
        }
        for body, meetings in self.meetings.items():
            own_actions = by_owner.get(body, [])
            for meeting in meetings:
                day = meeting.gen_day
                held = meeting.status == MeetingStatus.GEHOUDEN
                items: list[tuple] = []
                if body.level != Level.OPERATIONEEL:
                    items.append(
                        (
                            "Opening, mededelingen en vaststellen agenda",
                            AgendaItemKind.INFORMEREN,
                            None,
                            None,
                        )
                    )
                    items.append(
                        (
                            "Verslag en actielijst vorige vergadering",
                            AgendaItemKind.BESLUITEN,
                            None,
                            None,
                        )
                    )
                for title, kind in rng.sample(fixed_items[body.level], rng.randint(1, 2)):
                    items.append((title, kind, None, None))
                running = [
                    a
                    for a in own_actions
                    if a.created_on <= day and (a.gen_closed is None or a.gen_closed >= day)
                ]
                for action in rng.sample(running, min(len(running), rng.randint(0, 2))):
                    items.append(
                        (f"Voortgang: {action.title}", AgendaItemKind.BESPREKEN, action, None)
                    )
                if body.level == Level.BESTUURLIJK and knelpunten and rng.random() < 0.3:
                    k = rng.choice(knelpunten)
                    if k.signalled_on <= day:
                        items.append((f"Knelpunt: {k.title}", AgendaItemKind.BESPREKEN, None, k))
                items = [(*entry, []) for entry in items]
                items += getattr(meeting, "gen_extra", [])
                for order, (title, kind, action, knelpunt, concluded) in enumerate(items, 1):
                    item = self.add(
                        AgendaItem(
                            meeting=meeting,
                            order=order,
                            title=title[:200],
                            kind=kind,
                            action=action,
                            knelpunt=knelpunt,
                            outcome=rng.choice(outcomes[kind]) if held else "",
                        )
                    )
                    for conclusion in concluded:
                        # The action gets its agenda item after both are written (save()).
                        conclusion.agenda_item = item
                        conclusion.action.gen_agenda_item = item

    # -- case reflections -----------------------------------------------------------------------

    def build_reflections(self) -> None:
        rng, anchor = self.rng, self.anchor
        quarter = (anchor.year, (anchor.month - 1) // 3 + 1)
        quarters = [shift_quarter(*quarter, k - (REFLECTIONS - 1)) for k in range(REFLECTIONS)]
        concluded = rng.randint(1, 2)
        statuses = (
            [ReflectionStatus.OPGEVOLGD] * (REFLECTIONS - 2 - concluded)
            + [ReflectionStatus.GECONCLUDEERD] * concluded
            + [rng.choice([ReflectionStatus.AANGEBODEN, ReflectionStatus.BESPROKEN])]
            + [rng.choice([ReflectionStatus.GEPLAND, ReflectionStatus.VOORBEREID])]
        )
        statuses = statuses[-REFLECTIONS:]
        titles = rng.sample(REFLECTION_TITLES, REFLECTIONS)
        kinds = CaseKind.values
        start_sub = rng.randrange(len(self.subs))
        main_meetings = [m for m in self.meetings[self.main] if m.status == MeetingStatus.GEHOUDEN]
        for k, ((year, q), status) in enumerate(zip(quarters, statuses, strict=True)):
            begin, end = quarter_bounds(year, q)
            planned = begin + days(rng.randint(15, 60))
            sub = self.subs[(start_sub + k) % len(self.subs)]
            reflection = CaseReflection(
                region=self.region,
                year=year,
                quarter=q,
                sub_region=sub,
                case_kind=kinds[k % len(kinds)],
                title=titles[k],
                method=Method.MOREEL_BERAAD if k % 3 else Method.SOCRATISCH,
                facilitator=rng.choice(self.facilitators),
                planned_on=planned,
            )
            rank = ReflectionStatus.values.index(status)
            if rank >= ReflectionStatus.values.index(ReflectionStatus.VOORBEREID):
                reflection.summary = REFLECTION_TEXT["summary"]
            if planned > anchor:
                status, rank = ReflectionStatus.GEPLAND, 0
            if rank >= ReflectionStatus.values.index(ReflectionStatus.BESPROKEN):
                reflection.held_on = planned
                for name, text in REFLECTION_TEXT.items():
                    if name != "proposal":
                        setattr(reflection, name, text)
            offered = None
            if rank >= ReflectionStatus.values.index(ReflectionStatus.AANGEBODEN):
                offered = min(planned + days(rng.randint(14, 40)), anchor)
                reflection.offered_on = offered
                reflection.proposal = REFLECTION_TEXT["proposal"]
            meeting = None
            if rank >= ReflectionStatus.values.index(ReflectionStatus.GECONCLUDEERD):
                meeting = next((m for m in main_meetings if m.gen_day >= offered), None)
                if meeting is None:  # no Stamtafel meeting since: still waiting for it
                    status = ReflectionStatus.AANGEBODEN
            reflection.status = status
            self.add(reflection)
            for theme in rng.sample(self.themes, rng.randint(1, 2)):
                self.link(CaseReflection.themes.through, reflection, theme)
                reflection.gen_theme = getattr(reflection, "gen_theme", theme)
            for org in rng.sample(self.partners, min(len(self.partners), rng.randint(2, 4))):
                self.link(CaseReflection.organisations.through, reflection, org)
            for other in self.subs:
                if other != sub:
                    self.link(CaseReflection.delegation.through, reflection, self.advisers[other])
            if meeting is not None:
                self._conclusions(reflection, meeting, status)

    def _conclusions(self, reflection: CaseReflection, meeting: Meeting, status: str) -> None:
        rng, anchor = self.rng, self.anchor
        decided = meeting.gen_day
        label = f"K{reflection.quarter} {reflection.year}"
        conclusions: list[Conclusion] = []
        if not hasattr(meeting, "gen_extra"):
            meeting.gen_extra = []
        meeting.gen_extra.append(
            (
                f"Bespreekvoorstel casusreflectie {label}",
                AgendaItemKind.BESLUITEN,
                None,
                None,
                conclusions,
            )
        )
        pool = [
            m
            for m in self.seats[self.main]
            if m.person is not None
            and m.person.office in ADMINISTRATOR_OFFICES
            and m.end is None
            and (m.start is None or m.start <= decided)
        ] or self._trekker_pool(anchor)
        assignees = [b for b in self.active if b.level != Level.OPERATIONEEL and b is not self.main]
        for challenge, assignment in rng.sample(CHALLENGES, rng.randint(1, 2)):
            contact = rng.choice(pool)
            assignee = rng.choice(assignees) if assignees else self.main
            due = decided + days(rng.randint(120, 300))
            priority = rng.choice(Priority.values)
            action = Action(
                region=self.region,
                title=f"{challenge} ({reflection.sub_region.name})",
                description=assignment,
                theme=reflection.gen_theme,
                list=ActionList.ACTIE,
                list_since=decided,
                importance={1: 3, 2: 2, 3: 1}[priority],
                trekker=contact,
                owning_body=assignee,
                due_date=due,
                origin=ActionOrigin.REFLECTIE,
                origin_note=f"Conclusie van de casusreflectie {label}",
                created_on=decided,
                owner=rng.choice(list(self.advisers.values())),
            )
            action.gen_closed = None
            action.gen_agenda_item = None
            self.add(action)
            self.actions.append(action)
            self._log(
                action,
                decided,
                ActionUpdateKind.AANGEMAAKT,
                f"Opdracht van de {self.main.short_name} na de casusreflectie {label}.",
                to_list=ActionList.ACTIE,
            )
            for org in rng.sample(self.partners, min(len(self.partners), rng.randint(1, 3))):
                self.link(Action.coalition.through, action, org)
            closes = status == ReflectionStatus.OPGEVOLGD and rng.random() < 0.9
            if closes and (anchor - decided).days > 60:
                closed = decided + days(rng.randint(45, min(400, (anchor - decided).days)))
                self._progress(action, decided, closed)
                self._close(action, closed, ClosedReason.AFGEROND, ActionList.ACTIE)
            else:
                self._progress(action, decided, anchor)
                if status == ReflectionStatus.OPGEVOLGD:
                    reflection.follow_up_note = (
                        "Opgevolgd: de opdracht loopt verder op de werkagenda."
                    )
            conclusion = self.add(
                Conclusion(
                    reflection=reflection,
                    decided_on=decided,
                    title=action.title,
                    common_challenge=challenge,
                    priority=priority,
                    assignment=assignment,
                    assignee_body=assignee,
                    contact_administrator=contact,
                    due_date=due,
                    action=action,
                )
            )
            conclusions.append(conclusion)

    # -- checklist ------------------------------------------------------------------------------

    def build_checklist(self) -> None:
        rng, anchor = self.rng, self.anchor
        items = self.ref.items
        if not items:
            return
        maturity = rng.betavariate(2, 2)
        step_chance = 0.2 + 0.35 * maturity
        moments = [anchor - days(d + rng.randint(-10, 10)) for d in (640, 460, 275, 95)]
        snapshots = [
            self.add(
                Snapshot(
                    region=self.region,
                    framework=self.ref.framework,
                    date=day,
                    frozen_at=self.when(day, 17),
                    note=f"Peilmoment na de {self.main.short_name}",
                )
            )
            for day in moments
        ]

        def trajectory(base: float) -> tuple[list[int], list[date]]:
            rank = max(0, min(3, round(base + rng.gauss(0, 0.7))))
            ranks, changed = [rank], [moments[0] - days(rng.randint(10, 120))]
            for day in [*moments[1:], anchor]:
                if rank < 4 and rng.random() < step_chance:
                    rank += 1
                    changed.append(day - days(rng.randint(5, 60)))
                else:
                    changed.append(changed[-1])
                ranks.append(rank)
            return ranks, changed

        main, aio = self.main, self.by_key.get("aio")
        for item in items:
            base = maturity * 2.6 + STAGE_HEAD_START.get(item.group.stage, 0)
            ranks, changed = trajectory(base)
            self._assessment(item, None, ranks, changed, snapshots)
            if item.code == "I1":
                self.link(Assessment.bodies.through, self.rows[Assessment][-1], main)
            elif item.code == "I2" and aio is not None:
                self.link(Assessment.bodies.through, self.rows[Assessment][-1], aio)
            if item.per_municipality:
                for m in self.municipalities:
                    m_ranks, m_changed = trajectory(base + rng.uniform(-0.8, 0.8))
                    self._assessment(item, m, m_ranks, m_changed, snapshots)

    def _assessment(self, item, municipality, ranks, changed, snapshots) -> None:
        status = STATUSES[ranks[-1]]
        assessed = min(changed[-1], self.anchor)
        evidence = EVIDENCE[status]
        if municipality is not None:
            evidence = f"Gemeente {municipality.name}: {evidence[0].lower()}{evidence[1:]}"
        self.add(
            Assessment(
                region=self.region,
                item=item,
                code=item.code,
                municipality=municipality,
                status=status,
                evidence=evidence,
                owner=self.secretary,
                assessed_on=assessed,
                next_review_on=assessed + days(365),
            )
        )
        for snapshot, rank in zip(snapshots, ranks[:-1], strict=True):
            self.add(
                SnapshotScore(
                    snapshot=snapshot,
                    item=item,
                    code=item.code,
                    municipality=municipality,
                    status=STATUSES[rank],
                )
            )

    # -- writing --------------------------------------------------------------------------------

    ORDER = [
        Region,
        SubRegion,
        Municipality,
        Organisation,
        RegionPartner,
        RegionTheme,
        Person,
        Body,
        Mandate,
        Membership,
        BodyRelation,
        CostLine,
        Knelpunt,
        Action,
        ActionUpdate,
        Meeting,
        AgendaItem,
        Assessment,
        Snapshot,
        SnapshotScore,
        CaseReflection,
        Conclusion,
    ]
    LINKS_AFTER = {
        Body: [Body.themes.through],
        Action: [Action.coalition.through, Action.knelpunten.through],
        Assessment: [Assessment.bodies.through],
        CaseReflection: [
            CaseReflection.themes.through,
            CaseReflection.organisations.through,
            CaseReflection.delegation.through,
        ],
    }

    def save(self, counts: Counter) -> None:
        for model in self.ORDER:
            objs = self.rows.get(model, [])
            if model is ActionUpdate:
                with given_timestamps(ActionUpdate, "created_at"):
                    model.objects.bulk_create(objs)
            elif objs:
                model.objects.bulk_create(objs)
            counts[str(model._meta.verbose_name_plural)] += len(objs)
            if model is AgendaItem:
                # The conclusions' actions point at the agenda item that decided them.
                linked = [a for a in self.rows[Action] if getattr(a, "gen_agenda_item", None)]
                for action in linked:
                    action.origin_agenda_item_id = action.gen_agenda_item.pk
                if linked:
                    Action.objects.bulk_update(linked, ["origin_agenda_item"])
            for through in self.LINKS_AFTER.get(model, []):
                self._save_links(through, counts)

    def _save_links(self, through, counts: Counter) -> None:
        fields = [f for f in through._meta.fields if f.is_relation]
        rows = [
            through(**{fields[0].attname: a.pk, fields[1].attname: b.pk})
            for a, b in self.links.get(through, [])
        ]
        through.objects.bulk_create(rows)
        counts[LINK_LABELS.get(through._meta.model_name, through._meta.model_name)] += len(rows)


def plan_regions(seed: int, count: int, taken: set[str]) -> list[tuple[str, list, list]]:
    """Name, sub-region names and municipality names of each region.

    Planned in blocks of 25 regions (342 municipalities each), names drawn region by region
    from one pool: the first 25 regions of scale 10 are exactly the regions of scale 1 (with
    the same seed and anchor), so a page of region 1 can be compared between the two scales.
    """
    names = NamePool(random.Random(seed), taken=taken)
    plans = []
    for start in range(0, count, REGIONS_PER_SCALE):
        size = min(REGIONS_PER_SCALE, count - start)
        block = random.Random(f"{seed}:blok:{start // REGIONS_PER_SCALE}")
        total = round(MUNICIPALITIES_PER_SCALE * size / REGIONS_PER_SCALE)
        for n in municipality_counts(block, size, total):
            subs = max(2, min(block.randint(2, 5), n // 3))
            plans.append(
                (
                    names.region(),
                    [names.sub_region() for _ in range(subs)],
                    [names.place() for _ in range(n)],
                )
            )
    return plans


def analyze() -> None:
    """Refresh the planner statistics after a bulk load (``ANALYZE``, on SQLite and
    PostgreSQL alike). Without it PostgreSQL plans the next queries for the table sizes before
    the load (autovacuum catches up only later) and scans tables that an index would serve."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def generate(
    *,
    scale: int = 1,
    seed: int = 1,
    regions: int | None = None,
    anchor: date | None = None,
    replace: bool = False,
    progress: Callable[[int, int, Region, dict], None] | None = None,
    author=None,
) -> GenerationResult:
    """Generate ``regions`` (default 25 × ``scale``) fictitious regions; see the module doc.

    Raises ``AlreadyGenerated`` when regions with the generated slugs exist and ``replace``
    is false. ``progress(n, total, region, sizes)`` is called after each region is written.
    ``author`` is the user of the action log entries (None: no author).
    """
    started = time.perf_counter()
    count = regions if regions is not None else REGIONS_PER_SCALE * scale
    if count < 1:
        raise ValueError("Minstens één regio.")
    anchor = anchor or timezone.localdate()
    slugs = slugs_for(count)
    result = GenerationResult()
    with transaction.atomic():
        if replace:
            result.deleted_regions = delete_generated()
        elif Region.objects.filter(slug__in=slugs).exists():
            raise AlreadyGenerated(
                "Er staan al gegenereerde regio's (korte naam ‘nat-…’) in de database. "
                "Gebruik --replace om ze eerst te verwijderen."
            )
        ref = Reference()
        result.counts["landelijke organisaties (nieuw)"] += ref.created_national
        plans = plan_regions(seed, count, taken=set(Region.objects.values_list("name", flat=True)))
        for index, (slug, (name, sub_names, municipality_names)) in enumerate(
            zip(slugs, plans, strict=True), start=1
        ):
            builder = RegionBuilder(
                ref=ref,
                rng=random.Random(f"{seed}:{index}"),
                index=index,
                name=name,
                slug=slug,
                sub_names=sub_names,
                municipality_names=municipality_names,
                anchor=anchor,
            )
            builder.author = author
            builder.build()
            builder.save(result.counts)
            result.regions.append(builder.region)
            if progress is not None:
                progress(
                    index,
                    count,
                    builder.region,
                    {
                        "gemeenten": len(builder.municipalities),
                        "gremia": len(builder.bodies),
                        "acties": len(builder.rows[Action]),
                        "vergaderingen": len(builder.rows[Meeting]),
                    },
                )
    analyze()
    result.seconds = time.perf_counter() - started
    return result
