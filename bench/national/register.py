"""The register of a region: sub-regions and municipalities, organisations and themes, persons."""

from __future__ import annotations

from bench.national.common import Keyed, days
from bench.national.specs import REGIONAL_ORGANISATIONS
from bench.national.words import PARTNER_TITLES, WEIGHING_TEXTS
from governance.constants import CollaborationModel, Office
from governance.models import Municipality, Organisation, RegionPartner, RegionTheme, SubRegion


class RegisterMixin:
    """Part of :class:`~bench.national.builder.RegionBuilder`: places, organisations, themes and
    persons."""

    def build_places(self) -> None:
        rng, region = self.rng, self.region
        self.subs = [self.add(SubRegion(region=region, name=n)) for n in sorted(self.sub_names)]
        names = list(self.municipality_names)
        rng.shuffle(names)
        # Every sub-region at least two municipalities, the rest spread at random.
        groups = [names[2 * i : 2 * i + 2] for i in range(len(self.subs))]
        for extra in names[2 * len(self.subs) :]:
            rng.choice(groups).append(extra)
        self.municipalities: list[Municipality] = []
        self.municipalities_of: Keyed = Keyed()
        for sub, group in zip(self.subs, groups, strict=True):
            members = [
                self.add(Municipality(region=region, sub_region=sub, name=n)) for n in sorted(group)
            ]
            self.municipalities_of[sub] = members
            self.municipalities.extend(members)
        self.municipalities.sort(key=lambda m: m.name)
        largest = max(self.municipalities_of.values(), key=len)
        self.centre = rng.choice(largest)
        count, subs = len(self.municipalities), len(self.subs)
        region.characteristics = (
            f"{count} gemeenten in {subs} subregio's; centrumgemeente {self.centre.name}. "
            "Zorg- en Veiligheidshuis en Veilig Thuis werken voor de hele regio."
        )
        region.collaboration_note = {
            CollaborationModel.AFSTEMMEN: "Gemeenten stemmen af; besluiten vallen lokaal.",
            CollaborationModel.STUURGROEP: "De regiotafel geeft richting en stuurt op de "
            "werkagenda.",
            CollaborationModel.GEZAMENLIJK: "Gemeenten en partners besluiten samen aan de "
            "regiotafel.",
        }[region.collaboration_model]
        region.description = (
            f"Fictieve regio voor de landelijke benchmark ({region.name}); alle namen zijn "
            "verzonnen."
        )

    def build_organisations_and_themes(self) -> None:
        rng, region = self.rng, self.region
        self.orgs: dict[str, Organisation] = {}
        for key, pattern, domain, kind, chance in REGIONAL_ORGANISATIONS:
            if chance >= 1 or rng.random() < chance:
                org = self.add(
                    Organisation(
                        region=region, name=pattern.format(r=region.name), domain=domain, kind=kind
                    )
                )
                self.orgs[key] = org
                self.add(RegionPartner(region=region, organisation=org))
        self.national = list(self.ref.national)
        for org in rng.sample(self.national, rng.randint(2, len(self.national))):
            self.add(RegionPartner(region=region, organisation=org))
        self.partners = list(self.orgs.values()) + self.national

        own = rng.sample(self.ref.own_themes, min(len(self.ref.own_themes), rng.randint(1, 3)))
        self.themes = list(self.ref.priority_themes) + own
        for theme in self.themes:
            self.add(RegionTheme(region=region, theme=theme, weighing=rng.choice(WEIGHING_TEXTS)))

    def build_persons(self) -> None:
        rng, anchor = self.rng, self.anchor
        # Per municipality a burgemeester and a wethouder; some took over from a predecessor.
        self.mayor: Keyed = Keyed()
        self.alderman: Keyed = Keyed()
        self.predecessor: Keyed = Keyed()  # person → (predecessor, day of the change)
        portfolios = ["zorg en welzijn", "sociaal domein", "zorg en veiligheid", "jeugd en zorg"]
        for m in self.municipalities:
            self.mayor[m] = self.person(f"burgemeester van {m.name}", Office.BURGEMEESTER)
            self.alderman[m] = self.person(
                f"wethouder {rng.choice(portfolios)} van {m.name}", Office.WETHOUDER
            )
            for holder, office, label in (
                (self.mayor[m], Office.BURGEMEESTER, "oud-burgemeester"),
                (self.alderman[m], Office.WETHOUDER, "oud-wethouder"),
            ):
                if rng.random() < 0.15:
                    before = self.person(f"{label} van {m.name}", office)
                    self.predecessor[holder] = (before, anchor - days(rng.randint(90, 650)))
        # Partner directors (administrators) and managers (ambtelijk), per organisation.
        self.director: Keyed = Keyed()
        self.manager: Keyed = Keyed()
        for key, org in list(self.orgs.items()) + [(o.name, o) for o in self.national]:
            title = PARTNER_TITLES.get(key, "bestuurder")
            self.director[org] = self.person(
                f"{title}, {org.name}", Office.PARTNER_BESTUURDER, organisation=org
            )
            self.manager[org] = self.person(
                f"manager, {org.name}", Office.AMBTELIJK, organisation=org, email=True
            )
        self.chair = None
        if rng.random() < 0.7:
            self.chair = self.person("onafhankelijk voorzitter", Office.ONAFHANKELIJK)
        self.secretary = self.person(
            "netwerksecretaris zorg en veiligheid", Office.AMBTELIJK, email=True
        )
        self.programme = self.person(
            "programmamanager zorg en veiligheid", Office.AMBTELIJK, email=True
        )
        self.advisers: Keyed = Keyed(
            (
                sub,
                self.person(
                    f"beleidsadviseur zorg en veiligheid, subregio {sub.name}",
                    Office.AMBTELIJK,
                    email=True,
                ),
            )
            for sub in self.subs
        )
        self.officials = [
            self.person(f"{role}, gemeente {self.centre.name}", Office.AMBTELIJK, email=True)
            for role in (
                "beleidsadviseur openbare orde",
                "procesregisseur",
                "adviseur sociaal domein",
            )
        ]
        self.facilitators = [
            self.person("gespreksleider moreel beraad", Office.OVERIG) for _ in range(3)
        ]
