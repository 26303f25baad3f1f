"""Choices of the governance register. Keys are stable (they appear in the exchange format);
labels are the Dutch words the field uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CollaborationModel(models.TextChoices):
    AFSTEMMEN = "afstemmen", _("Afstemmen (individuele gemeenten)")
    STUURGROEP = "stuurgroep", _("Richting geven en sturen (stuurgroep)")
    GEZAMENLIJK = "gezamenlijke_besluitvorming", _("Gezamenlijke besluitvorming")


class Initiator(models.TextChoices):
    BESTUUR = "bestuur", _("Vanuit het bestuur")
    BELEID = "beleid", _("Vanuit beleid")
    WERKPROCESSEN = "werkprocessen", _("Vanuit werkprocessen in de uitvoering")


class OrganisationDomain(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    ZORG = "zorg", _("Zorg")
    VEILIGHEID = "veiligheid", _("Veiligheid")
    STRAF = "straf_justitie", _("Straf en justitie")
    WELZIJN = "welzijn", _("Welzijn")
    WONEN = "wonen", _("Wonen")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    FINANCIER = "financier", _("Financier")
    ERVARING = "ervaringsdeskundigheid", _("Ervaringsdeskundigheid")


class Office(models.TextChoices):
    """What a person is, as far as the structure checks and the drukte figures need it."""

    BURGEMEESTER = "burgemeester", _("Burgemeester")
    WETHOUDER = "wethouder", _("Wethouder")
    PARTNER_BESTUURDER = "partnerbestuurder", _("Bestuurder of directeur van een partner")
    ONAFHANKELIJK = "onafhankelijk", _("Onafhankelijk (bijv. voorzitter)")
    AMBTELIJK = "ambtelijk", _("Ambtenaar, adviseur of manager")
    OVERIG = "overig", _("Overig")


ADMINISTRATOR_OFFICES = (Office.BURGEMEESTER, Office.WETHOUDER, Office.PARTNER_BESTUURDER)


class BodyKind(models.TextChoices):
    STAMTAFEL = "stamtafel", _("Stamtafel")
    BNT = "bnt", _("Bestuurlijke netwerktafel")
    BAC = "bac", _("Bestuursadviescommissie")
    ALGEMEEN_BESTUUR = "algemeen_bestuur", _("Algemeen bestuur (GR)")
    DAGELIJKS_BESTUUR = "dagelijks_bestuur", _("Dagelijks bestuur (GR)")
    STUURGROEP = "stuurgroep", _("Stuurgroep")
    PARTNERGROEP = "partnergroep", _("Partnergroep")
    DVO = "dvo", _("Districtelijk veiligheidsoverleg")
    VERGADERING_GEMEENTEN = "vergadering_gemeenten", _("Vergadering van gemeenten")
    PORTEFEUILLEHOUDER = "portefeuillehouder", _("Portefeuillehouder(s)")
    BESTUURLIJK_OVERLEG = "bestuurlijk_overleg", _("Bestuurlijk overleg")
    ADVIESOVERLEG = "advies_implementatieoverleg", _("Advies- en implementatieoverleg")
    SECRETARISSENOVERLEG = "secretarissenoverleg", _("Secretarissenoverleg")
    REGIEGROEP = "regiegroep", _("Regiegroep")
    PROJECTTEAM = "projectteam", _("Projectteam")
    KENNISNETWERK = "kennisnetwerk", _("Kennis- en lobbynetwerk")
    WERKGROEP = "werkgroep", _("Werkgroep")
    UITVOERINGSOVERLEG = "uitvoeringsoverleg", _("Uitvoerings- of casusoverleg")
    OVERIG = "overig", _("Overig")


# Kinds that are a hulpstructuur of a table (they act on its behalf and should account to it).
HULPSTRUCTUUR_KINDS = (BodyKind.PORTEFEUILLEHOUDER, BodyKind.PROJECTTEAM, BodyKind.PARTNERGROEP)


class Level(models.TextChoices):
    BESTUURLIJK = "bestuurlijk", _("Bestuurlijk")
    TACTISCH = "tactisch", _("Tactisch")
    OPERATIONEEL = "operationeel", _("Operationeel")


class DecisionPower(models.TextChoices):
    BESLUITVORMEND = "besluitvormend", _("Besluitvormend")
    ZWAARWEGEND_ADVIES = "zwaarwegend_advies", _("Zwaarwegend adviserend")
    ADVISEREND = "adviserend", _("Adviserend")
    AFSTEMMEND = "afstemmend", _("Afstemmend (geen besluitvorming)")
    UITVOEREND = "uitvoerend", _("Uitvoerend")


ADVISORY_POWERS = (DecisionPower.ZWAARWEGEND_ADVIES, DecisionPower.ADVISEREND)


class BodyRole(models.TextChoices):
    SIGNALEREN = "signaleren", _("Signaleren")
    INTEGREREN = "integreren", _("Integreren")
    COORDINEREN = "coordineren", _("Coördineren")
    AANJAGEN = "aanjagen", _("Aanjagen")
    REFLECTEREN = "reflecteren", _("Reflecteren")
    ADVISEREN = "adviseren", _("Adviseren")
    BESLUITEN = "besluiten", _("Besluiten")
    OPDRACHTGEVEN = "opdrachtgeven", _("Opdrachtgeven")
    UITVOEREN = "uitvoeren", _("Uitwerken en uitvoeren")
    KENNISDELEN = "kennisdelen", _("Kennis delen")


class LegalBasisKind(models.TextChoices):
    GEEN = "geen", _("Geen (informeel)")
    CONVENANT = "convenant", _("Convenant")
    SAMENWERKINGSOVEREENKOMST = "samenwerkingsovereenkomst", _("Samenwerkingsovereenkomst")
    GR = "gemeenschappelijke_regeling", _("Gemeenschappelijke regeling")
    WETTELIJK = "wettelijk", _("Wettelijke bepaling")
    STATUTEN = "statuten", _("Statuten")
    INSTELLINGSBESLUIT = "instellingsbesluit", _("Instellingsbesluit")


class FrameworkKind(models.TextChoices):
    """The kind of a framework (kader) in which bodies of a region stand."""

    GR = "gemeenschappelijke_regeling", _("Gemeenschappelijke regeling")
    CONVENANT = "convenant", _("Convenant")
    SAMENWERKINGSOVEREENKOMST = "samenwerkingsovereenkomst", _("Samenwerkingsovereenkomst")
    WETTELIJK = "wettelijk", _("Wettelijke taak")
    INFORMEEL = "informeel_netwerk", _("Informeel netwerk")


#: Framework kinds that carry a formal decision line (besluitvorming met rechtsgevolg).
FORMAL_FRAMEWORK_KINDS = (FrameworkKind.GR, FrameworkKind.WETTELIJK)


class BodyStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    ACTIEF = "actief", _("Actief")
    OPGEHEVEN = "opgeheven", _("Opgeheven")


class Power(models.TextChoices):
    BESLUITEN = "besluiten", _("Besluiten")
    ZWAARWEGEND_ADVIES = "zwaarwegend_advies", _("Zwaarwegend advies geven")
    ADVISEREN = "adviseren", _("Adviseren")
    AFSTEMMEN = "afstemmen", _("Afstemmen")
    SIGNALEREN = "signaleren", _("Signaleren")
    OPDRACHTGEVERSCHAP = "opdrachtgeverschap", _("Opdrachtgeverschap")
    BEHEERSMATIG = "beheersmatige_aansturing", _("Beheersmatige aansturing")
    STRATEGISCHE_REGIE = "strategische_regie", _("Strategische regie")


class MembershipRole(models.TextChoices):
    VOORZITTER = "voorzitter", _("Voorzitter")
    PLV_VOORZITTER = "plaatsvervangend_voorzitter", _("Plaatsvervangend voorzitter")
    LID = "lid", _("Lid")
    PORTEFEUILLEHOUDER = "portefeuillehouder", _("Portefeuillehouder")
    SECRETARIS = "secretaris", _("Secretaris")
    NETWERKSECRETARIS = "netwerksecretaris", _("Netwerksecretaris")
    ADVISEUR = "adviseur", _("Adviseur")
    AGENDALID = "agendalid", _("Agendalid")


CHAIR_ROLES = (MembershipRole.VOORZITTER,)
SECRETARY_ROLES = (MembershipRole.SECRETARIS, MembershipRole.NETWERKSECRETARIS)


class RelationKind(models.TextChoices):
    ADVISEERT = "adviseert", _("adviseert")
    VERANTWOORDING = "legt_verantwoording_af_aan", _("legt verantwoording af aan")
    OPDRACHT = "geeft_opdracht_aan", _("geeft opdracht aan")
    BEREIDT_VOOR = "bereidt_voor", _("bereidt voor")
    OPHALEN = "haalt_op_en_koppelt_terug", _("haalt op en koppelt terug aan")
    LINKING_PIN = "linking_pin", _("vaardigt een lid af naar")
    GAAT_OP_IN = "gaat_op_in", _("gaat op in")
    ONDERSTEUNT = "ondersteunt", _("ondersteunt")


# Werkagenda (seed 004: voorraadlijst → actielijst → gereedlijst, knelpuntenlijst per thema)


class KnelpuntStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BELEGD = "belegd", _("Belegd")
    OPGELOST = "opgelost", _("Opgelost")


class KnelpuntSource(models.TextChoices):
    REFLECTIE = "casusreflectie", _("Casusreflectie")
    PARTNER = "partner", _("Ketenpartner")
    LANDELIJK = "landelijke_lijst", _("Landelijke knelpuntenlijst")
    VERGADERING = "vergadering", _("Vergadering")
    UITVOERING = "uitvoering", _("Signaal uit de uitvoering")
    OVERIG = "overig", _("Overig")


class ActionList(models.TextChoices):
    VOORRAAD = "voorraad", _("Voorraad")
    ACTIE = "actie", _("Actie")
    GEREED = "gereed", _("Gereed")


class ClosedReason(models.TextChoices):
    AFGEROND = "afgerond", _("Afgerond")
    ELDERS_BELEGD = "elders_belegd", _("Elders belegd")
    VERVALLEN = "vervallen", _("Vervallen")


class Weight(models.IntegerChoices):
    """A small scale for the three weighing criteria; higher is more reason to act."""

    LAAG = 1, _("1 – laag")
    MIDDEN = 2, _("2 – midden")
    HOOG = 3, _("3 – hoog")


class ActionOrigin(models.TextChoices):
    VERGADERBESLUIT = "vergaderbesluit", _("Besluit van een vergadering")
    REFLECTIE = "casusreflectie", _("Conclusie van een casusreflectie")
    LANDELIJK = "landelijke_agenda", _("Landelijke agenda")
    KNELPUNT = "knelpunt", _("Knelpunt")
    OVERIG = "overig", _("Overig")


class ActionUpdateKind(models.TextChoices):
    VOORTGANG = "voortgang", _("Voortgang")
    VERPLAATSING = "verplaatsing", _("Verplaatsing")
    AANGEMAAKT = "aangemaakt", _("Aangemaakt")


STALE_AFTER_DAYS = 90


# Meetings


class MeetingStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEHOUDEN = "gehouden", _("Gehouden")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class AgendaItemKind(models.TextChoices):
    INFORMEREN = "informeren", _("Informeren")
    BESPREKEN = "bespreken", _("Bespreken")
    BESLUITEN = "besluiten", _("Besluiten")


# The meeting cycle: agenda approval, attendance, minutes


class AgendaState(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_VASTSTELLING = "ter_vaststelling", _("Ter vaststelling bij de voorzitter")
    DEFINITIEF = "definitief", _("Definitief")


class AgendaChangeKind(models.TextChoices):
    """What changed on an agenda after it was published (shown as ‘gewijzigd na verzending’)."""

    ITEM_ADDED = "agendapunt_toegevoegd", _("Agendapunt toegevoegd")
    ITEM_CHANGED = "agendapunt_gewijzigd", _("Agendapunt gewijzigd")
    ITEM_REMOVED = "agendapunt_verwijderd", _("Agendapunt verwijderd")
    DOCUMENT_ADDED = "stuk_toegevoegd", _("Stuk toegevoegd")
    DOCUMENT_REPLACED = "stuk_vervangen", _("Stuk vervangen")


class AttendanceStatus(models.TextChoices):
    AANWEZIG = "aanwezig", _("Aanwezig")
    AFWEZIG_MET_BERICHT = "afwezig_met_bericht", _("Afwezig met bericht")
    AFWEZIG_ZONDER_BERICHT = "afwezig_zonder_bericht", _("Afwezig zonder bericht")
    VERVANGEN = "vervangen", _("Vervangen door")


# Present for the quorum and the attendance rate: the member or their substitute was there.
PRESENT_STATUSES = (AttendanceStatus.AANWEZIG, AttendanceStatus.VERVANGEN)


class QuorumUnit(models.TextChoices):
    LEDEN = "leden", _("Leden")
    GEMEENTEN = "gemeenten", _("Gemeenten")


class MinutesState(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


# Defaults of the meeting cycle and the health of a table.
DOCUMENTS_TERM_DAYS = 7
ATTENDANCE_THRESHOLD = 60  # per cent, over the last four meetings
HEALTH_MONTHS = 24

# "Evalueren vóór" (Body.evaluate_before, Mandate.evaluate_before): the structure check and the
# digest name a date this many days ahead; on the date itself the evaluation is overdue.
EVALUATION_WARNING_DAYS = 60
