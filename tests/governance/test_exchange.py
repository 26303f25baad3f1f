"""Region exchange: export → import → export is lossless; broken files change nothing."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from governance import constants as c
from governance.exchange import (
    FORMAT,
    VERSION,
    RegionImportFailed,
    dump_region_json,
    export_region,
    import_region,
    region_schema,
    validate_region_document,
)
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
from tests.factories import (
    BodyFactory,
    CostLineFactory,
    MandateFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RelationFactory,
    SubRegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "region.schema.json"
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
]


@pytest.fixture
def user():
    return UserFactory(username="uploader")


@pytest.fixture
def rich_region():
    """A region using every part of the format."""
    region = RegionFactory(
        name="Noord-Oost",
        slug="noord-oost",
        code="VR06",
        collaboration_model=c.CollaborationModel.GEZAMENLIJK,
        collaboration_note="Via de Stamtafel",
        initiator=c.Initiator.BESTUUR,
        characteristics="22 gemeenten, drie subregio’s",
        description="Een “proef” regio.",
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
    )
    stamtafel.themes.set(themes[:2])
    bnt = BodyFactory(
        region=region,
        name="Bestuurlijke netwerktafel",
        kind=c.BodyKind.BNT,
        level=c.Level.TACTISCH,
        established_on=date(2021, 3, 1),
        meeting_frequency_per_year=None,
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


def _delete_region_completely(region: Region) -> None:
    national = list(Organisation.objects.filter(region=None, pk__in=_used_national_org_ids(region)))
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
    return ids - {None}


def _counts() -> dict[str, int]:
    counts = {}
    for model in MODELS:
        counts[model.__name__] = model.objects.count()
        history = getattr(model, "history", None)
        if history is not None:
            counts[f"history:{model.__name__}"] = history.count()
    return counts


# --- export -----------------------------------------------------------------------------------


def test_export_contains_the_whole_structure_without_ids(rich_region):
    doc = export_region(rich_region)

    assert doc["format"] == FORMAT and doc["version"] == VERSION
    assert doc["region"] == {
        "name": "Noord-Oost",
        "slug": "noord-oost",
        "code": "VR06",
        "collaboration_model": "gezamenlijke_besluitvorming",
        "collaboration_note": "Via de Stamtafel",
        "initiator": "bestuur",
        "characteristics": "22 gemeenten, drie subregio’s",
        "description": "Een “proef” regio.",
    }
    assert [m["name"] for m in doc["municipalities"]] == ["Lochem", "Winterswijk", "Zutphen"]
    assert {
        "name": "Politie Nederland",
        "national": True,
        "domain": "veiligheid",
        "kind": "politie",
    } in doc["organisations"]
    keys = [p["key"] for p in doc["persons"]]
    assert len(set(keys)) == len(keys) == 5
    assert {"jan-jansen-1", "jan-jansen-2", "petra-de-vries", "ahmed-ozturk"} <= set(keys)
    stamtafel = next(b for b in doc["bodies"] if b["name"] == "Stamtafel")
    assert stamtafel["roles"] == ["aanjagen", "besluiten", "signaleren"]
    assert stamtafel["meeting_duration_hours"] == "2.5"
    assert stamtafel["established_on"] == "2020-01-01"
    assert [c["estimate_eur"] for c in stamtafel["cost_lines"]] == ["2800.00", "12500.50"]
    assert [m["role"] for m in stamtafel["memberships"]][:1] == ["voorzitter"]
    assert stamtafel["themes"] == sorted(stamtafel["themes"])
    text = dump_region_json(rich_region)
    assert '"id"' not in text and '"pk"' not in text
    assert text.count('"version"') == 1  # only the format version, no lock counters
    assert text.endswith("}\n") and "Öztürk" in text


def test_export_validates_against_the_published_schema(rich_region):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema == region_schema(), "regenerate: manage.py export_region --schema"
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    Draft202012Validator.check_schema(schema)
    assert list(validator.iter_errors(export_region(rich_region))) == []


def test_schema_enums_follow_the_choices():
    defs = region_schema()["$defs"]
    assert defs["body"]["properties"]["kind"]["enum"] == c.BodyKind.values
    assert defs["membership"]["properties"]["role"]["enum"] == c.MembershipRole.values
    assert defs["relation"]["properties"]["kind"]["enum"] == c.RelationKind.values
    assert defs["region"]["properties"]["initiator"]["enum"] == ["", *c.Initiator.values]

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" or "object" in (node.get("type") or []):
                assert node.get("additionalProperties") is False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(region_schema())


def test_format_document_describes_every_field_and_value():
    text = (SCHEMA_FILE.parent / "region-format.md").read_text(encoding="utf-8")
    schema = region_schema()
    for name, definition in schema["$defs"].items():
        for field, spec in definition["properties"].items():
            assert f"`{field}`" in text, (name, field)
            for value in spec.get("enum", []) + spec.get("items", {}).get("enum", []):
                assert not value or f"`{value}`" in text, (name, field, value)
    for field in schema["properties"]:
        assert f"`{field}`" in text


# --- round trip -------------------------------------------------------------------------------


def test_round_trip_into_an_empty_database_is_byte_identical(rich_region, user):
    before = dump_region_json(rich_region)
    _delete_region_completely(rich_region)
    assert not Region.objects.exists() and not Organisation.objects.exists()

    region = import_region(data=before.encode("utf-8"), user=user)

    assert dump_region_json(region) == before
    body = region.bodies.get(name="Stamtafel")
    assert body.history.first().history_user == user
    assert Membership.history.filter(history_user=user).count() == 10


def test_import_as_copy_reuses_national_organisations(rich_region, user):
    text = dump_region_json(rich_region)
    national_before = Organisation.objects.filter(region=None).count()

    copy_region = import_region(data=text, user=user, slug="kopie")

    assert copy_region.slug == "kopie" and copy_region.name == "Noord-Oost (kopie)"
    assert Organisation.objects.filter(region=None).count() == national_before
    assert copy_region.organisations.count() == rich_region.organisations.count()
    again = json.loads(dump_region_json(copy_region))
    original = json.loads(text)
    again["region"]["name"], again["region"]["slug"] = "Noord-Oost", "noord-oost"
    assert again == original

    third = import_region(data=text, user=user, slug="derde")
    assert third.name == "Noord-Oost (kopie 2)"
    named = import_region(data=text, user=user, slug="vierde", name="Vierde regio")
    assert named.name == "Vierde regio"


def test_demo_regions_survive_a_copy(user):
    """The demo data (built like real use) exports, imports and exports to the same document."""
    from governance.demo import build_demo

    build_demo("demo-wachtwoord-voor-test")
    for region in list(Region.objects.all()):
        original = json.loads(dump_region_json(region))
        copied = import_region(data=dump_region_json(region), user=user, slug=f"{region.slug}-k")
        again = json.loads(dump_region_json(copied))
        again["region"].update(name=original["region"]["name"], slug=original["region"]["slug"])
        assert again == original, region.slug


def test_validate_reports_nothing_for_a_good_document_and_writes_nothing(rich_region):
    doc = export_region(rich_region)
    counts = _counts()
    assert validate_region_document(doc, slug="nieuw") == []
    assert validate_region_document(json.dumps(doc), slug="nieuw") == []
    assert _counts() == counts


def _grown(doc: dict, extra: int) -> dict:
    """The document with ``extra`` more persons, each a member of every body, and as many
    more bodies with a mandate and a cost line."""
    doc = json.loads(json.dumps(doc))
    template = doc["bodies"][_body(doc, "Stamtafel")]
    for n in range(extra):
        key = f"extra-{n}"
        doc["persons"].append(
            {**doc["persons"][0], "key": key, "name": f"Extra {n}", "email": f"extra{n}@example.nl"}
        )
        doc["bodies"].append(
            {
                **template,
                "name": f"Extra gremium {n}",
                "short_name": "",
                "memberships": [],
                "mandates": template["mandates"][:1],
                "cost_lines": template["cost_lines"][:1],
            }
        )
    members = [
        {**template["memberships"][0], "person": f"extra-{n}", "role": c.MembershipRole.LID}
        for n in range(extra)
    ]
    for body in doc["bodies"]:
        if body["status"] == c.BodyStatus.ACTIEF and not body["dissolved_on"]:
            body["memberships"] = body["memberships"] + [
                {**m, "start": body["established_on"] or m["start"]} for m in members
            ]
    return doc


def test_import_queries_do_not_grow_with_the_document(rich_region, user):
    """Objects of one kind are written together: ten times the persons, bodies and members
    (hundreds of objects more) cost a handful of queries more, and every object still gets
    its history record."""
    doc = export_region(rich_region)
    small, large = _grown(doc, 2), _grown(doc, 20)
    assert validate_region_document(json.dumps(large), slug="groot") == []

    with CaptureQueriesContext(connection) as few:
        import_region(data=json.dumps(small), user=user, slug="klein")
    with CaptureQueriesContext(connection) as many:
        region = import_region(data=json.dumps(large), user=user, slug="groot")

    # the same statements; only SQLite's limit on query parameters splits the largest
    # INSERTs (memberships and their history) into a few more batches
    def reads(queries):
        return [q["sql"][:40] for q in queries if q["sql"].startswith("SELECT")]

    assert reads(many) == reads(few)
    assert len(many) <= len(few) + 12
    assert region.bodies.count() == len(large["bodies"])
    members = Membership.objects.filter(body__region=region)
    assert members.count() == sum(len(b["memberships"]) for b in large["bodies"]) > 200
    assert Membership.history.filter(body__region=region, history_user=user).count() == (
        members.count()
    )
    assert Person.history.filter(region=region, history_type="+").count() == len(large["persons"])


# --- broken files -----------------------------------------------------------------------------


def _body(doc, name):
    return next(i for i, b in enumerate(doc["bodies"]) if b["name"] == name)


def _member(doc, body_index, role):
    return next(
        i for i, m in enumerate(doc["bodies"][body_index]["memberships"]) if m["role"] == role
    )


def _set(path, value):
    def mutate(doc):
        target = doc
        for part in path[:-1]:
            target = target[part(doc) if callable(part) else part]
        last = path[-1]
        target[last(doc) if callable(last) else last] = value

    return mutate


def _delete_key(doc):
    del doc["bodies"][0]["kind"]


def _duplicate_body(doc):
    doc["bodies"][1]["name"] = doc["bodies"][0]["name"]


def _self_relation(doc):
    doc["relations"][0]["target"] = doc["relations"][0]["source"]


def _end_before_start(doc):
    b = _body(doc, "Stamtafel")
    m = _member(doc, b, "voorzitter")
    doc["bodies"][b]["memberships"][m]["end"] = "2019-06-01"


def _outside_lifetime(doc):
    b = _body(doc, "Oude regiegroep")
    doc["bodies"][b]["memberships"][0]["start"] = "2014-01-01"


def _unknown_person(doc):
    b = _body(doc, "Stamtafel")
    doc["bodies"][b]["memberships"][0]["person"] = "niemand"


def _unknown_body(doc):
    doc["relations"][0]["target"] = "Spooktafel"


STAMTAFEL = lambda doc: _body(doc, "Stamtafel")  # noqa: E731
OUD = lambda doc: _body(doc, "Oude regiegroep")  # noqa: E731


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (_set(["format"], "iets-anders"), "$.format"),
        (_set(["version"], 2), "$.version"),
        (_delete_key, "$.bodies[0].kind"),
        (_set(["bodies", 0, "kind"], "geheim_genootschap"), "$.bodies[0].kind"),
        (_set(["bodies", 0, "geheim"], True), "$.bodies[0].geheim"),
        (_set(["bodies", 0, "established_on"], "2024-02-30"), "$.bodies[0].established_on"),
        (_set(["bodies", 0, "established_on"], "1-1-2020"), "$.bodies[0].established_on"),
        (_set(["bodies", 0, "roles"], ["zingen"]), "$.bodies[0].roles[0]"),
        (_set(["themes", 0, "theme"], "Bestaat niet"), "$.themes[0].theme"),
        (_set(["bodies", STAMTAFEL, "themes", 0], "Bestaat niet"), "$.bodies[2].themes[0]"),
        (_unknown_body, "$.relations[0].target"),
        (_unknown_person, "$.bodies[2].memberships[0].person"),
        (
            _set(["persons", 0, "organisation"], {"name": "Onbekend", "national": True}),
            "$.persons[0].organisation",
        ),
        (_set(["municipalities", 0, "sub_region"], "Nergens"), "$.municipalities[0].sub_region"),
        (_duplicate_body, "$.bodies[1].name"),
        (_self_relation, "$.relations[0].target"),
        (_end_before_start, "$.bodies[2].memberships[0].end"),
        (_outside_lifetime, "$.bodies[1].memberships[0].start"),
        (_set(["persons", 0, "email"], "geen-adres"), "$.persons[0].email"),
        (_set(["bodies", OUD, "dissolved_on"], None), "$.bodies[1].dissolved_on"),
        (
            _set(
                ["bodies", 0, "cost_lines"],
                [{"item": "x", "estimate_eur": "-1", "funded_by": "", "note": ""}],
            ),
            "$.bodies[0].cost_lines[0].estimate_eur",
        ),
    ],
)
def test_broken_document_is_refused_and_changes_nothing(rich_region, user, mutate, path):
    doc = export_region(rich_region)
    mutate(doc)
    counts = _counts()

    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(doc), user=user, slug="nieuw")

    paths = [e.path for e in failed.value.errors]
    assert path in paths, failed.value.errors
    assert all(e.message for e in failed.value.errors)
    assert _counts() == counts
    assert not Region.objects.filter(slug="nieuw").exists()


def test_body_indices_used_in_the_cases_above(rich_region):
    names = [b["name"] for b in export_region(rich_region)["bodies"]]
    assert names == ["Bestuurlijke netwerktafel", "Oude regiegroep", "Stamtafel", "Werkgroep wonen"]


def test_not_json_is_refused(rich_region, user):
    counts = _counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=b"{niet: json", user=user)
    assert [e.path for e in failed.value.errors] == ["$"]
    assert "geen geldige JSON" in failed.value.errors[0].message
    with pytest.raises(RegionImportFailed):
        import_region(data=b"\xff\xfe\x00", user=user)
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data="[1, 2]", user=user)
    assert failed.value.errors[0].path == "$"
    assert _counts() == counts


def test_existing_slug_and_name_are_refused(rich_region, user):
    text = dump_region_json(rich_region)
    counts = _counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=text, user=user)
    errors = {e.path: e.message for e in failed.value.errors}
    assert "--slug" in errors["$.region.slug"]
    assert "$.region.name" in errors
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=text, user=user, slug="nieuw", name="Noord-Oost")
    assert [e.path for e in failed.value.errors] == ["$.region.name"]
    assert _counts() == counts


def test_invalid_new_slug_is_reported_at_the_region(rich_region, user):
    counts = _counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=dump_region_json(rich_region), user=user, slug="geen geldige slug")
    assert [e.path for e in failed.value.errors] == ["$.region.slug"]
    assert _counts() == counts


def test_too_large_file_is_refused(rich_region, user, settings):
    settings.REGION_IMPORT_MAX_BYTES = 1000
    counts = _counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=dump_region_json(rich_region), user=user, slug="nieuw")
    assert [e.path for e in failed.value.errors] == ["$"]
    assert "te groot" in failed.value.errors[0].message
    assert _counts() == counts


def test_model_errors_are_all_reported_and_rolled_back(rich_region, user):
    """Errors found while saving (after objects were already created) roll back everything."""
    doc = export_region(rich_region)
    _end_before_start(doc)
    _outside_lifetime(doc)
    counts = _counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(doc), user=user, slug="nieuw")
    assert [e.path for e in failed.value.errors] == [
        "$.bodies[1].memberships[0].start",
        "$.bodies[2].memberships[0].end",
    ]
    assert _counts() == counts


def test_person_keys_are_references_within_the_file(rich_region, user):
    doc = export_region(rich_region)
    renames = {p["key"]: f"p{i}" for i, p in enumerate(doc["persons"])}
    for person in doc["persons"]:
        person["key"] = renames[person["key"]]
    for body in doc["bodies"]:
        for member in body["memberships"]:
            if member["person"]:
                member["person"] = renames[member["person"]]
    region = import_region(data=json.dumps(doc), user=user, slug="sleutels")
    assert json.loads(dump_region_json(region))["persons"] == [
        {**p, "key": k}
        for p, k in zip(
            doc["persons"],
            [p["key"] for p in export_region(rich_region)["persons"]],
            strict=True,
        )
    ]


# --- commands ---------------------------------------------------------------------------------


def test_export_command_writes_the_canonical_text(rich_region, tmp_path, capsys):
    target = tmp_path / "regio.json"
    call_command("export_region", "noord-oost", output=str(target))
    assert target.read_text(encoding="utf-8") == dump_region_json(rich_region)

    call_command("export_region", "noord-oost")
    assert capsys.readouterr().out == dump_region_json(rich_region)

    with pytest.raises(CommandError, match="geen regio"):
        call_command("export_region", "bestaat-niet")


def test_import_command_with_new_slug(rich_region, tmp_path, capsys):
    source = tmp_path / "regio.json"
    call_command("export_region", "noord-oost", output=str(source))

    call_command("import_region", str(source), slug="kopie", name="Kopieregio")

    region = Region.objects.get(slug="kopie")
    assert region.name == "Kopieregio"
    assert "geïmporteerd" in capsys.readouterr().out
    assert region.bodies.get(name="Stamtafel").history.first().history_user.username == "systeem"


def test_import_command_reports_errors_and_fails(rich_region, tmp_path, capsys):
    doc = export_region(rich_region)
    doc["relations"][0]["target"] = "Spooktafel"
    source = tmp_path / "kapot.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    counts = _counts()

    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("import_region", str(source), slug="kapot")

    err = capsys.readouterr().err
    assert "$.relations[0].target: Onbekend gremium ‘Spooktafel’" in err
    assert _counts() == counts
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("import_region", str(source))  # slug taken as well
