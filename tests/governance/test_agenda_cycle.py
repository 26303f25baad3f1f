"""Issue 18, part A: the agenda's way out (concept → ter vaststelling → definitief), who sees
the agenda and its stukken when, changes after publication, nagezonden stukken and the removal
of an agenda item."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.locking import StaleEdit
from governance.constants import AgendaChangeKind, AgendaState
from governance.models import AgendaChange, AgendaItem, Document, Meeting
from governance.selectors.agenda import agenda_visibility
from governance.services import agenda as services
from governance.services.meetings import document_add, document_replace
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(name, region, **kwargs):
    return reverse(f"governance:{name}", kwargs={"region": region.slug, **kwargs})


@pytest.fixture
def body(region):
    return BodyFactory(region=region, name="Stuurgroep Zorg en Veiligheid")


@pytest.fixture
def chair(region, body):
    """A bestuurder of the region who chairs the body."""
    from tests.factories import RoleFactory

    user = UserFactory(username="voorzitter", first_name="Vera", last_name="Voorzitter")
    RoleFactory(user=user, role="bestuurder", region=region)
    MembershipFactory(body=body, role="voorzitter", person=PersonFactory(region=region, user=user))
    return user


@pytest.fixture
def member(region, body):
    """A participant of the region with a seat (lid) at the body."""
    from tests.factories import RoleFactory

    user = UserFactory(username="lid")
    RoleFactory(user=user, role="participant", region=region)
    MembershipFactory(body=body, role="lid", person=PersonFactory(region=region, user=user))
    return user


@pytest.fixture
def concept(body):
    meeting = MeetingFactory(body=body, agenda_state=AgendaState.CONCEPT)
    AgendaItemFactory(meeting=meeting, title="Begroting 2031")
    return meeting


def fresh(meeting) -> Meeting:
    return Meeting.objects.get(pk=meeting.pk)


# Transitions (services) ----------------------------------------------------------------------


def test_submit_approve(concept, secretary, chair):
    services.agenda_submit(meeting=concept, seen_version=concept.version, user=secretary)
    concept = fresh(concept)
    assert concept.agenda_state == AgendaState.TER_VASTSTELLING
    assert concept.agenda_submitted_at is not None
    services.agenda_approve(meeting=concept, seen_version=concept.version, user=chair)
    concept = fresh(concept)
    assert concept.agenda_state == AgendaState.DEFINITIEF
    assert concept.agenda_published_by == chair and concept.agenda_published_at is not None


def test_return_with_remark_and_submit_again_clears_it(concept, secretary, chair):
    services.agenda_submit(meeting=concept, seen_version=concept.version, user=secretary)
    concept = fresh(concept)
    with pytest.raises(ValidationError) as refused:
        services.agenda_return(
            meeting=concept, remark="  ", seen_version=concept.version, user=chair
        )
    assert "remark" in refused.value.error_dict
    services.agenda_return(
        meeting=concept, remark="Punt 3 eerst", seen_version=concept.version, user=chair
    )
    concept = fresh(concept)
    assert concept.agenda_state == AgendaState.CONCEPT
    assert concept.agenda_chair_remark == "Punt 3 eerst"
    services.agenda_submit(meeting=concept, seen_version=concept.version, user=secretary)
    assert fresh(concept).agenda_chair_remark == ""


@pytest.mark.parametrize("start", [AgendaState.CONCEPT, AgendaState.TER_VASTSTELLING])
def test_publish_directly_with_reason(body, secretary, start):
    meeting = MeetingFactory(body=body, agenda_state=start)
    AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError) as refused:
        services.agenda_publish(meeting=meeting, reason="", seen_version=1, user=secretary)
    assert "reason" in refused.value.error_dict
    services.agenda_publish(
        meeting=meeting, reason="voorzitter akkoord per mail", seen_version=1, user=secretary
    )
    meeting = fresh(meeting)
    assert meeting.agenda_state == AgendaState.DEFINITIEF
    assert meeting.agenda_publish_reason == "voorzitter akkoord per mail"
    assert meeting.agenda_published_by == secretary


def test_submit_refused_without_items(body, secretary, chair):
    meeting = MeetingFactory(body=body, agenda_state=AgendaState.CONCEPT)
    with pytest.raises(ValidationError, match="geen agendapunten"):
        services.agenda_submit(meeting=meeting, seen_version=1, user=secretary)
    assert fresh(meeting).agenda_state == AgendaState.CONCEPT


def test_submit_refused_without_a_chair_who_can_sign_in(concept, secretary, region, body):
    # A chair without an account does not count, nor does one whose seat ended.
    MembershipFactory(body=body, role="voorzitter", person=PersonFactory(region=region))
    with pytest.raises(ValidationError, match="Verzend de agenda direct"):
        services.agenda_submit(meeting=concept, seen_version=1, user=secretary)


def test_submit_refused_when_the_chair_seat_ends_before_the_meeting(concept, secretary, body):
    user = UserFactory()
    MembershipFactory(
        body=body,
        role="voorzitter",
        person=PersonFactory(region=body.region, user=user),
        end=timezone.localdate(concept.starts_at) - timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="Verzend de agenda direct"):
        services.agenda_submit(meeting=concept, seen_version=1, user=secretary)


@pytest.mark.parametrize(
    "state, call",
    [
        (AgendaState.CONCEPT, "approve"),
        (AgendaState.CONCEPT, "return"),
        (AgendaState.TER_VASTSTELLING, "submit"),
        (AgendaState.DEFINITIEF, "submit"),
        (AgendaState.DEFINITIEF, "approve"),
        (AgendaState.DEFINITIEF, "return"),
        (AgendaState.DEFINITIEF, "publish"),
    ],
)
def test_transitions_not_allowed_from_a_state_are_refused(body, secretary, chair, state, call):
    meeting = MeetingFactory(body=body, agenda_state=state)
    AgendaItemFactory(meeting=meeting)
    calls = {
        "submit": lambda: services.agenda_submit(meeting=meeting, seen_version=1, user=secretary),
        "approve": lambda: services.agenda_approve(meeting=meeting, seen_version=1, user=chair),
        "return": lambda: services.agenda_return(
            meeting=meeting, remark="x", seen_version=1, user=chair
        ),
        "publish": lambda: services.agenda_publish(
            meeting=meeting, reason="x", seen_version=1, user=secretary
        ),
    }
    with pytest.raises(ValidationError, match="De agenda kan niet worden"):
        calls[call]()
    assert fresh(meeting).agenda_state == state


def test_stale_submit_and_approve(concept, secretary, chair):
    """Two people on the same agenda: the second one's step is refused, nothing changes."""
    seen = concept.version
    services.agenda_submit(meeting=concept, seen_version=seen, user=secretary)
    # The secretary publishes directly while the chair's page still shows the old version.
    current = fresh(concept)
    chair_view = fresh(concept)
    services.agenda_publish(
        meeting=current, reason="akkoord per mail", seen_version=current.version, user=secretary
    )
    chair_view.agenda_state = AgendaState.TER_VASTSTELLING  # what the chair's page showed
    with pytest.raises(StaleEdit):
        services.agenda_approve(meeting=chair_view, seen_version=seen + 1, user=chair)
    assert fresh(concept).agenda_published_by == secretary
    # A submit from a page of before: refused too.
    other = fresh(concept)
    other.agenda_state = AgendaState.CONCEPT
    with pytest.raises(StaleEdit):
        services.agenda_submit(meeting=other, seen_version=seen, user=secretary)


