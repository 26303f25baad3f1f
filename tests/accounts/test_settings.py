"""The account settings come from the environment and are checked at start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _read(**environ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZV_")}
    env.update(environ)
    code = (
        "import zv_portal.settings as s; "
        "print(s.ZV_ACCOUNT_INACTIVE_DAYS, s.ZV_AUDIT_RETENTION_DAYS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_defaults_and_environment():
    assert _read().stdout.split() == ["180", "365"]
    done = _read(ZV_ACCOUNT_INACTIVE_DAYS="90", ZV_AUDIT_RETENTION_DAYS="730")
    assert done.stdout.split() == ["90", "730"]


@pytest.mark.parametrize(
    "environ",
    [
        {"ZV_ACCOUNT_INACTIVE_DAYS": "halfjaar"},
        {"ZV_AUDIT_RETENTION_DAYS": "0"},
        {"ZV_AUDIT_RETENTION_DAYS": "-5"},
    ],
)
def test_bad_values_stop_the_start(environ):
    done = _read(**environ)
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
