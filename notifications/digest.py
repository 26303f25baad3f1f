"""The digest ("overzicht"): one mail per user per period, composed in batches.

Who gets it: active users with an e-mail address whose frequency is not *uit* —
*wekelijks* (the default; period = ISO week "2026-W49", due from Monday 07:00 Dutch time)
or *dagelijks* (period = the date "2026-12-05", due from 07:00). ``send_digests`` (the
command the scheduler runs hourly) queues one ``SentMail`` per user and period (kind
``overzicht``, object_key ``digest``) through the same unique key as every other mail; a
period with nothing to report gets a row with status *leeg* (not mailed, but closed).

What it names — only what the user may see on the pages it links to (a mail is a page),
and only in the regions where the user has a role:

* their open actions (bestuurlijk trekker through their person's membership, or actiehouder
  = the owner person) that are overdue or have had no update in ``STALE_AFTER_DAYS`` days;
* their meetings in the next 14 days (bodies where their person has a seat on the meeting
  date), whether the agenda is out, and the stukken added since the previous digest (only
  where the user may read them: ``governance.view_documents``);
* the lines of events they want *in het overzicht* (``DigestEntry``), "Sinds het vorige
  overzicht";
* for a region's netwerksecretaris: open structure findings that were not open at the
  previous digest (the keys are stored as ``DigestEntry`` rows of kind ``overzicht``),
  bodies and mandates due for re-evaluation ("evalueren vóór" within 60 days or passed:
  ``governance.selectors.reevaluation``), checklist assessments past their review date, and
  the next reflection quarter without a gespreksleider.

Titles, dates, counts and links: no case text, no notes, no descriptions.

Queries: a batch costs a fixed number of queries whatever its size (every read is one
query for the whole batch); each region's structure checks run once per command run
(``DigestRun.region_findings``).
"""

from __future__ import annotations

import hashlib
import time as time_module
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casereflection.models import CaseReflection, quarter_label, quarter_of, shift_quarter
from checklist.models import Assessment
from core.constants import Role
from core.models import RoleAssignment
from governance.checks.window import check_region
from governance.constants import (
    CHAIR_ROLES,
    STALE_AFTER_DAYS,
    AgendaState,
    MeetingStatus,
)
from governance.models import Action, Document, Meeting, Membership, Region
from governance.selectors.findings import split_findings
from governance.selectors.reevaluation import due_for_reevaluation
from notifications.constants import DigestFrequency, MailKind, MailStatus
from notifications.delivery import enqueue_delivery
from notifications.models import DigestEntry, SentMail

DIGEST_KEY = "digest"
SEND_FROM = time(7, 0)
MEETING_WINDOW = timedelta(days=14)
BATCH_SIZE = 200
#: At most this many lines per list in the mail; the rest is a count and the link.
LIST_LIMIT = 10
FINDING_PREFIX = "finding:"


# --- the period ------------------------------------------------------------------------------


def period_of(frequency: str, now: datetime) -> str | None:
    """The period whose digest is due at ``now``, or None (before 07:00; Monday before 07:00
    for the weekly one; never for *uit*)."""
    local = timezone.localtime(now)
    if local.time() < SEND_FROM:
        return None
    if frequency == DigestFrequency.DAGELIJKS:
        return local.date().isoformat()
    if frequency == DigestFrequency.WEKELIJKS:
        year, week, _weekday = local.date().isocalendar()
        return f"{year}-W{week:02d}"
    return None


def period_length(frequency: str) -> timedelta:
    return timedelta(days=1) if frequency == DigestFrequency.DAGELIJKS else timedelta(days=7)


