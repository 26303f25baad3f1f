"""Demo case reflections for the demo regions (called by governance's ``seed_demo`` through the
``demo_regions_built`` signal).

Noord- en Oost-Gelderland ("nog") gets twelve quarters of reflections, ending with the current
quarter:

- the sub-regions take turns in name order, starting with Midden-IJssel/Oost-Veluwe, so that
  each brings a case four times and the rotation planner proposes exactly the sub-region that
  brings the current quarter's case (no override reason needed);
- the kinds alternate (persoon, gebied, systeem, beleid; never the same kind twice in a row)
  and so do the methods (moreel beraad, socratisch gesprek, once another method);
- three fictitious trained gespreksleiders are added as persons of the region; the demo
  participant's own person leads two of the Noord-Veluwe reflections, among them the one that
  has been discussed and still waits for its bespreekvoorstel, so that the participant can
  finish it (a participant with no person yet is linked to the first gespreksleider);
- each reflection has organisations involved and a delegation of one person from each of the
  other two sub-regions;
- states: the eight oldest are *opgevolgd* (their actions gereed; the most recent of them with
  a follow-up note because its action still runs), then one *geconcludeerd* (its action runs),
  one *aangeboden*, one *besproken* and the current quarter *voorbereid*.

The Stamtafel conclusions go through ``conclusion_save``, which creates the werkagenda action
(actielijst, trekker = the aanspreekpunt's Stamtafel seat). A conclusion is linked to an agenda
item of the first Stamtafel meeting held after the bespreekvoorstel was offered; such an item
("Bespreekvoorstel casusreflectie …") is added to the demo meeting, with its outcome. For the
quarters before the demo's first Stamtafel meeting the conclusion has no agenda item: the demo
has no meetings that long ago, and a meeting with only this item would not look like the others.

The demo werkagenda (``governance.demo_werkagenda``) already has an action "Dagbesteding direct
na klinisch ontslag" with origin casusreflectie, decided at a Stamtafel meeting. It is the
outcome of this demo's Achterhoek reflection on discharge from a clinic: that conclusion is
recorded with the existing action and agenda item instead of creating a duplicate. The other
actions with origin casusreflectie in the demo werkagenda stay as they are.

The Voorbeeldregio gets two reflections: last quarter's (besproken) and the current one
(gepland).

Everything goes through ``casereflection.services`` (``reflection_save``, ``reflection_advance``
step by step, ``conclusion_save``) and the werkagenda's ``action_move``/``action_progress``,
with the region's demo secretary as the user and ``today=``/``on=`` the day of each step. The
history records written in a step get that day (as ``governance.demo_werkagenda`` does), and so
do the werkagenda log entries.

Idempotent: a region that has reflections is left alone. Deterministic: dates are relative to
``timezone.localdate()``. The texts are fictitious, in general terms, and contain no personal
data (and no digits at all, so the personal-data guard has nothing to find).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from casereflection.constants import (
    GUARDED_CONCLUSION_FIELDS,
    CaseKind,
    Method,
    Priority,
    ReflectionStatus,
    status_index,
)
from casereflection.models import (
    CaseReflection,
    Conclusion,
    quarter_bounds,
    quarter_of,
    shift_quarter,
)
from core.constants import Role
from governance.constants import (
    ActionList,
    ActionOrigin,
    AgendaItemKind,
    BodyKind,
    BodyStatus,
    ClosedReason,
    MeetingStatus,
    Office,
)
from governance.demo_werkagenda import backdated
from governance.models import (
    Action,
    AgendaItem,
    Body,
    Meeting,
    Membership,
    Organisation,
    Person,
    Region,
    SubRegion,
    Theme,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Theme names (reference data of governance migration 0002).
ACUUT = "Aanpak van acute onveiligheid"
DWANG = "Handelingsperspectief van autonomie tot dwang"
WONEN = "Passende woon(zorg)plek"
HERSTEL = "Maatschappelijk herstel"
VERWARD = "Personen met verward of onbegrepen gedrag"
HUISELIJK_GEWELD = "Huiselijk geweld en kindermishandeling"
MENSENHANDEL = "Mensenhandel"
BESCHERMD_WONEN = "Beschermd wonen en maatschappelijke opvang"
LVB = "Licht verstandelijke beperking (LVB)"
JEUGD = "Jeugd"
DRUGS = "Alcohol en drugs"
GEDWONGEN_ZORG = "Gedwongen zorg (Wvggz/Wzd)"
GEVAARLIJK = "Personen met gevaarlijk gedrag"
ONDERMIJNING = "Ondermijning en jeugdcriminaliteit"

ACHTERHOEK = "Achterhoek"
MIJ = "Midden-IJssel/Oost-Veluwe"
NOORD_VELUWE = "Noord-Veluwe"

PERSOON, SYSTEEM, GEBIED, BELEID = (
    CaseKind.PERSOON,
    CaseKind.SYSTEEM,
    CaseKind.GEBIED,
    CaseKind.BELEID,
)
MB, SG, ANDERS = Method.MOREEL_BERAAD, Method.SOCRATISCH, Method.ANDERS
HOOG, MIDDEN, LAAG = Priority.HOOG, Priority.MIDDEN, Priority.LAAG
S = ReflectionStatus

# The demo participant's own person (see ``ReflectionDemo.participant_person``).
PARTICIPANT = "deelnemer"

# Trained gespreksleiders, added as persons of the region: (key, name, function, organisation
# name or None). All fictitious.
GESPREKSLEIDERS = {
    "nog": [
        (
            "gl_ggz",
            "Ilse Hoogeveen",
            "gespreksleider moreel beraad (geestelijk verzorger)",
            "GGZ-instelling Oost-Gelderland",
        ),
        (
            "gl_zvh",
            "Wim Scholten",
            "gespreksleider socratisch gesprek",
            "Zorg- en Veiligheidshuis Noord- en Oost-Gelderland",
        ),
        (
            "gl_gemeente",
            "Noor Verhagen",
            "gespreksleider moreel beraad en socratisch gesprek (regiogemeente)",
            None,
        ),
    ],
    "voorbeeld": [
        ("gl_vb", "Eva Kramer", "gespreksleider moreel beraad", None),
    ],
}

# The small delegation of the other sub-regions is drawn from these persons of the register
# (names from ``governance.demo``), one per other sub-region, in turn.
DELEGATION_POOLS = {
    "nog": {
        ACHTERHOEK: ["Joost van Leeuwen", "Tim Harmsen", "Els Groenewoud", "Ruben Ter Haar"],
        MIJ: ["Marieke Bosman", "Sjoerd Leemreize", "Rianne Pasman", "Wouter Nijhof"],
        NOORD_VELUWE: ["Gert-Jan Westerink", "Koen Mulder", "Hanneke Vos", "Fleur Hofstede"],
    },
    "voorbeeld": {},
}

# Organisations, by key, as in the region specs of ``governance.demo``.
ORGANISATIONS = {
    "nog": {
        "mo": "Opvang en Beschermd Thuis Oost-Gelderland",
        "vrouwenopvang": "Vrouwenopvang Gelderland-Oost",
        "vt": "Veilig Thuis Noord- en Oost-Gelderland",
        "ggz": "GGZ-instelling Oost-Gelderland",
        "verslaving": "Verslavingszorg Oost-Nederland",
        "vg": "Zorgaanbieder verstandelijk gehandicaptenzorg Gelderland",
        "jeugdzorg": "Jeugdzorgaanbieder Oost-Gelderland",
        "ouderenzorg": "Ouderenzorg Veluwe en Achterhoek",
        "ervaring": "Netwerk ervaringsdeskundigen Noord- en Oost-Gelderland",
        "politie": "Politie, districten Noord- en Oost-Gelderland",
        "om": "Openbaar Ministerie, parket Oost-Nederland",
        "reclassering": "Reclassering Oost-Gelderland",
        "zvh": "Zorg- en Veiligheidshuis Noord- en Oost-Gelderland",
    },
    "voorbeeld": {
        "ggz": "GGZ Voorbeeldregio",
        "politie": "Politie, district Voorbeeldregio",
        "zvh": "Zorg- en Veiligheidshuis Voorbeeldregio",
        "reclassering": "Reclassering Voorbeeldregio",
    },
}

# Aanspreekpunten (persons with a seat at the Stamtafel) and the bodies assignments go to.
ADMINISTRATORS = {
    "burg_apeldoorn": "Gerard Kamphuis",
    "burg_harderwijk": "Wilma Stoffelsen",
    "weth_winterswijk": "Esther Lammers",
    "weth_zutphen": "Bart Veldkamp",
    "weth_ermelo": "Ingrid Schuurman",
    "dir_mo": "Frank Gerritsen",
    "dir_vt": "Petra Vink",
}
BODIES = {
    "aio": "Advies- en implementatieoverleg zorg en veiligheid",
    "regiegroep": "Regiegroep gedwongen zorg Wvggz/Wzd",
    "veiligheidskamer": "Veiligheidskamer Zorg- en Veiligheidshuis",
    "ph_mh": "Portefeuillehouder mensenhandel",
}


def conclusion(
    title, challenge, priority, assignment, contact, body, closing="", progress="", link=False
) -> dict:
    """A Stamtafel conclusion: ``contact`` is an ADMINISTRATORS key, ``body`` a BODIES key;
    ``closing`` the note with which its action went to the gereedlijst (opgevolgd reflections),
    ``progress`` a progress note on an action that still runs; ``link``: record it with the
    demo werkagenda's action of the same title when there is one (see the module docstring)."""
    return {
        "title": title,
        "challenge": challenge,
        "priority": priority,
        "assignment": assignment,
        "contact": contact,
        "body": body,
        "closing": closing,
        "progress": progress,
        "link": link,
    }


