"""Personal notes on agenda items and stukken: adding, changing (with a check against a save in
another tab), deleting, "Mijn notities" and "Alle notities verwijderen"; the refusals; another
user's note is a 404 for every role; the notes go away with the account."""

from __future__ import annotations

import pytest
from django.urls import reverse

from governance.models import PersonalNote
from governance.services.notes import seen_value
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(region):
    meeting = MeetingFactory(body=BodyFactory(region=region))
    item = AgendaItemFactory(meeting=meeting, title="Begroting 2027")
    other_item = AgendaItemFactory(meeting=meeting, title="Rondvraag")
    return {
        "meeting": meeting,
        "item": item,
        "document": DocumentFactory(agenda_item=item, title="Begroting"),
        "other_item": other_item,
        "other_document": DocumentFactory(agenda_item=other_item, title="Ander stuk"),
    }


def url(name, region, **kwargs):
    return reverse(f"governance:{name}", kwargs={"region": region.slug, **kwargs})


def add_url(region, item):
    return url("note_add", region, obj=item.pk)


def note_of(user, item, text="Vraag over de dekking", **kwargs) -> PersonalNote:
    return PersonalNote.objects.create(user=user, agenda_item=item, text=text, **kwargs)


# Adding


def test_member_adds_a_note_on_the_item_and_one_on_a_page_of_a_stuk(
    client, region, world, bestuurder
):
    client.force_login(bestuurder)
    response = client.post(add_url(region, world["item"]), {"text": "Eerst lezen", "document": ""})
    prep = reverse("meeting_preparation", kwargs={"region": region.slug, "pk": world["meeting"].pk})
    assert response.status_code == 302
    assert response["Location"] == f"{prep}#notities-agendapunt-{world['item'].pk}"
    response = client.post(
        add_url(region, world["item"]),
        {"text": "Tabel klopt niet", "document": world["document"].pk, "page": "3"},
    )
    assert response.status_code == 302
    on_item, on_page = PersonalNote.objects.order_by("pk")
    assert (on_item.user, on_item.document, on_item.page) == (bestuurder, None, None)
    assert (on_page.document, on_page.page, on_page.text) == (
        world["document"],
        3,
        "Tabel klopt niet",
    )
    page = client.get(prep).content.decode()
    assert "Eerst lezen" in page and "Tabel klopt niet" in page and "pagina 3" in page


def test_the_add_form_page_works_without_javascript(client, region, world, bestuurder):
    client.force_login(bestuurder)
    response = client.get(add_url(region, world["item"]) + f"?stuk={world['document'].pk}")
    assert response.status_code == 200
    assert f'<option value="{world["document"].pk}" selected' in response.content.decode()
    for stuk in ("abc", "9" * 40, "\x00", "-1"):
        assert client.get(add_url(region, world["item"]), {"stuk": stuk}).status_code == 200


LONG = "x" * 10_001


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"text": ""}, "Schrijf een notitie."),
        ({"text": "   "}, "Schrijf een notitie."),
        ({"text": "a\x00b"}, "ongeldig teken (NUL)"),
        ({"text": LONG}, "ten hoogste 10.000 tekens"),
        (
            {"text": "t", "document": "DOC", "page": "0"},
            "Kies een pagina van 1 tot en met 100.000.",
        ),
        ({"text": "t", "document": "DOC", "page": "100001"}, "Kies een pagina van 1"),
        ({"text": "t", "document": "DOC", "page": str(2**64)}, "Kies een pagina van 1"),
        ({"text": "t", "document": "DOC", "page": "9" * 5000}, "Vul een paginanummer in"),
        ({"text": "t", "document": "DOC", "page": "drie"}, "Vul een paginanummer in"),
        ({"text": "t", "document": "DOC", "page": "\x00"}, "Vul een paginanummer in"),
        ({"text": "t", "page": "3"}, "Een paginanummer hoort bij een stuk"),
        ({"text": "t", "document": "OTHER"}, "Kies het agendapunt of een van zijn stukken."),
        ({"text": "t", "document": str(2**64)}, "Kies het agendapunt of een van zijn stukken."),
        ({"text": "t", "document": "\x00"}, "Kies het agendapunt of een van zijn stukken."),
    ],
)
def test_add_refusals_are_dutch_and_save_nothing(
    client, region, world, bestuurder, data, field_message
):
    data = dict(data)
    if data.get("document") == "DOC":
        data["document"] = world["document"].pk
    if data.get("document") == "OTHER":
        data["document"] = world["other_document"].pk  # a stuk of another agenda item
    client.force_login(bestuurder)
    response = client.post(add_url(region, world["item"]), data)
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not PersonalNote.objects.exists()