def due_users(frequency: str, period: str):
    """Active users with an address, of this frequency, without a digest for ``period``;
    annotated with their previous digest (``last_digest_id``, ``last_digest_at``)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if frequency == DigestFrequency.WEKELIJKS:
        users = users.filter(
            Q(digest_setting__isnull=True) | Q(digest_setting__frequency=frequency)
        )
    else:
        users = users.filter(digest_setting__frequency=frequency)
    digests = SentMail.objects.filter(
        recipient=OuterRef("pk"), kind=MailKind.OVERZICHT, object_key=DIGEST_KEY
    )
    previous = digests.exclude(period=period).order_by("-created_at", "-pk")
    return (
        users.filter(~Exists(digests.filter(period=period)))
        .annotate(
            last_digest_id=Subquery(previous.values("pk")[:1]),
            last_digest_at=Subquery(previous.values("created_at")[:1]),
        )
        .order_by("pk")
    )


# --- what a digest holds ---------------------------------------------------------------------


@dataclass
class Line:
    text: str
    url: str = ""
    detail: str = ""


@dataclass
class Section:
    heading: str
    lines: list[Line]
    total: int = 0  # more than the lines shown: "en nog …"
    more_url: str = ""

    @property
    def more(self) -> int:
        return max(self.total - len(self.lines), 0)


@dataclass
class Digest:
    user: object
    frequency: str
    period: str
    sections: list[Section] = field(default_factory=list)
    entries: list[DigestEntry] = field(default_factory=list)
    finding_keys: list[tuple[str, str]] = field(default_factory=list)  # (key, title)

    @property
    def count(self) -> int:
        return sum(max(s.total, len(s.lines)) for s in self.sections)

    @property
    def empty(self) -> bool:
        return self.count == 0


@dataclass
class DigestRun:
    """What one command run computes once: the regions' open findings (by region pk)."""

    now: datetime
    region_findings: dict[int, list] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)

    def open_findings(self, region: Region) -> list:
        if region.pk not in self.region_findings:
            checks = check_region(region, on=self.today)
            state = split_findings(region, checks.findings, on=self.today)
            self.region_findings[region.pk] = state.open
        return self.region_findings[region.pk]


def absolute(path: str) -> str:
    from django.conf import settings

    return settings.PORTAL_BASE_URL + path


def finding_key(region_id: int, finding) -> str:
    digest = hashlib.sha256(f"{finding.check}|{finding.subject}".encode()).hexdigest()[:24]
    return f"{FINDING_PREFIX}{region_id}:{digest}"


def _roles(users: list) -> None:
    """Give every user of the batch their roles (one query), as ``core.roles`` caches them."""
    by_user: dict[int, dict[int, set[str]]] = {u.pk: {} for u in users}
    national: set[int] = set()
    rows = RoleAssignment.objects.filter(user__in=users).order_by()
    for user_id, role, region_id in rows.values_list("user_id", "role", "region_id"):
        if role == Role.VNG_ADVISOR:
            national.add(user_id)
        elif region_id is not None:
            by_user[user_id].setdefault(region_id, set()).add(role)
    for user in users:
        user._zv_roles = (
            {k: frozenset(v) for k, v in by_user[user.pk].items()},
            user.pk in national,
        )


def _date(value) -> str:
    return date_format(value, "j F Y")


def _datetime(value) -> str:
    return date_format(timezone.localtime(value), "l j F Y, H:i")


