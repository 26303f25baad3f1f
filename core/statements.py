"""Fixed SQL statements for the reads every request makes (the roles, the user with their role
stamp, the change stamps of a kept page).

Each is built once per database vendor (and shape) from the models' own table and column
names, then only executed: compiling the same ORM query on every request cost about as much
as running it, 0.15–0.5 ms each (docs/performance.md, "The second step" and "The third step").
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

#: (vendor, key) -> what the builder returned.
_BUILT: dict[tuple, object] = {}


def statement(connection, key: Hashable, build: Callable):
    """``build(connection)``, called once per (database vendor, ``key``) and kept; it returns
    the SQL, or the SQL with whatever else its caller needs to read the rows."""
    built_key = (connection.vendor, key)
    built = _BUILT.get(built_key)
    if built is None:
        built = _BUILT[built_key] = build(connection)
    return built


def fetch(connection, key: Hashable, build: Callable[..., str], params: list) -> list[tuple]:
    """The rows of the statement ``build`` makes (see :func:`statement`) for ``params``."""
    sql = statement(connection, key, build)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