# The views --------------------------------------------------------------------------------


def test_secretary_and_chair_through_the_pages(client, region, concept, secretary, chair):
    client.force_login(secretary)
    html = client.get(url("meeting", region, pk=concept.pk)).content.decode()
    assert "Ter vaststelling aanbieden" in html and "Direct verzenden" in html
    response = client.post(url("agenda_submit", region, pk=concept.pk), {"seen_version": 1})
    assert response.status_code == 302
    client.force_login(chair)
    html = client.get(url("meeting", region, pk=concept.pk)).content.decode()
    assert "Agenda ter vaststelling" in html and "Begroting 2031" in html
    response = client.post(
        url("agenda_return", region, pk=concept.pk), {"seen_version": 2, "remark": ""}
    )
    assert response.status_code == 400
    assert "Schrijf de secretaris waarom" in response.content.decode()
    response = client.post(
        url("agenda_return", region, pk=concept.pk),
        {"seen_version": 2, "remark": "Eerst de begroting bespreken"},
    )
    assert response.status_code == 302
    client.force_login(secretary)
    html = client.get(url("meeting", region, pk=concept.pk)).content.decode()
    assert "De voorzitter stuurde de agenda terug" in html
    assert "Eerst de begroting bespreken" in html
    client.post(url("agenda_submit", region, pk=concept.pk), {"seen_version": 3})
    client.force_login(chair)
    response = client.post(url("agenda_approve", region, pk=concept.pk), {"seen_version": 4})
    assert response.status_code == 302
    assert fresh(concept).agenda_state == AgendaState.DEFINITIEF