def compose_batch(users: list, *, frequency: str, period: str, run: DigestRun) -> list[Digest]:
    """The digests of ``users`` (from ``due_users``): a fixed number of queries for the
    batch, plus each region's checks once per run."""
    if not users:
        return []
    now, today = run.now, run.today
    _roles(users)
    ids = [u.pk for u in users]
    regions_of = {u.pk: set(u._zv_roles[0]) for u in users}
    secretary_of = {
        u.pk: {rid for rid, roles in u._zv_roles[0].items() if Role.SECRETARY in roles}
        for u in users
    }
    all_regions = set().union(*regions_of.values())
    secretary_regions = set().union(*secretary_of.values())
    fallback_since = now - period_length(frequency)
    since_of = {u.pk: u.last_digest_at or fallback_since for u in users}

    # Actions: open, held by a user of the batch as trekker or actiehouder.
    stale_before = today - timedelta(days=STALE_AFTER_DAYS)
    actions = list(
        Action.objects.open()
        .filter(region_id__in=all_regions)
        .filter(Q(trekker__person__user__in=ids) | Q(owner__user__in=ids))
        .with_last_update()
        .filter(Q(due_date__lt=today) | Q(last_update_on__lt=stale_before))
        .annotate(trekker_user=F("trekker__person__user_id"), owner_user=F("owner__user_id"))
        .select_related("region")
        .only("pk", "title", "due_date", "region_id", "region__name", "region__slug")
        .order_by(F("due_date").asc(nulls_last=True), "title", "pk")
    )

    # Seats and meetings in the next 14 days.
    window_end = now + MEETING_WINDOW
    seats = list(
        Membership.objects.filter(person__user__in=ids, body__region_id__in=all_regions)
        .filter(
            Q(start__isnull=True) | Q(start__lte=timezone.localdate(window_end)),
            Q(end__isnull=True) | Q(end__gt=today),
        )
        .values_list("person__user_id", "body_id", "role", "start", "end")
    )
    body_ids = {s[1] for s in seats}
    meetings = list(
        Meeting.objects.filter(body_id__in=body_ids, starts_at__gte=now, starts_at__lt=window_end)
        .exclude(status=MeetingStatus.GEANNULEERD)
        .select_related("body__region")
        .only(
            "pk",
            "title",
            "starts_at",
            "agenda_state",
            "body_id",
            "body__name",
            "body__region_id",
            "body__region__name",
            "body__region__slug",
        )
        .order_by("starts_at", "pk")
    )
    documents = defaultdict(list)
    if meetings:
        earliest = min(since_of.values())
        for meeting_id, title, uploaded_at in (
            Document.objects.filter(
                agenda_item__meeting__in=[m.pk for m in meetings], uploaded_at__gt=earliest
            )
            .order_by("uploaded_at", "pk")
            .values_list("agenda_item__meeting_id", "title", "uploaded_at")
        ):
            documents[meeting_id].append((title, uploaded_at))

    # Event lines waiting for the digest, and the findings the previous digest saw.
    entries = defaultdict(list)
    for entry in (
        DigestEntry.objects.filter(user__in=ids, digest__isnull=True)
        .exclude(kind=MailKind.OVERZICHT)
        .order_by("created_at", "pk")
    ):
        entries[entry.user_id].append(entry)
    last_ids = {u.last_digest_id: u.pk for u in users if u.last_digest_id}
    seen = defaultdict(set)
    if last_ids:
        for digest_id, key in DigestEntry.objects.filter(
            digest_id__in=last_ids, kind=MailKind.OVERZICHT
        ).values_list("digest_id", "object_key"):
            seen[last_ids[digest_id]].add(key)

    # The secretaries' regions: findings (once per run), assessments, reflections.
    regions = {r.pk: r for r in Region.objects.filter(pk__in=secretary_regions)}
    review_due = defaultdict(list)
    reevaluate = defaultdict(list)
    unled = {}
    if regions:
        for due in due_for_reevaluation(regions, today):
            reevaluate[due.region_id].append(due)
        for assessment in (
            Assessment.objects.filter(
                region_id__in=regions,
                item__framework__is_current=True,
                next_review_on__lt=today,
            )
            .select_related("item", "municipality", "region")
            .order_by("next_review_on", "code", "pk")
        ):
            review_due[assessment.region_id].append(assessment)
        this = quarter_of(today)
        following = shift_quarter(*this, 1)
        led = defaultdict(bool)
        for region_id, year, quarter, facilitator_id in (
            CaseReflection.objects.filter(region_id__in=regions)
            .filter(Q(year=this[0], quarter=this[1]) | Q(year=following[0], quarter=following[1]))
            .values_list("region_id", "year", "quarter", "facilitator_id")
        ):
            led[(region_id, year, quarter)] |= facilitator_id is not None
        for region_id in regions:
            for quarter in (this, following):
                if not led[(region_id, *quarter)]:
                    unled[region_id] = quarter
                    break
    findings = {pk: run.open_findings(region) for pk, region in regions.items()}

    # Indexed by user (and body), so that each user's part costs what they hold.
    actions_of = defaultdict(list)
    for action in actions:
        for holder in {action.trekker_user, action.owner_user} - {None}:
            actions_of[holder].append(action)
    seats_of = defaultdict(lambda: defaultdict(list))
    for user_id, body_id, role, start, end in seats:
        seats_of[user_id][body_id].append((role, start, end))
    meetings_of = defaultdict(list)
    for meeting in meetings:
        meetings_of[meeting.body_id].append(meeting)

    digests = []
    for user in users:
        digest = Digest(user=user, frequency=frequency, period=period)
        mine = regions_of[user.pk]
        _action_sections(digest, actions_of[user.pk], mine, today, stale_before)
        _meeting_section(
            digest,
            user,
            sorted(
                (m for body_id in seats_of[user.pk] for m in meetings_of.get(body_id, ())),
                key=lambda m: (m.starts_at, m.pk),
            ),
            seats_of[user.pk],
            documents,
            since_of[user.pk],
            mine,
        )
        _entry_section(digest, entries[user.pk])
        for region_id in sorted(secretary_of[user.pk], key=lambda pk: regions[pk].name):
            _secretary_sections(
                digest,
                regions[region_id],
                findings[region_id],
                seen[user.pk],
                reevaluate[region_id],
                review_due[region_id],
                unled.get(region_id),
            )
        digests.append(digest)
    return digests


