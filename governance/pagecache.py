"""Whole pages kept between requests under (page, viewer, region stamps, minute).

A page wrapped in :func:`cached_page` (in the URL conf, so the list of cached pages is in one
place) is served from the cache when the same viewer asked for the same URL in the same
minute and none of the region's change stamps of the page's domains has moved since. The
stamps are moved by database triggers in the transaction of every write (``governance.stamps``,
migration 0009), so no write path can leave them behind, and they are read *before* the page
reads its data: a page kept under a stamp shows that state or a newer one, never an older one.

The key holds everything a page may depend on:

* the release of the code and templates (``core.cache.release``);
* the URL: the view, the path, every query parameter, whether htmx asked;
* the viewer: the user's id, name and beheer flags and their roles in every region — so a
  bestuurder never gets what was rendered for a secretary, and a permission that changes with
  a role changes the key (the rules read nothing else about the user that is not in a stamped
  table);
* the change stamps of the page's domains — always including ``structuur`` (memberships,
  persons and roles decide what a viewer may see) and the national row (reference data) — of
  the region in the URL, of the viewer's regions (the home page), or of every region (pages
  that compare regions);
* the current minute (Europe/Amsterdam), for what a page derives from the clock (overdue,
  upcoming, the printed time).

Only complete HTML pages answered with 200 are kept, never a page that carries a message for
the user; the CSRF token is taken out before keeping and the requester's own put in when
serving. Nothing is ever invalidated; old keys are simply never asked for again and the cache
ages them out.
"""

from __future__ import annotations

import re
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from core import cache, roles
from governance import stamps
from governance.stamp_tables import DOMAINS, STRUCTUUR

ALWAYS = (STRUCTUUR,)
KIND = "pagina"

_CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def _stamps(scope: str, domains: tuple[str, ...], kwargs: dict, user):
    """The stamps of the page's key, read before the view reads its data; ``None`` for an
    unknown region (the view answers 404, nothing is kept)."""
    if scope == "region":
        slug = kwargs.get("region")
        return stamps.stamp_rows_for_slug(slug, domains) if isinstance(slug, str) else None
    if scope == "national" or (scope == "viewer" and roles.reads_all_regions(user)):
        return stamps.national_stamp(*domains)
    if scope == "viewer":
        return stamps.stamp_rows(sorted(roles.roles_by_region(user)), domains)
    raise ValueError(scope)


def _viewer(user) -> tuple:
    by_region, national = roles.roles_by_region(user), roles.is_vng_advisor(user)
    return (
        user.pk,
        user.get_username(),
        user.get_full_name(),
        user.email,
        user.is_staff,
        user.is_superuser,
        national,
        tuple(sorted((rid, tuple(sorted(rs))) for rid, rs in by_region.items())),
    )


def _has_messages(request) -> bool:
    storage = get_messages(request)
    return bool(len(storage))


def _storable(request, response) -> bool:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or response.has_header("Content-Disposition"):
        return False
    storage = get_messages(request)
    return not (storage.used or len(storage))


def page_key(request, view_name: str, stamps: tuple) -> str:
    query = tuple(sorted((k, tuple(v)) for k, v in request.GET.lists()))
    return cache.make_key(
        KIND,
        (
            view_name,
            request.path,
            query,
            request.headers.get("HX-Request", ""),
            _viewer(request.user),
            timezone.now().replace(second=0, microsecond=0),
            timezone.localdate(),
            stamps,
        ),
    )


def cached_page(view, *, domains: tuple[str, ...] = DOMAINS, scope: str = "region"):
    """Wrap ``view`` (a GET page) so it is served from the cache as described above.
    ``domains``: the stamped domains whose data the page shows (``structuur`` is always
    added); tests/test_page_cache.py checks that a write in any other domain leaves the page
    as it was. ``scope``: ``region`` (the region in the URL), ``viewer`` (the viewer's
    regions; every region for VNG and beheer) or ``national`` (every region)."""
    unknown = set(domains) - set(DOMAINS)
    if unknown:
        raise ValueError(f"unknown domains {unknown}")
    domains = tuple(d for d in DOMAINS if d in set(domains) | set(ALWAYS))
    # a class-based view's function is called "view" for every class: name the class
    named = getattr(view, "view_class", view)
    view_name = f"{named.__module__}.{getattr(named, '__qualname__', named.__name__)}"

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = getattr(request, "user", None)
        if (
            not settings.ZV_PAGE_CACHE
            or request.method != "GET"
            or user is None
            or not user.is_authenticated
            or _has_messages(request)
        ):
            return view(request, *args, **kwargs)
        stamps = _stamps(scope, domains, kwargs, user)
        if stamps is None:
            return view(request, *args, **kwargs)
        key = page_key(request, view_name, stamps)
        html = cache.get(KIND, key)
        if html is not None:
            response = HttpResponse(
                html.replace(cache.CSRF_PLACEHOLDER, get_token(request)),
                content_type="text/html; charset=utf-8",
            )
            response["X-ZV-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        render = getattr(response, "render", None)
        if callable(render) and not getattr(response, "is_rendered", True):
            response = render() or response
        if _storable(request, response):
            text = response.content.decode(response.charset or "utf-8")
            cache.put(key, _CSRF.sub(rf"\g<1>{cache.CSRF_PLACEHOLDER}\g<2>", text))
        return response

    wrapper.zv_cached_page = {"domains": domains, "scope": scope}
    return wrapper
