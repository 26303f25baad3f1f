"""The werkagenda of a region: knelpunten per theme and actions over voorraad, actie and gereed,
with their log."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from bench.national.common import ACTIONS, HISTORY_DAYS, days
from bench.national.specs import CLOSING_TEXTS
from bench.national.words import (
    ACTION_FORMS,
    GENERIC_KNELPUNTEN,
    GENERIC_TOPICS,
    PROGRESS_TEXTS,
    THEME_CONTENT,
)
from casereflection.models import Conclusion
from governance.constants import (
    ADMINISTRATOR_OFFICES,
    ActionList,
    ActionOrigin,
    ActionUpdateKind,
    ClosedReason,
    KnelpuntSource,
    KnelpuntStatus,
    Level,
    MembershipRole,
)
from governance.models import Action, ActionUpdate, Knelpunt, Membership, Theme


class WerkagendaMixin:
    """Part of :class:`~bench.national.builder.RegionBuilder`: knelpunten and actions."""

    # -- werkagenda -----------------------------------------------------------------------------

    def build_knelpunten(self) -> None:
        rng, anchor = self.rng, self.anchor
        self.knelpunten: dict[Theme, list[Knelpunt]] = defaultdict(list)
        sources = KnelpuntSource.values
        for theme in self.themes:
            titles = THEME_CONTENT.get(theme.name, (GENERIC_KNELPUNTEN, []))[0]
            for title in rng.sample(titles, min(len(titles), rng.randint(2, 4))):
                status = rng.choices(KnelpuntStatus.values, weights=(5, 4, 2))[0]
                source = rng.choice(sources)
                self.knelpunten[theme].append(
                    self.add(
                        Knelpunt(
                            region=self.region,
                            theme=theme,
                            title=title,
                            source=source,
                            source_note="Opgehaald in de subregio's." if source == "overig" else "",
                            status=status,
                            signalled_on=anchor - days(rng.randint(30, 900)),
                            description="Vastgesteld in het advies- en implementatieoverleg.",
                        )
                    )
                )

    def _trekker_pool(self, on: date) -> list[Membership]:
        """Current seats of administrators in active bodies on ``on`` (and still today)."""
        return [
            m
            for body in self.active
            if body.level == Level.BESTUURLIJK
            for m in self.seats[body]
            if m.person is not None
            and m.person.office in ADMINISTRATOR_OFFICES
            and m.end is None
            and (m.start is None or m.start <= on)
        ]

    def _trekker(self, on: date) -> Membership:
        """A trekker for an action moved to the actielijst on ``on``: mostly a seat at the main
        table or a portfolio holder's."""
        pool = self._trekker_pool(on) or self._trekker_pool(self.anchor)
        weights = [
            4 if m.body is self.main else 3 if m.role == MembershipRole.PORTEFEUILLEHOUDER else 1
            for m in pool
        ]
        return self.rng.choices(pool, weights=weights)[0]

    def _title(self, theme: Theme | None, used: set[str]) -> str:
        topics = (
            THEME_CONTENT[theme.name][1]
            if theme and theme.name in THEME_CONTENT
            else GENERIC_TOPICS
        )
        for _attempt in range(30):
            title = self.rng.choice(ACTION_FORMS).format(t=self.rng.choice(topics))
            if self.rng.random() < 0.2:
                title += f" in {self.rng.choice(self.subs).name}"
            if title not in used:
                used.add(title)
                return title
        title = f"{title} ({len(used) + 1})"
        used.add(title)
        return title

    def _log(self, action, day, kind, text="", from_list="", to_list=""):
        self.add(
            ActionUpdate(
                action=action,
                date=day,
                kind=kind,
                from_list=from_list,
                to_list=to_list,
                text=text,
                author=self.author,
                created_at=self.when(day, 16, self.rng.randrange(0, 60)),
            )
        )

    def build_actions(self) -> None:
        rng, anchor = self.rng, self.anchor
        used: set[str] = {a.title for a in self.actions}
        owners = [*self.officials, *self.advisers.values(), self.programme, *self.manager.values()]
        owning = [b for b in self.active if b.level != Level.OPERATIONEEL] or self.active
        weights = [
            6 if b is self.main else 3 if b.level == Level.BESTUURLIJK else 2 for b in owning
        ]
        total = rng.randint(*ACTIONS) - len(self.rows[Conclusion])
        for _n in range(total):
            theme = rng.choice(self.themes) if rng.random() < 0.88 else None
            created = anchor - days(rng.randint(0, HISTORY_DAYS))
            age = (anchor - created).days
            roll = rng.random()
            if age < 45:
                path = "voorraad" if roll < 0.6 else "actie"
            elif roll < 0.3:
                path = "voorraad"
            elif roll < 0.7:
                path = "actie"
            elif roll < 0.76:
                path = "voorraad-gereed"
            else:
                path = "gereed"
            direct = path in ("actie", "gereed") and rng.random() < 0.35  # decided at a table
            to_actie = created if direct else created + days(rng.randint(7, max(8, min(200, age))))
            to_actie = min(to_actie, anchor)
            action = Action(
                region=self.region,
                title=self._title(theme, used),
                theme=theme,
                created_on=created,
                description="Zie de toelichting in het actielog.",
            )
            weighed = path != "voorraad" or rng.random() < 0.75
            if weighed:
                action.importance, action.feasibility, action.impact = (
                    rng.randint(1, 3) for _ in range(3)
                )
            links = self.knelpunten.get(theme, []) if theme else []
            chosen = rng.sample(links, min(len(links), rng.randint(0, 2))) if links else []
            for k in chosen:
                self.link(Action.knelpunten.through, action, k)
            action.origin = (
                ActionOrigin.KNELPUNT
                if chosen
                else ActionOrigin.VERGADERBESLUIT
                if direct
                else rng.choice(
                    [ActionOrigin.LANDELIJK, ActionOrigin.OVERIG, ActionOrigin.VERGADERBESLUIT]
                )
            )
            if path.startswith("voorraad"):
                action.owner = rng.choice(owners) if rng.random() < 0.5 else None
                action.due_date = (
                    created + days(rng.randint(90, 400)) if rng.random() < 0.3 else None
                )
                self._coalition(action, 0, 2)
            else:
                action.owner = rng.choice(owners)
                action.trekker = self._trekker(to_actie)
                candidates = [
                    b for b in owning if b.established_on is None or b.established_on <= to_actie
                ] or owning
                action.owning_body = rng.choices(
                    candidates, weights=[weights[owning.index(b)] for b in candidates]
                )[0]
                action.due_date = to_actie + days(rng.randint(60, 420))
                self._coalition(action, 1, 4)
            self.add(action)
            self.actions.append(action)
            first = ActionList.ACTIE if direct else ActionList.VOORRAAD
            self._log(action, created, ActionUpdateKind.AANGEMAAKT, to_list=first)
            action.list, action.list_since = first, created
            action.gen_closed = None
            if path == "voorraad-gereed":
                closed = created + days(rng.randint(30, max(31, age)))
                closed = min(closed, anchor)
                self._close(action, closed, ClosedReason.VERVALLEN, ActionList.VOORRAAD)
                continue
            if path == "voorraad":
                continue
            if not direct:
                self._log(
                    action,
                    to_actie,
                    ActionUpdateKind.VERPLAATSING,
                    "Opgepakt: trekker en coalitie gevonden.",
                    ActionList.VOORRAAD,
                    ActionList.ACTIE,
                )
                action.list, action.list_since = ActionList.ACTIE, to_actie
            end = anchor
            if path == "gereed":
                span = max(1, (anchor - to_actie).days)
                end = to_actie + days(rng.randint(min(span, 30), span))
            self._progress(action, to_actie, end)
            if path == "gereed":
                reason = rng.choices(ClosedReason.values, weights=(7, 2, 1))[0]
                self._close(action, end, reason, ActionList.ACTIE)

    def _coalition(self, action: Action, low: int, high: int) -> None:
        for org in self.rng.sample(
            self.partners, min(len(self.partners), self.rng.randint(low, high))
        ):
            self.link(Action.coalition.through, action, org)

    def _progress(self, action: Action, start: date, end: date) -> None:
        span = (end - start).days
        if span < 20:
            return
        for _n in range(self.rng.randint(0, min(4, span // 45 + 1))):
            day = start + days(self.rng.randint(1, span - 1))
            self._log(action, day, ActionUpdateKind.VOORTGANG, self.rng.choice(PROGRESS_TEXTS))

    def _close(self, action: Action, day: date, reason: str, from_list: str) -> None:
        note = CLOSING_TEXTS[reason]
        self._log(action, day, ActionUpdateKind.VERPLAATSING, note, from_list, ActionList.GEREED)
        action.list, action.list_since = ActionList.GEREED, day
        action.closed_reason, action.closing_note = reason, note
        action.gen_closed = day
