"""What each printed report reads: one module per report, each with one ``<name>_report``
function that returns the context of ``templates/reports/<name>_body.html``, including its
``sections`` (the table of contents)."""
