"""``manage.py generate_national``: fictitious regions at national scale (bench/national/)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bench.national.common import PREFIX, REGIONS_PER_SCALE, AlreadyGenerated
from bench.national.generate import generate
from core.history import acting_as, get_system_user


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Geen geldige datum (jjjj-mm-dd): {value}") from error


def _at_least_one(value: str) -> int:
    number = int(value)
    if number < 1:
        raise CommandError("Geef een getal van 1 of meer.")
    return number


class Command(BaseCommand):
    help = (
        f"Genereert verzonnen regio's op landelijke schaal voor benchmarks: {REGIONS_PER_SCALE} "
        "regio's per schaal met ongeveer 342 gemeenten, gremia, werkagenda, vergaderingen, "
        "checklist met peilmomenten en casusreflecties. Zelfde seed, zelfde gegevens. De "
        "gegevens worden in bulk geschreven: er wordt geen geschiedenis (django-simple-history) "
        f"voor vastgelegd. De regio's krijgen een korte naam die begint met ‘{PREFIX}’."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=_at_least_one, default=1,
            help=f"Schaal: {REGIONS_PER_SCALE} regio's per eenheid (standaard 1).",
        )  # fmt: skip
        parser.add_argument("--seed", type=int, default=1, help="Seed (standaard 1).")
        parser.add_argument(
            "--regions", type=_at_least_one, default=None,
            help="Aantal regio's; gaat voor --scale (bijvoorbeeld voor tests).",
        )  # fmt: skip
        parser.add_argument(
            "--anchor", type=_day, default=None,
            help="Peildatum waaraan alle datums zijn opgehangen (jjjj-mm-dd, standaard vandaag).",
        )  # fmt: skip
        parser.add_argument(
            "--replace", action="store_true",
            help=f"Verwijder eerst alle eerder gegenereerde regio's (korte naam ‘{PREFIX}…’).",
        )  # fmt: skip

    def handle(self, *args, scale, seed, regions, anchor, replace, **options):
        total = regions if regions is not None else REGIONS_PER_SCALE * scale
        self.stdout.write(f"Genereren van {total} regio's (seed {seed}) …")

        def progress(n: int, count: int, region, sizes: dict) -> None:
            if count <= 50 or n % max(1, count // 10) == 0 or n == count:
                parts = ", ".join(f"{value} {label}" for label, value in sizes.items())
                self.stdout.write(f"  Regio {n}/{count} {region.name}: {parts}")

        system = get_system_user()
        try:
            with acting_as(system):
                result = generate(
                    scale=scale, seed=seed, regions=regions, anchor=anchor,
                    replace=replace, progress=progress, author=system,
                )  # fmt: skip
        except AlreadyGenerated as error:
            raise CommandError(str(error)) from error

        if result.deleted_regions:
            self.stdout.write(f"Eerst {result.deleted_regions} gegenereerde regio's verwijderd.")
        rows = sum(result.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {len(result.regions)} regio's, {rows} rijen in "
                f"{result.seconds:.1f} seconden."
            )
        )
        for label, value in result.counts.items():
            self.stdout.write(f"  {label}: {value}")
