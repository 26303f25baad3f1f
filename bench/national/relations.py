"""Mandates of the bodies and the relations between them, ended with their body."""

from __future__ import annotations

from decimal import Decimal

from governance.constants import BodyStatus, Level, Power, RelationKind
from governance.models import Body, BodyRelation, CostLine, Mandate


class RelationsMixin:
    """Part of :class:`~bench.national.builder.RegionBuilder`: mandates and relations."""

    def build_mandates_and_relations(self) -> None:
        rng = self.rng
        main, by_key = self.main, self.by_key
        basis = main.legal_basis_reference

        def mandate(body, power, subject, theme=None, organisation=None, source=""):
            if body.status == BodyStatus.VOORGESTELD:
                return
            self.add(
                Mandate(
                    body=body,
                    power=power,
                    subject=subject,
                    theme=theme,
                    organisation=organisation,
                    source_document=source or body.legal_basis_reference,
                    valid_from=body.established_on,
                    valid_to=body.dissolved_on,
                )
            )

        mandate(main, Power.BESLUITEN, "Regionale werkagenda zorg en veiligheid", source=basis)
        mandate(main, Power.STRATEGISCHE_REGIE, "Samenhang van de zorg- en veiligheidsstructuur")
        mandate(main, Power.SIGNALEREN, "Knelpunten uit de uitvoering en de casusreflecties")
        for theme in rng.sample(self.ref.priority_themes, min(2, len(self.ref.priority_themes))):
            mandate(main, Power.BESLUITEN, f"Regionale aanpak: {theme.name.lower()}", theme=theme)
        for body in self.bodies:
            key = self.body_spec[body]
            if key == "vvg":
                mandate(
                    body,
                    Power.OPDRACHTGEVERSCHAP,
                    "Opdrachtgeverschap Veilig Thuis",
                    organisation=self.orgs["vt"],
                )
                mandate(body, Power.BESLUITEN, "Jaarplan en begroting Veilig Thuis")
            elif key == "bac":
                mandate(
                    body,
                    Power.ZWAARWEGEND_ADVIES,
                    "Advies aan het algemeen bestuur over zorg en veiligheid",
                )
            elif key == "ab":
                mandate(
                    body,
                    Power.BESLUITEN,
                    "Begroting en beleid van de GGD",
                    organisation=self.orgs["ggd"],
                )
            elif key == "db":
                mandate(
                    body,
                    Power.BEHEERSMATIG,
                    "Dagelijkse aansturing van de GGD",
                    organisation=self.orgs["ggd"],
                )
            elif key == "stuurgroep":
                mandate(
                    body,
                    Power.STRATEGISCHE_REGIE,
                    "Strategische richting van het netwerk Zorg- en Veiligheidshuis",
                    organisation=self.orgs["zvh"],
                )
                mandate(body, Power.BESLUITEN, "Jaarplan en begroting Zorg- en Veiligheidshuis")
            elif key.startswith("ph_"):
                theme = next(iter(t for b, t in self.links[Body.themes.through] if b is body), None)
                mandate(
                    body,
                    Power.ADVISEREN,
                    f"Bestuurlijk aanspreekpunt {body.name.lower()}",
                    theme=theme,
                    source=basis,
                )
            elif key == "bo_bw":
                mandate(
                    body,
                    Power.BESLUITEN,
                    "Regionale middelen beschermd wonen en opvang",
                    theme=self.ref.theme_by_name.get("Beschermd wonen en maatschappelijke opvang"),
                )
            elif key == "aio":
                mandate(
                    body,
                    Power.ADVISEREN,
                    f"Voorbereiding en advies aan de {main.short_name}",
                    source=basis,
                )
            elif key in ("regiegroep", "periodiek"):
                mandate(
                    body,
                    Power.AFSTEMMEN,
                    "Regionale afspraken verplichte zorg",
                    theme=self.ref.theme_by_name.get("Gedwongen zorg (Wvggz/Wzd)"),
                )
            elif key == "dvo":
                mandate(body, Power.AFSTEMMEN, "Openbare orde en veiligheid in de subregio")
            elif body.level == Level.OPERATIONEEL and rng.random() < 0.5:
                mandate(body, Power.SIGNALEREN, "Signalen uit de casuïstiek")

        def relate(source, target, kind, note=""):
            if source is None or target is None or source is target:
                return
            if BodyStatus.VOORGESTELD in (source.status, target.status):
                return
            if kind == RelationKind.GAAT_OP_IN:
                valid_from, valid_to = source.dissolved_on, None
            else:
                starts = [d for d in (source.established_on, target.established_on) if d]
                ends = [d for d in (source.dissolved_on, target.dissolved_on) if d]
                valid_from = max(starts) if starts else None
                valid_to = min(ends) if ends else None
                if valid_from and valid_to and valid_to <= valid_from:
                    return
            self.add(
                BodyRelation(
                    source=source,
                    target=target,
                    kind=kind,
                    note=note,
                    valid_from=valid_from,
                    valid_to=valid_to,
                )
            )

        aio = by_key.get("aio")
        for body in self.bodies:
            key = self.body_spec[body]
            if key == "aio":
                relate(body, main, RelationKind.BEREIDT_VOOR)
            elif key == "sec":
                relate(body, main, RelationKind.ONDERSTEUNT)
            elif key in ("regiegroep", "bo_bw") or key.startswith("ph_"):
                relate(body, main, RelationKind.VERANTWOORDING)
            elif key == "dvo":
                relate(
                    body,
                    main,
                    RelationKind.LINKING_PIN,
                    "De burgemeester van de subregio schuift aan namens het DVO.",
                )
            elif key == "vvg":
                relate(main, body, RelationKind.OPHALEN)
            elif key == "bac":
                relate(body, by_key.get("ab"), RelationKind.ADVISEERT)
            elif key == "db":
                relate(body, by_key.get("ab"), RelationKind.BEREIDT_VOOR)
            elif key == "ab":
                relate(main, body, RelationKind.OPHALEN)
            elif key == "stuurgroep":
                if body.status == BodyStatus.OPGEHEVEN:
                    relate(
                        body,
                        main,
                        RelationKind.GAAT_OP_IN,
                        "De taken van de stuurgroep gingen naar de regiotafel.",
                    )
                else:
                    relate(body, main, RelationKind.VERANTWOORDING)
            elif key == "periodiek":
                relate(body, by_key.get("regiegroep"), RelationKind.GAAT_OP_IN)
            elif key == "partnergroep":
                relate(body, by_key.get("stuurgroep"), RelationKind.BEREIDT_VOOR)
            elif key in ("werkgroep", "projectteam"):
                relate(main, body, RelationKind.OPDRACHT)
                relate(body, aio, RelationKind.VERANTWOORDING)
            elif key == "kennis":
                relate(body, aio, RelationKind.ONDERSTEUNT)
            elif key == "casus_zvh":
                sg = by_key.get("stuurgroep")
                target = sg if sg is not None and sg.status == BodyStatus.ACTIEF else aio
                relate(body, target, RelationKind.VERANTWOORDING)
            elif body.level in (Level.OPERATIONEEL, Level.TACTISCH) and key != "main":
                relate(body, aio, RelationKind.OPHALEN)

        self.add(
            CostLine(
                body=main,
                item="Onafhankelijk voorzitter" if self.chair else "Ondersteuning voorzitter",
                estimate_eur=Decimal(rng.randrange(20, 45) * 1000),
                funded_by="Gemeenten naar rato van het inwonertal",
            )
        )
        self.add(
            CostLine(
                body=main,
                item="Netwerksecretaris",
                estimate_eur=Decimal(rng.randrange(80, 115) * 1000),
                funded_by=f"Centrumgemeente {self.centre.name}",
            )
        )