def test_refusals_are_shown_on_the_page(client, region, body, secretary):
    meeting = MeetingFactory(body=body, agenda_state=AgendaState.CONCEPT)
    AgendaItemFactory(meeting=meeting)
    client.force_login(secretary)
    response = client.post(url("agenda_submit", region, pk=meeting.pk), {"seen_version": 1})
    assert response.status_code == 400
    assert "Verzend de agenda direct" in response.content.decode()
    client.post(url("agenda_publish", region, pk=meeting.pk), {"seen_version": 1, "reason": "mail"})
    response = client.post(
        url("agenda_publish", region, pk=meeting.pk), {"seen_version": 2, "reason": "nog eens"}
    )
    assert response.status_code == 400
    assert "De agenda kan niet worden verzonden" in response.content.decode()


def test_stale_submit_through_the_page(client, region, concept, secretary, chair):
    client.force_login(secretary)
    client.post(url("agenda_submit", region, pk=concept.pk), {"seen_version": 1})
    client.force_login(chair)
    client.post(url("agenda_return", region, pk=concept.pk), {"seen_version": 2, "remark": "x"})
    client.force_login(secretary)
    # A second tab of the secretary with the first version.
    response = client.post(url("agenda_submit", region, pk=concept.pk), {"seen_version": 1})
    assert response.status_code == 400
    assert "Niet opgeslagen" in response.content.decode()
    assert fresh(concept).agenda_state == AgendaState.CONCEPT


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"seen_version": "abc"},
        {"seen_version": "9" * 30},
        {"seen_version": "-1"},
        {"seen_version": "1\x00"},
        {"seen_version": "1", "reason": "a\x00b"},
        {"seen_version": "1", "reason": "x" * 5000},
    ],
)
def test_malformed_posts_are_a_dutch_400(client, region, body, secretary, chair, data):
    meeting = MeetingFactory(body=body, agenda_state=AgendaState.CONCEPT)
    AgendaItemFactory(meeting=meeting)
    client.force_login(secretary)
    for name in ("agenda_submit", "agenda_publish"):
        response = client.post(url(name, region, pk=meeting.pk), data)
        assert response.status_code in (302, 400), name
    client.force_login(chair)
    for name in ("agenda_approve", "agenda_return"):
        response = client.post(url(name, region, pk=meeting.pk), {**data, "remark": "a\x00"})
        assert response.status_code == 400
        assert "niet" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["agenda_submit", "agenda_approve", "agenda_return", "agenda_publish"]
)
@pytest.mark.parametrize("pk", ["0", "99999999999999999999", "abc"])
def test_malformed_ids_are_404(client, region, secretary, name, pk):
    client.force_login(secretary)
    path = (
        f"/regio/{region.slug}/vergaderingen/{pk}/agenda/"
        + {
            "agenda_submit": "aanbieden/",
            "agenda_approve": "vaststellen/",
            "agenda_return": "terugsturen/",
            "agenda_publish": "verzenden/",
        }[name]
    )
    assert client.get(path).status_code == 404
    assert client.post(path, {}).status_code == 404


