"""The demo is data: the files in demo/ are canonical, load losslessly, keep the margins the
loader relies on, and no Python module of the project holds region data."""

import json
import shutil
from datetime import date, datetime, timedelta
from functools import partial
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from casereflection.constants import ReflectionStatus, status_index
from casereflection.exchange import export_reflections
from casereflection.models import quarter_bounds
from core.history import get_system_user
from dashboard.demo import load
from dashboard.demo.load import build_demo
from dashboard.demo.manifest import DEMO_DIR, read_manifest
from governance.exchange import RegionImportFailed, dump_document, export_region
from governance.exchange.sections import available_parts
from governance.models import Region

from .conftest import seed

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = read_manifest()


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _files() -> list[Path]:
    return [DEMO_DIR / "demo.json"] + [
        path
        for files in MANIFEST.regions
        for path in (files.region, files.reflections)
        if path is not None
    ]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_file_is_canonical(path):
    """Written as the portal writes them (sorted keys, two-space indent), so that a change
    by hand or by ``export_demo`` shows as a small diff."""
    assert path.read_text(encoding="utf-8") == dump_document(_json(path))


@pytest.mark.django_db
def test_loaded_on_the_peildatum_the_files_come_back_byte_for_byte(demo_settings):
    """Nothing is lost or added between the files and the database: loaded on the peildatum
    (nothing moves), every region and reflections file is exported again byte-identical."""
    with transaction.atomic():
        build_demo(user=get_system_user(), today=MANIFEST.peildatum)
    for files in MANIFEST.regions:
        region_document = _json(files.region)
        region = Region.objects.get(slug=region_document["region"]["slug"])
        exported = export_region(region, parts=available_parts())
        assert dump_document(exported) == files.region.read_text(encoding="utf-8")
        if files.reflections is not None:
            reflections = dump_document(export_reflections(region))
            assert reflections == files.reflections.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_export_demo_writes_the_files_again(demo_settings, tmp_path):
    """``manage.py export_demo`` (for whoever maintains the demo: change it in the portal,
    write the files, read the diff) writes exactly the files it was loaded from."""
    with transaction.atomic():
        build_demo(user=get_system_user(), today=MANIFEST.peildatum)
    out = StringIO()
    with mock.patch(
        "dashboard.management.commands.export_demo.timezone.localdate",
        return_value=MANIFEST.peildatum,
    ):
        call_command("export_demo", "--output", str(tmp_path), stdout=out)
    assert "geschreven" in out.getvalue()
    for path in _files():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def _region_documents():
    for files in MANIFEST.regions:
        yield files.region.name, _json(files.region)


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _local_day(text: str) -> date:
    return timezone.localtime(datetime.fromisoformat(text)).date()


def test_what_happened_lies_before_the_peildatum_and_what_is_planned_a_week_after():
    """The margins the loader relies on (dashboard.demo.shift): what happened is dated up to
    the peildatum, and anything still to come lies at least a week after it, so that moving by
    whole weeks never turns a planned meeting into a past one."""
    peil = MANIFEST.peildatum
    margin = peil + timedelta(days=7)
    for name, document in _region_documents():
        for knelpunt in document["knelpunten"]:
            assert _day(knelpunt["signalled_on"]) <= peil, (name, knelpunt["key"])
        for action in document["actions"]:
            assert _day(action["created_on"]) <= _day(action["list_since"]) <= peil
            assert all(_day(entry["date"]) <= peil for entry in action["log"]), action["key"]
        for meeting in document["meetings"]:
            day = _local_day(meeting["starts_at"])
            if meeting["status"] == "gepland":
                assert day >= margin, (name, meeting["key"])
            else:
                assert day < peil, (name, meeting["key"])
        for assessment in document["checklist"]["assessments"]:
            assert _day(assessment["assessed_on"]) <= peil
        for peilmoment in document["checklist"]["peilmomenten"]:
            assert _day(peilmoment["date"]) <= peil


def _position(day: date) -> int:
    """Days since the start of the day's quarter."""
    start, _end = quarter_bounds(day.year, (day.month - 1) // 3 + 1)
    return (day - start).days


def test_the_reflections_keep_the_margins_too():
    """Held and offered before the peildatum, still to come at least a week after it. And the
    peildatum lies earlier in its quarter than any reflection was held in its own: a load day
    then never moves a held day into the quarter before its own, where it would have to be
    pushed forward past the day it was offered (see dashboard.demo.shift)."""
    peil = MANIFEST.peildatum
    for files in MANIFEST.regions:
        if files.reflections is None:
            continue
        for reflection in _json(files.reflections)["reflections"]:
            reached = status_index(reflection["status"])
            if reached >= status_index(ReflectionStatus.BESPROKEN):
                held = _day(reflection["held_on"])
                assert held < peil
                assert _position(held) >= _position(peil), reflection["held_on"]
            else:
                assert _day(reflection["planned_on"]) >= peil + timedelta(days=7)
            if reflection["offered_on"]:
                assert _day(reflection["offered_on"]) < peil


def test_no_python_module_of_the_project_holds_region_data():
    """The names of the demo's people and bodies occur only in the data files (and in tests),
    never in the code."""
    names = set()
    for _name, document in _region_documents():
        names |= {person["name"] for person in document["persons"]}
        names |= {body["name"] for body in document["bodies"]}
    sources = [
        path
        for package in ("core", "governance", "checklist", "casereflection", "dashboard")
        for path in (ROOT / package).rglob("*.py")
    ]
    assert len(sources) > 100
    found = {
        (str(path.relative_to(ROOT)), name)
        for path in sources
        for name in names
        if name in path.read_text(encoding="utf-8")
    }
    assert found == set()


@pytest.fixture
def broken_demo(tmp_path):
    """A copy of demo/ whose NOG file refers to a theme the portal does not have."""
    for path in _files():
        shutil.copy(path, tmp_path / path.name)
    shutil.copytree(DEMO_DIR / "stukken", tmp_path / "stukken")
    path = tmp_path / "nog.region.json"
    document = _json(path)
    document["actions"][3]["theme"] = "Een thema dat niet bestaat"
    path.write_text(dump_document(document), encoding="utf-8")
    read_manifest.cache_clear()
    yield tmp_path
    read_manifest.cache_clear()


@pytest.mark.django_db
def test_a_broken_file_is_refused_and_nothing_is_written(demo_settings, broken_demo, monkeypatch):
    with pytest.raises(RegionImportFailed) as failed, transaction.atomic():
        build_demo(user=get_system_user(), directory=broken_demo)
    assert [e.path for e in failed.value.errors] == ["$.actions[3].theme"]
    assert not Region.objects.exists()

    monkeypatch.setattr(
        "dashboard.management.commands.seed_demo.build_demo",
        partial(load.build_demo, directory=broken_demo),
    )
    with pytest.raises(CommandError, match=r"niets opgeslagen.*actions\[3\]\.theme"):
        seed()
    assert not Region.objects.exists()