def _action_line(action: Action) -> Line:
    due = (
        _("termijn %(date)s") % {"date": _date(action.due_date)}
        if action.due_date
        else _("geen termijn")
    )
    return Line(
        action.title,
        absolute(action.get_absolute_url()),
        f"{action.region.name} · {due}",
    )


def _action_sections(digest, held, regions, today, stale_before) -> None:
    mine = [a for a in held if a.region_id in regions]
    overdue = [a for a in mine if a.due_date is not None and a.due_date < today]
    stale = [a for a in mine if a.last_update_on is not None and a.last_update_on < stale_before]
    if overdue:
        digest.sections.append(
            Section(
                _("Uw acties met een verstreken termijn"),
                [_action_line(a) for a in overdue[:LIST_LIMIT]],
                len(overdue),
            )
        )
    if stale:
        digest.sections.append(
            Section(
                _("Uw acties zonder update in %(days)d dagen") % {"days": STALE_AFTER_DAYS},
                [_action_line(a) for a in stale[:LIST_LIMIT]],
                len(stale),
            )
        )


def _seat_on(seats: list, day: date) -> list[str]:
    """The roles of the seats (role, start, end) valid on ``day``."""
    return [
        role
        for role, start, end in seats
        if (start is None or start <= day) and (end is None or end > day)
    ]


def _meeting_section(digest, user, meetings, seats, documents, since, regions) -> None:
    roles_by_region = user._zv_roles[0]
    lines = []
    for meeting in meetings:
        region_id = meeting.body.region_id
        if region_id not in regions:
            continue
        seat_roles = _seat_on(seats.get(meeting.body_id, ()), timezone.localdate(meeting.starts_at))
        if not seat_roles:
            continue
        out = meeting.agenda_state == AgendaState.DEFINITIEF
        details = [
            meeting.body.region.name,
            _datetime(meeting.starts_at),
            _("agenda verzonden") if out else _("agenda nog niet verzonden"),
        ]
        # governance.view_documents: the secretary, or a role in the region and (the agenda
        # is out or the user chairs the meeting).
        may_read = Role.SECRETARY in roles_by_region.get(region_id, ()) or (
            out or any(role in CHAIR_ROLES for role in seat_roles)
        )
        added = [title for title, at in documents.get(meeting.pk, ()) if at > since]
        if may_read and added:
            details.append(
                ngettext(
                    "%(n)d stuk toegevoegd: %(titles)s",
                    "%(n)d stukken toegevoegd: %(titles)s",
                    len(added),
                )
                % {"n": len(added), "titles": "; ".join(added[:LIST_LIMIT])}
            )
        lines.append(
            Line(meeting.display_title, absolute(meeting.get_absolute_url()), " · ".join(details))
        )
    if lines:
        digest.sections.append(Section(_("Uw vergaderingen in de komende 14 dagen"), lines))


