"""Region exchange in the browser: the secretary downloads, the functioneel beheerder uploads."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from governance import exchange
from governance.forms import RegionImportForm
from governance.views.base import RegionView


class RegionExportView(RegionView):
    permission = "governance.export_region"

    def get(self, request, *args, **kwargs):
        text = exchange.dump_region_json(self.region)
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
        filename = f"regio-{self.region.slug}-{timezone.localdate():%Y%m%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class RegionImportView(TemplateView):
    template_name = "governance/region_import.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("governance.import_region"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RegionImportForm())
        context["max_mb"] = settings.REGION_IMPORT_MAX_BYTES // (1024 * 1024)
        return context

    def post(self, request, *args, **kwargs):
        form = RegionImportForm(request.POST, request.FILES)
        errors = []
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > settings.REGION_IMPORT_MAX_BYTES:
                form.add_error(
                    "file",
                    _("Het bestand is groter dan %(mb)s MB.")
                    % {"mb": settings.REGION_IMPORT_MAX_BYTES // (1024 * 1024)},
                )
            else:
                try:
                    region = exchange.import_region(
                        data=upload.read(),
                        user=request.user,
                        slug=form.cleaned_data["slug"] or None,
                        name=form.cleaned_data["name"] or None,
                    )
                except exchange.RegionImportFailed as failed:
                    errors = failed.errors
                    form.add_error(
                        "file",
                        _(
                            "Het bestand is niet ingelezen: er is niets "
                            "veranderd. Zie de fouten hieronder."
                        ),
                    )
                else:
                    messages.success(request, _("Regio ‘%(r)s’ is ingelezen.") % {"r": region})
                    return HttpResponseRedirect(region.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, errors=errors), status=400)
