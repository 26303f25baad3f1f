import pytest

from tests.factories import RegionFactory, RoleFactory, UserFactory


def pytest_configure(config):
    from django.conf import settings

    # Factories set passwords for many users; PBKDF2 would make that the slowest part.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # pytest-django runs every test without DEBUG; say so before anything (a module-level
    # reverse() at collection) imports the URLconf, whose DEBUG-only routes (the local mailbox
    # of development) must not be in it.
    settings.DEBUG = False
    # What is kept between requests lives in each test process's memory (the database cache
    # table has its own test, tests/core/test_cache.py); emptied around every test.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "l"},
    }


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to its own temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Nothing kept by an earlier test: ids and stamps start again after a rollback."""
    from core import cache, roles

    cache.clear()
    roles.forget_kept()
    yield
    cache.clear()
    roles.forget_kept()


def _cold(assert_queries):
    """A query-count measurement that starts with nothing kept under a role stamp: it counts
    what the first request after a role change costs, the roles query included, so two
    measurements of a test compare the same thing (core.roles.kept_with_roles keeps the
    roles from one request to the next; tests/core/test_role_stamps.py measures that)."""
    from contextlib import contextmanager

    from core import roles

    @contextmanager
    def measure(*args, **kwargs):
        roles.forget_kept()
        with assert_queries(*args, **kwargs) as captured:
            yield captured

    return measure


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    return _cold(django_assert_num_queries)


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries):
    return _cold(django_assert_max_num_queries)


@pytest.fixture(autouse=True)
def _fresh_diagram_memo():
    """Each test draws its own diagrams: a diagram kept from an earlier test must not hide
    what a test does to Graphviz (a failing dot, say)."""
    from governance.diagram.render import svg_memo

    svg_memo.clear()
    yield
    svg_memo.clear()


@pytest.fixture(autouse=True)
def _second_factor_given_on_force_login(request, monkeypatch):
    """``client.force_login(user)`` also marks the second factor as given in the session.

    Secretaries and beheerders must give a second factor (accounts.twofactor.middleware); tests
    that only want a signed-in user should not have to go through it. Tests of the enforcement
    itself opt out with ``@pytest.mark.real_second_factor``: then ``force_login`` is Django's
    own, and the session has only what a password login gives.
    """
    if request.node.get_closest_marker("real_second_factor"):
        return
    from django.test.client import ClientMixin

    from accounts.session_keys import SECOND_FACTOR_METHOD, SECOND_FACTOR_VERIFIED

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        session[SECOND_FACTOR_VERIFIED] = True
        session[SECOND_FACTOR_METHOD] = "totp"
        session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture
def region(db):
    return RegionFactory(name="Testregio", slug="test")


@pytest.fixture
def other_region(db):
    return RegionFactory(name="Andere regio", slug="andere")


def _user_with_role(username, role, region):
    user = UserFactory(username=username)
    RoleFactory(user=user, role=role, region=region)
    return user


@pytest.fixture
def secretary(region):
    return _user_with_role("secretaris", "secretary", region)


@pytest.fixture
def bestuurder(region):
    return _user_with_role("bestuurder", "bestuurder", region)


@pytest.fixture
def participant(region):
    return _user_with_role("deelnemer", "participant", region)


@pytest.fixture
def vng_advisor(db):
    return _user_with_role("vng", "vng_advisor", None)


@pytest.fixture
def staff_user(db):
    return UserFactory(username="beheerder", is_staff=True)


@pytest.fixture
def other_secretary(other_region):
    return _user_with_role("secretaris-andere", "secretary", other_region)
