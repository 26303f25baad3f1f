"""Start and drive the real OpenID Connect provider of tests/oidc_provider (node +
panva/oidc-provider) from the tests."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

PROVIDER_DIR = Path(__file__).resolve().parents[2] / "oidc_provider"
CLIENT_ID = "portaal"
CLIENT_SECRET = "geheim-voor-tests"
INSTALL = "npm ci --prefix tests/oidc_provider"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningProvider:
    url: str
    process: subprocess.Popen
    log_path: Path

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def set_account(self, sub: str, email: str, name: str, **extra) -> None:
        """Create or replace a test account at the provider."""
        response = requests.post(
            f"{self.url}/_test/accounts",
            json={"sub": sub, "email": email, "name": name, **extra},
            timeout=5,
        )
        response.raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_provider(
    *,
    redirect_uris: list[str],
    post_logout_redirect_uris: list[str],
    backchannel_logout_uri: str = "",
    id_token_ttl: int = 3600,
    log_dir: Path,
) -> RunningProvider:
    """Start node server.js on a free port and wait for its discovery document. Fails loudly
    when node or the npm packages are missing (CI installs them: make install)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is not installed; the SSO tests need Node.js 20+ (Debian: apt-get install "
            f"nodejs npm), then run: {INSTALL}",
            pytrace=False,
        )
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail(
            f"tests/oidc_provider/node_modules is missing; run: {INSTALL} (or make install)",
            pytrace=False,
        )
    env = {
        **os.environ,
        "OIDC_TEST_REDIRECT_URIS": ",".join(redirect_uris),
        "OIDC_TEST_POST_LOGOUT_REDIRECT_URIS": ",".join(post_logout_redirect_uris),
        "OIDC_TEST_BACKCHANNEL_LOGOUT_URI": backchannel_logout_uri,
        "OIDC_TEST_ID_TOKEN_TTL": str(id_token_ttl),
        "OIDC_TEST_CLIENT_ID": CLIENT_ID,
        "OIDC_TEST_CLIENT_SECRET": CLIENT_SECRET,
    }
    log_dir.mkdir(parents=True, exist_ok=True)
    logs = []
    # Twice at most: once in a CI run (2026-12-05) node printed its first line and then never
    # answered within the minute; a second start answered at once.
    for _attempt in range(2):
        port = free_port()
        log_path = log_dir / f"oidc-provider-{port}.log"
        log_file = log_path.open("wb")
        process = subprocess.Popen(
            [node, "server.js", str(port)],
            cwd=PROVIDER_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        log_file.close()
        running = RunningProvider(f"http://127.0.0.1:{port}", process, log_path)
        # generous: a fresh clone's first start of node on a busy machine once took over 20 s
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    f"the test OIDC provider exited ({process.returncode}):\n"
                    f"{log_path.read_text()}",
                    pytrace=False,
                )
            try:
                if requests.get(running.discovery_url, timeout=1).status_code == 200:
                    return running
            except requests.RequestException:
                pass
            time.sleep(0.1)
        running.stop()
        logs.append(log_path.read_text())
    pytest.fail(
        "the test OIDC provider did not start (two attempts):\n" + "\n---\n".join(logs),
        pytrace=False,
    )


def provider_login(
    browser: requests.Session, authorize_url: str, username: str, *, mfa: bool = False
) -> str:
    """Sign in at the provider's login page (GET the form, POST it) and follow the provider's
    redirects up to the portal's callback; returns the callback URL (with code and state)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(authorize_url))
    url = authorize_url
    for _ in range(10):
        response = browser.get(url, allow_redirects=False, timeout=5)
        if response.status_code in (302, 303):
            location = urljoin(url, response.headers["Location"])
            if not location.startswith(origin):
                return location
            url = location
            continue
        assert response.status_code == 200, (response.status_code, response.text[:500])
        action = re.search(r'<form method="post" action="([^"]+)"', response.text)
        assert action, response.text[:500]
        data = {"username": username, "password": "wachtwoord"}
        if mfa:
            data["mfa"] = "1"
        response = browser.post(
            urljoin(origin, unescape(action.group(1))), data=data, allow_redirects=False, timeout=5
        )
        assert response.status_code in (302, 303), (response.status_code, response.text[:500])
        url = urljoin(origin, response.headers["Location"])
    raise AssertionError("too many redirects at the provider")
