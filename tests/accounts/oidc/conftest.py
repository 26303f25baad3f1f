import pytest

from accounts.oidc.config import Provider
from tests.accounts.oidc.provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    start_provider,
)

TESTSERVER = "http://testserver"


@pytest.fixture(scope="session")
def op(tmp_path_factory):
    """The real provider, for tests through Django's test client (host "testserver")."""
    running = start_provider(
        redirect_uris=[f"{TESTSERVER}/account/sso/test/terug/"],
        post_logout_redirect_uris=[f"{TESTSERVER}/account/login/"],
        log_dir=tmp_path_factory.mktemp("op"),
    )
    yield running
    running.stop()


def provider_settings(op, **overrides) -> Provider:
    values = {
        "key": "test",
        "label": "Gemeente Test",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "discovery_url": op.discovery_url if op is not None else "",
        "scopes": "openid email profile groups",
        "mfa_amr": frozenset({"mfa"}),
        **overrides,
    }
    return Provider(**values)


@pytest.fixture
def sso(settings, op):
    """OIDC_PROVIDERS with the real provider as "test"; returns the provider process."""
    settings.OIDC_PROVIDERS = {"test": provider_settings(op)}
    return op


@pytest.fixture(scope="session")
def op_live(live_server, tmp_path_factory):
    """The real provider for tests against pytest-django's live_server (browser tests and the
    back-channel logout, which the provider POSTs to the portal itself)."""
    base = live_server.url
    running = start_provider(
        redirect_uris=[f"{base}/account/sso/test/terug/"],
        post_logout_redirect_uris=[f"{base}/account/login/"],
        # node resolves "localhost" to ::1 first; the live server listens on IPv4
        backchannel_logout_uri=(
            f"{base.replace('//localhost:', '//127.0.0.1:')}/account/sso/test/backchannel-logout/"
        ),
        log_dir=tmp_path_factory.mktemp("op_live"),
    )
    yield running
    running.stop()


@pytest.fixture
def sso_live(settings, op_live):
    settings.OIDC_PROVIDERS = {"test": provider_settings(op_live)}
    return op_live
