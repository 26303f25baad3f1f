"""Demo assessments and peilmomenten for the demo regions (called by governance's seed_demo
through the ``demo_regions_built`` signal).

Per demo region ("nog" and "voorbeeld"):

- a region-level assessment of every item of the current framework, with evidence in our own
  words, links to the region's bodies, mandates and actions, the netwerksecretaris as owner,
  the date assessed and the next review date;
- per-gemeente assessments of the outcome items for every municipality of the region;
- two peilmomenten a year apart. The story is played in order: the state of a year ago is
  recorded first and frozen as the peilmoment of that day (``snapshot_freeze`` accepts a past
  date), then the assessments are updated and a recent peilmoment is frozen.

NOG is further along than the Voorbeeldregio. A few items were not re-assessed in the second
round, so their review date has passed (the overview shows them as overdue).

Everything goes through ``checklist.services`` (``assessment_save``, ``snapshot_freeze``) with
the region's demo secretary as the user. The history records of the assessments get the day of
the assessment (as ``governance.demo_werkagenda`` does for actions), and a peilmoment's
``frozen_at`` is set to its date right after it is created in the same transaction, so that the
demo looks like a year of use.

Idempotent: a region that already has assessments or peilmomenten is left alone; running the
seed again creates nothing. Deterministic: dates are relative to ``timezone.localdate()`` and
the per-gemeente variation follows the alphabetical order of the municipalities.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.signals import pre_create_historical_record

from checklist.constants import Status
from checklist.models import Assessment, Framework, Item, Snapshot
from core.constants import Role
from core.history import get_system_user
from governance.constants import MembershipRole
from governance.models import Action, Body, Mandate, Membership, Municipality, Person, Region

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

NG, V, IO, G, B = (
    Status.NIET_GESTART,
    Status.VERKEND,
    Status.IN_ONTWIKKELING,
    Status.GEREALISEERD,
    Status.GEBORGD,
)
STEPS = [NG, V, IO, G, B]

# Per item: (status a year ago, status now, evidence a year ago, what changed since, links).
# Links: {"bodies": [names], "actions": number of current actions on the actielijst}; the
# mandates of the linked bodies are linked too. Texts are our own; facts from seeds 000/001.
NOG = {
    "I1": (
        G,
        B,
        "De Stamtafel zorg en veiligheid is het ene bestuurlijke netwerkoverleg voor de hele "
        "regio, met burgemeesters, wethouders en bestuurders van partners aan tafel. De "
        "samenwerkingsovereenkomst beschrijft de rollen van de tafel.",
        "De rolverdeling met DVO en de Vergadering van Gemeenten Veilig Thuis is vastgelegd "
        "en na een jaar geëvalueerd; de tafel werkt er zichtbaar mee.",
        {"bodies": ["Stamtafel zorg en veiligheid Noord- en Oost-Gelderland"]},
    ),
    "I2": (
        IO,
        G,
        "Het advies- en implementatieoverleg bereidt de Stamtafel voor; nog niet alle "
        "tactische overleggen zijn erop aangesloten.",
        "Alle tactische overleggen lopen nu via het advies- en implementatieoverleg.",
        {"bodies": ["Advies- en implementatieoverleg zorg en veiligheid"]},
    ),
    "I3": (
        G,
        G,
        "De Veiligheidskamer van het Zorg- en Veiligheidshuis pakt complexe casuïstiek "
        "domeinoverstijgend op.",
        "Werkwijze ongewijzigd; de Veilig Verder Teams zijn er als projectteam bij gekomen.",
        {
            "bodies": [
                "Veiligheidskamer Zorg- en Veiligheidshuis",
                "Projectteam Veilig Verder Teams",
            ]
        },
    ),
    "I4": (
        IO,
        G,
        "Er is een eerste lijst met thema's; het afwegingskader is nog in concept.",
        "Het afwegingskader is vastgesteld en gebruikt bij de keuze van de thema's.",
        {},
    ),
    "I5": (
        G,
        G,
        "De partners per thema zijn benoemd en zitten aan de Stamtafel of in een tactisch overleg.",
        "Bij de herbeoordeling bevestigd.",
        {"bodies": ["Stamtafel zorg en veiligheid Noord- en Oost-Gelderland"]},
    ),
    "A1.1": (
        G,
        B,
        "Een inventarisatie van alle overleggen, mandaten en geldstromen is gemaakt.",
        "De inventarisatie wordt jaarlijks bijgewerkt vanuit dit portaal.",
        {},
    ),
    "A1.2": (
        IO,
        G,
        "De eerste knelpunten zijn opgehaald in de subregio's.",
        "Knelpunten worden per thema bijgehouden en besproken aan de Stamtafel.",
        {"actions": 2},
    ),
    "A1.3": (
        IO,
        G,
        "De visie op de samenwerking ligt er; het plan van aanpak is in de maak.",
        "Plan van aanpak vastgesteld met doelen per prioritair thema.",
        {},
    ),
    "A1.4": (
        V,
        IO,
        "Partners zeggen steun toe, maar leveren nog weinig capaciteit.",
        "Voor de lopende acties is per actie een coalitie van partners gevormd.",
        {"actions": 2},
    ),
    "A2.1": (
        IO,
        G,
        "Het tactische overleglandschap is in kaart gebracht; samenvoegen is besproken.",
        "De stuurgroep van het Zorg- en Veiligheidshuis is opgegaan in de Stamtafel en "
        "het periodiek overleg gedwongen zorg is de regiegroep geworden.",
        {"bodies": ["Regiegroep gedwongen zorg Wvggz/Wzd"]},
    ),
    "A2.2": (
        V,
        IO,
        "De verbinding met de drie subregio's loopt vooral via personen.",
        "Elke subregio heeft een vaste ambtelijke schakel in het secretarissenoverleg.",
        {"bodies": ["Secretarissenoverleg zorg en veiligheid"]},
    ),
    "A2.3": (
        IO,
        IO,
        "Voor gedwongen zorg zijn ketenafspraken gemaakt; voor andere thema's nog niet.",
        "Afspraken over mensenhandel zijn in voorbereiding.",
        {"bodies": ["Regiegroep gedwongen zorg Wvggz/Wzd"]},
    ),
    "A2.4": (
        G,
        G,
        "Twee keer per jaar is er een netwerkbijeenkomst voor alle partners.",
        "Bij de herbeoordeling bevestigd.",
        {},
    ),
    "A3.1": (
        B,
        B,
        "Het casusoverleg in het Zorg- en Veiligheidshuis draait al jaren en is verankerd "
        "in het convenant.",
        "Bij de herbeoordeling bevestigd.",
        {"bodies": ["Veiligheidskamer Zorg- en Veiligheidshuis"]},
    ),
    "A3.2": (
        IO,
        G,
        "Een opschalingsmodel is in concept besproken met de partners.",
        "Het model is vastgesteld en in de Veiligheidskamer toegepast.",
        {},
    ),
    "A3.3": (
        V,
        IO,
        "De werkagenda is net opgesteld; de eerste acties lopen.",
        "Acties op de actielijst hebben een bestuurlijk trekker en een coalitie.",
        {"actions": 3},
    ),
    "A3.4": (
        IO,
        G,
        "Operationele afspraken bestaan per organisatie, niet regionaal.",
        "Regionale werkafspraken voor acute situaties zijn ondertekend.",
        {},
    ),
    "A4.1": (
        V,
        IO,
        "De casusreflectie per kwartaal is aangekondigd, maar nog niet gehouden.",
        "Er zijn inmiddels twee casusreflecties gehouden met een bespreekvoorstel aan de "
        "Stamtafel.",
        {},
    ),
    "A4.2": (
        V,
        V,
        "Kennis wordt vooral informeel gedeeld.",
        "Een kennissessie is gepland, maar nog niet gehouden.",
        {},
    ),
    "O1": (
        IO,
        G,
        "Een eerste werkagenda ligt er, nog zonder weging van de acties.",
        "De werkagenda wordt bijgehouden als voorraad-, actie- en gereedlijst.",
        {"actions": 3},
    ),
    "O2": (
        V,
        IO,
        "Partners wisselen informatie uit op basis van losse afspraken.",
        "Een regionaal privacyprotocol voor het casusoverleg is in ontwikkeling.",
        {},
    ),
    "O3": (
        IO,
        IO,
        "Knelpunten en voorzieningen staan in verschillende overzichten.",
        "De knelpuntenlijst staat in het portaal; het overzicht van voorzieningen nog niet.",
        {},
    ),
    "O4": (
        V,
        V,
        "Financiering loopt via de centrumgemeente en losse subsidies.",
        "Een verkenning naar gezamenlijke financiering loopt.",
        {},
    ),
    "M1": (
        V,
        IO,
        "Partners vinden elkaar, maar zoeken nog vaak naar wie waarover gaat.",
        "De gremia en hun mandaten staan overzichtelijk in het portaal.",
        {},
    ),
    "M2": (
        IO,
        G,
        "Bestuurders onderschrijven de visie; het vertrouwen groeit.",
        "Bestuurders nemen zelf trekkersrollen op zich in de werkagenda.",
        {"bodies": ["Stamtafel zorg en veiligheid Noord- en Oost-Gelderland"]},
    ),
    "M3": (
        V,
        IO,
        "Bestuurders willen nog veel zelf beslissen over individuele casuïstiek.",
        "De tactische laag krijgt meer ruimte via het advies- en implementatieoverleg.",
        {},
    ),
    "M4": (
        V,
        V,
        "Professionals ervaren weinig ruimte om af te wijken van regels.",
        "Nog geen duidelijke verandering waargenomen.",
        {},
    ),
    "M5": (
        IO,
        IO,
        "Uitvoerders kennen elkaar in het casusoverleg; daarbuiten minder.",
        "De netwerkbijeenkomsten helpen, maar bereiken nog niet iedereen.",
        {},
    ),
    "M6": (
        V,
        IO,
        "Er zijn veel overleggen met overlappende agenda's.",
        "Twee overleggen zijn opgeheven of samengevoegd; het aantal tafels daalt.",
        {},
    ),
    "M7": (
        NG,
        V,
        "Nog niet aan gewerkt.",
        "Een eerste verkenning naar signalen uit de wijkteams is gedaan.",
        {},
    ),
    "M8": (
        NG,
        V,
        "Nog niet aan gewerkt.",
        "Aan de hand van casusreflecties wordt gekeken waar hulp eerder had gekund.",
        {},
    ),
    "U1": (
        V,
        IO,
        "Beleid en praktijk ontmoeten elkaar vooral in incidentele overleggen.",
        "De casusreflecties verbinden de praktijk met het bestuur.",
        {},
    ),
    "U2": (
        IO,
        IO,
        "De Z+V-thema's sluiten aan op het regionale beleidsplan.",
        "Bij de herbeoordeling bevestigd.",
        {},
    ),
    "U3": (
        IO,
        G,
        "De meeste gemeenten nemen deel via het DVO of de Vergadering van Gemeenten.",
        "Alle 22 gemeenten zijn vertegenwoordigd in ten minste één actief gremium.",
        {"bodies": ["Districtelijk Veiligheidsoverleg"]},
    ),
}

VOORBEELD = {
    "I1": (
        IO,
        G,
        "De Bestuursadviescommissie adviseert het Algemeen Bestuur van de GR; de "
        "netwerktafel is in oprichting.",
        "De Bestuurlijke Netwerktafel vergadert en de taakverdeling met de BAC is vastgelegd.",
        {
            "bodies": [
                "Bestuursadviescommissie Zorg en Veiligheid",
                "Bestuurlijke Netwerktafel Zorg en Veiligheid",
            ]
        },
    ),
    "I2": (
        V,
        IO,
        "Er is geen vast tactisch overleg; de partnergroep vult dat deels in.",
        "De partnergroep bereidt nu ook de netwerktafel voor.",
        {"bodies": ["Partnergroep Zorg- en Veiligheidshuis"]},
    ),
    "I3": (
        IO,
        IO,
        "Het casusoverleg complexe casuïstiek draait in het Zorg- en Veiligheidshuis.",
        "Bij de herbeoordeling bevestigd.",
        {"bodies": ["Casusoverleg complexe casuïstiek"]},
    ),
    "I4": (
        V,
        V,
        "Thema's zijn genoemd, maar er is geen afwegingskader.",
        "Een afwegingskader staat op de agenda van de netwerktafel.",
        {},
    ),
    "I5": (
        V,
        IO,
        "De belangrijkste partners zijn bekend, niet vastgelegd.",
        "Partners per thema zijn vastgelegd in het portaal.",
        {},
    ),
    "A1.1": (
        IO,
        G,
        "Een overzicht van bestaande overleggen wordt gemaakt.",
        "Het overzicht van overleggen en mandaten is klaar.",
        {},
    ),
    "A1.2": (
        V,
        IO,
        "Knelpunten zijn in een eerste sessie genoemd.",
        "Knelpunten staan per thema in een lijst.",
        {"actions": 1},
    ),
    "A1.3": (
        NG,
        V,
        "Nog niet aan toegekomen.",
        "Een eerste verkenning van doelen is met de partners besproken.",
        {},
    ),
    "A1.4": (
        NG,
        V,
        "Nog niet aan toegekomen.",
        "Partners zijn gevraagd om mee te doen aan de eerste acties.",
        {},
    ),
    "A2.1": (NG, NG, "Nog niet aan toegekomen.", "Nog niet aan toegekomen.", {}),
    "A2.2": (
        NG,
        V,
        "Nog niet aan toegekomen.",
        "De subregio's zijn gevraagd wie hun aanspreekpunt is.",
        {},
    ),
    "A2.3": (
        V,
        V,
        "Afspraken bestaan alleen binnen het Zorg- en Veiligheidshuis.",
        "Bij de herbeoordeling bevestigd.",
        {},
    ),
    "A2.4": (
        V,
        IO,
        "Eén bijeenkomst is gehouden.",
        "Een jaarlijkse netwerkbijeenkomst is afgesproken.",
        {},
    ),
    "A3.1": (
        IO,
        G,
        "Het casusoverleg werkt, maar niet alle partners schuiven aan.",
        "Alle kernpartners nemen deel aan het casusoverleg.",
        {"bodies": ["Casusoverleg complexe casuïstiek"]},
    ),
    "A3.2": (NG, NG, "Nog niet aan toegekomen.", "Nog niet aan toegekomen.", {}),
    "A3.3": (
        NG,
        V,
        "Er is nog geen werkagenda.",
        "Een eerste werkagenda met enkele acties is opgesteld.",
        {"actions": 2},
    ),
    "A3.4": (
        V,
        V,
        "Werkafspraken zijn per organisatie gemaakt.",
        "Bij de herbeoordeling bevestigd.",
        {},
    ),
    "A4.1": (NG, NG, "Nog niet aan toegekomen.", "Nog niet aan toegekomen.", {}),
    "A4.2": (NG, V, "Nog niet aan toegekomen.", "Een eerste kennissessie is in voorbereiding.", {}),
    "O1": (
        V,
        IO,
        "Losse actiepunten in verslagen.",
        "De werkagenda staat in het portaal, met voorraad- en actielijst.",
        {"actions": 2},
    ),
    "O2": (
        NG,
        V,
        "Nog niet aan toegekomen.",
        "Het Zorg- en Veiligheidshuis verkent een regionaal protocol.",
        {},
    ),
    "O3": (
        V,
        V,
        "Er is een lijst met knelpunten, maar geen overzicht van voorzieningen.",
        "Bij de herbeoordeling bevestigd.",
        {},
    ),
    "O4": (NG, NG, "Nog niet aan toegekomen.", "Nog niet aan toegekomen.", {}),
    "M1": (NG, V, "Nog niet te beoordelen.", "Partners geven aan elkaar beter te vinden.", {}),
    "M2": (
        V,
        V,
        "Bestuurders zijn positief, maar de visie is nog niet uitgewerkt.",
        "Bij de herbeoordeling bevestigd.",
        {},
    ),
    "M3": (NG, NG, "Nog niet te beoordelen.", "Nog niet te beoordelen.", {}),
    "M4": (NG, NG, "Nog niet te beoordelen.", "Nog niet te beoordelen.", {}),
    "M5": (
        V,
        V,
        "Uitvoerders in het casusoverleg kennen elkaar.",
        "Bij de herbeoordeling bevestigd.",
        {},
    ),
    "M6": (NG, NG, "Nog niet te beoordelen.", "Nog niet te beoordelen.", {}),
    "M7": (NG, NG, "Nog niet te beoordelen.", "Nog niet te beoordelen.", {}),
    "M8": (NG, NG, "Nog niet te beoordelen.", "Nog niet te beoordelen.", {}),
    "U1": (
        NG,
        V,
        "Nog niet te beoordelen.",
        "De eerste signalen uit de praktijk komen aan de netwerktafel.",
        {},
    ),
    "U2": (
        V,
        V,
        "De aansluiting op het beleid van de GR is nog niet besproken.",
        "Bij de herbeoordeling bevestigd.",
        {},
    ),
    "U3": (
        V,
        IO,
        "Niet alle gemeenten nemen deel aan een overleg.",
        "De meeste gemeenten zijn vertegenwoordigd aan de netwerktafel.",
        {"bodies": ["Bestuurlijke Netwerktafel Zorg en Veiligheid"]},
    ),
}

REGION_ITEMS = {"nog": NOG, "voorbeeld": VOORBEELD}

# Items of which the review is left undone in the second round: their review date has passed.
NOT_REVIEWED = {"nog": {"A2.4", "O4", "M4"}, "voorbeeld": {"A2.3", "M2", "O3", "A3.4"}}

# Peilmomenten: one a year before the recent one, and a recent one.
RECENT_DAYS_AGO = 21


def one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _step(status: str, offset: int) -> str:
    return STEPS[max(0, min(len(STEPS) - 1, STEPS.index(status) + offset))]


@contextmanager
def _on(day: date) -> Iterator[None]:
    """History records written inside get ``day`` as their date."""
    moment = datetime.combine(day, time(10, 0), tzinfo=AMSTERDAM)

    def backdate(sender, history_instance, **kwargs):
        if sender is Assessment.history.model:
            history_instance.history_date = moment

    pre_create_historical_record.connect(backdate, weak=False)
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(backdate)


class RegionDemo:
    def __init__(self, result, region: Region, items: dict, today: date):
        self.result = result
        self.region = region
        self.spec = items
        self.recent = today - timedelta(days=RECENT_DAYS_AGO)
        self.year_ago = one_year_before(self.recent)
        self.items = {item.code: item for item in Framework.current().items.select_related("group")}
        self.user = self._secretary_user()
        self.owner = self._secretary_person()
        self.municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
        self.bodies = {b.name: b for b in Body.objects.filter(region=region)}
        self.current_actions = list(
            Action.objects.filter(region=region, list="actie").order_by("title")
        )

    def _secretary_user(self):
        User = get_user_model()
        user = (
            User.objects.filter(
                role_assignments__region=self.region, role_assignments__role=Role.SECRETARY
            )
            .order_by("pk")
            .first()
        )
        return user or get_system_user()

    def _secretary_person(self) -> Person | None:
        linked = Person.objects.filter(region=self.region, user=self.user).first()
        if linked is not None:
            return linked
        membership = (
            Membership.objects.filter(
                body__region=self.region,
                role=MembershipRole.NETWERKSECRETARIS,
                person__isnull=False,
            )
            .select_related("person")
            .order_by("pk")
            .first()
        )
        return membership.person if membership else None

    # -- building ---------------------------------------------------------------------------

    def links(self, spec: dict) -> dict:
        bodies = [self.bodies[name] for name in spec.get("bodies", []) if name in self.bodies]
        mandates = list(
            Mandate.objects.filter(body__in=bodies).select_related("body").order_by("pk")[:3]
        )
        actions = self.current_actions[: spec.get("actions", 0)]
        return {"bodies": bodies, "mandates": mandates, "actions": actions}

    def save(self, item: Item, *, status, evidence, on, review, links, municipality=None):
        from checklist.services.assessments import assessment_save

        current = Assessment.objects.filter(
            region=self.region, code=item.code, municipality=municipality
        ).first()
        with _on(on):
            assessment_save(
                region=self.region,
                item=item,
                municipality=municipality,
                status=status,
                evidence=evidence,
                owner=self.owner,
                assessed_on=on,
                next_review_on=review,
                bodies=links["bodies"],
                mandates=links["mandates"],
                actions=links["actions"],
                seen_version=current.version if current else None,
                user=self.user,
            )
        if current is None:
            self.result.created[str(Assessment._meta.verbose_name_plural)] += 1

    def round(self, *, first: bool) -> None:
        """The assessments of a year ago (``first``) or the recent re-assessment."""
        base = self.year_ago if first else self.recent
        for index, (code, (old, new, text, progress, link_spec)) in enumerate(self.spec.items()):
            item = self.items.get(code)
            if item is None:
                continue
            if not first and code in NOT_REVIEWED[self.region.slug]:
                continue
            on = base - timedelta(days=3 + (index * 7) % 50)
            if first:
                status, evidence = old, text
                # A review half a year later; in the second round these are overdue unless
                # re-assessed (see NOT_REVIEWED).
                review = on + timedelta(days=182)
            else:
                status = new
                evidence = text if progress == text else f"{text}\n\n{progress}"
                review = on + timedelta(days=150 + (index * 11) % 60)
            self.save(
                item,
                status=status,
                evidence=evidence,
                on=on,
                review=review,
                links=self.links(link_spec),
            )
            if item.per_municipality:
                self.municipality_round(item, status=status, on=on, review=review, first=first)

    def municipality_round(self, item: Item, *, status, on, review, first: bool) -> None:
        no_links = {"bodies": [], "mandates": [], "actions": []}
        for index, municipality in enumerate(self.municipalities):
            # Some municipalities behind the region, some ahead; the pattern shifts per item.
            offset = (-1, 0, 1, 0, 0)[(index + item.order) % 5]
            # Half of the municipalities that stood behind the region a year ago caught up.
            if not first and offset < 0 and index % 2:
                offset = 0
            local_status = _step(status, offset)
            evidence = {
                -1: "Loopt achter op de regio; de gemeente is hierover in gesprek.",
                0: "Gelijk op met de regio.",
                1: "Verder dan de regio als geheel.",
            }[offset]
            self.save(
                item,
                municipality=municipality,
                status=local_status,
                evidence=f"{municipality.name}: {evidence}",
                on=on,
                review=review,
                links=no_links,
            )

    def freeze(self, day: date, note: str) -> None:
        from checklist.services.snapshots import snapshot_freeze

        snapshot = snapshot_freeze(region=self.region, date=day, note=note, user=self.user)
        # Filed as if frozen on its day (the row was created just now, in this transaction).
        moment = datetime.combine(day, time(16, 0), tzinfo=AMSTERDAM)
        Snapshot.objects.filter(pk=snapshot.pk).update(frozen_at=moment)
        self.result.created[str(Snapshot._meta.verbose_name_plural)] += 1

    def build(self) -> None:
        self.round(first=True)
        self.freeze(self.year_ago, "Nulmeting: de stand bij de start van de werkagenda.")
        self.round(first=False)
        self.freeze(self.recent, "Jaarlijkse peiling: besproken aan de bestuurlijke tafel.")


def build_checklist_demo(result, regions: dict[str, Region], today: date | None = None) -> None:
    if Framework.current() is None:
        return
    today = today or timezone.localdate()
    for slug, items in REGION_ITEMS.items():
        region = regions.get(slug)
        if region is None:
            continue
        if (
            Assessment.objects.filter(region=region).exists()
            or Snapshot.objects.filter(region=region).exists()
        ):
            continue  # built before (or in real use): never touched again
        RegionDemo(result, region, items, today).build()


def on_demo_regions_built(sender, *, result, regions, **kwargs) -> None:
    build_checklist_demo(result, regions)
