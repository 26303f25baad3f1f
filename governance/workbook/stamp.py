"""A stamp of a region's state: a hash over the ids and versions of everything the workbook
holds. Any save of one of those objects raises its version, any new or removed object changes
the set — so the stamp differs as soon as the region changed since a download."""

from __future__ import annotations

import hashlib

from governance.models import (
    Body,
    BodyRelation,
    Framework,
    Mandate,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    SubRegion,
)


def region_stamp(region: Region) -> str:
    """Ten queries, whatever the size of the region."""
    scoped = [
        (SubRegion, {"region": region}),
        (Municipality, {"region": region}),
        (Organisation, {"region": region}),
        (Person, {"region": region}),
        (Framework, {"region": region}),
        (Body, {"region": region}),
        (Mandate, {"body__region": region}),
        (Membership, {"body__region": region}),
        (BodyRelation, {"source__region": region}),
    ]
    digest = hashlib.sha256(f"regio:{region.pk}".encode())
    for model, lookup in scoped:
        rows = model.objects.filter(**lookup).order_by("pk").values_list("pk", "version")
        digest.update(model._meta.label.encode())
        for pk, version in rows:
            digest.update(f";{pk}:{version}".encode())
    return digest.hexdigest()
