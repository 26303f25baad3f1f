"""Data for the region exchange tests: a region using every field of the format, its use
(werkagenda, meetings, checklist), a complete delete, and object counts that prove an import
wrote nothing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.apps import apps

from checklist.models import Assessment, Framework, Snapshot, SnapshotScore
from governance import constants as c
from governance.exchange.schema import FRAMEWORK_FIELDS, FRAMEWORK_TOP_LEVEL, REEVALUATION_FIELDS
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    BodyRelation,
    CostLine,
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
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    CostLineFactory,
    FrameworkFactory,
    KnelpuntFactory,
    MandateFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RelationFactory,
    SubRegionFactory,
    UserFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ALL_PARTS = ["structuur", "werkagenda", "vergaderingen", "checklist"]

MODELS = [
    Region,
    SubRegion,
    Municipality,
    Organisation,
    Person,
    RegionTheme,
    RegionPartner,
    Body,
    Mandate,
    Membership,
    CostLine,
    BodyRelation,
    Knelpunt,
    Action,
    ActionUpdate,
    Meeting,
    AgendaItem,
    Assessment,
    Snapshot,
    SnapshotScore,
]


def counts() -> dict[str, int]:
    """Objects and history records of every model an import writes."""
    found = {}
    for model in MODELS:
        found[model.__name__] = model.objects.count()
        history = getattr(model, "history", None)
        if history is not None:
            found[f"history:{model.__name__}"] = history.count()
    found["coalitions"] = Action.coalition.through.objects.count()
    found["assessment links"] = Assessment.bodies.through.objects.count()
    return found


def build_rich_region() -> Region:
    """A region using every field of the structure."""
    region = RegionFactory(
        name="Noord-Oost",
        slug="noord-oost",
        code="VR06",
        collaboration_model=c.CollaborationModel.GEZAMENLIJK,
        collaboration_note="Via de Stamtafel",
        initiator=c.Initiator.BESTUUR,
        characteristics="22 gemeenten, drie subregio’s",
        description="Een “proef” regio.",
        registration_since=date(2024, 1, 1),
    )
    gr = FrameworkFactory(
        region=region,
        name="GR Veiligheidsregio Noord-Oost",
        kind=c.FrameworkKind.GR,
        source_document="Gemeenschappelijke regeling VNO 2019",
        description="Algemeen en dagelijks bestuur; de “formele” lijn.",
    )
    netwerk = FrameworkFactory(
        region=region, name="Netwerk zorg en veiligheid", kind=c.FrameworkKind.INFORMEEL
    )
    achterhoek = SubRegionFactory(region=region, name="Achterhoek")
    stedendriehoek = SubRegionFactory(region=region, name="Stedendriehoek")
    zutphen = MunicipalityFactory(
        region=region, name="Zutphen", cbs_code="GM0301", sub_region=stedendriehoek
    )
    winterswijk = MunicipalityFactory(
        region=region, name="Winterswijk", cbs_code="GM0294", sub_region=achterhoek
    )
    lochem = MunicipalityFactory(region=region, name="Lochem")
    politie = OrganisationFactory(
        region=None,
        name="Politie Nederland",
        domain=c.OrganisationDomain.VEILIGHEID,
        kind="politie",
    )
    reclassering = OrganisationFactory(
        region=None, name="Reclassering Nederland", domain=c.OrganisationDomain.STRAF
    )
    ggz = OrganisationFactory(
        region=region, name="GGZ Oost", domain=c.OrganisationDomain.ZORG, kind="GGZ-instelling"
    )
    OrganisationFactory(region=region, name="Veilig Thuis", domain=c.OrganisationDomain.VEILIGHEID)
    jan_mayor = PersonFactory(
        region=region,
        name="Jan Jansen",
        function="burgemeester Zutphen",
        office=c.Office.BURGEMEESTER,
    )
    jan_alderman = PersonFactory(
        region=region,
        name="Jan Jansen",
        function="wethouder Lochem",
        office=c.Office.WETHOUDER,
        email="jan@lochem.example",
    )
    chair = PersonFactory(region=region, name="Petra de Vries", office=c.Office.ONAFHANKELIJK)
    director = PersonFactory(
        region=region, name="Ahmed Öztürk", organisation=ggz, office=c.Office.PARTNER_BESTUURDER
    )
    secretary = PersonFactory(
        region=region,
        name="Karin Smit",
        organisation=politie,
        office=c.Office.AMBTELIJK,
        email="karin@example.org",
    )
    themes = list(Theme.objects.order_by("name")[:3])
    RegionTheme.objects.create(region=region, theme=themes[0], weighing="Regionaal want schaal.")
    RegionTheme.objects.create(region=region, theme=themes[1])
    for org in (ggz, politie, reclassering):
        RegionPartner.objects.create(region=region, organisation=org)

    stamtafel = BodyFactory(
        region=region,
        name="Stamtafel",
        short_name="ST",
        kind=c.BodyKind.STAMTAFEL,
        decision_power=c.DecisionPower.BESLUITVORMEND,
        roles=[c.BodyRole.SIGNALEREN, c.BodyRole.BESLUITEN, c.BodyRole.AANJAGEN],
        meeting_frequency_per_year=6,
        meeting_duration_hours=Decimal("2.5"),
        legal_basis_kind=c.LegalBasisKind.CONVENANT,
        legal_basis_reference="Convenant 2020",
        established_on=date(2020, 1, 1),
        description="De bestuurlijke tafel.",
        framework=gr,
        evaluate_before=date(2027, 1, 1),
    )
    stamtafel.themes.set(themes[:2])
    bnt = BodyFactory(
        region=region,
        name="Bestuurlijke netwerktafel",
        kind=c.BodyKind.BNT,
        level=c.Level.TACTISCH,
        established_on=date(2021, 3, 1),
        meeting_frequency_per_year=None,
        framework=netwerk,
    )
    werkgroep = BodyFactory(
        region=region,
        name="Werkgroep wonen",
        kind=c.BodyKind.WERKGROEP,
        level=c.Level.OPERATIONEEL,
        status=c.BodyStatus.VOORGESTELD,
    )
    oud = BodyFactory(
        region=region,
        name="Oude regiegroep",
        kind=c.BodyKind.REGIEGROEP,
        status=c.BodyStatus.OPGEHEVEN,
        established_on=date(2015, 1, 1),
        dissolved_on=date(2020, 1, 1),
    )

    MandateFactory(
        body=stamtafel,
        power=c.Power.BESLUITEN,
        subject="Regionale aanpak",
        theme=themes[0],
        organisation=ggz,
        source_document="Convenant",
        valid_from=date(2020, 1, 1),
        evaluate_before=date(2026, 7, 1),
    )
    MandateFactory(
        body=stamtafel,
        power=c.Power.OPDRACHTGEVERSCHAP,
        subject="Politie-inzet",
        organisation=politie,
        valid_from=date(2020, 1, 1),
        valid_to=date(2024, 1, 1),
    )
    MandateFactory(
        body=oud, power=c.Power.AFSTEMMEN, subject="Afstemming", valid_to=date(2020, 1, 1)
    )

    MembershipFactory(
        body=stamtafel, person=chair, role=c.MembershipRole.VOORZITTER, start=date(2020, 1, 1)
    )
    MembershipFactory(
        body=stamtafel,
        person=jan_mayor,
        municipality=zutphen,
        role=c.MembershipRole.LID,
        portfolio="Veiligheid",
    )
    MembershipFactory(
        body=stamtafel,
        person=jan_alderman,
        municipality=lochem,
        role=c.MembershipRole.PORTEFEUILLEHOUDER,
        portfolio="Zorg",
    )
    MembershipFactory(body=stamtafel, person=None, organisation=politie, role=c.MembershipRole.LID)
    MembershipFactory(
        body=stamtafel, person=None, municipality=winterswijk, role=c.MembershipRole.AGENDALID
    )
    MembershipFactory(
        body=stamtafel,
        person=secretary,
        role=c.MembershipRole.SECRETARIS,
        start=date(2020, 1, 1),
        end=date(2023, 1, 1),
    )
    MembershipFactory(
        body=bnt,
        person=director,
        organisation=ggz,
        role=c.MembershipRole.LID,
        on_behalf_of="de zorgpartners",
        on_behalf_of_body=stamtafel,
        substitute_allowed=False,
        start=date(2021, 3, 1),
    )
    MembershipFactory(body=bnt, person=secretary, role=c.MembershipRole.NETWERKSECRETARIS)
    MembershipFactory(
        body=werkgroep, person=None, organisation=reclassering, role=c.MembershipRole.ADVISEUR
    )
    MembershipFactory(
        body=oud,
        person=jan_mayor,
        role=c.MembershipRole.VOORZITTER,
        start=date(2016, 1, 1),
        end=date(2020, 1, 1),
    )

    CostLineFactory(
        body=stamtafel,
        item="Onafhankelijk voorzitter",
        estimate_eur=2800,
        funded_by="Centrumgemeente",
    )
    CostLineFactory(
        body=stamtafel, item="Secretariaat", estimate_eur=Decimal("12500.50"), note="0,2 fte"
    )
    CostLineFactory(body=bnt, item="Zaalhuur", estimate_eur=0)

    RelationFactory(
        source=oud,
        target=stamtafel,
        kind=c.RelationKind.GAAT_OP_IN,
        valid_from=date(2020, 1, 1),
        note="Samengevoegd",
    )
    RelationFactory(
        source=bnt, target=stamtafel, kind=c.RelationKind.ADVISEERT, valid_from=date(2021, 3, 1)
    )
    RelationFactory(source=werkgroep, target=bnt, kind=c.RelationKind.BEREIDT_VOOR)
    return region


def at(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def add_rich_use(region: Region) -> dict:
    """Knelpunten, actions with their log, meetings and the checklist for ``region`` (built by
    :func:`build_rich_region`): every field of the version-2 sections, keys that clash, a
    national organisation used only by a coalition, moments in winter and summer time."""
    stamtafel = region.bodies.get(name="Stamtafel")
    bnt = region.bodies.get(name="Bestuurlijke netwerktafel")
    alderman = Membership.objects.get(body=stamtafel, role=c.MembershipRole.PORTEFEUILLEHOUDER)
    owner = Person.objects.get(region=region, name="Karin Smit")
    ggz = Organisation.objects.get(name="GGZ Oost")
    om = OrganisationFactory(
        region=None, name="Openbaar Ministerie", domain=c.OrganisationDomain.STRAF
    )
    theme, other_theme = Theme.objects.order_by("name")[:2]

    signal = KnelpuntFactory(
        region=region,
        theme=theme,
        title="Informatie delen",
        description="Signalen komen te laat.",
        source=c.KnelpuntSource.PARTNER,
        source_note="GGZ Oost",
        status=c.KnelpuntStatus.BELEGD,
        signalled_on=date(2024, 3, 1),
    )
    twin = KnelpuntFactory(region=region, theme=other_theme, title="Informatie delen")
    KnelpuntFactory(region=region, theme=theme, title="Wachtlijsten", signalled_on=date(2023, 1, 2))

    running = ActionFactory(
        region=region,
        title="Convenant gegevensdeling",
        description="Een convenant voor de hele regio.",
        theme=theme,
        list=c.ActionList.ACTIE,
        list_since=date(2024, 4, 1),
        importance=3,
        feasibility=2,
        impact=1,
        trekker=alderman,
        owner=owner,
        owning_body=stamtafel,
        due_date=date(2025, 1, 1),
        origin=c.ActionOrigin.VERGADERBESLUIT,
        origin_note="Besluit Stamtafel",
        created_on=date(2024, 3, 15),
    )
    running.coalition.set([ggz, om])
    running.knelpunten.set([signal, twin])
    done = ActionFactory(
        region=region,
        title="Convenant gegevensdeling",
        theme=None,
        list=c.ActionList.GEREED,
        closed_reason=c.ClosedReason.ELDERS_BELEGD,
        closing_note="Landelijk opgepakt.",
        created_on=date(2023, 5, 1),
    )
    ActionFactory(region=region, title="Wachtlijst verkennen", theme=other_theme)

    writer = UserFactory(username="schrijver", first_name="Sanne", last_name="Wolters")
    nameless = UserFactory(username="zondernaam", first_name="", last_name="")
    log = [
        (date(2024, 3, 15), c.ActionUpdateKind.AANGEMAAKT, "", c.ActionList.VOORRAAD, writer, ""),
        (date(2024, 4, 1), c.ActionUpdateKind.VERPLAATSING, "voorraad", "actie", nameless, ""),
        (date(2024, 4, 1), c.ActionUpdateKind.VOORTGANG, "", "", None, "Iemand van elders"),
        (date(2024, 5, 1), c.ActionUpdateKind.VOORTGANG, "", "", None, ""),
    ]
    for day, kind, from_list, to_list, author, author_name in log:
        ActionUpdate.objects.create(
            action=running,
            date=day,
            kind=kind,
            from_list=from_list,
            to_list=to_list,
            text=f"{kind} op {day}",
            author=author,
            author_name=author_name,
        )

    winter = MeetingFactory(
        body=stamtafel,
        title="Stamtafel januari",
        starts_at=at(2024, 1, 18, 13, 30),
        ends_at=at(2024, 1, 18, 15, 30),
        location="Zutphen",
        status=c.MeetingStatus.GEHOUDEN,
        note="Goed bezocht.",
    )
    summer = MeetingFactory(body=stamtafel, starts_at=at(2024, 6, 20, 9, 0, 0, 123456))
    MeetingFactory(body=stamtafel, starts_at=at(2024, 6, 20, 19, 0), title="Avond")
    MeetingFactory(body=bnt, starts_at=at(2024, 10, 27, 2, 30))  # the night the clock goes back
    AgendaItemFactory(meeting=winter, order=1, title="Opening", kind=c.AgendaItemKind.INFORMEREN)
    decision = AgendaItemFactory(
        meeting=winter,
        order=2,
        title="Gegevensdeling",
        kind=c.AgendaItemKind.BESLUITEN,
        description="Voorstel convenant.",
        action=running,
        knelpunt=signal,
        outcome="Besloten: een convenant.",
    )
    AgendaItemFactory(meeting=summer, order=1, title="Voortgang", action=done)
    running.origin_agenda_item = decision
    running.save()

    framework = Framework.current()
    items = list(framework.items.order_by("code"))
    per_gemeente = next(i for i in items if i.per_municipality)
    plain = [i for i in items if not i.per_municipality][:2]
    first = Assessment.objects.create(
        region=region,
        item=plain[0],
        status="gerealiseerd",
        evidence="De Stamtafel werkt.",
        owner=owner,
        assessed_on=date(2024, 2, 1),
        next_review_on=date(2025, 2, 1),
    )
    first.bodies.set([stamtafel, bnt])
    first.mandates.set(Mandate.objects.filter(body=stamtafel))
    first.actions.set([running, done])
    Assessment.objects.create(region=region, item=plain[1], status="verkend")
    for municipality in Municipality.objects.filter(region=region):
        Assessment.objects.create(
            region=region, item=per_gemeente, municipality=municipality, status="in_ontwikkeling"
        )
    Assessment.objects.create(region=region, item=per_gemeente, status="verkend")
    old = Snapshot.objects.create(
        region=region,
        framework=framework,
        date=date(2023, 12, 1),
        frozen_by=writer,
        frozen_at=at(2023, 12, 1, 16, 0, 0, 500),
        note="Nulmeting",
    )
    new = Snapshot.objects.create(
        region=region,
        framework=framework,
        date=date(2024, 6, 1),
        frozen_by_name="Oud-secretaris",
        frozen_at=at(2024, 6, 1, 10, 0),
    )
    for snapshot, status in ((old, "niet_gestart"), (new, "verkend")):
        SnapshotScore.objects.bulk_create(
            [SnapshotScore(snapshot=snapshot, item=i, code=i.code, status=status) for i in items]
            + [
                SnapshotScore(
                    snapshot=snapshot,
                    item=per_gemeente,
                    code=per_gemeente.code,
                    municipality=m,
                    status=status,
                )
                for m in Municipality.objects.filter(region=region)
            ]
        )
    return {"running": running, "done": done, "decision": decision, "winter": winter}


def delete_region_completely(region: Region) -> None:
    """The region, its use and the national organisations it refers to, so that an import
    finds an empty database (reference data — themes, the framework — stays)."""
    national = list(Organisation.objects.filter(region=None, pk__in=_used_national_org_ids(region)))
    CaseReflection = apps.get_model("casereflection", "CaseReflection")
    CaseReflection.objects.filter(region=region).delete()
    Snapshot.objects.filter(region=region).delete()
    Assessment.objects.filter(region=region).delete()
    apps.get_model("checklist", "AssessmentProposal").objects.filter(region=region).delete()
    Meeting.objects.filter(body__region=region).delete()
    Action.objects.filter(region=region).delete()
    Knelpunt.objects.filter(region=region).delete()
    Membership.objects.filter(body__region=region).delete()
    Mandate.objects.filter(body__region=region).delete()
    Municipality.objects.filter(region=region).delete()
    region.delete()
    for org in national:
        org.delete()


def _used_national_org_ids(region: Region) -> set[int]:
    ids = set(RegionPartner.objects.filter(region=region).values_list("organisation", flat=True))
    ids |= set(Person.objects.filter(region=region).values_list("organisation", flat=True))
    ids |= set(Mandate.objects.filter(body__region=region).values_list("organisation", flat=True))
    ids |= set(
        Membership.objects.filter(body__region=region).values_list("organisation", flat=True)
    )
    ids |= set(
        Action.coalition.through.objects.filter(action__region=region).values_list(
            "organisation", flat=True
        )
    )
    return ids - {None}


def body_index(doc: dict, name: str) -> int:
    return next(i for i, b in enumerate(doc["bodies"]) if b["name"] == name)


def without_reevaluation(document: dict) -> dict:
    """``document`` without what format version 5 added (the "evalueren vóór" dates of bodies
    and mandates), as a file of version 4 would be (the version is kept)."""
    doc = dict(document)
    doc["bodies"] = [
        {
            **{k: v for k, v in b.items() if k not in REEVALUATION_FIELDS["body"]},
            "mandates": [
                {k: v for k, v in m.items() if k not in REEVALUATION_FIELDS["mandate"]}
                for m in b["mandates"]
            ],
        }
        for b in document["bodies"]
    ]
    return doc


def without_frameworks(document: dict) -> dict:
    """``document`` without what format versions 4 and 5 added (frameworks, a body's
    framework, the region's registration_since; the re-evaluation dates), as a file of version
    3 would be (the version is kept)."""
    document = without_reevaluation(document)
    doc = {k: v for k, v in document.items() if k not in FRAMEWORK_TOP_LEVEL}
    doc["region"] = {
        k: v for k, v in document["region"].items() if k not in FRAMEWORK_FIELDS["region"]
    }
    doc["bodies"] = [
        {k: v for k, v in b.items() if k not in FRAMEWORK_FIELDS["body"]}
        for b in document["bodies"]
    ]
    return _without_seat_municipality(doc)


_SEAT_REF = {"body", "person", "role", "start", "municipality"}


def _without_seat_municipality(value):
    """Membership references (the trekker of an action, a line of attendance) without the
    seat's municipality, which version 4 added."""
    if isinstance(value, list):
        return [_without_seat_municipality(v) for v in value]
    if isinstance(value, dict):
        if set(value) == _SEAT_REF:
            return {k: v for k, v in value.items() if k != "municipality"}
        return {k: _without_seat_municipality(v) for k, v in value.items()}
    return value