# The twelve NOG quarters, oldest first; the last one is the current quarter.
NOG_REFLECTIONS: list[dict] = [
    {
        "sub_region": MIJ,
        "status": S.OPGEVOLGD,
        "kind": PERSOON,
        "method": MB,
        "facilitator": "gl_ggz",
        "title": "Terugkeer uit forensische zorg zonder woonplek",
        "themes": [WONEN, HERSTEL],
        "organisations": ["ggz", "reclassering", "mo", "zvh"],
        "summary": (
            "Een inwoner verblijft na een strafrechtelijke maatregel in een forensische kliniek. "
            "De behandeling is afgerond en het ontslag is aangekondigd, maar er is geen "
            "woonplek. Kliniek, reclassering, opvang en gemeente wachten op elkaar; de inwoner "
            "dreigt zonder dak en zonder begeleiding buiten te staan."
        ),
        "principles": (
            "Gedeeltelijk. Iedere organisatie handelde binnen de eigen opdracht, maar niemand "
            "nam de regie over het geheel. Eén plan rond de inwoner kwam pas op tafel toen de "
            "ontslagdatum al vaststond."
        ),
        "administration": (
            "Nee. Er is geen afspraak wie een woonplek regelt bij uitstroom uit forensische "
            "zorg, en medewerkers durfden zonder bestuurlijke dekking geen voorrang te geven "
            "buiten de gewone regels om."
        ),
        "justice": (
            "Het meeste recht doen we als de woonplek vóór het ontslag geregeld is, ook als een "
            "gemeente daarvoor voorrang geeft buiten de wachtlijst. Dat vraagt uitleg aan andere "
            "woningzoekenden, maar voorkomt terugval en nieuwe slachtoffers."
        ),
        "dilemma": (
            "Voorrang geven aan iemand die uit forensische zorg komt terwijl andere kwetsbare "
            "woningzoekenden al lang wachten, of het risico nemen dat iemand zonder woning en "
            "begeleiding terugvalt."
        ),
        "insights": (
            "Ontslag is een voorspelbaar moment en werd toch een crisis. De partners kennen "
            "elkaars mogelijkheden onvoldoende: de reclassering wist niet dat de opvang een "
            "tussenvoorziening heeft, de gemeente wist niet wanneer de kliniek de datum doorgeeft."
        ),
        "proposal": (
            "Wij stellen de Stamtafel voor uitstroom uit forensische zorg als gezamenlijke opgave "
            "te benoemen en een werkafspraak te laten maken over wie ruim vóór het ontslag de "
            "woonplek en de begeleiding regelt."
        ),
        "conclusions": [
            conclusion(
                "Woonplek geregeld vóór ontslag uit forensische zorg",
                "Uitstroom uit forensische zorg loopt vast op wonen; niemand is eigenaar van die "
                "vraag vóór de ontslagdatum.",
                HOOG,
                "Werk met kliniek, reclassering, opvang en gemeenten een regionale werkafspraak "
                "uit over woonplek en begeleiding bij ontslag, en leg die voor aan de Stamtafel.",
                "weth_zutphen",
                "aio",
                closing="Werkafspraak vastgesteld en aan alle partners verstuurd.",
            )
        ],
    },
    {
        "sub_region": NOORD_VELUWE,
        "status": S.OPGEVOLGD,
        "kind": GEBIED,
        "method": SG,
        "facilitator": "gl_zvh",
        "title": "Oplopende overlast in een woonwijk",
        "themes": [VERWARD, DRUGS, ACUUT],
        "organisations": ["politie", "ggz", "verslaving", "zvh"],
        "summary": (
            "In een woonwijk nemen de meldingen van overlast al maanden toe: lawaai, intimidatie "
            "van buren en drugsgebruik rond een paar woningen. Politie, wijkteam, corporatie en "
            "verslavingszorg hebben elk contact met een deel van de bewoners, maar niemand ziet "
            "het hele beeld. Buurtbewoners voelen zich niet gehoord."
        ),
        "principles": (
            "Niet genoeg. Ieder pakte de eigen melding op, zonder gezamenlijk beeld van de wijk. "
            "Samen optrekken rond de inwoner lukte bij afzonderlijke bewoners, niet voor de buurt "
            "als geheel."
        ),
        "administration": (
            "Deels. De burgemeester gaf ruimte voor een gebiedsgerichte aanpak, maar er is geen "
            "overleg waarin zorg- en veiligheidspartners een wijk samen bespreken: het "
            "casusoverleg is ingericht op personen."
        ),
        "justice": (
            "Recht doen aan de buurt én aan de bewoners met problemen vraagt zorg en handhaving "
            "tegelijk: hulp aanbieden en grenzen stellen, met één gezicht naar de buurt."
        ),
        "dilemma": (
            "Handhaven om de buurt snel rust te geven, of eerst investeren in zorg voor wie de "
            "overlast veroorzaakt, met het risico dat de overlast langer duurt."
        ),
        "insights": (
            "Een gebiedsgerichte blik brengt verbanden aan het licht die per persoon onzichtbaar "
            "blijven. Buurtbewoners zijn zelf een bron van informatie en steun, als ze op tijd "
            "betrokken worden."
        ),
        "proposal": (
            "Wij vragen de Stamtafel een werkvorm te laten ontwikkelen waarin zorg- en "
            "veiligheidspartners samen een wijk met escalerende overlast bespreken, naast het "
            "bestaande casusoverleg."
        ),
        "conclusions": [
            conclusion(
                "Werkvorm voor gebiedsgerichte casusbespreking bij escalerende overlast",
                "Bij overlast in een wijk ziet iedere partner een deel; er is geen plek om het "
                "geheel te bespreken.",
                HOOG,
                "Ontwikkel met politie, zorgpartners en corporaties een werkvorm voor een "
                "gebiedsgerichte bespreking en probeer die uit in twee wijken.",
                "burg_harderwijk",
                "veiligheidskamer",
                closing="Werkvorm beproefd en opgenomen in de werkwijze van de veiligheidskamer.",
            )
        ],
    },
    {
        "sub_region": ACHTERHOEK,
        "status": S.OPGEVOLGD,
        "kind": SYSTEEM,
        "method": MB,
        "facilitator": "gl_gemeente",
        "title": "Informatie delen tussen Veilig Thuis en wijkteams",
        "themes": [HUISELIJK_GEWELD, JEUGD],
        "organisations": ["vt", "jeugdzorg", "vrouwenopvang", "politie"],
        "summary": (
            "Na een melding van huiselijk geweld draagt Veilig Thuis een gezin over aan het "
            "wijkteam. Het wijkteam krijgt alleen een korte samenvatting en weet niet welke "
            "veiligheidsafspraken er zijn. Enkele weken later volgt een nieuwe melding; beide "
            "organisaties dachten dat de ander het contact onderhield."
        ),
        "principles": (
            "Op papier wel, in de praktijk niet. Veiligheid voorop is een gedeeld principe, maar "
            "de overdracht was zo summier dat het wijkteam er niet naar kon handelen."
        ),
        "administration": (
            "Nee. Medewerkers twijfelen wat ze mogen delen en kiezen dan voor te weinig. Er is "
            "geen regionale afspraak over wat een veilige overdracht nodig heeft, en geen "
            "bestuurlijke boodschap dat delen voor veiligheid gedekt is."
        ),
        "justice": (
            "Het meeste recht doen we aan het gezin, en vooral aan de kinderen, als de informatie "
            "die nodig is voor hun veiligheid meegaat bij de overdracht, en het gezin weet wat er "
            "gedeeld wordt en waarom."
        ),
        "dilemma": (
            "Zo weinig mogelijk delen om het vertrouwen en de privacy van het gezin te "
            "beschermen, of meer delen zodat de volgende hulpverlener de veiligheid kan bewaken."
        ),
        "insights": (
            "Onzekerheid over de regels leidt tot een voorzichtigheid die de veiligheid schaadt. "
            "Een warme overdracht, waarbij beide organisaties samen met het gezin om tafel "
            "zitten, lost veel op."
        ),
        "proposal": (
            "Wij stellen voor dat de Stamtafel Veilig Thuis en de gemeenten vraagt een "
            "werkafspraak te maken over de overdracht naar de wijkteams, met een warme "
            "overdracht als uitgangspunt, en dat de wijkteams scholing krijgen over "
            "gegevensdeling."
        ),
        "conclusions": [
            conclusion(
                "Werkafspraak warme overdracht van Veilig Thuis naar wijkteams",
                "De overdracht na een melding is te mager om de veiligheid te bewaken.",
                HOOG,
                "Maak met de gemeenten een regionale werkafspraak over de overdracht van "
                "Veilig Thuis naar de wijkteams, met een gezamenlijk gesprek met het gezin.",
                "dir_vt",
                "aio",
                closing="Werkafspraak ingevoerd in alle drie de subregio's.",
            ),
            conclusion(
                "Scholing gegevensdeling voor medewerkers van wijkteams",
                "Professionals weten niet wat zij mogen delen en delen daardoor te weinig.",
                MIDDEN,
                "Organiseer scholing over gegevensdeling bij huiselijk geweld voor de wijkteams "
                "van alle gemeenten.",
                "weth_winterswijk",
                "aio",
                closing="Scholing gegeven in elke subregio; het materiaal staat online.",
            ),
        ],
    },
    {
        "sub_region": MIJ,
        "status": S.OPGEVOLGD,
        "kind": BELEID,
        "method": SG,
        "facilitator": "gl_zvh",
        "title": "Het verkennend onderzoek onder de Wet verplichte ggz",
        "themes": [GEDWONGEN_ZORG, DWANG],
        "organisations": ["ggz", "verslaving", "om", "politie"],
        "summary": (
            "Een beleidscasus over de aanvraag van een zorgmachtiging. De gemeenten voeren het "
            "verkennend onderzoek verschillend uit: de ene heeft een vast team, de andere zoekt "
            "per melding wie het oppakt. Zorgaanbieders en het openbaar ministerie zien daardoor "
            "wisselende doorlooptijden en kwaliteit."
        ),
        "principles": (
            "Wisselend. De wet vraagt om de minst ingrijpende zorg en om de inbreng van "
            "betrokkene en naasten. Bij gemeenten zonder vaste werkwijze komt die inbreng vaak "
            "te laat of niet op papier."
        ),
        "administration": (
            "Onvoldoende. Elke gemeente heeft de taak belegd, maar er is geen regionale afspraak "
            "over kwaliteit en bereikbaarheid. Kleine gemeenten krijgen te weinig meldingen om "
            "deskundigheid op te bouwen."
        ),
        "justice": (
            "Recht doen aan iemand die mogelijk verplichte zorg nodig heeft, betekent een "
            "zorgvuldig en tijdig onderzoek, waar die persoon ook woont, waarin vrijwillige "
            "alternatieven serieus zijn bekeken."
        ),
        "dilemma": (
            "Elke gemeente houdt de eigen werkwijze om dicht bij de inwoner te blijven, of de "
            "gemeenten bundelen het onderzoek regionaal voor meer deskundigheid en gelijke "
            "kwaliteit."
        ),
        "insights": (
            "Bundelen hoeft geen centraliseren te zijn: een regionale pool met lokale kennis kan "
            "beide bieden. De regiegroep gedwongen zorg is de plek om dat uit te werken."
        ),
        "proposal": (
            "Wij stellen de Stamtafel voor de regiegroep gedwongen zorg te vragen om een voorstel "
            "voor een gezamenlijke werkwijze en kwaliteitsafspraken voor het verkennend "
            "onderzoek."
        ),
        "conclusions": [
            conclusion(
                "Gezamenlijke werkwijze voor het verkennend onderzoek Wvggz",
                "De kwaliteit van het verkennend onderzoek hangt af van de woonplaats.",
                HOOG,
                "Doe een voorstel voor een regionale werkwijze en kwaliteitsafspraken voor het "
                "verkennend onderzoek, met aandacht voor de kleine gemeenten.",
                "weth_zutphen",
                "regiegroep",
                closing="Werkwijze vastgesteld; de gemeenten werken sindsdien met een "
                "gezamenlijke pool van onderzoekers.",
            )
        ],
    },
    {
        "sub_region": NOORD_VELUWE,
        "status": S.OPGEVOLGD,
        "kind": PERSOON,
        "method": MB,
        "facilitator": PARTICIPANT,
        "title": "Zorgmijding in een sterk vervuilde woning",
        "themes": [DWANG, VERWARD],
        "organisations": ["ouderenzorg", "ggz", "zvh"],
        "summary": (
            "Een alleenwonende oudere inwoner weigert al lange tijd hulp. De woning raakt ernstig "
            "vervuild en buren maken zich zorgen over brandgevaar. Wijkteam, huisarts en "
            "ouderenzorg zochten contact, maar de deur bleef dicht. De vraag was wanneer "
            "ingrijpen gerechtvaardigd is."
        ),
        "principles": (
            "Grotendeels. De professionals bleven contact zoeken en respecteerden de wil van de "
            "inwoner; niet loslaten werd goed in praktijk gebracht."
        ),
        "administration": (
            "Niet helemaal. Professionals wisten niet welke bevoegdheden de burgemeester heeft "
            "bij woningvervuiling, en wanneer een zorgmachtiging of bestuursdwang aan de orde "
            "is. Een afwegingskader ontbreekt."
        ),
        "justice": (
            "De autonomie van de inwoner zo lang mogelijk respecteren, en ingrijpen zodra de "
            "veiligheid van de inwoner of de buren ernstig in gevaar komt. Dat moment benoemen we "
            "vooraf, samen."
        ),
        "dilemma": (
            "De keuze van de inwoner respecteren om geen hulp te krijgen, of ingrijpen om de "
            "gezondheid en veiligheid van de inwoner en de buren te beschermen."
        ),
        "insights": (
            "Geduld en een vaste contactpersoon openen meer deuren dan dwang. Tegelijk helpt het "
            "professionals als vooraf duidelijk is welke signalen aanleiding zijn om op te "
            "schalen."
        ),
        "proposal": (
            "Wij vragen de Stamtafel om een regionaal afwegingskader voor ernstige "
            "woningvervuiling en zorgmijding, zodat professionals weten wanneer en hoe zij "
            "kunnen opschalen."
        ),
        "conclusions": [
            conclusion(
                "Afwegingskader bij ernstige woningvervuiling en zorgmijding",
                "Professionals weten niet wanneer zij bij zorgmijding mogen en moeten opschalen.",
                MIDDEN,
                "Stel een regionaal afwegingskader op, met de bestuurlijke en de zorgroutes, en "
                "bespreek het met de wijkteams.",
                "burg_harderwijk",
                "aio",
                closing="Afwegingskader vastgesteld en besproken met de wijkteams.",
            )
        ],
    },
    {
        "sub_region": ACHTERHOEK,
        "status": S.OPGEVOLGD,
        "kind": GEBIED,
        "method": ANDERS,
        "method_note": (
            "Reconstructie van de tijdlijn met alle betrokken partners, naar de methode "
            "leren van incidenten"
        ),
        "facilitator": "gl_zvh",
        "title": "Signalen van arbeidsuitbuiting op een recreatiepark",
        "themes": [MENSENHANDEL, ONDERMIJNING],
        "organisations": ["politie", "om", "zvh"],
        "summary": (
            "Op een recreatiepark wonen arbeidsmigranten in overvolle chalets die via een "
            "uitzendbureau worden verhuurd. Handhaving, politie en gezondheidsdienst zagen elk "
            "signalen van slechte huisvesting en afhankelijkheid van de werkgever, maar legden die "
            "niet naast elkaar. Pas na een brand kwam het beeld van mogelijke uitbuiting samen."
        ),
        "principles": (
            "Nee. De signalen waren er, maar werden niet gedeeld. Ieder keek vanuit de eigen "
            "taak: brandveiligheid, openbare orde, gezondheid."
        ),
        "administration": (
            "Deels. Er is een regionale routekaart mensenhandel, maar handhavers en "
            "parkbeheerders kenden die niet. Gemeenten hebben geen afspraken over gezamenlijke "
            "controles op parken."
        ),
        "justice": (
            "Recht doen aan de bewoners betekent dat zij na een controle niet zonder dak en werk "
            "achterblijven: eerst opvang en veiligheid regelen, dan handhaven."
        ),
        "dilemma": (
            "Direct handhaven en het park sluiten, met het risico dat bewoners op straat komen of "
            "uit beeld raken, of eerst opvang regelen en de onveilige situatie zo langer laten "
            "bestaan."
        ),
        "insights": (
            "De tijdlijn liet zien hoeveel momenten er waren om signalen te delen. Handhavers "
            "zijn belangrijke ogen en oren, maar herkennen uitbuiting nog onvoldoende."
        ),
        "proposal": (
            "Wij stellen voor dat de Stamtafel de portefeuillehouder mensenhandel vraagt "
            "gezamenlijke controles op recreatieparken te organiseren, met vooraf geregelde "
            "opvang, en de signalen van uitbuiting op te nemen in de scholing van handhavers."
        ),
        "conclusions": [
            conclusion(
                "Gezamenlijke controles op recreatieparken met signalen van uitbuiting",
                "Signalen van uitbuiting op parken blijven verspreid over handhaving, politie en "
                "zorg.",
                HOOG,
                "Organiseer met gemeenten, politie en arbeidsinspectie gezamenlijke controles "
                "met vooraf geregelde opvang, en neem de signalen op in de scholing van "
                "handhavers.",
                "burg_harderwijk",
                "ph_mh",
                closing="Controles uitgevoerd in twee gemeenten; werkwijze opgenomen in de "
                "routekaart mensenhandel.",
            )
        ],
    },
    {
        "sub_region": MIJ,
        "status": S.OPGEVOLGD,
        "kind": SYSTEEM,
        "method": SG,
        "facilitator": "gl_gemeente",
        "title": "Van jeugdhulp naar volwassenenzorg",
        "themes": [JEUGD, LVB, VERWARD],
        "organisations": ["jeugdzorg", "ggz", "vg", "mo"],
        "summary": (
            "Een jongvolwassene met een licht verstandelijke beperking en psychische klachten "
            "wordt meerderjarig. De jeugdhulp stopt, de volwassenenzorg heeft een wachtlijst en "
            "er is geen eigen woonplek. Binnen enkele maanden volgen schulden, overlast en een "
            "eerste contact met de politie."
        ),
        "principles": (
            "Nee. Iedereen zag de overgang aankomen, maar er was geen gezamenlijk plan voor "
            "daarna. De hulp was georganiseerd rond de leeftijdsgrens in plaats van rond de "
            "jongere."
        ),
        "administration": (
            "Onvoldoende. Jeugdwet en Wmo kennen elk hun budget en indicatie; professionals "
            "hebben geen mandaat om de jeugdhulp te laten doorlopen tot de volwassenenzorg "
            "begint."
        ),
        "justice": (
            "Het meeste recht doen we door de hulp te laten doorlopen tot er iets anders staat, "
            "en de jongere zelf een stem te geven in het plan voor na de overgang."
        ),
        "dilemma": (
            "De regels van elk domein volgen zodat de budgetten beheersbaar blijven, of zonder "
            "sluitende financiering doorgaan met de hulp om een crisis te voorkomen."
        ),
        "insights": (
            "De overgang naar volwassenheid is een voorspelbaar risico dat elk jaar terugkomt. "
            "Een vaste regisseur en een perspectiefplan ruim vóór de overgang werken elders goed."
        ),
        "proposal": (
            "Wij vragen de Stamtafel de gemeenten te laten afspreken dat de jeugdhulp doorloopt "
            "tot de volwassenenzorg is gestart, en een overgangsregisseur in te richten voor "
            "jongeren met meervoudige problemen."
        ),
        "conclusions": [
            conclusion(
                "Doorlopende hulp bij de overgang van jeugdhulp naar volwassenenzorg",
                "Bij meerderjarigheid valt de hulp weg voordat de volwassenenzorg begint.",
                HOOG,
                "Maak een regionale afspraak dat de jeugdhulp doorloopt tot de volwassenenzorg "
                "is gestart, en richt een overgangsregisseur in.",
                "weth_ermelo",
                "aio",
                closing="Afspraak door alle gemeenten onderschreven; de overgangsregisseur is "
                "gestart.",
            )
        ],
    },
    {
        "sub_region": NOORD_VELUWE,
        "status": S.OPGEVOLGD,
        "follow_up_note": (
            "De Stamtafel laat de uitwerking meelopen met de handreiking gedragsaanwijzing op de "
            "actielijst. De actie loopt nog; de voortgang wordt daar gevolgd, niet meer bij deze "
            "reflectie."
        ),
        "kind": PERSOON,
        "method": MB,
        "facilitator": "gl_ggz",
        "title": "Dreigend gedrag zonder strafbaar feit",
        "themes": [GEVAARLIJK, DWANG],
        "organisations": ["politie", "ggz", "om", "zvh"],
        "summary": (
            "Een inwoner uit in de openbare ruimte herhaaldelijk dreigementen tegen medewerkers "
            "van de gemeente en winkeliers. Er is geen strafbaar feit waarvoor vervolging "
            "mogelijk is en de inwoner wil geen hulp. Politie, ggz en gemeente zien de spanning "
            "oplopen, maar hebben geen gezamenlijk handelingsperspectief."
        ),
        "principles": (
            "Gedeeltelijk. De partners overlegden wel, maar wachtten elk op een aanleiding binnen "
            "de eigen bevoegdheid. Eerder en lichter ingrijpen kwam daardoor niet van de grond."
        ),
        "administration": (
            "Nee. De burgemeester heeft met de gedragsaanwijzing een instrument, maar ambtenaren "
            "kenden de voorwaarden niet en er was geen voorbeeld in de regio. Professionals "
            "voelden geen rugdekking om zonder incident op te treden."
        ),
        "justice": (
            "Recht doen aan de inwoner én aan wie zich bedreigd voelt, vraagt een duidelijke "
            "grens en een blijvend aanbod van zorg, uitgevoerd met één vaste regisseur."
        ),
        "dilemma": (
            "Wachten tot er een strafbaar feit is, met het risico dat het escaleert, of eerder "
            "ingrijpen met een bestuurlijke maatregel die de vrijheid van de inwoner beperkt "
            "zonder dat er iets is gebeurd."
        ),
        "insights": (
            "Zorg en veiligheid hebben elkaar hier nodig: de maatregel werkt alleen met een "
            "zorgaanbod, het zorgaanbod alleen met een grens. Kennis van bestuurlijke "
            "instrumenten ontbreekt bij de uitvoerders."
        ),
        "proposal": (
            "Wij stellen de Stamtafel voor de casusregie bij dreigend gedrag zonder strafbaar "
            "feit te beleggen bij het Zorg- en Veiligheidshuis en uitvoerders te informeren over "
            "de inzet van de gedragsaanwijzing."
        ),
        "conclusions": [
            conclusion(
                "Casusregie bij dreigend gedrag zonder strafbaar feit",
                "Bij dreigend gedrag zonder strafbaar feit wacht iedere partner op de ander.",
                HOOG,
                "Beleg de casusregie bij het Zorg- en Veiligheidshuis en beschrijf hoe zorg en "
                "bestuurlijke maatregelen samen worden ingezet.",
                "burg_apeldoorn",
                "veiligheidskamer",
                progress="De veiligheidskamer heeft de eerste situaties volgens de nieuwe "
                "werkwijze besproken; de beschrijving volgt met de handreiking.",
            )
        ],
    },
    {
        "sub_region": ACHTERHOEK,
        "status": S.GECONCLUDEERD,
        "kind": SYSTEEM,
        "method": SG,
        "facilitator": "gl_gemeente",
        "title": "Geen dagstructuur na ontslag uit de kliniek",
        "themes": [HERSTEL, VERWARD],
        "organisations": ["ggz", "mo", "ervaring", "verslaving"],
        "summary": (
            "Na een opname in een psychiatrische kliniek keren inwoners terug naar huis zonder "
            "dagbesteding of werk. De wachttijd voor dagbesteding is weken, en in die periode "
            "valt de structuur weg. In de besproken situatie leidde dat snel tot terugval en een "
            "nieuwe crisis."
        ),
        "principles": (
            "De principes werden onderschreven, maar de praktijk bleef achter. Het ontslag werd "
            "gepland vanuit de kliniek, zonder de partners die daarna het werk doen."
        ),
        "administration": (
            "Niet voldoende. Dagbesteding kan pas na ontslag worden aangevraagd en wordt per "
            "gemeente anders ingekocht. Er is geen afspraak die een plek direct na ontslag "
            "mogelijk maakt."
        ),
        "justice": (
            "Het meeste recht doen we door dagstructuur als vast onderdeel van het ontslag te "
            "zien, net zo vanzelfsprekend als medicatie en nazorg."
        ),
        "dilemma": (
            "Plekken voor dagbesteding vrijhouden voor wie uit de kliniek komt, terwijl anderen "
            "op de wachtlijst staan, of de gewone volgorde aanhouden met het risico op terugval."
        ),
        "insights": (
            "Ervaringsdeskundigen kunnen de eerste weken overbruggen. Een kleine reservering van "
            "plekken voorkomt dure crises. De regels voor aanvragen sluiten niet aan op het "
            "moment van ontslag."
        ),
        "proposal": (
            "Wij vragen de Stamtafel afspraken te laten maken tussen GGZ, opvang en gemeenten, "
            "zodat er op de dag van ontslag een plek voor dagbesteding klaarstaat, met inzet van "
            "ervaringsdeskundigen voor de eerste weken."
        ),
        "conclusions": [
            conclusion(
                "Dagbesteding direct na klinisch ontslag",
                "Na ontslag uit de kliniek valt de dagstructuur weg, juist wanneer het risico op "
                "terugval het grootst is.",
                HOOG,
                "Maak afspraken tussen GGZ, opvang en gemeenten zodat er op de dag van ontslag "
                "een plek voor dagbesteding klaarstaat.",
                "dir_mo",
                "aio",
                progress="Twee aanbieders houden plekken vrij voor mensen die uit de kliniek "
                "komen.",
                link=True,
            )
        ],
    },
    {
        "sub_region": MIJ,
        "status": S.AANGEBODEN,
        "kind": BELEID,
        "method": MB,
        "facilitator": "gl_ggz",
        "title": "Urgentie bij uitstroom uit beschermd wonen",
        "themes": [WONEN, BESCHERMD_WONEN],
        "organisations": ["mo", "ggz", "ervaring"],
        "summary": (
            "Een beleidscasus over bewoners van beschermd wonen die klaar zijn om zelfstandig te "
            "wonen. Omdat er geen woning vrijkomt en de urgentieregels per gemeente verschillen, "
            "blijven zij maanden langer dan nodig. Daardoor stokt ook de instroom van mensen die "
            "juist wel een beschermde plek nodig hebben."
        ),
        "principles": (
            "Ten dele. Begeleiders werken aan herstel en zelfstandigheid, maar moeten bewoners "
            "die zover zijn vertellen dat er geen woning is. Dat ondermijnt het herstel."
        ),
        "administration": (
            "Nee. Elke gemeente hanteert eigen urgentieregels, en afspraken met corporaties over "
            "woningen voor uitstroom ontbreken of zijn niet nagekomen."
        ),
        "justice": (
            "Recht doen aan zowel de bewoners die klaar zijn als aan wie wacht op een beschermde "
            "plek, vraagt om een vaste, eerlijke route naar een woning, die in de hele regio "
            "gelijk is."
        ),
        "dilemma": (
            "Bewoners uit beschermd wonen voorrang geven op de woningmarkt, ten koste van andere "
            "woningzoekenden, of de doorstroom laten stokken zodat wie een beschermde plek nodig "
            "heeft in de opvang blijft wachten."
        ),
        "insights": (
            "De wachttijd is geen probleem van één organisatie, maar van de hele keten. "
            "Ervaringsdeskundigen laten zien hoe ontmoedigend het wachten is; een gedeelde "
            "wachtlijst maakt de omvang voor bestuurders zichtbaar."
        ),
        "proposal": (
            "Wij stellen voor dat de Stamtafel de gemeenten vraagt hun urgentieregels voor "
            "uitstroom uit beschermd wonen gelijk te trekken, en met de corporaties jaarlijks een "
            "aantal woningen voor uitstroom af te spreken."
        ),
        "conclusions": [],
    },
    {
        "sub_region": NOORD_VELUWE,
        "status": S.BESPROKEN,
        "kind": GEBIED,
        "method": SG,
        "facilitator": PARTICIPANT,
        "title": "Jongeren en drugshandel in een kleine kern",
        "themes": [ONDERMIJNING, JEUGD, DRUGS],
        "organisations": ["politie", "jeugdzorg", "verslaving", "zvh"],
        "summary": (
            "In een kleine kern worden jongeren benaderd om drugs te vervoeren en te verkopen. "
            "Scholen, jongerenwerk en politie zien signalen, ouders voelen zich machteloos. De "
            "gemeente twijfelt tussen een repressieve aanpak en investeren in perspectief voor "
            "de jongeren."
        ),
        "principles": (
            "Gedeeltelijk. De partners kennen elkaar goed in de kern, maar delen signalen vooral "
            "informeel. Er is geen gezamenlijk beeld van welke jongeren risico lopen."
        ),
        "administration": (
            "Nog niet. De aanpak van ondermijning en de jeugdhulp hebben elk een eigen overleg "
            "en budget; een gezamenlijke aanpak voor jongeren op de grens van beide ontbreekt."
        ),
        "justice": (
            "Recht doen aan de jongeren vraagt om hen niet alleen als dader te zien: de ronselaars "
            "aanpakken en de jongeren een alternatief bieden, samen met hun ouders."
        ),
        "dilemma": (
            "Streng optreden om het ronselen te stoppen en de kern veilig te houden, of ruimte "
            "geven aan hulp en perspectief, met het risico dat het ronselen doorgaat."
        ),
        "insights": (
            "De kleinschaligheid is een kracht: iedereen kent iedereen. Tegelijk maakt die het "
            "voor ouders en jongeren moeilijk om signalen te melden. Het jongerenwerk is de "
            "schakel die ontbreekt in het casusoverleg."
        ),
        "conclusions": [],
    },
    {
        "sub_region": ACHTERHOEK,
        "status": S.VOORBEREID,
        "kind": PERSOON,
        "method": MB,
        "facilitator": "gl_ggz",
        "title": "Veel hulpverleners en geen regie bij geweld in een gezin",
        "themes": [HUISELIJK_GEWELD, ACUUT],
        "organisations": ["vt", "jeugdzorg", "vrouwenopvang", "politie"],
        "summary": (
            "In een gezin met herhaald huiselijk geweld zijn meer dan tien hulpverleners "
            "betrokken, ieder met een eigen plan. De ouders haken af, de kinderen hebben geen "
            "vaste vertrouwenspersoon. De reflectie gaat over de vraag wie de regie neemt en wat "
            "de partners daarvoor van elkaar nodig hebben."
        ),
        "conclusions": [],
    },
]

