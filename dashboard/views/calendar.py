"""The user's calendar links and the iCal feeds (authenticated by a secret token)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from dashboard import calendar as ical
from dashboard.selectors import calendar as calendar_selectors
from governance.models import Body, CalendarFeed
from governance.services.meetings import calendar_feed_for, calendar_feed_renew


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
        for body in calendar_selectors.calendar_bodies(request.user)
    ]
    return render(
        request,
        "dashboard/calendar.html",
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
