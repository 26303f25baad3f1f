"""Backup and restore (core/backup.py, ``manage.py backup`` / ``restore``), on the database of the
test run (DATABASE_URL): SQLite or PostgreSQL.

The drill: the demo with documents, backed up and restored into an empty database (SQLite: a
temporary file; PostgreSQL: a scratch database created and dropped here) and an empty media
folder, then compared region export by region export, table by table and file by file. The
refusals: a database with rows or a folder with files without --replace, migrations of a newer
version, another vendor, a damaged file; each refusal changes nothing.

pg_dump reads committed data only, hence ``transaction=True`` throughout.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from core.backup import (
    MANIFEST,
    BackupError,
    _check_manifest,
    create_backup,
    database_rows,
    restore_backup,
    verify_backup,
)
from governance.exchange.export import dump_region_json
from governance.exchange.sections import available_parts
from governance.models import Document, Region
from tests.factories import AgendaItemFactory, DocumentFactory
from tests.reference_data import restore_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

DRILL = "drill"


def _wrapper_for(name: str):
    settings_dict = {**connection.settings_dict, "NAME": name}
    return type(connections["default"])(settings_dict, alias=DRILL)


@pytest.fixture
def scratch(tmp_path):
    """An empty database of the same vendor, as connection alias ``drill``."""
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_drill"[:63]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    else:
        name = str(tmp_path / "drill.sqlite3")
    wrapper = _wrapper_for(name)
    connections[DRILL] = wrapper
    yield wrapper
    wrapper.close()
    del connections[DRILL]
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def media(settings):
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


def _documents() -> dict[str, str]:
    return {
        doc.file.name: hashlib.sha256(doc.file.open("rb").read()).hexdigest()
        for doc in Document.objects.all()
    }


def _exports() -> dict[str, str]:
    parts = available_parts()
    return {r.slug: dump_region_json(r, parts) for r in Region.objects.order_by("slug")}


class _On:
    """Make the drill database the default connection for a while (as bench/twin.py does)."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def __enter__(self):
        self.original = connections["default"]
        connections["default"] = type(self.wrapper)({**self.wrapper.settings_dict}, alias="default")

    def __exit__(self, *exc):
        connections["default"].close()
        connections["default"] = self.original


def test_drill_demo_backed_up_and_restored_into_empty_database_is_identical(
    tmp_path, settings, media, scratch
):
    restore_reference_data()  # an earlier transactional test may have flushed the themes
    call_command("seed_demo", "--force", stdout=StringIO())
    item = AgendaItemFactory(meeting__body__region=Region.objects.get(slug="nog"))
    DocumentFactory(agenda_item=item)
    DocumentFactory(agenda_item=item, file__data=b"tweede stuk \x00\xff", title="Bijlage")
    documents, exports, rows = _documents(), _exports(), database_rows(connection)
    assert len(documents) >= 3 and len(exports) >= 2 and rows["governance_region"] >= 2

    out = StringIO()
    call_command("backup", "--output", str(tmp_path / "b.tar"), stdout=out)
    assert "Back-up gemaakt" in out.getvalue()
    manifest = json.loads(tarfile.open(tmp_path / "b.tar").extractfile(MANIFEST).read())
    assert manifest["vendor"] == connection.vendor and manifest["tables"] == rows
    assert manifest["migrations"]["governance"].startswith("00")
    assert len(manifest["members"]) == 1 + len(documents)

    settings.MEDIA_ROOT = tmp_path / "restored-media"  # empty (does not exist yet)
    result = restore_backup(tmp_path / "b.tar", using=DRILL)
    assert result.files == len(documents) and not result.older_schema

    assert database_rows(scratch) == rows
    with _On(scratch):
        assert connection.settings_dict["NAME"] == scratch.settings_dict["NAME"]
        assert _exports() == exports  # byte-identical, every region, every part
        assert _documents() == documents


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]


def _rewrite(source: Path, target: Path, change) -> None:
    """A copy of the backup whose manifest went through ``change(manifest)``."""
    with tarfile.open(source) as old, tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as new:
        for member in old:
            data = old.extractfile(member).read()
            if member.name == MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))


@pytest.fixture
def backup(tmp_path, media):
    DocumentFactory()
    path, _manifest = create_backup(tmp_path / "b.tar")
    return path


def _state(wrapper, media_root: Path):
    files = sorted(p.relative_to(media_root).as_posix() for p in media_root.rglob("*"))
    return database_rows(wrapper), files


