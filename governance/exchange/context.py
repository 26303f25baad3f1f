"""What an import builds with: the new region, the objects created so far under their file
keys, model validation with errors at JSON paths, and bulk writes with history.

Every object is validated with ``full_clean()`` before anything is written, and the objects
of one kind are then written together (``bulk_create``, with one history record each through
simple-history's ``bulk_history_create``; the author is the user the import acts as). Two
parts of ``full_clean()`` are left out, because the import already knows the answer and they
would cost a query per object:

* the existence check of foreign keys: every reference is an object this import just wrote,
  or reference data it read (a national organisation, a theme, a checklist item);
* the uniqueness checks: every unique constraint below the region is unique per region, the
  region is new, and the validation has refused duplicates inside the document. The database
  still enforces them; a violation becomes a ``RegionImportFailed``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from simple_history.utils import bulk_create_with_history

from governance.exchange.errors import Path, RegionImportError, error
from governance.exchange.keys import RegionKeys
from governance.models import Organisation, Theme

#: ``(object, JSON path of its item, the item)`` — what ``create`` validates and writes.
Pending = tuple[models.Model, Path, dict[str, Any] | None]


@dataclass
class ImportResult(RegionKeys):
    """What :func:`~governance.exchange.importer.import_region` created.

    The maps of :class:`~governance.exchange.keys.RegionKeys` (``persons``, ``bodies``,
    ``municipalities``, ``memberships``, ``mandates``, ``knelpunten``, ``actions``,
    ``meetings``, ``agenda_items``) hold the created objects under the keys *of the imported
    file*; ``created`` counts the objects per kind (model verbose name, plural) in the order
    they were written; ``version`` and ``parts`` are those of the file.
    """

    version: int = 2
    parts: list[str] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)


class ImportContext:
    """Shared by the structure builder and every section's ``import_``."""

    def __init__(self, *, result: ImportResult, user):
        self.result = result
        self.user = user
        self.errors: list[RegionImportError] = []
        self.themes: dict[str, Theme] = {t.name: t for t in Theme.objects.all()}
        self.organisations: dict[tuple[str, bool], Organisation] = {}
        self._created: Counter = Counter()
        self._deferred: list[Callable[[], None]] = []

    @property
    def region(self):
        return self.result.region

    # -- errors and validation

    def error(self, parts: Path, message: str) -> None:
        self.errors.append(error(parts, message))

    def valid(
        self, obj: models.Model, parts: Path, item: dict[str, Any] | None, *, full: bool = False
    ) -> bool:
        """full_clean(); on errors record them at the item's JSON paths.

        Without ``full`` the foreign-key existence and uniqueness checks are left out (see
        the module docstring)."""
        found = model_errors(obj, parts, item, full=full)
        self.errors += found
        return not found

    # -- writing

    def create(
        self, model: type[models.Model], pending: list[Pending], *, history: bool = True
    ) -> list:
        """Validate each ``(obj, parts, item)`` and write the valid ones in bulk (with a
        history record each, unless ``history`` is False or the model keeps none); returns
        them with their primary keys, in the order given."""
        objs = [obj for obj, parts, item in pending if self.valid(obj, parts, item)]
        if objs:
            if history and hasattr(model, "history"):
                bulk_create_with_history(objs, model)
            else:
                model.objects.bulk_create(objs)
        self.count(model, len(objs))
        return objs

    def count(self, model: type[models.Model], number: int = 1) -> None:
        """Count ``number`` created objects of ``model`` (for the import's summary)."""
        if number:
            self._created[str(model._meta.verbose_name_plural)] += number

    def defer(self, step: Callable[[], None]) -> None:
        """Run ``step`` after every section was imported (e.g. to link objects of two
        sections that refer to each other)."""
        self._deferred.append(step)

    def finish(self) -> ImportResult:
        for step in self._deferred:
            step()
        self._deferred.clear()
        self.result.created = dict(self._created)
        return self.result

    # -- references into the structure

    def organisation(self, ref: dict | None) -> tuple[bool, Organisation | None]:
        """``(found, organisation)`` for an organisation reference (``(True, None)`` for null)."""
        if ref is None:
            return True, None
        found = self.organisations.get((ref["name"], ref["national"]))
        return found is not None, found

    def lookup(self, mapping: dict, key: Any) -> tuple[bool, Any]:
        """``(found, object)`` for a key into one of the result's maps (``(True, None)`` for
        null). Not found means the object was refused, and its error is already recorded."""
        if key is None:
            return True, None
        found = mapping.get(key)
        return found is not None, found


def model_errors(
    obj: models.Model, parts: Path, item: dict[str, Any] | None, *, full: bool = False
) -> list[RegionImportError]:
    """The model's own validation of ``obj`` (``full_clean``), as errors at the JSON paths of
    ``item`` (its fields; other messages at ``parts``). Without ``full`` the foreign-key
    existence and uniqueness checks are left out: the importer made or read those objects
    itself, and the database still enforces uniqueness."""
    try:
        if full:
            obj.full_clean()
        else:
            obj.full_clean(
                exclude=_foreign_keys(type(obj)),
                validate_unique=False,
                validate_constraints=False,
            )
    except ValidationError as problem:
        fields = set(item or ())
        messages = (
            problem.message_dict
            if hasattr(problem, "error_dict")
            else {NON_FIELD_ERRORS: problem.messages}
        )
        return [
            error((*parts, name) if name in fields else parts, str(text))
            for name, texts in messages.items()
            for text in texts
        ]
    return []


def link_rows(model: type[models.Model], field: str, pairs: Iterable[tuple[Any, Any]]) -> None:
    """Write the many-to-many links ``(obj, target)`` of ``model.field`` in one query."""
    through = getattr(model, field).through
    source = f"{model._meta.model_name}_id"
    target = f"{model._meta.get_field(field).related_model._meta.model_name}_id"
    through.objects.bulk_create([through(**{source: o.pk, target: t.pk}) for o, t in pairs])


def _foreign_keys(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation]
