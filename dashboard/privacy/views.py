"""The pages of the AVG's rights: search a person, the inzage (page, tagged PDF, JSON), and
the erasure with its confirmation. Permission first, then the subject (404 outside the
reader's regions)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts import audit
from dashboard.privacy import erasure, inspection
from dashboard.privacy import subject as subjects
from dashboard.privacy.forms import EraseForm, FormatForm, SearchForm
from dashboard.reports.pdf import PdfBusy, render_pdf

BUSY_RETRY_SECONDS = 15


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _subject(request, kind: str, pk: int):
    if kind == "account":
        return subjects.subject_for_account(request.user, pk)
    return subjects.subject_for_person(request.user, pk)


@login_required
def search(request):
    _require(request, "dashboard.inspect_person")
    form = SearchForm(request.GET)
    context = {"form": form, "everything": subjects.reader_region_ids(request.user) is None}
    if not form.is_valid():
        return render(request, "dashboard/privacy/search.html", context, status=400)
    query = form.cleaned_data["q"].strip()
    if query:
        context["persons"], context["accounts"] = subjects.search(request.user, query)
        context["searched"] = True
    return render(request, "dashboard/privacy/search.html", context)


@login_required
def inspect(request, pk: int, kind: str = "person"):
    _require(request, "dashboard.inspect_person")
    subject = _subject(request, kind, pk)
    form = FormatForm(request.GET)
    if not form.is_valid():
        return render(request, "dashboard/privacy/bad_format.html", {"form": form}, status=400)
    fmt = form.cleaned_data["formaat"] or "html"
    sections = inspection.collect(subject)
    audit.record(
        "person_inspected",
        request=request,
        target=f"{'account' if kind == 'account' else 'persoon'} {pk}",
        detail=f"formaat {fmt}" + ("" if subject.everything else ", eigen regio"),
    )
    stem = f"inzage-{kind}-{pk}-{timezone.localdate():%Y-%m-%d}"
    if fmt == "json":
        body = json.dumps(inspection.as_json(subject, sections), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.json"'
        return response
    context = {
        "subject": subject,
        "sections": sections,
        "kind": kind,
        "pk": pk,
        "generated_at": timezone.now(),
        "can_erase": request.user.has_perm("dashboard.erase_person") and subject.everything,
    }
    if fmt == "pdf":
        context["author"] = request.user.get_full_name() or request.user.get_username()
        html = render_to_string("dashboard/privacy/document.html", context, request=request)
        try:
            pdf = render_pdf(html)
        except PdfBusy:
            response = render(
                request,
                "dashboard/privacy/busy.html",
                {"retry": BUSY_RETRY_SECONDS},
                status=503,
            )
            response["Retry-After"] = str(BUSY_RETRY_SECONDS)
            return response
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
        return response
    return render(request, "dashboard/privacy/inspect.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def erase(request, pk: int, kind: str = "person"):
    _require(request, "dashboard.erase_person")
    subject = _subject(request, kind, pk)
    form = EraseForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done = erasure.erase(
                    subject,
                    by=request.user,
                    ground=form.cleaned_data["ground"],
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        for e in errors:
                            form.add_error(field if field in form.fields else None, e)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, f"De persoon is gewist en heet nu ‘{done.pseudonym}’.")
                return HttpResponseRedirect(reverse("privacy"))
        status = 400
    context = {"subject": subject, "form": form, "kind": kind, "pk": pk}
    return render(request, "dashboard/privacy/erase.html", context, status=status)
