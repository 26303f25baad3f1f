"""The structure overview of a region as it was on a date: data, a Graphviz diagram, a table.

- :mod:`governance.diagram.structure` — what existed on a date (``structure_on``) and the
  table equivalent of the diagram (``structure_table``);
- :mod:`governance.diagram.dot` — the DOT source, its styles and the legend of the edges;
- :mod:`governance.diagram.render` — running Graphviz, the per-process memo of drawn
  diagrams (``svg_memo``) and cleaning the SVG for inline use.

Callers import the module they need; this package re-exports nothing.
"""
