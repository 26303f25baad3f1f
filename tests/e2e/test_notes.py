"""Personal notes in a real browser: a member opens the add-note form on the preparation page
(a <details>, no script needed), writes a note on a page of a stuk, sees it on the preparation
page and on Mijn notities; axe on both pages, on the note form with an error and on the
confirmation of "Alle notities verwijderen"."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.models import PersonalNote
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    RegionFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def world(db):
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    meeting = MeetingFactory(body=BodyFactory(region=region, name="Stamtafel"))
    item = AgendaItemFactory(meeting=meeting, title="Begroting 2027", order=1)
    AgendaItemFactory(meeting=meeting, title="Rondvraag", order=2)
    DocumentFactory(agenda_item=item, title="Begroting")
    user = UserFactory(username="bestuurder")
    user.set_password(PASSWORD)
    user.save()
    RoleFactory(user=user, role="bestuurder", region=region)
    return {"region": region, "meeting": meeting, "item": item, "user": user}


def test_member_writes_a_note_on_a_page_of_a_stuk(page, live_server, world, console_errors):
    login(page, live_server, "bestuurder", PASSWORD)
    prep = reverse("meeting_preparation", kwargs={"region": "nog", "pk": world["meeting"].pk})
    page.goto(live_server.url + prep)
    expect(page.get_by_role("heading", name="Stukken en mijn notities")).to_be_visible()
    expect(
        page.get_by_role("link", name="Lezen in de browser Begroting (opent in een nieuw tabblad)")
    ).to_be_visible()
    assert_no_axe_violations(page)
    block = page.locator(f"#notities-agendapunt-{world['item'].pk}")
    block.locator("summary").click()
    block.get_by_label("Bij", exact=True).select_option(label="Stuk: Begroting")
    block.get_by_label("Pagina (bij een stuk, niet verplicht)").fill("4")
    block.get_by_label("Notitie", exact=False).first.fill("Vraag over de dekking op pagina vier")
    with page.expect_navigation():
        block.get_by_role("button", name="Notitie opslaan bij agendapunt 1").click()
    expect(page.get_by_text("Uw notitie is opgeslagen.")).to_be_visible()
    expect(block.get_by_text("Bij ‘Begroting’, pagina 4")).to_be_visible()
    assert PersonalNote.objects.get().page == 4
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Mijn notities", exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name="Mijn notities")).to_be_visible()
    expect(page.get_by_text("Vraag over de dekking op pagina vier")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Wijzigen notitie bij Begroting 2027").click()
    page.get_by_label("Notitie").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Schrijf een notitie.").first).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + reverse("governance:my_notes_delete_all"))
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Alle notities verwijderen").click()
    expect(page.get_by_text("1 notitie is verwijderd.")).to_be_visible()
    assert not PersonalNote.objects.exists()
    assert not console_errors
