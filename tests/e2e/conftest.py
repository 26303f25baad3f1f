"""Real-browser tests: Playwright driving Debian's chromium against pytest-django's live_server.

Playwright cannot download its own browsers here, so we launch the system chromium
(apt-get install chromium). axe-core ships inside axe-playwright-python, so no network is needed.

- Every test under tests/e2e is marked ``e2e`` automatically (deselect with ``-m "not e2e"``).
- Tests that use ``live_server`` run with a transactional database; mark them
  ``@pytest.mark.django_db(transaction=True)``.
- Missing chromium: skipped locally (with the install command), a failure when CI=true.
- On failure a screenshot is written to test-artifacts/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

# The Playwright sync API runs an asyncio event loop in the main thread; Django's ORM would
# then refuse to run ("SynchronousOnlyOperation") in test bodies and fixtures.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ZV_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=nl-NL",  # Dutch date inputs (dd-mm-jjjj), like the users see them
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
E2E_DIR = Path(__file__).resolve().parent


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: add the marker before pytest's own -m deselection runs.
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = (
            f"chromium not found at {CHROMIUM}; install it with: "
            "sudo apt-get install --no-install-recommends chromium"
        )
        if _in_ci():
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)

    # Screenshots in test-artifacts/ belong to the last run only.
    for stale in ARTIFACTS.glob("*.png"):
        stale.unlink(missing_ok=True)

    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # a screenshot must never hide the real failure
            print(f"screenshot failed: {exc}")
    context.close()


@pytest.fixture
def console_errors(page):
    """Problems the browser reports while the test runs: console errors (e.g. CSP violations),
    uncaught script errors, and failed sub-resources (a stylesheet, script or image answering
    4xx/5xx).

    The page itself answering 4xx (a 404 page, a form re-shown with 400) is not listed here:
    tests assert the status of ``page.goto`` themselves. Chromium's own /favicon.ico request
    is ignored.
    """
    errors: list[str] = []

    def on_console(msg):
        # "Failed to load resource" duplicates on_response, but cannot tell the page from
        # its sub-resources; on_response can.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            url = (msg.location or {}).get("url") or ""
            errors.append(f"{msg.text} ({url})" if url else msg.text)

    def on_response(response):
        request = response.request
        if (
            response.status >= 400
            and request.resource_type != "document"
            and not response.url.endswith("/favicon.ico")
        ):
            errors.append(f"HTTP {response.status} for {request.resource_type} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught error: {exc}"))
    page.on("response", on_response)
    return errors


def give_totp_device(username: str):
    """A confirmed TOTP device (authenticator app) for the user, unless there is one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is None:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=username)
        device = TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
    return device


def totp_code(username: str) -> str:
    """A code the user's TOTP device accepts now: not one used before (django-otp refuses a
    time step it has seen), waiting for the next step when needed."""
    import time as _time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    while True:
        centre = int(_time.time() - device.t0) // device.step + device.drift
        step = max(centre, device.last_t + 1)
        if step <= centre + device.tolerance:
            break
        _time.sleep(1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = device.t0 + step * device.step
    return f"{totp.token():0{device.digits}d}"


def login(page, live_server, username: str, password: str, *, second_factor=True) -> None:
    """Log in through the real login form and wait for the redirect away from it.

    Users who must have a second factor (secretaries, beheerders) get a TOTP device if they
    have none, and the helper enters its current code on the verify page. With
    ``second_factor=False`` the helper stops after the password (tests of the 2FA pages)."""
    if second_factor:
        from django.contrib.auth import get_user_model

        from accounts.twofactor.policy import is_required

        user = get_user_model().objects.filter(username=username).first()
        if user is not None and is_required(user):
            give_totp_device(username)
    login_url = live_server.url + reverse("login")
    page.goto(login_url)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form:has(#id_username) [type=submit]").click()
    if page.url.split("?")[0] == login_url:
        errors = page.locator(".alert, .field-error, .errorlist").all_inner_texts()
        raise AssertionError(f"login as {username!r} failed: {' '.join(errors) or page.url}")
    verify_url = live_server.url + reverse("accounts:mfa_verify")
    if second_factor and page.url.split("?")[0] == verify_url:
        page.fill("#id_code", totp_code(username))
        with page.expect_navigation():
            page.locator("form:has(#id_code) [type=submit]").click()
        if page.url.split("?")[0] == verify_url:
            errors = page.locator(".field-error, .alert").all_inner_texts()
            raise AssertionError(f"second factor of {username!r} refused: {' '.join(errors)}")


def assert_no_axe_violations(page, context=None, tags=None) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the current page; fail with a readable list."""
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": list(tags or AXE_TAGS)},
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, context=context, options=options)
    violations = results.response["violations"]
    if not violations:
        return
    lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}"
            f" [{violation.get('helpUrl', '')}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    pytest.fail("\n".join(lines), pytrace=False)
