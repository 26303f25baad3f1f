"""What is kept between requests: two levels of Django's cache framework and their counts.

Every key given to :func:`get_or_render` must name everything its value depends on — the
region's change stamps (``governance.stamps``, moved by database triggers in the writing
transaction), what the viewer may see, the release of the code — so a key's value never
changes: nothing is invalidated, a write makes the old keys unreachable, and the per-process
level ("local") in front of the shared one ("default") can never disagree with it.
See docs/architecture.md, "What is kept between requests".
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver

log = logging.getLogger(__name__)

#: Stands for the CSRF token in kept HTML (the header, whole pages): every request gets its own.
CSRF_PLACEHOLDER = "zv-csrf-placeholder"

_lock = threading.Lock()
#: hits in this process's memory, hits in the shared cache, misses (rendered), per kind.
STATS: Counter = Counter()
_release: str | None = None


def release() -> str:
    """A digest of the code and templates of this release: a new release never reads what an
    older one kept in the shared cache (two releases may share it during a deploy)."""
    global _release
    if _release is None:
        digest = hashlib.sha256()
        base = Path(settings.BASE_DIR)
        # The project's own packages (not the virtualenv, the tests or the benchmark) and the
        # templates; walking only these keeps the first request of a process fast.
        packages = [
            d
            for d in sorted(base.iterdir())
            if (d / "__init__.py").exists() and d.name not in ("tests", "bench")
        ]
        paths = [p for d in packages for p in sorted(d.glob("**/*.py"))]
        paths += sorted(base.glob("templates/**/*.html"))
        for path in paths:
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
        _release = digest.hexdigest()[:16]
    return _release


_settings_part: tuple | None = None


def _settings() -> tuple:
    """The settings a page may show or depend on: the project's own (``ZV_*``), the language
    and time zone, DEBUG: two deployments sharing a cache with different settings get
    different keys. Read once per process (listing the settings took a third of making a
    key) and again after a test overrides any setting (``setting_changed``)."""
    global _settings_part
    part = _settings_part
    if part is None:
        names = sorted(n for n in dir(settings) if n.startswith("ZV_"))
        values = [(n, str(getattr(settings, n))) for n in names]
        part = (*values, settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.DEBUG)
        _settings_part = part
    return part


@receiver(setting_changed)
def _forget_settings(**kwargs) -> None:
    global _settings_part
    _settings_part = None


def make_key(kind: str, parts: tuple) -> str:
    text = repr((release(), _settings(), kind, parts)).encode("utf-8", "surrogatepass")
    return f"zv:{kind}:{hashlib.sha256(text).hexdigest()}"


def count(kind: str, outcome: str) -> None:
    with _lock:
        STATS[(kind, outcome)] += 1


def hit_rate(kind: str | None = None) -> tuple[int, int]:
    """(hits, lookups) since the process started or :func:`reset_stats`."""
    with _lock:
        rows = [(k, o, n) for (k, o), n in STATS.items() if kind is None or k == kind]
    hits = sum(n for _k, o, n in rows if o in ("local", "shared"))
    return hits, sum(n for _k, _o, n in rows)


def reset_stats() -> None:
    with _lock:
        STATS.clear()


def get(kind: str, key: str, *, shared: bool = True):
    """The value under ``key``: from this process's memory, else from the shared cache (and
    then kept in memory too). ``None`` when neither has it. A shared cache that cannot be
    reached counts as a miss: the page is rendered, never refused."""
    value = caches["local"].get(key)
    if value is not None:
        count(kind, "local")
        return value
    if shared:
        try:
            value = caches["default"].get(key)
        except Exception:  # noqa: BLE001 — an unreachable cache is a miss, logged
            log.warning("gedeelde cache niet bereikbaar bij lezen", exc_info=True)
            value = None
        if value is not None:
            caches["local"].set(key, value)
            count(kind, "shared")
            return value
    count(kind, "miss")
    return None


def put(key: str, value, *, shared: bool = True) -> None:
    caches["local"].set(key, value)
    if shared:
        try:
            caches["default"].set(key, value)
        except Exception:  # noqa: BLE001
            log.warning("gedeelde cache niet bereikbaar bij schrijven", exc_info=True)


def clear() -> None:
    """Empty both levels (tests; ``manage.py clear_cache`` is not needed in operation)."""
    caches["local"].clear()
    caches["default"].clear()
