"""Vergaderstukken: upload checked by content, stored under a name of our own, served only
through the download views to the people of the region, with a safe name; replacing keeps the
earlier version downloadable."""

import io
import re
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from governance.models import Document
from governance.uploads import MAX_DOCUMENT_BYTES
from tests.factories import (
    PDF_BYTES,
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def zip_of(*members: tuple[str, bytes], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for i, (name, data) in enumerate(members):
            kind = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return buffer.getvalue()


DOCX_BYTES = zip_of(("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", b"<w:document/>"))
XLSX_BYTES = zip_of(("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", b"<workbook/>"))
ODT_BYTES = zip_of(
    ("mimetype", ODT_TYPE.encode()), ("content.xml", b"<office:document/>"), stored_first=True
)


def upload(name: str, content: bytes):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


@pytest.fixture
def item(region):
    return AgendaItemFactory(meeting=MeetingFactory(body=BodyFactory(region=region)))


def url(name, region, **kwargs):
    return reverse(f"governance:{name}", kwargs={"region": region.slug, **kwargs})


def read(response) -> bytes:
    # The test client closes the streamed file once the content is consumed. Calling
    # response.close() here would send request_finished again, which closes the database
    # connection (fatal on PostgreSQL inside a test transaction).
    return b"".join(response.streaming_content)


# Upload


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Agenda Stamtafel.pdf", PDF_BYTES, "application/pdf"),
        ("Notitie.docx", DOCX_BYTES, DOCX_TYPE),
        ("Begroting.XLSX", XLSX_BYTES, XLSX_TYPE),
        ("Verslag.odt", ODT_BYTES, ODT_TYPE),
    ],
)
def test_accepted_types_are_stored_under_our_own_name(
    client, secretary, region, item, name, content, content_type
):
    client.force_login(secretary)
    response = client.post(
        url("document_add", region, obj=item.pk),
        {"title": "Stuk", "file": upload(name, content)},
    )
    assert response.status_code == 302, response.content.decode()
    assert response["Location"].endswith(f"#agendapunt-{item.pk}")
    doc = Document.objects.get(agenda_item=item)
    assert doc.content_type == content_type and doc.size == len(content)
    assert doc.original_name == name and doc.uploaded_by == secretary
    # The stored name is ours: a random hex name with the real extension, never the
    # uploader's file name.
    stem = name.rsplit(".", 1)[0]
    assert stem not in doc.file.name and stem.lower() not in doc.file.name
    assert re.fullmatch(
        r"vergaderstukken/\d{4}/\d{2}/[0-9a-f]{32}\." + name.rsplit(".", 1)[1].lower(),
        doc.file.name,
    )
    with default_storage.open(doc.file.name, "rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, "Alleen PDF, DOCX, XLSX of ODT"),
        ("verslag.pdf", DOCX_BYTES, "De naam zegt PDF, maar de inhoud is Word (DOCX)."),
        ("notitie.docx", PDF_BYTES, "De naam zegt Word (DOCX), maar de inhoud is PDF."),
        ("aantekeningen.pdf", b"Gewoon een tekstbestand.\n", "geen PDF, DOCX, XLSX of ODT"),
        ("archief.docx", zip_of(("readme.txt", b"hallo")), "geen PDF, DOCX, XLSX of ODT"),
        ("leeg.pdf", b"", "leeg"),
    ],
)
def test_refused_uploads_get_an_error_next_to_the_file_field(
    client, secretary, region, item, name, content, message
):
    client.force_login(secretary)
    response = client.post(
        url("document_add", region, obj=item.pk), {"title": "Stuk", "file": upload(name, content)}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_file-fout"' in html and message in html
    assert not Document.objects.exists()


def test_a_file_over_20_mb_is_refused(client, secretary, region, item, tmp_path):
    # A sparse file: 20 MB + 1 byte on paper, almost nothing on disk.
    big = tmp_path / "groot.pdf"
    with big.open("wb") as handle:
        handle.write(PDF_BYTES)
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    client.force_login(secretary)
    with big.open("rb") as handle:
        response = client.post(
            url("document_add", region, obj=item.pk), {"title": "Groot", "file": handle}
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_file-fout"' in html and "het maximum is 20 MB" in html
    assert not Document.objects.exists()


def test_upload_form_tells_what_is_accepted(client, secretary, region, item):
    client.force_login(secretary)
    html = client.get(url("document_add", region, obj=item.pk)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'accept=".pdf,.docx,.xlsx,.odt"' in html
    assert "PDF, DOCX, XLSX of ODT, max 20 MB" in html


def test_only_the_secretary_uploads(client, participant, region, item):
    client.force_login(participant)
    response = client.post(
        url("document_add", region, obj=item.pk),
        {"title": "Stuk", "file": upload("a.pdf", PDF_BYTES)},
    )
    assert response.status_code == 403 and not Document.objects.exists()


# Download


def test_download_is_an_attachment_with_a_safe_name(client, participant, region, item):
    doc = DocumentFactory(agenda_item=item, title='Notulen "concept" / versie 2 — één\\..')
    client.force_login(participant)
    response = client.get(url("document_download", region, obj=doc.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="notulen-concept-versie-2-een.pdf"'
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert read(response) == PDF_BYTES


def test_who_may_download(
    client,
    secretary,
    bestuurder,
    participant,
    vng_advisor,
    staff_user,
    other_secretary,
    region,
    item,
):
    doc = DocumentFactory(agenda_item=item)
    target = url("document_download", region, obj=doc.pk)
    for user, status in [
        (secretary, 200),
        (bestuurder, 200),
        (participant, 200),
        (vng_advisor, 403),
        (staff_user, 403),
        (other_secretary, 404),
    ]:
        client.force_login(user)
        response = client.get(target)
        assert response.status_code == status, user
        if status == 200:
            read(response)
    client.logout()
    assert client.get(target).status_code == 302  # to the login page


def test_a_file_missing_on_disk_is_not_found(client, participant, region, item):
    doc = DocumentFactory(agenda_item=item)
    default_storage.delete(doc.file.name)
    client.force_login(participant)
    assert client.get(url("document_download", region, obj=doc.pk)).status_code == 404


def test_media_is_not_served_by_url(client, participant, region, item):
    doc = DocumentFactory(agenda_item=item)
    client.force_login(participant)
    for path in (f"/media/{doc.file.name}", f"/{doc.file.name}"):
        assert client.get(path).status_code == 404


# Replace and earlier versions


def test_replacing_keeps_the_earlier_version(client, secretary, participant, region, item):
    client.force_login(secretary)
    client.post(
        url("document_add", region, obj=item.pk),
        {"title": "Concept werkagenda", "file": upload("concept.pdf", PDF_BYTES)},
    )
    doc = Document.objects.get()
    first_name = doc.file.name
    response = client.post(
        url("document_replace", region, obj=doc.pk),
        {
            "title": "Werkagenda definitief",
            "file": upload("definitief.docx", DOCX_BYTES),
            "seen_version": doc.version,
        },
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.title == "Werkagenda definitief" and doc.content_type == DOCX_TYPE
    assert doc.file.name != first_name and doc.file.name.endswith(".docx")
    assert default_storage.exists(first_name)  # the earlier file stays on disk
    earlier = doc.history.filter(file=first_name).latest()

    client.force_login(participant)
    page = client.get(url("meeting", region, pk=item.meeting.pk)).content.decode()
    version_url = url(
        "document_version_download", region, obj=doc.pk, history_id=earlier.history_id
    )
    assert version_url in page and "Eerdere versies" in page
    current = client.get(url("document_download", region, obj=doc.pk))
    assert current["Content-Type"] == DOCX_TYPE
    assert current["Content-Disposition"] == 'attachment; filename="werkagenda-definitief.docx"'
    assert read(current) == DOCX_BYTES
    old = client.get(version_url)
    assert old.status_code == 200
    assert old["Content-Type"] == "application/pdf"
    assert old["Content-Disposition"] == 'attachment; filename="concept-werkagenda.pdf"'
    assert old["X-Content-Type-Options"] == "nosniff"
    assert read(old) == PDF_BYTES


def test_replacement_is_checked_and_stale_replacement_refused(client, secretary, region, item):
    doc = DocumentFactory(agenda_item=item, title="Stuk")
    replace = url("document_replace", region, obj=doc.pk)
    client.force_login(secretary)
    form = client.get(replace).content.decode()
    assert 'value="Stuk"' in form and 'name="seen_version"' in form
    response = client.post(
        replace, {"title": "Stuk", "file": upload("x.docx", PDF_BYTES), "seen_version": 1}
    )
    assert response.status_code == 400 and 'id="id_file-fout"' in response.content.decode()
    assert (
        client.post(
            replace, {"title": "Stuk 2", "file": upload("x.pdf", PDF_BYTES), "seen_version": 1}
        ).status_code
        == 302
    )
    response = client.post(
        replace, {"title": "Stuk 3", "file": upload("y.pdf", PDF_BYTES), "seen_version": 1}
    )
    assert response.status_code == 400 and "Niet opgeslagen" in response.content.decode()
    doc.refresh_from_db()
    assert doc.title == "Stuk 2" and doc.version == 2


def test_version_of_another_document_is_not_found(client, participant, vng_advisor, region, item):
    doc = DocumentFactory(agenda_item=item)
    other = DocumentFactory(agenda_item=item)
    client.force_login(participant)
    foreign_record = other.history.earliest()
    assert (
        client.get(
            url(
                "document_version_download",
                region,
                obj=doc.pk,
                history_id=foreign_record.history_id,
            )
        ).status_code
        == 404
    )
    own = url(
        "document_version_download",
        region,
        obj=doc.pk,
        history_id=doc.history.earliest().history_id,
    )
    response = client.get(own)
    assert response.status_code == 200 and read(response) == PDF_BYTES
    client.force_login(vng_advisor)
    assert client.get(own).status_code == 403


def test_reading_an_oversized_upload_stops_at_the_ceiling(
    client, secretary, region, item, tmp_path, settings
):
    """The upload handler stops reading past UPLOAD_MAX_BYTES (nothing written to disk) and
    the form says why the file is missing."""
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    big = tmp_path / "heel-groot.pdf"
    with big.open("wb") as handle:
        handle.write(PDF_BYTES)
        handle.truncate(256 * 1024)
    client.force_login(secretary)
    with big.open("rb") as handle:
        response = client.post(
            url("document_add", region, obj=item.pk), {"title": "Heel groot", "file": handle}
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "groter dan 20 MB" in html and "Dit veld is verplicht" not in html
    assert not Document.objects.exists()
