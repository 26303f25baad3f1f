"""The spreadsheet round trip in the browser: download the region's workbook (or an empty
template), upload a changed one, see the preview, confirm.

The plan of an upload is kept server-side in the session (compressed), never in a form field;
the preview's confirmation carries only a random token that must match the session's, so a
second tab or a double click cannot apply an old plan twice. The service compares the region's
stamp again inside the transaction (changes between preview and confirmation are refused).
"""

from __future__ import annotations

import base64
import json
import secrets
import zlib

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from governance.forms.workbook import WorkbookUploadForm
from governance.services.workbook import WorkbookApplyFailed, workbook_apply
from governance.views.base import RegionView
from governance.workbook import layout
from governance.workbook.export import CONTENT_TYPE, build_workbook, workbook_filename
from governance.workbook.layout import MAX_BYTES, MAX_ROWS, SHEETS
from governance.workbook.parse import WorkbookRefused, read_workbook
from governance.workbook.plan import ADD, CHANGE, END, build_plan, plan_summary

SESSION_KEY = "werkmap"
MAX_SESSION_BYTES = 2 * 1024 * 1024


def _store(request, region, plan: dict, filename: str) -> bool:
    packed = base64.b64encode(zlib.compress(json.dumps(plan).encode(), 6)).decode("ascii")
    if len(packed) > MAX_SESSION_BYTES:
        return False
    request.session[SESSION_KEY] = {
        "region": region.pk,
        "token": secrets.token_urlsafe(16),
        "file": filename[:200],
        "plan": packed,
    }
    return True


def _load(request, region) -> tuple[dict, dict] | None:
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("region") != region.pk:
        return None
    try:
        plan = json.loads(zlib.decompress(base64.b64decode(stored["plan"])))
    except (ValueError, zlib.error, KeyError, TypeError):
        return None
    return stored, plan


def _drop(request) -> None:
    request.session.pop(SESSION_KEY, None)


class WorkbookDownloadView(RegionView):
    permission = "governance.export_workbook"
    template = False

    def get(self, request, *args, **kwargs):
        data = build_workbook(self.region, template=self.template)
        response = HttpResponse(data, content_type=CONTENT_TYPE)
        filename = workbook_filename(self.region, template=self.template)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@method_decorator(never_cache, name="dispatch")
class WorkbookUploadView(RegionView):
    permission = "governance.import_workbook"
    template_name = "governance/workbook/upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", WorkbookUploadForm())
        context["max_mb"] = MAX_BYTES // (1024 * 1024)
        context["max_rows"] = f"{MAX_ROWS:,}".replace(",", ".")
        context["max_changes"] = f"{layout.MAX_CHANGES:,}".replace(",", ".")
        context["sheets"] = SHEETS
        context["can_export"] = self.request.user.has_perm(
            "governance.export_workbook", self.region
        )
        context["pending"] = _load(self.request, self.region) is not None
        return context

    def post(self, request, *args, **kwargs):
        form = WorkbookUploadForm(request.POST, request.FILES)
        errors, more = [], 0
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                form.add_error(
                    "file", _("Het bestand is groter dan %(mb)s MB.") % {"mb": MAX_BYTES >> 20}
                )
            else:
                try:
                    parsed = read_workbook(upload.read())
                    plan = build_plan(self.region, parsed, today=timezone.localdate())
                except WorkbookRefused as refused:
                    errors, more = refused.errors, refused.more
                    form.add_error(
                        "file",
                        _(
                            "De werkmap is niet ingelezen: er is niets veranderd. Zie de fouten "
                            "hieronder."
                        ),
                    )
                else:
                    if _store(request, self.region, plan, upload.name or ""):
                        return HttpResponseRedirect(
                            reverse(
                                "governance:workbook_preview", kwargs={"region": self.region.slug}
                            )
                        )
                    form.add_error(
                        "file",
                        _(
                            "Deze werkmap verandert te veel in één keer. Verdeel de wijzigingen "
                            "over meer uploads."
                        ),
                    )
        return self.render_to_response(
            self.get_context_data(form=form, errors=errors, more_errors=more), status=400
        )


@method_decorator(never_cache, name="dispatch")
class WorkbookPreviewView(RegionView):
    permission = "governance.import_workbook"
    template_name = "governance/workbook/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        loaded = _load(self.request, self.region)
        context["upload_url"] = reverse(
            "governance:workbook_upload", kwargs={"region": self.region.slug}
        )
        if loaded is None:
            context["plan"] = None
            return context
        stored, plan = loaded
        ops = plan["ops"]
        context.update(
            plan=plan,
            token=stored["token"],
            filename=stored["file"],
            summary=plan_summary(plan),
            notes=plan["notes"],
            counts={
                "added": sum(op["action"] == ADD for op in ops),
                "changed": sum(op["action"] == CHANGE for op in ops),
                "ended": sum(op["action"] == END for op in ops),
            },
            today=timezone.localdate(),
            template=plan.get("kind") == "sjabloon",
        )
        return context

    def post(self, request, *args, **kwargs):
        upload_url = reverse("governance:workbook_upload", kwargs={"region": self.region.slug})
        loaded = _load(request, self.region)
        if loaded is None or request.POST.get("token") != loaded[0]["token"]:
            messages.error(
                request,
                _("Er is geen werkmap meer om te bevestigen. Upload de werkmap opnieuw."),
            )
            return HttpResponseRedirect(upload_url)
        stored, plan = loaded
        if request.POST.get("actie") != "bevestigen":
            _drop(request)
            messages.info(request, _("De upload is geannuleerd; er is niets veranderd."))
            return HttpResponseRedirect(upload_url)
        try:
            counts = workbook_apply(
                region=self.region, plan=plan, user=request.user, today=timezone.localdate()
            )
        except WorkbookApplyFailed as failed:
            _drop(request)
            messages.error(request, failed.message)
            return HttpResponseRedirect(upload_url)
        _drop(request)
        if any(counts.values()):
            messages.success(
                request,
                _(
                    "De werkmap is verwerkt: %(added)s toegevoegd, %(changed)s gewijzigd, "
                    "%(ended)s beëindigd."
                )
                % {"added": counts[ADD], "changed": counts[CHANGE], "ended": counts[END]},
            )
        else:
            messages.info(request, _("Geen wijzigingen: de werkmap is gelijk aan de regio."))
        return HttpResponseRedirect(self.region.get_absolute_url())