def test_no_note_before_the_agenda_is_out_except_secretary_and_chair(
    client, region, world, bestuurder, secretary, vng_advisor, staff_user
):
    meeting = world["meeting"]
    meeting.agenda_state = "concept"
    meeting.save()
    for user in (bestuurder, vng_advisor, staff_user):
        client.force_login(user)
        assert client.post(add_url(region, world["item"]), {"text": "t"}).status_code == 403
    client.force_login(secretary)
    assert client.post(add_url(region, world["item"]), {"text": "t"}).status_code == 302
    assert list(PersonalNote.objects.values_list("user", flat=True)) == [secretary.pk]


# Changing and deleting


def test_author_changes_a_note_and_a_save_in_another_tab_is_not_overwritten(
    client, region, world, bestuurder
):
    note = note_of(bestuurder, world["item"], text="Eerste versie")
    client.force_login(bestuurder)
    edit = url("note_edit", region, obj=note.pk)
    form = client.get(edit)
    assert form.status_code == 200 and "Eerste versie" in form.content.decode()
    seen = seen_value(note)
    # Another tab saves first.
    assert client.post(edit, {"text": "Tweede tab", "seen": seen}).status_code == 302
    response = client.post(edit, {"text": "Eerste tab", "seen": seen})
    assert response.status_code == 400
    page = response.content.decode()
    assert "in een ander venster of tabblad gewijzigd" in page
    assert "Tweede tab" in page  # the saved text, shown above the form
    note.refresh_from_db()
    assert note.text == "Tweede tab"
    # Saving again is a deliberate choice, with the current value.
    response = client.post(edit, {"text": "Eerste tab", "seen": seen_value(note)})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Eerste tab"
    for bad_seen in ("", "\x00", "x" * 500):
        assert client.post(edit, {"text": "Nog eens", "seen": bad_seen}).status_code == 400
    note.refresh_from_db()
    assert note.text == "Eerste tab"


def test_author_moves_a_note_to_a_page_of_a_stuk(client, region, world, bestuurder):
    note = note_of(bestuurder, world["item"])
    client.force_login(bestuurder)
    response = client.post(
        url("note_edit", region, obj=note.pk),
        {
            "text": "Zie tabel",
            "document": world["document"].pk,
            "page": "12",
            "seen": seen_value(note),
        },
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.document, note.page, note.text) == (world["document"], 12, "Zie tabel")


def test_author_deletes_a_note_after_confirmation(client, region, world, bestuurder):
    note = note_of(bestuurder, world["item"])
    keep = note_of(bestuurder, world["other_item"])
    client.force_login(bestuurder)
    delete = url("note_delete", region, obj=note.pk)
    assert client.get(delete).status_code == 200
    assert PersonalNote.objects.filter(pk=note.pk).exists()
    assert client.post(delete).status_code == 302
    assert list(PersonalNote.objects.all()) == [keep]


def test_another_users_note_is_not_found_for_every_role(
    client, region, world, bestuurder, secretary, participant, vng_advisor, staff_user
):
    note = note_of(bestuurder, world["item"], text="Alleen van mij")
    superuser = UserFactory(username="super", is_staff=True, is_superuser=True)
    chair = UserFactory(username="voorzitter")
    RoleFactory(user=chair, role="bestuurder", region=region)
    for user in (secretary, participant, vng_advisor, staff_user, superuser, chair):
        client.force_login(user)
        for name in ("note_edit", "note_delete"):
            target = url(name, region, obj=note.pk)
            assert client.get(target).status_code == 404, (user, name)
            response = client.post(target, {"text": "Overschreven", "seen": seen_value(note)})
            assert response.status_code == 404, (user, name)
    note.refresh_from_db()
    assert note.text == "Alleen van mij"


@pytest.mark.parametrize("pk", ["0", "99999999999999999999", "18446744073709551616"])
def test_malformed_ids_are_not_found(client, region, world, bestuurder, pk):
    client.force_login(bestuurder)
    for path in (
        f"/regio/{region.slug}/notities/{pk}/bewerken/",
        f"/regio/{region.slug}/notities/{pk}/verwijderen/",
        f"/regio/{region.slug}/agendapunten/{pk}/notities/nieuw/",
        f"/regio/{region.slug}/stukken/{pk}/lezen/",
    ):
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"text": "t"}).status_code in (404, 405), path
    for path in ("/regio/test/notities/1e3/bewerken/", "/regio/test/notities/-1/verwijderen/"):
        assert client.get(path).status_code == 404


