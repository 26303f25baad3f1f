"""The bestuurder's meeting preparation: the overview and the page per meeting."""

from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from dashboard.selectors import preparation as preparation_selectors
from dashboard.selectors.changes import region_changes_since
from governance.models import Meeting
from governance.pagecache import fresh_part
from governance.selectors.notes import preparation_notes
from governance.views.attendance import absence_context
from governance.views.base import RegionView


def preparation(request):
    return render(
        request,
        "dashboard/preparation.html",
        preparation_selectors.preparation_overview(request.user),
    )


class MeetingPreparationView(RegionView):
    template_name = "dashboard/meeting_preparation.html"
    section = "vergaderingen"

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.meeting = get_object_or_404(
            Meeting.objects.in_region(self.region).select_related("body"), pk=kwargs["pk"]
        )
        self.meeting.body.region = self.region

    def get_permission_object(self):
        return self.meeting.body

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            preparation_selectors.meeting_preparation(self.meeting, self.region, self.request.user)
        )
        context.update(absence_context(self.meeting, self.request.user))
        # Stukken per item and the user's own notes (never anyone else's).
        user = self.request.user
        context["can_read_documents"] = user.has_perm("governance.view_documents", self.meeting)
        context["can_write_notes"] = user.has_perm("governance.write_notes", self.meeting)
        if context["can_read_documents"] or context["can_write_notes"]:
            context["note_blocks"] = preparation_notes(
                self.meeting, context["items"], user, with_documents=context["can_read_documents"]
            )
        return context


meeting_preparation = MeetingPreparationView.as_view()


@fresh_part("wijzigingen")
def changes_part(request, *, region_id: int, since) -> str:
    """The page's "Wat is er veranderd" list, rendered again on every hit of the kept page:
    it lists every progress note (governance.pagecache)."""
    changes, changes_total = region_changes_since(region_id, since)
    return render_to_string(
        "dashboard/_region_changes.html",
        {"changes": changes, "changes_total": changes_total},
        request=request,
    )
