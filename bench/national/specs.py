"""What the generator builds from, in code because it names the app's choices: the national and
regional organisations, the bodies per kind (``SPECS``), the texts per closing reason and
checklist status, and the head start of each checklist stage. The fictitious names and words
are in ``words.json`` (:mod:`bench.national.words`)."""

from __future__ import annotations

from dataclasses import dataclass

from checklist.constants import Stage, Status
from governance.constants import (
    BodyKind,
    BodyRole,
    ClosedReason,
    DecisionPower,
    LegalBasisKind,
    Level,
    OrganisationDomain,
)

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


LINK_LABELS = {
    "body_themes": "thema's van gremia",
    "action_coalition": "coalitiepartners van acties",
    "action_knelpunten": "knelpunten bij acties",
    "assessment_bodies": "gremia als bewijs bij beoordelingen",
    "casereflection_themes": "thema's van casusreflecties",
    "casereflection_organisations": "organisaties bij casusreflecties",
    "casereflection_delegation": "delegatieleden bij casusreflecties",
}
