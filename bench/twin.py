"""Two benchmark databases side by side, so that 1× and 10× are measured in the same minute.

On a shared two-core machine the speed of the machine drifts by tens of percents from one
minute to the next. Measuring every page at scale 1 and, minutes later, at scale 10 put that
drift into the 10×/1× ratio (docs/performance.md, "Noise"). With both databases open at once,
``bench/pages.py`` alternates between them request block by request block, and the drift
falls on both sides alike.

:meth:`Twin.copy_of_default` copies Django's test database (after the demo and scale 1 are
loaded) into a second database: on PostgreSQL with ``CREATE DATABASE … TEMPLATE`` on the same
server, on SQLite with the backup API into a second in-memory database (or a file beside a
file database). Both connections stay open; :meth:`Twin.use` makes one of them the ``default``
connection (``django.db.connection`` follows, it is looked up on every use). :meth:`Twin.drop`
switches back to the original and removes the copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

ORIGINAL = "1x"
COPY = "10x"


class Twin:
    def __init__(self, original: BaseDatabaseWrapper, copy: BaseDatabaseWrapper, keeper=None):
        self.wrappers = {ORIGINAL: original, COPY: copy}
        self._keeper = keeper  # keeps an in-memory SQLite copy alive
        self.current = ORIGINAL

    @classmethod
    def copy_of_default(cls) -> Twin:
        original = connections["default"]
        name = original.settings_dict["NAME"]
        if original.vendor == "postgresql":
            copy_name = f"{name}_10x"
            connections.close_all()  # TEMPLATE needs a database nobody is connected to
            with original._nodb_cursor() as cursor:
                quoted = original.ops.quote_name
                cursor.execute(f"DROP DATABASE IF EXISTS {quoted(copy_name)}")
                cursor.execute(f"CREATE DATABASE {quoted(copy_name)} TEMPLATE {quoted(name)}")
            return cls(original, _wrapper_for(original, copy_name))
        if original.vendor == "sqlite":
            original.ensure_connection()
            if original.is_in_memory_db():
                copy_name = "file:zv_bench_10x?mode=memory&cache=shared"
            else:
                copy_name = str(Path(name).with_name(Path(name).stem + "-10x.sqlite3"))
            keeper = sqlite3.connect(copy_name, uri=copy_name.startswith("file:"))
            original.connection.backup(keeper)
            return cls(original, _wrapper_for(original, copy_name), keeper)
        raise NotImplementedError(f"bench/twin.py: no copy for {original.vendor}")

    def use(self, side: str) -> None:
        """Make ``side`` (``"1x"`` or ``"10x"``) the default connection."""
        connections["default"] = self.wrappers[side]
        self.current = side

    def drop(self) -> None:
        original, copy = self.wrappers[ORIGINAL], self.wrappers[COPY]
        self.use(ORIGINAL)
        copy_name = copy.settings_dict["NAME"]
        copy.close()
        if copy.vendor == "postgresql":
            with original._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {original.ops.quote_name(copy_name)}")
        elif copy.vendor == "sqlite":
            if copy.connection is not None:  # close() keeps in-memory databases open
                copy.connection.close()
                copy.connection = None
            if self._keeper is not None:
                self._keeper.close()
            if not copy_name.startswith("file:"):
                Path(copy_name).unlink(missing_ok=True)


def _wrapper_for(original: BaseDatabaseWrapper, name: str) -> BaseDatabaseWrapper:
    """A second connection with the settings of ``original`` but another database."""
    settings_dict = {**original.settings_dict, "NAME": name}
    return type(original)(settings_dict, alias=original.alias)