def test_only_the_chair_approves(client, region, body, secretary, member, bestuurder):
    meeting = MeetingFactory(body=body, agenda_state=AgendaState.TER_VASTSTELLING)
    for user in (secretary, member, bestuurder):
        client.force_login(user)
        assert client.post(url("agenda_approve", region, pk=meeting.pk), {}).status_code == 403
    client.force_login(member)
    assert client.post(url("agenda_publish", region, pk=meeting.pk), {}).status_code == 403


# Visibility --------------------------------------------------------------------------------


@pytest.fixture
def with_document(concept):
    item = concept.items.get()
    return DocumentFactory(agenda_item=item, title="Begroting.pdf")


def _page(client, user, path):
    client.force_login(user)
    response = client.get(path)
    return response.status_code, response.content.decode()


def test_member_sees_agenda_volgt_until_definitief(
    client, region, concept, with_document, secretary, chair, member, vng_advisor
):
    pages = [
        url("meeting", region, pk=concept.pk),
        reverse("meeting_preparation", kwargs={"region": region.slug, "pk": concept.pk}),
        reverse("reports:voorbereiding", kwargs={"region": region.slug, "pk": concept.pk}),
    ]
    for path in pages:
        _status, html = _page(client, member, path)
        assert "Agenda volgt" in html and "Begroting 2031" not in html, path
        _status, html = _page(client, chair, path)
        assert "Begroting 2031" in html and "Agenda volgt" not in html, path
        _status, html = _page(client, secretary, path)
        assert "Begroting 2031" in html, path
    download = url("document_download", region, obj=with_document.pk)
    client.force_login(member)
    assert client.get(download).status_code == 403
    client.force_login(chair)
    assert client.get(download).status_code == 200
    Meeting.objects.filter(pk=concept.pk).update(agenda_state=AgendaState.DEFINITIEF)
    for path in pages:
        _status, html = _page(client, member, path)
        assert "Begroting 2031" in html and "Agenda volgt" not in html, path
        _status, html = _page(client, vng_advisor, path)
        if _status == 200:
            assert "Begroting 2031" not in html, path
    client.force_login(member)
    assert client.get(download).status_code == 200
    client.force_login(vng_advisor)
    assert client.get(download).status_code == 403


def test_meeting_list_shows_the_state_or_agenda_volgt(client, region, concept, secretary, member):
    _s, html = _page(client, secretary, url("meeting_list", region))
    assert "badge--agenda-concept" in html
    _s, html = _page(client, member, url("meeting_list", region))
    assert "agenda volgt" in html and "badge--agenda-concept" not in html


def test_agenda_visibility_follows_the_rule(region, body, secretary, chair, member, vng_advisor):
    meetings = [
        MeetingFactory(body=body, agenda_state=state)
        for state in (AgendaState.CONCEPT, AgendaState.TER_VASTSTELLING, AgendaState.DEFINITIEF)
    ]
    meetings.append(MeetingFactory(body=BodyFactory(region=region), agenda_state="concept"))
    for user in (secretary, chair, member, vng_advisor):
        visible = agenda_visibility(user, region)
        for meeting in meetings:
            assert visible(meeting) == user.has_perm("governance.view_agenda", meeting), (
                user,
                meeting.agenda_state,
            )


def test_chair_is_told_an_agenda_waits(client, body, chair):
    MeetingFactory(body=body, agenda_state=AgendaState.TER_VASTSTELLING)
    _s, html = _page(client, chair, reverse("preparation"))
    assert "Agenda wacht op uw vaststelling" in html


