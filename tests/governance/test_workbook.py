"""The spreadsheet round trip: export, upload, preview, confirm (views and service)."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.locking import save_versioned
from governance import constants as c
from governance.models import Body, Mandate, Membership, Person
from governance.services.workbook import WorkbookApplyFailed, workbook_apply
from governance.workbook.export import build_workbook
from governance.workbook.parse import WorkbookRefused, read_workbook
from governance.workbook.plan import build_plan
from tests.governance.workbook_data import (
    append,
    build_region,
    column,
    edit,
    find_row,
    secretary_of,
    snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return build_region()


@pytest.fixture
def secretary(region):
    return secretary_of(region)


@pytest.fixture
def client_in(client, secretary):
    client.force_login(secretary)
    return client


def upload_url(region):
    return reverse("governance:workbook_upload", kwargs={"region": region.slug})


def preview_url(region):
    return reverse("governance:workbook_preview", kwargs={"region": region.slug})


def upload(client, region, data: bytes, name: str = "werkmap.xlsx"):
    return client.post(upload_url(region), {"file": SimpleUploadedFile(name, data)})


def confirm(client, region):
    token = client.session["werkmap"]["token"]
    return client.post(preview_url(region), {"token": token, "actie": "bevestigen"})


def plan_for(region, data: bytes) -> dict:
    return build_plan(region, read_workbook(data), today=timezone.localdate())


def refusal(region, data: bytes) -> list:
    with pytest.raises(WorkbookRefused) as refused:
        plan_for(region, data)
    return refused.value.errors


# --- export ------------------------------------------------------------------------------


def test_the_workbook_has_the_sheets_headers_lists_and_hidden_metadata(region):
    workbook = load_workbook(io.BytesIO(build_workbook(region)))
    assert workbook.sheetnames[:8] == [
        "Gemeenten",
        "Organisaties",
        "Personen",
        "Kaders",
        "Gremia",
        "Mandaten",
        "Lidmaatschappen",
        "Relaties",
    ]
    assert workbook["Werkmap"].sheet_state == "veryHidden"
    assert workbook["Werkmap"].protection.sheet
    meta = {row[0]: row[1] for row in workbook["Werkmap"].iter_rows(values_only=True)}
    assert meta["regio"] == region.slug and meta["stempel"] == snapshot(region)
    bodies = workbook["Gremia"]
    assert bodies.freeze_panes == "B2"
    assert bodies.column_dimensions["A"].hidden
    assert [cell.value for cell in bodies[1]][:5] == ["id", "Naam", "Korte naam", "Soort", "Niveau"]
    row = find_row(bodies, {"Naam": "Stamtafel"})
    assert bodies.cell(row=row, column=column("Gremia", "Soort")).value == "Stamtafel"
    assert bodies.cell(row=row, column=column("Gremia", "Rollen")).value == "Signaleren, Aanjagen"
    established = bodies.cell(row=row, column=column("Gremia", "Ingesteld op"))
    assert established.is_date and established.value.date() == date(2020, 1, 1)
    assert bodies.cell(row=row, column=1).value == Body.objects.get(name="Stamtafel").pk
    lists = [dv.formula1 for dv in bodies.data_validations.dataValidation]
    assert any("Keuzelijsten" in f for f in lists)
    seats = workbook["Lidmaatschappen"]
    assert any("'Personen'!$B$2" in dv.formula1 for dv in seats.data_validations.dataValidation)


def test_a_text_that_looks_like_a_formula_is_written_as_text(region):
    person = Person.objects.get(name="Jan Jansen")
    person.function = "=burgemeester"
    person.save()
    data = build_workbook(region)
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook["Personen"]
    cell = ws.cell(row=find_row(ws, {"Naam": "Jan Jansen"}), column=column("Personen", "Functie"))
    assert cell.data_type == "s"
    assert plan_for(region, data)["ops"] == []


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("https://x.invalid";"klik")', "+31 6 1234", "-2+3", "@SUM(A1)", "\tx"],
)
def test_a_text_a_spreadsheet_would_run_is_neutralised(region, text):
    """Formula injection: text starting with =, +, -, @ or a tab is a string cell with the
    quote prefix (Excel's leading apostrophe); the value is unchanged, so uploading the same
    file changes nothing."""
    person = Person.objects.get(name="Jan Jansen")
    person.function = text
    person.save()
    data = build_workbook(region)
    ws = load_workbook(io.BytesIO(data))["Personen"]
    cell = ws.cell(row=find_row(ws, {"Naam": "Jan Jansen"}), column=column("Personen", "Functie"))
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert plan_for(region, data)["ops"] == []


def test_the_template_has_the_sheets_but_no_rows(region):
    workbook = load_workbook(io.BytesIO(build_workbook(region, template=True)))
    assert all(workbook[name].max_row == 1 for name in workbook.sheetnames[:8])
    meta = {row[0]: row[1] for row in workbook["Werkmap"].iter_rows(values_only=True)}
    assert meta["soort"] == "sjabloon"


# --- round trip --------------------------------------------------------------------------


def test_export_then_import_of_the_same_file_changes_nothing(client_in, region):
    before = snapshot(region)
    data = client_in.get(
        reverse("governance:workbook_export", kwargs={"region": region.slug})
    ).content
    response = upload(client_in, region, data)
    assert response.status_code == 302
    page = client_in.get(preview_url(region)).content.decode()
    assert "Geen wijzigingen" in page
    assert "Bevestigen en opslaan" not in page
    assert snapshot(region) == before


def test_a_changed_workbook_gives_the_right_preview_and_data_with_history(
    client_in, region, secretary
):
    zutphen_chair = Membership.objects.get(role=c.MembershipRole.VOORZITTER)
    ggz_seat = Membership.objects.get(organisation__name="GGZ Oost")

    def change(workbook):
        append(
            workbook["Personen"],
            {
                "Naam": "Nieuwe Wethouder",
                "Functie": "wethouder van Lochem",
                "Soort functie": "Wethouder",
                "E-mailadres": "nw@example.nl",
            },
        )
        seats = workbook["Lidmaatschappen"]
        append(
            seats,
            {
                "Gremium": "Stamtafel",
                "Rol": "Portefeuillehouder",
                "Persoon": "Nieuwe Wethouder",
                "Gemeente": "Lochem",
                "Begin": date(2025, 1, 1),
            },
        )
        mandates = workbook["Mandaten"]
        row = find_row(mandates, {"Onderwerp": "Regionale aanpak"})
        mandates.cell(row=row, column=column("Mandaten", "Bevoegdheid"), value="Adviseren")
        mandates.cell(row=row, column=column("Mandaten", "Geldig tot"), value=date(2030, 1, 1))
        seats.delete_rows(find_row(seats, {"Organisatie": "GGZ Oost"}))

    data = edit(
        client_in.get(
            reverse("governance:workbook_export", kwargs={"region": region.slug})
        ).content,
        change,
    )
    assert upload(client_in, region, data).status_code == 302
    page = client_in.get(preview_url(region)).content.decode()
    assert (
        "<strong>2</strong> toegevoegd, <strong>1</strong> gewijzigd, <strong>1</strong> beëindigd"
        in page
    )
    assert "Nieuwe Wethouder" in page
    assert "Afstemmen" in page and "Adviseren" in page  # old → new
    assert "Werkgroep wonen: GGZ Oost (Lid)" in page
    assert "beëindigd" in page
    # Nothing is saved before the confirmation.
    assert not Person.objects.filter(name="Nieuwe Wethouder").exists()

    response = confirm(client_in, region)
    assert response.status_code == 302
    person = Person.objects.get(region=region, name="Nieuwe Wethouder")
    assert person.office == c.Office.WETHOUDER and person.email == "nw@example.nl"
    seat = Membership.objects.get(person=person)
    assert seat.role == c.MembershipRole.PORTEFEUILLEHOUDER
    assert seat.municipality.name == "Lochem" and seat.start == date(2025, 1, 1)
    mandate = Mandate.objects.get(subject="Regionale aanpak")
    assert mandate.power == c.Power.ADVISEREN and mandate.valid_to == date(2030, 1, 1)
    assert mandate.version == 2
    ggz_seat.refresh_from_db()
    assert ggz_seat.end == timezone.localdate()
    zutphen_chair.refresh_from_db()
    assert zutphen_chair.end is None and zutphen_chair.version == 1
    for obj in (person, seat, mandate, ggz_seat):
        assert obj.history.latest().history_user == secretary
    assert "werkmap" not in client_in.session


def test_a_template_filled_in_creates_the_structure(secretary):
    region = build_region("leeg")
    Body.objects.filter(region=region).delete()  # cascade: a region with no bodies
    data = build_workbook(region, template=True)

    def fill(workbook):
        append(
            workbook["Kaders"], {"Naam": "GR Veiligheid", "Soort": "Gemeenschappelijke regeling"}
        )
        append(
            workbook["Gremia"],
            {
                "Naam": "Algemeen bestuur",
                "Soort": "Algemeen bestuur (GR)",
                "Niveau": "Bestuurlijk",
                "Kader": "GR Veiligheid",
            },
        )
        append(
            workbook["Gremia"],
            {
                "Naam": "Dagelijks bestuur",
                "Soort": "Dagelijks bestuur (GR)",
                "Niveau": "Bestuurlijk",
            },
        )
        append(
            workbook["Relaties"],
            {
                "Van gremium": "Dagelijks bestuur",
                "Soort relatie": "legt verantwoording af aan",
                "Naar gremium": "Algemeen bestuur",
            },
        )
        append(
            workbook["Lidmaatschappen"],
            {"Gremium": "Algemeen bestuur", "Rol": "Voorzitter", "Persoon": "Petra de Vries"},
        )

    plan = plan_for(region, edit(data, fill))
    # A template ends nothing: persons already there stay, and the new rows are added.
    assert {op["action"] for op in plan["ops"]} == {"toegevoegd"}
    workbook_apply(region=region, plan=plan, user=secretary, today=timezone.localdate())
    body = Body.objects.get(region=region, name="Algemeen bestuur")
    assert body.framework.name == "GR Veiligheid"
    assert body.memberships.get().person.name == "Petra de Vries"
    assert body.relations_in.get().source.name == "Dagelijks bestuur"


# --- refusals, cell by cell --------------------------------------------------------------


def _set(sheet, match, header, value):
    def change(workbook):
        ws = workbook[sheet]
        ws.cell(row=find_row(ws, match), column=column(sheet, header), value=value)

    return change


def _add(sheet, values):
    def change(workbook):
        append(workbook[sheet], values)

    return change


REFUSALS = {
    "unknown municipality": (
        _set("Lidmaatschappen", {"Persoon": "Jan Jansen"}, "Gemeente", "Nergenshuizen"),
        ("Lidmaatschappen", "F", "Onbekende gemeente ‘Nergenshuizen’"),
    ),
    "end before start": (
        _set("Lidmaatschappen", {"Persoon": "Jan Jansen"}, "Einde per", date(2020, 1, 1)),
        ("Lidmaatschappen", "L", "De einddatum moet na de begindatum liggen"),
    ),
    "chair without a person": (
        _add(
            "Lidmaatschappen",
            {"Gremium": "Werkgroep wonen", "Rol": "Voorzitter", "Organisatie": "GGZ Oost"},
        ),
        ("Lidmaatschappen", "D", "Een voorzitter is een persoon"),
    ),
    "wrong code value": (
        _set("Gremia", {"Naam": "Stamtafel"}, "Soort", "Kookclub"),
        ("Gremia", "D", "‘Kookclub’ is geen keuze voor Soort"),
    ),
    "a formula": (
        _set("Personen", {"Naam": "Jan Jansen"}, "Functie", "=A1&B1"),
        ("Personen", "D", "bevat een formule; vul een waarde in"),
    ),
    "bad date": (
        _set("Mandaten", {"Onderwerp": "Regionale aanpak"}, "Geldig vanaf", "ooit"),
        ("Mandaten", "H", "‘ooit’ is geen geldige datum"),
    ),
    "duplicate key": (
        _add("Gemeenten", {"Naam": "Lochem"}),
        ("Gemeenten", "B", "‘Lochem’ staat al in rij"),
    ),
    "reference to a missing row": (
        _set("Relaties", {"Van gremium": "Werkgroep wonen"}, "Naar gremium", "Spooktafel"),
        ("Relaties", "D", "Onbekende gremium ‘Spooktafel’"),
    ),
    "a new body already in the region": (
        _add("Gremia", {"Naam": "Stamtafel", "Soort": "Stamtafel", "Niveau": "Bestuurlijk"}),
        ("Gremia", "B", "‘Stamtafel’ staat al in rij"),
    ),
    "a body ended in the workbook": (
        _set("Gremia", {"Naam": "Werkgroep wonen"}, "Status", "Opgeheven"),
        ("Gremia", "L", "Een gremium heft u op via de pagina van het gremium"),
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_errors_are_refused_cell_by_cell_and_change_nothing(client_in, region, case):
    change, (sheet, letter, message) = REFUSALS[case]
    before = snapshot(region)
    data = edit(build_workbook(region), change)
    response = upload(client_in, region, data)
    assert response.status_code == 400
    errors = response.context["errors"]
    assert any(e.sheet == sheet and e.column == letter and message in e.message for e in errors), [
        str(e) for e in errors
    ]
    assert "werkmap" not in client_in.session
    assert snapshot(region) == before
    assert "niets veranderd" in response.content.decode()


@pytest.mark.parametrize(
    "value",
    ["_x0000_", "a_x0001_b", "x" * 32_000],
    ids=["nul", "control", "huge cell"],
)
def test_hostile_cell_text_is_refused_or_cleaned_never_stored_raw(client_in, region, value):
    """A NUL or control character (written as Excel's _xHHHH_ escape) or a huge cell: a Dutch
    refusal, or text without the character — never a server error, on either database."""
    before = snapshot(region)
    data = edit(build_workbook(region), _set("Personen", {"Naam": "Jan Jansen"}, "Functie", value))
    response = upload(client_in, region, data)
    assert response.status_code in (200, 302, 400)
    if response.status_code == 400:
        assert snapshot(region) == before
    else:
        response = confirm(client_in, region)
        assert response.status_code in (200, 302, 400)
        function = Person.objects.get(name="Jan Jansen").function
        assert "\x00" not in function and "\x01" not in function


def test_a_25000_row_sheet_is_refused_from_its_dimension(region):
    def grow(workbook):
        ws = workbook["Personen"]
        for i in range(25_000):
            ws.append([None, None, f"Persoon {i}"])

    data = edit(build_workbook(region), grow)
    errors = refusal(region, data)
    assert len(errors) == 1
    assert errors[0].sheet == "Personen" and "25.002 rijen" in errors[0].message
    assert "ten hoogste 5.000" in errors[0].message


def test_a_sheet_without_a_dimension_is_read_only_up_to_the_limit(region):
    """Some programs write no dimension: the rows are then counted while streaming, and the
    sheet is refused at the first row past the limit."""
    import re

    def grow(workbook):
        ws = workbook["Personen"]
        for i in range(25_000):
            ws.append([None, None, f"Persoon {i}"])

    data = edit(build_workbook(region), grow)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension[^>]*/>", b"", content)
            target.writestr(item, content)
    errors = refusal(region, out.getvalue())
    assert len(errors) == 1
    assert errors[0].sheet == "Personen" and "Meer dan 5.000 rijen" in errors[0].message


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


NOT_XLSX = {
    "random bytes": (
        bytes(random.Random(19).randrange(256) for _ in range(4096)),
        "geen Excel-werkmap",
    ),
    "a CSV": (b"Naam;CBS-code\nZutphen;GM0301\n", "geen Excel-werkmap"),
    "an empty file": (b"", "leeg"),
    "an old .xls (OLE)": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, "geen Excel-werkmap"),
    "a zip that is no workbook": (_zip({"a.txt": "hallo"}), "geen Excel-werkmap"),
    "a zip bomb": (
        _zip(
            {
                "[Content_Types].xml": "x",
                "xl/workbook.xml": "x",
                "xl/bom.xml": "0" * (70 * 1024 * 1024),
            }
        ),
        "uitgepakt veel te groot",
    ),
    "a workbook without our sheets": (None, "ontbreekt"),
}


@pytest.mark.parametrize("case", list(NOT_XLSX))
def test_a_file_that_is_no_workbook_gets_a_dutch_error(client_in, region, case):
    data, message = NOT_XLSX[case]
    if data is None:
        from openpyxl import Workbook

        out = io.BytesIO()
        Workbook().save(out)
        data = out.getvalue()
    before = snapshot(region)
    response = upload(client_in, region, data, name="werkmap.xlsx")
    assert response.status_code == 400
    assert any(message in e.message for e in response.context["errors"]) or message in str(
        response.context["form"].errors
    ), response.context["errors"]
    assert snapshot(region) == before


def test_a_file_above_the_size_limit_is_refused(client_in, region):
    response = upload(client_in, region, b"PK" + b"0" * (5 * 1024 * 1024 + 10))
    assert response.status_code == 400
    assert "groter dan 5 MB" in response.content.decode()


# --- stale edits and other regions -------------------------------------------------------


def test_a_workbook_of_a_region_that_changed_since_the_download_is_refused(
    client_in, region, secretary
):
    data = build_workbook(region)
    person = Person.objects.get(name="Jan Jansen")
    person.function = "burgemeester van Zutphen"
    save_versioned(person, seen_version=person.version, user=secretary)
    response = upload(client_in, region, data)
    assert response.status_code == 400
    assert "De regio is gewijzigd sinds u de werkmap downloadde" in response.content.decode()


def test_a_change_between_preview_and_confirmation_is_refused(client_in, region, secretary):
    data = edit(
        build_workbook(region),
        _set("Personen", {"Naam": "Jan Jansen"}, "Functie", "oud-burgemeester"),
    )
    assert upload(client_in, region, data).status_code == 302
    other = Person.objects.get(name="Petra de Vries")
    other.email = "nieuw@example.nl"
    save_versioned(other, seen_version=other.version, user=secretary)
    before = snapshot(region)
    response = confirm(client_in, region)
    assert response.status_code == 302
    assert snapshot(region) == before
    assert Person.objects.get(name="Jan Jansen").function == "burgemeester"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("De regio is gewijzigd" in m for m in messages)


def test_the_service_refuses_a_stale_plan(region, secretary):
    plan = plan_for(
        region,
        edit(build_workbook(region), _set("Gemeenten", {"Naam": "Lochem"}, "CBS-code", "GM0262")),
    )
    Person.objects.filter(name="Jan Jansen").update(version=5)
    with pytest.raises(WorkbookApplyFailed):
        workbook_apply(region=region, plan=plan, user=secretary, today=timezone.localdate())


def test_an_id_of_another_region_is_refused_and_not_applied(client_in, region):
    other = build_region("west")
    foreign = Membership.objects.get(body__region=other, role=c.MembershipRole.VOORZITTER)

    def steal(workbook):
        ws = workbook["Lidmaatschappen"]
        ws.cell(row=find_row(ws, {"Rol": "Voorzitter"}), column=1, value=foreign.pk)

    before_other = snapshot(other)
    response = upload(client_in, region, edit(build_workbook(region), steal))
    assert response.status_code == 400
    errors = response.context["errors"]
    assert any(
        e.column == "A" and f"id {foreign.pk} is geen lidmaatschap van deze regio" in e.message
        for e in errors
    )
    assert snapshot(other) == before_other


def test_a_workbook_of_another_region_is_refused(client_in, region):
    other = build_region("west")
    response = upload(client_in, region, build_workbook(other))
    assert response.status_code == 400
    assert "hoort bij een andere regio" in response.content.decode()


def test_cancel_drops_the_plan(client_in, region):
    data = edit(build_workbook(region), _set("Personen", {"Naam": "Jan Jansen"}, "Functie", "x"))
    upload(client_in, region, data)
    token = client_in.session["werkmap"]["token"]
    response = client_in.post(preview_url(region), {"token": token, "actie": "annuleren"})
    assert response.status_code == 302
    assert "werkmap" not in client_in.session
    assert Person.objects.get(name="Jan Jansen").function == "burgemeester"


def test_a_wrong_token_applies_nothing(client_in, region):
    data = edit(build_workbook(region), _set("Personen", {"Naam": "Jan Jansen"}, "Functie", "x"))
    upload(client_in, region, data)
    client_in.post(preview_url(region), {"token": "vals", "actie": "bevestigen"})
    assert Person.objects.get(name="Jan Jansen").function == "burgemeester"


# --- random cell values never cause a 500 ------------------------------------------------

VALUES = [
    None,
    "",
    " ",
    "=1+1",
    "=SUM(A1:A3)",
    "#N/A",
    0,
    -1,
    3.5,
    10**12,
    True,
    False,
    date(1900, 1, 1),
    date(2999, 12, 31),
    "31-02-2024",
    "2024-13-01",
    "ja",
    "nee",
    "Voorzitter",
    "Stamtafel",
    "Zutphen",
    "x" * 400,
    "\u202e\u0000",
    "<script>",
    "Kookclub",
]


def test_random_cell_values_never_cause_a_server_error(client_in, region):
    rng = random.Random(1919)
    base = build_workbook(region)
    for _attempt in range(12):

        def scramble(workbook):
            for name in (
                "Gemeenten",
                "Personen",
                "Gremia",
                "Mandaten",
                "Lidmaatschappen",
                "Relaties",
            ):
                ws = workbook[name]
                for _ in range(4):
                    row = rng.randint(2, ws.max_row + 1)
                    col = rng.randint(1, ws.max_column)
                    value = rng.choice(VALUES)
                    if isinstance(value, str):
                        value = "".join(ch for ch in value if ch >= " " or ch in "\t\n")
                    ws.cell(row=row, column=col, value=value)

        response = upload(client_in, region, edit(base, scramble))
        assert response.status_code in (302, 400)
        if response.status_code == 302:
            assert client_in.get(preview_url(region)).status_code == 200


# --- reachable from the UI for the roles that may use it ---------------------------------


def test_links_follow_the_permissions(client, region, secretary):
    from tests.factories import RoleFactory, UserFactory

    vng = UserFactory(username="vng")
    RoleFactory(user=vng, role="vng_advisor", region=None)
    bestuurder = UserFactory(username="bestuurder")
    RoleFactory(user=bestuurder, role="bestuurder", region=region)
    export_page = reverse("governance:region_export_page", kwargs={"region": region.slug})
    download = reverse("governance:workbook_export", kwargs={"region": region.slug})
    upload_page = upload_url(region)

    client.force_login(secretary)
    page = client.get(region.get_absolute_url()).content.decode()
    assert upload_page in page
    page = client.get(export_page).content.decode()
    assert download in page and upload_page in page

    client.force_login(vng)
    page = client.get(export_page).content.decode()
    assert download in page and upload_page not in page
    assert upload_page not in client.get(region.get_absolute_url()).content.decode()
    assert client.get(download).status_code == 200

    client.force_login(bestuurder)
    assert upload_page not in client.get(region.get_absolute_url()).content.decode()
    assert client.get(download).status_code == 403


def test_more_changes_than_one_upload_may_apply_are_refused(client_in, region, monkeypatch):
    """A confirmation must fit in a web request: past MAX_CHANGES rows added, changed or
    ended, the upload is refused as a whole (and changes nothing)."""
    from governance.workbook import layout

    monkeypatch.setattr(layout, "MAX_CHANGES", 2)
    before = snapshot(region)
    data = client_in.get(
        reverse("governance:workbook_export", kwargs={"region": region.slug})
    ).content

    def add_three(workbook):
        for n in range(3):
            append(workbook["Personen"], {"Naam": f"Nieuwe persoon {n}"})

    response = upload(client_in, region, edit(data, add_three))
    assert response.status_code == 400
    assert "in één upload kan dat voor hoogstens 2" in response.content.decode()
    assert snapshot(region) == before

    def add_two(workbook):
        for n in range(2):
            append(workbook["Personen"], {"Naam": f"Nieuwe persoon {n}"})

    assert upload(client_in, region, edit(data, add_two)).status_code == 302
