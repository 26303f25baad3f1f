"""Twelve case reflections with their Stamtafel conclusions and the actions those made."""

from __future__ import annotations

from bench.national.common import REFLECTIONS, days
from bench.national.words import CHALLENGES, REFLECTION_TEXT, REFLECTION_TITLES
from casereflection.constants import CaseKind, Method, Priority, ReflectionStatus
from casereflection.models import CaseReflection, Conclusion, quarter_bounds, shift_quarter
from governance.constants import (
    ADMINISTRATOR_OFFICES,
    ActionList,
    ActionOrigin,
    ActionUpdateKind,
    AgendaItemKind,
    ClosedReason,
    Level,
    MeetingStatus,
)
from governance.models import Action, Meeting


class ReflectionsMixin:
    """Part of :class:`~bench.national.builder.RegionBuilder`: case reflections."""

    # -- case reflections -----------------------------------------------------------------------

    def build_reflections(self) -> None:
        rng, anchor = self.rng, self.anchor
        quarter = (anchor.year, (anchor.month - 1) // 3 + 1)
        quarters = [shift_quarter(*quarter, k - (REFLECTIONS - 1)) for k in range(REFLECTIONS)]
        concluded = rng.randint(1, 2)
        statuses = (
            [ReflectionStatus.OPGEVOLGD] * (REFLECTIONS - 2 - concluded)
            + [ReflectionStatus.GECONCLUDEERD] * concluded
            + [rng.choice([ReflectionStatus.AANGEBODEN, ReflectionStatus.BESPROKEN])]
            + [rng.choice([ReflectionStatus.GEPLAND, ReflectionStatus.VOORBEREID])]
        )
        statuses = statuses[-REFLECTIONS:]
        titles = rng.sample(REFLECTION_TITLES, REFLECTIONS)
        kinds = CaseKind.values
        start_sub = rng.randrange(len(self.subs))
        main_meetings = [m for m in self.meetings[self.main] if m.status == MeetingStatus.GEHOUDEN]
        for k, ((year, q), status) in enumerate(zip(quarters, statuses, strict=True)):
            begin, end = quarter_bounds(year, q)
            planned = begin + days(rng.randint(15, 60))
            sub = self.subs[(start_sub + k) % len(self.subs)]
            reflection = CaseReflection(
                region=self.region,
                year=year,
                quarter=q,
                sub_region=sub,
                case_kind=kinds[k % len(kinds)],
                title=titles[k],
                method=Method.MOREEL_BERAAD if k % 3 else Method.SOCRATISCH,
                facilitator=rng.choice(self.facilitators),
                planned_on=planned,
            )
            rank = ReflectionStatus.values.index(status)
            if rank >= ReflectionStatus.values.index(ReflectionStatus.VOORBEREID):
                reflection.summary = REFLECTION_TEXT["summary"]
            if planned > anchor:
                status, rank = ReflectionStatus.GEPLAND, 0
            if rank >= ReflectionStatus.values.index(ReflectionStatus.BESPROKEN):
                reflection.held_on = planned
                for name, text in REFLECTION_TEXT.items():
                    if name != "proposal":
                        setattr(reflection, name, text)
            offered = None
            if rank >= ReflectionStatus.values.index(ReflectionStatus.AANGEBODEN):
                offered = min(planned + days(rng.randint(14, 40)), anchor)
                reflection.offered_on = offered
                reflection.proposal = REFLECTION_TEXT["proposal"]
            meeting = None
            if rank >= ReflectionStatus.values.index(ReflectionStatus.GECONCLUDEERD):
                meeting = next((m for m in main_meetings if m.gen_day >= offered), None)
                if meeting is None:  # no Stamtafel meeting since: still waiting for it
                    status = ReflectionStatus.AANGEBODEN
            reflection.status = status
            self.add(reflection)
            for theme in rng.sample(self.themes, rng.randint(1, 2)):
                self.link(CaseReflection.themes.through, reflection, theme)
                reflection.gen_theme = getattr(reflection, "gen_theme", theme)
            for org in rng.sample(self.partners, min(len(self.partners), rng.randint(2, 4))):
                self.link(CaseReflection.organisations.through, reflection, org)
            for other in self.subs:
                if other != sub:
                    self.link(CaseReflection.delegation.through, reflection, self.advisers[other])
            if meeting is not None:
                self._conclusions(reflection, meeting, status)

    def _conclusions(self, reflection: CaseReflection, meeting: Meeting, status: str) -> None:
        rng, anchor = self.rng, self.anchor
        decided = meeting.gen_day
        label = f"K{reflection.quarter} {reflection.year}"
        conclusions: list[Conclusion] = []
        if not hasattr(meeting, "gen_extra"):
            meeting.gen_extra = []
        meeting.gen_extra.append(
            (
                f"Bespreekvoorstel casusreflectie {label}",
                AgendaItemKind.BESLUITEN,
                None,
                None,
                conclusions,
            )
        )
        pool = [
            m
            for m in self.seats[self.main]
            if m.person is not None
            and m.person.office in ADMINISTRATOR_OFFICES
            and m.end is None
            and (m.start is None or m.start <= decided)
        ] or self._trekker_pool(anchor)
        assignees = [b for b in self.active if b.level != Level.OPERATIONEEL and b is not self.main]
        for challenge, assignment in rng.sample(CHALLENGES, rng.randint(1, 2)):
            contact = rng.choice(pool)
            assignee = rng.choice(assignees) if assignees else self.main
            due = decided + days(rng.randint(120, 300))
            priority = rng.choice(Priority.values)
            action = Action(
                region=self.region,
                title=f"{challenge} ({reflection.sub_region.name})",
                description=assignment,
                theme=reflection.gen_theme,
                list=ActionList.ACTIE,
                list_since=decided,
                importance={1: 3, 2: 2, 3: 1}[priority],
                trekker=contact,
                owning_body=assignee,
                due_date=due,
                origin=ActionOrigin.REFLECTIE,
                origin_note=f"Conclusie van de casusreflectie {label}",
                created_on=decided,
                owner=rng.choice(list(self.advisers.values())),
            )
            action.gen_closed = None
            action.gen_agenda_item = None
            self.add(action)
            self.actions.append(action)
            self._log(
                action,
                decided,
                ActionUpdateKind.AANGEMAAKT,
                f"Opdracht van de {self.main.short_name} na de casusreflectie {label}.",
                to_list=ActionList.ACTIE,
            )
            for org in rng.sample(self.partners, min(len(self.partners), rng.randint(1, 3))):
                self.link(Action.coalition.through, action, org)
            closes = status == ReflectionStatus.OPGEVOLGD and rng.random() < 0.9
            if closes and (anchor - decided).days > 60:
                closed = decided + days(rng.randint(45, min(400, (anchor - decided).days)))
                self._progress(action, decided, closed)
                self._close(action, closed, ClosedReason.AFGEROND, ActionList.ACTIE)
            else:
                self._progress(action, decided, anchor)
                if status == ReflectionStatus.OPGEVOLGD:
                    reflection.follow_up_note = (
                        "Opgevolgd: de opdracht loopt verder op de werkagenda."
                    )
            conclusion = self.add(
                Conclusion(
                    reflection=reflection,
                    decided_on=decided,
                    title=action.title,
                    common_challenge=challenge,
                    priority=priority,
                    assignment=assignment,
                    assignee_body=assignee,
                    contact_administrator=contact,
                    due_date=due,
                    action=action,
                )
            )
            conclusions.append(conclusion)
