"""The parts of the load test (``bench/load``); the script itself parses the options, runs the
steps in order and writes the report.

Standard library only at import time, except :mod:`~bench.loadlib.setup` (psycopg, which
``bench/load`` checks before importing it): the HTTP client with its cookie handling, the form
reader, the workload mix, the statistics, the read-back check of the edits and the results in
the shape of ``bench/results.json``. ``discover_main`` and ``readback_main`` run in a child
process with Django set up against the load database (``bench/load`` starts them); they are
the only parts that import Django.

The package: :mod:`~bench.loadlib.config` (categories, floors, personas, time-outs),
:mod:`~bench.loadlib.common` (the project root, the log line, ``Failed``),
:mod:`~bench.loadlib.setup` (the load database, the environment, ``manage.py``),
:mod:`~bench.loadlib.server` (gunicorn), :mod:`~bench.loadlib.client` (HTTP),
:mod:`~bench.loadlib.forms` (HTML forms), :mod:`~bench.loadlib.workload`,
:mod:`~bench.loadlib.clients` (what one client does), :mod:`~bench.loadlib.phases` (the check
before the measurement and the timed phases), :mod:`~bench.loadlib.stats` (statistics and
recording), :mod:`~bench.loadlib.results` (read-back and results) and
:mod:`~bench.loadlib.child` (the Django side). Callers import the module they need; this
package re-exports nothing.
"""
