"""The demo's answered structure findings (``answers`` in ``demo/demo.json``): a finding about
a body that the region chose on purpose, answered ‘bewust zo’ by a demo account through the
same service as the checks page, after the region is loaded."""

from __future__ import annotations

from datetime import date, timedelta

from dashboard.demo.manifest import DemoDataError, Manifest
from governance.checks.run import run_checks
from governance.models import Body, Region
from governance.services.findings import answer_finding


def add_answers(manifest: Manifest, region: Region, users: dict, today: date) -> int:
    """Answer the manifest's findings of ``region``; a finding that the region does not have
    (any more) is an error in the data files."""
    answers = [a for a in manifest.answers if a.region == region.slug]
    if not answers:
        return 0
    findings = run_checks(region, on=today)
    for n, answer in enumerate(answers):
        body = Body.objects.filter(region=region, name=answer.body).first()
        finding = next(
            (
                f
                for f in findings
                if body is not None and f.check == answer.check and f.subject == f"body:{body.pk}"
            ),
            None,
        )
        if finding is None:
            raise DemoDataError(
                f"{manifest.directory / 'demo.json'}: answers[{n}]: {region.slug} heeft geen "
                f"bevinding ‘{answer.check}’ over ‘{answer.body}’."
            )
        days = answer.review_after_days
        answer_finding(
            region=region,
            check_code=finding.check,
            subject=finding.subject,
            facts=finding.facts,
            reason=answer.reason,
            review_on=today + timedelta(days=days) if days else None,
            user=users[answer.username],
        )
    return len(answers)
