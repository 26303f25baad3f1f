"""The demo's answered structure finding (issue 19): the NOG secretary answered ‘bewust zo’
that the Vergadering van Gemeenten Veilig Thuis decides outside every framework."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from core.history import get_system_user
from dashboard.demo.load import build_demo
from dashboard.demo.manifest import DEMO_DIR, DemoDataError
from governance.models import FindingAnswer
from governance.selectors.findings import findings_state

from .conftest import body, nog

VVG = "Vergadering van Gemeenten Veilig Thuis"


@pytest.mark.django_db
def test_the_secretary_answered_one_finding_and_it_holds(seeded):
    answer = FindingAnswer.objects.get()
    assert answer.region == nog()
    assert answer.check_code == "decides_outside_framework"
    assert answer.subject == f"body:{body(VVG).pk}"
    assert answer.answered_by.username == "demo-secretaris"
    assert answer.review_on == timezone.localdate() + timedelta(days=365)
    state = findings_state(nog())
    assert [a.finding.subject for a in state.answered] == [answer.subject]
    assert not any(f.subject == answer.subject and f.check == answer.check_code for f in state.open)
    assert answer.history.count() == 1  # the answer has its history, like any edit


@pytest.mark.django_db
def test_an_answer_to_a_finding_the_region_does_not_have_is_refused(demo_settings, tmp_path):
    directory = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, directory)
    manifest = json.loads((directory / "demo.json").read_text(encoding="utf-8"))
    manifest["answers"][0]["body"] = "Een tafel die niet bestaat"
    (directory / "demo.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(DemoDataError, match="Een tafel die niet bestaat"):
        with transaction.atomic():
            build_demo(user=get_system_user(), directory=directory)
    assert not FindingAnswer.objects.exists()
