"""Backup and restore of the whole portal: the database and the uploaded documents in one file.

A backup is an uncompressed tar file (``zv-portaal-<time>.tar``) with, in this order:

``manifest.json``
    format and version, the time, the database vendor, the latest applied migration per app,
    the row count of every table and the sha256 and size of every other member;
``database.dump`` (PostgreSQL)
    ``pg_dump --format=custom`` of the database, taken in the same snapshot as the counts;
``database.sqlite3`` (SQLite)
    a copy made with SQLite's online backup API (the counts are taken from the copy);
``media/<path>``
    every file under ``MEDIA_ROOT`` (the vergaderstukken), copied after the database so that
    every document the database names is in it.

:func:`restore_backup` reads and checks everything (manifest, checksums, vendor, migrations,
an empty target unless ``replace``) before it changes anything; the database is replaced in one
transaction and checked against the counts of the manifest in that transaction, and only then
are the files moved into ``MEDIA_ROOT``. Every refusal is a :class:`BackupError` with a Dutch
message. docs/operations.md describes schedule, retention and the drill.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

FORMAT = "zv-portaal-backup"
VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA_PREFIX = "media/"
#: Staging folders of a restore in progress live beside MEDIA_ROOT with this prefix.
STAGING_PREFIX = ".zv-restore-"
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
PG_BIN = Path(os.environ.get("ZV_PG_BIN", "/usr/bin"))
CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_IDENTIFIER = re.compile(r"^[A-Za-z0-9_]{1,63}$")


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message is Dutch and safe to show
    (never a password)."""


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    tables: int
    rows: int
    files: int
    older_schema: bool  # the backup misses migrations this code has: run migrate


# --- helpers ----------------------------------------------------------------------------------


def _vendor_name(vendor: str) -> str:
    return VENDOR_NAMES.get(vendor, vendor)


def _sha256_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _media_files(media_root: Path) -> Iterator[tuple[str, Path]]:
    """(archive name, path) of every regular file under ``media_root``, sorted; staging folders
    of a restore and symbolic links are left out."""
    if not media_root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(media_root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(STAGING_PREFIX))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            yield MEDIA_PREFIX + path.relative_to(media_root).as_posix(), path


def _has_files(media_root: Path) -> bool:
    return next(_media_files(media_root), None) is not None


