"""Step 1 of the load test: the load database, the environment of the Django child processes
and the ``manage.py`` commands that fill the database and collect the static files.

The only module of ``bench.loadlib`` that needs psycopg; ``bench/load`` checks that it can be
imported (and otherwise restarts itself with the project's virtualenv) before importing this.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

from bench.loadlib.common import ROOT, Failed, log

SETTINGS_OVERLAY = "zv_load_settings"


# --- database -----------------------------------------------------------------------------------


def database_name(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise Failed(f"--database-url moet een PostgreSQL-URL zijn, niet {parts.scheme!r}")
    name = parts.path.lstrip("/")
    if not name or "load" not in name or name in ("postgres", "template0", "template1"):
        raise Failed(
            f"de database {name!r} wordt gewist en opnieuw aangemaakt: de naam moet 'load' "
            "bevatten (standaard zv_load), zodat nooit een andere database geraakt wordt"
        )
    return name


def recreate_database(url: str, name: str) -> str:
    """DROP + CREATE through the server's ``postgres`` database; returns the server version."""
    conninfo = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    try:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
            if conn.info.server_version >= 130000:
                drop += sql.SQL(" WITH (FORCE)")  # also when a stopped run left a connection
            conn.execute(drop)
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error as exc:
        raise Failed(f"PostgreSQL ({urlsplit(url).hostname}): {exc}") from exc


# --- the Django side ----------------------------------------------------------------------------


def django_env(url: str, tmp: Path) -> dict:
    """The environment of every child process: production settings, served over plain http
    on the loopback. STATIC_ROOT has no environment variable in settings.py, so a settings
    module in the temporary directory imports the project's settings and only points
    STATIC_ROOT at the temporary directory."""
    (tmp / f"{SETTINGS_OVERLAY}.py").write_text(
        '"""bench/load: the project settings with a temporary STATIC_ROOT."""\n'
        "from zv_portal.settings import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(tmp / 'static')!r}\n"
    )
    (tmp / "media").mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS_OVERLAY,
            "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
            "DATABASE_URL": url,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_PROXY_SSL_HEADER": "false",
            "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        }
    )
    return env


def manage(env: dict, *args: str, quiet: bool = False) -> str:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise Failed(
            f"manage.py {' '.join(args)} mislukte ({done.returncode}):\n"
            f"{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    if not quiet:
        log(f"manage.py {' '.join(args)}: {time.monotonic() - started:.1f} s")
    return done.stdout


def has_command(env: dict, name: str) -> bool:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "help", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return done.returncode == 0


def in_django(env: dict, function: str, stdin: str = "") -> object:
    done = subprocess.run(
        [sys.executable, "-c", f"from bench.loadlib import child; child.{function}()"],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise Failed(f"bench.loadlib.child.{function} mislukte:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare(args, env: dict) -> dict:
    info = {"generate_national": None}
    if args.no_setup:
        log("--no-setup: de bestaande database wordt gebruikt")
    else:
        name = database_name(args.database_url)
        version = recreate_database(args.database_url, name)
        log(f"database {name} opnieuw aangemaakt (PostgreSQL {version})")
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo", "--force")
        if args.demo_only:
            log("--demo-only: geen landelijke gegevens")
        elif has_command(env, "generate_national"):
            manage(env, "generate_national", "--scale", str(args.scale), "--seed", str(args.seed))
            info["generate_national"] = {"scale": args.scale, "seed": args.seed}
        else:
            log("manage.py generate_national bestaat (nog) niet: alleen de demogegevens")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return info
