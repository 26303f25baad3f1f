"""Region exchange in the browser: the secretary (and national readers) download, the
functioneel beheerder uploads.

The export page offers the structure alone, or everything (structure, werkagenda, meetings
and checklist) — each only when the user may read every part of it (``readable_parts``);
the download refuses a part the user may not read. Vergaderstukken are never in the file.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from governance import exchange
from governance.exchange.sections import PART_LABELS, STRUCTURE
from governance.forms import RegionExportForm, RegionImportForm
from governance.views.base import RegionView

STRUCTURE_ONLY = "structuur"
EVERYTHING = "alles"


def export_options(user, region) -> dict[str, list[str]]:
    """What ``user`` may download of ``region``: choice value → parts."""
    readable = exchange.readable_parts(user, region)
    everything = exchange.available_parts()
    options: dict[str, list[str]] = {}
    if STRUCTURE in readable:
        options[STRUCTURE_ONLY] = [STRUCTURE]
        # Everything the user may read: all parts for the region's own people; for a
        # national reader (VNG, beheerder) the parts without the meetings (agendas,
        # attendance remarks and minutes are for the people of the region).
        parts = [p for p in everything if p in readable]
        if len(parts) > 1:
            options[EVERYTHING] = parts
    return options


def option_label(value: str, parts: list[str]) -> str:
    if value == STRUCTURE_ONLY:
        return _("Structuur")
    names = get_text_list([str(PART_LABELS[p]) for p in parts], _("en"))
    if set(parts) < set(exchange.available_parts()):
        return _("Alles wat u mag inzien: %s") % names
    return _("Alles: %s") % names


class RegionExportPageView(RegionView):
    permission = "governance.export_region"
    template_name = "governance/region_export.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        options = export_options(self.request.user, self.region)
        context["form"] = RegionExportForm(
            choices=[(value, option_label(value, parts)) for value, parts in options.items()]
        )
        return context


class RegionExportView(RegionView):
    permission = "governance.export_region"

    def get(self, request, *args, **kwargs):
        choice = request.GET.get("onderdelen", STRUCTURE_ONLY)
        if choice not in (STRUCTURE_ONLY, EVERYTHING):
            return HttpResponseBadRequest(
                _("Onbekende keuze ‘%s’: kies structuur of alles.") % choice,
                content_type="text/plain; charset=utf-8",
            )
        parts = export_options(request.user, self.region).get(choice)
        if parts is None:  # a part this user may not read
            raise PermissionDenied
        text = exchange.dump_region_json(self.region, parts)
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
        stem = exchange.export_filename(self.region, parts).removesuffix(".json")
        filename = f"{stem}-{timezone.localdate():%Y%m%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def created_summary(created: dict[str, int]) -> str:
    """``{"gremia": 3, "personen": 10}`` → ``3 gremia, 10 personen``."""
    return ", ".join(f"{n} {kind}" for kind, n in created.items())


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
                    result = exchange.import_region(
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
                    region = result.region
                    messages.success(
                        request,
                        _(
                            "Regio ‘%(r)s’ is ingelezen (versie %(version)s: %(parts)s). "
                            "Aangemaakt: %(created)s."
                        )
                        % {
                            "r": region,
                            "version": result.version,
                            "parts": ", ".join(result.parts),
                            "created": created_summary(result.created),
                        },
                    )
                    return HttpResponseRedirect(region.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, errors=errors), status=400)