def pg_environment(settings_dict: dict[str, Any], name: str | None = None) -> dict[str, str]:
    """The libpq environment for the client programs: connection data never goes on the command
    line (visible to every user of the machine), the password only into the child's env."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    options = settings_dict.get("OPTIONS") or {}
    pairs = {
        "PGDATABASE": name or settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGAPPNAME": "zv-portaal-backup",
    }
    env.update({k: str(v) for k, v in pairs.items() if v not in (None, "")})
    return env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{what} is mislukt: {_tail(done.stderr)}")


def _tail(stderr: str) -> str:
    lines = [line for line in (stderr or "").strip().splitlines() if line.strip()]
    return " / ".join(lines[-3:]) or "geen foutmelding"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pg_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname"
    )
    return [row[0] for row in cursor.fetchall()]


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [row[0] for row in rows]


def _counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _latest_migrations(cursor, tables: list[str]) -> dict[str, str]:
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations")
    latest: dict[str, str] = {}
    for app, name in cursor.fetchall():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


# --- backup -----------------------------------------------------------------------------------


def default_backup_path(now: datetime | None = None) -> Path:
    now = now or datetime.now(UTC)
    folder = Path(settings.BACKUP_DIR)
    return folder / f"zv-portaal-{now:%Y%m%d-%H%M%S}.tar"


def _dump_postgresql(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict, dict]:
    """pg_dump into ``target``; counts and migrations read in the same snapshot."""
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run(
                [
                    str(PG_BIN / "pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                pg_environment(connection.settings_dict),
                "pg_dump",
            )
            tables = _pg_tables(cursor)
            counts = _counts(cursor, tables)
            migrations = _latest_migrations(cursor, tables)
        raw.rollback()
    finally:
        raw.close()
    return counts, migrations


def _copy_sqlite(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict, dict]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        tables = _sqlite_tables(copy)
        counts = _counts(cursor, tables)
        migrations = _latest_migrations(cursor, tables)
    finally:
        copy.close()
    return counts, migrations


def create_backup(
    path: Path | str | None = None, *, using: str = "default", media_root: Path | None = None
) -> tuple[Path, dict[str, Any]]:
    """Write a backup of database ``using`` and ``media_root`` (default MEDIA_ROOT) to ``path``
    (default :func:`default_backup_path`); returns the path and the manifest. The file appears
    under its name only when complete."""
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DB_MEMBER:
        raise BackupError(f"Back-up van een {vendor}-database wordt niet ondersteund.")
    path = Path(path) if path else default_backup_path()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    path.parent.mkdir(parents=True, exist_ok=True)
    created_at = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="zv-backup-", dir=path.parent) as scratch:
        db_file = Path(scratch) / DB_MEMBER[vendor]
        if vendor == "postgresql":
            counts, migrations = _dump_postgresql(connection, db_file)
        else:
            counts, migrations = _copy_sqlite(connection, db_file)
        members: dict[str, dict[str, Any]] = {}
        sha, size = _sha256_file(db_file)
        members[DB_MEMBER[vendor]] = {"sha256": sha, "size": size}
        media = list(_media_files(media_root))
        for name, file in media:
            sha, size = _sha256_file(file)
            members[name] = {"sha256": sha, "size": size}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": created_at.isoformat(timespec="seconds"),
            "vendor": vendor,
            "migrations": migrations,
            "tables": counts,
            "members": members,
        }
        partial = path.with_name(path.name + ".partial")
        try:
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode() + b"\n"
                _add(tar, MANIFEST, io.BytesIO(data), len(data), created_at)
                with db_file.open("rb") as fh:
                    _add_checked(tar, DB_MEMBER[vendor], fh, members, created_at)
                for name, file in media:
                    with file.open("rb") as fh:
                        _add_checked(tar, name, fh, members, created_at)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    return path, manifest


def _add(tar: tarfile.TarFile, name: str, fh, size: int, when: datetime) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(when.timestamp())
    info.mode = 0o600
    tar.addfile(info, fh)


class _HashingReader:
    def __init__(self, fh):
        self.fh, self.digest = fh, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.fh.read(size)
        self.digest.update(chunk)
        return chunk


def _add_checked(tar, name: str, fh, members: dict, when: datetime) -> None:
    reader = _HashingReader(fh)
    try:
        _add(tar, name, reader, members[name]["size"], when)
    except OSError as exc:  # the file became shorter while it was copied
        raise BackupError(f"{name} veranderde tijdens de back-up; probeer het opnieuw.") from exc
    if reader.digest.hexdigest() != members[name]["sha256"]:
        raise BackupError(f"{name} veranderde tijdens de back-up; probeer het opnieuw.")


# --- reading and checking a backup ------------------------------------------------------------


def _check_manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError("De back-up is beschadigd: manifest.json is geen geldige JSON.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Dit is geen back-up van Z+V Portaal (manifest.json klopt niet).")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BackupError("De back-up is beschadigd: het manifest heeft geen geldige versie.")
    if version > VERSION:
        raise BackupError(
            f"Deze back-up heeft indeling {version}; deze versie van het portaal kent tot en "
            f"met indeling {VERSION}. Werk het portaal eerst bij."
        )
    problems = []
    if not isinstance(manifest.get("vendor"), str) or manifest["vendor"] not in DB_MEMBER:
        problems.append("databasesoort")
    migrations = manifest.get("migrations")
    if not isinstance(migrations, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in migrations.items()
    ):
        problems.append("migraties")
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(k, str)
        and _IDENTIFIER.match(k)
        and isinstance(v, int)
        and not isinstance(v, bool)
        and v >= 0
        for k, v in tables.items()
    ):
        problems.append("tabellen")
    members = manifest.get("members")
    if not isinstance(members, dict) or not all(
        isinstance(k, str)
        and isinstance(v, dict)
        and isinstance(v.get("sha256"), str)
        and _SHA256.match(v["sha256"])
        and isinstance(v.get("size"), int)
        and not isinstance(v.get("size"), bool)
        and v["size"] >= 0
        for k, v in members.items()
    ):
        problems.append("bestanden")
    if not problems:
        for name in members:
            if name != DB_MEMBER[manifest["vendor"]] and not _safe_media_name(name):
                problems.append(f"bestandsnaam {name!r}")
                break
        if DB_MEMBER[manifest["vendor"]] not in members:
            problems.append("databasebestand")
    if problems:
        raise BackupError(
            "De back-up is beschadigd: het manifest klopt niet (" + ", ".join(problems) + ")."
        )
    return manifest


def _safe_media_name(name: str) -> bool:
    if not name.startswith(MEDIA_PREFIX) or "\x00" in name or "\\" in name:
        return False
    parts = PurePosixPath(name[len(MEDIA_PREFIX) :]).parts
    return (
        bool(parts)
        and not any(part in ("", ".", "..") or part.startswith(STAGING_PREFIX) for part in parts)
        and not name.endswith("/")
    )


def check_compatible(manifest: dict[str, Any], connection: BaseDatabaseWrapper) -> bool:
    """Refuse another vendor and migrations unknown to this code; True when the backup misses
    migrations that this code has (then ``migrate`` must run after the restore)."""
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"Deze back-up is van een {_vendor_name(manifest['vendor'])}-database; dit portaal "
            f"gebruikt {_vendor_name(connection.vendor)}. Terugzetten naar een andere soort "
            f"database kan niet: gebruik een back-up van dezelfde soort, of zet de regio's "
            f"over met export_region en import_region."
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = [
        f"{app}.{name}"
        for app, name in manifest["migrations"].items()
        if (app, name) not in loader.disk_migrations
    ]
    if unknown:
        raise BackupError(
            "Deze back-up komt van een nieuwere versie van het portaal: de migraties "
            + ", ".join(sorted(unknown))
            + " kent deze versie niet. Werk het portaal eerst bij naar (minstens) de versie "
            "waarmee de back-up is gemaakt en zet hem dan terug."
        )
    older = False
    for app, name in manifest["migrations"].items():
        leaves = [n for a, n in loader.graph.leaf_nodes() if a == app]
        if leaves and name not in leaves:
            older = True
    code_apps = {app for app, _name in loader.disk_migrations}
    return older or bool(code_apps - set(manifest["migrations"]))


def _open_tar(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:")
    except FileNotFoundError as exc:
        raise BackupError(f"Het bestand {path} bestaat niet.") from exc
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"{path} is geen leesbare back-up (geen tar-bestand).") from exc


def read_manifest(path: Path | str) -> dict[str, Any]:
    """The checked manifest, from the first member of the file."""
    path = Path(path)
    with _open_tar(path) as tar:
        try:
            first = tar.next()
            if first is None or first.name != MANIFEST or not first.isreg():
                raise BackupError("De back-up is beschadigd: manifest.json ontbreekt vooraan.")
            if first.size > 64 * CHUNK:
                raise BackupError("De back-up is beschadigd: manifest.json is te groot.")
            data = tar.extractfile(first).read()
        except (tarfile.TarError, EOFError) as exc:
            raise BackupError("De back-up is beschadigd (afgebroken tar-bestand).") from exc
    return _check_manifest(data)


def _extract_checked(path: Path, manifest: dict, db_target: Path, media_target: Path) -> None:
    """Every member to its staging place, each checked against the manifest; refuses extra,
    missing, duplicate, non-regular and damaged members."""
    expected = manifest["members"]
    seen: set[str] = set()
    db_name = DB_MEMBER[manifest["vendor"]]
    with _open_tar(path) as tar:
        try:
            for member in tar:
                if member.name == MANIFEST and not seen and member.offset == 0:
                    continue
                if member.name not in expected or member.name in seen or not member.isreg():
                    raise BackupError(
                        f"De back-up is beschadigd: onverwacht onderdeel {member.name!r}."
                    )
                seen.add(member.name)
                if member.name == db_name:
                    target = db_target
                else:
                    target = media_target / member.name[len(MEDIA_PREFIX) :]
                    target.parent.mkdir(parents=True, exist_ok=True)
                digest, size = hashlib.sha256(), 0
                source = tar.extractfile(member)
                with target.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                want = expected[member.name]
                if digest.hexdigest() != want["sha256"] or size != want["size"]:
                    raise BackupError(
                        f"De back-up is beschadigd: de controlesom van {member.name} klopt niet."
                    )
        except (tarfile.TarError, EOFError) as exc:
            raise BackupError("De back-up is beschadigd (afgebroken tar-bestand).") from exc
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError("De back-up is onvolledig: " + ", ".join(missing[:5]) + " ontbreekt.")


def verify_backup(path: Path | str) -> dict[str, Any]:
    """Read the whole file and check every checksum; the manifest when all is well."""
    path = Path(path)
    manifest = read_manifest(path)
    with tempfile.TemporaryDirectory(prefix="zv-verify-") as scratch:
        _extract_checked(path, manifest, Path(scratch) / "db", Path(scratch) / "media")
    return manifest


# --- restore ----------------------------------------------------------------------------------


def database_rows(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Row counts of the tables in the database of ``connection`` (empty dict: no tables)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = _pg_tables(cursor)
        else:
            tables = _sqlite_tables(connection.connection)
        return _counts(cursor, tables)


def restore_backup(
    path: Path | str,
    *,
    using: str = "default",
    media_root: Path | None = None,
    replace: bool = False,
) -> RestoreResult:
    """Restore ``path`` into database ``using`` and ``media_root`` (default MEDIA_ROOT).

    Refuses (BackupError, nothing changed) a damaged file, another database vendor, migrations
    this code does not know, and a database with rows or a media folder with files unless
    ``replace``."""
    path = Path(path)
    connection = connections[using]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    manifest = read_manifest(path)
    older = check_compatible(manifest, connection)
    rows = {t: n for t, n in database_rows(connection).items() if n}
    if rows and not replace:
        raise BackupError(
            f"De database is niet leeg ({len(rows)} tabellen met gegevens, o.a. "
            f"{', '.join(sorted(rows)[:3])}). Terugzetten vervangt alles: geef --replace als "
            f"dat de bedoeling is."
        )
    if _has_files(media_root) and not replace:
        raise BackupError(
            f"De map met documenten ({media_root}) is niet leeg. Terugzetten vervangt alles: "
            f"geef --replace als dat de bedoeling is."
        )
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root.parent))
    try:
        db_file = staging / DB_MEMBER[manifest["vendor"]]
        media_staged = staging / "media"
        media_staged.mkdir()
        _extract_checked(path, manifest, db_file, media_staged)
        connection.close()
        if connection.vendor == "postgresql":
            _restore_postgresql(connection, db_file, manifest["tables"])
        else:
            _restore_sqlite(connection, db_file, manifest["tables"])
        connection.close()
        files = _swap_media(media_staged, media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreResult(
        manifest=manifest,
        tables=len(manifest["tables"]),
        rows=sum(manifest["tables"].values()),
        files=files,
        older_schema=older,
    )


def _restore_sqlite(connection: BaseDatabaseWrapper, db_file: Path, counts: dict) -> None:
    source = sqlite3.connect(db_file)
    try:
        try:
            ok = source.execute("PRAGMA integrity_check").fetchone()[0]
            found = _counts(source.cursor(), _sqlite_tables(source))
        except sqlite3.DatabaseError as exc:
            raise BackupError("De database in de back-up is beschadigd.") from exc
        if ok != "ok" or found != counts:
            raise BackupError("De database in de back-up klopt niet met het manifest.")
        connection.ensure_connection()
        # One step (pages=-1): the target is replaced as a whole or not at all.
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgresql(connection: BaseDatabaseWrapper, dump: Path, counts: dict) -> None:
    """``pg_restore`` of the dump as a script, run by ``psql`` in one transaction after dropping
    the tables there are, and followed by a check of every count: all or nothing."""
    with connection.cursor() as cursor:
        existing = _pg_tables(cursor)
    connection.close()
    # Notices (a DROP … CASCADE names every constraint) would only fill the stderr pipe.
    prefix = "\\set ON_ERROR_STOP on\nSET client_min_messages = warning;\n"
    if existing:
        prefix += "DROP TABLE IF EXISTS " + ", ".join(map(_quote, existing)) + " CASCADE;\n"
    # Functions outlive the tables whose triggers call them (the region stamps, governance
    # migration 0009); the dump creates those it has again.
    prefix += (
        "DO $$ DECLARE f regprocedure; BEGIN FOR f IN SELECT p.oid::regprocedure FROM pg_proc p"
        " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()"
        " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
        " AND d.objid = p.oid AND d.deptype = 'e')"
        " LOOP EXECUTE 'DROP FUNCTION ' || f || ' CASCADE'; END LOOP; END $$;\n"
    )
    checks = ["RESET search_path;"]
    for table, count in counts.items():
        checks.append(
            f"DO $$ BEGIN IF (SELECT COUNT(*) FROM {_quote(table)}) <> {int(count)} THEN "
            f"RAISE EXCEPTION 'telling van tabel % klopt niet', '{table}'; END IF; END $$;"
        )
    checks.append(
        "DO $$ BEGIN IF (SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
        "c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()) <> "
        f"{len(counts)} THEN RAISE EXCEPTION 'aantal tabellen klopt niet'; END IF; END $$;"
    )
    suffix = "\n".join(checks) + "\n"
    env = pg_environment(connection.settings_dict)
    restore = subprocess.Popen(
        [str(PG_BIN / "pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(dump)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    psql = subprocess.Popen(
        [
            str(PG_BIN / "psql"),
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            "--output=/dev/null",
        ],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        psql.stdin.write(prefix.encode())
        shutil.copyfileobj(restore.stdout, psql.stdin, CHUNK)
        restore.wait()
        if restore.returncode != 0:
            # Leave psql without a complete script: it rolls back.
            psql.kill()
            psql.wait()
            raise BackupError(f"pg_restore is mislukt: {_tail(restore.stderr.read().decode())}")
        psql.stdin.write(suffix.encode())
        psql.stdin.close()
    except BrokenPipeError:
        pass
    finally:
        restore.stdout.close()
        if restore.poll() is None:
            restore.kill()
            restore.wait()
    errors = psql.stderr.read().decode(errors="replace")
    psql.wait()
    restore.stderr.close()
    psql.stderr.close()
    if psql.returncode != 0:
        raise BackupError(
            f"Terugzetten van de database is mislukt (niets gewijzigd): {_tail(errors)}"
        )


def _swap_media(staged: Path, media_root: Path) -> int:
    """Move the staged files into ``media_root``; what was there goes first (to a folder beside
    it, removed at the end)."""
    media_root.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root.parent))
    try:
        for entry in list(media_root.iterdir()):
            if not entry.name.startswith(STAGING_PREFIX):
                shutil.move(str(entry), aside / entry.name)
        for entry in list(staged.iterdir()):
            shutil.move(str(entry), media_root / entry.name)
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    return sum(1 for _ in _media_files(media_root))