VB_REFLECTIONS: list[dict] = [
    {
        "sub_region": "Noordzijde",
        "status": S.BESPROKEN,
        "kind": SYSTEEM,
        "method": SG,
        "facilitator": "gl_vb",
        "title": "Crisisdiensten buiten kantoortijd",
        "themes": [ACUUT, VERWARD],
        "organisations": ["ggz", "politie", "zvh"],
        "summary": (
            "Op een vrijdagavond zoeken politie en crisisdienst samen een plek voor een inwoner "
            "in verwarde toestand. Geen van beide weet wie bij de gemeente bereikbaar is, en de "
            "inwoner brengt uren door op het politiebureau."
        ),
        "principles": (
            "Onvoldoende. De professionals deden hun best, maar zonder afspraken over "
            "bereikbaarheid werd de inwoner van de ene naar de andere plek gebracht."
        ),
        "administration": (
            "Nee. De gemeenten hebben geen gezamenlijke achterwacht en de afspraken met de "
            "crisisdienst zijn verouderd."
        ),
        "justice": (
            "Het meeste recht doen we door de inwoner zo snel mogelijk op een passende plek te "
            "krijgen, ook als dat betekent dat een organisatie buiten de eigen taak helpt."
        ),
        "dilemma": (
            "Vasthouden aan de eigen taak en regels, of buiten de afspraken om handelen om de "
            "inwoner snel een passende plek te geven."
        ),
        "insights": (
            "Een actueel overzicht van wie buiten kantoortijd bereikbaar is, zou veel wachten "
            "voorkomen."
        ),
        "conclusions": [],
    },
    {
        "sub_region": "Zuidzijde",
        "status": S.GEPLAND,
        "kind": PERSOON,
        "method": MB,
        "facilitator": "gl_vb",
        "title": "Terugkeer na detentie zonder inkomen",
        "themes": [HERSTEL],
        "organisations": ["reclassering", "zvh"],
        "summary": (
            "Een inwoner komt vrij na een korte detentie en heeft de eerste weken geen inkomen "
            "en geen woning. De reflectie gaat over wat gemeente, reclassering en het Zorg- en "
            "Veiligheidshuis vóór de vrijlating hadden kunnen regelen."
        ),
        "conclusions": [],
    },
]