def test_restore_refuses_a_database_with_rows_unless_replace(backup, scratch, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "m2"
    restore_backup(backup, using=DRILL)
    with scratch.cursor() as cursor:
        cursor.execute("DELETE FROM governance_theme")
    settings.MEDIA_ROOT = tmp_path / "m3"
    before = _state(scratch, tmp_path / "m3")
    with pytest.raises(BackupError, match="database is niet leeg.*--replace"):
        restore_backup(backup, using=DRILL)
    assert _state(scratch, tmp_path / "m3") == before
    restore_backup(backup, using=DRILL, replace=True)
    assert database_rows(scratch) == database_rows(connection)


def test_restore_refuses_a_media_folder_with_files_unless_replace(backup, scratch, media):
    stray = media / "los.txt"
    stray.write_text("blijft")
    with pytest.raises(BackupError, match="documenten.*niet leeg"):
        restore_backup(backup, using=DRILL)
    assert database_rows(scratch) == {} and stray.read_text() == "blijft"
    restore_backup(backup, using=DRILL, replace=True)
    assert not stray.exists() and len(list(media.rglob("*.pdf"))) == 1


def _damage(kind: str, backup: Path, bad: Path) -> None:
    data = backup.read_bytes()
    if kind == "checksum":
        bad.write_bytes(data.replace(b"%%EOF", b"%%EOG"))
    elif kind == "truncated":
        bad.write_bytes(data[: len(data) * 2 // 3])
    elif kind == "not-json":
        with tarfile.open(bad, "w") as tar:
            info = tarfile.TarInfo(MANIFEST)
            info.size = 5
            tar.addfile(info, io.BytesIO(b"{nee}"))
    elif kind == "manifest-fields":
        _rewrite(backup, bad, lambda m: m["tables"].update({"x; DROP TABLE y": 1}))
    elif kind == "newer-format":
        _rewrite(backup, bad, lambda m: m.update(version=2))
    elif kind == "extra-member":
        _rewrite(backup, bad, lambda m: m["members"].pop(sorted(m["members"])[-1]))
    elif kind == "path-escape":

        def escape(manifest):
            manifest["members"]["media/../../buiten.txt"] = {"sha256": "0" * 64, "size": 0}

        _rewrite(backup, bad, escape)
    elif kind == "not-a-tar":
        bad.write_bytes(b"dit is geen back-up\n" * 100)
    elif kind == "counts":
        # Passes every checksum; the count check after loading refuses (PostgreSQL: inside
        # the one transaction, so the replaced database comes back as it was).
        _rewrite(backup, bad, lambda m: m["tables"].update(governance_region=999))
    elif kind == "newer-schema":
        _rewrite(backup, bad, lambda m: m["migrations"].update(governance="0999_uit_de_toekomst"))
    elif kind == "other-vendor":
        other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
        member = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}

        def change(manifest):
            manifest["vendor"] = other
            manifest["members"][member[other]] = manifest["members"].pop(member[connection.vendor])

        _rewrite(backup, bad, change)


DAMAGE = {
    "checksum": "controlesom",
    "truncated": "afgebroken|onvolledig|controlesom",
    "not-json": "geen geldige JSON",
    "manifest-fields": "manifest klopt niet",
    "newer-format": "indeling 2.*Werk het portaal eerst bij",
    "extra-member": "onverwacht onderdeel",
    "path-escape": "manifest klopt niet",
    "not-a-tar": "geen leesbare back-up|beschadigd",
    "counts": "telling|klopt niet",
    "newer-schema": "nieuwere versie.*governance.0999_uit_de_toekomst.*Werk het portaal eerst bij",
    "other-vendor": "andere soort database",
}


def test_damaged_newer_or_foreign_backup_is_refused_and_changes_nothing(
    backup, scratch, tmp_path, settings
):
    """Into an empty target and, with --replace, over a target with data: each refused with its
    Dutch message, and the target (database and media folder) is exactly as before."""
    empty_media = tmp_path / "leeg"
    for kind, message in DAMAGE.items():
        bad = tmp_path / f"{kind}.tar"
        _damage(kind, backup, bad)
        with pytest.raises(BackupError, match=message):
            restore_backup(bad, using=DRILL, media_root=empty_media)
        assert database_rows(scratch) == {}, kind
        assert not empty_media.exists() or not any(empty_media.iterdir()), kind
    with pytest.raises(CommandError, match="Werk het portaal eerst bij"):
        call_command("restore", str(tmp_path / "newer-schema.tar"), "--database", DRILL)

    settings.MEDIA_ROOT = tmp_path / "m2"
    restore_backup(backup, using=DRILL)
    with scratch.cursor() as cursor:
        cursor.execute("DELETE FROM governance_theme")
    before = _state(scratch, tmp_path / "m2")
    for kind, message in DAMAGE.items():
        with pytest.raises(BackupError, match=message):
            restore_backup(tmp_path / f"{kind}.tar", using=DRILL, replace=True)
        assert _state(scratch, tmp_path / "m2") == before, kind
    assert not (tmp_path / "buiten.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".zv-restore-")]


@hsettings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_any_damage_to_the_file_is_refused_or_harmless(backup, data):
    """Flip one byte or cut the file anywhere: verify_backup refuses with a BackupError or
    (a byte of padding) finds every member intact; it never fails otherwise."""
    raw = backup.read_bytes()
    if data.draw(st.booleans(), label="cut"):
        damaged = raw[: data.draw(st.integers(0, len(raw) - 1), label="length")]
    else:
        damaged = _flip(raw, data.draw(st.integers(0, len(raw) - 1), label="at"))
    target = backup.with_name("damaged.tar")
    target.write_bytes(damaged)
    try:
        manifest = verify_backup(target)
    except BackupError:
        return
    assert (
        manifest["members"]
        == json.loads(tarfile.open(backup).extractfile(MANIFEST).read())["members"]
    )


def test_restore_command_check_only_reads(backup, scratch):
    out = StringIO()
    call_command("restore", str(backup), "--check", "--database", DRILL, stdout=out)
    assert "Back-up in orde" in out.getvalue() and database_rows(scratch) == {}


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@hsettings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    field=st.sampled_from(["format", "version", "vendor", "migrations", "tables", "members"]),
    value=_json,
    member_name=st.text(max_size=20),
)
def test_any_manifest_is_checked_or_refused_in_dutch(backup, field, value, member_name):
    """A manifest with any field replaced by any JSON value, or any member name: accepted only
    if well formed, else a BackupError (never another exception)."""
    manifest = json.loads(tarfile.open(backup).extractfile(MANIFEST).read())
    for changed in (
        {**manifest, field: value},
        {
            **manifest,
            "members": {**manifest["members"], member_name: {"sha256": "0" * 64, "size": 1}},
        },
    ):
        try:
            checked = _check_manifest(json.dumps(changed).encode())
        except BackupError:
            continue
        assert checked["version"] <= 1 and checked["vendor"] in ("sqlite", "postgresql")
        for name in checked["members"]:
            assert name.startswith("database.") or (
                name.startswith("media/") and ".." not in name.split("/")
            )


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_password_goes_to_the_environment_only_and_is_never_in_a_message(tmp_path):
    from core.backup import pg_environment

    secret = "geheim-wachtwoord-123"
    env = pg_environment({**connection.settings_dict, "PASSWORD": secret, "NAME": "bestaat_niet"})
    assert env["PGPASSWORD"] == secret and env["PGDATABASE"] == "bestaat_niet"
    wrapper = type(connections["default"])(
        {**connection.settings_dict, "PASSWORD": secret, "NAME": "bestaat_niet"}, alias=DRILL
    )
    connections[DRILL] = wrapper
    try:
        with pytest.raises(Exception) as failed:
            create_backup(tmp_path / "x.tar", using=DRILL)
        assert secret not in str(failed.value)
        assert not (tmp_path / "x.tar").exists()
    finally:
        wrapper.close()
        del connections[DRILL]


def test_bench_measure_restore_against_the_tool_alone():
    from bench.backup import restore_vs_tool

    DocumentFactory()
    restore, made = restore_vs_tool(rounds=1)
    assert restore["rows"] > 0 and restore["tables"] > 50 and restore["file_bytes"] > 0
    assert restore["value"] > 0 and restore["baseline"] > 0 and restore["ratio"] > 0
    assert made["value"] > 0


def test_backup_of_an_older_schema_is_accepted_and_asks_for_migrate(backup):
    from core.backup import check_compatible, read_manifest

    manifest = read_manifest(backup)
    assert check_compatible(manifest, connection) is False
    older = {**manifest, "migrations": {**manifest["migrations"], "governance": "0001_initial"}}
    assert check_compatible(older, connection) is True
    del older["migrations"]["notifications"]  # an app that did not exist yet
    assert check_compatible(older, connection) is True
