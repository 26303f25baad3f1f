"""Privacy of personal notes: a note's text is found nowhere but on its author's own pages.

A member writes notes (through the pages, so that any audit line is written as in real use)
with a unique marker; then every page around that meeting and region that the secretary, the
beheerder (staff and superuser, the Django admin included), the VNG advisor and another member
can reach is read — HTML, JSON, CSV and PDF — and must not hold the marker. The author's own
preparation, Mijn notities and printed preparation "met mijn notities" do; without that option
the printed preparation does not."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import AuditEvent
from governance.models import PersonalNote
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    UserFactory,
)
from tests.reports.pdf_helpers import pdf_text

pytestmark = pytest.mark.django_db

MARK = "mrkprivenotitie"
DOC_MARK = "mrkpaginanotitie"


def content(response) -> str:
    data = b"".join(response) if getattr(response, "streaming", False) else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(data)
    return data.decode("utf-8", "replace")


@pytest.fixture
def world(client, region, bestuurder):
    body = BodyFactory(region=region, name="Stamtafel")
    meeting = MeetingFactory(body=body, title="Stamtafel juni")
    item = AgendaItemFactory(meeting=meeting, title="Begroting 2027")
    document = DocumentFactory(agenda_item=item, title="Begroting")
    client.force_login(bestuurder)
    add = reverse("governance:note_add", kwargs={"region": region.slug, "obj": item.pk})
    assert client.post(add, {"text": f"{MARK} over de dekking"}).status_code == 302
    response = client.post(add, {"text": f"{DOC_MARK} tabel", "document": document.pk, "page": "7"})
    assert response.status_code == 302
    note = PersonalNote.objects.get(text__startswith=MARK)
    edit = reverse("governance:note_edit", kwargs={"region": region.slug, "obj": note.pk})
    from governance.services.notes import seen_value

    client.post(edit, {"text": f"{MARK} over de dekking (bijgewerkt)", "seen": seen_value(note)})
    read = reverse("governance:document_read", kwargs={"region": region.slug, "obj": document.pk})
    b"".join(client.get(read))
    client.logout()
    return {"body": body, "meeting": meeting, "item": item, "document": document, "note": note}


def _pages(region, world, *, pdf: bool) -> list[str]:
    r = {"region": region.slug}
    m = {**r, "pk": world["meeting"].pk}
    prep = reverse("reports:voorbereiding", kwargs=m)
    prep_pdf = reverse("reports:voorbereiding_pdf", kwargs=m)
    return [
        reverse("home"),
        reverse("preparation"),
        reverse("governance:region", kwargs=r),
        reverse("governance:meeting_list", kwargs=r),
        reverse("governance:meeting", kwargs=m),
        reverse("meeting_preparation", kwargs=m),
        reverse("governance:my_notes"),
        reverse("governance:my_notes_delete_all"),
        prep,
        prep + "?notities=on",
        *([prep_pdf, prep_pdf + "?notities=on"] if pdf else []),
        reverse("reports:index", kwargs=r),
        reverse("reports:werkagenda", kwargs=r),
        reverse("governance:region_export", kwargs=r),
        reverse("governance:werkagenda_csv", kwargs=r),
        reverse("checklist:export_csv", kwargs=r),
        reverse("casereflection:reflection_csv", kwargs=r),
        reverse("governance:body_history", kwargs={**r, "pk": world["body"].pk}),
        reverse("governance:note_edit", kwargs={**r, "obj": world["note"].pk}),
        reverse("governance:note_delete", kwargs={**r, "obj": world["note"].pk}),
        reverse("accounts:audit_log"),
        reverse("accounts:audit_log_csv"),
        reverse("permissions"),
    ]


def _admin_pages(world, author) -> list[str]:
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    meeting = world["meeting"]
    pages += [
        reverse("admin:governance_meeting_change", args=[meeting.pk]),
        reverse("admin:governance_meeting_history", args=[meeting.pk]),
        reverse("admin:auth_user_change", args=[author.pk]),
        reverse("admin:auth_user_delete", args=[author.pk]),
    ]
    return pages


def test_personal_notes_are_not_in_the_admin():
    assert PersonalNote not in admin.site._registry


def test_nobody_but_the_author_finds_the_text_of_a_note(
    client, region, world, bestuurder, secretary, participant, vng_advisor, staff_user
):
    superuser = UserFactory(username="super", is_staff=True, is_superuser=True)
    readers = [secretary, participant, vng_advisor, staff_user, superuser]
    seen_ok = 0
    for user in readers:
        client.force_login(user)
        # Rendering PDFs is slow: two readers of different kinds read them.
        pages = _pages(region, world, pdf=user in (secretary, superuser))
        if user is superuser:
            pages += _admin_pages(world, bestuurder)
        for page in pages:
            response = client.get(page)
            if response.status_code == 200:
                seen_ok += 1
            text = content(response)
            assert MARK not in text and DOC_MARK not in text, (user.username, page)
    assert seen_ok > 50  # most pages were actually read, not refused
    # Neither the audit log nor a note's name in logs holds the text.
    assert AuditEvent.objects.filter(kind="document_viewed").exists()
    for event in AuditEvent.objects.all():
        assert MARK not in f"{event.target} {event.detail}"
    assert MARK not in str(world["note"]) and MARK not in repr(world["note"])


def test_the_author_finds_their_notes_on_their_own_pages_only(client, region, world, bestuurder):
    client.force_login(bestuurder)
    m = {"region": region.slug, "pk": world["meeting"].pk}
    for page in (reverse("meeting_preparation", kwargs=m), reverse("governance:my_notes")):
        text = client.get(page).content.decode()
        assert MARK in text and DOC_MARK in text, page
    # The printed preparation: only when asked for ("met mijn notities"), page and PDF.
    prep = reverse("reports:voorbereiding", kwargs=m)
    prep_pdf = reverse("reports:voorbereiding_pdf", kwargs=m)
    assert MARK not in content(client.get(prep))
    assert MARK not in content(client.get(prep_pdf))
    page = client.get(prep + "?notities=on").content.decode()
    assert MARK in page and DOC_MARK in page and "pagina 7" in page
    assert f"{prep_pdf}?notities=on" in page  # the PDF link keeps the choice
    text = content(client.get(prep_pdf + "?notities=on"))
    assert MARK in text and DOC_MARK in text and "Mijn notities" in text


def test_another_members_printed_preparation_with_notes_holds_only_their_own(
    client, region, world, participant
):
    PersonalNote.objects.create(user=participant, agenda_item=world["item"], text="mrkvandeelnemer")
    client.force_login(participant)
    m = {"region": region.slug, "pk": world["meeting"].pk}
    text = content(client.get(reverse("reports:voorbereiding_pdf", kwargs=m) + "?notities=on"))
    assert "mrkvandeelnemer" in text and MARK not in text


def test_the_report_option_refuses_garbage(client, region, world, bestuurder):
    client.force_login(bestuurder)
    prep = reverse(
        "reports:voorbereiding", kwargs={"region": region.slug, "pk": world["meeting"].pk}
    )
    for value in ("\x00", "a" * 5000, "99999999999999999999"):
        response = client.get(prep, {"notities": value})
        assert response.status_code in (200, 400)
