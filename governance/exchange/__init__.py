"""Region exchange: one region as a documented, versioned JSON document.

The format is described in ``docs/region-format.md``; its JSON Schema is
``docs/region.schema.json`` (generated from :func:`region_schema`, regenerate it with
``manage.py export_region --schema``).

Public API:

* :func:`export_region` / :func:`dump_region_json` — a region as a dict / as canonical text,
  in format version 5, with the structure and the *parts* asked for (``werkagenda``,
  ``vergaderingen``, ``checklist``). Exporting, importing into an empty database and exporting
  again gives the same bytes.
* :func:`load_region_document` — bytes or text to a parsed document (size, encoding, JSON).
* :func:`validate_region_document` — every problem of a document, without writing anything.
* :func:`import_region` — all-or-nothing import of versions 1 to 5; returns an
  :class:`ImportResult` (the new region and the created objects under their file keys);
  raises :class:`RegionImportFailed` whose ``errors`` are :class:`RegionImportError` objects
  (``path`` like ``$.bodies[3].memberships[0].person`` and a Dutch ``message``).
* :func:`region_keys` — the same key maps for a region in the database.
* :func:`register_section` — how an app above governance adds its section (the checklist).

Nothing in the document is a database id: objects refer to each other by natural keys
(names within the region, a file-local ``key`` for persons, knelpunten, actions and meetings,
name + ``national`` for organisations).

Modules: ``errors`` (paths and messages), ``values`` (how values are written), ``keys``
(natural keys and references), ``schema``, ``parse`` (JSON and schema errors in Dutch),
``refs`` and ``validate`` (reference checks), ``export``, ``context`` and ``importer`` (the
builder), ``sections`` (the registry), ``werkagenda`` and ``meetings`` (governance's sections).
"""

from governance.exchange.context import ImportContext, ImportResult
from governance.exchange.errors import RegionImportError, RegionImportFailed
from governance.exchange.export import dump_region_json, export_filename, export_region
from governance.exchange.importer import import_region
from governance.exchange.keys import RegionKeys, region_keys
from governance.exchange.parse import load_region_document
from governance.exchange.schema import FORMAT, READABLE_VERSIONS, VERSION, region_schema
from governance.exchange.sections import (
    PARTS,
    Section,
    available_parts,
    readable_parts,
    register_section,
)
from governance.exchange.validate import validate_region_document
from governance.exchange.values import dump_document

__all__ = [
    "FORMAT",
    "PARTS",
    "READABLE_VERSIONS",
    "VERSION",
    "ImportContext",
    "ImportResult",
    "RegionImportError",
    "RegionImportFailed",
    "RegionKeys",
    "Section",
    "available_parts",
    "dump_document",
    "dump_region_json",
    "export_filename",
    "export_region",
    "import_region",
    "load_region_document",
    "readable_parts",
    "region_keys",
    "region_schema",
    "register_section",
    "validate_region_document",
]
