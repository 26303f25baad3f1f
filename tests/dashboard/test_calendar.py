"""iCal feeds: valid RFC 5545 (parsed back with ``icalendar``), nothing beyond title, times and
location, scoped by the token's user."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from dashboard.calendar import escape_text, fold
from governance import constants as c
from governance.services.meetings import calendar_feed_for
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def soon(days=14, hour=0):
    moment = timezone.now().replace(microsecond=0) + timedelta(days=days, hours=hour)
    return moment


@pytest.fixture
def body(region, bestuurder):
    """A body the bestuurder sits on through their linked person."""
    person = PersonFactory(region=region, user=bestuurder, name="Wethouder Jansen")
    body = BodyFactory(region=region, name="Stamtafel", meeting_duration_hours=Decimal("1.5"))
    MembershipFactory(body=body, person=person)
    return body


def user_url(user):
    return reverse("calendar_feed_user", kwargs={"token": calendar_feed_for(user).token})


def body_url(user, body):
    token = calendar_feed_for(user).token
    return reverse("calendar_feed_body", kwargs={"token": token, "pk": body.pk})


def events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def raw(response) -> str:
    return response.content.decode("utf-8")


def test_user_feed_has_the_calendar_frame_and_headers(client, body, bestuurder):
    response = client.get(user_url(bestuurder))  # no session: the token is the key
    assert response.status_code == 200
    text = raw(response)
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert "X-WR-CALNAME:" in text
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # only CRLF line ends
    assert response["Content-Disposition"] == 'inline; filename="mijn-vergaderingen.ics"'
    assert "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_events_carry_utc_times_end_and_location(client, body, bestuurder):
    start = soon()
    with_end = MeetingFactory(
        body=body, starts_at=start, ends_at=start + timedelta(hours=3), location="Zutphen"
    )
    by_duration = MeetingFactory(body=body, starts_at=soon(30), location="")
    found = events(client.get(user_url(bestuurder)))
    first = found[f"meeting-{with_end.pk}@zv-portaal"]
    assert first["DTSTART"].dt == start.astimezone(UTC)
    assert first["DTEND"].dt == (start + timedelta(hours=3)).astimezone(UTC)
    assert str(first["SUMMARY"]) == "Stamtafel"
    assert str(first["LOCATION"]) == "Zutphen"
    assert first["DTSTAMP"]
    second = found[f"meeting-{by_duration.pk}@zv-portaal"]
    assert second["DTEND"].dt - second["DTSTART"].dt == timedelta(hours=1, minutes=30)
    assert "LOCATION" not in second
    text = raw(client.get(user_url(bestuurder)))
    assert f"DTSTART:{start.astimezone(UTC):%Y%m%dT%H%M%S}Z\r\n" in text


def test_special_characters_are_escaped_and_read_back(client, body, bestuurder):
    title = 'Stamtafel, extra; "A\\B"\nregel twee'
    location = "Zaal 1; gebouw B, Zutphen\\Oost\r\nachteringang"
    meeting = MeetingFactory(body=body, title=title, location=location)
    response = client.get(user_url(bestuurder))
    event = events(response)[f"meeting-{meeting.pk}@zv-portaal"]
    assert str(event["SUMMARY"]) == title
    assert str(event["LOCATION"]) == location.replace("\r\n", "\n")
    text = raw(response)
    assert 'SUMMARY:Stamtafel\\, extra\\; "A\\\\B"\\nregel twee' in text
    assert "LOCATION:Zaal 1\\; gebouw B\\, Zutphen\\\\Oost\\nachteringang" in text


def test_long_titles_fold_at_75_octets_and_unfold(client, body, bestuurder):
    title = ("Überleg één keer: " + "zorg en veiligheid € ") * 10
    title = title[:200]
    assert len(title) == 200
    meeting = MeetingFactory(body=body, title=title)
    response = client.get(user_url(bestuurder))
    for line in response.content.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never split inside a character
    assert str(events(response)[f"meeting-{meeting.pk}@zv-portaal"]["SUMMARY"]) == title


def test_fold_and_escape_helpers():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = fold("X" * 80)
    assert folded == "X" * 75 + "\r\n " + "X" * 5
    assert all(len(p.encode()) <= 75 for p in fold("é" * 100).split("\r\n"))


def test_cancelled_old_and_ended_seats_are_left_out(client, region, body, bestuurder):
    kept = MeetingFactory(body=body)
    cancelled = MeetingFactory(body=body, status=c.MeetingStatus.GEANNULEERD)
    old = MeetingFactory(body=body, starts_at=timezone.now() - timedelta(days=400))
    recent = MeetingFactory(body=body, starts_at=timezone.now() - timedelta(days=30))
    left = BodyFactory(region=region)
    MembershipFactory(
        body=left,
        person=body.memberships.get().person,
        end=timezone.localdate() - timedelta(days=1),
    )
    MeetingFactory(body=left)
    uids = set(events(client.get(user_url(bestuurder))))
    assert uids == {f"meeting-{kept.pk}@zv-portaal", f"meeting-{recent.pk}@zv-portaal"}
    assert f"meeting-{cancelled.pk}@zv-portaal" not in uids
    assert f"meeting-{old.pk}@zv-portaal" not in uids


def test_nothing_but_title_time_and_location_leaks(client, body, bestuurder):
    meeting = MeetingFactory(body=body, note="GEHEIME-TOELICHTING")
    item = AgendaItemFactory(
        meeting=meeting, title="GEHEIM-AGENDAPUNT", description="GEHEIME-BESCHRIJVING"
    )
    DocumentFactory(agenda_item=item, title="GEHEIM-STUK")
    for url in (user_url(bestuurder), body_url(bestuurder, body)):
        text = raw(client.get(url))
        for secret in (
            "GEHEIME-TOELICHTING",
            "GEHEIM-AGENDAPUNT",
            "GEHEIME-BESCHRIJVING",
            "GEHEIM-STUK",
            "Wethouder Jansen",
            "DESCRIPTION",
            "ATTENDEE",
            "ORGANIZER",
            "URL",
        ):
            assert secret not in text, (url, secret)
        assert f"meeting-{meeting.pk}@zv-portaal" in text


def test_other_regions_never_appear(client, region, other_region, body, bestuurder):
    """The bestuurder's person sits in the other region too, but the account has no role
    there: nothing of that region shows, in neither feed."""
    stray = PersonFactory(region=other_region, user=bestuurder)
    foreign = BodyFactory(region=other_region)
    MembershipFactory(body=foreign, person=stray)
    foreign_meeting = MeetingFactory(body=foreign)
    own = MeetingFactory(body=body)
    uids = set(events(client.get(user_url(bestuurder))))
    assert uids == {f"meeting-{own.pk}@zv-portaal"}
    assert f"meeting-{foreign_meeting.pk}@zv-portaal" not in uids
    assert client.get(body_url(bestuurder, foreign)).status_code == 404


def test_body_feed_lists_the_body_meetings_for_any_reader(client, region, secretary):
    body = BodyFactory(region=region, name="DVO Noord")
    other_body = BodyFactory(region=region)
    meeting = MeetingFactory(body=body)
    MeetingFactory(body=other_body)
    response = client.get(body_url(secretary, body))
    assert set(events(response)) == {f"meeting-{meeting.pk}@zv-portaal"}
    assert response["Content-Disposition"] == 'inline; filename="dvo-noord.ics"'


def test_unknown_token_or_inactive_user_is_404(client, body, bestuurder):
    assert client.get(reverse("calendar_feed_user", kwargs={"token": "nope"})).status_code == 404
    bad_body = reverse("calendar_feed_body", kwargs={"token": "nope", "pk": body.pk})
    assert client.get(bad_body).status_code == 404
    url = user_url(bestuurder)
    bestuurder.is_active = False
    bestuurder.save()
    assert client.get(url).status_code == 404


def test_renewing_the_link_revokes_the_old_one(client, body, bestuurder):
    old_user, old_body = user_url(bestuurder), body_url(bestuurder, body)
    client.force_login(bestuurder)
    response = client.post(reverse("calendar"))
    assert response.status_code == 302
    assert response["Location"] == reverse("calendar")
    client.logout()
    assert client.get(old_user).status_code == 404
    assert client.get(old_body).status_code == 404
    assert client.get(user_url(bestuurder)).status_code == 200
    assert client.get(body_url(bestuurder, body)).status_code == 200


def test_calendar_page_shows_absolute_links_per_body(
    client, region, other_region, body, bestuurder
):
    BodyFactory(region=region, name="Niet mijn tafel")
    client.force_login(bestuurder)
    response = client.get(reverse("calendar"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "http://testserver" + user_url(bestuurder) in text
    assert "http://testserver" + body_url(bestuurder, body) in text
    assert "Niet mijn tafel" not in text
    assert "Nieuwe link maken" in text
    assert "geheim" in text


def test_calendar_page_lists_every_body_of_the_region_for_the_secretary(
    client, region, other_region, secretary
):
    own = BodyFactory(region=region, name="Tafel van de regio")
    BodyFactory(region=other_region, name="Tafel elders")
    client.force_login(secretary)
    text = client.get(reverse("calendar")).content.decode()
    assert "Tafel van de regio" in text
    assert body_url(secretary, own) in text
    assert "Tafel elders" not in text


def test_feed_of_a_user_without_persons_is_empty_but_valid(client, region):
    user = UserFactory()
    assert events(client.get(user_url(user))) == {}


def test_feed_urls_refuse_post(client, body, bestuurder):
    assert client.post(user_url(bestuurder)).status_code == 405


def test_meeting_times_in_summer_and_winter(client, body, bestuurder):
    tz = timezone.get_current_timezone()
    year = timezone.localdate().year + 1
    summer = MeetingFactory(body=body, starts_at=datetime(year, 7, 1, 14, 0, tzinfo=tz))
    winter = MeetingFactory(body=body, starts_at=datetime(year, 1, 10, 14, 0, tzinfo=tz))
    text = raw(client.get(user_url(bestuurder)))
    assert f"DTSTART:{year}0701T120000Z" in text  # CEST = UTC+2
    assert f"DTSTART:{year}0110T130000Z" in text  # CET = UTC+1
    assert summer.pk and winter.pk
