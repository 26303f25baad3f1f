"""The audit log for the functioneel beheerder: filter, page through, download as CSV."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from accounts import audit, selectors
from accounts.audit import KINDS
from accounts.forms import AuditFilterForm
from accounts.pagination import paginate
from core.csv_export import csv_response

PERMISSION = "accounts.view_audit_log"
PAGE_SIZE = 50


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _invalid(request, form):
    return render(request, "accounts/audit_log.html", {"filter_form": form}, status=400)


def audit_log(request):
    _check(request)
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    events = selectors.audit_events(form.cleaned_data)
    page, query = paginate(request, events, PAGE_SIZE)
    context = {
        "filter_form": form,
        "page": page,
        "events": [{"event": e, "label": KINDS.get(e.kind, e.kind)} for e in page.object_list],
        "query": query,
        "filtered": any(form.cleaned_data.values()),
    }
    return render(request, "accounts/audit_log.html", context)


def audit_log_csv(request):
    _check(request)
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    events = selectors.audit_events(form.cleaned_data)
    rows = [["Tijdstip", "Gebruiker", "Soort", "IP-adres", "Waarover", "Toelichting"]]
    for e in events.iterator(chunk_size=2000):
        rows.append(
            [
                timezone.localtime(e.at).strftime("%d-%m-%Y %H:%M:%S"),
                e.username,
                KINDS.get(e.kind, e.kind),
                e.ip_address or "",
                e.target,
                e.detail,
            ]
        )
    audit.record("audit_exported", request=request, detail=form.describe()[:500])
    today = timezone.localdate()
    return csv_response(f"auditlog-{today:%Y-%m-%d}.csv", rows)
