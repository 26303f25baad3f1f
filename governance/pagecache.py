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

Progress notes are the most frequent write, so two pages that show them are not keyed by the
``voortgang`` stamp:

* ``progress=True``: what the page reads from the notes is the date of each action's latest
  note ("laatste update", "geen update sinds 90 dagen"), so the key holds a hash of those
  dates (``stamps.last_update_dates``, one query) instead of the stamp: a second note on the
  same day serves the kept page.
* fresh parts: a section that lists the notes themselves is wrapped in ``{% fresh "name" … %}``
  (``governance/templatetags/pagecache.py``). The page is kept without it, with the section's
  arguments (those come from the rest of the page, so they are right under its key), and on
  every hit the section is rendered again by the function registered with
  :func:`fresh_part`. tests/test_page_cache.py checks that it equals the view's section.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from core import cache, roles
from governance import stamps
from governance.stamp_tables import DOMAINS, STRUCTUUR, VOORTGANG

ALWAYS = (STRUCTUUR,)
KIND = "pagina"
#: Every domain but the progress notes: for pages keyed with ``progress=True``.
ALL_BUT_PROGRESS = tuple(d for d in DOMAINS if d != VOORTGANG)

#: name -> function(request, **arguments) -> HTML of a fresh part (see the module's doc).
_FRESH_PARTS: dict[str, Callable[..., str]] = {}
_FRESH_ATTRIBUTE = "_zv_fresh_parts"


def fresh_part(name: str):
    """Register the function that renders the fresh part ``name`` on a hit: it is called with
    the request and the arguments the ``{% fresh %}`` tag recorded, and must return exactly
    what the page's own section renders."""

    def register(function):
        if _FRESH_PARTS.get(name, function) is not function:
            raise ValueError(f"fresh part {name!r} registered twice")
        _FRESH_PARTS[name] = function
        return function

    return register


def fresh_markers(name: str) -> tuple[str, str]:
    return f"<!--zv-vers:{name}-->", f"<!--/zv-vers:{name}-->"


def record_fresh_part(request, name: str, arguments: dict) -> None:
    """Called by the ``{% fresh %}`` tag while the view renders: the part's arguments, kept
    with the page."""
    if name not in _FRESH_PARTS:
        raise ValueError(f"fresh part {name!r} has no registered renderer")
    if request is not None:
        parts = getattr(request, _FRESH_ATTRIBUTE, None)
        if parts is None:
            parts = {}
            setattr(request, _FRESH_ATTRIBUTE, parts)
        parts[name] = arguments


def _without_fresh_parts(text: str, parts: dict) -> str | None:
    """The page with every fresh part emptied (its markers stay), ``None`` when a recorded
    part is not in the page exactly once."""
    for name in parts:
        start, end = fresh_markers(name)
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
        text, n = pattern.subn(lambda _m, s=start, e=end: s + e, text)
        if n != 1:
            return None
    return text


def _with_fresh_parts(request, text: str, parts: dict) -> str:
    for name, arguments in parts.items():
        start, end = fresh_markers(name)
        html = _FRESH_PARTS[name](request, **arguments)
        text = text.replace(start + end, start + html + end, 1)
    return text


_CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def _stamps(scope: str, domains: tuple[str, ...], progress: bool, kwargs: dict, user):
    """The stamps of the page's key, read before the view reads its data; ``None`` for an
    unknown region (the view answers 404, nothing is kept). With ``progress``, the hash of
    the last-update dates of the actions of the page's regions (the region in the URL, or the
    viewer's own regions) is added."""
    if scope == "region":
        slug = kwargs.get("region")
        if not isinstance(slug, str):
            return None
        rows = stamps.stamp_rows_for_slug(slug, domains)
        if rows is None or not progress:
            return rows
        region_id = rows[-1][0]  # ordered by id: the national row (0) comes first
        return (rows, stamps.last_update_dates([region_id]))
    if scope == "national" or (scope == "viewer" and roles.reads_all_regions(user)):
        rows = stamps.national_stamp(*domains)
    elif scope == "viewer":
        rows = stamps.stamp_rows(sorted(roles.roles_by_region(user)), domains)
    else:
        raise ValueError(scope)
    if progress:
        return (rows, stamps.last_update_dates(roles.roles_by_region(user)))
    return rows


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


def cached_page(
    view,
    *,
    domains: tuple[str, ...] = DOMAINS,
    scope: str = "region",
    progress: bool = False,
):
    """Wrap ``view`` (a GET page) so it is served from the cache as described above.
    ``domains``: the stamped domains whose data the page shows (``structuur`` is always
    added); tests/test_page_cache.py checks that a write in any other domain leaves the page
    as it was. ``scope``: ``region`` (the region in the URL), ``viewer`` (the viewer's
    regions; every region for VNG and beheer) or ``national`` (every region).
    ``progress``: the page shows the last-update dates of actions and lists notes only in
    fresh parts; it is keyed by those dates instead of the ``voortgang`` stamp."""
    unknown = set(domains) - set(DOMAINS)
    if unknown:
        raise ValueError(f"unknown domains {unknown}")
    if progress and VOORTGANG in domains:
        raise ValueError("progress=True replaces the voortgang domain: declare one of them")
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
        stamps = _stamps(scope, domains, progress, kwargs, user)
        if stamps is None:
            return view(request, *args, **kwargs)
        key = page_key(request, view_name, stamps)
        kept = cache.get(KIND, key)
        if kept is not None:
            html, parts = kept
            html = html.replace(cache.CSRF_PLACEHOLDER, get_token(request))
            response = HttpResponse(
                _with_fresh_parts(request, html, parts), content_type="text/html; charset=utf-8"
            )
            response["X-ZV-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        render = getattr(response, "render", None)
        if callable(render) and not getattr(response, "is_rendered", True):
            response = render() or response
        if _storable(request, response):
            parts = getattr(request, _FRESH_ATTRIBUTE, None) or {}
            text = _without_fresh_parts(response.content.decode(response.charset or "utf-8"), parts)
            if text is not None:
                text = _CSRF.sub(rf"\g<1>{cache.CSRF_PLACEHOLDER}\g<2>", text)
                cache.put(key, (text, parts))
        return response

    wrapper.zv_cached_page = {"domains": domains, "scope": scope, "progress": progress}
    return wrapper
