"""The region import (governance.exchange.import_region) against ``loaddata`` of the same
objects, used by ``bench/run`` (issue 8; goal ≤ 1.5×).

The import validates the document against the schema and the model rules, resolves
references by name and records history for every object; ``loaddata`` inserts rows with known
primary keys and records nothing. Both write the same objects: the region, its sub-regions,
municipalities, regional organisations, persons, themes, chosen partners, bodies (with their
themes), relations, mandates, memberships and cost lines.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from django.core import serializers
from django.core.management import call_command


def _region_objects(region) -> list:
    from governance.models import (
        Body,
        BodyRelation,
        CostLine,
        Mandate,
        Membership,
        Municipality,
        Organisation,
        Person,
        RegionPartner,
        RegionTheme,
        SubRegion,
    )

    return [
        region,
        *SubRegion.objects.filter(region=region),
        *Municipality.objects.filter(region=region),
        *Organisation.objects.filter(region=region),
        *Person.objects.filter(region=region),
        *RegionTheme.objects.filter(region=region),
        *RegionPartner.objects.filter(region=region),
        *Body.objects.filter(region=region),
        *BodyRelation.objects.filter(source__region=region),
        *Mandate.objects.filter(body__region=region),
        *Membership.objects.filter(body__region=region),
        *CostLine.objects.filter(body__region=region),
    ]


def _renumbered_fixture(objects: list, slug: str) -> str:
    """The objects as a fixture under fresh primary keys (references among them follow), the
    region under ``slug``: ``loaddata`` then creates a second copy, as the import does."""
    from django.apps import apps

    data = json.loads(serializers.serialize("json", objects))
    offsets: dict[str, int] = {}
    for label in {row["model"] for row in data}:
        model = apps.get_model(label)
        offsets[label] = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    new_pk: dict[tuple[str, int], int] = {}
    for row in data:
        offsets[row["model"]] += 1
        new_pk[(row["model"], row["pk"])] = offsets[row["model"]]
    for row in data:
        model = apps.get_model(row["model"])
        row["pk"] = new_pk[(row["model"], row["pk"])]
        for name, value in row["fields"].items():
            field = model._meta.get_field(name)
            if not field.is_relation or value is None:
                continue
            target = field.remote_field.model._meta.label_lower
            if field.many_to_many:
                row["fields"][name] = [new_pk.get((target, v), v) for v in value]
            else:
                row["fields"][name] = new_pk.get((target, value), value)
        if row["model"] == "governance.region":
            row["fields"]["slug"] = slug
            row["fields"]["name"] = f"{row['fields']['name']} ({slug})"
    return json.dumps(data)


def import_vs_loaddata(region, rounds: int = 3) -> dict:
    """Time the import of ``region``'s exchange document under a new slug, and ``loaddata``
    of the same objects under fresh keys and another slug; ``rounds`` times, alternating, and
    the medians compared (each round creates two more copies of the region)."""
    from core.history import acting_as, get_system_user
    from governance.exchange import dump_region_json, import_region

    document = dump_region_json(region)
    objects = _region_objects(region)
    user = get_system_user()
    imports: list[float] = []
    loads: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(1, rounds + 1):
            started = time.perf_counter()
            with acting_as(user):
                import_region(data=document, user=user, slug=f"{region.slug}-import-{round_}")
            imports.append(time.perf_counter() - started)

            # after the import: the fresh keys lie above everything that exists now
            fixture = Path(tmp) / f"regio-{round_}.json"
            fixture.write_text(_renumbered_fixture(objects, f"{region.slug}-loaddata-{round_}"))

            started = time.perf_counter()
            call_command("loaddata", str(fixture), verbosity=0)
            loads.append(time.perf_counter() - started)
    imported, loaded = statistics.median(imports), statistics.median(loads)
    ratio = imported / loaded
    return {
        "name": "import.regio_vs_loaddata",
        "value": round(imported, 3),
        "unit": "s",
        "baseline": round(loaded, 3),
        "baseline_name": "loaddata van dezelfde objecten",
        "ratio": round(ratio, 2),
        "goal": "<= 1.5",
        "ok": ratio <= 1.5,
        "objects": len(objects),
        "rounds": rounds,
    }
