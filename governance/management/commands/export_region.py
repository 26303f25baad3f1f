"""``manage.py export_region SLUG [--output FILE]``: a region as exchange JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from governance.exchange import dump_region_json, region_schema
from governance.models import Region


class Command(BaseCommand):
    help = (
        "Schrijft de structuur van één regio als JSON in het uitwisselingsformaat "
        "(docs/region-format.md), standaard naar de uitvoer. Met --schema: het JSON Schema."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="Korte naam van de regio, bijv. ‘nog’.")
        parser.add_argument("--output", "-o", help="Schrijf naar dit bestand.")
        parser.add_argument(
            "--schema",
            action="store_true",
            help="Schrijf het JSON Schema van het formaat (docs/region.schema.json).",
        )

    def handle(self, *args, slug=None, output=None, schema=False, **options):
        if schema:
            text = json.dumps(region_schema(), ensure_ascii=False, indent=2) + "\n"
        else:
            if not slug:
                raise CommandError("Geef de korte naam (slug) van de regio op.")
            region = Region.objects.filter(slug=slug).first()
            if region is None:
                raise CommandError(f"Er is geen regio met de korte naam ‘{slug}’.")
            text = dump_region_json(region)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Geschreven naar {output}.")
        else:
            self.stdout.write(text, ending="")
