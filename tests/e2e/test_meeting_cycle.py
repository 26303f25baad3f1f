"""The whole meeting cycle in a real browser (issue 18), as the people who run it:

the secretary drafts the agenda (an item, a stuk uploaded) and offers it to the chair → the
chair approves it → a member reads the stuk in the browser and writes a note on it → the meeting
takes place; the secretary records attendance and the outcome with a verslag text → the
besluitenlijst as PDF → the secretary offers the minutes and the next meeting adopts them.
axe runs on every page on the way."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from governance.constants import AgendaState, MinutesState, Office
from governance.models import AgendaItem, Meeting, Minutes, PersonalNote
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    RegionFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"
STUK = Path(settings.BASE_DIR) / "demo" / "stukken" / "notitie-opvang-mensenhandel.pdf"


@pytest.fixture
def world(db):
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    users = {}
    for username, role in [
        ("secretaris", "secretary"),
        ("voorzitter", "bestuurder"),
        ("lid", "bestuurder"),
    ]:
        users[username] = UserFactory(username=username)
        RoleFactory(user=users[username], role=role, region=region)
    body = BodyFactory(
        region=region, name="Stamtafel zorg en veiligheid", established_on=date(2022, 1, 1)
    )
    seats = {}
    for username, name, role in [
        ("voorzitter", "Anne Voorzitter", "voorzitter"),
        ("lid", "Lex Lid", "lid"),
    ]:
        person = PersonFactory(
            region=region, name=name, office=Office.WETHOUDER, user=users[username]
        )
        seats[username] = MembershipFactory(body=body, person=person, role=role)
    meeting = MeetingFactory(
        body=body,
        starts_at=timezone.now() + timedelta(days=10),
        agenda_state=AgendaState.CONCEPT,
    )
    following = MeetingFactory(body=body, starts_at=timezone.now() + timedelta(days=70))
    return {"region": region, "meeting": meeting, "following": following}


def _url(name, **kwargs):
    return reverse(name, kwargs={"region": "nog", **kwargs})


def _as(page, live_server, username):
    page.context.clear_cookies()
    login(page, live_server, username, PASSWORD)


def test_the_whole_cycle(page, live_server, world, console_errors):
    meeting, following = world["meeting"], world["following"]
    base = live_server.url
    meeting_url = base + _url("governance:meeting", pk=meeting.pk)

    # The secretary drafts the agenda: one item, one stuk, and offers it to the chair.
    _as(page, live_server, "secretaris")
    page.goto(base + _url("governance:agendaitem_add", pk=meeting.pk))
    page.get_by_label("Titel (verplicht)").fill("Aanpak dagbesteding")
    page.get_by_label("Soort (verplicht)").select_option("besluiten")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    item = AgendaItem.objects.get(meeting=meeting)
    page.goto(base + _url("governance:document_add", obj=item.pk))
    assert_no_axe_violations(page)
    page.get_by_label("Titel (verplicht)").fill("Notitie dagbesteding")
    page.get_by_label("Bestand (verplicht)").set_input_files(str(STUK))
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name="Notitie dagbesteding").first).to_be_visible()
    page.goto(base + _url("governance:agenda_submit", pk=meeting.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Aanbieden aan de voorzitter").click()
    assert Meeting.objects.get(pk=meeting.pk).agenda_state == AgendaState.TER_VASTSTELLING

    # A member still sees "agenda volgt".
    _as(page, live_server, "lid")
    page.goto(meeting_url)
    expect(page.get_by_text("Agenda volgt.")).to_be_visible()
    expect(page.get_by_text("Aanpak dagbesteding")).to_have_count(0)

    # The chair approves it from the meeting page.
    _as(page, live_server, "voorzitter")
    page.goto(meeting_url)
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Agenda vaststellen").click()
    expect(page.get_by_text("De agenda is vastgesteld en verzonden.")).to_be_visible()

    # The member reads the stuk in the browser and writes a note on page 2 of it.
    _as(page, live_server, "lid")
    page.goto(base + _url("meeting_preparation", pk=meeting.pk))
    assert_no_axe_violations(page)
    read = page.get_by_role("link", name="Lezen in de browser Notitie dagbesteding").first
    response = page.request.get(base + read.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.body().startswith(b"%PDF")
    block = page.locator(f"#notities-agendapunt-{item.pk}")
    block.locator("summary").click()
    block.get_by_label("Bij", exact=True).select_option(label="Stuk: Notitie dagbesteding")
    block.get_by_label("Pagina (bij een stuk, niet verplicht)").fill("2")
    block.get_by_label("Notitie", exact=False).first.fill("Vragen over de kosten per deelnemer")
    with page.expect_navigation():
        block.get_by_role("button", name="Notitie opslaan bij agendapunt 1").click()
    expect(page.get_by_text("Uw notitie is opgeslagen.")).to_be_visible()
    assert PersonalNote.objects.get().page == 2

    # The meeting takes place. The secretary records attendance and the outcome.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), status="gehouden"
    )
    _as(page, live_server, "secretaris")
    page.goto(meeting_url)
    expect(page.get_by_text("Vragen over de kosten per deelnemer")).to_have_count(0)
    page.goto(base + _url("governance:attendance", pk=meeting.pk))
    page.get_by_label("Aanwezigheid van Anne Voorzitter").select_option("aanwezig")
    page.get_by_label("Aanwezigheid van Lex Lid").select_option("afwezig_met_bericht")
    with page.expect_navigation():
        page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.locator(".alert--success")).to_be_visible()
    page.goto(base + _url("governance:agendaitem_decide", obj=item.pk))
    assert_no_axe_violations(page)
    page.locator("#id_outcome").fill("Pilot dagbesteding in twee gemeenten.")
    page.locator("#id_minutes_text").fill("De partners steunen de pilot.")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_text("Pilot dagbesteding in twee gemeenten.").first).to_be_visible()

    # The besluitenlijst as a tagged PDF; the verslag page with the attendance.
    pdf = page.request.get(
        base + reverse("reports:besluitenlijst_pdf", kwargs={"region": "nog", "pk": meeting.pk})
    )
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    page.goto(base + reverse("reports:verslag", kwargs={"region": "nog", "pk": meeting.pk}))
    expect(page.get_by_text("De partners steunen de pilot.")).to_be_visible()
    expect(page.get_by_text("Anne Voorzitter").first).to_be_visible()
    assert_no_axe_violations(page)

    # The secretary offers the minutes; the next meeting adopts them.
    page.goto(base + _url("governance:minutes_offer", pk=meeting.pk))
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Verslag aanbieden").click()
    adoption = AgendaItem.objects.get(meeting=following, adopts_minutes_of=meeting)
    page.goto(base + _url("governance:meeting", pk=following.pk))
    expect(page.get_by_role("link", name="Concept verslag")).to_be_visible()
    page.goto(base + _url("governance:agendaitem_decide", obj=adoption.pk))
    page.locator("#id_outcome").fill("Vastgesteld zonder wijzigingen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitkomst opslaan").click()
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.state == MinutesState.VASTGESTELD
    assert minutes.adopted_on_item == adoption

    # Adopted minutes are final: the outcome of the adopted meeting can no longer be changed.
    page.goto(base + _url("governance:agendaitem_decide", obj=item.pk))
    page.locator("#id_outcome").fill("Iets anders.")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Uitkomst opslaan").click()
    assert answer.value.status == 400
    expect(page.get_by_text("Het verslag is vastgesteld").first).to_be_visible()
    assert AgendaItem.objects.get(pk=item.pk).outcome == "Pilot dagbesteding in twee gemeenten."
    assert console_errors == []
