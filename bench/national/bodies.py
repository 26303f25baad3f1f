"""The bodies of a region: the main table, the bodies of the specs, working groups, projects and
proposals, some of them dissolved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bench.national.common import MAX_BODIES, MIN_BODIES, days
from bench.national.specs import SPECS, BodySpec
from bench.national.words import PROJECTS, PROPOSED, WORKING_GROUPS
from governance.constants import (
    BodyKind,
    BodyRole,
    BodyStatus,
    DecisionPower,
    LegalBasisKind,
    Level,
)
from governance.models import Body, SubRegion

R = BodyRole


class BodiesMixin:
    """Part of :class:`~bench.national.builder.RegionBuilder`: the bodies."""

    def build_bodies(self) -> None:
        rng, anchor, region = self.rng, self.anchor, self.region
        stamtafel = rng.random() < 0.7
        short = "Stamtafel" if stamtafel else "BNT"
        self.main = self._body(
            key="main",
            name=(
                f"Stamtafel zorg en veiligheid {region.name}"
                if stamtafel
                else f"Bestuurlijke netwerktafel zorg en veiligheid {region.name}"
            ),
            short_name=short,
            kind=BodyKind.STAMTAFEL if stamtafel else BodyKind.BNT,
            level=Level.BESTUURLIJK,
            decision_power=DecisionPower.BESLUITVORMEND,
            roles=[
                R.SIGNALEREN,
                R.INTEGREREN,
                R.COORDINEREN,
                R.AANJAGEN,
                R.REFLECTEREN,
                R.BESLUITEN,
            ],
            meeting_frequency_per_year=rng.randint(4, 6),
            legal_basis_kind=LegalBasisKind.SAMENWERKINGSOVEREENKOMST,
            legal_basis_reference=f"Samenwerkingsovereenkomst zorg en veiligheid {region.name}",
            established_on=anchor - days(rng.randint(4 * 365 + 60, 8 * 365)),
            themes=self.ref.priority_themes,
            description="Het bestuurlijke netwerkoverleg voor de hele Z+V-agenda van de regio.",
        )
        want = ["vvg", "aio", "regiegroep", "casus_zvh"]
        if rng.random() < 0.8:
            want.append("dvo")
        if rng.random() < 0.5:
            want += ["bac", "ab"] + (["db"] if rng.random() < 0.5 else [])
        stuurgroep_dissolved = rng.random() < 0.45
        want.append("stuurgroep")
        if not stuurgroep_dissolved and rng.random() < 0.6:
            want.append("partnergroep")
        if rng.random() < 0.5:
            want.append("periodiek")
        want += rng.sample(["ph_gz", "ph_mh", "ph_bw"], rng.randint(1, 3))
        for key, chance in (
            ("bo_bw", 0.6),
            ("sec", 0.7),
            ("kennis", 0.5),
            ("tactisch_hg", 0.5),
            ("casus_vg", 0.5),
            ("mdo_hg", 0.5),
            ("nazorg", 0.5),
            ("levensloop", 0.4),
        ):
            if rng.random() < chance:
                want.append(key)
        for key in want:
            spec = SPECS[key]
            for sub in self.subs if spec.per_sub else [None]:
                dissolved = (key == "stuurgroep" and stuurgroep_dissolved) or key == "periodiek"
                self._from_spec(spec, sub, dissolved=dissolved)
        # The periodiek overleg turned into the regiegroep on the day it was dissolved.
        if "periodiek" in self.by_key:
            periodiek, regiegroep = self.by_key["periodiek"], self.by_key["regiegroep"]
            regiegroep.established_on = periodiek.dissolved_on
        # Working groups and project teams fill up to the minimum (and a bit more); when no
        # body was dissolved yet, a finished project team is the one that ended.
        groups = [g for g in WORKING_GROUPS if g[1] in self.ref.theme_by_name]
        rng.shuffle(groups)
        projects = list(PROJECTS)
        rng.shuffle(projects)
        if not any(b.dissolved_on for b in self.bodies):
            start = anchor - days(rng.randint(900, 1400))
            self._project(projects.pop(), start, start + days(rng.randint(365, 700)))
        extra = rng.randint(1, 3)
        while (
            (len(self.bodies) < MIN_BODIES or extra > 0)
            and len(self.bodies) < MAX_BODIES - 1
            and (groups or projects)
        ):
            extra -= 1
            if groups and (not projects or rng.random() < 0.5):
                name, theme_name = groups.pop()
                self._body(
                    key="werkgroep",
                    name=name,
                    kind=BodyKind.WERKGROEP,
                    level=Level.TACTISCH,
                    decision_power=DecisionPower.UITVOEREND,
                    roles=[R.UITVOEREN, R.SIGNALEREN],
                    meeting_frequency_per_year=rng.randint(6, 10),
                    established_on=anchor - days(rng.randint(400, 1500)),
                    themes=[self.ref.theme_by_name[theme_name]],
                )
            else:
                self._project(projects.pop(), anchor - days(rng.randint(200, 900)), None)
        # Too many bodies (many sub-regions): drop per-sub-region casus overleggen first.
        while len(self.bodies) > MAX_BODIES:
            victim = next(
                (b for b in reversed(self.bodies) if self.body_spec[b] in ("casus_vg", "dvo")),
                self.bodies[-1],
            )
            self.bodies.remove(victim)
            self.rows[Body].remove(victim)
            links = self.links[Body.themes.through]
            links[:] = [(b, t) for b, t in links if b is not victim]
            if self.by_key.get(self.body_spec[victim]) is victim:
                del self.by_key[self.body_spec[victim]]
        # A few regions have a proposed table (status voorgesteld, nothing hangs from it).
        if rng.random() < 0.3 and len(self.bodies) < MAX_BODIES:
            self._body(
                key="voorgesteld",
                name=rng.choice(PROPOSED),
                kind=BodyKind.OVERIG,
                level=Level.TACTISCH,
                decision_power=DecisionPower.AFSTEMMEND,
                roles=[R.COORDINEREN],
                meeting_frequency_per_year=4,
                status=BodyStatus.VOORGESTELD,
                established_on=None,
            )
        self.active = [b for b in self.bodies if b.status == BodyStatus.ACTIEF]

    def _project(self, name: str, start: date, end: date | None) -> Body:
        if end is not None:
            end = min(end, self.anchor - days(60))
        return self._body(
            key="projectteam",
            name=name,
            kind=BodyKind.PROJECTTEAM,
            level=Level.TACTISCH,
            decision_power=DecisionPower.UITVOEREND,
            roles=[R.UITVOEREN],
            meeting_frequency_per_year=self.rng.randint(10, 12),
            established_on=start,
            dissolved_on=end,
        )

    def _from_spec(self, spec: BodySpec, sub: SubRegion | None, *, dissolved: bool) -> Body:
        rng, anchor, region = self.rng, self.anchor, self.region
        low, high = spec.frequency or (0, 0)
        established = anchor - days(rng.randint(3 * 365, 9 * 365))
        dissolved_on = None
        if dissolved:
            established = self.main.established_on - days(rng.randint(365, 4 * 365))
            latest = anchor - days(120)
            earliest = self.main.established_on + days(30)
            dissolved_on = earliest + days(rng.randint(0, max(0, (latest - earliest).days)))
        theme_map = {
            "ph_gz": "Gedwongen zorg (Wvggz/Wzd)",
            "regiegroep": "Gedwongen zorg (Wvggz/Wzd)",
            "periodiek": "Gedwongen zorg (Wvggz/Wzd)",
            "ph_mh": "Mensenhandel",
            "ph_bw": "Beschermd wonen en maatschappelijke opvang",
            "bo_bw": "Beschermd wonen en maatschappelijke opvang",
            "vvg": "Huiselijk geweld en kindermishandeling",
            "tactisch_hg": "Huiselijk geweld en kindermishandeling",
            "mdo_hg": "Huiselijk geweld en kindermishandeling",
            "casus_vg": "Personen met verward of onbegrepen gedrag",
            "nazorg": "Nazorg (ex-)gedetineerden",
        }
        theme = self.ref.theme_by_name.get(theme_map.get(spec.key, ""))
        body = self._body(
            key=spec.key,
            name=spec.name.format(r=region.name, s=sub.name if sub else ""),
            short_name=spec.short,
            kind=spec.kind,
            level=spec.level,
            decision_power=spec.power,
            roles=list(spec.roles),
            meeting_frequency_per_year=rng.randint(low, high) if spec.frequency else None,
            meeting_duration_hours=Decimal(spec.duration),
            legal_basis_kind=spec.basis,
            legal_basis_reference=spec.basis_ref.format(r=region.name),
            established_on=established,
            dissolved_on=dissolved_on,
            themes=[theme] if theme else [],
        )
        if sub is not None:
            self.sub_of[body] = sub
        return body

    def _body(self, *, key: str, themes=(), status=None, dissolved_on=None, **values) -> Body:
        if status is None:
            status = BodyStatus.OPGEHEVEN if dissolved_on else BodyStatus.ACTIEF
        body = self.add(
            Body(region=self.region, status=status, dissolved_on=dissolved_on, **values)
        )
        self.bodies.append(body)
        self.body_spec[body] = key
        self.by_key.setdefault(key, body)
        for theme in themes:
            self.link(Body.themes.through, body, theme)
        return body