# Changes after publication -------------------------------------------------------------------


def _item_post(client, path, **data):
    payload = {"order": 5, "title": "Nieuw punt", "kind": "bespreken", "description": ""}
    payload.update(data)
    return client.post(path, payload)


def test_changes_before_publication_are_not_recorded(client, region, concept, secretary, user):
    client.force_login(secretary)
    _item_post(client, url("agendaitem_add", region, pk=concept.pk))
    item = concept.items.get(title="Begroting 2031")
    document_add(
        agenda_item=item, title="Stuk", upload=DocumentFactory.build().file, user=secretary
    )
    assert not AgendaChange.objects.exists()


def test_changes_after_publication_are_recorded_and_shown(client, region, body, secretary, member):
    meeting = MeetingFactory(body=body)  # definitief
    item = AgendaItemFactory(meeting=meeting, title="Begroting 2031")
    doc = DocumentFactory(agenda_item=item, title="Concept begroting")
    client.force_login(secretary)
    assert _item_post(client, url("agendaitem_add", region, pk=meeting.pk)).status_code == 302
    response = _item_post(
        client,
        url("agendaitem_edit", region, obj=item.pk),
        title="Begroting 2031 (herzien)",
        order=1,
        seen_version=item.version,
    )
    assert response.status_code == 302
    doc = Document.objects.select_related("agenda_item__meeting").get(pk=doc.pk)
    document_replace(
        document=doc,
        title=doc.title,
        upload=DocumentFactory.build().file,
        seen_version=doc.version,
        user=secretary,
    )
    item = doc.agenda_item
    document_add(
        agenda_item=item, title="Bijlage", upload=DocumentFactory.build().file, user=secretary
    )
    added = AgendaItem.objects.get(title="Nieuw punt")
    response = client.post(
        url("agendaitem_remove", region, obj=added.pk), {"seen_version": added.version}
    )
    assert response.status_code == 302
    kinds = list(AgendaChange.objects.order_by("pk").values_list("kind", "description"))
    assert kinds == [
        (AgendaChangeKind.ITEM_ADDED, "Agendapunt ‘Nieuw punt’ toegevoegd"),
        (
            AgendaChangeKind.ITEM_CHANGED,
            "Agendapunt ‘Begroting 2031’ gewijzigd in ‘Begroting 2031 (herzien)’ (titel)",
        ),
        (
            AgendaChangeKind.DOCUMENT_REPLACED,
            "Stuk ‘Concept begroting’ vervangen bij agendapunt ‘Begroting 2031 (herzien)’",
        ),
        (
            AgendaChangeKind.DOCUMENT_ADDED,
            "Stuk ‘Bijlage’ toegevoegd bij agendapunt ‘Begroting 2031 (herzien)’",
        ),
        (AgendaChangeKind.ITEM_REMOVED, "Agendapunt ‘Nieuw punt’ verwijderd"),
    ]
    for path in (
        url("meeting", region, pk=meeting.pk),
        reverse("meeting_preparation", kwargs={"region": region.slug, "pk": meeting.pk}),
    ):
        _s, html = _page(client, member, path)
        assert "gewijzigd na verzending" in html
        assert "Gewijzigd na verzending" in html
        assert "Agendapunt ‘Nieuw punt’ verwijderd" in html


def test_a_change_that_is_refused_records_nothing(region, body, secretary):
    meeting = MeetingFactory(body=body)
    item = AgendaItemFactory(meeting=meeting)
    item.title = "Anders"
    with pytest.raises(StaleEdit):
        services.agenda_item_save(instance=item, seen_version=item.version + 5, user=secretary)
    assert not AgendaChange.objects.exists()


def test_order_only_is_no_change(region, body, secretary):
    meeting = MeetingFactory(body=body)
    item = AgendaItemFactory(meeting=meeting)
    item.order = 9
    services.agenda_item_save(instance=item, seen_version=item.version, user=secretary)
    assert not AgendaChange.objects.exists()


