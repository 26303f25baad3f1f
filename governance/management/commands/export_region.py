"""``manage.py export_region SLUG [--parts structuur,werkagenda,...] [--output FILE]``: a region
as exchange JSON (the newest format version); ``--schema`` writes the JSON Schema."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from governance.exchange import available_parts, dump_region_json, region_schema
from governance.models import Region


class Command(BaseCommand):
    help = (
        "Schrijft één regio als JSON in het uitwisselingsformaat (docs/region-format.md), "
        "standaard alleen de structuur, naar de uitvoer. Met --parts ook werkagenda, "
        "vergaderingen en checklist. Met --schema: het JSON Schema."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="Korte naam van de regio, bijv. ‘nog’.")
        parser.add_argument(
            "--parts",
            default="structuur",
            help="Onderdelen, gescheiden door komma's: structuur, werkagenda, vergaderingen, "
            "checklist; of ‘alles’. Standaard: structuur.",
        )
        parser.add_argument("--output", "-o", help="Schrijf naar dit bestand.")
        parser.add_argument(
            "--schema",
            action="store_true",
            help="Schrijf het JSON Schema van het formaat (docs/region.schema.json).",
        )

    def handle(self, *args, slug=None, parts="structuur", output=None, schema=False, **options):
        if schema:
            text = json.dumps(region_schema(), ensure_ascii=False, indent=2) + "\n"
        else:
            if not slug:
                raise CommandError("Geef de korte naam (slug) van de regio op.")
            region = Region.objects.filter(slug=slug).first()
            if region is None:
                raise CommandError(f"Er is geen regio met de korte naam ‘{slug}’.")
            chosen = [p.strip() for p in parts.split(",") if p.strip()]
            if chosen == ["alles"]:
                chosen = available_parts()
            try:
                text = dump_region_json(region, chosen)
            except ValueError as error:
                raise CommandError(str(error)) from None
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Geschreven naar {output}.")
        else:
            self.stdout.write(text, ending="")
