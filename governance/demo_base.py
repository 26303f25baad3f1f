"""The create-or-update helper of the demo builders (shared by the register and werkagenda
demos without importing each other)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from governance.models import Region


@dataclass
class DemoResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    regions: list[Region] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))


def _upsert(result: DemoResult, model, lookup: dict, values: dict | None = None):
    """Create or update one row on its natural key; save only when something differs."""
    values = values or {}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        result.created[str(model._meta.verbose_name_plural)] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
        result.updated[str(model._meta.verbose_name_plural)] += 1
    return obj
