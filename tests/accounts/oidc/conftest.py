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
