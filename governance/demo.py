"""Demo data for ``manage.py seed_demo``: the NOG region (facts from seed 001) and a fictitious
second region, plus demo users.

The data is kept as plain Python structures; :func:`build_demo` turns it into rows. Every
object is looked up on its natural key (region slug + name, body + role + member, ...), created
when missing and only saved again when a value differs, so running the builder twice changes
nothing. Every object passes ``full_clean()`` before it is saved.

All people are fictitious. Facts about the structure (bodies, roles, relations, dates, budget)
come from the governance vision of Noord- en Oost-Gelderland; descriptions are written anew.
Where the source gives no date, a plausible date is chosen and marked as an assumption.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.dispatch import Signal

from core.constants import Role
from core.models import RoleAssignment
from governance.constants import (
    BodyKind,
    BodyRole,
    BodyStatus,
    CollaborationModel,
    DecisionPower,
    Initiator,
    LegalBasisKind,
    Level,
    MembershipRole,
    Office,
    OrganisationDomain,
    Power,
    RelationKind,
)
from governance.demo_base import DemoResult, _upsert  # noqa: F401
from governance.models import (
    Body,
    BodyRelation,
    CostLine,
    Mandate,
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

DEMO_PASSWORD_DEFAULT = "zv-demo-2026"
DEMO_PASSWORD_ENV = "DEMO_PASSWORD"


def demo_password() -> str:
    """The password of the demo users: ``$DEMO_PASSWORD`` when set, else the default."""
    return os.environ.get(DEMO_PASSWORD_ENV) or DEMO_PASSWORD_DEFAULT


# --- key dates ---------------------------------------------------------------------------------

# The Wvggz came into force on 1 January 2020; the periodiek overleg it requires is dated then.
WVGGZ_START = date(2020, 1, 1)
# Assumption: the source says the Stamtafel started "in 2022" without a day.
STAMTAFEL_START = date(2022, 1, 1)
# Fact: the periodiek overleg Wvggz/Wzd decided on 19-04-2022 to turn itself into the regiegroep.
REGIEGROEP_START = date(2022, 4, 19)
# Assumption: the vision was up for adoption on 06-12-2023 and the convenant ZVH was amended;
# we take 1 January 2024 as the day the new structure (portefeuillehouders ZVH instead of the
# Stuurgroep ZVH, broader agenda of the VvG Veilig Thuis) took effect.
NIEUWE_GOVERNANCE = date(2024, 1, 1)
# Assumption: a project team for the Veilig Verder Teams started in the autumn of 2024.
PROJECT_VEILIG_VERDER_START = date(2024, 9, 1)

SO_STAMTAFEL = "Samenwerkingsovereenkomst Stamtafel zorg en veiligheid Noord- en Oost-Gelderland"
CONVENANT_ZVH = "Convenant Zorg- en Veiligheidshuis Noord- en Oost-Gelderland"
STATUTEN_VT = "Statuten Stichting Veilig Thuis Noord- en Oost-Gelderland"
WVGGZ_8_31 = "Wet verplichte ggz, art. 8:31 (periodiek regionaal overleg)"


def seat(body: str, role: str = MembershipRole.LID, **kwargs) -> dict:
    """One membership row: ``body`` key, ``role`` and any of person, organisation,
    municipality (keys or names), portfolio, on_behalf_of, on_behalf_of_body, start, end."""
    return {"body": body, "role": role, **kwargs}


# --- Noord- en Oost-Gelderland -----------------------------------------------------------------

NOG_SUB_REGIONS: dict[str, list[tuple[str, str]]] = {
    "Achterhoek": [
        ("Aalten", "GM0197"),
        ("Berkelland", "GM1859"),
        ("Bronckhorst", "GM1876"),
        ("Doetinchem", "GM0222"),
        ("Montferland", "GM1955"),
        ("Oost Gelre", "GM1586"),
        ("Oude IJsselstreek", "GM1509"),
        ("Winterswijk", "GM0294"),
    ],
    "Midden-IJssel/Oost-Veluwe": [
        ("Apeldoorn", "GM0200"),
        ("Brummen", "GM0213"),
        ("Epe", "GM0232"),
        ("Heerde", "GM0246"),
        ("Lochem", "GM0262"),
        ("Voorst", "GM0285"),
        ("Zutphen", "GM0301"),
    ],
    "Noord-Veluwe": [
        ("Elburg", "GM0230"),
        ("Ermelo", "GM0233"),
        ("Harderwijk", "GM0243"),
        ("Hattem", "GM0244"),
        ("Nunspeet", "GM0302"),
        ("Oldebroek", "GM0269"),
        ("Putten", "GM0273"),
    ],
}
NOG_MUNICIPALITIES = [name for rows in NOG_SUB_REGIONS.values() for name, _code in rows]

NOG_THEMES: list[tuple[str, str]] = [
    (
        "Aanpak van acute onveiligheid",
        "Regionaal omdat acute onveiligheid vraagt om vaste afspraken over op- en afschalen tussen "
        "politie, Veilig Thuis, crisisdiensten en gemeenten; de lokale teams houden de regie op de "
        "situatie na de crisis.",
    ),
    (
        "Handelingsperspectief van autonomie tot dwang",
        "Regionaal omdat de route van vrijwillige hulp naar verplichte zorg door de hele keten "
        "loopt (gemeenten, GGZ, OM, rechter); lokaal blijft het vroeg signaleren en het gesprek "
        "met de inwoner.",
    ),
    (
        "Passende woon(zorg)plek",
        "Regionaal voor de schaarse plekken met zorg en begeleiding en de afspraken met "
        "zorgkantoor en corporaties; lokaal gaat het om de woonplek in de wijk en de begeleiding "
        "daar.",
    ),
    (
        "Maatschappelijk herstel",
        "Regionaal voor de aansluiting na opname of detentie (warme overdracht tussen ketens); "
        "werk, inkomen, dagbesteding en het sociale netwerk worden lokaal georganiseerd.",
    ),
    (
        "Gedwongen zorg (Wvggz/Wzd)",
        "Regionaal omdat de wet een periodiek overleg van ketenpartners voorschrijft; in NOG is "
        "dat de regiegroep gedwongen zorg, met een portefeuillehouder aan de Stamtafel.",
    ),
    (
        "Huiselijk geweld en kindermishandeling",
        "Regionaal vanwege het opdrachtgeverschap van Veilig Thuis en het toekomstscenario kind- "
        "en gezinsbescherming; de zorg in het gezin zelf blijft bij de lokale teams.",
    ),
    (
        "Mensenhandel",
        "Regionaal omdat slachtoffers en daders zich niet aan gemeentegrenzen houden en de "
        "opvang en zorg maar op weinig plekken beschikbaar zijn; een bestuurder is "
        "portefeuillehouder namens de Stamtafel.",
    ),
    (
        "Ondermijning en jeugdcriminaliteit",
        "Alleen de onderdelen die een gecombineerde zorg- en veiligheidsaanpak vragen, zoals "
        "jeugdprostitutie en ondermijnende jeugdcriminaliteit; de rest hoort bij het DVO.",
    ),
    (
        "Personen met verward of onbegrepen gedrag",
        "Regionaal voor een eenduidige multidisciplinaire werkwijze en de afspraken over "
        "vervoer, beoordeling en opvang; lokaal voor vroegsignalering en ondersteuning thuis.",
    ),
    (
        "Personen met gevaarlijk gedrag",
        "Regionaal omdat het om weinig mensen met grote risico's gaat, besproken in de "
        "veiligheidskamer van het Zorg- en Veiligheidshuis en gevolgd over de levensloop.",
    ),
    (
        "Nazorg (ex-)gedetineerden",
        "Regionaal voor de overdracht vanuit de penitentiaire inrichting en de reclassering "
        "naar de gemeente van terugkeer, om terugval te voorkomen.",
    ),
]

NOG_ORGANISATIONS: list[tuple[str, str, str, str, bool]] = [
    # (key, name, domain, kind, chosen partner of the region)
    (
        "mo",
        "Opvang en Beschermd Thuis Oost-Gelderland",
        OrganisationDomain.ZORG,
        "maatschappelijke opvang en beschermd thuis",
        True,
    ),
    (
        "vrouwenopvang",
        "Vrouwenopvang Gelderland-Oost",
        OrganisationDomain.ZORG,
        "vrouwenopvang",
        True,
    ),
    (
        "vt",
        "Veilig Thuis Noord- en Oost-Gelderland",
        OrganisationDomain.VEILIGHEID,
        "Veilig Thuis (stichting)",
        True,
    ),
    ("ggz", "GGZ-instelling Oost-Gelderland", OrganisationDomain.ZORG, "GGZ-instelling", True),
    (
        "verslaving",
        "Verslavingszorg Oost-Nederland",
        OrganisationDomain.ZORG,
        "instelling voor verslavingszorg",
        True,
    ),
    (
        "vg",
        "Zorgaanbieder verstandelijk gehandicaptenzorg Gelderland",
        OrganisationDomain.ZORG,
        "VG-zorgaanbieder",
        True,
    ),
    (
        "jeugdzorg",
        "Jeugdzorgaanbieder Oost-Gelderland",
        OrganisationDomain.ZORG,
        "jeugdzorgaanbieder",
        True,
    ),
    (
        "ouderenzorg",
        "Ouderenzorg Veluwe en Achterhoek",
        OrganisationDomain.ZORG,
        "ouderenzorgorganisatie",
        True,
    ),
    (
        "ervaring",
        "Netwerk ervaringsdeskundigen Noord- en Oost-Gelderland",
        OrganisationDomain.ERVARING,
        "netwerk van ervaringsdeskundigen",
        True,
    ),
    (
        "politie",
        "Politie, districten Noord- en Oost-Gelderland",
        OrganisationDomain.VEILIGHEID,
        "politie",
        True,
    ),
    (
        "om",
        "Openbaar Ministerie, parket Oost-Nederland",
        OrganisationDomain.STRAF,
        "openbaar ministerie",
        True,
    ),
    (
        "reclassering",
        "Reclassering Oost-Gelderland",
        OrganisationDomain.STRAF,
        "reclassering",
        True,
    ),
    (
        "pi",
        "Penitentiaire inrichting Oost-Gelderland",
        OrganisationDomain.STRAF,
        "penitentiaire inrichting",
        True,
    ),
    (
        "zorgkantoor",
        "Zorgkantoor Oost-Gelderland",
        OrganisationDomain.FINANCIER,
        "zorgkantoor (Wlz)",
        True,
    ),
    (
        "zorgverzekeraar",
        "Regionale zorgverzekeraar Oost-Nederland",
        OrganisationDomain.FINANCIER,
        "zorgverzekeraar",
        True,
    ),
    (
        "zvh",
        "Zorg- en Veiligheidshuis Noord- en Oost-Gelderland",
        OrganisationDomain.VEILIGHEID,
        "zorg- en veiligheidshuis",
        True,
    ),
]

NOG_PERSONS: list[tuple[str, str, str, str, str | None]] = [
    # (key, name, function, office, organisation key)
    (
        "voorzitter",
        "Hester van Dalen",
        "onafhankelijk voorzitter Stamtafel zorg en veiligheid",
        Office.ONAFHANKELIJK,
        None,
    ),
    (
        "netwerksecretaris",
        "Sanne Wolters",
        "netwerksecretaris zorg en veiligheid NOG (in dienst van een regiogemeente)",
        Office.AMBTELIJK,
        None,
    ),
    ("burg_doetinchem", "Rob Hendriksen", "burgemeester van Doetinchem", Office.BURGEMEESTER, None),
    ("burg_apeldoorn", "Gerard Kamphuis", "burgemeester van Apeldoorn", Office.BURGEMEESTER, None),
    (
        "burg_harderwijk",
        "Wilma Stoffelsen",
        "burgemeester van Harderwijk",
        Office.BURGEMEESTER,
        None,
    ),
    (
        "weth_winterswijk",
        "Esther Lammers",
        "wethouder van Winterswijk (zorg en jeugd)",
        Office.WETHOUDER,
        None,
    ),
    (
        "weth_zutphen",
        "Bart Veldkamp",
        "wethouder van Zutphen (sociaal domein)",
        Office.WETHOUDER,
        None,
    ),
    (
        "weth_ermelo",
        "Ingrid Schuurman",
        "wethouder van Ermelo (Wmo en jeugd)",
        Office.WETHOUDER,
        None,
    ),
    (
        "weth_apeldoorn",
        "Mirjam Tuinstra",
        "wethouder van Apeldoorn (jeugd en veiligheid thuis)",
        Office.WETHOUDER,
        None,
    ),
    (
        "dir_mo",
        "Frank Gerritsen",
        "directeur-bestuurder opvang en beschermd thuis",
        Office.PARTNER_BESTUURDER,
        "mo",
    ),
    (
        "dir_vrouwenopvang",
        "Marloes Boerman",
        "directeur vrouwenopvang",
        Office.PARTNER_BESTUURDER,
        "vrouwenopvang",
    ),
    ("dir_vt", "Petra Vink", "directeur Veilig Thuis", Office.PARTNER_BESTUURDER, "vt"),
    (
        "dir_ggz",
        "Hans Wijnbergen",
        "lid raad van bestuur GGZ-instelling",
        Office.PARTNER_BESTUURDER,
        "ggz",
    ),
    (
        "dir_verslaving",
        "Linda Kroeze",
        "bestuurder verslavingszorg",
        Office.PARTNER_BESTUURDER,
        "verslaving",
    ),
    ("dir_vg", "Arjan Meulenbelt", "bestuurder VG-zorgaanbieder", Office.PARTNER_BESTUURDER, "vg"),
    (
        "dir_jeugdzorg",
        "Yvonne Lubbers",
        "directeur jeugdzorgaanbieder",
        Office.PARTNER_BESTUURDER,
        "jeugdzorg",
    ),
    (
        "dir_ouderenzorg",
        "Dirk Slootweg",
        "bestuurder ouderenzorgorganisatie",
        Office.PARTNER_BESTUURDER,
        "ouderenzorg",
    ),
    (
        "ervaringsdeskundige",
        "Naima Bouzidi",
        "coördinator netwerk ervaringsdeskundigen",
        Office.PARTNER_BESTUURDER,
        "ervaring",
    ),
    ("politie", "Martijn de Groot", "districtschef politie", Office.PARTNER_BESTUURDER, "politie"),
    ("om", "Judith Overbeek", "hoofdofficier van justitie", Office.PARTNER_BESTUURDER, "om"),
    (
        "reclassering",
        "Erik Zweers",
        "regiodirecteur reclassering",
        Office.PARTNER_BESTUURDER,
        "reclassering",
    ),
    (
        "pi",
        "Monique Rensink",
        "vestigingsdirecteur penitentiaire inrichting",
        Office.PARTNER_BESTUURDER,
        "pi",
    ),
    (
        "zorgkantoor",
        "Thijs Oosterbaan",
        "manager zorginkoop zorgkantoor",
        Office.PARTNER_BESTUURDER,
        "zorgkantoor",
    ),
    (
        "zorgverzekeraar",
        "Anouk Kuipers",
        "regiomanager zorgverzekeraar",
        Office.PARTNER_BESTUURDER,
        "zorgverzekeraar",
    ),
    ("manager_zvh", "Ronald Beltman", "manager Zorg- en Veiligheidshuis", Office.AMBTELIJK, "zvh"),
    (
        "secretaris_zvh",
        "Jolanda Brink",
        "voormalig secretaris stuurgroep Zorg- en Veiligheidshuis",
        Office.AMBTELIJK,
        "zvh",
    ),
    (
        "procesregisseur_zvh",
        "Karin Dijkman",
        "procesregisseur Zorg- en Veiligheidshuis",
        Office.AMBTELIJK,
        "zvh",
    ),
    (
        "secretaris_dvo",
        "Peter Ribbers",
        "secretaris Districtelijk Veiligheidsoverleg",
        Office.AMBTELIJK,
        None,
    ),
    (
        "secretaris_vvg",
        "Annemiek Koster",
        "secretaris Vergadering van Gemeenten Veilig Thuis",
        Office.AMBTELIJK,
        None,
    ),
    # The six secretaries of the gezagsdriehoeken (integrale veiligheid).
    (
        "driehoek_1",
        "Tim Harmsen",
        "adviseur integrale veiligheid, secretaris gezagsdriehoek (gemeente Doetinchem)",
        Office.AMBTELIJK,
        None,
    ),
    (
        "driehoek_2",
        "Els Groenewoud",
        "adviseur integrale veiligheid, secretaris gezagsdriehoek (gemeente Winterswijk)",
        Office.AMBTELIJK,
        None,
    ),
    (
        "driehoek_3",
        "Sjoerd Leemreize",
        "adviseur integrale veiligheid, secretaris gezagsdriehoek (gemeente Apeldoorn)",
        Office.AMBTELIJK,
        None,
    ),
    (
        "driehoek_4",
        "Rianne Pasman",
        "adviseur integrale veiligheid, secretaris gezagsdriehoek (gemeente Zutphen)",
        Office.AMBTELIJK,
        None,
    ),
    (
        "driehoek_5",
        "Koen Mulder",
        "adviseur integrale veiligheid, secretaris gezagsdriehoek (gemeente Harderwijk)",
        Office.AMBTELIJK,
        None,
    ),
    (
        "driehoek_6",
        "Hanneke Vos",
        "adviseur integrale veiligheid, secretaris gezagsdriehoek (gemeente Nunspeet)",
        Office.AMBTELIJK,
        None,
    ),
    # Advisers sociaal domein (Wmo en jeugd), one per sub-region.
    (
        "sd_achterhoek",
        "Joost van Leeuwen",
        "beleidsadviseur sociaal domein (Wmo en jeugd), gemeente Berkelland",
        Office.AMBTELIJK,
        None,
    ),
    (
        "sd_midden",
        "Marieke Bosman",
        "beleidsadviseur sociaal domein (Wmo en jeugd), gemeente Lochem",
        Office.AMBTELIJK,
        None,
    ),
    (
        "sd_noord",
        "Gert-Jan Westerink",
        "beleidsadviseur sociaal domein (Wmo en jeugd), gemeente Nunspeet",
        Office.AMBTELIJK,
        None,
    ),
    # Regiegroep gedwongen zorg.
    (
        "wvggz_apeldoorn",
        "Wouter Nijhof",
        "procesregisseur Wvggz, gemeente Apeldoorn",
        Office.AMBTELIJK,
        None,
    ),
    (
        "wvggz_harderwijk",
        "Fleur Hofstede",
        "procesregisseur Wvggz, gemeente Harderwijk",
        Office.AMBTELIJK,
        None,
    ),
    (
        "wvggz_doetinchem",
        "Ruben Ter Haar",
        "adviseur Wvggz, gemeente Doetinchem",
        Office.AMBTELIJK,
        None,
    ),
    ("gd_ggz", "Maarten Ruiterkamp", "geneesheer-directeur GGZ-instelling", Office.OVERIG, "ggz"),
    (
        "gd_verslaving",
        "Saskia Heijink",
        "geneesheer-directeur verslavingszorg",
        Office.OVERIG,
        "verslaving",
    ),
    ("ovj", "Laura Wessels", "officier van justitie (zorg en veiligheid)", Office.OVERIG, "om"),
]

# Who sits at the DVO, the VvG Veilig Thuis and the Stamtafel for which municipality.
NOG_MAYORS = {
    "Doetinchem": "burg_doetinchem",
    "Apeldoorn": "burg_apeldoorn",
    "Harderwijk": "burg_harderwijk",
}
NOG_ALDERMEN = {
    "Winterswijk": "weth_winterswijk",
    "Zutphen": "weth_zutphen",
    "Ermelo": "weth_ermelo",
    "Apeldoorn": "weth_apeldoorn",
}

_ALL_NOG_THEMES = [name for name, _weighing in NOG_THEMES]

NOG_BODIES: list[dict] = [
    {
        "key": "stamtafel",
        "name": "Stamtafel zorg en veiligheid Noord- en Oost-Gelderland",
        "short_name": "Stamtafel",
        "kind": BodyKind.STAMTAFEL,
        "level": Level.BESTUURLIJK,
        "decision_power": DecisionPower.AFSTEMMEND,
        "roles": [
            BodyRole.SIGNALEREN,
            BodyRole.INTEGREREN,
            BodyRole.COORDINEREN,
            BodyRole.AANJAGEN,
            BodyRole.REFLECTEREN,
        ],
        "meeting_frequency_per_year": 4,
        "meeting_duration_hours": Decimal("3.0"),
        "legal_basis_kind": LegalBasisKind.SAMENWERKINGSOVEREENKOMST,
        "legal_basis_reference": SO_STAMTAFEL + " (bijlage bij de sturingsvisie)",
        "established_on": STAMTAFEL_START,
        "themes": _ALL_NOG_THEMES,
        "description": (
            "Eén bestuurlijke netwerktafel voor de hele regionale agenda zorg en veiligheid. "
            "Gemeenten en partners uit zorg, straf en justitie, openbare orde en de "
            "financiers van zorg komen hier samen op vraagstukken die een regionale en "
            "domeinoverstijgende aanpak vragen, van preventie tot nazorg. De tafel neemt zelf "
            "geen besluiten: deelnemers handelen vanuit hun eigen bevoegdheden en de tafel "
            "legt signalen en voorstellen neer bij de gremia die wel beslissen. Deelnemers "
            "spreken voor hun hele domein, niet alleen voor hun eigen organisatie."
        ),
    },
    {
        "key": "dvo",
        "name": "Districtelijk Veiligheidsoverleg",
        "short_name": "DVO",
        "kind": BodyKind.DVO,
        "level": Level.BESTUURLIJK,
        "decision_power": DecisionPower.BESLUITVORMEND,
        "roles": [BodyRole.BESLUITEN, BodyRole.KENNISDELEN],
        "meeting_frequency_per_year": 6,  # assumption: not in the source
        "themes": [
            "Ondermijning en jeugdcriminaliteit",
            "Mensenhandel",
            "Personen met gevaarlijk gedrag",
            "Aanpak van acute onveiligheid",
        ],
        "description": (
            "Overleg van de 22 burgemeesters over veiligheid in de regio. Besluit over "
            "veiligheidsonderwerpen en stelt de financiële kaders van het Zorg- en "
            "Veiligheidshuis vast. Sluit aan op de Stamtafel: haalt daar onderwerpen op en "
            "koppelt besluiten terug."
        ),
    },
    {
        "key": "vvg_vt",
        "name": "Vergadering van Gemeenten Veilig Thuis",
        "short_name": "VvG VT",
        "kind": BodyKind.VERGADERING_GEMEENTEN,
        "level": Level.BESTUURLIJK,
        "decision_power": DecisionPower.BESLUITVORMEND,
        "roles": [BodyRole.OPDRACHTGEVEN, BodyRole.BESLUITEN],
        "meeting_frequency_per_year": 4,  # assumption: not in the source
        "legal_basis_kind": LegalBasisKind.STATUTEN,
        "legal_basis_reference": STATUTEN_VT,
        "themes": ["Huiselijk geweld en kindermishandeling"],
        "description": (
            "De wethouders jeugd en Wmo van de 22 gemeenten, samen opdrachtgever en "
            "financier van Veilig Thuis. Voert sinds de nieuwe governance ook de zorg- en "
            "veiligheidsonderwerpen van het sociaal domein: ophalen voor en terugkoppelen van "
            "de Stamtafel, en besluitvorming in het sociaal domein voorbereiden. De "
            "netwerksecretaris ondersteunt de vergadering op dat deel van de agenda."
        ),
    },
    {
        "key": "ph_zvh",
        "name": "Portefeuillehouders Zorg- en Veiligheidshuis",
        "short_name": "PH ZVH",
        "kind": BodyKind.PORTEFEUILLEHOUDER,
        "level": Level.BESTUURLIJK,
        "decision_power": DecisionPower.BESLUITVORMEND,
        "roles": [BodyRole.OPDRACHTGEVEN, BodyRole.BESLUITEN],
        "legal_basis_kind": LegalBasisKind.CONVENANT,
        "legal_basis_reference": CONVENANT_ZVH + " (herziene versie)",
        "established_on": NIEUWE_GOVERNANCE,
        "description": (
            "Twee bestuurders sturen de uitvoeringsorganisatie van het Zorg- en "
            "Veiligheidshuis beheersmatig aan: een burgemeester namens het DVO en een "
            "wethouder namens de Vergadering van Gemeenten Veilig Thuis. Zij blijven binnen "
            "de financiële kaders die het DVO vaststelt en leggen verantwoording af aan de "
            "Stamtafel, die de strategische koers van het netwerk bepaalt. Rol en aanwijzing "
            "staan in het convenant."
        ),
    },
    {
        "key": "ph_gz",
        "name": "Portefeuillehouder gedwongen zorg",
        "short_name": "PH gedwongen zorg",
        "kind": BodyKind.PORTEFEUILLEHOUDER,
        "level": Level.BESTUURLIJK,
        "decision_power": DecisionPower.AFSTEMMEND,
        "roles": [BodyRole.OPDRACHTGEVEN, BodyRole.AANJAGEN],
        "legal_basis_kind": LegalBasisKind.SAMENWERKINGSOVEREENKOMST,
        "legal_basis_reference": SO_STAMTAFEL + "; " + WVGGZ_8_31,
        "established_on": REGIEGROEP_START,
        "themes": ["Gedwongen zorg (Wvggz/Wzd)"],
        "description": (
            "Een van de burgemeesters of wethouders aan de Stamtafel, door de Stamtafel "
            "aangewezen. Is bestuurlijk aanspreekbaar op de wettelijke opdracht van het "
            "regionale overleg over verplichte zorg en brengt wat de regiegroep niet zelf kan "
            "oplossen naar de Stamtafel."
        ),
    },
    {
        "key": "ph_mh",
        "name": "Portefeuillehouder mensenhandel",
        "short_name": "PH mensenhandel",
        "kind": BodyKind.PORTEFEUILLEHOUDER,
        "level": Level.BESTUURLIJK,
        "decision_power": DecisionPower.AFSTEMMEND,
        "roles": [BodyRole.OPDRACHTGEVEN, BodyRole.AANJAGEN],
        "legal_basis_kind": LegalBasisKind.SAMENWERKINGSOVEREENKOMST,
        "legal_basis_reference": SO_STAMTAFEL,
        # Assumption: formalised together with the new structure.
        "established_on": NIEUWE_GOVERNANCE,
        "themes": ["Mensenhandel", "Ondermijning en jeugdcriminaliteit"],
        "description": (
            "Bestuurlijk trekker en aanspreekpunt voor de aanpak van mensenhandel namens de "
            "Stamtafel: geeft opdrachten, informeert de tafel en legt er verantwoording af."
        ),
    },
    {
        "key": "secretarissen",
        "name": "Secretarissenoverleg zorg en veiligheid",
        "short_name": "Secretarissenoverleg",
        "kind": BodyKind.SECRETARISSENOVERLEG,
        "level": Level.TACTISCH,
        "decision_power": DecisionPower.AFSTEMMEND,
        "roles": [BodyRole.COORDINEREN],
        "meeting_frequency_per_year": 4,  # assumption: once before every Stamtafel
        "meeting_duration_hours": Decimal("1.0"),
        "established_on": STAMTAFEL_START,  # assumption: started together with the Stamtafel
        "description": (
            "De secretarissen van de Stamtafel, het DVO en de Vergadering van Gemeenten "
            "Veilig Thuis stemmen hun agenda's op elkaar af en spreken af langs welke tafel "
            "een onderwerp gaat, zodat niets dubbel of nergens besproken wordt."
        ),
    },
    {
        "key": "aio",
        "name": "Advies- en implementatieoverleg zorg en veiligheid",
        "short_name": "AIO",
        "kind": BodyKind.ADVIESOVERLEG,
        "level": Level.TACTISCH,
        "decision_power": DecisionPower.ADVISEREND,
        "roles": [BodyRole.SIGNALEREN, BodyRole.ADVISEREN, BodyRole.UITVOEREN],
        "meeting_frequency_per_year": 4,  # assumption: about ten hours per quarter in all
        "meeting_duration_hours": Decimal("2.5"),
        "legal_basis_kind": LegalBasisKind.SAMENWERKINGSOVEREENKOMST,
        "legal_basis_reference": SO_STAMTAFEL,
        "established_on": STAMTAFEL_START,  # assumption: started together with the Stamtafel
        "themes": _ALL_NOG_THEMES,
        "description": (
            "Tactische netwerktafel onder de Stamtafel: kijkt kritisch naar voorstellen voordat "
            "ze op tafel komen en zorgt daarna dat besluiten worden uitgewerkt, ingevoerd en "
            "geborgd in de organisaties en de subregio's. Signaleert en adviseert, op verzoek en "
            "uit zichzelf, over landelijke ontwikkelingen en over wat in het netwerk opkomt. "
            "Voorgezeten door de netwerksecretaris."
        ),
    },
    {
        "key": "regiegroep",
        "name": "Regiegroep gedwongen zorg Wvggz/Wzd",
        "short_name": "Regiegroep gedwongen zorg",
        "kind": BodyKind.REGIEGROEP,
        "level": Level.TACTISCH,
        "decision_power": DecisionPower.ADVISEREND,
        "roles": [
            BodyRole.SIGNALEREN,
            BodyRole.ADVISEREN,
            BodyRole.KENNISDELEN,
            BodyRole.UITVOEREN,
        ],
        "meeting_frequency_per_year": 4,
        "legal_basis_kind": LegalBasisKind.WETTELIJK,
        "legal_basis_reference": WVGGZ_8_31,
        "established_on": REGIEGROEP_START,
        "themes": ["Gedwongen zorg (Wvggz/Wzd)", "Handelingsperspectief van autonomie tot dwang"],
        "description": (
            "Compact ambtelijk overleg van ketenpartners dat de wettelijke taak van het "
            "periodiek overleg uitvoert: zicht houden op de uitvoering en het aanbod van "
            "verplichte zorg, knelpunten benoemen en jaarlijks speerpunten kiezen. Komt elk "
            "kwartaal bijeen, vóór de Stamtafel, en brengt voorstellen via de portefeuillehouder "
            "gedwongen zorg naar de Stamtafel. Gemeenten regelen planning en technisch "
            "voorzitterschap; er is geen inhoudelijk coördinerende secretaris."
        ),
    },
    {
        "key": "projectteam_vvt",
        "name": "Projectteam Veilig Verder Teams",
        "short_name": "Projectteam VVT",
        "kind": BodyKind.PROJECTTEAM,
        "level": Level.TACTISCH,
        "decision_power": DecisionPower.UITVOEREND,
        "roles": [BodyRole.UITVOEREN, BodyRole.ADVISEREN],
        "meeting_frequency_per_year": None,  # incidental, on the project's rhythm
        "established_on": PROJECT_VEILIG_VERDER_START,
        "themes": ["Huiselijk geweld en kindermishandeling", "Jeugd"],
        "description": (
            "Tijdelijk projectteam dat in opdracht van de Stamtafel uitwerkt hoe de regio de "
            "Veilig Verder Teams uit het toekomstscenario kind- en gezinsbescherming vormt. "
            "Een wethouder is projectmatig portefeuillehouder en bestuurlijk aanspreekpunt."
        ),
    },
    {
        "key": "veiligheidskamer",
        "name": "Veiligheidskamer Zorg- en Veiligheidshuis",
        "short_name": "Veiligheidskamer",
        "kind": BodyKind.UITVOERINGSOVERLEG,
        "level": Level.OPERATIONEEL,
        "decision_power": DecisionPower.UITVOEREND,
        "roles": [BodyRole.UITVOEREN],
        "meeting_frequency_per_year": 46,  # assumption: weekly, except holidays
        "meeting_duration_hours": Decimal("3.0"),
        "legal_basis_kind": LegalBasisKind.CONVENANT,
        "legal_basis_reference": CONVENANT_ZVH + " (uitvoeringsdeel)",
        "themes": [
            "Personen met gevaarlijk gedrag",
            "Personen met verward of onbegrepen gedrag",
            "Aanpak van acute onveiligheid",
        ],
        "description": (
            "Multidisciplinaire casusoverleggen onder procesregie van het Zorg- en "
            "Veiligheidshuis voor complexe situaties die lokaal niet op te lossen zijn, "
            "volgens de afspraken over op- en afschalen."
        ),
    },
    {
        "key": "stuurgroep_zvh",
        "name": "Stuurgroep Zorg- en Veiligheidshuis",
        "short_name": "Stuurgroep ZVH",
        "kind": BodyKind.STUURGROEP,
        "level": Level.BESTUURLIJK,
        "decision_power": DecisionPower.BESLUITVORMEND,
        "roles": [BodyRole.OPDRACHTGEVEN, BodyRole.BESLUITEN],
        "meeting_frequency_per_year": 4,  # assumption
        "legal_basis_kind": LegalBasisKind.CONVENANT,
        "legal_basis_reference": CONVENANT_ZVH + " (versie vóór 2024)",
        "status": BodyStatus.OPGEHEVEN,
        "dissolved_on": NIEUWE_GOVERNANCE,  # assumption, see NIEUWE_GOVERNANCE
        "description": (
            "Opdrachtgeversoverleg van de uitvoeringsorganisatie Zorg- en Veiligheidshuis. "
            "Vervallen toen de Stamtafel de strategische sturing van het netwerk overnam en "
            "twee portefeuillehouders de beheersmatige aansturing kregen."
        ),
    },
    {
        "key": "periodiek_wvggz",
        "name": "Periodiek overleg Wvggz/Wzd",
        "short_name": "Periodiek overleg Wvggz/Wzd",
        "kind": BodyKind.BESTUURLIJK_OVERLEG,
        "level": Level.BESTUURLIJK,
        "decision_power": DecisionPower.AFSTEMMEND,
        "roles": [BodyRole.SIGNALEREN, BodyRole.KENNISDELEN],
        "meeting_frequency_per_year": 2,  # assumption
        "legal_basis_kind": LegalBasisKind.WETTELIJK,
        "legal_basis_reference": WVGGZ_8_31,
        "status": BodyStatus.OPGEHEVEN,
        "established_on": WVGGZ_START,
        "dissolved_on": REGIEGROEP_START,
        "themes": ["Gedwongen zorg (Wvggz/Wzd)"],
        "description": (
            "Breed overleg met bestuurlijke vertegenwoordiging van gemeenten over een sluitende "
            "samenwerking en een sluitend zorgaanbod bij gedwongen zorg. Heeft zichzelf op "
            "19 april 2022 omgevormd tot de ambtelijke regiegroep gedwongen zorg."
        ),
    },
]

_DVO_SEATS = [
    seat(
        "dvo",
        municipality=name,
        person=NOG_MAYORS.get(name),
        role=MembershipRole.VOORZITTER if name == "Apeldoorn" else MembershipRole.LID,
    )
    for name in NOG_MUNICIPALITIES
]
_VVG_SEATS = [
    seat(
        "vvg_vt",
        municipality=name,
        person=NOG_ALDERMEN.get(name),
        role=MembershipRole.VOORZITTER if name == "Apeldoorn" else MembershipRole.LID,
        portfolio="jeugd en Wmo",
    )
    for name in NOG_MUNICIPALITIES
]
_STAMTAFEL_PARTNERS = [
    ("dir_mo", "mo", "maatschappelijke opvang en beschermd thuis"),
    ("dir_vrouwenopvang", "vrouwenopvang", "vrouwenopvang"),
    ("dir_vt", "vt", "Veilig Thuis"),
    ("dir_ggz", "ggz", "GGZ-aanbieders"),
    ("dir_verslaving", "verslaving", "verslavingszorg"),
    ("dir_vg", "vg", "verstandelijk gehandicaptenzorg"),
    ("dir_jeugdzorg", "jeugdzorg", "jeugdzorgaanbieders"),
    ("dir_ouderenzorg", "ouderenzorg", "ouderenzorg"),
    ("ervaringsdeskundige", "ervaring", "het ervarings- en herstelperspectief"),
    ("politie", "politie", "politie"),
    ("om", "om", "openbaar ministerie"),
    ("reclassering", "reclassering", "de reclasseringsorganisaties"),
    ("pi", "pi", "het gevangeniswezen"),
    ("zorgkantoor", "zorgkantoor", "financiers van zorg (Wlz)"),
    ("zorgverzekeraar", "zorgverzekeraar", "financiers van zorg (Zvw)"),
]

NOG_MEMBERSHIPS: list[dict] = [
    # Stamtafel
    seat(
        "stamtafel",
        MembershipRole.VOORZITTER,
        person="voorzitter",
        start=STAMTAFEL_START,
        substitute_allowed=False,
    ),
    seat(
        "stamtafel",
        MembershipRole.PLV_VOORZITTER,
        person="weth_winterswijk",
        municipality="Winterswijk",
        on_behalf_of="wethouders subregio Achterhoek",
        on_behalf_of_body="vvg_vt",
        start=STAMTAFEL_START,
    ),
    seat(
        "stamtafel",
        MembershipRole.NETWERKSECRETARIS,
        person="netwerksecretaris",
        start=STAMTAFEL_START,
        substitute_allowed=False,
    ),
    seat(
        "stamtafel",
        person="burg_doetinchem",
        municipality="Doetinchem",
        on_behalf_of="burgemeesters subregio Achterhoek",
        on_behalf_of_body="dvo",
        portfolio="Zorg- en Veiligheidshuis (namens het DVO)",
        start=STAMTAFEL_START,
    ),
    seat(
        "stamtafel",
        person="burg_apeldoorn",
        municipality="Apeldoorn",
        on_behalf_of="burgemeesters subregio Midden-IJssel/Oost-Veluwe",
        on_behalf_of_body="dvo",
        start=STAMTAFEL_START,
    ),
    seat(
        "stamtafel",
        person="burg_harderwijk",
        municipality="Harderwijk",
        on_behalf_of="burgemeesters subregio Noord-Veluwe",
        on_behalf_of_body="dvo",
        portfolio="mensenhandel",
        start=STAMTAFEL_START,
    ),
    seat(
        "stamtafel",
        person="weth_zutphen",
        municipality="Zutphen",
        on_behalf_of="wethouders subregio Midden-IJssel/Oost-Veluwe",
        on_behalf_of_body="vvg_vt",
        portfolio="gedwongen zorg (Wvggz/Wzd)",
        start=STAMTAFEL_START,
    ),
    seat(
        "stamtafel",
        person="weth_ermelo",
        municipality="Ermelo",
        on_behalf_of="wethouders subregio Noord-Veluwe",
        on_behalf_of_body="vvg_vt",
        portfolio="Zorg- en Veiligheidshuis (namens de VvG Veilig Thuis)",
        start=STAMTAFEL_START,
    ),
    *[
        seat(
            "stamtafel", person=person, organisation=org, on_behalf_of=domain, start=STAMTAFEL_START
        )
        for person, org, domain in _STAMTAFEL_PARTNERS
    ],
    seat(
        "stamtafel",
        MembershipRole.AGENDALID,
        person="manager_zvh",
        organisation="zvh",
        start=STAMTAFEL_START,
    ),
    # DVO and Vergadering van Gemeenten Veilig Thuis: one seat per municipality
    *_DVO_SEATS,
    seat("dvo", MembershipRole.SECRETARIS, person="secretaris_dvo"),
    *_VVG_SEATS,
    seat("vvg_vt", MembershipRole.SECRETARIS, person="secretaris_vvg"),
    seat(
        "vvg_vt",
        MembershipRole.ADVISEUR,
        person="netwerksecretaris",
        portfolio="ondersteuning bij de agenda zorg en veiligheid",
        start=NIEUWE_GOVERNANCE,
    ),
    # Portefeuillehouders
    seat(
        "ph_zvh",
        MembershipRole.PORTEFEUILLEHOUDER,
        person="burg_doetinchem",
        municipality="Doetinchem",
        on_behalf_of_body="dvo",
        portfolio="beheersmatige aansturing Zorg- en Veiligheidshuis",
        start=NIEUWE_GOVERNANCE,
    ),
    seat(
        "ph_zvh",
        MembershipRole.PORTEFEUILLEHOUDER,
        person="weth_ermelo",
        municipality="Ermelo",
        on_behalf_of_body="vvg_vt",
        portfolio="beheersmatige aansturing Zorg- en Veiligheidshuis",
        start=NIEUWE_GOVERNANCE,
    ),
    seat(
        "ph_zvh",
        MembershipRole.ADVISEUR,
        person="manager_zvh",
        organisation="zvh",
        start=NIEUWE_GOVERNANCE,
    ),
    seat(
        "ph_gz",
        MembershipRole.PORTEFEUILLEHOUDER,
        person="weth_zutphen",
        municipality="Zutphen",
        on_behalf_of_body="stamtafel",
        portfolio="gedwongen zorg (Wvggz/Wzd)",
        start=REGIEGROEP_START,
    ),
    seat(
        "ph_mh",
        MembershipRole.PORTEFEUILLEHOUDER,
        person="burg_harderwijk",
        municipality="Harderwijk",
        on_behalf_of_body="stamtafel",
        portfolio="mensenhandel",
        start=NIEUWE_GOVERNANCE,
    ),
    # Secretarissenoverleg
    seat(
        "secretarissen",
        MembershipRole.NETWERKSECRETARIS,
        person="netwerksecretaris",
        on_behalf_of_body="stamtafel",
        start=STAMTAFEL_START,
    ),
    seat(
        "secretarissen",
        MembershipRole.SECRETARIS,
        person="secretaris_dvo",
        on_behalf_of_body="dvo",
        start=STAMTAFEL_START,
    ),
    seat(
        "secretarissen",
        MembershipRole.SECRETARIS,
        person="secretaris_vvg",
        on_behalf_of_body="vvg_vt",
        start=STAMTAFEL_START,
    ),
    # Advies- en implementatieoverleg
    seat(
        "aio",
        MembershipRole.VOORZITTER,
        person="netwerksecretaris",
        on_behalf_of_body="stamtafel",
        start=STAMTAFEL_START,
    ),
    seat(
        "aio",
        person="driehoek_1",
        municipality="Doetinchem",
        on_behalf_of="gezagsdriehoek (integrale veiligheid)",
        start=STAMTAFEL_START,
    ),
    seat(
        "aio",
        person="driehoek_2",
        municipality="Winterswijk",
        on_behalf_of="gezagsdriehoek (integrale veiligheid)",
        start=STAMTAFEL_START,
    ),
    seat(
        "aio",
        person="driehoek_3",
        municipality="Apeldoorn",
        on_behalf_of="gezagsdriehoek (integrale veiligheid)",
        start=STAMTAFEL_START,
    ),
    seat(
        "aio",
        person="driehoek_4",
        municipality="Zutphen",
        on_behalf_of="gezagsdriehoek (integrale veiligheid)",
        start=STAMTAFEL_START,
    ),
    seat(
        "aio",
        person="driehoek_5",
        municipality="Harderwijk",
        on_behalf_of="gezagsdriehoek (integrale veiligheid)",
        start=STAMTAFEL_START,
    ),
    seat(
        "aio",
        person="driehoek_6",
        municipality="Nunspeet",
        on_behalf_of="gezagsdriehoek (integrale veiligheid)",
        start=STAMTAFEL_START,
    ),
    seat(
        "aio",
        person="sd_achterhoek",
        municipality="Berkelland",
        on_behalf_of="sociaal domein subregio Achterhoek",
        start=STAMTAFEL_START,
    ),
    seat(
        "aio",
        person="sd_midden",
        municipality="Lochem",
        on_behalf_of="sociaal domein subregio Midden-IJssel/Oost-Veluwe",
        start=STAMTAFEL_START,
    ),
    seat(
        "aio",
        person="sd_noord",
        municipality="Nunspeet",
        on_behalf_of="sociaal domein subregio Noord-Veluwe",
        start=STAMTAFEL_START,
    ),
    seat("aio", person="secretaris_dvo", on_behalf_of_body="dvo", start=STAMTAFEL_START),
    seat("aio", person="secretaris_vvg", on_behalf_of_body="vvg_vt", start=STAMTAFEL_START),
    *[
        seat(
            "aio",
            organisation=org,
            on_behalf_of="adviseur of manager uit het netwerk",
            start=STAMTAFEL_START,
        )
        for org in ("vt", "ggz", "mo", "politie", "om", "reclassering", "zvh", "jeugdzorg")
    ],
    # Regiegroep gedwongen zorg
    seat(
        "regiegroep",
        MembershipRole.VOORZITTER,
        person="wvggz_apeldoorn",
        municipality="Apeldoorn",
        portfolio="technisch voorzitter",
        on_behalf_of="gemeenten subregio Midden-IJssel/Oost-Veluwe",
        start=REGIEGROEP_START,
    ),
    seat(
        "regiegroep",
        MembershipRole.SECRETARIS,
        person="wvggz_harderwijk",
        municipality="Harderwijk",
        portfolio="planning, agenda-uitvraag en samenvatting van beslispunten (geen "
        "inhoudelijk coördinerende taken)",
        on_behalf_of="gemeenten subregio Noord-Veluwe",
        start=REGIEGROEP_START,
    ),
    seat(
        "regiegroep",
        person="wvggz_doetinchem",
        municipality="Doetinchem",
        on_behalf_of="gemeenten subregio Achterhoek",
        start=REGIEGROEP_START,
    ),
    seat("regiegroep", person="gd_ggz", organisation="ggz", start=REGIEGROEP_START),
    seat("regiegroep", person="gd_verslaving", organisation="verslaving", start=REGIEGROEP_START),
    seat("regiegroep", person="ovj", organisation="om", start=REGIEGROEP_START),
    seat(
        "regiegroep",
        MembershipRole.AGENDALID,
        organisation="ggz",
        portfolio="manager crisisdienst (samenhang Wzd en inbewaringstelling)",
        start=REGIEGROEP_START,
    ),
    # Projectteam Veilig Verder Teams
    seat(
        "projectteam_vvt",
        MembershipRole.PORTEFEUILLEHOUDER,
        person="weth_apeldoorn",
        municipality="Apeldoorn",
        on_behalf_of_body="stamtafel",
        portfolio="projectmatig portefeuillehouder Veilig Verder Teams",
        start=PROJECT_VEILIG_VERDER_START,
    ),
    seat(
        "projectteam_vvt",
        person="sd_midden",
        municipality="Lochem",
        start=PROJECT_VEILIG_VERDER_START,
    ),
    seat("projectteam_vvt", organisation="vt", start=PROJECT_VEILIG_VERDER_START),
    seat("projectteam_vvt", organisation="jeugdzorg", start=PROJECT_VEILIG_VERDER_START),
    # Veiligheidskamer (procesregie ZVH)
    seat(
        "veiligheidskamer",
        MembershipRole.VOORZITTER,
        person="procesregisseur_zvh",
        organisation="zvh",
        portfolio="procesregie",
    ),
    *[
        seat("veiligheidskamer", organisation=org)
        for org in ("politie", "om", "reclassering", "ggz", "verslaving", "vt", "mo")
    ],
    # Stuurgroep Zorg- en Veiligheidshuis (dissolved)
    seat(
        "stuurgroep_zvh",
        MembershipRole.VOORZITTER,
        person="burg_doetinchem",
        municipality="Doetinchem",
        on_behalf_of_body="dvo",
        end=NIEUWE_GOVERNANCE,
    ),
    seat(
        "stuurgroep_zvh",
        person="weth_ermelo",
        municipality="Ermelo",
        on_behalf_of_body="vvg_vt",
        end=NIEUWE_GOVERNANCE,
    ),
    seat("stuurgroep_zvh", person="politie", organisation="politie", end=NIEUWE_GOVERNANCE),
    seat("stuurgroep_zvh", person="om", organisation="om", end=NIEUWE_GOVERNANCE),
    seat(
        "stuurgroep_zvh", person="reclassering", organisation="reclassering", end=NIEUWE_GOVERNANCE
    ),
    seat("stuurgroep_zvh", person="dir_ggz", organisation="ggz", end=NIEUWE_GOVERNANCE),
    seat("stuurgroep_zvh", person="dir_vt", organisation="vt", end=NIEUWE_GOVERNANCE),
    seat(
        "stuurgroep_zvh",
        MembershipRole.SECRETARIS,
        person="secretaris_zvh",
        organisation="zvh",
        end=NIEUWE_GOVERNANCE,
    ),
    # Periodiek overleg Wvggz/Wzd (dissolved on 19-04-2022)
    seat(
        "periodiek_wvggz",
        MembershipRole.VOORZITTER,
        person="weth_zutphen",
        municipality="Zutphen",
        start=WVGGZ_START,
        end=REGIEGROEP_START,
    ),
    seat(
        "periodiek_wvggz",
        person="weth_apeldoorn",
        municipality="Apeldoorn",
        start=WVGGZ_START,
        end=REGIEGROEP_START,
    ),
    seat(
        "periodiek_wvggz",
        person="weth_winterswijk",
        municipality="Winterswijk",
        start=WVGGZ_START,
        end=REGIEGROEP_START,
    ),
    seat(
        "periodiek_wvggz",
        MembershipRole.SECRETARIS,
        person="wvggz_apeldoorn",
        municipality="Apeldoorn",
        start=WVGGZ_START,
        end=REGIEGROEP_START,
    ),
    *[
        seat("periodiek_wvggz", organisation=org, start=WVGGZ_START, end=REGIEGROEP_START)
        for org in ("ggz", "verslaving", "om", "politie", "zorgverzekeraar")
    ],
]

NOG_MANDATES: list[dict] = [
    {
        "body": "stamtafel",
        "power": Power.AFSTEMMEN,
        "subject": "Brede regionale agenda zorg en veiligheid: strategische vraagstukken die een "
        "integrale, regionale aanpak vragen",
        "source_document": SO_STAMTAFEL,
        "valid_from": STAMTAFEL_START,
    },
    {
        "body": "stamtafel",
        "power": Power.SIGNALEREN,
        "subject": "Signalen, adviezen en voorstellen neerleggen bij verantwoordelijke "
        "regionale en landelijke gremia",
        "source_document": SO_STAMTAFEL,
        "valid_from": STAMTAFEL_START,
    },
    {
        "body": "stamtafel",
        "power": Power.STRATEGISCHE_REGIE,
        "subject": "Strategisch-inhoudelijke sturing van het Zorg- en Veiligheidshuis en van de "
        "netwerksamenwerking binnen de scope van het ZVH",
        "organisation": "zvh",
        "source_document": CONVENANT_ZVH,
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "body": "stamtafel",
        "power": Power.OPDRACHTGEVERSCHAP,
        "subject": "Opdrachten aan portefeuillehouders en projectteams die namens de Stamtafel "
        "werken",
        "source_document": SO_STAMTAFEL,
        "valid_from": STAMTAFEL_START,
    },
    {
        "body": "dvo",
        "power": Power.BESLUITEN,
        "subject": "Veiligheidsonderwerpen in de regio",
        "source_document": "Bevoegdheden van de burgemeesters voor openbare orde en veiligheid",
    },
    {
        "body": "dvo",
        "power": Power.BESLUITEN,
        "subject": "Financiële kaders van het Zorg- en Veiligheidshuis",
        "organisation": "zvh",
        "source_document": CONVENANT_ZVH,
    },
    {
        "body": "vvg_vt",
        "power": Power.OPDRACHTGEVERSCHAP,
        "subject": "Opdrachtgeverschap en financiering van Veilig Thuis",
        "organisation": "vt",
        "theme": "Huiselijk geweld en kindermishandeling",
        "source_document": STATUTEN_VT,
    },
    {
        "body": "vvg_vt",
        "power": Power.AFSTEMMEN,
        "subject": "Zorg- en veiligheidsonderwerpen van het sociaal domein: ophalen voor en "
        "terugkoppelen van de Stamtafel",
        "source_document": SO_STAMTAFEL,
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "body": "ph_zvh",
        "power": Power.BEHEERSMATIG,
        "subject": "Beheersmatige aansturing van de uitvoeringsorganisatie Zorg- en "
        "Veiligheidshuis, binnen de financiële kaders van het DVO",
        "organisation": "zvh",
        "source_document": CONVENANT_ZVH,
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "body": "ph_gz",
        "power": Power.OPDRACHTGEVERSCHAP,
        "subject": "Bestuurlijk aanspreekpunt voor de wettelijke opdracht van het regionale "
        "overleg verplichte zorg",
        "theme": "Gedwongen zorg (Wvggz/Wzd)",
        "source_document": WVGGZ_8_31,
        "valid_from": REGIEGROEP_START,
    },
    {
        "body": "ph_mh",
        "power": Power.OPDRACHTGEVERSCHAP,
        "subject": "Bestuurlijk trekker en aanspreekpunt voor de aanpak van mensenhandel",
        "theme": "Mensenhandel",
        "source_document": SO_STAMTAFEL,
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "body": "aio",
        "power": Power.ADVISEREN,
        "subject": "Gevraagd en ongevraagd advies aan de Stamtafel; uitwerking en invoering van "
        "afspraken van de Stamtafel",
        "source_document": SO_STAMTAFEL,
        "valid_from": STAMTAFEL_START,
    },
    {
        "body": "regiegroep",
        "power": Power.SIGNALEREN,
        "subject": "Zicht op de uitvoering en het aanbod van verplichte zorg en de knelpunten "
        "daarbij",
        "theme": "Gedwongen zorg (Wvggz/Wzd)",
        "source_document": WVGGZ_8_31,
        "valid_from": REGIEGROEP_START,
    },
    {
        "body": "regiegroep",
        "power": Power.ADVISEREN,
        "subject": "Informeren en adviseren van de Stamtafel over gedwongen zorg, via de "
        "portefeuillehouder",
        "theme": "Gedwongen zorg (Wvggz/Wzd)",
        "source_document": "Voorstel vastgesteld in het periodiek overleg Wvggz/Wzd van 19-04-2022",
        "valid_from": REGIEGROEP_START,
    },
    {
        "body": "stuurgroep_zvh",
        "power": Power.STRATEGISCHE_REGIE,
        "subject": "Strategische richting, jaarplan en begroting van het netwerk Zorg- en "
        "Veiligheidshuis",
        "organisation": "zvh",
        "source_document": CONVENANT_ZVH + " (versie vóór 2024)",
        "valid_to": NIEUWE_GOVERNANCE,
    },
    {
        "body": "stuurgroep_zvh",
        "power": Power.OPDRACHTGEVERSCHAP,
        "subject": "Opdrachtgever van de uitvoeringsorganisatie Zorg- en Veiligheidshuis",
        "organisation": "zvh",
        "source_document": CONVENANT_ZVH + " (versie vóór 2024)",
        "valid_to": NIEUWE_GOVERNANCE,
    },
    {
        "body": "periodiek_wvggz",
        "power": Power.SIGNALEREN,
        "subject": "Zicht op de uitvoering en het aanbod van verplichte zorg",
        "theme": "Gedwongen zorg (Wvggz/Wzd)",
        "source_document": WVGGZ_8_31,
        "valid_from": WVGGZ_START,
        "valid_to": REGIEGROEP_START,
    },
]

NOG_RELATIONS: list[dict] = [
    # Hulpstructuur accounts to the Stamtafel.
    {
        "source": "ph_zvh",
        "target": "stamtafel",
        "kind": RelationKind.VERANTWOORDING,
        "note": "Over de beheersmatige aansturing van het ZVH.",
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "source": "ph_gz",
        "target": "stamtafel",
        "kind": RelationKind.VERANTWOORDING,
        "valid_from": REGIEGROEP_START,
    },
    {
        "source": "ph_mh",
        "target": "stamtafel",
        "kind": RelationKind.VERANTWOORDING,
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "source": "projectteam_vvt",
        "target": "stamtafel",
        "kind": RelationKind.VERANTWOORDING,
        "note": "Via de projectmatig portefeuillehouder.",
        "valid_from": PROJECT_VEILIG_VERDER_START,
    },
    {
        "source": "projectteam_vvt",
        "target": "stamtafel",
        "kind": RelationKind.ADVISEERT,
        "note": "Binnen de scope van de projectopdracht.",
        "valid_from": PROJECT_VEILIG_VERDER_START,
    },
    {
        "source": "stamtafel",
        "target": "projectteam_vvt",
        "kind": RelationKind.OPDRACHT,
        "valid_from": PROJECT_VEILIG_VERDER_START,
    },
    # Tactical support.
    {
        "source": "aio",
        "target": "stamtafel",
        "kind": RelationKind.ADVISEERT,
        "note": "Gevraagd en ongevraagd.",
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "aio",
        "target": "stamtafel",
        "kind": RelationKind.BEREIDT_VOOR,
        "note": "Kritische analyse van voorstellen vooraf.",
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "aio",
        "target": "stamtafel",
        "kind": RelationKind.ONDERSTEUNT,
        "note": "Uitwerking, invoering en borging van afspraken.",
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "secretarissen",
        "target": "stamtafel",
        "kind": RelationKind.ONDERSTEUNT,
        "note": "Afstemming van agenda's en routering.",
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "secretarissen",
        "target": "dvo",
        "kind": RelationKind.ONDERSTEUNT,
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "secretarissen",
        "target": "vvg_vt",
        "kind": RelationKind.ONDERSTEUNT,
        "valid_from": STAMTAFEL_START,
    },
    # Gedwongen zorg.
    {
        "source": "regiegroep",
        "target": "stamtafel",
        "kind": RelationKind.ADVISEERT,
        "note": "Via de portefeuillehouder gedwongen zorg.",
        "valid_from": REGIEGROEP_START,
    },
    {
        "source": "regiegroep",
        "target": "ph_gz",
        "kind": RelationKind.VERANTWOORDING,
        "valid_from": REGIEGROEP_START,
    },
    {
        "source": "stamtafel",
        "target": "ph_gz",
        "kind": RelationKind.LINKING_PIN,
        "note": "Wijst een van de deelnemende burgemeesters of wethouders aan.",
        "valid_from": REGIEGROEP_START,
    },
    # The two municipal lines of authority.
    {
        "source": "dvo",
        "target": "stamtafel",
        "kind": RelationKind.OPHALEN,
        "note": "Veiligheid: ophalen, terugkoppelen en besluiten.",
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "vvg_vt",
        "target": "stamtafel",
        "kind": RelationKind.OPHALEN,
        "note": "Sociaal domein: ophalen, terugkoppelen en besluitvorming voorbereiden.",
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "source": "stamtafel",
        "target": "dvo",
        "kind": RelationKind.ADVISEERT,
        "note": "Legt voorstellen over veiligheid ter besluitvorming neer.",
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "stamtafel",
        "target": "vvg_vt",
        "kind": RelationKind.ADVISEERT,
        "note": "Legt voorstellen over het sociaal domein ter besluitvorming neer.",
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "dvo",
        "target": "stamtafel",
        "kind": RelationKind.LINKING_PIN,
        "note": "Een burgemeester per subregio.",
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "vvg_vt",
        "target": "stamtafel",
        "kind": RelationKind.LINKING_PIN,
        "note": "Een wethouder per subregio.",
        "valid_from": STAMTAFEL_START,
    },
    {
        "source": "dvo",
        "target": "ph_zvh",
        "kind": RelationKind.LINKING_PIN,
        "note": "Levert de burgemeester-portefeuillehouder.",
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "source": "vvg_vt",
        "target": "ph_zvh",
        "kind": RelationKind.LINKING_PIN,
        "note": "Levert de wethouder-portefeuillehouder.",
        "valid_from": NIEUWE_GOVERNANCE,
    },
    # Operations.
    {
        "source": "veiligheidskamer",
        "target": "ph_zvh",
        "kind": RelationKind.VERANTWOORDING,
        "note": "Via de manager van het ZVH, over de uitvoering.",
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "source": "veiligheidskamer",
        "target": "stuurgroep_zvh",
        "kind": RelationKind.VERANTWOORDING,
        "note": "Via de manager van het ZVH.",
        "valid_to": NIEUWE_GOVERNANCE,
    },
    # Merged-away tables.
    {
        "source": "stuurgroep_zvh",
        "target": "stamtafel",
        "kind": RelationKind.GAAT_OP_IN,
        "note": "Strategische sturing naar de Stamtafel; beheersmatige aansturing naar twee "
        "portefeuillehouders.",
        "valid_from": NIEUWE_GOVERNANCE,
    },
    {
        "source": "periodiek_wvggz",
        "target": "regiegroep",
        "kind": RelationKind.GAAT_OP_IN,
        "note": "Omvorming van bestuurlijk naar ambtelijk overleg; besluitvorming via de "
        "portefeuillehouder aan de Stamtafel.",
        "valid_from": REGIEGROEP_START,
    },
]

_FUNDING_GEMEENTEN = "Gemeenten (uit de POK-reserves van het Zorg- en Veiligheidshuis)"

NOG_COST_LINES: list[dict] = [
    {
        "body": "stamtafel",
        "item": "Onafhankelijk voorzitter",
        "estimate_eur": Decimal("2800"),
        "funded_by": _FUNDING_GEMEENTEN,
        "note": "Raming op basis van vier bijeenkomsten per jaar.",
    },
    {
        "body": "stamtafel",
        "item": "Netwerksecretaris (16 uur per week) – deel ZVH",
        "estimate_eur": Decimal("20000"),
        "funded_by": "Zorg- en Veiligheidshuis (budget van de vervallen secretaris ZVH)",
        "note": "Totale raming netwerksecretaris € 66.000 per jaar.",
    },
    {
        "body": "stamtafel",
        "item": "Netwerksecretaris (16 uur per week) – deel gemeenten",
        "estimate_eur": Decimal("46000"),
        "funded_by": _FUNDING_GEMEENTEN,
        "note": "Totale raming netwerksecretaris € 66.000 per jaar.",
    },
    {
        "body": "stamtafel",
        "item": "Overige kosten (begeleiding, sprekers, overlegruimte)",
        "estimate_eur": Decimal("6000"),
        "funded_by": _FUNDING_GEMEENTEN,
    },
    {
        "body": "aio",
        "item": "Inzet deelnemers advies- en implementatieoverleg",
        "estimate_eur": Decimal("0"),
        "funded_by": "Alle betrokken organisaties en gemeenten, in natura",
        "note": "Structureel ongeveer 10 uur per kwartaal; incidenteel op opdracht van de "
        "Stamtafel.",
    },
]

NOG = {
    "slug": "nog",
    "region": {
        "name": "Noord- en Oost-Gelderland",
        "code": "VR06",
        "collaboration_model": CollaborationModel.GEZAMENLIJK,
        "collaboration_note": (
            "Via de Stamtafel zorg en veiligheid: één bestuurlijke netwerktafel waar gemeenten "
            "en partners de strategische agenda samen sturen. Besluiten vallen in de "
            "bestaande gezagslijnen: het DVO voor veiligheid en de Vergadering van Gemeenten "
            "Veilig Thuis voor het sociaal domein."
        ),
        "initiator": Initiator.BESTUUR,
        "characteristics": (
            "22 gemeenten in drie subregio's (Achterhoek, Midden-IJssel/Oost-Veluwe en "
            "Noord-Veluwe), met drie jeugd- en Wmo-regio's voor de inkoop. Tot 2022 lag de "
            "agenda verspreid over het DVO, de stuurgroep Zorg- en Veiligheidshuis, de "
            "Vergadering van Gemeenten Veilig Thuis en het periodiek overleg Wvggz/Wzd; eind "
            "2021 spraken die tafels af te experimenteren met één netwerktafel. Elk kwartaal "
            "brengt een subregio een casus in voor reflectie aan de Stamtafel."
        ),
        "description": (
            "Regio van de veiligheidsregio Noord- en Oost-Gelderland. De sturingsvisie "
            "beschrijft leidende principes voor de uitvoering, de opdracht van de Stamtafel en "
            "een vereenvoudigde overlegstructuur."
        ),
    },
    "sub_regions": NOG_SUB_REGIONS,
    "themes": NOG_THEMES,
    "organisations": NOG_ORGANISATIONS,
    "persons": NOG_PERSONS,
    "bodies": NOG_BODIES,
    "memberships": NOG_MEMBERSHIPS,
    "mandates": NOG_MANDATES,
    "relations": NOG_RELATIONS,
    "cost_lines": NOG_COST_LINES,
}


# --- Voorbeeldregio (entirely fictitious) ------------------------------------------------------

VB_START = date(2019, 1, 1)
VB_BNT_START = date(2023, 3, 1)

VB_SUB_REGIONS: dict[str, list[tuple[str, str]]] = {
    "Noordzijde": [("Aalderveen", ""), ("Breukelveld", ""), ("Dorrewaard", "")],
    "Zuidzijde": [("Hoogmeerlo", ""), ("Lindewijk", ""), ("Zandhove", "")],
}
VB_MUNICIPALITIES = [name for rows in VB_SUB_REGIONS.values() for name, _code in rows]

VOORBEELD = {
    "slug": "voorbeeld",
    "region": {
        "name": "Voorbeeldregio",
        "code": "",
        "collaboration_model": CollaborationModel.STUURGROEP,
        "collaboration_note": (
            "Een stuurgroep geeft richting aan het Zorg- en Veiligheidshuis; de "
            "gemeenschappelijke regeling besluit, op zwaarwegend advies van een "
            "bestuursadviescommissie. Sinds 2023 is er ook een bestuurlijke netwerktafel."
        ),
        "initiator": Initiator.BELEID,
        "characteristics": "Verzonnen regio met zes gemeenten in twee subregio's, om te laten "
        "zien dat gebruikers alleen hun eigen regio zien.",
        "description": "Demoregio zonder echte gegevens.",
    },
    "sub_regions": VB_SUB_REGIONS,
    "themes": [
        (
            "Personen met verward of onbegrepen gedrag",
            "Regionaal vanwege de gezamenlijke meldlijn en het vervoer.",
        ),
        (
            "Huiselijk geweld en kindermishandeling",
            "Regionaal vanwege het opdrachtgeverschap van Veilig Thuis via de GR.",
        ),
        ("Nazorg (ex-)gedetineerden", "Regionaal voor de terugkeer na detentie."),
    ],
    "organisations": [
        ("vt", "Veilig Thuis Voorbeeldregio", OrganisationDomain.VEILIGHEID, "Veilig Thuis", True),
        ("ggz", "GGZ Voorbeeldregio", OrganisationDomain.ZORG, "GGZ-instelling", True),
        (
            "politie",
            "Politie, district Voorbeeldregio",
            OrganisationDomain.VEILIGHEID,
            "politie",
            True,
        ),
        (
            "zvh",
            "Zorg- en Veiligheidshuis Voorbeeldregio",
            OrganisationDomain.VEILIGHEID,
            "zorg- en veiligheidshuis",
            True,
        ),
        (
            "reclassering",
            "Reclassering Voorbeeldregio",
            OrganisationDomain.STRAF,
            "reclassering",
            True,
        ),
    ],
    "persons": [
        (
            "burg_aalderveen",
            "Johan Scheepers",
            "burgemeester van Aalderveen",
            Office.BURGEMEESTER,
            None,
        ),
        (
            "burg_hoogmeerlo",
            "Carla Timmer",
            "burgemeester van Hoogmeerlo",
            Office.BURGEMEESTER,
            None,
        ),
        (
            "weth_breukelveld",
            "Niels Oudshoorn",
            "wethouder van Breukelveld",
            Office.WETHOUDER,
            None,
        ),
        ("weth_lindewijk", "Sophie Verbeek", "wethouder van Lindewijk", Office.WETHOUDER, None),
        (
            "voorzitter_bnt",
            "Henk Dorrestein",
            "onafhankelijk voorzitter netwerktafel",
            Office.ONAFHANKELIJK,
            None,
        ),
        ("secretaris", "Lotte Jansen", "netwerksecretaris Voorbeeldregio", Office.AMBTELIJK, None),
        (
            "dir_ggz",
            "Bram Huisman",
            "bestuurder GGZ Voorbeeldregio",
            Office.PARTNER_BESTUURDER,
            "ggz",
        ),
        (
            "politie",
            "Nicole Brandsma",
            "districtschef politie",
            Office.PARTNER_BESTUURDER,
            "politie",
        ),
        ("manager_zvh", "Mark Jonker", "manager Zorg- en Veiligheidshuis", Office.AMBTELIJK, "zvh"),
    ],
    "bodies": [
        {
            "key": "ab",
            "name": "Algemeen Bestuur GR Voorbeeldregio",
            "short_name": "AB",
            "kind": BodyKind.ALGEMEEN_BESTUUR,
            "level": Level.BESTUURLIJK,
            "decision_power": DecisionPower.BESLUITVORMEND,
            "roles": [BodyRole.BESLUITEN],
            "meeting_frequency_per_year": 4,
            "legal_basis_kind": LegalBasisKind.GR,
            "legal_basis_reference": "Gemeenschappelijke regeling Voorbeeldregio",
            "established_on": VB_START,
            "description": "Besluit over de taken die de zes gemeenten in de GR hebben belegd.",
        },
        {
            "key": "bac",
            "name": "Bestuursadviescommissie Zorg en Veiligheid",
            "short_name": "BAC",
            "kind": BodyKind.BAC,
            "level": Level.BESTUURLIJK,
            "decision_power": DecisionPower.ZWAARWEGEND_ADVIES,
            "roles": [BodyRole.ADVISEREN, BodyRole.OPDRACHTGEVEN],
            "meeting_frequency_per_year": 4,
            "legal_basis_kind": LegalBasisKind.GR,
            "legal_basis_reference": "Gemeenschappelijke regeling Voorbeeldregio, art. 12",
            "established_on": VB_START,
            "themes": ["Huiselijk geweld en kindermishandeling"],
            "description": "Wethouders die het Algemeen Bestuur zwaarwegend adviseren en namens de "
            "GR opdrachtgever zijn van Veilig Thuis.",
        },
        {
            "key": "bnt",
            "name": "Bestuurlijke Netwerktafel Zorg en Veiligheid",
            "short_name": "BNT",
            "kind": BodyKind.BNT,
            "level": Level.BESTUURLIJK,
            "decision_power": DecisionPower.AFSTEMMEND,
            "roles": [BodyRole.SIGNALEREN, BodyRole.INTEGREREN, BodyRole.AANJAGEN],
            "meeting_frequency_per_year": 3,
            "legal_basis_kind": LegalBasisKind.SAMENWERKINGSOVEREENKOMST,
            "legal_basis_reference": "Samenwerkingsafspraken netwerktafel Voorbeeldregio 2023",
            "established_on": VB_BNT_START,
            "themes": ["Personen met verward of onbegrepen gedrag", "Nazorg (ex-)gedetineerden"],
            "description": "Gemeenten en partners als gelijken: bepalen samen koers en "
            "prioriteiten van de regionale aanpak.",
        },
        {
            "key": "stuurgroep",
            "name": "Stuurgroep Zorg- en Veiligheidshuis Voorbeeldregio",
            "short_name": "Stuurgroep ZVH",
            "kind": BodyKind.STUURGROEP,
            "level": Level.BESTUURLIJK,
            "decision_power": DecisionPower.BESLUITVORMEND,
            "roles": [BodyRole.BESLUITEN, BodyRole.OPDRACHTGEVEN],
            "meeting_frequency_per_year": 4,
            "legal_basis_kind": LegalBasisKind.CONVENANT,
            "legal_basis_reference": "Convenant Zorg- en Veiligheidshuis Voorbeeldregio",
            "established_on": VB_START,
            "description": "Geeft strategisch richting aan het netwerk van het Zorg- en "
            "Veiligheidshuis en stelt jaarplan en begroting vast.",
        },
        {
            "key": "partnergroep",
            "name": "Partnergroep Zorg- en Veiligheidshuis",
            "short_name": "Partnergroep",
            "kind": BodyKind.PARTNERGROEP,
            "level": Level.TACTISCH,
            "decision_power": DecisionPower.ADVISEREND,
            "roles": [BodyRole.ADVISEREN, BodyRole.UITVOEREN],
            "meeting_frequency_per_year": 6,
            "established_on": VB_START,
            "description": "Managers van de partners die de stuurgroep voorbereiden.",
        },
        {
            "key": "casusoverleg",
            "name": "Casusoverleg complexe casuïstiek",
            "short_name": "Casusoverleg",
            "kind": BodyKind.UITVOERINGSOVERLEG,
            "level": Level.OPERATIONEEL,
            "decision_power": DecisionPower.UITVOEREND,
            "roles": [BodyRole.UITVOEREN],
            "meeting_frequency_per_year": 24,
            "established_on": VB_START,
            "description": "Tweewekelijks overleg over vastgelopen situaties.",
        },
    ],
    "memberships": [
        seat(
            "ab",
            MembershipRole.VOORZITTER,
            person="burg_aalderveen",
            municipality="Aalderveen",
            start=VB_START,
        ),
        *[
            seat("ab", municipality=name, start=VB_START)
            for name in VB_MUNICIPALITIES
            if name != "Aalderveen"
        ],
        seat("ab", MembershipRole.SECRETARIS, person="secretaris", start=VB_START),
        seat(
            "bac",
            MembershipRole.VOORZITTER,
            person="weth_breukelveld",
            municipality="Breukelveld",
            start=VB_START,
        ),
        seat("bac", person="weth_lindewijk", municipality="Lindewijk", start=VB_START),
        seat("bac", MembershipRole.SECRETARIS, person="secretaris", start=VB_START),
        seat("bnt", MembershipRole.VOORZITTER, person="voorzitter_bnt", start=VB_BNT_START),
        seat("bnt", MembershipRole.NETWERKSECRETARIS, person="secretaris", start=VB_BNT_START),
        seat(
            "bnt",
            person="burg_hoogmeerlo",
            municipality="Hoogmeerlo",
            on_behalf_of="burgemeesters subregio Zuidzijde",
            start=VB_BNT_START,
        ),
        seat(
            "bnt",
            person="weth_lindewijk",
            municipality="Lindewijk",
            on_behalf_of="wethouders subregio Zuidzijde",
            on_behalf_of_body="bac",
            start=VB_BNT_START,
        ),
        seat("bnt", person="dir_ggz", organisation="ggz", start=VB_BNT_START),
        seat("bnt", person="politie", organisation="politie", start=VB_BNT_START),
        seat(
            "stuurgroep",
            MembershipRole.VOORZITTER,
            person="burg_hoogmeerlo",
            municipality="Hoogmeerlo",
            start=VB_START,
        ),
        seat("stuurgroep", person="weth_breukelveld", municipality="Breukelveld", start=VB_START),
        seat("stuurgroep", person="politie", organisation="politie", start=VB_START),
        seat("stuurgroep", organisation="reclassering", start=VB_START),
        seat(
            "stuurgroep",
            MembershipRole.SECRETARIS,
            person="manager_zvh",
            organisation="zvh",
            start=VB_START,
        ),
        seat(
            "partnergroep",
            MembershipRole.VOORZITTER,
            person="manager_zvh",
            organisation="zvh",
            start=VB_START,
        ),
        *[
            seat("partnergroep", organisation=org, start=VB_START)
            for org in ("vt", "ggz", "politie", "reclassering")
        ],
        seat("casusoverleg", MembershipRole.VOORZITTER, organisation="zvh", start=VB_START),
        *[
            seat("casusoverleg", organisation=org, start=VB_START)
            for org in ("vt", "ggz", "politie", "reclassering")
        ],
    ],
    "mandates": [
        {
            "body": "ab",
            "power": Power.BESLUITEN,
            "subject": "Taken die de gemeenten in de GR hebben belegd",
            "source_document": "Gemeenschappelijke regeling Voorbeeldregio",
            "valid_from": VB_START,
        },
        {
            "body": "bac",
            "power": Power.ZWAARWEGEND_ADVIES,
            "subject": "Zorg en veiligheid, ter besluitvorming in het Algemeen Bestuur",
            "source_document": "Gemeenschappelijke regeling Voorbeeldregio, art. 12",
            "valid_from": VB_START,
        },
        {
            "body": "bac",
            "power": Power.OPDRACHTGEVERSCHAP,
            "subject": "Opdrachtgeverschap van Veilig Thuis",
            "organisation": "vt",
            "theme": "Huiselijk geweld en kindermishandeling",
            "source_document": "Gemeenschappelijke regeling Voorbeeldregio, art. 12",
            "valid_from": VB_START,
        },
        {
            "body": "stuurgroep",
            "power": Power.STRATEGISCHE_REGIE,
            "subject": "Strategische richting, jaarplan en begroting van het ZVH",
            "organisation": "zvh",
            "source_document": "Convenant Zorg- en Veiligheidshuis Voorbeeldregio",
            "valid_from": VB_START,
        },
        {
            "body": "bnt",
            "power": Power.AFSTEMMEN,
            "subject": "Koers en prioriteiten van de regionale aanpak zorg en veiligheid",
            "source_document": "Samenwerkingsafspraken netwerktafel Voorbeeldregio 2023",
            "valid_from": VB_BNT_START,
        },
    ],
    "relations": [
        {
            "source": "bac",
            "target": "ab",
            "kind": RelationKind.ADVISEERT,
            "note": "Zwaarwegend advies.",
            "valid_from": VB_START,
        },
        {
            "source": "partnergroep",
            "target": "stuurgroep",
            "kind": RelationKind.BEREIDT_VOOR,
            "valid_from": VB_START,
        },
        {
            "source": "partnergroep",
            "target": "stuurgroep",
            "kind": RelationKind.VERANTWOORDING,
            "valid_from": VB_START,
        },
        {
            "source": "partnergroep",
            "target": "stuurgroep",
            "kind": RelationKind.ADVISEERT,
            "valid_from": VB_START,
        },
        {
            "source": "bnt",
            "target": "bac",
            "kind": RelationKind.OPHALEN,
            "valid_from": VB_BNT_START,
        },
        {
            "source": "bac",
            "target": "bnt",
            "kind": RelationKind.LINKING_PIN,
            "valid_from": VB_BNT_START,
        },
        {
            "source": "casusoverleg",
            "target": "stuurgroep",
            "kind": RelationKind.VERANTWOORDING,
            "note": "Via de manager van het ZVH.",
            "valid_from": VB_START,
        },
    ],
    "cost_lines": [
        {
            "body": "bnt",
            "item": "Onafhankelijk voorzitter",
            "estimate_eur": Decimal("2100"),
            "funded_by": "Gemeenten naar rato van inwonertal",
        },
    ],
}

REGION_SPECS = (NOG, VOORBEELD)


# --- demo users --------------------------------------------------------------------------------

STAFF = "staff"
STAFF_LABEL = "Functioneel beheerder"

# (username, first name, last name, role, region slug or None)
DEMO_USER_SPECS: list[tuple[str, str, str, str, str | None]] = [
    ("demo-secretaris", "Sanne", "Wolters", Role.SECRETARY, "nog"),
    ("demo-bestuurder", "Rob", "Hendriksen", Role.BESTUURDER, "nog"),
    ("demo-deelnemer", "Joost", "van Leeuwen", Role.PARTICIPANT, "nog"),
    ("demo-vng", "Femke", "de Ruiter", Role.VNG_ADVISOR, None),
    ("demo-beheerder", "Tom", "Bakker", STAFF, None),
    ("demo-secretaris-voorbeeld", "Lotte", "Jansen", Role.SECRETARY, "voorbeeld"),
]
DEMO_USERNAMES: list[str] = [spec[0] for spec in DEMO_USER_SPECS]


def demo_users() -> list[tuple[str, str, str]]:
    """(username, role label, region name) of every demo user, in a fixed order."""
    names = {spec["slug"]: spec["region"]["name"] for spec in REGION_SPECS}
    rows = []
    for username, _first, _last, role, slug in DEMO_USER_SPECS:
        label = STAFF_LABEL if role == STAFF else str(Role(role).label)
        where = names[slug] if slug else ("landelijk" if role == Role.VNG_ADVISOR else "—")
        rows.append((username, label, where))
    return rows


# --- builder -----------------------------------------------------------------------------------


demo_regions_built = Signal()  # kwargs: result (DemoResult), regions (slug → Region)


def _build_region(result: DemoResult, spec: dict) -> Region:
    region = _upsert(result, Region, {"slug": spec["slug"]}, dict(spec["region"]))

    municipalities: dict[str, Municipality] = {}
    for sub_name, rows in spec["sub_regions"].items():
        sub_region = _upsert(result, SubRegion, {"region": region, "name": sub_name})
        for name, cbs_code in rows:
            municipalities[name] = _upsert(
                result,
                Municipality,
                {"region": region, "name": name},
                {"sub_region": sub_region, "cbs_code": cbs_code},
            )

    themes = {t.name: t for t in Theme.objects.all()}
    for theme_name, weighing in spec["themes"]:
        _upsert(
            result,
            RegionTheme,
            {"region": region, "theme": themes[theme_name]},
            {"weighing": weighing},
        )

    organisations: dict[str, Organisation] = {}
    for key, name, domain, kind, partner in spec["organisations"]:
        organisations[key] = _upsert(
            result, Organisation, {"region": region, "name": name}, {"domain": domain, "kind": kind}
        )
        if partner:
            _upsert(result, RegionPartner, {"region": region, "organisation": organisations[key]})

    persons: dict[str, Person] = {}
    for key, name, function, office, org_key in spec["persons"]:
        persons[key] = _upsert(
            result,
            Person,
            {"region": region, "name": name},
            {
                "function": function,
                "office": office,
                "organisation": organisations[org_key] if org_key else None,
            },
        )

    bodies: dict[str, Body] = {}
    for row in spec["bodies"]:
        values = {k: v for k, v in row.items() if k not in ("key", "name", "themes")}
        values.setdefault("status", BodyStatus.ACTIEF)
        values["roles"] = [str(r) for r in values.get("roles", [])]
        body = _upsert(result, Body, {"region": region, "name": row["name"]}, values)
        wanted = {themes[name].pk for name in row.get("themes", [])}
        if set(body.themes.values_list("pk", flat=True)) != wanted:
            body.themes.set(wanted)
        bodies[row["key"]] = body

    for row in spec["memberships"]:
        lookup = {
            "body": bodies[row["body"]],
            "role": row["role"],
            "person": persons[row["person"]] if row.get("person") else None,
            "organisation": organisations[row["organisation"]] if row.get("organisation") else None,
            "municipality": municipalities[row["municipality"]]
            if row.get("municipality")
            else None,
        }
        values = {
            "portfolio": row.get("portfolio", ""),
            "on_behalf_of": row.get("on_behalf_of", ""),
            "on_behalf_of_body": bodies[row["on_behalf_of_body"]]
            if row.get("on_behalf_of_body")
            else None,
            "substitute_allowed": row.get("substitute_allowed", True),
            "start": row.get("start"),
            "end": row.get("end"),
        }
        _upsert(result, Membership, lookup, values)

    for row in spec["mandates"]:
        _upsert(
            result,
            Mandate,
            {"body": bodies[row["body"]], "power": row["power"], "subject": row["subject"]},
            {
                "theme": themes[row["theme"]] if row.get("theme") else None,
                "organisation": organisations[row["organisation"]]
                if row.get("organisation")
                else None,
                "source_document": row.get("source_document", ""),
                "valid_from": row.get("valid_from"),
                "valid_to": row.get("valid_to"),
            },
        )

    for row in spec["relations"]:
        _upsert(
            result,
            BodyRelation,
            {"source": bodies[row["source"]], "target": bodies[row["target"]], "kind": row["kind"]},
            {
                "note": row.get("note", ""),
                "valid_from": row.get("valid_from"),
                "valid_to": row.get("valid_to"),
            },
        )

    for row in spec["cost_lines"]:
        _upsert(
            result,
            CostLine,
            {"body": bodies[row["body"]], "item": row["item"]},
            {
                "estimate_eur": row["estimate_eur"],
                "funded_by": row.get("funded_by", ""),
                "note": row.get("note", ""),
            },
        )
    return region


def _build_users(result: DemoResult, regions: dict[str, Region], password: str) -> None:
    User = get_user_model()
    for username, first_name, last_name, role, slug in DEMO_USER_SPECS:
        staff = role == STAFF
        user = User.objects.filter(username=username).first()
        wanted = {
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
            "is_active": True,
            "is_staff": staff,
            "is_superuser": staff,
        }
        if user is None:
            user = User(username=username, **wanted)
            user.set_password(password)
            user.save()
            result.created[str(User._meta.verbose_name_plural)] += 1
        else:
            changed = [k for k, v in wanted.items() if getattr(user, k) != v]
            for k in changed:
                setattr(user, k, wanted[k])
            if not user.check_password(password):
                user.set_password(password)
                changed.append("password")
            if changed:
                user.save()
                result.updated[str(User._meta.verbose_name_plural)] += 1
        if not staff:
            _upsert(
                result,
                RoleAssignment,
                {"user": user, "role": role, "region": regions[slug] if slug else None},
            )


def build_demo(password: str | None = None) -> DemoResult:
    """Create or bring up to date all demo data. Run inside a transaction and ``acting_as``."""
    result = DemoResult()
    regions = {}
    for spec in REGION_SPECS:
        regions[spec["slug"]] = _build_region(result, spec)
    result.regions = list(regions.values())
    _build_users(result, regions, password or demo_password())
    # Imported here: demo_werkagenda uses this module's helpers and region specs.
    from governance.demo_werkagenda import build_werkagenda

    build_werkagenda(result, regions, REGION_SPECS)
    # The apps above governance (checklist, casereflection) add their demo data here; governance
    # does not import them (DESIGN.md §4).
    demo_regions_built.send(sender=DemoResult, result=result, regions=regions)
    return result
