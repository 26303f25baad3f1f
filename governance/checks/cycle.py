"""Rules about the meeting cycle of a table: attendance below the threshold, minutes not
adopted within two meetings, and an agenda that went out after the stukken term.

They read the held meetings of the last ``HEALTH_MONTHS`` months with their figures
(:func:`governance.selectors.health.meeting_figures`), loaded once with the structure.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.checks.base import Finding, _finding, _url, months_before
from governance.checks.structure import FREQUENCY_WINDOW_MONTHS, _Structure
from governance.constants import ATTENDANCE_THRESHOLD

# The attendance rule looks at the last this many meetings with recorded attendance.
ATTENDANCE_MEETINGS = 4
# Minutes are adopted within this many later meetings.
MINUTES_WITHIN_MEETINGS = 2


def _attendance_below_threshold(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        rated = [m for m in s.meetings.get(body.pk, ()) if m.rate is not None]
        last = rated[-ATTENDANCE_MEETINGS:]
        if len(last) < ATTENDANCE_MEETINGS:
            continue
        average = 100 * sum(m.rate for m in last) / len(last)
        if average >= ATTENDANCE_THRESHOLD:
            continue
        yield _finding(
            "attendance_below_threshold",
            _(
                "%(body)s: gemiddeld %(average)s%% van de stemgerechtigde leden aanwezig of "
                "vervangen bij de laatste %(n)s vergaderingen (%(first)s tot en met %(last)s); "
                "de ondergrens is %(threshold)s%%. Een tafel waar de leden wegblijven, kan haar "
                "rol niet waarmaken: bespreek met de voorzitter of de samenstelling, het tijdstip "
                "of het aantal vergaderingen moet veranderen."
            )
            % {
                "body": body.name,
                "average": round(average),
                "n": len(last),
                "first": last[0].day.strftime("%d-%m-%Y"),
                "last": last[-1].day.strftime("%d-%m-%Y"),
                "threshold": ATTENDANCE_THRESHOLD,
            },
            _url("body", region=s.region.slug, pk=body.pk) + "#gezondheid",
            _("Gezondheid van de tafel bekijken"),
            body.pk,
        )


def _recent(s: _Structure, body_id: int) -> list:
    """The held meetings of ``body_id`` in the last 12 months up to ``on``."""
    start = months_before(s.on, FREQUENCY_WINDOW_MONTHS)
    return [m for m in s.meetings.get(body_id, ()) if m.day >= start]


def _minutes_not_adopted(s: _Structure) -> Iterable[Finding]:
    start = months_before(s.on, FREQUENCY_WINDOW_MONTHS)
    for body in s.active.values():
        held = s.meetings.get(body.pk, [])
        late = [
            m
            for index, m in enumerate(held)
            if m.day >= start
            and not m.minutes_adopted
            and len(held) - index - 1 >= MINUTES_WITHIN_MEETINGS
        ]
        if not late:
            continue
        first = late[0]
        yield _finding(
            "minutes_not_adopted",
            ngettext(
                "%(body)s: het verslag van %(n)d vergadering in de afgelopen 12 maanden "
                "(%(first)s) is niet vastgesteld, terwijl er sindsdien al %(within)s of meer "
                "vergaderingen zijn geweest.",
                "%(body)s: de verslagen van %(n)d vergaderingen in de afgelopen 12 maanden "
                "(de eerste op %(first)s) zijn niet vastgesteld, terwijl er sindsdien al "
                "%(within)s of meer vergaderingen zijn geweest.",
                len(late),
            )
            % {
                "body": body.name,
                "n": len(late),
                "first": first.day.strftime("%d-%m-%Y"),
                "within": MINUTES_WITHIN_MEETINGS,
            }
            + " "
            + _(
                "Stel een verslag vast in de eerstvolgende vergadering: pas dan liggen de "
                "besluiten en de aanwezigheid vast."
            ),
            _url("meeting", region=s.region.slug, pk=first.pk),
            _("Vergadering van %(date)s openen") % {"date": first.day.strftime("%d-%m-%Y")},
            body.pk,
        )


def _agenda_after_term(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        term = body.documents_term_days
        recent = _recent(s, body.pk)
        late = [
            m
            for m in recent
            if m.agenda_published_at is not None
            and timezone.localdate(m.agenda_published_at) > m.day - timedelta(days=term)
        ]
        if not late:
            continue
        last = late[-1]
        yield _finding(
            "agenda_after_term",
            _(
                "%(body)s: bij %(late)s van de %(held)s vergaderingen in de afgelopen 12 maanden "
                "ging de agenda later uit dan %(term)s (laatst voor de vergadering van "
                "%(last)s). Wie de stukken te laat krijgt, kan zich niet voorbereiden en niet "
                "met de eigen achterban overleggen."
            )
            % {
                "body": body.name,
                "late": len(late),
                "held": len(recent),
                "term": ngettext(
                    "%(n)d dag voor de vergadering", "%(n)d dagen voor de vergadering", term
                )
                % {"n": term},
                "last": last.day.strftime("%d-%m-%Y"),
            },
            _url("meeting_list", region=s.region.slug),
            _("Vergaderingen plannen"),
            body.pk,
        )