# Removal --------------------------------------------------------------------------------------


def test_removal_refusals(client, region, body, secretary):
    meeting = MeetingFactory(body=body)
    with_outcome = AgendaItemFactory(meeting=meeting, outcome="Besloten")
    with_doc = AgendaItemFactory(meeting=meeting)
    DocumentFactory(agenda_item=with_doc)
    with_action = AgendaItemFactory(meeting=meeting)
    ActionFactory(region=region, origin_agenda_item=with_action)
    client.force_login(secretary)
    for item, text in [
        (with_outcome, "uitkomst"),
        (with_doc, "stukken"),
        (with_action, "acties aangemaakt"),
    ]:
        html = client.get(url("agendaitem_remove", region, obj=item.pk)).content.decode()
        assert "kan niet worden verwijderd" in html and text in html
        response = client.post(
            url("agendaitem_remove", region, obj=item.pk), {"seen_version": item.version}
        )
        assert response.status_code == 400
        assert AgendaItem.objects.filter(pk=item.pk).exists()
    assert not AgendaChange.objects.exists()


def test_removal_before_publication_is_not_recorded_and_stale_is_refused(
    client, region, concept, secretary
):
    item = concept.items.get()
    client.force_login(secretary)
    response = client.post(url("agendaitem_remove", region, obj=item.pk), {"seen_version": 0})
    assert response.status_code == 400 and "Niet opgeslagen" in response.content.decode()
    response = client.post(url("agendaitem_remove", region, obj=item.pk), {"seen_version": "x"})
    assert response.status_code == 400
    response = client.post(
        url("agendaitem_remove", region, obj=item.pk), {"seen_version": item.version}
    )
    assert response.status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert not AgendaChange.objects.exists()


# Nagezonden ---------------------------------------------------------------------------------


def test_documents_after_the_term_are_nagezonden(client, region, secretary):
    body = BodyFactory(region=region, documents_term_days=7)
    meeting = MeetingFactory(body=body, starts_at=timezone.now() + timedelta(days=10))
    item = AgendaItemFactory(meeting=meeting)
    in_time = DocumentFactory(agenda_item=item, title="Op tijd")
    late = DocumentFactory(
        agenda_item=item, title="Te laat", uploaded_at=timezone.now() + timedelta(days=4)
    )
    on_the_day = DocumentFactory(
        agenda_item=item, title="Op de laatste dag", uploaded_at=timezone.now() + timedelta(days=3)
    )
    from governance.selectors.meetings import meeting_detail

    docs = {d.pk: d for d in meeting_detail(meeting)["items"][0].documents.all()}
    assert not docs[in_time.pk].nagezonden
    assert not docs[on_the_day.pk].nagezonden
    assert docs[late.pk].nagezonden
    for path in (
        url("meeting", region, pk=meeting.pk),
        reverse("meeting_preparation", kwargs={"region": region.slug, "pk": meeting.pk}),
    ):
        _s, html = _page(client, secretary, path)
        assert html.count("badge--nagezonden") == 1, path


def test_body_form_and_page_show_the_term_and_quorum(client, region, secretary):
    body = BodyFactory(region=region)
    client.force_login(secretary)
    html = client.get(
        reverse("governance:body_edit", kwargs={"region": region.slug, "pk": body.pk})
    ).content.decode()
    assert "Termijn voor stukken (dagen)" in html and "Quorum in" in html
    body.documents_term_days = 10
    body.quorum = 5
    body.quorum_unit = "gemeenten"
    body.save()
    html = client.get(body.get_absolute_url()).content.decode()
    assert "10 dagen vóór de vergadering" in html and "5 gemeenten" in html


# Rechten page ---------------------------------------------------------------------------------


