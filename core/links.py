"""Links to many objects of one kind on a page, without a reverse() per object."""

from __future__ import annotations

from django.urls import reverse

#: A primary key no real object has; it marks where the pk goes in the reversed URL.
_MARKER = 987654321987


class PkUrl:
    """The URL of ``viewname`` for any ``pk``: reversed once, then filled in per object.

    ``reverse()`` costs tens of microseconds; a page with a few hundred cards and three links
    each spent a noticeable part of its time there. ``PkUrl("app:detail", region=slug)(42)``
    gives the same text as ``reverse("app:detail", kwargs={"region": slug, "pk": 42})``.
    """

    do_not_call_in_templates = True  # templates pass it to the |pk_url filter

    def __init__(self, viewname: str, **kwargs):
        url = reverse(viewname, kwargs={**kwargs, "pk": _MARKER})
        self.head, self.tail = url.rsplit(str(_MARKER), 1)

    def __call__(self, pk: int) -> str:
        return f"{self.head}{int(pk)}{self.tail}"
