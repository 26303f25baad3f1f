"""The checklist of a region: assessments that improve over time and four peilmomenten."""

from __future__ import annotations

from datetime import date

from bench.national.common import days
from bench.national.specs import EVIDENCE, STAGE_HEAD_START, STATUSES
from checklist.models import Assessment, Snapshot, SnapshotScore


class ChecklistMixin:
    """Part of :class:`~bench.national.builder.RegionBuilder`: assessments and peilmomenten."""

    # -- checklist ------------------------------------------------------------------------------

    def build_checklist(self) -> None:
        rng, anchor = self.rng, self.anchor
        items = self.ref.items
        if not items:
            return
        maturity = rng.betavariate(2, 2)
        step_chance = 0.2 + 0.35 * maturity
        moments = [anchor - days(d + rng.randint(-10, 10)) for d in (640, 460, 275, 95)]
        snapshots = [
            self.add(
                Snapshot(
                    region=self.region,
                    framework=self.ref.framework,
                    date=day,
                    frozen_at=self.when(day, 17),
                    note=f"Peilmoment na de {self.main.short_name}",
                )
            )
            for day in moments
        ]

        def trajectory(base: float) -> tuple[list[int], list[date]]:
            rank = max(0, min(3, round(base + rng.gauss(0, 0.7))))
            ranks, changed = [rank], [moments[0] - days(rng.randint(10, 120))]
            for day in [*moments[1:], anchor]:
                if rank < 4 and rng.random() < step_chance:
                    rank += 1
                    changed.append(day - days(rng.randint(5, 60)))
                else:
                    changed.append(changed[-1])
                ranks.append(rank)
            return ranks, changed

        main, aio = self.main, self.by_key.get("aio")
        for item in items:
            base = maturity * 2.6 + STAGE_HEAD_START.get(item.group.stage, 0)
            ranks, changed = trajectory(base)
            self._assessment(item, None, ranks, changed, snapshots)
            if item.code == "I1":
                self.link(Assessment.bodies.through, self.rows[Assessment][-1], main)
            elif item.code == "I2" and aio is not None:
                self.link(Assessment.bodies.through, self.rows[Assessment][-1], aio)
            if item.per_municipality:
                for m in self.municipalities:
                    m_ranks, m_changed = trajectory(base + rng.uniform(-0.8, 0.8))
                    self._assessment(item, m, m_ranks, m_changed, snapshots)

    def _assessment(self, item, municipality, ranks, changed, snapshots) -> None:
        status = STATUSES[ranks[-1]]
        assessed = min(changed[-1], self.anchor)
        evidence = EVIDENCE[status]
        if municipality is not None:
            evidence = f"Gemeente {municipality.name}: {evidence[0].lower()}{evidence[1:]}"
        self.add(
            Assessment(
                region=self.region,
                item=item,
                code=item.code,
                municipality=municipality,
                status=status,
                evidence=evidence,
                owner=self.secretary,
                assessed_on=assessed,
                next_review_on=assessed + days(365),
            )
        )
        for snapshot, rank in zip(snapshots, ranks[:-1], strict=True):
            self.add(
                SnapshotScore(
                    snapshot=snapshot,
                    item=item,
                    code=item.code,
                    municipality=municipality,
                    status=STATUSES[rank],
                )
            )
