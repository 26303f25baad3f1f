"""Database settings read from the environment (zv_portal/settings.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _database_options(**environ) -> dict:
    """The default database's ENGINE and OPTIONS as the settings module builds them for
    ``environ`` (in a fresh interpreter: settings are read once per process)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DJANGO_"))}
    env.update(environ)
    code = (
        "import json, zv_portal.settings as s; d = s.DATABASES['default']; "
        "print(json.dumps([d['ENGINE'], d.get('OPTIONS', {})]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    engine, options = json.loads(done.stdout)
    return {"engine": engine, **options}


PG = "postgres://zv@db.example:5432/zv"


def test_postgresql_prepares_repeated_queries_by_default():
    options = _database_options(DATABASE_URL=PG)
    assert options["engine"] == "django.db.backends.postgresql"
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5


def test_prepared_statements_can_be_switched_off_for_a_pooler():
    options = _database_options(DATABASE_URL=PG, DATABASE_PREPARED_STATEMENTS="false")
    assert "server_side_binding" not in options and "prepare_threshold" not in options


def test_sqlite_has_no_postgresql_options():
    options = _database_options(DATABASE_PREPARED_STATEMENTS="true")
    assert options == {"engine": "django.db.backends.sqlite3", "timeout": 20}


def test_a_bad_value_is_refused_at_start_up():
    with pytest.raises(RuntimeError, match="DATABASE_PREPARED_STATEMENTS must be true or false"):
        _database_options(DATABASE_URL=PG, DATABASE_PREPARED_STATEMENTS="misschien")


def test_a_bad_value_is_refused_on_sqlite_too():
    with pytest.raises(RuntimeError, match="DATABASE_PREPARED_STATEMENTS must be true or false"):
        _database_options(DATABASE_PREPARED_STATEMENTS="misschien")
