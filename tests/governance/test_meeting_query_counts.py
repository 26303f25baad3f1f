"""The meeting list and the meeting page keep a constant number of queries as the agenda and
the region grow (two data sizes, one exact limit)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance.services.meetings import document_replace
from tests.factories import (
    PDF_BYTES,
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    KnelpuntFactory,
    MeetingFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


def grow(region, user, n: int):
    """A meeting with ``n`` agenda items, each with an action (with trekker), a knelpunt, an
    action created by its decision and a document replaced once; plus ``n`` other meetings
    of as many bodies, upcoming and past. Returns the meeting."""
    body = BodyFactory(region=region)
    trekker = trekker_membership(region, body=body)
    meeting = MeetingFactory(body=body)
    for i in range(n):
        action = ActionFactory(region=region, trekker=trekker, owning_body=body)
        item = AgendaItemFactory(
            meeting=meeting,
            action=action,
            knelpunt=KnelpuntFactory(region=region),
            outcome=f"Besluit {i}",
        )
        ActionFactory(region=region, origin_agenda_item=item)
        doc = DocumentFactory(agenda_item=item, uploaded_by=user)
        document_replace(
            document=doc,
            title=f"Versie 2 van {doc.title}",
            upload=SimpleUploadedFile("nieuw.pdf", PDF_BYTES),
            seen_version=doc.version,
            user=user,
        )
        other_body = BodyFactory(region=region)
        past = MeetingFactory(body=other_body, starts_at=timezone.now() - timedelta(days=30 + i))
        AgendaItemFactory(meeting=past)
        MeetingFactory(body=other_body, starts_at=timezone.now() + timedelta(days=3 + i))
    return meeting


PAGES = [
    ("governance:meeting_list", False, 13),
    # Issue 18: the agenda's state and changes, attendance, the minutes' state and the
    # user's own notes are on the meeting page (16, constant at both sizes).
    ("governance:meeting", True, 16),
]


@pytest.mark.parametrize(("name", "needs_meeting", "limit"), PAGES)
@pytest.mark.parametrize("persona", ["secretary", "participant"])
def test_query_count_constant(
    name, needs_meeting, limit, persona, request, region, django_assert_max_num_queries, client
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    counts = []
    for size in (2, 20):
        meeting = grow(region, user, size)
        kwargs = {"region": region.slug}
        if needs_meeting:
            kwargs["pk"] = meeting.pk
        with django_assert_max_num_queries(limit) as captured:
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 200
        counts.append(len(captured.captured_queries))
        if needs_meeting:
            html = response.content.decode()
            # The page really shows what was grown: every version link, every created action.
            assert html.count("/versies/") == size
            assert html.count("Besluit ") >= size
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries at small, {counts[1]} at large"