# Mijn notities


def test_my_notes_grouped_by_meeting_and_delete_all_deletes_only_mine(
    client, region, world, bestuurder, participant
):
    later = MeetingFactory(body=world["meeting"].body, title="Latere vergadering")
    later_item = AgendaItemFactory(meeting=later, title="Werkagenda")
    note_of(bestuurder, world["item"], text="Notitie een")
    note_of(bestuurder, world["item"], text="Notitie twee", document=world["document"], page=4)
    note_of(bestuurder, later_item, text="Notitie drie")
    theirs = note_of(participant, world["item"], text="Van een ander")
    client.force_login(bestuurder)
    page = client.get(reverse("governance:my_notes")).content.decode()
    for text in ("Notitie een", "Notitie twee", "Notitie drie", "pagina 4", "Latere vergadering"):
        assert text in page
    assert "Van een ander" not in page
    assert page.count('class="note"') == 3
    home = client.get(reverse("home")).content.decode()
    assert reverse("governance:my_notes") in home  # the account menu links to it
    confirm = client.get(reverse("governance:my_notes_delete_all"))
    assert "U heeft 3 persoonlijke notities" in confirm.content.decode()
    response = client.post(reverse("governance:my_notes_delete_all"), follow=True)
    assert "3 notities zijn verwijderd." in response.content.decode()
    assert list(PersonalNote.objects.all()) == [theirs]


def test_notes_in_a_region_the_user_left_are_counted_and_deleted_with_all(
    client, region, world, bestuurder
):
    note_of(bestuurder, world["item"], text="Oude notitie")
    bestuurder.role_assignments.all().delete()
    client.force_login(bestuurder)
    page = client.get(reverse("governance:my_notes")).content.decode()
    assert "Oude notitie" not in page and "1 notitie bij vergaderingen" in page
    client.post(reverse("governance:my_notes_delete_all"))
    assert not PersonalNote.objects.exists()


def test_notes_go_away_with_the_account(region, world, bestuurder, participant):
    note_of(bestuurder, world["item"])
    note_of(bestuurder, world["item"], document=world["document"], page=1)
    kept = note_of(participant, world["item"])
    bestuurder.delete()
    assert list(PersonalNote.objects.all()) == [kept]


def test_meeting_page_counts_the_authors_notes_and_links_to_them(client, region, world, bestuurder):
    note_of(bestuurder, world["item"], text="Geheime gedachte")
    client.force_login(bestuurder)
    page = client.get(url("meeting", region, pk=world["meeting"].pk)).content.decode()
    assert "Mijn notities bij dit agendapunt (1)" in page
    assert f"#notities-agendapunt-{world['item'].pk}" in page
    assert "Geheime gedachte" not in page  # the meeting page shows the number, not the text
    assert (
        reverse(
            "governance:document_read", kwargs={"region": region.slug, "obj": world["document"].pk}
        )
        in page
    )


# Query counts


def _notes(user, world, n):
    PersonalNote.objects.bulk_create(
        PersonalNote(
            user=user,
            agenda_item=world["item"] if i % 2 else world["other_item"],
            document=world["document"] if i % 3 == 0 and i % 2 else None,
            page=i if i % 3 == 0 and i % 2 else None,
            text=f"Notitie {i}",
        )
        for i in range(n)
    )


@pytest.mark.parametrize(
    "name", ["meeting_preparation", "governance:my_notes", "governance:meeting"]
)
def test_query_counts_do_not_grow_with_notes(
    client, region, world, bestuurder, django_assert_max_num_queries, name
):
    client.force_login(bestuurder)
    if name == "governance:my_notes":
        target = reverse(name)
    else:
        target = reverse(name, kwargs={"region": region.slug, "pk": world["meeting"].pk})
    counts = []
    for total in (2, 30):
        PersonalNote.objects.all().delete()
        _notes(bestuurder, world, total)
        client.get(target)  # warm up the session
        with django_assert_max_num_queries(60) as captured:
            response = client.get(target)
            assert response.status_code == 200
        assert response.content.decode().count('class="note"') == (
            total if name != "governance:meeting" else 0
        )
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
