"""Helpers of the workbook tests: a small region, and editing a downloaded workbook the way a
secretary would (openpyxl, not the portal's code)."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from governance import constants as c
from governance.workbook.layout import SHEETS_BY_NAME
from governance.workbook.stamp import region_stamp
from tests.factories import (
    BodyFactory,
    MandateFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RelationFactory,
    RoleFactory,
    SubRegionFactory,
    UserFactory,
)


def build_region(slug: str = "oost", *, extra: int = 0):
    region = RegionFactory(name=f"Regio {slug}", slug=slug)
    sub = SubRegionFactory(region=region, name="Achterhoek")
    zutphen = MunicipalityFactory(region=region, name="Zutphen", cbs_code="GM0301", sub_region=sub)
    MunicipalityFactory(region=region, name="Lochem")
    ggz = OrganisationFactory(region=region, name="GGZ Oost", domain=c.OrganisationDomain.ZORG)
    chair = PersonFactory(
        region=region, name="Petra de Vries", office=c.Office.ONAFHANKELIJK, email="p@example.nl"
    )
    mayor = PersonFactory(
        region=region, name="Jan Jansen", office=c.Office.BURGEMEESTER, function="burgemeester"
    )
    stamtafel = BodyFactory(
        region=region,
        name="Stamtafel",
        short_name="ST",
        kind=c.BodyKind.STAMTAFEL,
        roles=[c.BodyRole.SIGNALEREN, c.BodyRole.AANJAGEN],
        established_on=date(2020, 1, 1),
    )
    werkgroep = BodyFactory(
        region=region, name="Werkgroep wonen", kind=c.BodyKind.WERKGROEP, level=c.Level.TACTISCH
    )
    MandateFactory(
        body=stamtafel,
        power=c.Power.AFSTEMMEN,
        subject="Regionale aanpak",
        valid_from=date(2021, 1, 1),
    )
    MembershipFactory(body=stamtafel, person=chair, role=c.MembershipRole.VOORZITTER)
    MembershipFactory(
        body=stamtafel,
        person=mayor,
        municipality=zutphen,
        role=c.MembershipRole.LID,
        start=date(2021, 3, 1),
    )
    MembershipFactory(body=werkgroep, person=None, organisation=ggz, role=c.MembershipRole.LID)
    RelationFactory(source=werkgroep, target=stamtafel, kind=c.RelationKind.ADVISEERT)
    for i in range(extra):
        person = PersonFactory(region=region, name=f"Extra persoon {i}", organisation=ggz)
        body = BodyFactory(region=region, name=f"Extra tafel {i}")
        MembershipFactory(body=body, person=person, municipality=zutphen)
        MandateFactory(body=body, organisation=ggz)
        RelationFactory(source=body, target=stamtafel)
    return region


def secretary_of(region, username: str = "secretaris"):
    user = UserFactory(username=username)
    RoleFactory(user=user, region=region, role="secretary")
    return user


def edit(data: bytes, change) -> bytes:
    """Open the workbook as Excel would, let ``change(workbook)`` edit it, save."""
    workbook = load_workbook(io.BytesIO(data))
    change(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def column(sheet_name: str, header: str) -> int:
    """The 1-based column index of ``header`` on a sheet (A is the hidden id)."""
    sheet = SHEETS_BY_NAME[sheet_name]
    return next(i for i, col in enumerate(sheet.columns, start=2) if col.header == header)


def find_row(ws, header_values: dict) -> int:
    """The number of the first row whose cells have ``header_values`` ({header: value})."""
    for row in range(2, ws.max_row + 1):
        if all(
            ws.cell(row=row, column=column(ws.title, h)).value == v
            for h, v in header_values.items()
        ):
            return row
    raise AssertionError(f"no row {header_values} on {ws.title}")


def append(ws, values: dict) -> int:
    """Add a row ({header: value}) below the last one; returns its number."""
    row = ws.max_row + 1
    for header, value in values.items():
        ws.cell(row=row, column=column(ws.title, header), value=value)
    return row


def snapshot(region) -> str:
    return region_stamp(region)