def _entry_section(digest, entries) -> None:
    if entries:
        digest.entries = entries
        digest.sections.append(
            Section(_("Sinds het vorige overzicht"), [Line(e.subject, e.url) for e in entries])
        )


def first_sentence(text: str) -> str:
    """The first sentence of a finding's message (it names the table; the rest is advice
    that the checks page shows)."""
    head = str(text).split(". ", 1)[0].strip().rstrip(".")
    return f"{head}." if head else ""


def _reevaluation_line(due) -> Line:
    name = due.body_name
    if due.mandate_id is not None:
        name = f"{due.body_name}: {due.mandate_description}"
    when = _date(due.evaluate_before)
    if due.overdue:
        detail = _("evalueren vóór %(date)s — die datum is verstreken") % {"date": when}
    else:
        detail = ngettext(
            "evalueren vóór %(date)s — nog %(days)d dag",
            "evalueren vóór %(date)s — nog %(days)d dagen",
            due.days,
        ) % {"date": when, "days": due.days}
    return Line(name, absolute(due.url), detail)


def _secretary_sections(digest, region, findings, seen, reevaluate, review_due, unled) -> None:
    checks_url = absolute(reverse("governance:checks", kwargs={"region": region.slug}))
    new = []
    for finding in findings:
        key = finding_key(region.pk, finding)
        digest.finding_keys.append((key, finding.title))
        if key not in seen:
            new.append(finding)
    if new:
        digest.sections.append(
            Section(
                _("Nieuwe bevindingen over de structuur van %(region)s") % {"region": region.name},
                [
                    Line(f.title, checks_url, f"{f.severity_label}: {first_sentence(f.message)}")
                    for f in new[:LIST_LIMIT]
                ],
                len(new),
                checks_url,
            )
        )
    if reevaluate:
        digest.sections.append(
            Section(
                _("Te evalueren in %(region)s: gremia en mandaten") % {"region": region.name},
                [_reevaluation_line(due) for due in reevaluate[:LIST_LIMIT]],
                len(reevaluate),
            )
        )
    if review_due:
        digest.sections.append(
            Section(
                _("Checklist van %(region)s: beoordelingen voorbij de datum van herbeoordeling")
                % {"region": region.name},
                [
                    Line(
                        f"{a.code} {a.item.title}"
                        + (f" ({a.municipality.name})" if a.municipality_id else ""),
                        absolute(a.get_absolute_url()),
                        _("herbeoordelen vóór %(date)s") % {"date": _date(a.next_review_on)},
                    )
                    for a in review_due[:LIST_LIMIT]
                ],
                len(review_due),
            )
        )
    if unled:
        url = absolute(reverse("casereflection:reflection_list", kwargs={"region": region.slug}))
        digest.sections.append(
            Section(
                _("Casusreflectie in %(region)s") % {"region": region.name},
                [
                    Line(
                        _("%(quarter)s heeft nog geen gespreksleider")
                        % {"quarter": quarter_label(*unled)},
                        url,
                    )
                ],
            )
        )


# --- the mail --------------------------------------------------------------------------------


def subject_of(digest: Digest) -> str:
    if digest.frequency == DigestFrequency.DAGELIJKS:
        when = _date(date.fromisoformat(digest.period))
        return _("Uw dagoverzicht van Z+V Portaal, %(date)s") % {"date": when}
    week = int(digest.period.split("-W")[1])
    return _("Uw weekoverzicht van Z+V Portaal, week %(week)d") % {"week": week}


def render(digest: Digest) -> dict:
    subject = subject_of(digest)
    context = {
        "subject": subject,
        "sections": digest.sections,
        "count": digest.count,
        "url": absolute(reverse("home")),
        "settings_url": absolute(reverse("notifications:settings")),
        "kind_label": MailKind.OVERZICHT.label,
        "frequency_label": DigestFrequency(digest.frequency).label.lower(),
    }
    return {
        "subject": subject,
        "text": render_to_string("notifications/mail/digest.txt", context),
        "html": render_to_string("notifications/mail/digest.html", context),
        "url": context["url"],
    }


