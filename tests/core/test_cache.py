"""The two levels of what is kept between requests (core.cache): the shared level works on the
database table of production (created by core's migration), the local level answers without
it, and an unreachable shared cache is a miss, never an error."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from core import cache

DATABASE_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "zv_cache"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t-l"},
}


@pytest.mark.django_db(transaction=True)
def test_the_shared_level_is_the_database_table_and_the_local_level_sits_in_front():
    with override_settings(CACHES=DATABASE_CACHES):
        call_command("createcachetable", verbosity=0)  # what core/0002 does in production
        try:
            cache.reset_stats()
            key = cache.make_key("proef", ("a", 1))
            assert cache.get("proef", key) is None
            cache.put(key, "<p>bewaard</p>")
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM zv_cache")
                assert cursor.fetchone()[0] == 1
            caches["local"].clear()  # another process: only the shared level has it
            assert cache.get("proef", key) == "<p>bewaard</p>"
            assert cache.get("proef", key) == "<p>bewaard</p>"  # now from memory
            assert cache.STATS[("proef", "shared")] == 1
            assert cache.STATS[("proef", "local")] == 1
            assert cache.STATS[("proef", "miss")] == 1
            assert cache.hit_rate("proef") == (2, 3)
        finally:
            caches["default"].clear()
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE zv_cache")


def test_keys_differ_with_every_part_and_with_the_settings(settings):
    a = cache.make_key("pagina", (1, "x"))
    assert a == cache.make_key("pagina", (1, "x"))
    assert a != cache.make_key("pagina", (2, "x"))
    assert a != cache.make_key("kop", (1, "x"))
    settings.ZV_PASSWORD_LOGIN = not settings.ZV_PASSWORD_LOGIN
    assert a != cache.make_key("pagina", (1, "x"))


class Unreachable(BaseCache):
    """A shared cache whose server is down: every call fails as a client library's would."""

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, key, default=None, version=None):
        raise ConnectionError("verbinding geweigerd")

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        raise ConnectionError("verbinding geweigerd")


def test_an_unreachable_shared_cache_is_a_miss_and_a_put_is_not_an_error(caplog):
    broken = {
        "default": {"BACKEND": "tests.core.test_cache.Unreachable"},
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "x"},
    }
    with override_settings(CACHES=broken):
        key = cache.make_key("proef", ("b",))
        assert cache.get("proef", key) is None
        cache.put(key, "waarde")
        assert cache.get("proef", key) == "waarde"  # from this process's memory
    assert "niet bereikbaar" in caplog.text


def test_the_release_digest_follows_the_code_and_the_templates(settings, tmp_path, monkeypatch):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "views.py").write_text("A = 1\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>een</p>")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "__init__.py").write_text("")
    settings.BASE_DIR = tmp_path

    def fresh():
        monkeypatch.setattr(cache, "_release", None)
        return cache.release()

    first = fresh()
    assert fresh() == first
    (tmp_path / "tests" / "test_x.py").write_text("B = 2\n")  # tests are not the release
    assert fresh() == first
    (tmp_path / "templates" / "page.html").write_text("<p>twee</p>")
    second = fresh()
    assert second != first
    (tmp_path / "app" / "views.py").write_text("A = 2\n")
    assert fresh() not in (first, second)
