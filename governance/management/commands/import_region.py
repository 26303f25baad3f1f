"""``manage.py import_region FILE [--slug NEW] [--name NEW]``: a region from exchange JSON
(format version 1 to 5; docs/region-format.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.history import acting_as, get_system_user
from governance.exchange import RegionImportFailed, import_region


class Command(BaseCommand):
    help = (
        "Maakt een nieuwe regio aan uit een JSON-bestand in het uitwisselingsformaat "
        "(docs/region-format.md, versie 1 tot en met 5). Alles of niets: bij een fout wordt niets "
        "opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het JSON-bestand (of - voor de invoer).")
        parser.add_argument("--slug", help="Andere korte naam voor de nieuwe regio.")
        parser.add_argument(
            "--name",
            help="Andere naam voor de nieuwe regio (standaard: ‘<naam> (kopie)’ als de naam "
            "al bestaat en --slug is opgegeven).",
        )

    def handle(self, *args, file: str, slug=None, name=None, **options):
        if file == "-":
            data = self.stdin.buffer.read() if hasattr(self.stdin, "buffer") else self.stdin.read()
        else:
            try:
                data = Path(file).read_bytes()
            except OSError as error:
                raise CommandError(f"Kan ‘{file}’ niet lezen: {error.strerror}.") from error
        user = get_system_user()
        try:
            with acting_as(user):
                result = import_region(data=data, user=user, slug=slug, name=name)
        except RegionImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(f"  {error.path}: {error.message}")
            count = len(failure.errors)
            raise CommandError(
                f"Importeren mislukt ({count} {'fout' if count == 1 else 'fouten'}); "
                "er is niets opgeslagen."
            ) from None
        region = result.region
        created = ", ".join(f"{n} {kind}" for kind, n in result.created.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Regio ‘{region.name}’ ({region.slug}) geïmporteerd uit versie {result.version} "
                f"({', '.join(result.parts)}). Aangemaakt: {created}."
            )
        )
