"""The restore of a backup (core/backup.py) against the database tool alone on the same dump, used
by ``bench/run --only restore`` (issue 21).

Both restore into a new, empty database of the same server (PostgreSQL: a scratch database
created and dropped here; SQLite: a temporary file). ``manage.py restore`` reads the tar, checks
every checksum, loads the dump with ``pg_restore | psql`` in one transaction and checks every
table's count; the baseline is ``pg_restore --single-transaction`` of the extracted
``database.dump`` (SQLite: the backup API copying the extracted file). Also reported: the time
of the backup itself and the size of the file.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from django.db import connections

from core.backup import PG_BIN, create_backup, pg_environment, restore_backup

ALIAS = "bench_restore"
ROUNDS = 3


def _scratch(original, name: str):
    if original.vendor == "postgresql":
        with original._nodb_cursor() as cursor:
            quoted = original.ops.quote_name(name)
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
            cursor.execute(f"CREATE DATABASE {quoted}")
    else:
        Path(name).unlink(missing_ok=True)
    wrapper = type(original)({**original.settings_dict, "NAME": name}, alias=ALIAS)
    connections[ALIAS] = wrapper
    return wrapper


def _drop(original, wrapper) -> None:
    name = wrapper.settings_dict["NAME"]
    wrapper.close()
    del connections[ALIAS]
    if original.vendor == "postgresql":
        with original._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {original.ops.quote_name(name)}")
    else:
        Path(name).unlink(missing_ok=True)


def _baseline(original, dump: Path, name: str) -> float:
    wrapper = _scratch(original, name)
    try:
        started = time.perf_counter()
        if original.vendor == "postgresql":
            subprocess.run(
                [
                    str(PG_BIN / "pg_restore"),
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    f"--dbname={name}",
                    str(dump),
                ],
                env=pg_environment(original.settings_dict, name),
                check=True,
                capture_output=True,
            )
        else:
            import sqlite3

            source, target = sqlite3.connect(dump), sqlite3.connect(name)
            source.backup(target)
            source.close()
            target.close()
        return time.perf_counter() - started
    finally:
        _drop(original, wrapper)


def _ours(original, backup: Path, name: str, media: Path) -> float:
    wrapper = _scratch(original, name)
    try:
        started = time.perf_counter()
        restore_backup(backup, using=ALIAS, media_root=media)
        return time.perf_counter() - started
    finally:
        _drop(original, wrapper)


def restore_vs_tool(rounds: int = ROUNDS) -> list[dict]:
    original = connections["default"]
    with tempfile.TemporaryDirectory(prefix="zv-bench-restore-") as scratch:
        folder = Path(scratch)
        started = time.perf_counter()
        backup, manifest = create_backup(folder / "b.tar", media_root=folder / "no-media")
        backup_seconds = time.perf_counter() - started
        member = "database.dump" if original.vendor == "postgresql" else "database.sqlite3"
        with tarfile.open(backup) as tar:
            tar.extract(member, folder, filter="data")
        if original.vendor == "postgresql":
            name = f"{original.settings_dict['NAME']}_restore"[:63]
        else:
            name = str(folder / "restore.sqlite3")
        size = backup.stat().st_size
        ours, tool = [], []
        for round_ in range(rounds):  # alternately, so that drift falls on both alike
            tool.append(_baseline(original, folder / member, name))
            ours.append(_ours(original, backup, name, folder / f"media-{round_}"))
    ours_best, tool_best = min(ours), min(tool)
    rows = sum(manifest["tables"].values())
    tool_name = "pg_restore" if original.vendor == "postgresql" else "SQLite-backup-API"
    return [
        {
            "name": f"terugzetten back-up ({rows} rijen) vs {tool_name}",
            "value": round(ours_best, 2),
            "unit": "s",
            "baseline": round(tool_best, 2),
            "ratio": round(ours_best / tool_best, 2) if tool_best else None,
            # On SQLite the copy alone takes a fraction of a second: the tar and the checks
            # dominate, and no goal is set. On PostgreSQL the loading itself dominates.
            "goal": "≤ 1.5×" if original.vendor == "postgresql" else "—",
            "ok": original.vendor != "postgresql" or ours_best <= 1.5 * tool_best,
            "rows": rows,
            "tables": len(manifest["tables"]),
            "file_bytes": size,
        },
        {
            "name": f"back-up maken ({rows} rijen)",
            "value": round(backup_seconds, 2),
            "unit": "s",
            "baseline": None,
            "ratio": None,
            "goal": "—",
        },
    ]
