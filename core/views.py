"""Pages of the foundation that need no domain data: the accessibility statement and the
health check."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
@require_safe
def health(request):
    """Plain "ok" without a database query (for a request without a session cookie).

    For docker health checks and the floor of the load test (bench/load).
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
