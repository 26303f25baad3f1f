"""The workbook's sheets and columns: one place that export, parse and plan read.

Column A of every data sheet is a hidden ``id`` (the object the row maps back to; empty for a
new row). The other columns carry the Dutch header the secretary sees and the model field the
value goes into. Code values are written with the Dutch labels of the TextChoices in
``governance.constants`` and mapped back on import; references name the other row (by name, or
for persons by their *sleutel*).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.db import models
from openpyxl.utils import get_column_letter

from governance.constants import (
    BodyKind,
    BodyRole,
    BodyStatus,
    DecisionPower,
    FrameworkKind,
    LegalBasisKind,
    Level,
    MembershipRole,
    Office,
    OrganisationDomain,
    Power,
    RelationKind,
)
from governance.models import (
    Body,
    BodyRelation,
    Framework,
    Mandate,
    Membership,
    Municipality,
    Organisation,
    Person,
)

FORMAT = "zv-portaal-werkmap"
#: The version the portal writes; it reads every version in READABLE_VERSIONS. Version 2 added
#: the column "Evalueren vóór" at the end of the sheets Gremia and Mandaten; a workbook of
#: version 1 is read without it, and leaves those dates as they are.
VERSION = 2
READABLE_VERSIONS = (1, 2)
META_SHEET = "Werkmap"
LISTS_SHEET = "Keuzelijsten"
MAX_ROWS = 5000  # data rows per sheet
#: Rows added, changed or ended by one upload: applying one costs a few milliseconds (its
#: validation, save and history), so this keeps a confirmation well within a web request.
MAX_CHANGES = 5000
MAX_BYTES = 5 * 1024 * 1024
KIND_WORKBOOK = "werkmap"
KIND_TEMPLATE = "sjabloon"

# Column kinds
TEXT = "text"
CODE = "code"
ROLES = "roles"
DATE = "date"
INT = "int"
BOOL = "bool"
KEY = "key"  # the person's sleutel (no model field)
REF = "ref"

# Reference targets
R_SUBREGION = "subregio"
R_FRAMEWORK = "Kaders"
R_ORGANISATION = "Organisaties"
R_PERSON = "Personen"
R_MUNICIPALITY = "Gemeenten"
R_BODY = "Gremia"
R_THEME = "thema"

YES, NO = "ja", "nee"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str = TEXT
    choices: type[models.TextChoices] | None = None
    target: str | None = None  # for REF: a sheet name or R_SUBREGION / R_THEME
    required: bool = False
    width: int = 20
    note: str = ""
    since: int = 1  # the workbook version that added the column (always at a sheet's end)


@dataclass(frozen=True)
class Sheet:
    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    key_field: str | None = None  # the field other sheets refer to this row by
    label: str = ""  # one row in Dutch, for messages ("gemeente")
    period: tuple[str, str] | None = None  # (start, end): rows that end when removed
    columns_by_field: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.columns_by_field.update({c.field: c for c in self.columns})

    def letter(self, column: Column) -> str:
        """The column's letter: A is the hidden id."""
        return get_column_letter(self.columns.index(column) + 2)

    def column_for(self, field_name: str) -> Column | None:
        return self.columns_by_field.get(field_name)

    def of_version(self, version: int) -> Sheet:
        """The sheet as a workbook of ``version`` has it: without the columns added later."""
        columns = tuple(c for c in self.columns if c.since <= version)
        if columns == self.columns:
            return self
        return replace(self, columns=columns, columns_by_field={})


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Gemeenten",
        Municipality,
        (
            Column("Naam", "name", required=True, width=30),
            Column("CBS-code", "cbs_code", width=12, note="Bijvoorbeeld GM0197."),
            Column("Subregio", "sub_region", REF, target=R_SUBREGION, width=24),
        ),
        key_field="name",
        label="gemeente",
    ),
    Sheet(
        "Organisaties",
        Organisation,
        (
            Column("Naam", "name", required=True, width=40),
            Column("Domein", "domain", CODE, OrganisationDomain, required=True, width=24),
            Column("Soort organisatie", "kind", width=30),
        ),
        key_field="name",
        label="organisatie",
    ),
    Sheet(
        "Personen",
        Person,
        (
            Column(
                "Sleutel",
                "key",
                KEY,
                width=30,
                note="Hoe andere werkbladen naar deze persoon verwijzen; leeg: de naam.",
            ),
            Column("Naam", "name", required=True, width=30),
            Column("Functie", "function", width=36),
            Column("Soort functie", "office", CODE, Office, width=30),
            Column("Organisatie", "organisation", REF, target=R_ORGANISATION, width=34),
            Column("E-mailadres", "email", width=32),
        ),
        key_field="key",
        label="persoon",
    ),
    Sheet(
        "Kaders",
        Framework,
        (
            Column("Naam", "name", required=True, width=40),
            Column("Soort", "kind", CODE, FrameworkKind, required=True, width=30),
            Column("Brondocument", "source_document", width=40),
            Column("Toelichting", "description", width=50),
        ),
        key_field="name",
        label="kader",
    ),
    Sheet(
        "Gremia",
        Body,
        (
            Column("Naam", "name", required=True, width=40),
            Column("Korte naam", "short_name", width=16),
            Column("Soort", "kind", CODE, BodyKind, required=True, width=30),
            Column("Niveau", "level", CODE, Level, required=True, width=14),
            Column("Besluitvorming", "decision_power", CODE, DecisionPower, width=28),
            Column(
                "Rollen",
                "roles",
                ROLES,
                BodyRole,
                width=36,
                note="Gescheiden door komma's, bijv. ‘Signaleren, Aanjagen’.",
            ),
            Column("Vergaderingen per jaar", "meeting_frequency_per_year", INT, width=12),
            Column("Kader", "framework", REF, target=R_FRAMEWORK, width=34),
            Column("Grondslag", "legal_basis_kind", CODE, LegalBasisKind, width=28),
            Column("Verwijzing naar de grondslag", "legal_basis_reference", width=36),
            Column("Status", "status", CODE, BodyStatus, width=14),
            Column("Ingesteld op", "established_on", DATE, width=14),
            Column("Opgeheven per", "dissolved_on", DATE, width=14),
            Column("Beschrijving", "description", width=50),
            Column(
                "Evalueren vóór",
                "evaluate_before",
                DATE,
                width=14,
                note="Uiterlijk op deze datum wordt het gremium geëvalueerd; leeg: geen datum.",
                since=2,
            ),
        ),
        key_field="name",
        label="gremium",
    ),
    Sheet(
        "Mandaten",
        Mandate,
        (
            Column("Gremium", "body", REF, target=R_BODY, required=True, width=40),
            Column("Bevoegdheid", "power", CODE, Power, required=True, width=28),
            Column("Onderwerp", "subject", required=True, width=40),
            Column("Thema", "theme", REF, target=R_THEME, width=30),
            Column("Organisatie", "organisation", REF, target=R_ORGANISATION, width=30),
            Column("Brondocument", "source_document", width=36),
            Column("Geldig vanaf", "valid_from", DATE, width=14),
            Column("Geldig tot", "valid_to", DATE, width=14),
            Column(
                "Evalueren vóór",
                "evaluate_before",
                DATE,
                width=14,
                note="Uiterlijk op deze datum wordt het mandaat geëvalueerd; leeg: geen datum.",
                since=2,
            ),
        ),
        label="mandaat",
        period=("valid_from", "valid_to"),
    ),
    Sheet(
        "Lidmaatschappen",
        Membership,
        (
            Column("Gremium", "body", REF, target=R_BODY, required=True, width=40),
            Column("Rol", "role", CODE, MembershipRole, width=24),
            Column("Persoon", "person", REF, target=R_PERSON, width=30),
            Column("Organisatie", "organisation", REF, target=R_ORGANISATION, width=30),
            Column("Gemeente", "municipality", REF, target=R_MUNICIPALITY, width=22),
            Column("Portefeuille", "portfolio", width=28),
            Column("Namens", "on_behalf_of", width=28),
            Column("Namens gremium", "on_behalf_of_body", REF, target=R_BODY, width=30),
            Column("Vervanging toegestaan", "substitute_allowed", BOOL, width=12),
            Column("Begin", "start", DATE, width=14),
            Column("Einde per", "end", DATE, width=14),
        ),
        label="lidmaatschap",
        period=("start", "end"),
    ),
    Sheet(
        "Relaties",
        BodyRelation,
        (
            Column("Van gremium", "source", REF, target=R_BODY, required=True, width=40),
            Column("Soort relatie", "kind", CODE, RelationKind, required=True, width=30),
            Column("Naar gremium", "target", REF, target=R_BODY, required=True, width=40),
            Column("Toelichting", "note", width=40),
            Column("Geldig vanaf", "valid_from", DATE, width=14),
            Column("Geldig tot", "valid_to", DATE, width=14),
        ),
        label="relatie",
        period=("valid_from", "valid_to"),
    ),
)

SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}

# The code lists on the hidden sheet (one column each), in this order.
CODE_LISTS: tuple[type[models.TextChoices], ...] = (
    OrganisationDomain,
    Office,
    FrameworkKind,
    BodyKind,
    Level,
    DecisionPower,
    LegalBasisKind,
    BodyStatus,
    Power,
    MembershipRole,
    RelationKind,
)


def code_label(choices: type[models.TextChoices], value: str) -> str:
    return str(dict(choices.choices).get(value, value))


def code_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Label or key (case and surrounding spaces ignored) → key."""
    lookup = {}
    for value, label in choices.choices:
        lookup[str(value).casefold()] = value
        lookup[str(label).strip().casefold()] = value
    return lookup