REGION_REFLECTIONS = {"nog": NOG_REFLECTIONS, "voorbeeld": VB_REFLECTIONS}

# The day within a quarter on which each reflection is held: days after the quarter's start
# (then moved back to a Tuesday, Wednesday or Thursday).
HELD_AFTER_DAYS = (38, 52, 45, 59, 41, 48, 55, 44, 50, 47, 57, 42)


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _on(day: date, at: time = time(10, 0)):
    """What is written inside is dated ``day``: the history records of reflections,
    conclusions, actions and agenda items, and the entries of the actions' log."""
    moment = datetime.combine(day, at, tzinfo=AMSTERDAM)
    history_models = {
        CaseReflection.history.model,
        Conclusion.history.model,
        Action.history.model,
        AgendaItem.history.model,
    }
    return backdated(day, moment, history_models)


class ReflectionDemo:
    """Builds the reflections of one region from its spec, oldest first."""

    def __init__(self, result, region: Region, specs: list[dict], today: date, user):
        self.result = result
        self.region = region
        self.specs = specs
        self.today = today
        self.user = user
        self.sub_regions = {s.name: s for s in SubRegion.objects.filter(region=region)}
        self.themes = {t.name: t for t in Theme.objects.all()}
        names = ORGANISATIONS.get(region.slug, {})
        by_name = {o.name: o for o in Organisation.objects.filter(region=region)}
        self.organisations = {key: by_name[name] for key, name in names.items()}
        self.persons = {p.name: p for p in Person.objects.filter(region=region)}
        self.facilitators = self._gespreksleiders()
        self.bodies = {b.name: b for b in Body.objects.filter(region=region)}
        self.stamtafel = (
            Body.objects.filter(region=region, kind=BodyKind.STAMTAFEL, status=BodyStatus.ACTIEF)
            .order_by("pk")
            .first()
        )
        self.held_meetings: list[tuple[date, Meeting]] = []
        if self.stamtafel is not None:
            self.held_meetings = [
                (_local_date(m.starts_at), m)
                for m in Meeting.objects.filter(
                    body=self.stamtafel, status=MeetingStatus.GEHOUDEN
                ).order_by("starts_at")
                if _local_date(m.starts_at) < today
            ]

    # -- people -------------------------------------------------------------------------------

    def _gespreksleiders(self) -> dict[str, Person]:
        from governance.demo_base import _upsert  # the register's create-or-update helper

        found: dict[str, Person] = {}
        organisations = {o.name: o for o in Organisation.objects.filter(region=self.region)}
        for key, name, function, organisation in GESPREKSLEIDERS.get(self.region.slug, []):
            found[key] = _upsert(
                self.result,
                Person,
                {"region": self.region, "name": name},
                {
                    "function": function,
                    "office": Office.AMBTELIJK,
                    "organisation": organisations.get(organisation) if organisation else None,
                },
            )
        participant = self.participant_person(found)
        if participant is not None:
            found[PARTICIPANT] = participant
        return found

    def participant_person(self, gespreksleiders: dict[str, Person]) -> Person | None:
        """The person of the region's demo participant, who leads some reflections.

        The demo werkagenda links the participant to a person of the register already; when it
        has not, the first gespreksleider is linked to the participant's account.
        """
        from governance.demo_base import _upsert

        user = (
            get_user_model()
            .objects.filter(
                role_assignments__region=self.region,
                role_assignments__role=Role.PARTICIPANT,
                username__startswith="demo-",
            )
            .order_by("pk")
            .first()
        )
        first = next(iter(gespreksleiders.values()), None)
        if user is None:
            return first
        own = Person.objects.filter(region=self.region, user=user).first()
        if own is not None or first is None:
            return own
        return _upsert(
            self.result, Person, {"region": self.region, "name": first.name}, {"user": user}
        )

    def delegation(self, index: int, sub_region: str, facilitator: Person | None) -> list[Person]:
        pools = DELEGATION_POOLS.get(self.region.slug, {})
        chosen = []
        for name, pool in pools.items():
            if name == sub_region:
                continue
            candidates = [self.persons[n] for n in pool if n in self.persons]
            candidates = [p for p in candidates if p != facilitator]
            if candidates:
                chosen.append(candidates[index % len(candidates)])
        return chosen

    def contact(self, key: str) -> Membership:
        person = self.persons[ADMINISTRATORS[key]]
        return (
            Membership.objects.current()
            .filter(body=self.stamtafel, person=person)
            .select_related("body", "person")
            .order_by("pk")
            .first()
        )

    # -- dates --------------------------------------------------------------------------------

    def quarter(self, index: int) -> tuple[int, int]:
        return shift_quarter(*quarter_of(self.today), index - (len(self.specs) - 1))

    def held_day(self, index: int) -> date:
        start, _end = quarter_bounds(*self.quarter(index))
        day = start + timedelta(days=HELD_AFTER_DAYS[index % len(HELD_AFTER_DAYS)])
        return _weekday_on_or_before(day, 1 + index % 3)

    def meeting_after(self, day: date) -> tuple[date, Meeting] | None:
        """The first Stamtafel meeting held after ``day``, within about four months."""
        for held, meeting in self.held_meetings:
            if day < held <= day + timedelta(days=120):
                return held, meeting
        return None

    # -- building -----------------------------------------------------------------------------

    def build(self) -> None:
        for index, spec in enumerate(self.specs):
            self.build_one(index, spec)

    def build_one(self, index: int, spec: dict) -> None:
        year, quarter = self.quarter(index)
        start, end = quarter_bounds(year, quarter)
        target = spec["status"]
        reached = status_index(target)
        held = self.held_day(index)
        if reached < status_index(S.BESPROKEN):
            # Still to come: planned a little ahead, within the quarter where possible.
            held = max(self.today, min(self.today + timedelta(days=16), end - timedelta(days=1)))
        planned_day = min(start - timedelta(days=42), self.today)
        facilitator = self.facilitators.get(spec["facilitator"])
        reflection = CaseReflection(
            region=self.region,
            year=year,
            quarter=quarter,
            sub_region=self.sub_regions[spec["sub_region"]],
            case_kind=spec["kind"],
            title=spec["title"],
            method=spec["method"],
            method_note=spec.get("method_note", ""),
            facilitator=facilitator,
            planned_on=held,
            summary=spec["summary"],
        )
        from casereflection.services import reflection_advance, reflection_save

        with _on(planned_day):
            reflection_save(
                instance=reflection,
                seen_version=None,
                user=self.user,
                themes=[self.themes[name] for name in spec["themes"]],
                organisations=[self.organisations[key] for key in spec["organisations"]],
                delegation=self.delegation(index, spec["sub_region"], facilitator),
                today=self.today,
            )
        self._count(CaseReflection)

        def advance(to_status: str, day: date, **kwargs) -> None:
            with _on(day):
                reflection_advance(
                    reflection=reflection,
                    to_status=to_status,
                    seen_version=reflection.version,
                    user=self.user,
                    today=day,
                    **kwargs,
                )

        if reached >= status_index(S.VOORBEREID):
            advance(S.VOORBEREID, max(planned_day, min(held - timedelta(days=14), self.today)))
        if reached < status_index(S.BESPROKEN):
            return
        advance(S.BESPROKEN, held, held_on=held)
        # The gespreksleider's report of the conversation, a few days later.
        for name in ("principles", "administration", "justice"):
            setattr(reflection, f"answer_{name}", spec[name])
        reflection.dilemma = spec["dilemma"]
        reflection.insights = spec["insights"]
        reflection.proposal = spec.get("proposal", "")
        with _on(min(held + timedelta(days=3), self.today)):
            reflection_save(
                instance=reflection,
                seen_version=reflection.version,
                user=self.user,
                themes=list(reflection.themes.all()),
                organisations=list(reflection.organisations.all()),
                delegation=list(reflection.delegation.all()),
                today=self.today,
            )
        if reached < status_index(S.AANGEBODEN):
            return

        offered = held + timedelta(days=14 + 3 * (index % 3))
        linked = self._linked_actions(spec, held)
        if linked:
            decided, meeting = linked[0][2], linked[0][1]
            before = [d for d, _m in self.held_meetings if d < decided]
            if before and before[-1] >= offered:
                offered = before[-1] + timedelta(days=1)  # offered after the meeting before
        elif reached >= status_index(S.GECONCLUDEERD):
            found = self.meeting_after(offered)
            if found:
                decided, meeting = found
            else:
                decided, meeting = _weekday_on_or_before(offered + timedelta(days=34), 3), None
        else:
            # Waits for the Stamtafel: offered after its last meeting (else it would have been
            # concluded there).
            if self.held_meetings and self.held_meetings[-1][0] >= offered:
                offered = self.held_meetings[-1][0] + timedelta(days=7)
            offered = min(offered, self.today)
        advance(S.AANGEBODEN, offered)
        if reached < status_index(S.GECONCLUDEERD):
            return

        conclusions = self.conclude(reflection, spec, decided, meeting, linked)
        advance(S.GECONCLUDEERD, decided)
        self.follow_up(reflection, spec, decided, conclusions)

    def _linked_actions(self, spec: dict, held: date) -> list[tuple[dict, Meeting | None, date]]:
        """(conclusion spec, meeting, date) of each conclusion to record with the demo
        werkagenda's existing action of the same title (see the module docstring)."""
        found = []
        for row in spec["conclusions"]:
            if not row["link"]:
                continue
            action = Action.objects.filter(
                region=self.region,
                title=row["title"],
                origin=ActionOrigin.REFLECTIE,
                list=ActionList.ACTIE,
                reflection_conclusion__isnull=True,
            ).first()
            item = (
                AgendaItem.objects.filter(
                    action=action,
                    meeting__body=self.stamtafel,
                    meeting__status=MeetingStatus.GEHOUDEN,
                )
                .select_related("meeting")
                .order_by("meeting__starts_at")
                .first()
                if action
                else None
            )
            if item is None:
                continue
            decided = _local_date(item.meeting.starts_at)
            # Only when the story fits: decided well after the reflection was held.
            if decided > held + timedelta(days=21) and decided < self.today:
                row = {**row, "action": action, "agenda_item": item}
                found.append((row, item.meeting, decided))
        return found

    def conclude(self, reflection, spec, decided, meeting, linked) -> list[Conclusion]:
        from casereflection.services import conclusion_save

        linked_titles = {row["title"]: row for row, _m, _d in linked}
        agenda_item = None
        new_rows = [row for row in spec["conclusions"] if row["title"] not in linked_titles]
        if meeting is not None and new_rows:
            agenda_item = self._agenda_item(reflection, meeting, decided, new_rows)
        conclusions = []
        for row in spec["conclusions"]:
            link = linked_titles.get(row["title"])
            if link is not None:
                conclusions.append(self._record_linked(reflection, row, link, decided))
                continue
            item = Conclusion(
                reflection=reflection,
                agenda_item=agenda_item,
                decided_on=decided,
                title=row["title"],
                common_challenge=row["challenge"],
                priority=row["priority"],
                assignment=row["assignment"],
                assignee_body=self.bodies[BODIES[row["body"]]],
                contact_administrator=self.contact(row["contact"]),
                due_date=self._due(decided, row),
            )
            with _on(decided, time(16, 0)):
                conclusion_save(instance=item, seen_version=None, user=self.user, today=decided)
            self._count(Conclusion)
            self._count(Action)
            conclusions.append(item)
        return conclusions

    def _due(self, decided: date, row: dict) -> date:
        if row["closing"]:
            return decided + timedelta(days=182)
        # Still running: due in the coming months.
        return max(decided + timedelta(days=120), self.today + timedelta(days=45))

    def _record_linked(self, reflection, row, link, decided) -> Conclusion:
        """The conclusion of an action the demo werkagenda already decided at the Stamtafel.

        Demo data only: ``Conclusion.action`` is set directly to the existing action instead of
        letting ``conclusion_save`` create a second one; the checks of the service are done
        here by ``full_clean`` (through ``save_versioned``) and the personal-data guard.
        """
        from casereflection import privacy
        from core.locking import save_versioned

        action = link["action"]
        item = Conclusion(
            reflection=reflection,
            agenda_item=link["agenda_item"],
            decided_on=decided,
            title=row["title"],
            common_challenge=row["challenge"],
            priority=row["priority"],
            assignment=row["assignment"],
            assignee_body=action.owning_body or self.bodies[BODIES[row["body"]]],
            contact_administrator=action.trekker,
            due_date=action.due_date if action.due_date and action.due_date >= decided else None,
            action=action,
        )
        for name in GUARDED_CONCLUSION_FIELDS:
            if privacy.find_personal_data(getattr(item, name)):  # pragma: no cover - demo texts
                raise ValueError(f"Demo conclusion {item.title!r}: personal data in {name}")
        with _on(decided, time(16, 0)):
            save_versioned(item, seen_version=None, user=self.user)
        self._count(Conclusion)
        return item

    def _agenda_item(self, reflection, meeting: Meeting, decided: date, rows) -> AgendaItem:
        from core.locking import save_versioned
        from governance.services.meetings import agenda_item_decide

        last = meeting.items.order_by("-order").values_list("order", flat=True).first() or 0
        sub_region = reflection.sub_region.name
        item = AgendaItem(
            meeting=meeting,
            order=last + 1,
            title=f"Bespreekvoorstel casusreflectie {reflection.quarter_label} ({sub_region})",
            kind=AgendaItemKind.BESLUITEN,
            description=(
                f"De subregio {sub_region} biedt de opbrengst van de casusreflectie aan. De "
                "Stamtafel stelt de gemeenschappelijke uitdaging vast, geeft de opdracht en "
                "benoemt het bestuurlijk aanspreekpunt."
            ),
        )
        with _on(min(decided - timedelta(days=14), self.today), time(9, 30)):
            save_versioned(item, seen_version=None, user=self.user)
        self._count(AgendaItem)
        decisions = "; ".join(
            f"{row['title']} (aanspreekpunt {ADMINISTRATORS[row['contact']]})" for row in rows
        )
        with _on(decided, time(16, 0)):
            agenda_item_decide(
                item=item,
                outcome=f"Geconcludeerd: {decisions}. "
                + ("De acties staan" if len(rows) > 1 else "De actie staat")
                + " op de actielijst.",
                seen_version=item.version,
                user=self.user,
            )
        return item

    def follow_up(self, reflection, spec, decided: date, conclusions: list[Conclusion]) -> None:
        """Progress and closing of the resulting actions; then *opgevolgd* when the spec says."""
        from casereflection.services import reflection_advance
        from governance.services.werkagenda import action_move, action_progress

        rows = {row["title"]: row for row in spec["conclusions"]}
        last_day = decided
        for number, item in enumerate(conclusions):
            row, action = rows[item.title], item.action
            if action is None or action.list == ActionList.GEREED:
                continue
            if row["closing"]:
                day = min(decided + timedelta(days=110 + 25 * number), self.today)
                with _on(day, time(11, 0)):
                    action_move(
                        action=action,
                        to_list=ActionList.GEREED,
                        seen_version=action.version,
                        user=self.user,
                        note=row["closing"],
                        closed_reason=ClosedReason.AFGEROND,
                        on=day,
                    )
                last_day = max(last_day, day)
            elif row["progress"] and not row["link"]:
                day = min(decided + timedelta(days=60), self.today)
                with _on(day, time(11, 0)):
                    action_progress(
                        action=action,
                        text=row["progress"],
                        due_date=action.due_date,
                        seen_version=action.version,
                        user=self.user,
                    )
        if spec["status"] != S.OPGEVOLGD:
            return
        note = spec.get("follow_up_note", "")
        day = min(last_day + timedelta(days=14 if not note else 120), self.today)
        with _on(day, time(16, 0)):
            reflection_advance(
                reflection=reflection,
                to_status=S.OPGEVOLGD,
                seen_version=reflection.version,
                user=self.user,
                note=note,
                today=day,
            )

    def _count(self, model) -> None:
        self.result.created[str(model._meta.verbose_name_plural)] += 1


def _secretary(region: Region):
    return (
        get_user_model()
        .objects.filter(role_assignments__region=region, role_assignments__role=Role.SECRETARY)
        .order_by("pk")
        .first()
    )


def build_reflection_demo(result, regions: dict[str, Region], today: date | None = None) -> None:
    today = today or timezone.localdate()
    for slug, specs in REGION_REFLECTIONS.items():
        region = regions.get(slug)
        if region is None:
            continue
        if CaseReflection.objects.filter(region=region).exists():
            continue  # built before (or in real use): never touched again
        user = _secretary(region)
        if user is None:
            continue  # the services need a secretary of the region
        ReflectionDemo(result, region, specs, today, user).build()


def on_demo_regions_built(sender, *, result, regions, **kwargs) -> None:
    build_reflection_demo(result, regions)
