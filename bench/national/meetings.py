"""Two years of meetings of every body at its frequency, the next three months planned, and their
agendas."""

from __future__ import annotations

from datetime import timedelta

from bench.national.common import HISTORY_DAYS, PLANNED_DAYS, Keyed, days, weekday
from bench.national.words import LOCATION_KINDS
from governance.constants import AgendaItemKind, BodyStatus, Level, MeetingStatus
from governance.models import AgendaItem, Meeting


class MeetingsMixin:
    """Part of :class:`~bench.national.builder.RegionBuilder`: meetings and agenda items."""

    # -- meetings -------------------------------------------------------------------------------

    def plan_meetings(self) -> None:
        """Dates of every body's meetings (the agenda items come after the actions)."""
        rng, anchor = self.rng, self.anchor
        self.meetings: Keyed = Keyed(default=list)
        hours = {Level.BESTUURLIJK: (9, 16), Level.TACTISCH: (10, 14), Level.OPERATIONEEL: (9, 13)}
        for body in self.bodies:
            frequency = body.meeting_frequency_per_year
            if not frequency or body.status == BodyStatus.VOORGESTELD:
                continue
            back = HISTORY_DAYS + (365 if body is self.main else 0)
            first = anchor - days(back)
            if body.established_on and body.established_on > first:
                first = body.established_on
            last = anchor + days(PLANNED_DAYS)
            if body.dissolved_on and body.dissolved_on <= last:
                last = body.dissolved_on - days(1)
            step = 365 / frequency
            offset = rng.uniform(0, step)
            hour = rng.choice(hours[body.level])
            sub = self.sub_of.get(body)
            towns = self.municipalities_of.get(sub, self.municipalities)
            k = 0
            while True:
                day = weekday(first + timedelta(days=round(offset + k * step)))
                k += 1
                if day > last:
                    break
                if body.dissolved_on and day >= body.dissolved_on:
                    break
                held = day <= anchor
                status = MeetingStatus.GEHOUDEN if held else MeetingStatus.GEPLAND
                if rng.random() < 0.03:
                    status = MeetingStatus.GEANNULEERD
                location = rng.choice(LOCATION_KINDS).format(
                    m=rng.choice(towns).name, r=self.region.name
                )
                starts = self.when(day, hour, 30 if hour == 9 else 0)
                duration = timedelta(hours=float(body.meeting_duration_hours))
                meeting = self.add(
                    Meeting(
                        body=body,
                        starts_at=starts,
                        ends_at=starts + duration,
                        location=location,
                        status=status,
                    )
                )
                meeting.gen_day = day
                self.meetings[body].append(meeting)

    def build_agendas(self) -> None:
        rng = self.rng
        by_owner: Keyed = Keyed(default=list)
        for action in self.actions:
            if action.owning_body is not None:
                by_owner[action.owning_body].append(action)
        knelpunten = [k for ks in self.knelpunten.values() for k in ks]
        fixed_items = {
            Level.BESTUURLIJK: [
                ("Landelijke ontwikkelingen zorg en veiligheid", AgendaItemKind.INFORMEREN),
                ("Terugkoppeling uit de subregio's", AgendaItemKind.INFORMEREN),
                ("Voortgang werkagenda", AgendaItemKind.BESPREKEN),
                ("Jaarplan en begroting", AgendaItemKind.BESLUITEN),
                ("Peilmoment beleidstheorie", AgendaItemKind.BESPREKEN),
            ],
            Level.TACTISCH: [
                ("Voorbereiding bestuurlijk overleg", AgendaItemKind.BESPREKEN),
                ("Signalen uit de uitvoering", AgendaItemKind.BESPREKEN),
                ("Voortgang acties", AgendaItemKind.BESPREKEN),
            ],
            Level.OPERATIONEEL: [
                ("Casusbespreking (geanonimiseerd)", AgendaItemKind.BESPREKEN),
                ("Signalen voor het tactisch overleg", AgendaItemKind.INFORMEREN),
                ("Werkafspraken en procesverbetering", AgendaItemKind.BESLUITEN),
            ],
        }
        outcomes = {
            AgendaItemKind.INFORMEREN: ["Kennisgenomen.", "Toegelicht; geen vragen."],
            AgendaItemKind.BESPREKEN: [
                "Besproken; vervolg in de volgende vergadering.",
                "Besproken; de trekker neemt de punten mee.",
            ],
            AgendaItemKind.BESLUITEN: ["Besloten conform voorstel.", "Ingestemd met aanpassingen."],
        }
        for body, meetings in self.meetings.items():
            own_actions = by_owner.get(body, [])
            for meeting in meetings:
                day = meeting.gen_day
                held = meeting.status == MeetingStatus.GEHOUDEN
                items: list[tuple] = []
                if body.level != Level.OPERATIONEEL:
                    items.append(
                        (
                            "Opening, mededelingen en vaststellen agenda",
                            AgendaItemKind.INFORMEREN,
                            None,
                            None,
                        )
                    )
                    items.append(
                        (
                            "Verslag en actielijst vorige vergadering",
                            AgendaItemKind.BESLUITEN,
                            None,
                            None,
                        )
                    )
                for title, kind in rng.sample(fixed_items[body.level], rng.randint(1, 2)):
                    items.append((title, kind, None, None))
                running = [
                    a
                    for a in own_actions
                    if a.created_on <= day and (a.gen_closed is None or a.gen_closed >= day)
                ]
                for action in rng.sample(running, min(len(running), rng.randint(0, 2))):
                    items.append(
                        (f"Voortgang: {action.title}", AgendaItemKind.BESPREKEN, action, None)
                    )
                if body.level == Level.BESTUURLIJK and knelpunten and rng.random() < 0.3:
                    k = rng.choice(knelpunten)
                    if k.signalled_on <= day:
                        items.append((f"Knelpunt: {k.title}", AgendaItemKind.BESPREKEN, None, k))
                items = [(*entry, []) for entry in items]
                items += getattr(meeting, "gen_extra", [])
                for order, (title, kind, action, knelpunt, concluded) in enumerate(items, 1):
                    item = self.add(
                        AgendaItem(
                            meeting=meeting,
                            order=order,
                            title=title[:200],
                            kind=kind,
                            action=action,
                            knelpunt=knelpunt,
                            outcome=rng.choice(outcomes[kind]) if held else "",
                        )
                    )
                    for conclusion in concluded:
                        # The action gets its agenda item after both are written (save()).
                        conclusion.agenda_item = item
                        conclusion.action.gen_agenda_item = item
