"""Reads of the meeting pages: the meeting list and one meeting with its agenda.

Both return what the page needs in a fixed number of queries, however many meetings, agenda
items, documents or document versions there are.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django import forms
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from governance.constants import MeetingStatus
from governance.models import Action, AgendaItem, Body, Document, Meeting, Region
from governance.selectors.agenda import agenda_visibility, annotate_agenda
from governance.selectors.register import attach_region
from governance.uploads import TYPES

TYPE_LABELS = {t.content_type: t.label for t in TYPES.values()}


def file_size(size: int | None) -> str:
    """A file size the way people read it: ‘12 KB’, ‘3,4 MB’."""
    if size is None:
        return "—"
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


class MeetingFilterForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Gremium"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("Alle gremia"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *MeetingStatus.choices],
    )
    year = forms.TypedChoiceField(
        label=_("Jaar"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args, region: Region, now: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(region=region).order_by("name")
        years = {d.year for d in Meeting.objects.in_region(region).datetimes("starts_at", "year")}
        years.add(now.year)
        self.fields["year"].choices = [
            ("", _("Alle jaren")),
            *[(y, str(y)) for y in sorted(years, reverse=True)],
        ]


def meeting_list(region: Region, params, *, now: datetime, user=None) -> dict:
    """Upcoming meetings (soonest first) and past ones (latest first), filtered. With ``user``,
    each meeting says whether that user may see its agenda (``agenda_visible``).

    Queries: the meetings with their body and item count (one), the user's chair seats (one),
    plus the filter form's body and year choices when it is rendered.
    """
    form = MeetingFilterForm(params or None, region=region, now=now)
    qs = Meeting.objects.in_region(region)
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        if data["body"]:
            qs = qs.filter(body=data["body"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["year"]:
            qs = qs.filter(starts_at__year=data["year"])
        filtered = any(v not in (None, "") for v in data.values())
    meetings = list(
        qs.select_related("body").annotate(item_count=Count("items")).order_by("starts_at", "pk")
    )
    attach_region([m.body for m in meetings], region)
    upcoming = [m for m in meetings if m.starts_at >= now]
    past = [m for m in reversed(meetings) if m.starts_at < now]
    for m in upcoming:
        m.without_agenda = m.item_count == 0 and m.status != MeetingStatus.GEANNULEERD
    if user is not None:
        visible = agenda_visibility(user, region)
        for m in meetings:
            m.agenda_visible = visible(m)
    return {"filter_form": form, "filtered": filtered, "upcoming": upcoming, "past": past}


def _describe(doc) -> None:
    doc.type_label = TYPE_LABELS.get(doc.content_type, doc.content_type)
    doc.size_label = file_size(doc.size)


def meeting_detail(meeting: Meeting) -> dict:
    """The agenda of ``meeting``: items with their action, knelpunt, outcome, the actions the
    decision created, the documents and the earlier versions of replaced documents.

    Queries: items (with action and knelpunt joined), documents (with uploader), created
    actions, all historical document records of the meeting, and the changes after
    publication — five, at any size. Documents sent after the term are marked ‘nagezonden’.
    """
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("action", "knelpunt", "knelpunt__theme")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.select_related("uploaded_by").order_by("title", "pk"),
            ),
            Prefetch("created_actions", queryset=Action.objects.order_by("title", "pk")),
        )
        .order_by("order", "pk")
    )
    # One query for the history of every document on this agenda (simple-history has no
    # reverse relation to prefetch through).
    history_model = Document.history.model
    records = (
        history_model.objects.filter(
            id__in=Document.objects.filter(agenda_item__meeting=meeting).values("pk")
        )
        .select_related("uploaded_by")
        .order_by("-history_date", "-history_id")
    )
    per_document = defaultdict(list)
    for record in records:
        per_document[record.id].append(record)
    for item in items:
        for doc in item.documents.all():
            _describe(doc)
            # Earlier files of this document, newest first, each once (a record per file:
            # the latest one that held it, so its title is the one it last had).
            seen = {doc.file.name}
            versions = []
            for record in per_document.get(doc.pk, []):
                if record.file and record.file not in seen:
                    seen.add(record.file)
                    _describe(record)
                    versions.append(record)
            doc.earlier_versions = versions
    return {
        "items": items,
        **annotate_agenda(meeting, items),
    }
