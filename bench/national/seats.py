"""Who sits where: the seats of administrators, partners and officials, with predecessors whose
seats ended."""

from __future__ import annotations

from bench.national.common import Keyed, days
from governance.constants import BodyStatus, MembershipRole
from governance.models import Body, Membership, Person, SubRegion


class SeatsMixin:
    """Part of :class:`~bench.national.builder.RegionBuilder`: memberships."""

    # -- seats ----------------------------------------------------------------------------------

    def seat(
        self,
        body: Body,
        person: Person | None,
        role: str = MembershipRole.LID,
        *,
        organisation=None,
        municipality=None,
        on_behalf_of: str = "",
        on_behalf_of_body: Body | None = None,
        portfolio: str = "",
    ) -> None:
        """A seat, split in two when the person took over from a predecessor while the body
        existed: the predecessor's seat ends on the day of the change."""
        if body.status == BodyStatus.VOORGESTELD:
            return
        start, end = body.established_on, body.dissolved_on
        common = dict(
            body=body,
            role=role,
            organisation=organisation,
            municipality=municipality,
            on_behalf_of=on_behalf_of,
            on_behalf_of_body=on_behalf_of_body,
            portfolio=portfolio,
            substitute_allowed=self.rng.random() < 0.8,
        )
        before = self.predecessor.get(person) if person else None
        if before and start < before[1] and (end is None or before[1] < end):
            previous, change = before
            self.add(Membership(person=previous, start=start, end=change, **common))
            start = change
        elif before and end is not None and before[1] >= end:
            person = before[0]  # the body was gone before the change: the predecessor sat there
        membership = self.add(Membership(person=person, start=start, end=end, **common))
        self.seats[body].append(membership)

    def build_seats(self) -> None:
        rng = self.rng
        self.seats: Keyed = Keyed(default=list)
        main = self.main
        dvo_of = Keyed((self.sub_of[b], b) for b in self.bodies if self.body_spec[b] == "dvo")
        # The main table.
        if self.chair:
            self.seat(main, self.chair, MembershipRole.VOORZITTER)
        else:
            self.seat(
                main, self.mayor[self.centre], MembershipRole.VOORZITTER, municipality=self.centre
            )
        self.seat(main, self.secretary, MembershipRole.NETWERKSECRETARIS)
        for sub in self.subs:
            munis = self.municipalities_of[sub]
            mayor_m = rng.choice(munis)
            if self.chair or mayor_m != self.centre:
                self.seat(
                    main,
                    self.mayor[mayor_m],
                    MembershipRole.PLV_VOORZITTER if sub == self.subs[0] else MembershipRole.LID,
                    municipality=mayor_m,
                    on_behalf_of=f"burgemeesters subregio {sub.name}",
                    on_behalf_of_body=dvo_of.get(sub),
                )
            ald_m = rng.choice(munis)
            self.seat(
                main,
                self.alderman[ald_m],
                municipality=ald_m,
                on_behalf_of=f"wethouders subregio {sub.name}",
            )
        for org in rng.sample(self.partners, min(len(self.partners), rng.randint(5, 8))):
            self.seat(main, self.director[org], organisation=org)
        self.seat(main, self.programme, MembershipRole.ADVISEUR)
        for body in self.bodies:
            key = self.body_spec[body]
            sub = self.sub_of.get(body)
            munis = self.municipalities_of.get(sub, self.municipalities)
            if key == "dvo":
                for i, m in enumerate(munis):
                    role = MembershipRole.VOORZITTER if i == 0 else MembershipRole.LID
                    self.seat(body, self.mayor[m], role, municipality=m)
                for org in [self.orgs["politie"], self.national[0]]:
                    self.seat(body, self.director[org], organisation=org)
                self.seat(body, self.advisers[sub], MembershipRole.SECRETARIS)
            elif key in ("vvg", "ab"):
                for m in self.municipalities:
                    role = MembershipRole.VOORZITTER if m == self.centre else MembershipRole.LID
                    self.seat(body, self.alderman[m], role, municipality=m)
                org = self.orgs["vt"] if key == "vvg" else self.orgs["ggd"]
                self.seat(body, self.director[org], MembershipRole.ADVISEUR, organisation=org)
                self.seat(body, rng.choice(self.officials), MembershipRole.SECRETARIS)
            elif key in ("bac", "db", "bo_bw"):
                chosen = rng.sample(
                    self.municipalities, min(len(self.municipalities), rng.randint(4, 7))
                )
                if self.centre not in chosen:
                    chosen[0] = self.centre
                for m in chosen:
                    role = MembershipRole.VOORZITTER if m == self.centre else MembershipRole.LID
                    self.seat(body, self.alderman[m], role, municipality=m)
                self.seat(body, rng.choice(self.officials), MembershipRole.SECRETARIS)
            elif key == "stuurgroep":
                m = rng.choice(self.municipalities)
                self.seat(body, self.mayor[m], MembershipRole.VOORZITTER, municipality=m)
                for org in rng.sample(self.partners, min(len(self.partners), rng.randint(4, 6))):
                    self.seat(body, self.director[org], organisation=org)
                zvh = self.orgs["zvh"]
                self.seat(body, self.manager[zvh], MembershipRole.SECRETARIS, organisation=zvh)
            elif key.startswith("ph_"):
                m = rng.choice(self.municipalities)
                holder = self.mayor[m] if key == "ph_mh" else self.alderman[m]
                portfolio = body.name.replace("Portefeuillehouders ", "").replace(
                    "Portefeuillehouder ", ""
                )
                self.seat(
                    body,
                    holder,
                    MembershipRole.PORTEFEUILLEHOUDER,
                    municipality=m,
                    portfolio=portfolio,
                    on_behalf_of_body=main,
                )
                if key == "ph_bw":
                    m2 = rng.choice([x for x in self.municipalities if x != m] or [m])
                    if m2 != m:
                        self.seat(
                            body,
                            self.alderman[m2],
                            MembershipRole.PORTEFEUILLEHOUDER,
                            municipality=m2,
                            portfolio=portfolio,
                            on_behalf_of_body=main,
                        )
                self.seat(body, rng.choice(list(self.advisers.values())), MembershipRole.ADVISEUR)
            elif key == "main" or body.status == BodyStatus.VOORGESTELD:
                continue
            else:
                self._official_seats(body, sub)
        # Every region has seats that ended: if no predecessor or dissolved body gave one,
        # an adviser left the main table a while ago.
        if not any(m.end for m in self.rows[Membership]):
            self.seat(main, self.officials[0], MembershipRole.ADVISEUR)
            last = self.rows[Membership][-1]
            last.end = self.anchor - days(rng.randint(60, 400))
            if last.start and last.end <= last.start:
                last.start = None

    def _official_seats(self, body: Body, sub: SubRegion | None) -> None:
        """Tactical and operational bodies: officials and managers of the partners."""
        rng = self.rng
        key = self.body_spec[body]
        if key == "aio":
            chair, secretary = self.programme, self.secretary
        elif key == "sec":
            chair, secretary = self.secretary, None
        elif key in ("partnergroep", "casus_zvh", "levensloop"):
            chair, secretary = self.manager[self.orgs["zvh"]], rng.choice(self.officials)
        else:
            pool = [*self.officials, *self.advisers.values()]
            chair = rng.choice(pool)
            secretary = rng.choice([p for p in pool if p != chair]) if rng.random() < 0.85 else None
        self.seat(body, chair, MembershipRole.VOORZITTER, organisation=chair.organisation)
        if secretary is not None and secretary != chair:
            self.seat(body, secretary, MembershipRole.SECRETARIS)
        seated = [chair, secretary]
        if key in ("aio", "sec", "kennis"):
            for adviser in (self.advisers[s] for s in self.subs):
                if adviser not in seated:
                    self.seat(body, adviser)
                    seated.append(adviser)
        elif sub is not None and self.advisers[sub] not in seated:
            self.seat(body, self.advisers[sub])
            seated.append(self.advisers[sub])
        orgs = [o for o in self.partners if self.manager[o] not in seated]
        for org in rng.sample(orgs, min(len(orgs), rng.randint(3, 6))):
            self.seat(body, self.manager[org], organisation=org)