# --- sending ---------------------------------------------------------------------------------


def _store(digests: list[Digest]) -> list[SentMail]:
    """Record the batch's digests (inside the caller's transaction): one SentMail per user
    (status *leeg* for an empty one), the event lines marked as included, the findings seen
    recorded. A few queries for the whole batch."""
    now = timezone.now()
    mails = []
    for digest in digests:
        user = digest.user
        if digest.empty:
            mails.append(
                SentMail(
                    recipient=user,
                    address=user.email.strip(),
                    kind=MailKind.OVERZICHT,
                    object_key=DIGEST_KEY,
                    period=digest.period,
                    subject=subject_of(digest),
                    status=MailStatus.LEEG,
                )
            )
            continue
        rendered = render(digest)
        mails.append(
            SentMail(
                recipient=user,
                address=user.email.strip(),
                kind=MailKind.OVERZICHT,
                object_key=DIGEST_KEY,
                period=digest.period,
                subject=" ".join(rendered["subject"].split())[:200],
                body_text=rendered["text"],
                body_html=rendered["html"],
                url=rendered["url"][:500],
                next_attempt_at=now,
            )
        )
    SentMail.objects.bulk_create(mails)
    included, seen = [], []
    for digest, mail in zip(digests, mails, strict=True):
        for entry in digest.entries:
            entry.digest = mail
            included.append(entry)
        for key, title in dict(digest.finding_keys).items():
            seen.append(
                DigestEntry(
                    user=digest.user,
                    kind=MailKind.OVERZICHT,
                    object_key=key,
                    period=digest.period,
                    subject=title[:200],
                    digest=mail,
                )
            )
    if included:
        DigestEntry.objects.bulk_update(included, ["digest"])
    if seen:
        DigestEntry.objects.bulk_create(seen, ignore_conflicts=True)
    return mails


@dataclass
class Outcome:
    queued: int = 0
    empty: int = 0
    lines: list[str] = field(default_factory=list)  # --dry-run: who would get what


def send_digests(
    *,
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
    dry_run: bool = False,
    pause: float = 0.0,
) -> Outcome:
    """Queue the digests that are due at ``now``; idempotent (see the module docstring).

    Each batch is one transaction: the users still due are read inside it, so a run killed
    mid-way and started again continues where it stopped; the delivery tasks are enqueued
    after the commit (a task lost there is re-enqueued by ``send_pending_mail``).
    ``pause`` (seconds after each batch) makes a run observable for the kill test.
    """
    now = now or timezone.now()
    run = DigestRun(now=now)
    outcome = Outcome()
    for frequency in (DigestFrequency.DAGELIJKS, DigestFrequency.WEKELIJKS):
        period = period_of(frequency, now)
        if period is None:
            continue
        after = 0
        conflicts = 0
        while True:
            try:
                with transaction.atomic():
                    users = list(due_users(frequency, period).filter(pk__gt=after)[:batch_size])
                    if not users:
                        break
                    digests = compose_batch(users, frequency=frequency, period=period, run=run)
                    if dry_run:
                        for d in digests:
                            outcome.lines.append(
                                f"{d.user.get_username()}: {frequency} {period}: {d.count} punt(en)"
                            )
                    else:
                        mails = _store(digests)
                        for mail in mails:
                            if mail.status == MailStatus.WACHTRIJ:
                                outcome.queued += 1
                                transaction.on_commit(lambda pk=mail.pk: enqueue_delivery(pk))
                            else:
                                outcome.empty += 1
                    after = users[-1].pk
            except IntegrityError:
                # Another run queued one of these at the same moment: read the batch again
                # (the users it did are no longer due).
                conflicts += 1
                if conflicts > 3:
                    raise
                continue
            if pause:
                time_module.sleep(pause)
    return outcome
