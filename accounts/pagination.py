"""Paging of the beheerder's lists (accounts, audit log), with ``templates/accounts/
_pagination.html``: the page number travels as ``pagina``, the filters as they came."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

PAGE_PARAMETER = "pagina"


def paginate(request, items, per_page: int) -> tuple[Page, str]:
    """The requested page of ``items`` (a bad or too high number gives a valid page, never an
    error) and the query string of the filters without the page number, for the page links
    and the CSV link."""
    page = Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAMETER))
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return page, query.urlencode()
