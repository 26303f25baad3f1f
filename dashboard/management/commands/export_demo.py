"""``manage.py export_demo``: write the demo's data files from the database.

For whoever maintains the demo: load it (``seed_demo``), change it in the portal, and write
the files again; ``git diff`` then shows what changed. The peildatum becomes today. The
manifest's ``stukken`` and ``notes`` are load-only: they are copied as they are (a stuk or a
note changed in the portal is not written back; personal notes are never exported). The files
hold case text of the demo reflections — run this on a demo database only.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casereflection.exchange import export_reflections
from dashboard.demo.manifest import (
    DEMO_DIR,
    MANIFEST,
    DemoRegionFiles,
    manifest_document,
    read_manifest,
)
from governance.exchange import dump_document, export_region
from governance.exchange.keys import key_persons, region_keys
from governance.exchange.sections import available_parts
from governance.models import Person, Region


class Command(BaseCommand):
    help = (
        "Schrijft de demobestanden (map demo/) opnieuw vanuit de database: per demoregio "
        "het regiobestand met alle onderdelen en de casusreflecties, en demo.json met de "
        "peildatum van vandaag. Alleen voor een demodatabase: de bestanden bevatten casustekst."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(DEMO_DIR), help="Map (standaard: demo/).")

    def handle(self, *args, output: str, **options):
        source = read_manifest(DEMO_DIR)
        target = Path(output)
        target.mkdir(parents=True, exist_ok=True)
        regions = []
        for files in source.regions:
            slug = json.loads(files.region.read_text(encoding="utf-8"))["region"]["slug"]
            region = Region.objects.filter(slug=slug).first()
            if region is None:
                raise CommandError(f"De demoregio ‘{slug}’ staat niet in de database.")
            keys = region_keys(region)
            (target / files.region.name).write_text(
                dump_document(export_region(region, parts=available_parts())), encoding="utf-8"
            )
            reflections = None
            if files.reflections is not None:
                reflections = target / files.reflections.name
                reflections.write_text(
                    dump_document(export_reflections(region, keys)), encoding="utf-8"
                )
            regions.append(DemoRegionFiles(target / files.region.name, reflections))
        users = []
        for spec in source.users:
            person = (
                Person.objects.filter(user__username=spec.username).select_related("region").first()
            )
            link = None
            if person is not None:
                keys = key_persons(
                    Person.objects.filter(region=person.region).select_related("organisation")
                )
                link = (person.region.slug, next(k for k, p in keys.items() if p.pk == person.pk))
            users.append(replace(spec, person=link))
        manifest = replace(
            source,
            directory=target,
            peildatum=timezone.localdate(),
            regions=tuple(regions),
            users=tuple(users),
        )
        for stuk in manifest.stukken:  # load-only: the files stay as they are
            if (target / stuk.file).resolve() != (DEMO_DIR / stuk.file).resolve():
                (target / stuk.file).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(DEMO_DIR / stuk.file, target / stuk.file)
        (target / MANIFEST).write_text(dump_document(manifest_document(manifest)), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Demobestanden geschreven naar {target}."))
