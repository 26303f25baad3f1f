"""The reflections file (``zv-portaal/casusreflecties``): the case reflections of one region
with their Stamtafel conclusions, referring to the region by the keys of the region exchange
format. Used by the demo (``demo/*.reflections.json``); see docs/demo-format.md."""

from casereflection.exchange.export import export_reflections
from casereflection.exchange.importer import import_reflections, validate_reflections
from casereflection.exchange.schema import FORMAT, VERSION, reflections_schema

__all__ = [
    "FORMAT",
    "VERSION",
    "export_reflections",
    "import_reflections",
    "reflections_schema",
    "validate_reflections",
]
