"""iCalendar (RFC 5545) feeds of meetings, written by hand.

A feed says only *when* and *where* a table meets and what it is called: no agenda, no
documents, no persons, no notes. Calendar clients fetch it without a session, authenticated by
the secret token in the URL (``governance.CalendarFeed``), which the user can renew.

Text rules followed here (RFC 5545 §3.1, §3.3.11): lines end in CRLF; lines longer than 75
octets are folded (CRLF + one space) without splitting a UTF-8 character; in TEXT values
backslash, semicolon and comma are escaped and newlines become ``\\n``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from governance.models import Body, Meeting, Membership

PRODID = "-//Z+V Portaal//Vergaderingen//NL"
UID_DOMAIN = "zv-portaal"
FOLD_OCTETS = 75
DEFAULT_DURATION = timedelta(hours=2)
# A feed shows meetings from this long ago on (calendar clients keep what they saw before).
FEED_HISTORY = timedelta(days=365)


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash first, then ; and , and newlines (CR LF, CR, LF)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return re.sub(r"\r\n|\r|\n", "\\\\n", value)


def fold(line: str) -> str:
    """Fold one content line at 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = FOLD_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size = " ", 1  # continuation lines start with one space
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def format_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_end(meeting: Meeting) -> datetime:
    if meeting.ends_at:
        return meeting.ends_at
    hours = meeting.body.meeting_duration_hours
    duration = timedelta(hours=float(hours)) if hours else DEFAULT_DURATION
    return meeting.starts_at + duration


def _event(meeting: Meeting, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{format_utc(meeting.starts_at)}",
        f"DTEND:{format_utc(meeting_end(meeting))}",
        f"SUMMARY:{escape_text(meeting.display_title)}",
    ]
    if meeting.location:
        lines.append(f"LOCATION:{escape_text(meeting.location)}")
    lines.append("END:VEVENT")
    return lines


def render_calendar(name: str, meetings: Iterable[Meeting], *, now: datetime | None = None) -> str:
    """The complete VCALENDAR text. ``meetings`` need ``body`` loaded (select_related)."""
    stamp = format_utc(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for meeting in meetings:
        lines.extend(_event(meeting, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_response(name: str, filename: str, meetings: Iterable[Meeting]) -> HttpResponse:
    response = HttpResponse(
        render_calendar(name, meetings).encode("utf-8"),
        content_type="text/calendar; charset=utf-8",
    )
    safe = slugify(filename)[:80] or "vergaderingen"
    response["Content-Disposition"] = f'inline; filename="{safe}.ics"'
    response["Cache-Control"] = "private, max-age=0, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- what a feed contains ---------------------------------------------------------------------


def _feed_meetings(user):
    """Meetings a feed may show for ``user``: visible regions, not cancelled, from a year ago."""
    since = timezone.now() - FEED_HISTORY
    return (
        Meeting.objects.visible_to(user)
        .filter(starts_at__gte=since)
        .exclude(status="geannuleerd")
        .select_related("body")
        .order_by("starts_at", "pk")
    )


def user_feed_meetings(user):
    """Meetings of the bodies where the user's persons hold a current membership.

    Only regions the user may read (``_feed_meetings``): a person record in a region where the
    account has no role (any more) shows nothing from there.
    """
    today = timezone.localdate()
    sitting = Membership.objects.valid_on(today).filter(person__user=user).values("body_id")
    return _feed_meetings(user).filter(body__in=sitting)


def body_feed_meetings(user, body: Body):
    return _feed_meetings(user).filter(body=body)
