"""The audit log: append-only, its page and CSV, retention, and what it never holds."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import audit
from accounts.management.commands.purge_audit_log import purge_audit_events
from accounts.models import AuditEvent, OIDCSession, UserSession
from tests.factories import CaseReflectionFactory, SubRegionFactory, UserFactory

AMS = ZoneInfo("Europe/Amsterdam")
LOG = reverse("accounts:audit_log")
CSV = reverse("accounts:audit_log_csv")


@pytest.fixture
def beheerder_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    AuditEvent.objects.all().delete()  # a clean log: without the line of this sign-in
    return client


def _event(kind="login_failed", *, at=None, username="iemand", ip="192.0.2.1", **kwargs):
    event = audit.record(kind, username=username, **kwargs)
    updates = {"ip_address": ip}
    if at is not None:
        updates["at"] = at
    # Test set-up only: place the line in time (the model itself refuses updates).
    from django.db.models.query import QuerySet

    QuerySet.update(AuditEvent.objects.filter(pk=event.pk), **updates)
    return event


# --- append-only --------------------------------------------------------------------------


@pytest.mark.django_db
def test_lines_cannot_be_changed_or_deleted_one_by_one():
    event = audit.record("login_failed", username="x")
    event.username = "y"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        AuditEvent.objects.filter(pk=event.pk).update(username="y")
    with pytest.raises(ValidationError):
        AuditEvent.objects.all().update(detail="")
    assert AuditEvent.objects.get(pk=event.pk).username == "x"


@pytest.mark.django_db
def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        audit.record("iets_anders")


@pytest.mark.django_db
def test_deleting_a_user_keeps_their_lines():
    user = UserFactory(username="vertrokken")
    audit.record("logout", user=user)
    user.delete()
    event = AuditEvent.objects.get(kind="logout")
    assert event.user_id is None and event.username == "vertrokken"


# --- the page -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_shows_lines_in_amsterdam_time_with_labels(beheerder_client):
    _event(at=datetime(2026, 7, 1, 10, 30, tzinfo=ZoneInfo("UTC")), username="zomer")
    response = beheerder_client.get(LOG)
    assert response.status_code == 200
    html = response.content.decode()
    assert "01-07-2026 12:30:00" in html  # UTC+2 in summer
    assert "mislukte aanmelding" in html
    assert "zomer" in html and "192.0.2.1" in html


@pytest.mark.django_db
def test_filters(beheerder_client):
    day = datetime(2026, 3, 10, 12, tzinfo=AMS)
    _event("login_failed", at=day, username="anna", ip="192.0.2.1")
    _event("logout", at=day + timedelta(days=1), username="bert", ip="198.51.100.2")
    _event("logout", at=day + timedelta(days=5), username="anneke", ip="192.0.2.77")

    def names(**params):
        response = beheerder_client.get(LOG, params)
        assert response.status_code == 200, response.context["filter_form"].errors
        return sorted(row["event"].username for row in response.context["events"])

    assert names(kind="logout") == ["anneke", "bert"]
    assert names(user="ann") == ["anna", "anneke"]
    assert names(ip="192.0.2") == ["anna", "anneke"]
    assert names(date_from="2026-03-11", date_to="2026-03-11") == ["bert"]
    assert names(date_from="11-03-2026") == ["anneke", "bert"]
    assert names(date_to="2026-03-10") == ["anna"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "gisteren"}, "date_from", "Vul een geldige datum in"),
        ({"date_to": "2026-02-31"}, "date_to", "Vul een geldige datum in"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to", "vóór de begindatum"),
        ({"kind": "bestaat_niet"}, "kind", "Kies een soort uit de lijst."),
        ({"ip": "1.2.3.4; drop"}, "ip", "cijfers, punten en dubbele punten"),
        ({"user": "x" * 200}, "user", "ten hoogste 150 tekens"),
    ],
)
def test_bad_filters_are_a_dutch_400_next_to_the_field(beheerder_client, params, field, message):
    for url in (LOG, CSV):
        response = beheerder_client.get(url, params)
        assert response.status_code == 400
        errors = response.context["filter_form"].errors
        assert message in errors[field][0]
        assert f'id="id_{field}-fout"' in response.content.decode()
    assert not AuditEvent.objects.filter(kind="audit_exported").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", "%00"])
def test_bad_page_never_500(beheerder_client, page):
    for _n in range(3):
        _event()
    assert beheerder_client.get(f"{LOG}?pagina={page}").status_code == 200


@pytest.mark.django_db
def test_pagination_by_50(beheerder_client):
    for n in range(51):
        _event(username=f"u{n}")
    first = beheerder_client.get(LOG)
    assert len(first.context["events"]) == 50
    assert "Volgende pagina" in first.content.decode()
    second = beheerder_client.get(LOG, {"pagina": 2})
    assert len(second.context["events"]) == 1


@pytest.mark.django_db
def test_page_queries_do_not_grow(beheerder_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _event()
    beheerder_client.get(LOG)
    with CaptureQueriesContext(connection) as one:
        beheerder_client.get(LOG)
    for n in range(40):
        _event(username=f"u{n}", user=UserFactory(username=f"gebruiker-log-{n}"))
    with CaptureQueriesContext(connection) as many:
        response = beheerder_client.get(LOG)
    assert len(response.context["events"]) == 41
    assert len(many) == len(one)


@pytest.mark.django_db
def test_csv_export_with_the_same_filters_is_audited(beheerder_client, staff_user):
    _event("login_failed", username="=HYPERLINK(1)")
    _event("logout", username="bert")
    response = beheerder_client.get(CSV, {"kind": "login_failed"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert lines[0] == "Tijdstip;Gebruiker;Soort;IP-adres;Waarover;Toelichting"
    assert len(lines) == 2
    assert "'=HYPERLINK(1)" in lines[1] and "mislukte aanmelding" in lines[1]
    exported = AuditEvent.objects.get(kind="audit_exported")
    assert exported.user == staff_user
    assert "login_failed" in exported.detail


@pytest.mark.django_db
def test_only_the_beheerder_reads_the_log(secretary):
    client = Client()
    client.force_login(secretary)
    assert client.get(LOG).status_code == 403
    assert client.get(CSV).status_code == 403


# --- retention ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_purge_removes_lines_past_retention_only(settings):
    settings.ZV_AUDIT_RETENTION_DAYS = 30
    now = timezone.now()
    old = _event(at=now - timedelta(days=30, seconds=1))
    older = _event(at=now - timedelta(days=400))
    boundary = _event(at=now - timedelta(days=30) + timedelta(seconds=5))
    fresh = _event(at=now)
    assert purge_audit_events(now=now, batch=1) == 2
    left = set(AuditEvent.objects.values_list("pk", flat=True))
    assert left == {boundary.pk, fresh.pk}
    assert old.pk not in left and older.pk not in left


@pytest.mark.django_db
def test_purge_command_reports_and_removes_dead_session_rows(settings):
    settings.ZV_AUDIT_RETENTION_DAYS = 365
    _event(at=timezone.now() - timedelta(days=366))
    _event(at=timezone.now() - timedelta(days=364))
    user = UserFactory(username="sessie")
    client = Client()
    client.force_login(user)
    live_key = client.session.session_key
    UserSession.objects.create(session_key="verdwenen" * 4, user=user)
    expired = UserSession.objects.create(session_key="verlopen" * 4, user=user)
    Session.objects.create(
        session_key=expired.session_key,
        session_data="",
        expire_date=timezone.now() - timedelta(minutes=1),
    )
    for key in (live_key, "verdwenen" * 4, expired.session_key):
        OIDCSession.objects.create(
            provider="test", sid=key, subject="s", session_key=key, user=user
        )
    out = StringIO()
    call_command("purge_audit_log", stdout=out)
    assert list(OIDCSession.objects.values_list("session_key", flat=True)) == [live_key]
    assert "1 auditregel(s) ouder dan 365 dagen verwijderd" in out.getvalue()
    assert "2 verlopen sessieregel(s) verwijderd" in out.getvalue()
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [live_key]
    assert (
        AuditEvent.objects.count() == 1 + AuditEvent.objects.filter(kind="login_password").count()
    )


# --- what the log never holds -------------------------------------------------------------


@pytest.mark.django_db
def test_log_never_holds_passwords_codes_or_case_text(region, secretary):
    get_user_model().objects.filter(pk=secretary.pk).update(email="")
    wrong_password = "Fout-Wachtwoord-98765"
    code = "493817"
    case_text = "Geheime casus over mevrouw Jansen uit Dorpstraat 12"
    anonymous = Client()
    for _n in range(2):
        anonymous.post(reverse("login"), {"username": "secretaris", "password": wrong_password})
    anonymous.post(reverse("login"), {"username": "secretaris", "password": code, "otp": code})
    anonymous.post(reverse("login"), {"username": "secretaris", "otp_token": code})
    reflection = CaseReflectionFactory(
        region=region,
        sub_region=SubRegionFactory(region=region),
        title=case_text,
        summary=case_text,
        status="aangeboden",
    )
    client = Client()
    client.force_login(secretary)
    url = reverse("casereflection:reflection", kwargs={"region": region.slug, "pk": reflection.pk})
    response = client.get(url)
    assert response.status_code == 200 and case_text in response.content.decode()
    client.get(reverse("casereflection:reflection_csv", kwargs={"region": region.slug}))

    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {"login_failed", "reflection_opened", "reflection_downloaded"} <= kinds
    opened = AuditEvent.objects.get(kind="reflection_opened")
    assert opened.target == f"Casusreflectie {reflection.pk} (Testregio)"
    assert opened.user == secretary and opened.region_pk == region.pk
    # Every column but the time (whose microseconds could hold any six digits).
    columns = [f.attname for f in AuditEvent._meta.concrete_fields if f.name != "at"]
    for row in AuditEvent.objects.values_list(*columns):
        text = " ".join(str(v) for v in row)
        assert wrong_password not in text
        assert code not in text
        assert "Geheime casus" not in text and "Jansen" not in text
