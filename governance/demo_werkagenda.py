"""Demo werkagenda and meetings for ``manage.py seed_demo`` (both demo regions).

What is built, per region:

- the demo users linked to their ``Person`` (so that "my actions" and the meeting preparation
  have something to show);
- knelpunten per theme (the four national priority themes and the region's own themes);
- actions on the voorraad-, actie- and gereedlijst, each built through the werkagenda services
  (``action_save``, ``action_move`` with ``on=``, ``action_progress``) with the demo secretary
  — or the owner or trekker for their own progress notes — as the author, so that the log
  and the history look like months of real use;
- a year of past meetings and the next ones for the main administrative table and the
  tactical overleg (in NOG also the DVO), with agenda items, outcomes recorded through
  ``agenda_item_decide``, and one decision that creates an action.

Dates are relative to ``timezone.localdate()``: a fresh database always shows a current
demo, and the result is fully determined by the date on which it is built.

Idempotency: unlike the register in ``governance.demo`` (create-or-update on natural keys),
this part is *use* of the register and is created once. Knelpunten and actions are looked up
on (region, title) and built only when missing; a body's meetings are built only when the
body has no meetings yet. Running the seed again — also on a later day — creates nothing new;
the demo then simply ages like real data would.

Dates in the past: the services stamp today's date on a few things (the ``aangemaakt`` and
progress entries of the log, and django-simple-history's ``history_date``). Every step runs
inside :meth:`WerkagendaBuilder.on`, which gives what that step writes the step's date:
``ActionUpdate.date``/``created_at`` (updated right after the step) and the ``history_date``
of the historical records of actions, knelpunten, meetings and agenda items (set as they are
written). Moves use the services' own ``on=`` date. Nothing else is touched.

All people, places and texts are fictitious; facts (Stamtafel, advies- en
implementatieoverleg, portefeuillehouders as trekker, the national priority themes and the
voorraad → actie → gereed lists with the three weighing criteria) come from seeds 001 and 004.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.utils import timezone
from simple_history.signals import pre_create_historical_record

from core.locking import save_versioned
from governance.constants import (
    ActionList,
    ActionOrigin,
    AgendaItemKind,
    ClosedReason,
    KnelpuntSource,
    KnelpuntStatus,
    MeetingStatus,
)
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    Knelpunt,
    Meeting,
    Membership,
    Organisation,
    Person,
    Region,
    Theme,
)
from governance.services.meetings import agenda_item_decide
from governance.services.werkagenda import action_move, action_progress, action_save

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY, TUESDAY, WEDNESDAY, THURSDAY = 0, 1, 2, 3

# Theme names (reference data from migration 0002).
ACUUT = "Aanpak van acute onveiligheid"
DWANG = "Handelingsperspectief van autonomie tot dwang"
WONEN = "Passende woon(zorg)plek"
HERSTEL = "Maatschappelijk herstel"
GEDWONGEN_ZORG = "Gedwongen zorg (Wvggz/Wzd)"
HUISELIJK_GEWELD = "Huiselijk geweld en kindermishandeling"
MENSENHANDEL = "Mensenhandel"
ONDERMIJNING = "Ondermijning en jeugdcriminaliteit"
VERWARD = "Personen met verward of onbegrepen gedrag"
GEVAARLIJK = "Personen met gevaarlijk gedrag"
NAZORG = "Nazorg (ex-)gedetineerden"

OPEN, BELEGD, OPGELOST = KnelpuntStatus.OPEN, KnelpuntStatus.BELEGD, KnelpuntStatus.OPGELOST
INFORMEREN = AgendaItemKind.INFORMEREN
BESPREKEN = AgendaItemKind.BESPREKEN
BESLUITEN = AgendaItemKind.BESLUITEN
AFGEROND = ClosedReason.AFGEROND
ELDERS_BELEGD = ClosedReason.ELDERS_BELEGD
VERVALLEN = ClosedReason.VERVALLEN

# Who does what in the story of an action: the secretary keeps the werkagenda; owners and
# trekkers write their own progress notes when their person is linked to a demo user.
SECRETARY, OWNER, TREKKER = "secretary", "owner", "trekker"


def knelpunt(key, theme, title, description, source, source_note, status, days_ago) -> dict:
    return {
        "key": key,
        "theme": theme,
        "title": title,
        "description": description,
        "source": source,
        "source_note": source_note,
        "status": status,
        "days_ago": days_ago,
    }


def actie(on, trekker, body, coalition, due, note="") -> tuple:
    """Move to the actielijst on ``on`` with trekker (person key, body key), owning body,
    coalition (organisation keys) and a due date ``due`` days from today (negative: overdue)."""
    data = {"trekker": trekker, "body": body, "coalition": coalition, "due": due, "note": note}
    return ("actie", on, data)


def voortgang(on, text, who=SECRETARY, due=None) -> tuple:
    """A progress note; ``due`` (days from today) also changes the due date."""
    return ("voortgang", on, {"text": text, "who": who, "due": due})


def gereed(on, reason, note) -> tuple:
    return ("gereed", on, {"reason": reason, "note": note})


def terug(on, to_list, note) -> tuple:
    return ("terug", on, {"to_list": to_list, "note": note})


def item(kind, title, outcome="", *, action=None, knelpunt=None, description="", new_action=None):
    return {
        "kind": kind,
        "title": title,
        "outcome": outcome,
        "action": action,
        "knelpunt": knelpunt,
        "description": description,
        "new_action": new_action,
    }


# --- Noord- en Oost-Gelderland -----------------------------------------------------------------

NOG_LINKS = [
    # (username, person key): the demo users and the persons they are in the register.
    ("demo-secretaris", "netwerksecretaris"),  # netwerksecretaris of the Stamtafel
    ("demo-bestuurder", "burg_doetinchem"),  # Stamtafel member, portefeuillehouder ZVH
    ("demo-deelnemer", "sd_achterhoek"),  # advies- en implementatieoverleg, actiehouder
]

NOG_KNELPUNTEN = [
    # Aanpak van acute onveiligheid (national priority)
    knelpunt(
        "acuut_overdracht",
        ACUUT,
        "Na een crisisinterventie is de overdracht naar het lokale team niet geregeld",
        "Na een acute interventie van politie, crisisdienst of Veilig Thuis is niet afgesproken "
        "wie binnen een werkdag contact legt met het lokale team. De vervolgaanpak begint "
        "daardoor vaak pas na een nieuwe melding.",
        KnelpuntSource.UITVOERING,
        "Procesregisseurs van het Zorg- en Veiligheidshuis en lokale teams in de Achterhoek",
        BELEGD,
        470,
    ),
    knelpunt(
        "acuut_bereikbaarheid",
        ACUUT,
        "Crisisdiensten buiten kantoortijd slecht bereikbaar voor elkaar",
        "Politie, Veilig Thuis en de crisisdienst GGZ hebben 's avonds en in het weekend geen "
        "actueel overzicht van elkaars achterwachten. Professionals verliezen tijd met zoeken.",
        KnelpuntSource.PARTNER,
        "Politie, districten Noord- en Oost-Gelderland",
        OPEN,
        300,
    ),
    knelpunt(
        "acuut_zorgen_jeugd",
        ACUUT,
        "Politiemeldingen over zorgen om jeugdigen komen via verschillende routes binnen",
        "Elke gemeente ontvangt de meldingen anders (mailbox, wijkteam, Veilig Thuis). Niet "
        "altijd is duidelijk wie een melding oppakt en of er iets mee gebeurt.",
        KnelpuntSource.LANDELIJK,
        "Knelpuntenlijst van de landelijke agenda, thema acute onveiligheid",
        OPEN,
        140,
    ),
    # Handelingsperspectief van autonomie tot dwang (national priority)
    knelpunt(
        "dwang_zorgmijders",
        DWANG,
        "Geen passende interventie voor zorgmijders die niet onder de Wvggz vallen",
        "Inwoners die hulp afwijzen en overlast veroorzaken, maar niet voldoen aan de criteria "
        "voor verplichte zorg, blijven buiten beeld. Bemoeizorg is per gemeente anders "
        "ingericht en niet overal beschikbaar.",
        KnelpuntSource.LANDELIJK,
        "Knelpuntenlijst van de landelijke agenda, thema autonomie tot dwang",
        OPEN,
        520,
    ),
    knelpunt(
        "dwang_gedragsaanwijzing",
        DWANG,
        "Burgemeesters weten niet wanneer een gedragsaanwijzing past",
        "De bestuurlijke gedragsaanwijzing wordt in de regio nauwelijks gebruikt. Ambtenaren "
        "openbare orde en zorg kennen de voorwaarden niet en er is geen voorbeeld om op terug "
        "te vallen.",
        KnelpuntSource.VERGADERING,
        "Stamtafel, bij het bespreekvoorstel van een casusreflectie",
        BELEGD,
        330,
    ),
    # Passende woon(zorg)plek (national priority)
    knelpunt(
        "wonen_skaeve",
        WONEN,
        "Te weinig woonplekken voor mensen die niet in een gewone wijk kunnen wonen",
        "Voor inwoners die te ontwrichtend zijn voor een reguliere woning, maar geen "
        "intramurale zorg nodig hebben, zijn nauwelijks prikkelarme of afgelegen woonvormen. "
        "Gemeenten vinden geen locatie en draagvlak.",
        KnelpuntSource.PARTNER,
        "Opvang en Beschermd Thuis Oost-Gelderland",
        OPEN,
        400,
    ),
    knelpunt(
        "wonen_uitstroom",
        WONEN,
        "Uitstroom uit beschermd wonen stokt door gebrek aan woningen",
        "Bewoners die klaar zijn om zelfstandig te wonen blijven maanden langer omdat er geen "
        "woning vrijkomt. De urgentieregels verschillen per gemeente.",
        KnelpuntSource.UITVOERING,
        "Begeleiders beschermd wonen, subregio Midden-IJssel/Oost-Veluwe",
        OPEN,
        330,
    ),
    knelpunt(
        "wonen_detentie",
        WONEN,
        "Huurwoning kwijt tijdens een korte detentie",
        "Bij een detentie van enkele maanden loopt de huur vaak niet door en gaat de woning "
        "verloren. Er zijn geen afspraken met corporaties over behoud van de woning.",
        KnelpuntSource.PARTNER,
        "Reclassering Oost-Gelderland",
        BELEGD,
        290,
    ),
    # Maatschappelijk herstel (national priority)
    knelpunt(
        "herstel_dagbesteding",
        HERSTEL,
        "Geen dagbesteding direct na ontslag uit een kliniek",
        "Na een (gedwongen) opname valt de dagstructuur weg; dagbesteding heeft een wachttijd "
        "van weken. In die periode is het risico op terugval het grootst.",
        KnelpuntSource.REFLECTIE,
        "Casusreflectie subregio Achterhoek",
        OPEN,
        200,
    ),
    knelpunt(
        "herstel_inkomen",
        HERSTEL,
        "Inkomen en schuldhulp niet geregeld bij vrijlating of ontslag",
        "Een uitkering wordt pas na ontslag of vrijlating aangevraagd en schuldhulp begint "
        "maanden later. Mensen staan de eerste weken zonder inkomen.",
        KnelpuntSource.UITVOERING,
        "Consulenten werk en inkomen, gemeente Apeldoorn",
        OPEN,
        90,
    ),
    # Gedwongen zorg (Wvggz/Wzd)
    knelpunt(
        "gz_vervoer",
        GEDWONGEN_ZORG,
        "Vervoer bij een crisismaatregel duurt te lang",
        "Er is vaak uren geen passend zorgvervoer beschikbaar. De politie vervoert dan zelf, "
        "wat voor de betrokkene belastend is en agenten van straat houdt.",
        KnelpuntSource.PARTNER,
        "Politie en crisisdienst GGZ, via de regiegroep gedwongen zorg",
        BELEGD,
        500,
    ),
    knelpunt(
        "gz_hoorplicht",
        GEDWONGEN_ZORG,
        "Hoorplicht van de burgemeester buiten kantoortijd lastig te organiseren",
        "Kleine gemeenten hebben 's avonds en in het weekend niemand met mandaat om de "
        "betrokkene te horen voordat een crisismaatregel wordt genomen.",
        KnelpuntSource.VERGADERING,
        "Regiegroep gedwongen zorg Wvggz/Wzd",
        OPGELOST,
        540,
    ),
    # Huiselijk geweld en kindermishandeling
    knelpunt(
        "hg_mdapp",
        HUISELIJK_GEWELD,
        "Aanpak van ernstig en aanhoudend huiselijk geweld niet in alle subregio's",
        "De multidisciplinaire aanpak (MDA++) is alleen in Midden-IJssel/Oost-Veluwe "
        "beschikbaar. Gezinnen in de Achterhoek en op de Noord-Veluwe worden doorverwezen of "
        "krijgen een lichtere aanpak.",
        KnelpuntSource.PARTNER,
        "Veilig Thuis Noord- en Oost-Gelderland",
        OPEN,
        350,
    ),
    knelpunt(
        "hg_vvt",
        HUISELIJK_GEWELD,
        "Rolverdeling tussen lokale teams en Veilig Verder Teams onduidelijk",
        "Het toekomstscenario kind- en gezinsbescherming vraagt regionale teams, maar welke "
        "taken bij de gemeente blijven is nog niet uitgewerkt.",
        KnelpuntSource.LANDELIJK,
        "Toekomstscenario kind- en gezinsbescherming",
        BELEGD,
        430,
    ),
    # Mensenhandel
    knelpunt(
        "mh_opvang",
        MENSENHANDEL,
        "Geen opvangplek voor slachtoffers van mensenhandel in de eigen regio",
        "Slachtoffers worden buiten de regio opgevangen, ver van hun netwerk en van de "
        "hulpverleners die hen kennen. Een deel haakt daardoor af.",
        KnelpuntSource.PARTNER,
        "Vrouwenopvang Gelderland-Oost",
        OPEN,
        320,
    ),
    knelpunt(
        "mh_signalen",
        MENSENHANDEL,
        "Signalen van arbeidsuitbuiting worden niet gedeeld",
        "Toezichthouders huisvesting, gemeenten en politie zien elk een deel van het beeld "
        "rond arbeidsmigranten, maar er is geen plek waar de signalen samenkomen.",
        KnelpuntSource.UITVOERING,
        "Toezichthouders huisvesting, Noord-Veluwe",
        OPEN,
        120,
    ),
    # Ondermijning en jeugdcriminaliteit
    knelpunt(
        "ond_jeugd",
        ONDERMIJNING,
        "Jongeren in de drugscriminaliteit uit beeld na afloop van de strafzaak",
        "Na de jeugdreclassering stopt de begeleiding; lokaal is niet afgesproken wie het "
        "contact houdt. Jongeren worden opnieuw benaderd door criminele netwerken.",
        KnelpuntSource.PARTNER,
        "Openbaar Ministerie, parket Oost-Nederland",
        OPEN,
        400,
    ),
    # Personen met verward of onbegrepen gedrag
    knelpunt(
        "verward_meldingen",
        VERWARD,
        "Meer meldingen van verward gedrag zonder passende opvolging",
        "De politie registreert elk jaar meer meldingen van verward gedrag. Bij een groot "
        "deel is geen zorgpartij betrokken en volgt er geen contact.",
        KnelpuntSource.PARTNER,
        "Politie, districten Noord- en Oost-Gelderland",
        OPEN,
        460,
    ),
    knelpunt(
        "verward_niet_acuut",
        VERWARD,
        "Meldpunt niet-acute zorg per subregio anders ingericht",
        "Melders weten niet waar ze terechtkunnen: elke subregio heeft een eigen nummer, "
        "openingstijden en werkwijze.",
        KnelpuntSource.LANDELIJK,
        "Landelijke agenda, verbinding met meldpunten niet-acute zorg",
        BELEGD,
        250,
    ),
    # Personen met gevaarlijk gedrag
    knelpunt(
        "gevaarlijk_levensloop",
        GEVAARLIJK,
        "Weinig aanmeldingen voor de levensloopaanpak vanuit de regio",
        "Gemeenten en partners kennen de aanmeldcriteria niet goed; personen met langdurig "
        "gevaarlijk gedrag worden laat of niet aangemeld.",
        KnelpuntSource.UITVOERING,
        "Veiligheidskamer Zorg- en Veiligheidshuis",
        OPEN,
        310,
    ),
    knelpunt(
        "gevaarlijk_gegevens",
        GEVAARLIJK,
        "Onzekerheid over het delen van gegevens sinds de WGS",
        "Partners twijfelen wat ze onder de Wet gegevensverwerking door "
        "samenwerkingsverbanden mogen delen en houden informatie achter.",
        KnelpuntSource.LANDELIJK,
        "Landelijk Kader Zorg- en Veiligheidshuizen",
        OPEN,
        380,
    ),
    # Nazorg (ex-)gedetineerden
    knelpunt(
        "nazorg_id",
        NAZORG,
        "Geen identiteitsbewijs en zorgverzekering bij vrijlating",
        "Wie vrijkomt zonder geldig identiteitsbewijs kan geen uitkering, bankrekening of "
        "woning aanvragen. Het regelen ervan tijdens detentie lukt vaak niet.",
        KnelpuntSource.PARTNER,
        "Penitentiaire inrichting Oost-Gelderland",
        OPEN,
        380,
    ),
    knelpunt(
        "nazorg_melding",
        NAZORG,
        "Gemeente hoort te laat van de terugkeer na detentie",
        "De melding van een naderende vrijlating komt soms pas op de dag zelf binnen. De "
        "gemeente kan dan niets meer voorbereiden.",
        KnelpuntSource.UITVOERING,
        "Nazorgcoördinatoren van de gemeenten",
        BELEGD,
        400,
    ),
]

# Meetings: (key, body key, weeks from today, location, status or None, note). Past meetings
# are "gehouden" unless stated; future ones "gepland". Day and time come from NOG_RHYTHM.
NOG_RHYTHM = {
    "stamtafel": (THURSDAY, time(13, 30)),
    "aio": (TUESDAY, time(9, 30)),
    "dvo": (WEDNESDAY, time(16, 0)),
}
ZVH_APELDOORN = "Zorg- en Veiligheidshuis Noord- en Oost-Gelderland, Apeldoorn"
NOG_MEETINGS = [
    ("st1", "stamtafel", -48, "Gemeentehuis Doetinchem, raadzaal", None, ""),
    ("st2", "stamtafel", -35, "Stadhuis Zutphen, trouwzaal", None, ""),
    ("st3", "stamtafel", -22, "Stadhuis Harderwijk, raadzaal", None, ""),
    ("st4", "stamtafel", -9, ZVH_APELDOORN, None, ""),
    ("st5", "stamtafel", 4, "Gemeentehuis Winterswijk, raadzaal", None, ""),
    ("st6", "stamtafel", 17, "Gemeentehuis Ermelo, raadzaal", None, ""),
    ("st7", "stamtafel", 30, "Gemeentehuis Doetinchem, raadzaal", None, ""),
    ("aio1", "aio", -50, ZVH_APELDOORN, None, ""),
    ("aio2", "aio", -37, "Online (videoverbinding)", None, ""),
    (
        "aio_extra",
        "aio",
        -30,
        ZVH_APELDOORN,
        MeetingStatus.GEANNULEERD,
        "Extra overleg geannuleerd: te weinig onderwerpen. De punten schuiven door naar het "
        "volgende reguliere overleg.",
    ),
    ("aio3", "aio", -24, ZVH_APELDOORN, None, ""),
    ("aio4", "aio", -11, "Online (videoverbinding)", None, ""),
    ("aio5", "aio", 2, ZVH_APELDOORN, None, ""),
    ("aio6", "aio", 15, ZVH_APELDOORN, None, ""),
    *[
        (f"dvo{n}", "dvo", weeks, "Gemeentehuis Apeldoorn, burgemeesterskamer", None, "")
        for n, weeks in enumerate((-49, -41, -32, -24, -15, -6, 3, 11), start=1)
    ],
]

NOG_ACTIONS = [
    # --- voorraadlijst ---------------------------------------------------------------------
    {
        "key": "v_bemoeizorg_pool",
        "title": "Verkennen van een regionale pool voor bemoeizorg",
        "theme": DWANG,
        "description": "Nagaan of gemeenten samen bemoeizorg kunnen inkopen, zodat ook kleine "
        "gemeenten een zorgmijder kunnen laten benaderen.",
        "knelpunten": ["dwang_zorgmijders"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (3, 2, 3),
        "created": 210,
    },
    {
        "key": "v_skaeve",
        "title": "Met corporaties locaties zoeken voor prikkelarme woonvormen",
        "theme": WONEN,
        "description": "Samen met de corporaties en de opvang per subregio twee mogelijke "
        "locaties in beeld brengen, inclusief wat nodig is voor draagvlak in de buurt.",
        "knelpunten": ["wonen_skaeve"],
        "origin": ActionOrigin.LANDELIJK,
        "origin_note": "Landelijke agenda, thema passende woon(zorg)plek",
        "weigh": (3, 1, 3),
        "created": 160,
        "events": [
            voortgang(
                45, "Twee corporaties in de Achterhoek willen meedenken; eerste gesprek gepland."
            ),
        ],
    },
    {
        "key": "v_urgentie",
        "title": "Urgentieregels bij uitstroom uit beschermd wonen gelijktrekken",
        "theme": WONEN,
        "description": "Een regionale afspraak over urgentie voor bewoners die klaar zijn om "
        "zelfstandig te wonen.",
        "knelpunten": ["wonen_uitstroom"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "sd_midden",
        "weigh": (2, 2, 3),
        "created": 120,
    },
    {
        "key": "v_herstelwerkplaats",
        "title": "Pilot herstelwerkplaats met ervaringsdeskundigen",
        "theme": HERSTEL,
        "description": "Een plek waar mensen na opname of detentie direct terechtkunnen voor "
        "dagstructuur, begeleid door ervaringsdeskundigen.",
        "knelpunten": ["herstel_dagbesteding"],
        "origin": ActionOrigin.REFLECTIE,
        "origin_note": "Casusreflectie subregio Achterhoek",
        "owner": "sd_achterhoek",
        "weigh": (2, 3, 2),
        "created": 60,
    },
    {
        "key": "v_inkomen",
        "title": "Uitkering aanvragen vóór ontslag uit de kliniek",
        "theme": HERSTEL,
        "description": "Werkafspraak tussen kliniek en gemeente zodat het inkomen op de dag "
        "van ontslag geregeld is.",
        "knelpunten": ["herstel_inkomen"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (3, 2, 2),
        "created": 45,
    },
    {
        "key": "v_bereikbaarheid",
        "title": "Gedeeld bereikbaarheidsoverzicht van crisisdiensten buiten kantoortijd",
        "theme": ACUUT,
        "description": "Eén actueel overzicht van achterwachten van politie, Veilig Thuis, "
        "crisisdienst GGZ en gemeenten, beheerd door het Zorg- en Veiligheidshuis.",
        "knelpunten": ["acuut_bereikbaarheid"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (3, 3, 2),
        "created": 130,
    },
    {
        "key": "v_zorgen_jeugd",
        "title": "Eén route voor politiemeldingen over zorgen om jeugdigen",
        "theme": ACUUT,
        "description": "Afspreken dat alle meldingen via één ingang binnenkomen en binnen "
        "vijf werkdagen zijn opgepakt.",
        "knelpunten": ["acuut_zorgen_jeugd"],
        "origin": ActionOrigin.LANDELIJK,
        "origin_note": "Landelijke agenda, thema acute onveiligheid",
        "weigh": (2, 2, 2),
        "created": 30,
    },
    {
        "key": "v_opvang_mh",
        "title": "Regionale opvangplekken voor slachtoffers van mensenhandel verkennen",
        "theme": MENSENHANDEL,
        "description": "Nagaan of de vrouwenopvang en de maatschappelijke opvang samen een "
        "paar plekken in de regio kunnen bieden.",
        "knelpunten": ["mh_opvang"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (3, 1, 2),
        "created": 230,
        "events": [
            voortgang(70, "Vrouwenopvang rekent de kosten door; uitkomst binnen drie maanden."),
        ],
    },
    {
        "key": "v_arbeidsuitbuiting",
        "title": "Signaleringsoverleg arbeidsuitbuiting met toezichthouders",
        "theme": MENSENHANDEL,
        "description": "Een vast overleg per subregio waar signalen van gemeenten, "
        "toezichthouders en politie samenkomen.",
        "knelpunten": ["mh_signalen"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (2, 3, 2),
        "created": 20,
    },
    {
        "key": "v_jongeren",
        "title": "Vervolgaanbod voor jongeren na een strafzaak in de drugscriminaliteit",
        "theme": ONDERMIJNING,
        "description": "Lokaal een vast aanspreekpunt voor jongeren na de jeugdreclassering, "
        "met een aanbod voor school, werk en vrije tijd.",
        "knelpunten": ["ond_jeugd"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (2, 2, 3),
        "created": 85,
    },
    {
        "key": "v_levensloop",
        "title": "Aanmeldcriteria van de levensloopaanpak bekendmaken bij gemeenten",
        "theme": GEVAARLIJK,
        "description": "Korte uitleg en twee bijeenkomsten voor wijkteams en ambtenaren "
        "openbare orde.",
        "knelpunten": ["gevaarlijk_levensloop"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "procesregisseur_zvh",
        "weigh": (2, 3, 1),
        "created": 75,
    },
    {
        "key": "v_wgs",
        "title": "Werkinstructie gegevensdeling onder de WGS voor de veiligheidskamer",
        "theme": GEVAARLIJK,
        "description": "Per soort casus vastleggen welke gegevens partners delen, met welke "
        "grondslag en wie dat toetst.",
        "knelpunten": ["gevaarlijk_gegevens"],
        "origin": ActionOrigin.LANDELIJK,
        "origin_note": "Landelijk Kader Zorg- en Veiligheidshuizen",
        "weigh": (3, 2, 3),
        "created": 165,
        "events": [
            voortgang(
                "aio4",
                "Gewogen in het advies- en implementatieoverleg: hoog op alle drie de criteria.",
            ),
        ],
    },
    {
        "key": "v_ervaring",
        "title": "Ervaringsdeskundigen betrekken bij elk thema van de Stamtafel",
        "theme": None,
        "description": "Voorstel van het netwerk ervaringsdeskundigen; nog te wegen in het "
        "advies- en implementatieoverleg.",
        "origin": ActionOrigin.OVERIG,
        "origin_note": "Voorstel netwerk ervaringsdeskundigen",
        "created": 14,
    },
    {
        "key": "v_id_bewijs",
        "title": "Identiteitsbewijs en zorgverzekering regelen vóór de vrijlating",
        "theme": NAZORG,
        "description": "Afspraken tussen de inrichting en de gemeenten over het aanvragen van "
        "documenten tijdens de detentie.",
        "knelpunten": ["nazorg_id"],
        "origin": ActionOrigin.KNELPUNT,
        "created": 10,
    },
    {
        "key": "v_mdapp",
        "title": "Aanpak ernstig en aanhoudend huiselijk geweld uitbreiden naar alle subregio's",
        "theme": HUISELIJK_GEWELD,
        "description": "Nagaan wat nodig is om MDA++ ook in de Achterhoek en op de "
        "Noord-Veluwe te bieden.",
        "knelpunten": ["hg_mdapp"],
        "origin": ActionOrigin.KNELPUNT,
        "created": 7,
    },
    # --- actielijst ------------------------------------------------------------------------
    {
        "key": "a_overdracht",
        "title": "Overdrachtsprotocol van crisisinterventie naar lokaal team",
        "theme": ACUUT,
        "description": "Een protocol dat vastlegt wie na een acute interventie binnen een "
        "werkdag contact legt met het lokale team, en hoe de informatie meegaat.",
        "knelpunten": ["acuut_overdracht"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "sd_achterhoek",
        "weigh": (3, 3, 3),
        "created": 420,
        "events": [
            actie("st1", ("burg_doetinchem", "stamtafel"), "aio", ["politie", "vt", "ggz"], 45),
            voortgang(
                250, "Eerste versie besproken met drie lokale teams in de Achterhoek.", OWNER
            ),
            voortgang(
                160,
                "Crisisdienst GGZ en Veilig Thuis hebben hun werkwijze aangepast in het concept.",
                OWNER,
            ),
            voortgang(40, "Definitieve versie klaar voor vaststelling in de Stamtafel.", OWNER),
        ],
    },
    {
        "key": "a_vervoer",
        "title": "Afspraken over zorgvervoer bij een crisismaatregel",
        "theme": GEDWONGEN_ZORG,
        "description": "Met zorgverzekeraar en ambulancezorg een vaste aanrijtijd voor "
        "passend vervoer afspreken, zodat de politie alleen vervoert als het niet anders kan.",
        "knelpunten": ["gz_vervoer"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "wvggz_apeldoorn",
        "weigh": (3, 2, 3),
        "created": 480,
        "events": [
            actie(
                430,
                ("weth_zutphen", "ph_gz"),
                "regiegroep",
                ["ggz", "politie", "zorgverzekeraar"],
                -30,
            ),
            voortgang(300, "Zorgverzekeraar bereid tot een proef van een half jaar."),
            voortgang(200, "Proef gestart in Midden-IJssel/Oost-Veluwe."),
            voortgang(105, "Tussenmeting: aanrijtijd gehalveerd; evaluatie volgt."),
        ],
    },
    {
        "key": "a_gedragsaanwijzing",
        "title": "Handreiking gedragsaanwijzing voor burgemeesters",
        "theme": DWANG,
        "description": "Een korte handreiking: wanneer past een gedragsaanwijzing, hoe verloopt "
        "het besluit en wie zorgt voor de zorgkant.",
        "knelpunten": ["dwang_gedragsaanwijzing"],
        "origin": ActionOrigin.VERGADERBESLUIT,
        "origin_note": "Stamtafel, na de verkenning van gedragsaanwijzingen in andere regio's",
        "owner": "driehoek_3",
        "weigh": (2, 3, 2),
        "created": 275,
        "events": [
            actie("st2", ("burg_apeldoorn", "stamtafel"), "aio", ["om", "politie", "ggz"], 20),
            voortgang(150, "Juridische toets door het OM afgerond."),
            voortgang(60, "Concept besproken met de secretarissen van de gezagsdriehoeken."),
        ],
    },
    {
        "key": "a_woningbehoud",
        "title": "Afspraken over woningbehoud bij detentie met corporaties",
        "theme": WONEN,
        "description": "Met corporaties en reclassering afspreken dat een huurwoning bij een "
        "korte detentie behouden blijft als de huur doorbetaald wordt.",
        "knelpunten": ["wonen_detentie"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "sd_noord",
        "weigh": (2, 2, 3),
        "created": 280,
        "events": [
            actie(
                "st2", ("weth_ermelo", "stamtafel"), "stamtafel", ["reclassering", "pi", "mo"], -10
            ),
            voortgang(135, "Drie van de vijf corporaties op de Noord-Veluwe doen mee."),
        ],
    },
    {
        "key": "a_vvt",
        "title": "Vorming van de Veilig Verder Teams",
        "theme": HUISELIJK_GEWELD,
        "description": "Uitwerken hoe de regio de Veilig Verder Teams vormt en welke taken bij "
        "de lokale teams blijven.",
        "knelpunten": ["hg_vvt"],
        "origin": ActionOrigin.LANDELIJK,
        "origin_note": "Toekomstscenario kind- en gezinsbescherming",
        "owner": "sd_midden",
        "weigh": (3, 2, 3),
        "created": 425,
        "events": [
            actie(
                400,
                ("weth_apeldoorn", "projectteam_vvt"),
                "projectteam_vvt",
                ["vt", "jeugdzorg"],
                120,
            ),
            voortgang(300, "Projectplan vastgesteld door de projectmatig portefeuillehouder."),
            voortgang(200, "Verkenning van drie varianten voor de teamindeling afgerond."),
            voortgang(110, "Voorkeursvariant besproken met de Vergadering van Gemeenten."),
            voortgang(25, "Huisvesting en personele inzet in uitwerking.", due=150),
        ],
    },
    {
        "key": "a_verward",
        "title": "Regionale werkwijze bij meldingen van verward gedrag",
        "theme": VERWARD,
        "description": "Eén werkwijze voor opvolging van meldingen, van politie naar zorg, "
        "met een vaste terugkoppeling aan de melder.",
        "knelpunten": ["verward_meldingen"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "driehoek_1",
        "weigh": (3, 2, 3),
        "created": 450,
        "events": [
            actie(385, ("politie", "stamtafel"), "aio", ["politie", "ggz", "verslaving"], 60),
            voortgang(280, "Analyse van een half jaar meldingen gereed."),
            voortgang(190, "Werkwijze getest in twee gemeenten."),
            voortgang(95, "Wacht op besluit over de financiering van de zorgcoördinatoren."),
        ],
    },
    {
        "key": "a_meldpunt",
        "title": "Eén werkwijze voor het meldpunt niet-acute zorg",
        "theme": VERWARD,
        "description": "De drie subregio's spreken één bereikbaarheid en één manier van "
        "terugkoppelen af.",
        "knelpunten": ["verward_niet_acuut"],
        "origin": ActionOrigin.LANDELIJK,
        "origin_note": "Landelijke agenda, verbinding met meldpunten niet-acute zorg",
        "owner": "sd_achterhoek",
        "weigh": (2, 3, 2),
        "created": 240,
        "events": [
            actie(205, ("dir_ggz", "stamtafel"), "aio", ["ggz", "mo", "politie"], -5),
            voortgang(120, "Achterhoek en Noord-Veluwe akkoord met één telefoonnummer.", OWNER),
            voortgang(
                35,
                "Midden-IJssel wil eerst de eigen evaluatie afronden; termijn "
                "haalbaar als de Stamtafel er de volgende keer over besluit.",
                OWNER,
            ),
        ],
    },
    {
        "key": "a_terugkeer",
        "title": "Melding van terugkeer na detentie via het Zorg- en Veiligheidshuis",
        "theme": NAZORG,
        "description": "Het Zorg- en Veiligheidshuis meldt een naderende vrijlating ten minste "
        "vier weken vooraf aan de gemeente van terugkeer.",
        "knelpunten": ["nazorg_melding"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "procesregisseur_zvh",
        "weigh": (3, 3, 2),
        "created": 225,
        "events": [
            actie(200, ("reclassering", "stamtafel"), "ph_zvh", ["pi", "reclassering", "zvh"], 30),
            voortgang(100, "Werkproces beschreven; de inrichting levert wekelijks een lijst."),
            voortgang(15, "Twee maanden proefgedraaid: alle gemeenten kregen tijdig bericht."),
        ],
    },
    {
        "key": "a_routekaart_mh",
        "title": "Routekaart zorg en opvang voor slachtoffers van mensenhandel",
        "theme": MENSENHANDEL,
        "description": "Een overzicht voor professionals: wie doet wat vanaf het eerste "
        "signaal tot en met opvang en nazorg.",
        "knelpunten": ["mh_opvang"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "driehoek_5",
        "weigh": (2, 3, 2),
        "created": 310,
        "events": [
            actie(
                265, ("burg_harderwijk", "ph_mh"), "ph_mh", ["vrouwenopvang", "politie", "om"], 90
            ),
            voortgang(180, "Routekaart in concept; besproken in het DVO."),
            voortgang(70, "Aangevuld met de opvang buiten de regio."),
        ],
    },
    {
        "key": "a_jaarplan_zvh",
        "title": "Jaarplan en begroting Zorg- en Veiligheidshuis voor volgend jaar",
        "theme": None,
        "description": "Jaarplan op basis van het Landelijk Kader, binnen de financiële kaders "
        "die het DVO vaststelt.",
        "origin": ActionOrigin.LANDELIJK,
        "origin_note": "Landelijk Kader Zorg- en Veiligheidshuizen",
        "owner": "manager_zvh",
        "weigh": (3, 3, 2),
        "created": 125,
        "events": [
            actie(100, ("burg_doetinchem", "ph_zvh"), "ph_zvh", ["zvh", "politie", "om"], 35),
            voortgang(50, "Kaderbrief door het DVO vastgesteld.", TREKKER),
            voortgang(12, "Concept-jaarplan naar de partners voor reactie.", TREKKER),
        ],
    },
    {
        "key": "a_bemoeizorg_achterhoek",
        "title": "Pilot bemoeizorg in de Achterhoek",
        "theme": DWANG,
        "description": "Een jaar lang bemoeizorg voor alle acht Achterhoekse gemeenten vanuit "
        "één team, met een evaluatie voor de rest van de regio.",
        "knelpunten": ["dwang_zorgmijders"],
        "origin": ActionOrigin.REFLECTIE,
        "origin_note": "Casusreflectie subregio Achterhoek",
        "owner": "sd_achterhoek",
        "weigh": (3, 2, 3),
        "created": 190,
        "events": [
            actie(160, ("weth_winterswijk", "stamtafel"), "aio", ["ggz", "verslaving", "mo"], -20),
            voortgang(145, "Subsidieaanvraag ingediend bij de acht gemeenten.", OWNER),
        ],
    },
    {
        "key": "a_crisis_0_100",
        "title": "Aansluiten bij de regionale crisisinterventie van 0 tot 100",
        "theme": ACUUT,
        "description": "Leren van de ontwikkelregio's en bepalen welke onderdelen de regio "
        "overneemt.",
        "origin": ActionOrigin.LANDELIJK,
        "origin_note": "Landelijke agenda, thema acute onveiligheid",
        "owner": "netwerksecretaris",
        "weigh": (3, 2, 3),
        "created": 165,
        "events": [
            actie(
                140,
                ("dir_vt", "stamtafel"),
                "stamtafel",
                ["vt", "politie", "jeugdzorg"],
                150,
            ),
            voortgang(80, "Werkbezoek aan een ontwikkelregio met politie en Veilig Thuis."),
            voortgang(30, "Eerste bouwstenen voor de regio beschreven."),
        ],
    },
    {
        "key": "a_dagbesteding",
        "title": "Dagbesteding direct na klinisch ontslag",
        "theme": HERSTEL,
        "description": "Afspraken tussen GGZ, opvang en gemeenten zodat er op de dag van "
        "ontslag een plek voor dagbesteding klaarstaat.",
        "knelpunten": ["herstel_dagbesteding"],
        "origin": ActionOrigin.REFLECTIE,
        "origin_note": "Casusreflectie subregio Achterhoek",
        "owner": "sd_midden",
        "weigh": (2, 3, 3),
        "created": 190,
        "events": [
            actie("st3", ("dir_mo", "stamtafel"), "aio", ["mo", "ggz", "ervaring"], 75),
            voortgang(60, "Twee aanbieders reserveren plekken voor mensen na ontslag."),
        ],
    },
    {
        "key": "a_op_afschalen",
        "title": "Evaluatie van de op- en afschaalafspraken van het Zorg- en Veiligheidshuis",
        "theme": GEVAARLIJK,
        "description": "Nagaan of de afspraken over op- en afschalen werken en of de "
        "informatiedeling past bij de WGS.",
        "knelpunten": ["gevaarlijk_gegevens"],
        "origin": ActionOrigin.OVERIG,
        "origin_note": "Jaarplan Zorg- en Veiligheidshuis",
        "owner": "manager_zvh",
        "weigh": (2, 2, 2),
        "created": 355,
        "events": [
            actie(310, ("weth_ermelo", "ph_zvh"), "ph_zvh", ["zvh", "politie", "om"], -45),
            voortgang(210, "Interviews met partners afgerond."),
            voortgang(125, "Rapportage vertraagd door wisseling van onderzoeker."),
        ],
    },
    {
        "key": "a_jeugdprostitutie",
        "title": "Regionale werkafspraken bij jeugdprostitutie",
        "theme": ONDERMIJNING,
        "description": "Afspraken tussen politie, jeugdzorg, Veilig Thuis en gemeenten over "
        "signaleren, melden en beschermen.",
        "knelpunten": ["ond_jeugd"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "driehoek_6",
        "weigh": (3, 2, 3),
        "created": 390,
        "events": [
            actie(
                355, ("burg_harderwijk", "stamtafel"), "ph_mh", ["politie", "jeugdzorg", "vt"], 60
            ),
            gereed(
                205,
                ELDERS_BELEGD,
                "Opgenomen in het landelijke actieprogramma; de regio "
                "volgt de landelijke afspraken.",
            ),
            terug(
                "st3",
                ActionList.ACTIE,
                "Het landelijke programma maakt geen regionale "
                "werkafspraken; de Stamtafel haalt de actie terug.",
            ),
            voortgang(50, "Eerste werksessie met politie en jeugdzorg gehouden."),
        ],
    },
    # --- gereedlijst -----------------------------------------------------------------------
    {
        "key": "g_hoorplicht",
        "title": "Regionale pool voor de hoorplicht Wvggz",
        "theme": GEDWONGEN_ZORG,
        "description": "Een pool van mandaathouders die buiten kantoortijd voor alle gemeenten "
        "de hoorplicht uitvoert.",
        "knelpunten": ["gz_hoorplicht"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "wvggz_harderwijk",
        "weigh": (3, 3, 3),
        "created": 535,
        "events": [
            actie(505, ("weth_zutphen", "ph_gz"), "regiegroep", ["ggz", "verslaving", "om"], -200),
            voortgang(420, "Mandaatbesluiten door alle 22 gemeenten genomen."),
            voortgang(330, "Pool draait; eerste drie maanden zonder gemiste hoorzitting."),
            gereed(
                290,
                AFGEROND,
                "De pool werkt sinds een half jaar naar tevredenheid; "
                "geëvalueerd in de regiegroep gedwongen zorg.",
            ),
        ],
    },
    {
        "key": "g_tafeloverzicht",
        "title": "Overzicht van alle overleggen zorg en veiligheid in de regio",
        "theme": None,
        "description": "In kaart brengen welke tafels er zijn, wie er zitten en welke kunnen "
        "vervallen, om de bestuurlijke drukte te verminderen.",
        "origin": ActionOrigin.OVERIG,
        "origin_note": "Sturingsvisie: vereenvoudiging van de overlegstructuur",
        "owner": "netwerksecretaris",
        "weigh": (2, 3, 2),
        "created": 520,
        "events": [
            actie(480, ("weth_winterswijk", "stamtafel"), "stamtafel", ["zvh", "vt"], -300),
            voortgang(410, "Overzicht van 31 overleggen opgesteld en gedeeld."),
            gereed(
                "st1",
                AFGEROND,
                "Overzicht vastgesteld; twee overleggen zijn opgeheven en "
                "een derde gaat op in het advies- en implementatieoverleg.",
            ),
        ],
    },
    {
        "key": "g_meldcode",
        "title": "Scholing meldcode voor wijkteams",
        "theme": HUISELIJK_GEWELD,
        "description": "Een scholingsaanbod over de meldcode voor alle lokale teams.",
        "origin": ActionOrigin.OVERIG,
        "weigh": (2, 3, 1),
        "created": 300,
        "events": [
            gereed(
                265,
                ELDERS_BELEGD,
                "Belegd bij de Vergadering van Gemeenten Veilig Thuis, "
                "als onderdeel van de opdracht aan Veilig Thuis.",
            ),
        ],
    },
    {
        "key": "g_crisisbedden",
        "title": "Eigen crisisbedden voor de regio",
        "theme": VERWARD,
        "description": "Een regionale voorziening met crisisbedden voor mensen met verward gedrag.",
        "knelpunten": ["verward_meldingen"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (2, 1, 2),
        "created": 420,
        "events": [
            gereed(
                360,
                VERVALLEN,
                "De zorgverzekeraar koopt crisisbedden al regionaal in; een "
                "eigen voorziening is niet nodig en niet uitvoerbaar.",
            ),
        ],
    },
    {
        "key": "g_vt_politie",
        "title": "Werkafspraken Veilig Thuis en politie bij acute meldingen huiselijk geweld",
        "theme": ACUUT,
        "description": "Afspraken over gezamenlijk optrekken bij een acute melding en over de "
        "terugkoppeling daarna.",
        "origin": ActionOrigin.OVERIG,
        "owner": "driehoek_2",
        "weigh": (3, 3, 2),
        "created": 455,
        "events": [
            actie(425, ("dir_vt", "stamtafel"), "aio", ["vt", "politie"], -250),
            voortgang(350, "Werkafspraken in concept."),
            voortgang(280, "Getest in de districten Achterhoek en Noord-Veluwe."),
            gereed(235, AFGEROND, "Werkafspraken ondertekend door Veilig Thuis en politie."),
        ],
    },
    {
        "key": "g_uitstroom_pi",
        "title": "Casusregie bij uitstroom uit de penitentiaire inrichting",
        "theme": NAZORG,
        "description": "Bij complexe uitstroom één casusregisseur die gemeente, reclassering "
        "en zorg verbindt.",
        "knelpunten": ["nazorg_melding"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (2, 2, 2),
        "created": 385,
        "events": [
            actie(345, ("reclassering", "stamtafel"), "aio", ["reclassering", "pi"], -150),
            voortgang(300, "Voorbeeldcasussen verzameld."),
            gereed(
                255,
                ELDERS_BELEGD,
                "Opgenomen in de werkwijze van de veiligheidskamer van "
                "het Zorg- en Veiligheidshuis.",
            ),
        ],
    },
    {
        "key": "g_inventarisatie_gedragsaanwijzing",
        "title": "Inventarisatie van gedragsaanwijzingen in andere regio's",
        "theme": DWANG,
        "description": "Nagaan hoe andere regio's de gedragsaanwijzing inzetten en wat dat "
        "oplevert.",
        "knelpunten": ["dwang_gedragsaanwijzing"],
        "origin": ActionOrigin.VERGADERBESLUIT,
        "origin_note": "Stamtafel, bespreekvoorstel casusreflectie Noord-Veluwe",
        "owner": "sd_achterhoek",
        "weigh": (2, 3, 2),
        "created": 315,
        "events": [
            actie(295, ("burg_apeldoorn", "stamtafel"), "aio", ["om", "politie"], -240),
            voortgang(275, "Vier regio's gesproken.", OWNER),
            gereed(
                "aio2",
                AFGEROND,
                "Notitie besproken in het advies- en "
                "implementatieoverleg; vervolg is de handreiking op de "
                "actielijst.",
            ),
        ],
    },
    {
        "key": "g_kennisdag_mh",
        "title": "Regionale kennisdag mensenhandel",
        "theme": MENSENHANDEL,
        "description": "Een dag voor professionals uit zorg, veiligheid en gemeenten over "
        "signalen van mensenhandel.",
        "origin": ActionOrigin.OVERIG,
        "owner": "driehoek_5",
        "weigh": (1, 3, 2),
        "created": 330,
        "events": [
            actie(
                300, ("burg_harderwijk", "ph_mh"), "ph_mh", ["politie", "vrouwenopvang", "om"], -160
            ),
            voortgang(200, "Programma rond; 150 aanmeldingen."),
            gereed(
                "st3",
                AFGEROND,
                "Kennisdag gehouden in Harderwijk; verslag gedeeld met alle deelnemers.",
            ),
        ],
    },
    {
        "key": "g_stuurgroep_gevaarlijk",
        "title": "Aparte stuurgroep voor personen met gevaarlijk gedrag",
        "theme": GEVAARLIJK,
        "description": "Voorstel voor een eigen bestuurlijke stuurgroep voor dit thema.",
        "origin": ActionOrigin.OVERIG,
        "weigh": (2, 2, 1),
        "created": 280,
        "events": [
            gereed(
                "st3",
                VERVALLEN,
                "Past niet bij de afspraak om geen nieuwe tafels in te "
                "stellen: de Stamtafel houdt het thema zelf.",
            ),
        ],
    },
    {
        "key": "g_monitor_pok",
        "title": "Aansluiten bij de landelijke monitor van de POK-middelen",
        "theme": None,
        "description": "Regionale cijfers aanleveren voor de landelijke monitor.",
        "origin": ActionOrigin.LANDELIJK,
        "created": 200,
        "events": [
            gereed(
                150,
                ELDERS_BELEGD,
                "Loopt via de landelijke vereniging van Zorg- en "
                "Veiligheidshuizen; het ZVH levert de cijfers.",
            ),
        ],
    },
]

# The action a Stamtafel decision creates (``agenda_item_decide``), with its later history.
NOG_DECIDED_ACTION = {
    "key": "a_lobby_pok",
    "title": "Gezamenlijke lobby voor structurele POK-middelen na 2027",
    "theme": None,
    "description": "De partners van de Stamtafel brengen samen bij Rijk en VNG in dat de "
    "middelen voor personen met onbegrepen gedrag na 2027 doorlopen.",
    "trekker": ("burg_doetinchem", "stamtafel"),
    "coalition": ["zvh", "politie", "om"],
    "owner": "manager_zvh",
    "due": 100,
    "events": [
        voortgang(30, "Gezamenlijke brief opgesteld; bespreking met de VNG gepland.", TREKKER),
    ],
}

NOG_AGENDA = {
    "st1": [
        item(
            INFORMEREN,
            "Terugkoppeling regiegroep gedwongen zorg",
            "De portefeuillehouder gedwongen zorg licht de proef met zorgvervoer toe. De tafel "
            "vraagt om een tussenstand over een half jaar.",
            knelpunt="gz_vervoer",
            action="a_vervoer",
        ),
        item(
            BESLUITEN,
            "Overdrachtsprotocol crisisinterventie op de actielijst",
            "Besloten: de actie gaat naar de actielijst. De burgemeester van Doetinchem is "
            "bestuurlijk trekker; het advies- en implementatieoverleg werkt het protocol uit.",
            action="a_overdracht",
            knelpunt="acuut_overdracht",
        ),
        item(
            BESPREKEN,
            "Zorgmijders buiten de Wvggz",
            "Herkenbaar beeld bij alle partners. Eerst verkennen wat bemoeizorg per gemeente "
            "nu biedt.",
            knelpunt="dwang_zorgmijders",
        ),
        item(
            BESLUITEN,
            "Overzicht van overleggen zorg en veiligheid",
            "Vastgesteld. Twee overleggen worden opgeheven; de actie gaat naar de gereedlijst.",
            action="g_tafeloverzicht",
        ),
    ],
    "st2": [
        item(
            BESLUITEN,
            "Handreiking gedragsaanwijzing",
            "Besloten: op de actielijst met de burgemeester van Apeldoorn als trekker.",
            action="a_gedragsaanwijzing",
            knelpunt="dwang_gedragsaanwijzing",
        ),
        item(
            BESLUITEN,
            "Woningbehoud bij detentie",
            "Besloten: op de actielijst; de wethouder van Ermelo trekt het gesprek met de "
            "corporaties.",
            action="a_woningbehoud",
            knelpunt="wonen_detentie",
        ),
        item(
            INFORMEREN,
            "Voorbereiding kennisdag mensenhandel",
            "Kennisgenomen van het programma.",
            action="g_kennisdag_mh",
        ),
        item(
            INFORMEREN,
            "Jaarverslag Zorg- en Veiligheidshuis",
            "Kennisgenomen; de tafel complimenteert het ZVH met de doorlooptijden.",
        ),
    ],
    "st3": [
        item(
            BESLUITEN,
            "Voorstel voor een aparte stuurgroep gevaarlijk gedrag",
            "Niet overgenomen: de Stamtafel houdt het thema zelf. Naar de gereedlijst als "
            "vervallen.",
            action="g_stuurgroep_gevaarlijk",
        ),
        item(
            INFORMEREN,
            "Terugblik kennisdag mensenhandel",
            "Goed bezocht; de actie is afgerond.",
            action="g_kennisdag_mh",
        ),
        item(
            BESLUITEN,
            "Dagbesteding direct na klinisch ontslag",
            "Besloten: op de actielijst, met de directeur van de opvang als trekker.",
            action="a_dagbesteding",
            knelpunt="herstel_dagbesteding",
        ),
        item(
            BESLUITEN,
            "Werkafspraken jeugdprostitutie terug op de actielijst",
            "Besloten: terug naar de actielijst; het landelijke programma maakt geen regionale "
            "afspraken.",
            action="a_jeugdprostitutie",
        ),
        item(
            BESPREKEN,
            "Evaluatie op- en afschaalafspraken",
            "Zorgen over de vertraging. De trekker geeft in de volgende vergadering een "
            "nieuwe planning.",
            action="a_op_afschalen",
        ),
    ],
    "st4": [
        item(
            BESLUITEN,
            "Lobby voor structurele POK-middelen",
            "Besloten: de partners trekken samen op richting Rijk en VNG. De burgemeester van "
            "Doetinchem is trekker.",
            new_action=NOG_DECIDED_ACTION,
        ),
        item(
            INFORMEREN,
            "Voortgang Veilig Verder Teams",
            "Kennisgenomen van de voorkeursvariant.",
            action="a_vvt",
            knelpunt="hg_vvt",
        ),
        item(
            BESPREKEN,
            "Meldingen van verward gedrag",
            "De financiering van zorgcoördinatoren blijft het knelpunt. De trekker komt met "
            "een voorstel.",
            action="a_verward",
            knelpunt="verward_meldingen",
        ),
        item(
            BESPREKEN,
            "Opvang slachtoffers mensenhandel",
            "De tafel vraagt de portefeuillehouder mensenhandel om de opties op een rij te zetten.",
            knelpunt="mh_opvang",
        ),
    ],
    "st5": [
        item(INFORMEREN, "Voortgang werkagenda en nieuwe knelpunten"),
        item(
            BESLUITEN,
            "Overdrachtsprotocol crisisinterventie vaststellen",
            action="a_overdracht",
            knelpunt="acuut_overdracht",
            description="Het protocol ligt ter vaststelling voor; daarna invoering per subregio.",
        ),
        item(BESPREKEN, "Woningbehoud bij detentie: termijn verlopen", action="a_woningbehoud"),
        item(
            BESPREKEN,
            "Passende woonplekken: regionale opgave",
            action="v_skaeve",
            knelpunt="wonen_skaeve",
        ),
        item(BESLUITEN, "Handreiking gedragsaanwijzing vaststellen", action="a_gedragsaanwijzing"),
    ],
    "aio1": [
        item(
            BESPREKEN,
            "Voorbereiding Stamtafel: overdrachtsprotocol",
            "Advies aan de Stamtafel: op de actielijst zetten.",
            action="a_overdracht",
        ),
        item(
            INFORMEREN,
            "Landelijke agenda: de vier prioritaire thema's",
            "Toegelicht door de netwerksecretaris; knelpunten worden per thema bijgehouden.",
        ),
        item(
            BESPREKEN,
            "Meldingen van verward gedrag",
            "Politie deelt de cijfers; verdere analyse in de werkgroep.",
            knelpunt="verward_meldingen",
            action="a_verward",
        ),
    ],
    "aio2": [
        item(
            BESPREKEN,
            "Uitkomsten inventarisatie gedragsaanwijzingen",
            "Notitie besproken; advies aan de Stamtafel om een handreiking te laten maken.",
            action="g_inventarisatie_gedragsaanwijzing",
        ),
        item(
            BESPREKEN,
            "Voorstel handreiking gedragsaanwijzing",
            "Opzet akkoord.",
            action="a_gedragsaanwijzing",
        ),
        item(
            INFORMEREN,
            "Weging van de voorraadlijst",
            "De drie criteria toegelicht; de deelnemers wegen nieuwe acties voortaan vooraf.",
        ),
    ],
    "aio3": [
        item(
            BESPREKEN,
            "Dagbesteding na ontslag: voorstel voor de Stamtafel",
            "Voorstel aangescherpt; gaat naar de Stamtafel.",
            action="a_dagbesteding",
        ),
        item(
            BESPREKEN,
            "Gegevensdeling sinds de WGS",
            "Behoefte aan een werkinstructie; toegevoegd aan de voorraadlijst.",
            knelpunt="gevaarlijk_gegevens",
        ),
        item(
            INFORMEREN,
            "Melding van terugkeer na detentie",
            "Kennisgenomen van het werkproces.",
            action="a_terugkeer",
        ),
    ],
    "aio4": [
        item(
            BESPREKEN,
            "Meldpunt niet-acute zorg",
            "Midden-IJssel vraagt meer tijd; de actiehouder stemt af met de trekker.",
            action="a_meldpunt",
            knelpunt="verward_niet_acuut",
        ),
        item(
            INFORMEREN,
            "Pilot bemoeizorg Achterhoek",
            "De subsidieaanvraag ligt bij de gemeenten.",
            action="a_bemoeizorg_achterhoek",
        ),
        item(
            BESPREKEN,
            "Nieuwe acties op de voorraadlijst wegen",
            "Drie acties gewogen; de werkinstructie WGS scoort hoog.",
            action="v_wgs",
        ),
    ],
    "aio5": [
        item(BESPREKEN, "Voorbereiding Stamtafel", action="a_overdracht"),
        item(BESPREKEN, "Voorstel ervaringsdeskundigen bij elk thema", action="v_ervaring"),
        item(INFORMEREN, "Inkomen bij ontslag of vrijlating", knelpunt="herstel_inkomen"),
    ],
    "dvo1": [
        item(
            BESLUITEN,
            "Financiële kaders Zorg- en Veiligheidshuis",
            "Vastgesteld, met een indexatie van twee procent.",
        ),
        item(INFORMEREN, "Terugkoppeling Stamtafel", "Kennisgenomen."),
    ],
    "dvo2": [item(INFORMEREN, "Terugkoppeling Stamtafel", "Kennisgenomen.")],
    "dvo3": [
        item(
            BESPREKEN,
            "Routekaart mensenhandel",
            "De burgemeesters steunen de routekaart en vragen aandacht voor arbeidsuitbuiting.",
            action="a_routekaart_mh",
        ),
    ],
    "dvo4": [item(INFORMEREN, "Terugkoppeling Stamtafel", "Kennisgenomen.")],
    "dvo5": [
        item(
            BESLUITEN,
            "Kaderbrief Zorg- en Veiligheidshuis voor volgend jaar",
            "Vastgesteld.",
            action="a_jaarplan_zvh",
        ),
    ],
    "dvo6": [
        item(
            INFORMEREN,
            "Jaarplan Zorg- en Veiligheidshuis in voorbereiding",
            "Kennisgenomen.",
            action="a_jaarplan_zvh",
        ),
    ],
}

NOG_BUILD = {
    "slug": "nog",
    "secretary": "demo-secretaris",
    "links": NOG_LINKS,
    "knelpunten": NOG_KNELPUNTEN,
    "rhythm": NOG_RHYTHM,
    "meetings": NOG_MEETINGS,
    "actions": NOG_ACTIONS,
    "agenda": NOG_AGENDA,
}


# --- Voorbeeldregio ----------------------------------------------------------------------------

VB_KNELPUNTEN = [
    knelpunt(
        "vb_beoordeling",
        VERWARD,
        "Lange wachttijd voor een beoordeling door de crisisdienst",
        "Politie wacht soms uren op een beoordeling; de betrokkene zit zolang op het bureau.",
        KnelpuntSource.PARTNER,
        "Politie, district Voorbeeldregio",
        OPEN,
        330,
    ),
    knelpunt(
        "vb_meldlijn",
        VERWARD,
        "Huisartsen kennen de regionale meldlijn niet",
        "Huisartsen bellen de politie of de crisisdienst voor situaties die de meldlijn kan "
        "oppakken.",
        KnelpuntSource.UITVOERING,
        "Meldlijn Voorbeeldregio",
        BELEGD,
        150,
    ),
    knelpunt(
        "vb_wachtlijst_vt",
        HUISELIJK_GEWELD,
        "Wachtlijst voor onderzoek bij Veilig Thuis",
        "Onderzoeken starten weken na de melding; lokale teams overbruggen zonder mandaat.",
        KnelpuntSource.PARTNER,
        "Veilig Thuis Voorbeeldregio",
        OPEN,
        240,
    ),
    knelpunt(
        "vb_nazorg",
        NAZORG,
        "Geen vast aanspreekpunt nazorg in kleine gemeenten",
        "In drie gemeenten is nazorg voor ex-gedetineerden een taak van wisselende medewerkers.",
        KnelpuntSource.PARTNER,
        "Reclassering Voorbeeldregio",
        OPEN,
        180,
    ),
    knelpunt(
        "vb_doorstroom",
        WONEN,
        "Geen doorstroomwoningen na de opvang",
        "Wie klaar is in de opvang, kan nergens heen; plekken in de opvang raken vol.",
        KnelpuntSource.LANDELIJK,
        "Knelpuntenlijst van de landelijke agenda, thema passende woon(zorg)plek",
        OPEN,
        200,
    ),
    knelpunt(
        "vb_opschalen",
        ACUUT,
        "Afspraken over op- en afschalen niet vastgelegd",
        "Partners schalen op gevoel op naar het Zorg- en Veiligheidshuis.",
        KnelpuntSource.VERGADERING,
        "Partnergroep Zorg- en Veiligheidshuis",
        OPGELOST,
        480,
    ),
]

VB_RHYTHM = {"bnt": (THURSDAY, time(14, 0)), "partnergroep": (TUESDAY, time(10, 0))}
VB_ZVH = "Zorg- en Veiligheidshuis Voorbeeldregio, Aalderveen"
VB_MEETINGS = [
    ("bnt1", "bnt", -46, "Gemeentehuis Hoogmeerlo, raadzaal", None, ""),
    ("bnt2", "bnt", -29, "Gemeentehuis Lindewijk", None, ""),
    ("bnt3", "bnt", -12, "Gemeentehuis Breukelveld", None, ""),
    ("bnt4", "bnt", 5, "Gemeentehuis Hoogmeerlo, raadzaal", None, ""),
    ("bnt5", "bnt", 22, "Gemeentehuis Zandhove", None, ""),
    *[
        (f"pg{n}", "partnergroep", weeks, VB_ZVH, None, "")
        for n, weeks in enumerate((-50, -42, -33, -25, -16, -7, 2, 10), start=1)
    ],
]

VB_ACTIONS = [
    {
        "key": "vb_v_huisartsen",
        "title": "Huisartsen informeren over de meldlijn",
        "theme": VERWARD,
        "description": "Een korte uitleg via de huisartsenkring en de waarneemposten.",
        "knelpunten": ["vb_meldlijn"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (2, 3, 2),
        "created": 50,
    },
    {
        "key": "vb_v_doorstroom",
        "title": "Doorstroomwoningen na de opvang met corporaties",
        "theme": WONEN,
        "description": "Afspraken over een vast aantal woningen per jaar voor uitstroom uit de "
        "opvang.",
        "knelpunten": ["vb_doorstroom"],
        "origin": ActionOrigin.LANDELIJK,
        "weigh": (3, 1, 3),
        "created": 125,
    },
    {
        "key": "vb_v_aanspreekpunt",
        "title": "Vast aanspreekpunt nazorg in elke gemeente",
        "theme": NAZORG,
        "description": "Elke gemeente wijst een vaste medewerker aan.",
        "knelpunten": ["vb_nazorg"],
        "origin": ActionOrigin.KNELPUNT,
        "created": 10,
    },
    {
        "key": "vb_v_wachtlijst",
        "title": "Wachtlijst Veilig Thuis per gemeente inzichtelijk maken",
        "theme": HUISELIJK_GEWELD,
        "description": "Maandelijks overzicht voor de bestuursadviescommissie.",
        "knelpunten": ["vb_wachtlijst_vt"],
        "origin": ActionOrigin.KNELPUNT,
        "weigh": (3, 2, 2),
        "created": 30,
    },
    {
        "key": "vb_a_beoordeling",
        "title": "Snellere beoordeling door de crisisdienst",
        "theme": VERWARD,
        "description": "Afspraken met de GGZ over een maximale wachttijd voor een beoordeling.",
        "knelpunten": ["vb_beoordeling"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "manager_zvh",
        "weigh": (3, 2, 3),
        "created": 300,
        "events": [
            actie("bnt2", ("dir_ggz", "bnt"), "bnt", ["ggz", "politie"], -15),
            voortgang(150, "Wachttijden een maand lang bijgehouden."),
        ],
    },
    {
        "key": "vb_a_wachtlijst",
        "title": "Aanpak wachtlijst Veilig Thuis",
        "theme": HUISELIJK_GEWELD,
        "description": "Tijdelijke extra capaciteit en een triage bij de melding.",
        "knelpunten": ["vb_wachtlijst_vt"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "secretaris",
        "weigh": (3, 2, 3),
        "created": 215,
        "events": [
            actie(185, ("weth_breukelveld", "bac"), "bac", ["vt"], 40),
            voortgang(60, "Extra capaciteit ingezet; wachtlijst met een derde gedaald."),
            voortgang(20, "Triage bij de melding ingevoerd."),
        ],
    },
    {
        "key": "vb_a_nazorg",
        "title": "Nazorgafspraken met de reclassering",
        "theme": NAZORG,
        "description": "Vaste overdracht van reclassering naar gemeente bij einde toezicht.",
        "knelpunten": ["vb_nazorg"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "manager_zvh",
        "weigh": (2, 3, 2),
        "created": 165,
        "events": [
            actie(
                125, ("burg_hoogmeerlo", "stuurgroep"), "stuurgroep", ["reclassering", "zvh"], 90
            ),
            voortgang(45, "Werkafspraak in concept."),
        ],
    },
    {
        "key": "vb_a_meldlijn",
        "title": "Evaluatie van de gezamenlijke meldlijn",
        "theme": VERWARD,
        "description": "Na twee jaar nagaan of de meldlijn doet wat is afgesproken.",
        "knelpunten": ["vb_meldlijn"],
        "origin": ActionOrigin.OVERIG,
        "owner": "manager_zvh",
        "weigh": (2, 3, 2),
        "created": 110,
        "events": [
            actie(80, ("weth_lindewijk", "bnt"), "partnergroep", ["ggz", "politie", "zvh"], 60),
            voortgang(10, "Vragenlijst uitgezet bij melders."),
        ],
    },
    {
        "key": "vb_g_opschalen",
        "title": "Afspraken over op- en afschalen vastleggen",
        "theme": ACUUT,
        "description": "Eén schema voor op- en afschalen naar het Zorg- en Veiligheidshuis.",
        "knelpunten": ["vb_opschalen"],
        "origin": ActionOrigin.KNELPUNT,
        "owner": "manager_zvh",
        "weigh": (3, 3, 3),
        "created": 460,
        "events": [
            actie(400, ("politie", "bnt"), "partnergroep", ["politie", "vt", "zvh"], -220),
            voortgang("bnt1", "Schema besproken aan de netwerktafel."),
            gereed(260, AFGEROND, "Schema vastgesteld en in gebruik bij alle partners."),
        ],
    },
    {
        "key": "vb_g_nazorgtafel",
        "title": "Eigen netwerktafel voor nazorg",
        "theme": NAZORG,
        "description": "Voorstel voor een apart bestuurlijk overleg over nazorg.",
        "origin": ActionOrigin.OVERIG,
        "weigh": (1, 2, 1),
        "created": 260,
        "events": [
            gereed(
                "bnt2",
                VERVALLEN,
                "Het onderwerp hoort aan de bestaande netwerktafel; geen nieuw overleg.",
            ),
        ],
    },
    {
        "key": "vb_g_sportclubs",
        "title": "Training meldcode voor sportclubs",
        "theme": HUISELIJK_GEWELD,
        "description": "Een training voor vrijwilligers van sportverenigingen.",
        "origin": ActionOrigin.OVERIG,
        "created": 180,
        "events": [
            gereed(
                140,
                ELDERS_BELEGD,
                "Lokaal belegd: de gemeenten nemen het op in hun preventieaanbod.",
            ),
        ],
    },
]

VB_DECIDED_ACTION = {
    "key": "vb_a_woonplekken",
    "title": "Regionaal beeld van passende woonplekken",
    "theme": WONEN,
    "description": "Inventarisatie van vraag en aanbod van woonplekken met zorg en begeleiding.",
    "trekker": ("burg_hoogmeerlo", "bnt"),
    "coalition": ["ggz", "zvh"],
    "owner": "secretaris",
    "due": 120,
    "events": [voortgang(40, "Uitvraag bij de gemeenten verstuurd.")],
}

VB_AGENDA = {
    "bnt1": [
        item(
            BESPREKEN,
            "Schema op- en afschalen",
            "Schema onderschreven; de partnergroep rondt het af.",
            action="vb_g_opschalen",
            knelpunt="vb_opschalen",
        ),
        item(
            BESPREKEN,
            "Wachttijd beoordeling crisisdienst",
            "De GGZ onderzoekt de oorzaken.",
            knelpunt="vb_beoordeling",
        ),
    ],
    "bnt2": [
        item(
            BESLUITEN,
            "Snellere beoordeling door de crisisdienst",
            "Besloten: op de actielijst met de bestuurder van de GGZ als trekker.",
            action="vb_a_beoordeling",
        ),
        item(
            BESLUITEN,
            "Voorstel eigen netwerktafel voor nazorg",
            "Niet overgenomen; het onderwerp blijft aan deze tafel.",
            action="vb_g_nazorgtafel",
        ),
    ],
    "bnt3": [
        item(
            BESLUITEN,
            "Passende woonplekken in de regio",
            "Besloten: een regionaal beeld laten maken; de burgemeester van Hoogmeerlo trekt.",
            new_action=VB_DECIDED_ACTION,
            knelpunt="vb_doorstroom",
        ),
        item(
            INFORMEREN,
            "Evaluatie van de meldlijn",
            "Kennisgenomen van de opzet.",
            action="vb_a_meldlijn",
        ),
    ],
    "bnt4": [
        item(BESPREKEN, "Beoordeling crisisdienst: termijn verlopen", action="vb_a_beoordeling"),
        item(BESLUITEN, "Doorstroomwoningen op de actielijst", action="vb_v_doorstroom"),
    ],
    "pg1": [
        item(
            BESPREKEN,
            "Schema op- en afschalen",
            "Laatste opmerkingen verwerkt.",
            action="vb_g_opschalen",
        )
    ],
    "pg2": [item(INFORMEREN, "Cijfers casusoverleg", "Kennisgenomen.")],
    "pg3": [
        item(
            BESPREKEN,
            "Wachttijd beoordeling crisisdienst",
            "Voorstel voor de BNT.",
            action="vb_a_beoordeling",
        )
    ],
    "pg4": [
        item(INFORMEREN, "Wachtlijst Veilig Thuis", "Kennisgenomen.", action="vb_a_wachtlijst")
    ],
    "pg5": [item(BESPREKEN, "Nazorgafspraken", "Concept besproken.", action="vb_a_nazorg")],
    "pg6": [
        item(BESPREKEN, "Evaluatie meldlijn", "Vragenlijst vastgesteld.", action="vb_a_meldlijn")
    ],
    "pg7": [item(BESPREKEN, "Voorbereiding netwerktafel", action="vb_a_beoordeling")],
}

VB_BUILD = {
    "slug": "voorbeeld",
    "secretary": "demo-secretaris-voorbeeld",
    "links": [("demo-secretaris-voorbeeld", "secretaris")],
    "knelpunten": VB_KNELPUNTEN,
    "rhythm": VB_RHYTHM,
    "meetings": VB_MEETINGS,
    "actions": VB_ACTIONS,
    "agenda": VB_AGENDA,
}

BUILDS = (NOG_BUILD, VB_BUILD)


# --- builder -----------------------------------------------------------------------------------


def meeting_day(today: date, weeks: int, weekday: int) -> date:
    """The ``weekday`` on or before ``today`` + ``weeks`` weeks."""
    day = today + timedelta(weeks=weeks)
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=AMSTERDAM)


@contextmanager
def backdated(day: date, moment: datetime, history_models) -> Iterator[None]:
    """Write demo data as if on ``day``: the history records of ``history_models`` written
    inside get ``moment`` (through simple-history's ``pre_create_historical_record``) and the
    action log entries written inside are moved to that day afterwards (the services stamp
    today's date on those). Shared by the demos of the werkagenda and the reflections."""
    written: list[int] = []

    def backdate(sender, history_instance, **kwargs):
        if sender in history_models:
            history_instance.history_date = moment

    def collect(sender, instance, created, **kwargs):
        if created:
            written.append(instance.pk)

    pre_create_historical_record.connect(backdate, weak=False)
    post_save.connect(collect, sender=ActionUpdate, weak=False)
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(backdate)
        post_save.disconnect(collect, sender=ActionUpdate)
    if written:
        ActionUpdate.objects.filter(pk__in=written).update(date=day, created_at=moment)


class WerkagendaBuilder:
    """Builds the werkagenda and meetings of one region from a ``*_BUILD`` spec."""

    def __init__(self, result, spec: dict, region_spec: dict, region: Region, today: date):
        self.result = result
        self.spec = spec
        self.region = region
        self.today = today
        self.region_spec = region_spec
        self.secretary = get_user_model().objects.get(username=spec["secretary"])
        self.persons = self._by_key(Person, region_spec["persons"], region=region)
        self.organisations = self._by_key(Organisation, region_spec["organisations"], region=region)
        body_names = {row["key"]: row["name"] for row in region_spec["bodies"]}
        bodies = {b.name: b for b in Body.objects.filter(region=region)}
        self.bodies = {key: bodies[name] for key, name in body_names.items()}
        self.themes = {t.name: t for t in Theme.objects.all()}
        self.knelpunten: dict[str, Knelpunt] = {}
        self.actions: dict[str, Action] = {}
        self.meeting_dates = {
            key: meeting_day(today, weeks, spec["rhythm"][body][0])
            for key, body, weeks, *_rest in spec["meetings"]
        }
        self._history_models = [
            Action.history.model,
            Knelpunt.history.model,
            Meeting.history.model,
            AgendaItem.history.model,
        ]

    @staticmethod
    def _by_key(model, rows, **filters) -> dict:
        found = {obj.name: obj for obj in model.objects.filter(**filters)}
        return {row[0]: found[row[1]] for row in rows}

    # -- dates ----------------------------------------------------------------------------

    def day(self, ref) -> date:
        """A story date: days ago (int) or the date of a meeting (its key)."""
        if isinstance(ref, str):
            return self.meeting_dates[ref]
        return self.today - timedelta(days=ref)

    def on(self, day: date, at: time = time(10, 0)):
        """Run a step as if on ``day`` (see ``backdated``)."""
        return backdated(day, local(day, at), self._history_models)

    def _count(self, model) -> None:
        self.result.created[str(model._meta.verbose_name_plural)] += 1

    # -- people ---------------------------------------------------------------------------

    def link_users(self) -> None:
        from governance.demo_base import _upsert  # the register's create-or-update helper

        User = get_user_model()
        for username, person_key in self.spec["links"]:
            person = self.persons[person_key]
            _upsert(
                self.result,
                Person,
                {"region": self.region, "name": person.name},
                {"user": User.objects.get(username=username)},
            )
        # Reload: owners and trekkers write their own progress notes through this link.
        self.persons = self._by_key(Person, self.region_spec["persons"], region=self.region)

    # -- knelpunten -----------------------------------------------------------------------

    def build_knelpunten(self) -> None:
        existing = {k.title: k for k in Knelpunt.objects.filter(region=self.region)}
        for row in self.spec["knelpunten"]:
            found = existing.get(row["title"])
            if found is None:
                signalled = self.day(row["days_ago"])
                found = Knelpunt(
                    region=self.region,
                    theme=self.themes[row["theme"]],
                    title=row["title"],
                    description=row["description"],
                    source=row["source"],
                    source_note=row["source_note"],
                    status=row["status"],
                    signalled_on=signalled,
                )
                with self.on(signalled):
                    save_versioned(found, seen_version=None, user=self.secretary)
                self._count(Knelpunt)
            self.knelpunten[row["key"]] = found

    # -- actions --------------------------------------------------------------------------

    def trekker(self, person_key: str, body_key: str) -> Membership:
        return (
            Membership.objects.current()
            .filter(body=self.bodies[body_key], person=self.persons[person_key])
            .select_related("body", "person")
            .first()
        )

    def build_actions(self) -> None:
        existing = {a.title: a for a in Action.objects.filter(region=self.region)}
        for row in self.spec["actions"]:
            action = existing.get(row["title"])
            if action is None:
                action = self._new_action(row)
            self.actions[row["key"]] = action

    def _new_action(self, row: dict) -> Action:
        created = self.day(row["created"])
        importance, feasibility, impact = row.get("weigh") or (None, None, None)
        action = Action(
            region=self.region,
            title=row["title"],
            description=row.get("description", ""),
            theme=self.themes[row["theme"]] if row.get("theme") else None,
            list=ActionList.VOORRAAD,
            list_since=created,
            created_on=created,
            importance=importance,
            feasibility=feasibility,
            impact=impact,
            owner=self.persons[row["owner"]] if row.get("owner") else None,
            origin=row.get("origin", ""),
            origin_note=row.get("origin_note", ""),
        )
        with self.on(created):
            action_save(
                instance=action,
                seen_version=None,
                user=self.secretary,
                coalition=[],
                knelpunten=[self.knelpunten[k] for k in row.get("knelpunten", [])],
                note="Op de voorraadlijst gezet.",
            )
        self._count(Action)
        self._play(action, row.get("events", []), after=created)
        return action

    def _play(self, action: Action, events: list, *, after: date) -> None:
        """Run an action's story (moves and progress) in date order."""
        dated = sorted(
            ((self.day(ref), kind, data) for kind, ref, data in events), key=lambda e: e[0]
        )
        for day, kind, data in dated:
            if not after < day <= self.today:
                raise ValueError(
                    f"{action.title}: {kind} on {day} is not between {after} and {self.today}"
                )
            with self.on(day, time(11, 0)):
                self._event(action, day, kind, data)

    def _event(self, action: Action, day: date, kind: str, data: dict) -> None:
        if kind == "actie":
            action.due_date = self.today + timedelta(days=data["due"])
            action_move(
                action=action,
                to_list=ActionList.ACTIE,
                seen_version=action.version,
                user=self.secretary,
                note=data["note"] or "Naar de actielijst.",
                trekker=self.trekker(*data["trekker"]),
                owning_body=self.bodies[data["body"]],
                coalition=[self.organisations[k] for k in data["coalition"]],
                on=day,
            )
        elif kind == "voortgang":
            person = None
            if data["who"] == OWNER:
                person = action.owner
            elif data["who"] == TREKKER and action.trekker_id:
                person = action.trekker.person
            due = action.due_date
            if data["due"] is not None:
                due = self.today + timedelta(days=data["due"])
            action_progress(
                action=action,
                text=data["text"],
                due_date=due,
                seen_version=action.version,
                user=(person.user if person and person.user_id else self.secretary),
            )
        elif kind == "gereed":
            action_move(
                action=action,
                to_list=ActionList.GEREED,
                seen_version=action.version,
                user=self.secretary,
                note=data["note"],
                closed_reason=data["reason"],
                on=day,
            )
        elif kind == "terug":
            action_move(
                action=action,
                to_list=data["to_list"],
                seen_version=action.version,
                user=self.secretary,
                note=data["note"],
                on=day,
            )
        else:  # pragma: no cover - a typo in the demo data
            raise ValueError(kind)

    # -- meetings -------------------------------------------------------------------------

    def build_meetings(self) -> None:
        with_meetings = set(
            Meeting.objects.filter(body__region=self.region).values_list("body_id", flat=True)
        )
        rhythm = self.spec["rhythm"]
        for key, body_key, _weeks, location, status, note in self.spec["meetings"]:
            body = self.bodies[body_key]
            if body.pk in with_meetings:
                continue  # built before: meetings are created once (see module docstring)
            day = self.meeting_dates[key]
            starts_at = local(day, rhythm[body_key][1])
            meeting = Meeting(
                body=body,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=float(body.meeting_duration_hours or 2)),
                location=location,
                status=MeetingStatus.GEPLAND,
            )
            # Planned about two months ahead (never later than today).
            with self.on(min(day - timedelta(days=56), self.today), time(9, 0)):
                save_versioned(meeting, seen_version=None, user=self.secretary)
            self._count(Meeting)
            final = status or (
                MeetingStatus.GEHOUDEN if day < self.today else MeetingStatus.GEPLAND
            )
            if final == MeetingStatus.GEANNULEERD:
                self._set_status(meeting, final, note, day - timedelta(days=7))
            self._build_agenda(meeting, day, self.spec["agenda"].get(key, []))
            if final == MeetingStatus.GEHOUDEN:
                self._set_status(meeting, final, note, day)

    def _set_status(self, meeting: Meeting, status: str, note: str, day: date) -> None:
        meeting.status = status
        meeting.note = note
        with self.on(day, time(17, 0)):
            save_versioned(meeting, seen_version=meeting.version, user=self.secretary)

    def _build_agenda(self, meeting: Meeting, day: date, rows: list[dict]) -> None:
        prepared = min(day - timedelta(days=14), self.today)
        held = day < self.today and meeting.status != MeetingStatus.GEANNULEERD
        for order, row in enumerate(rows, start=1):
            agenda_item = AgendaItem(
                meeting=meeting,
                order=order,
                title=row["title"],
                kind=row["kind"],
                description=row["description"],
                action=self.actions[row["action"]] if row["action"] else None,
                knelpunt=self.knelpunten[row["knelpunt"]] if row["knelpunt"] else None,
            )
            with self.on(prepared, time(9, 30)):
                save_versioned(agenda_item, seen_version=None, user=self.secretary)
            self._count(AgendaItem)
            if held and row["outcome"]:
                self._decide(agenda_item, day, row)

    def _decide(self, agenda_item: AgendaItem, day: date, row: dict) -> None:
        spec = row["new_action"]
        new_action = None
        if spec and not Action.objects.filter(region=self.region, title=spec["title"]).exists():
            new_action = {
                "title": spec["title"],
                "description": spec["description"],
                "list": ActionList.ACTIE,
                "theme": self.themes[spec["theme"]] if spec["theme"] else None,
                "trekker": self.trekker(*spec["trekker"]),
                "owner": self.persons[spec["owner"]],
                "coalition": [self.organisations[k] for k in spec["coalition"]],
                "due_date": self.today + timedelta(days=spec["due"]),
                "created_on": day,
                "list_since": day,
            }
        with self.on(day, time(16, 0)):
            agenda_item_decide(
                item=agenda_item,
                outcome=row["outcome"],
                seen_version=agenda_item.version,
                user=self.secretary,
                new_action=new_action,
            )
        if new_action:
            action = Action.objects.get(region=self.region, title=spec["title"])
            if row["knelpunt"]:
                action.knelpunten.add(self.knelpunten[row["knelpunt"]])
            self._count(Action)
            self._play(action, spec["events"], after=day)
            self.actions[spec["key"]] = action


def build_werkagenda(result, regions: dict[str, Region], region_specs) -> None:
    """Link demo users to persons and build knelpunten, actions and meetings per region."""
    today = timezone.localdate()
    specs = {spec["slug"]: spec for spec in region_specs}
    for spec in BUILDS:
        builder = WerkagendaBuilder(result, spec, specs[spec["slug"]], regions[spec["slug"]], today)
        builder.link_users()
        builder.build_knelpunten()
        builder.build_actions()
        builder.build_meetings()
