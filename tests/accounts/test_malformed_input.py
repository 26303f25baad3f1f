"""Any value in any field of the account pages — query strings, form fields, hidden fields,
ids — gives a page or a Dutch 400/404, never a 500 (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999999",
    "1.5",
    "abc",
    "2026-02-30",
    "31-12-2026",
    "9999-99-99",
    "\x00",
    "%00",
    "'; DROP TABLE auth_user; --",
    "<script>alert(1)</script>",
    "ü" * 300,
    "a" * 5000,
    "[]",
    "{}",
    "::1",
    "999.999.999.999",
]

# (URL name, kwargs, the GET parameters the page reads)
PAGES = [
    ("accounts:account_list", {}, ["filter", "q", "pagina"]),
    ("accounts:audit_log", {}, ["kind", "user", "date_from", "date_to", "ip", "pagina"]),
    ("accounts:audit_log_csv", {}, ["kind", "user", "date_from", "date_to", "ip"]),
    ("accounts:oidc_link_requests", {}, ["filter"]),
    ("accounts:mfa", {}, ["next"]),
]


@pytest.fixture
def beheerder(client):
    user = UserFactory(username="beheer-fuzz", is_staff=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize("name,kwargs,params", PAGES)
def test_query_strings_never_break_a_page(client, beheerder, name, kwargs, params):
    url = reverse(name, kwargs=kwargs)
    for value in NASTY:
        for param in params:
            response = client.get(url, {param: value})
            assert response.status_code in (200, 302, 400, 404), (param, value, response)
            if response.status_code == 400:
                assert (
                    "text/html" in response["Content-Type"]
                    or "text/plain" in response["Content-Type"]
                )


def test_ids_in_urls_of_the_account_pages(client, beheerder):
    for pk in ("0", "99999999999999999999", "1e3", "-1"):
        for path in (
            f"/account/beheer/{pk}/",
            f"/account/beheer/{pk}/tweede-factor/herstellen/",
            f"/account/beheer/koppelingen/{pk}/",
            f"/account/sessies/{pk}/beeindigen/",
        ):
            response = client.get(path)
            assert response.status_code in (404, 405), (path, response.status_code)
            response = client.post(path, {})
            assert response.status_code in (302, 400, 404), (path, response.status_code)


def test_form_fields_of_the_account_detail(client, beheerder, region):
    target = UserFactory(username="doel")
    RoleFactory(user=target, role="participant", region=region)
    url = reverse("accounts:account_detail", kwargs={"pk": target.pk})
    for value in NASTY:
        for field in ("role", "region"):
            data = {"role": "participant", "region": str(region.pk), field: value}
            response = client.post(url, data)
            assert response.status_code in (200, 302, 400), (field, value, response)
    deactivate = reverse("accounts:accounts_deactivate")
    for value in NASTY:
        response = client.post(deactivate, {"accounts": value, "users": value, "ids": value})
        assert response.status_code in (200, 302, 400), (value, response)
    assert target.role_assignments.count() == 1


def test_the_audit_log_and_the_code_forms_survive_any_text(client, beheerder):
    for value in NASTY:
        response = client.post(reverse("accounts:mfa_verify"), {"code": value, "next": value})
        assert response.status_code in (200, 302, 400), (value, response)
        response = client.post(reverse("accounts:mfa_totp_setup"), {"code": value})
        assert response.status_code in (200, 302, 400), (value, response)
