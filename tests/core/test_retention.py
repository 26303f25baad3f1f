"""Retention (docs/privacy.md): every kind just before and just after its cut-off, the dry run,
idempotency of ``apply_retention`` and the start-up check of the periods."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models.query import QuerySet
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts import audit
from accounts.models import AuditEvent, UserSession
from casereflection.constants import HIDDEN_FIELDS, ReflectionStatus
from casereflection.models import CaseReflection, PrivacyExplanation
from casereflection.retention import REDACTED, follow_up_moment
from core import retention
from core.checks import retention_periods
from notifications.constants import MailKind, MailStatus
from notifications.models import DigestEntry, SentMail
from tests.factories import CaseReflectionFactory, ConclusionFactory, UserFactory, any_theme

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 5, 2, 15, tzinfo=UTC)
SECOND = timedelta(seconds=1)
CASE_TEXT = "Woonoverlast na ontslag uit de kliniek, buren slapen slecht"


def _run(*args) -> str:
    out = StringIO()
    call_command("apply_retention", "--now", NOW.isoformat(), *args, stdout=out)
    return out.getvalue()


def _counts(output: str) -> dict[str, int]:
    return {
        line.split(":")[0]: int(line.split(":")[1].split()[0])
        for line in output.splitlines()
        if ":" in line and not line.startswith("Proefdraai")
    }


def _snapshot() -> dict:
    """Everything the kinds touch, to prove that a run changed nothing."""
    return {
        "reflections": list(CaseReflection.objects.order_by("pk").values()),
        "history": list(CaseReflection.history.order_by("history_id").values()),
        "explanations": list(PrivacyExplanation.objects.order_by("pk").values_list("pk")),
        "mails": list(SentMail.objects.order_by("pk").values_list("pk")),
        "entries": list(DigestEntry.objects.order_by("pk").values_list("pk", "digest_id")),
        "tasks": list(DBTaskResult.objects.order_by("pk").values_list("pk")),
        "audit": list(AuditEvent.objects.order_by("pk").values_list("pk")),
        "sessions": list(Session.objects.order_by("pk").values_list("pk")),
        "logins": list(AccessLog.objects.order_by("pk").values_list("pk")),
        "user_sessions": list(UserSession.objects.order_by("pk").values_list("pk")),
    }


# --- case texts ------------------------------------------------------------------------------


def _followed_up(at: datetime, **kwargs) -> CaseReflection:
    """A reflection with case text that became opgevolgd at ``at`` (by its history)."""
    reflection = CaseReflectionFactory(
        title=f"{CASE_TEXT} (titel)",
        summary=CASE_TEXT,
        dilemma=f"{CASE_TEXT} (dilemma)",
        proposal=f"{CASE_TEXT} (voorstel)",
        follow_up_note=f"{CASE_TEXT} (opvolging)",
        **kwargs,
    )
    reflection.themes.add(any_theme())
    reflection.summary = f"{CASE_TEXT} (eerdere versie)"
    reflection.save()
    reflection.status = ReflectionStatus.OPGEVOLGD
    reflection.save()
    created, edited, followed = reflection.history.order_by("history_date", "history_id")
    for record, moment in ((created, at - timedelta(days=200)), (edited, at - timedelta(days=100))):
        CaseReflection.history.filter(history_id=record.history_id).update(history_date=moment)
    CaseReflection.history.filter(history_id=followed.history_id).update(history_date=at)
    PrivacyExplanation.objects.create(
        reflection=reflection, field="summary", kind="datum", text="3 maart", explanation="Geen"
    )
    reflection.refresh_from_db()
    return reflection


def _case_cutoff(settings) -> datetime:
    return NOW.replace(year=NOW.year - settings.ZV_RETENTION_CASE_TEXT_YEARS)


def _texts(reflection) -> list[str]:
    rows = [CaseReflection.objects.filter(pk=reflection.pk).values(*HIDDEN_FIELDS).get()]
    rows += list(CaseReflection.history.filter(id=reflection.pk).values(*HIDDEN_FIELDS))
    return [row[name] for row in rows for name in HIDDEN_FIELDS]


def test_case_text_is_redacted_live_and_in_history_after_the_period_only(settings):
    settings.ZV_RETENTION_CASE_TEXT_YEARS = 2
    cutoff = _case_cutoff(settings)
    old = _followed_up(cutoff - SECOND)
    structure = (old.region_id, old.year, old.quarter, old.sub_region_id, old.case_kind)
    young = _followed_up(cutoff + SECOND)
    ConclusionFactory(reflection=old)
    version = old.version

    assert _counts(_run("--kind", "casusteksten")) == {"casusteksten": 1}

    old.refresh_from_db()
    assert all(CASE_TEXT not in text for text in _texts(old))
    assert old.title == old.summary == old.dilemma == REDACTED
    # An empty field stays empty: the structure says it was not filled in.
    assert old.insights == "" and old.answer_justice == ""
    assert old.version == version + 1
    assert not PrivacyExplanation.objects.filter(reflection=old).exists()
    # The structure stays: region, quarter, status, themes, conclusions, the history's dates.
    assert (old.region_id, old.year, old.quarter, old.sub_region_id, old.case_kind) == structure
    assert old.status == ReflectionStatus.OPGEVOLGD
    assert old.themes.count() == 1 and old.conclusions.count() == 1
    assert old.history.count() == 3
    # Followed up after the cut-off: untouched.
    assert CASE_TEXT in young.summary
    assert any(CASE_TEXT in text for text in _texts(young))
    assert PrivacyExplanation.objects.filter(reflection=young).exists()


def test_only_followed_up_reflections_are_redacted_counting_from_the_last_follow_up(settings):
    settings.ZV_RETENTION_CASE_TEXT_YEARS = 2
    cutoff = _case_cutoff(settings)
    # Long ago concluded, never followed up: the Stamtafel still works on it.
    open_one = CaseReflectionFactory(summary=CASE_TEXT, status=ReflectionStatus.GECONCLUDEERD)
    CaseReflection.history.filter(id=open_one.pk).update(history_date=cutoff - timedelta(days=900))
    # Followed up long ago, moved back, followed up again recently: counts from the second time.
    again = _followed_up(cutoff - timedelta(days=400))
    again.status = ReflectionStatus.GECONCLUDEERD
    again.save()
    again.status = ReflectionStatus.OPGEVOLGD
    again.save()
    back, forward = again.history.order_by("-history_date", "-history_id")[:2][::-1]
    CaseReflection.history.filter(history_id=back.history_id).update(
        history_date=cutoff - timedelta(days=10)
    )
    CaseReflection.history.filter(history_id=forward.history_id).update(
        history_date=cutoff + timedelta(days=10)
    )

    assert _counts(_run("--kind", "casusteksten")) == {"casusteksten": 0}
    open_one.refresh_from_db()
    again.refresh_from_db()
    assert open_one.summary == CASE_TEXT and CASE_TEXT in again.summary


# --- mails, digest lines and task results ----------------------------------------------------


def _mail(user, key, *, at, status=MailStatus.VERZONDEN):
    mail = SentMail.objects.create(
        recipient=user,
        address=user.email or "iemand@example.org",
        kind=MailKind.TREKKER,
        object_key=key,
        subject="Onderwerp",
        status=status,
    )
    SentMail.objects.filter(pk=mail.pk).update(created_at=at)
    return mail


def _entry(user, key, *, at, digest=None):
    entry = DigestEntry.objects.create(
        user=user, kind=MailKind.TREKKER, object_key=key, subject="Regel", digest=digest
    )
    DigestEntry.objects.filter(pk=entry.pk).update(created_at=at)
    return entry


def test_sent_mails_and_digest_lines_go_after_the_period_queued_mails_stay(settings):
    settings.ZV_RETENTION_SENT_MAIL_DAYS = 365
    cutoff = NOW - timedelta(days=365)
    user = UserFactory(username="ontvanger", email="ontvanger@example.org")
    old = _mail(user, "a:1", at=cutoff - SECOND)
    failed = _mail(user, "a:2", at=cutoff - SECOND, status=MailStatus.GEWEIGERD)
    queued = _mail(user, "a:3", at=cutoff - timedelta(days=30), status=MailStatus.WACHTRIJ)
    young = _mail(user, "a:4", at=cutoff + SECOND)
    old_line = _entry(user, "l:1", at=cutoff - SECOND, digest=young)
    # A line newer than the cut-off in a removed digest: it goes with it (it would look unsent).
    line_of_old = _entry(user, "l:2", at=cutoff + SECOND, digest=old)
    young_line = _entry(user, "l:3", at=cutoff + SECOND, digest=young)
    pending = _entry(user, "l:4", at=cutoff + SECOND)

    assert _counts(_run("--kind", "emails")) == {"emails": 4}

    assert set(SentMail.objects.values_list("pk", flat=True)) == {queued.pk, young.pk}
    assert set(DigestEntry.objects.values_list("pk", flat=True)) == {young_line.pk, pending.pk}
    assert not DigestEntry.objects.filter(pk__in=[old_line.pk, line_of_old.pk]).exists()
    assert old.pk != failed.pk


def _task(status, *, finished_at):
    return DBTaskResult.objects.create(
        id=uuid.uuid4(),
        status=status,
        finished_at=finished_at,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="notifications.delivery.deliver",
        backend_name="default",
        run_after=finished_at or NOW,
        exception_class_path="",
        traceback="",
    )


def test_finished_task_results_go_after_the_period_waiting_tasks_stay(settings):
    settings.ZV_RETENTION_TASK_RESULT_DAYS = 30
    cutoff = NOW - timedelta(days=30)
    done = _task(TaskResultStatus.SUCCESSFUL, finished_at=cutoff - SECOND)
    failed = _task(TaskResultStatus.FAILED, finished_at=cutoff - SECOND)
    young = _task(TaskResultStatus.SUCCESSFUL, finished_at=cutoff + SECOND)
    waiting = _task(TaskResultStatus.READY, finished_at=None)

    assert _counts(_run("--kind", "taakresultaten")) == {"taakresultaten": 2}
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {young.pk, waiting.pk}
    assert done.pk != failed.pk


# --- audit log and sessions ------------------------------------------------------------------


def _event(at):
    event = audit.record("login_failed", username="iemand")
    # Test set-up only: place the line in time (the model itself refuses updates).
    QuerySet.update(AuditEvent.objects.filter(pk=event.pk), at=at)
    return event


def test_audit_lines_go_after_the_period(settings):
    settings.ZV_AUDIT_RETENTION_DAYS = 365
    cutoff = NOW - timedelta(days=365)
    _event(cutoff - SECOND)
    young = _event(cutoff + SECOND)
    assert _counts(_run("--kind", "auditlog")) == {"auditlog": 1}
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [young.pk]


def _login(at, model=AccessLog):
    record = model.objects.create(username="iemand", ip_address="192.0.2.1", user_agent="x")
    model.objects.filter(pk=record.pk).update(attempt_time=at)
    return record


def test_sign_in_records_go_after_the_audit_period(settings):
    settings.ZV_AUDIT_RETENTION_DAYS = 365
    cutoff = NOW - timedelta(days=365)
    _login(cutoff - SECOND)
    _login(cutoff - SECOND, AccessFailureLog)
    young = _login(cutoff + SECOND)
    young_failure = _login(cutoff + SECOND, AccessFailureLog)
    assert _counts(_run("--kind", "inlogpogingen")) == {"inlogpogingen": 2}
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [young.pk]
    assert list(AccessFailureLog.objects.values_list("pk", flat=True)) == [young_failure.pk]


def test_expired_sessions_and_their_rows_go_live_ones_stay():
    user = UserFactory(username="sessie")
    now = timezone.now()
    Session.objects.create(session_key="verlopen" * 4, session_data="", expire_date=now - SECOND)
    Session.objects.create(
        session_key="levend00" * 4, session_data="", expire_date=now + 60 * SECOND
    )
    UserSession.objects.create(session_key="verlopen" * 4, user=user)
    live = UserSession.objects.create(session_key="levend00" * 4, user=user)
    out = StringIO()
    call_command("apply_retention", "--kind", "sessies", stdout=out)
    assert _counts(out.getvalue()) == {"sessies": 2}
    assert list(Session.objects.values_list("session_key", flat=True)) == ["levend00" * 4]
    assert list(UserSession.objects.values_list("pk", flat=True)) == [live.pk]


# --- the command as a whole ------------------------------------------------------------------


@pytest.fixture
def due_everywhere(settings):
    """One item past its period of every kind (and one within it)."""
    settings.ZV_RETENTION_CASE_TEXT_YEARS = 2
    settings.ZV_RETENTION_SENT_MAIL_DAYS = 365
    settings.ZV_RETENTION_TASK_RESULT_DAYS = 30
    settings.ZV_AUDIT_RETENTION_DAYS = 365
    cutoff = _case_cutoff(settings)
    _followed_up(cutoff - timedelta(days=1))
    _followed_up(cutoff + timedelta(days=1))
    user = UserFactory(username="ontvanger", email="ontvanger@example.org")
    _mail(user, "a:1", at=NOW - timedelta(days=400))
    _mail(user, "a:2", at=NOW - timedelta(days=10))
    _task(TaskResultStatus.SUCCESSFUL, finished_at=NOW - timedelta(days=40))
    _event(NOW - timedelta(days=400))
    _event(NOW - timedelta(days=10))
    Session.objects.create(
        session_key="verlopen" * 4, session_data="", expire_date=NOW - timedelta(days=1)
    )
    _login(NOW - timedelta(days=400))
    _login(NOW - timedelta(days=10))


def test_dry_run_lists_counts_and_cutoffs_and_changes_nothing(due_everywhere):
    before = _snapshot()
    output = _run("--dry-run")
    assert _snapshot() == before
    assert output.startswith("Proefdraai")
    assert _counts(output) == {
        "casusteksten": 1,
        "emails": 1,
        "taakresultaten": 1,
        "auditlog": 1,
        "inlogpogingen": 1,
        "sessies": 1,
    }
    assert "peildatum 2024-12-05" in output  # the case texts' cut-off, two years back
    assert "peildatum 2025-12-05" in output  # mails and audit log, a year back
    assert CASE_TEXT not in output


def test_a_second_run_changes_nothing(due_everywhere):
    first = _counts(_run())
    assert first == {
        "casusteksten": 1,
        "emails": 1,
        "taakresultaten": 1,
        "auditlog": 1,
        "inlogpogingen": 1,
        "sessies": 1,
    }
    after_first = _snapshot()
    second = _counts(_run())
    assert set(second.values()) == {0}
    assert _snapshot() == after_first
    assert _counts(_run("--dry-run")) == second


def test_unknown_kind_and_bad_moment_are_refused():
    with pytest.raises(CommandError, match="Onbekende soort"):
        call_command("apply_retention", "--kind", "alles", stdout=StringIO())
    with pytest.raises(CommandError, match="geen geldig tijdstip"):
        call_command("apply_retention", "--now", "gisteren", stdout=StringIO())


def test_every_kind_is_registered():
    assert [k.key for k in retention.kinds()] == [
        "casusteksten",
        "emails",
        "taakresultaten",
        "auditlog",
        "inlogpogingen",
        "sessies",
    ]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ZV_RETENTION_CASE_TEXT_YEARS", 0),
        ("ZV_RETENTION_CASE_TEXT_YEARS", 31),
        ("ZV_RETENTION_SENT_MAIL_DAYS", -1),
        ("ZV_RETENTION_TASK_RESULT_DAYS", "30"),
        ("ZV_AUDIT_RETENTION_DAYS", True),
    ],
)
def test_the_start_up_check_refuses_a_bad_period(settings, name, value):
    assert retention_periods() == []
    setattr(settings, name, value)
    errors = retention_periods()
    assert [e.id for e in errors] == ["core.E010"]
    assert name in errors[0].msg


def test_years_before_handles_leap_day():
    moment = datetime(2028, 2, 29, 12, tzinfo=UTC)
    assert retention.years_before(moment, 2) == datetime(2026, 2, 28, 12, tzinfo=UTC)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ReflectionStatus.values), max_size=12))
def test_the_follow_up_moment_is_the_start_of_the_last_run_of_opgevolgd(statuses):
    records = [(status, NOW + timedelta(days=i)) for i, status in enumerate(statuses)]
    expected = None
    if statuses and statuses[-1] == ReflectionStatus.OPGEVOLGD:
        others = [i for i, status in enumerate(statuses) if status != ReflectionStatus.OPGEVOLGD]
        expected = records[others[-1] + 1 if others else 0][1]
    assert follow_up_moment(records) == expected


def test_a_failing_kind_changes_nothing_and_the_others_still_run(settings):
    settings.ZV_AUDIT_RETENTION_DAYS = 365
    _event(NOW - timedelta(days=400))
    user = UserFactory(username="ontvanger", email="ontvanger@example.org")

    def half_then_fail(cutoff):
        _mail(user, "half:1", at=NOW)
        raise RuntimeError(CASE_TEXT)

    retention.register_kind(
        retention.RetentionKind(
            key="kapot",
            label="dingen",
            verb="verwijderd",
            cutoff=lambda now: now,
            pending=lambda cutoff: 0,
            apply=half_then_fail,
            order=1,
        )
    )
    out, err = StringIO(), StringIO()
    try:
        with pytest.raises(CommandError, match="Niet gelukt: kapot"):
            call_command("apply_retention", "--now", NOW.isoformat(), stdout=out, stderr=err)
    finally:
        retention.unregister_kind("kapot")
    assert not SentMail.objects.filter(object_key="half:1").exists()
    assert "kapot: mislukt (RuntimeError)" in err.getvalue() and CASE_TEXT not in err.getvalue()
    assert _counts(out.getvalue())["auditlog"] == 1
    assert not AuditEvent.objects.exists()


def test_the_pages_of_a_redacted_reflection_show_the_marker_and_no_old_text(
    client, settings, secretary, region
):
    settings.ZV_RETENTION_CASE_TEXT_YEARS = 2
    reflection = _followed_up(_case_cutoff(settings) - timedelta(days=1), region=region)
    kwargs = {"region": region.slug, "pk": reflection.pk}
    urls = [
        reverse("casereflection:reflection", kwargs=kwargs),
        reverse("casereflection:reflection_history", kwargs=kwargs),
        reverse("casereflection:reflection_list", kwargs={"region": region.slug}),
    ]
    client.force_login(secretary)
    assert CASE_TEXT in client.get(urls[0]).content.decode()  # the pages do show case text

    _run("--kind", "casusteksten")

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert CASE_TEXT not in response.content.decode(), url
    assert REDACTED in client.get(urls[0]).content.decode()