def test_rechten_page_shows_chair_and_member_permissions():
    from dashboard.permissions import matrix

    rows = {row["name"]: row["cells"] for row in matrix()["rows"]}
    # secretary, bestuurder, participant (each with the seat on the stand-in), vng, staff, other
    assert rows["governance.approve_agenda"] == [True, True, True, False, False, False]
    assert rows["governance.announce_absence"] == [True, True, True, False, False, False]


def test_chair_opens_the_approval_pages(client, region, body, chair, other_secretary):
    meeting = MeetingFactory(body=body, agenda_state=AgendaState.TER_VASTSTELLING)
    client.force_login(chair)
    for name in ("agenda_approve", "agenda_return"):
        assert client.get(url(name, region, pk=meeting.pk)).status_code == 200
    client.force_login(other_secretary)
    for name in ("agenda_approve", "agenda_return"):
        assert client.post(url(name, region, pk=meeting.pk), {}).status_code == 404


# Query counts ---------------------------------------------------------------------------------


def _grow_changes(meeting, user, n):
    for i in range(n):
        item = AgendaItemFactory(meeting=meeting, title=f"Punt {i}")
        doc = DocumentFactory(
            agenda_item=item, uploaded_at=timezone.now() + timedelta(days=20)
        )  # nagezonden
        services.record_change(
            meeting=meeting,
            kind=AgendaChangeKind.ITEM_ADDED,
            description=f"Agendapunt ‘Punt {i}’ toegevoegd",
            user=user,
            agenda_item=item,
        )
        services.record_document_added(
            Document.objects.select_related("agenda_item__meeting").get(pk=doc.pk), user
        )


@pytest.mark.parametrize(
    ("page", "persona", "state", "limit"),
    # With the rest of the cycle on these pages (attendance and the absence form, the minutes'
    # state, the user's own notes): constant at both sizes. The preparation page reads the
    # answers to structure findings (+1, issue 19), the stamps under which the checks and
    # the changes are kept (+2, issue 22) and the last-update dates in the page key (+1).
    [
        ("meeting", "member", AgendaState.DEFINITIEF, 16),
        ("meeting", "chair", AgendaState.TER_VASTSTELLING, 20),
        ("meeting", "member", AgendaState.CONCEPT, 12),
        ("preparation", "member", AgendaState.DEFINITIEF, 40),
        ("preparation", "chair", AgendaState.TER_VASTSTELLING, 44),
    ],
)
def test_query_counts_with_many_items_and_changes(
    client,
    request,
    region,
    body,
    secretary,
    page,
    persona,
    state,
    limit,
    django_assert_max_num_queries,
):
    user = request.getfixturevalue(persona)
    meeting = MeetingFactory(body=body, agenda_state=AgendaState.DEFINITIEF)
    client.force_login(user)
    if page == "meeting":
        path = url("meeting", region, pk=meeting.pk)
    else:
        path = reverse("meeting_preparation", kwargs={"region": region.slug, "pk": meeting.pk})
    counts = []
    for size in (2, 15):
        Meeting.objects.filter(pk=meeting.pk).update(agenda_state=AgendaState.DEFINITIEF)
        _grow_changes(meeting, secretary, size)
        Meeting.objects.filter(pk=meeting.pk).update(agenda_state=state)
        with django_assert_max_num_queries(limit) as captured:
            response = client.get(path)
            assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts


def test_action_page_lists_only_agendas_the_reader_may_see(client, region, body, member, chair):
    action = ActionFactory(region=region)
    concept = MeetingFactory(body=body, agenda_state=AgendaState.CONCEPT)
    AgendaItemFactory(meeting=concept, action=action, title="Nog geheim punt")
    out = MeetingFactory(body=body)
    AgendaItemFactory(meeting=out, action=action, title="Verzonden punt")
    path = reverse("governance:action", kwargs={"region": region.slug, "pk": action.pk})
    _s, html = _page(client, member, path)
    assert "Verzonden punt" in html and "Nog geheim punt" not in html
    _s, html = _page(client, chair, path)
    assert "Verzonden punt" in html and "Nog geheim punt" in html
