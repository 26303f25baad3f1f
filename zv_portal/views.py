from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from governance.models import Body, CalendarFeed, Meeting
from governance.services.meetings import calendar_feed_for, calendar_feed_renew
from governance.views.base import RegionView
from zv_portal import calendar as ical
from zv_portal import permission_matrix, selectors


def home(request):
    return render(request, "zv_portal/home.html", selectors.home(request.user))


def permissions(request):
    if not request.user.has_perm("zv_portal.view_permission_matrix"):
        raise PermissionDenied
    return render(request, "zv_portal/permissions.html", permission_matrix.build_matrix())


@login_not_required
def accessibility(request):
    return render(request, "zv_portal/accessibility.html")


@login_not_required
@require_safe
def health(request):
    """Plain "ok" without a database query (for a request without a session cookie).

    For docker health checks and the floor of the load test (bench/load).
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


# --- calendar (iCal) ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def calendar(request):
    """The user's calendar links; POST makes a new secret (old links stop working)."""
    if request.method == "POST":
        calendar_feed_renew(user=request.user)
        messages.success(
            request,
            "Er is een nieuwe link gemaakt. De oude links werken niet meer: voeg de nieuwe toe "
            "aan uw agenda.",
        )
        return HttpResponseRedirect(reverse("calendar"))
    feed = calendar_feed_for(request.user)
    body_feeds = [
        {
            "body": body,
            "url": request.build_absolute_uri(
                reverse("calendar_feed_body", kwargs={"token": feed.token, "pk": body.pk})
            ),
        }
        for body in selectors.calendar_bodies(request.user)
    ]
    return render(
        request,
        "zv_portal/calendar.html",
        {
            "feed": feed,
            "user_url": request.build_absolute_uri(
                reverse("calendar_feed_user", kwargs={"token": feed.token})
            ),
            "body_feeds": body_feeds,
        },
    )


def _feed_or_404(token: str) -> CalendarFeed:
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed


@login_not_required  # calendar clients have no session: the secret token is the key
@require_GET
def calendar_feed_user(request, token):
    feed = _feed_or_404(token)
    return ical.calendar_response(
        "Mijn vergaderingen (Z+V Portaal)",
        "mijn-vergaderingen",
        ical.user_feed_meetings(feed.user),
    )


@login_not_required  # calendar clients have no session: the secret token is the key
@require_GET
def calendar_feed_body(request, token, pk):
    feed = _feed_or_404(token)
    body = get_object_or_404(Body.objects.visible_to(feed.user), pk=pk)
    return ical.calendar_response(
        f"{body.name} (Z+V Portaal)",
        body.short_name or body.name,
        ical.body_feed_meetings(feed.user, body),
    )


# --- meeting preparation ------------------------------------------------------------------------


def preparation(request):
    return render(
        request, "zv_portal/preparation.html", selectors.preparation_overview(request.user)
    )


class MeetingPreparationView(RegionView):
    template_name = "zv_portal/meeting_preparation.html"
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
        context.update(selectors.meeting_preparation(self.meeting, self.region, self.request.user))
        context["can_view_documents"] = self.request.user.has_perm(
            "governance.view_documents", self.region
        )
        return context


meeting_preparation = MeetingPreparationView.as_view()
