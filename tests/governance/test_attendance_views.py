"""Attendance pages: the secretary's sheet and guests, ‘Ik ben verhinderd’ from the meeting
preparation page, what the meeting page shows of attendance and quorum, malformed input on
every field, and constant queries at two sizes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Attendance
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(region, secretary, participant):
    """A body whose member ‘lid’ has an account with a role in the region; a colleague of the
    same organisation; a meeting held an hour ago with a decision on its agenda."""
    body = BodyFactory(region=region, quorum=2)
    org = OrganisationFactory(region=region)
    member_user = UserFactory(username="lid")
    from tests.factories import RoleFactory

    RoleFactory(user=member_user, role="bestuurder", region=region)
    member = MembershipFactory(
        body=body, person=PersonFactory(region=region, organisation=org, user=member_user)
    )
    other = MembershipFactory(body=body)
    colleague = PersonFactory(region=region, organisation=org, name="Collega")
    meeting = MeetingFactory(body=body, starts_at=timezone.now() - timedelta(hours=1))
    AgendaItemFactory(meeting=meeting, kind="besluiten", outcome="Besloten: zo doen we het.")
    return {
        "region": region,
        "body": body,
        "member": member,
        "other": other,
        "colleague": colleague,
        "meeting": meeting,
        "member_user": member_user,
        "secretary": secretary,
        "participant": participant,
    }


def url(name, s, **kwargs):
    kwargs.setdefault("pk", s["meeting"].pk)
    return reverse(f"governance:{name}", kwargs={"region": s["region"].slug, **kwargs})


def sheet_data(s, **overrides):
    data = {}
    for key in ("member", "other"):
        pk = s[key].pk
        data.update(
            {
                f"status_{pk}": "aanwezig",
                f"substitute_person_{pk}": "",
                f"substitute_name_{pk}": "",
                f"remark_{pk}": "",
                f"version_{pk}": "",
            }
        )
    data.update(overrides)
    return data


def test_secretary_records_the_sheet(setup, client):
    s = setup
    client.force_login(s["secretary"])
    response = client.get(url("attendance", s))
    assert response.status_code == 200
    assert f'name="status_{s["member"].pk}"' in response.content.decode()
    pk = s["member"].pk
    response = client.post(
        url("attendance", s),
        sheet_data(
            s, **{f"status_{pk}": "vervangen", f"substitute_person_{pk}": s["colleague"].pk}
        ),
    )
    assert response.status_code == 302
    line = Attendance.objects.get(membership=s["member"])
    assert line.status == "vervangen" and line.substitute_person == s["colleague"]


def test_refusal_next_to_the_row(setup, client):
    s = setup
    client.force_login(s["secretary"])
    pk = s["member"].pk
    response = client.post(url("attendance", s), sheet_data(s, **{f"status_{pk}": "vervangen"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_substitute_person_{pk}-fout"' in html
    assert "Kies de vervanger" in html
    assert not Attendance.objects.exists()


def test_stale_sheet_shows_message_and_current_versions(setup, client):
    s = setup
    client.force_login(s["secretary"])
    assert client.post(url("attendance", s), sheet_data(s)).status_code == 302
    versions = {a.membership_id: a.version for a in Attendance.objects.all()}
    seen = {f"version_{pk}": v for pk, v in versions.items()}
    other = s["other"].pk
    assert (
        client.post(
            url("attendance", s),
            sheet_data(s, **seen, **{f"status_{other}": "afwezig_met_bericht"}),
        ).status_code
        == 302
    )
    response = client.post(url("attendance", s), sheet_data(s, **seen))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Niet opgeslagen" in html
    assert f'name="version_{other}" value="{versions[other] + 1}"' in html
    assert Attendance.objects.get(membership_id=other).status == "afwezig_met_bericht"


def test_guest_add_and_remove(setup, client):
    s = setup
    client.force_login(s["secretary"])
    response = client.post(
        url("guest_add", s), {"guest_name": "Dr. Gast", "guest_organisation": "GGD"}
    )
    assert response.status_code == 302
    guest = Attendance.objects.get(guest_name="Dr. Gast")
    assert "Dr. Gast" in client.get(url("attendance", s)).content.decode()
    remove = reverse(
        "governance:guest_remove", kwargs={"region": s["region"].slug, "obj": guest.pk}
    )
    assert client.get(remove).status_code == 200
    assert client.post(remove, {"seen_version": guest.version}).status_code == 302
    assert not Attendance.objects.exists()


def test_member_is_refused_a_member_line_as_guest(setup, client):
    s = setup
    line = Attendance.objects.create(
        meeting=s["meeting"], membership=s["member"], status="aanwezig"
    )
    client.force_login(s["secretary"])
    remove = reverse("governance:guest_remove", kwargs={"region": s["region"].slug, "obj": line.pk})
    assert client.get(remove).status_code == 404


@pytest.fixture
def upcoming(setup):
    setup["meeting"].starts_at = timezone.now() + timedelta(days=2)
    setup["meeting"].save()
    return setup


def test_member_announces_from_preparation_page(upcoming, client):
    s = upcoming
    client.force_login(s["member_user"])
    prep = reverse(
        "meeting_preparation", kwargs={"region": s["region"].slug, "pk": s["meeting"].pk}
    )
    html = client.get(prep).content.decode()
    assert "Ik ben verhinderd" in html and url("absence_announce", s) in html
    assert client.get(url("absence_announce", s)).status_code == 200
    response = client.post(
        url("absence_announce", s),
        {
            "membership": s["member"].pk,
            "substitute_person": s["colleague"].pk,
            "remark": "Vakantie",
        },
    )
    assert response.status_code == 302 and response.url.startswith(prep)
    line = Attendance.objects.get()
    assert line.status == "vervangen" and line.announced_by == s["member_user"]
    html = client.get(prep).content.decode()
    assert "Afmelding intrekken" in html
    # The secretary sees it on the meeting page before the meeting.
    client.force_login(s["secretary"])
    html = client.get(url("meeting", s)).content.decode()
    assert "Vooraf afgemeld" in html and "Collega" in html
    # Withdraw.
    client.force_login(s["member_user"])
    assert client.get(url("absence_withdraw", s)).status_code == 200
    response = client.post(url("absence_withdraw", s), {"membership": s["member"].pk})
    assert response.status_code == 302
    assert not Attendance.objects.exists()


def test_announce_for_someone_elses_seat_is_refused(upcoming, client):
    s = upcoming
    client.force_login(s["member_user"])
    response = client.post(url("absence_announce", s), {"membership": s["other"].pk})
    assert response.status_code == 400
    assert "eigen lidmaatschap" in response.content.decode()
    assert not Attendance.objects.exists()


def test_announce_after_start_is_refused(setup, client):
    s = setup  # started an hour ago
    client.force_login(s["member_user"])
    response = client.post(url("absence_announce", s), {"membership": s["member"].pk})
    assert response.status_code == 400
    assert "al begonnen" in response.content.decode()


def test_non_member_may_not_announce(upcoming, client):
    s = upcoming
    for user in (s["participant"], s["secretary"]):
        client.force_login(user)
        assert (
            client.post(url("absence_announce", s), {"membership": s["member"].pk}).status_code
            == 403
        )
        assert (
            client.post(url("absence_withdraw", s), {"membership": s["member"].pk}).status_code
            == 403
        )


def test_meeting_page_quorum_warning_names_and_counts(setup, client, vng_advisor):
    s = setup
    client.force_login(s["secretary"])
    other = s["other"].pk
    client.post(
        url("attendance", s), sheet_data(s, **{f"status_{other}": "afwezig_zonder_bericht"})
    )
    html = client.get(url("meeting", s)).content.decode()
    assert "Vergadering zonder quorum" in html
    assert "Besluit genomen zonder quorum" in html
    assert s["member"].person.name in html
    # National readers see the counts and the warning, not the names (nor the agenda, so not
    # the decisions themselves).
    client.force_login(vng_advisor)
    html = client.get(url("meeting", s)).content.decode()
    assert "Vergadering zonder quorum" in html and "Aanwezigheid" in html
    assert "Besluit genomen zonder quorum" not in html
    assert s["member"].person.name not in html
    # Quorum met: no warning.
    s["body"].quorum = 1
    s["body"].save()
    html = client.get(url("meeting", s)).content.decode()
    assert "zonder quorum" not in html


def test_no_warning_before_attendance_is_recorded(setup, client):
    s = setup
    client.force_login(s["secretary"])
    html = client.get(url("meeting", s)).content.decode()
    assert "zonder quorum" not in html and "nog niet vastgelegd" in html


# Malformed input: a Dutch 400 (or 404 for ids in the path), never a 500, nothing saved.

GARBAGE = ["abc", "-1", "9" * 30, "1\x00", "\x00", "x" * 2000, "1.5"]


@pytest.mark.parametrize(
    "field", ["status", "substitute_person", "substitute_name", "remark", "version"]
)
@pytest.mark.parametrize("value", GARBAGE)
def test_sheet_malformed(setup, client, field, value):
    s = setup
    client.force_login(s["secretary"])
    pk = s["member"].pk
    data = sheet_data(s, **{f"status_{pk}": "vervangen", f"substitute_name_{pk}": "Extern"})
    data[f"{field}_{pk}"] = value
    response = client.post(url("attendance", s), data)
    if field in ("substitute_name", "remark") and "\x00" not in value and len(value) < 100:
        assert response.status_code in (302, 400)
    else:
        assert response.status_code == 400, (field, value)
        assert not Attendance.objects.exists()


def test_sheet_substitute_not_offered(setup, client, region):
    s = setup
    client.force_login(s["secretary"])
    pk = s["member"].pk
    stranger = PersonFactory(region=region)
    foreign = PersonFactory()
    for person in (stranger, foreign):
        response = client.post(
            url("attendance", s),
            sheet_data(s, **{f"status_{pk}": "vervangen", f"substitute_person_{pk}": person.pk}),
        )
        assert response.status_code == 400
        assert "dezelfde organisatie of gemeente" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("field", ["guest_name", "guest_organisation"])
@pytest.mark.parametrize("value", ["\x00", "x" * 2000, ""])
def test_guest_malformed(setup, client, field, value):
    s = setup
    client.force_login(s["secretary"])
    data = {"guest_name": "Gast", "guest_organisation": "", field: value}
    response = client.post(url("guest_add", s), data)
    if field == "guest_organisation" and value == "":
        assert response.status_code == 302
    else:
        assert response.status_code == 400
        assert not Attendance.objects.exists()


@pytest.mark.parametrize("value", GARBAGE + [""])
def test_guest_remove_malformed_version(setup, client, value):
    s = setup
    guest = Attendance.objects.create(meeting=s["meeting"], status="aanwezig", guest_name="G")
    client.force_login(s["secretary"])
    remove = reverse(
        "governance:guest_remove", kwargs={"region": s["region"].slug, "obj": guest.pk}
    )
    response = client.post(remove, {"seen_version": value})
    assert response.status_code == 400
    assert Attendance.objects.filter(pk=guest.pk).exists()


@pytest.mark.parametrize("field", ["membership", "substitute_person", "substitute_name", "remark"])
@pytest.mark.parametrize("value", GARBAGE)
def test_announce_malformed(upcoming, client, field, value):
    s = upcoming
    client.force_login(s["member_user"])
    data = {"membership": s["member"].pk, field: value}
    response = client.post(url("absence_announce", s), data)
    if field in ("substitute_name", "remark") and "\x00" not in value and len(value) < 100:
        assert response.status_code == 302
    else:
        assert response.status_code == 400, (field, value)
        assert not Attendance.objects.exists()


@pytest.mark.parametrize("value", GARBAGE + [""])
def test_withdraw_malformed(upcoming, client, value):
    s = upcoming
    client.force_login(s["member_user"])
    assert client.post(url("absence_withdraw", s), {"membership": value}).status_code == 400


@pytest.mark.parametrize(
    "name", ["attendance", "guest_add", "absence_announce", "absence_withdraw"]
)
def test_huge_meeting_id_is_404(setup, client, name):
    client.force_login(setup["secretary"])
    assert client.get(url(name, setup, pk=10**20)).status_code == 404
    assert (
        client.get(f"/regio/{setup['region'].slug}/vergaderingen/abc/aanwezigheid/").status_code
        == 404
    )


def test_huge_guest_id_is_404(setup, client):
    client.force_login(setup["secretary"])
    path = f"/regio/{setup['region'].slug}/gasten/{10**20}/verwijderen/"
    assert client.get(path).status_code == 404


# Constant queries: 5 and 40 members.


def grow(region, n):
    body = BodyFactory(region=region, quorum=3)
    org = OrganisationFactory(region=region)
    members = [
        MembershipFactory(body=body, person=PersonFactory(region=region, organisation=org))
        for _ in range(n)
    ]
    meeting = MeetingFactory(body=body, starts_at=timezone.now() - timedelta(hours=2))
    for i, m in enumerate(members):
        Attendance.objects.create(
            meeting=meeting,
            membership=m,
            status="vervangen" if i % 2 else "afwezig_met_bericht",
            substitute_person=members[(i + 1) % n].person if i % 2 else None,
        )
        AgendaItemFactory(meeting=meeting, kind="besluiten", outcome="Besloten.")
    Attendance.objects.create(meeting=meeting, status="aanwezig", guest_name="Gast")
    return meeting, members


@pytest.mark.parametrize(("name", "limit"), [("attendance", 14), ("meeting", 17)])
def test_query_counts(region, secretary, client, name, limit, django_assert_max_num_queries):
    client.force_login(secretary)
    counts = []
    for n in (5, 40):
        meeting, _members = grow(region, n)
        target = reverse(f"governance:{name}", kwargs={"region": region.slug, "pk": meeting.pk})
        with django_assert_max_num_queries(limit) as captured:
            assert client.get(target).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_post_query_count_constant(region, secretary, client, django_assert_max_num_queries):
    client.force_login(secretary)
    counts = []
    for n in (5, 40):
        meeting, members = grow(region, n)
        Attendance.objects.filter(meeting=meeting).delete()
        data = {}
        for m in members:
            data.update({f"status_{m.pk}": "aanwezig", f"version_{m.pk}": ""})
        target = reverse("governance:attendance", kwargs={"region": region.slug, "pk": meeting.pk})
        with django_assert_max_num_queries(30 + 12 * n) as captured:
            assert client.post(target, data).status_code == 302
        counts.append(len(captured.captured_queries))
    # Reading is constant; each saved line costs the same few writes (savepoint, validation,
    # insert, history row): the difference is a whole number of lines' worth.
    per_line, rest = divmod(counts[1] - counts[0], 35)
    assert rest == 0 and per_line <= 12
    assert counts[0] - 5 * per_line == counts[1] - 40 * per_line
