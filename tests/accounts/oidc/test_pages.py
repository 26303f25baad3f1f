"""Login page buttons, password login switched off, the beheerder's link requests, the home
page of an account without a role."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY

from accounts.models import AuditEvent, OIDCIdentity, OIDCLinkRequest
from accounts.oidc.config import parse_providers
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

ENV = {
    "OIDC_PROVIDERS": "gemeente-a,regio-b",
    "OIDC_GEMEENTE_A_LABEL": "Gemeente A",
    "OIDC_REGIO_B_LABEL": "Regio <B>",
}
for key in ("GEMEENTE_A", "REGIO_B"):
    base = f"https://idp.{key.lower()}.test"
    ENV.update(
        {
            f"OIDC_{key}_CLIENT_ID": "zv",
            f"OIDC_{key}_CLIENT_SECRET": "s",
            f"OIDC_{key}_ISSUER": base,
            f"OIDC_{key}_AUTHORIZATION_ENDPOINT": f"{base}/auth",
            f"OIDC_{key}_TOKEN_ENDPOINT": f"{base}/token",
            f"OIDC_{key}_JWKS_URI": f"{base}/jwks",
        }
    )


@pytest.fixture
def providers(settings):
    settings.OIDC_PROVIDERS = parse_providers(ENV)
    return settings.OIDC_PROVIDERS


def test_login_page_has_one_button_per_provider_above_the_password_form(client, providers):
    html = client.get("/account/login/?next=/regios/").content.decode()
    a = html.index("Inloggen met uw account van Gemeente A")
    b = html.index("Inloggen met uw account van Regio &lt;B&gt;")  # escaped
    assert a < b < html.index('name="password"')
    assert 'href="/account/sso/gemeente-a/?next=/regios/"' in html


def test_login_page_without_providers_has_no_buttons(client, settings):
    settings.OIDC_PROVIDERS = {}
    html = client.get("/account/login/").content.decode()
    assert "Inloggen met uw account van" not in html and 'name="password"' in html


def test_start_redirects_to_the_provider_and_keeps_a_safe_next(client, providers):
    response = client.get("/account/sso/gemeente-a/?next=/regios/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.gemeente_a.test/auth?")
    assert client.session["_zv_oidc_next"] == "/regios/"
    client.get("/account/sso/gemeente-a/?next=https://evil.example/")
    assert "_zv_oidc_next" not in client.session


def test_password_login_switched_off(client, providers, settings):
    settings.ZV_PASSWORD_LOGIN = False
    UserFactory(username="piet")
    html = client.get("/account/login/").content.decode()
    assert 'name="password"' not in html
    assert "Inloggen met uw account van Gemeente A" in html
    response = client.post(
        "/account/login/", {"username": "piet", "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302 and response["Location"] == "/account/login/"
    assert SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(kind="login_refused", username="piet").exists()
    page = client.get("/account/login/").content.decode()
    assert "Aanmelden met een wachtwoord is in dit portaal uitgeschakeld" in page
    assert 'role="alert"' in page


def test_home_without_role_explains_it(client):
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert "Uw account heeft nog geen rol; de functioneel beheerder kent die toe" in html


def test_home_with_role_does_not_show_the_explanation(client, region):
    user = UserFactory()
    RoleFactory(user=user, role="participant", region=region)
    client.force_login(user)
    assert "Uw account heeft nog geen rol" not in client.get("/").content.decode()


@pytest.fixture
def link(providers):
    return OIDCLinkRequest.objects.create(
        provider="gemeente-a",
        subject="sub-9",
        email="anna@gemeente-a.nl",
        name="Anna <script>",
        candidate=UserFactory(username="anna"),
    )


@pytest.fixture
def beheerder():
    return UserFactory(username="beheerder", is_staff=True)


def test_link_requests_page(client, link, beheerder):
    client.force_login(beheerder)
    html = client.get("/account/beheer/koppelingen/").content.decode()
    assert "Gemeente A" in html and "anna@gemeente-a.nl" in html
    assert "Anna &lt;script&gt;" in html
    assert 'href="/account/beheer/' in html
    OIDCLinkRequest.objects.filter(pk=link.pk).update(decision="rejected")
    assert "anna@gemeente-a.nl" not in client.get("/account/beheer/koppelingen/").content.decode()
    all_html = client.get("/account/beheer/koppelingen/?filter=alle").content.decode()
    assert "anna@gemeente-a.nl" in all_html and "afgewezen" in all_html
    # An unknown filter falls back to the open requests.
    assert client.get("/account/beheer/koppelingen/?filter=%00x").status_code == 200


def test_reject(client, link, beheerder):
    client.force_login(beheerder)
    response = client.post(f"/account/beheer/koppelingen/{link.pk}/", {"besluit": "afwijzen"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.decision == "rejected" and link.decided_by == beheerder
    assert not OIDCIdentity.objects.exists()
    assert AuditEvent.objects.filter(kind="account_link_rejected", user=beheerder).exists()
    # Deciding again changes nothing.
    client.post(f"/account/beheer/koppelingen/{link.pk}/", {"besluit": "koppelen"})
    link.refresh_from_db()
    assert link.decision == "rejected" and not OIDCIdentity.objects.exists()


def test_decide_bad_input(client, link, beheerder):
    client.force_login(beheerder)
    assert client.post(f"/account/beheer/koppelingen/{link.pk}/", {}).status_code == 400
    assert (
        client.post(f"/account/beheer/koppelingen/{link.pk}/", {"besluit": "x"}).status_code == 400
    )
    assert (
        client.post("/account/beheer/koppelingen/999999/", {"besluit": "koppelen"}).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["secretary", "bestuurder", None])
def test_link_requests_need_the_beheerder(client, link, region, role):
    user = UserFactory()
    if role:
        RoleFactory(user=user, role=role, region=region)
    client.force_login(user)
    assert client.get("/account/beheer/koppelingen/").status_code == 403
    response = client.post(f"/account/beheer/koppelingen/{link.pk}/", {"besluit": "koppelen"})
    assert response.status_code == 403
    link.refresh_from_db()
    assert link.decision == "open"


def test_decide_needs_csrf(link, beheerder):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(beheerder)
    response = client.post(f"/account/beheer/koppelingen/{link.pk}/", {"besluit": "koppelen"})
    assert response.status_code == 403
    link.refresh_from_db()
    assert link.decision == "open"


@pytest.mark.parametrize(
    "session",
    [
        {"_auth_user_id": "1"},  # a password session
        {"_auth_user_id": "1", "_zv_oidc": {"provider": "x", "expires_at": 4102444800}},
    ],
)
def test_refresh_middleware_makes_no_query_before_the_expiry(
    rf, settings, django_assert_num_queries, session
):
    from django.http import HttpResponse

    from accounts.oidc.middleware import OIDCSessionRefreshMiddleware

    request = rf.get("/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    request.session = session
    middleware = OIDCSessionRefreshMiddleware(lambda r: HttpResponse("ok"))
    with django_assert_num_queries(0):
        assert middleware(request).content == b"ok"
