"""The report pages and their PDFs.

Each report is one view class with ``pdf = False`` (the HTML page in the site layout, with the
period form and the download link) and ``pdf = True`` (the standalone document rendered by
WeasyPrint). Both go through ``RegionView``: the region through ``visible_to`` (404 outside the
user's regions), objects looked up within the region (404), then the report's own permission
(403).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from accounts import audit
from dashboard.reports import base
from dashboard.reports.forms import (
    PreparationReportForm,
    ReportPeriodForm,
    StructureReportForm,
)
from dashboard.reports.pdf import PdfBusy, render_pdf
from governance.diagram.structure import DEFAULT_VIEW, VIEW_FRAMEWORK, view_label
from governance.models import Meeting
from governance.views.base import RegionView

BUSY_RETRY_SECONDS = 15


class ReportView(RegionView):
    spec: base.ReportSpec
    pdf = False
    section = "rapportages"
    template_name = "reports/page.html"
    form_class = ReportPeriodForm

    @property
    def permission(self) -> str:  # type: ignore[override]
        return self.spec.permission

    # -- hooks for reports about one object -------------------------------------------------
    def report_kwargs(self) -> dict:
        return {}

    def subtitle(self) -> str:
        return ""

    def file_suffix(self) -> str:
        return ""

    def url_kwargs(self) -> dict:
        return {"region": self.region.slug}

    def back_link(self) -> tuple[str, str]:
        return reverse("reports:index", kwargs={"region": self.region.slug}), "Rapportages"

    def selector(self):
        raise NotImplementedError

    # -- request handling -------------------------------------------------------------------
    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        form = self.form_class(request.GET or None, today=today, uses_period=self.spec.uses_period)
        if request.GET and not form.is_valid():
            return self.render_page(form, None, status=400)
        if not request.GET:
            form = self.form_class({}, today=today, uses_period=self.spec.uses_period)
            form.is_valid()
        stand, sinds = form.period()
        context = self.report_context(form, stand, sinds)
        if not self.pdf:
            return self.render_page(form, context)
        html = render_to_string("reports/document.html", context, request=request)
        try:
            pdf = render_pdf(html)
        except PdfBusy:
            response = TemplateResponse(
                request,
                "reports/busy.html",
                {**self.get_context_data(), "spec": self.spec, "retry": BUSY_RETRY_SECONDS},
                status=503,
            )
            response["Retry-After"] = str(BUSY_RETRY_SECONDS)
            return response
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = base.pdf_filename(self.spec, self.region.slug, stand, self.file_suffix())
        response["Content-Disposition"] = content_disposition_header(True, filename)
        response["Cache-Control"] = "private, no-store"
        return response

    def report_context(self, form, stand, sinds) -> dict:
        context = self.get_context_data()
        context.update(
            {
                "spec": self.spec,
                "form": form,
                "stand": stand,
                "sinds": sinds,
                "pdf": self.pdf,
                "subtitle": self.subtitle(),
                "generated_at": timezone.localtime(),
                "author": self.author(),
                "body_template": f"reports/{self.spec.body}_body.html",
            }
        )
        context["document_title"] = self.document_title(stand)
        context.update(
            self.selector()(
                self.region,
                stand=stand,
                sinds=sinds,
                user=self.request.user,
                **self.report_kwargs(),
            )
        )
        return context

    def author(self) -> str:
        return f"Netwerk zorg en veiligheid {self.region.name}"

    def document_title(self, stand) -> str:
        parts = [self.spec.title]
        if self.subtitle():
            parts.append(self.subtitle())
        parts.append(self.region.name)
        return " — ".join(parts) + f", stand per {date_format(stand, 'j F Y')}"

    def render_page(self, form, context, status: int = 200):
        if context is None:
            context = {
                **self.get_context_data(),
                "spec": self.spec,
                "form": form,
                "subtitle": self.subtitle(),
                "invalid": True,
            }
        context["pdf_url"] = self.pdf_url()
        context["back_url"], context["back_label"] = self.back_link()
        return self.render_to_response(context, status=status)

    def pdf_url(self) -> str:
        url = reverse(f"reports:{self.spec.key}_pdf", kwargs=self.url_kwargs())
        if self.request.GET:
            url += "?" + self.request.GET.urlencode()
        return url


class WerkagendaReport(ReportView):
    spec = base.WERKAGENDA

    def selector(self):
        from dashboard.reports.selectors.werkagenda import werkagenda_report

        return werkagenda_report


class VoortgangReport(ReportView):
    spec = base.VOORTGANG

    def selector(self):
        from dashboard.reports.selectors.voortgang import voortgang_report

        return voortgang_report


class StructuurReport(ReportView):
    spec = base.STRUCTUUR
    form_class = StructureReportForm
    view = DEFAULT_VIEW

    def report_context(self, form, stand, sinds) -> dict:
        self.view = form.cleaned_data.get("weergave") or DEFAULT_VIEW
        return super().report_context(form, stand, sinds)

    def report_kwargs(self) -> dict:
        return {"view": self.view}

    def subtitle(self) -> str:
        # The framework view says so in the title (and the file name); the level view is the
        # report as it always was.
        return view_label(self.view) if self.view != DEFAULT_VIEW else ""

    def file_suffix(self) -> str:
        return "per-kader" if self.view == VIEW_FRAMEWORK else ""

    def selector(self):
        from dashboard.reports.selectors.structure import structure_report

        return structure_report


class BespreekvoorstelReport(ReportView):
    spec = base.BESPREEKVOORSTEL

    def resolve(self, **kwargs) -> None:
        from casereflection.selectors.access import get_reflection

        super().resolve(**kwargs)
        self.reflection = get_reflection(self.region, kwargs["pk"], self.request.user)

    def get_permission_object(self):
        return self.reflection

    def report_kwargs(self) -> dict:
        return {"reflection": self.reflection}

    def subtitle(self) -> str:
        return self.reflection.quarter_label

    def file_suffix(self) -> str:
        return f"{self.reflection.year}-k{self.reflection.quarter}"

    def url_kwargs(self) -> dict:
        return {"region": self.region.slug, "pk": self.reflection.pk}

    def back_link(self) -> tuple[str, str]:
        return self.reflection.get_absolute_url(), "Terug naar de casusreflectie"

    def selector(self):
        from dashboard.reports.selectors.bespreekvoorstel import bespreekvoorstel_report

        return bespreekvoorstel_report

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            audit.record(
                "reflection_downloaded" if self.pdf else "reflection_opened",
                request=request,
                target=f"Casusreflectie {self.reflection.pk} ({self.region.name})",
                detail="bespreekvoorstel (pdf)" if self.pdf else "bespreekvoorstel",
                region_pk=self.region.pk,
            )
        return response


class VoorbereidingReport(ReportView):
    spec = base.VOORBEREIDING
    form_class = PreparationReportForm
    with_notes = False

    def report_context(self, form, stand, sinds) -> dict:
        self.with_notes = bool(form.cleaned_data.get("notities"))
        return super().report_context(form, stand, sinds)

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.meeting = get_object_or_404(
            Meeting.objects.in_region(self.region).select_related("body"), pk=kwargs["pk"]
        )
        self.meeting.body.region = self.region

    def get_permission_object(self):
        return self.meeting.body

    def report_kwargs(self) -> dict:
        return {"meeting": self.meeting, "with_notes": self.with_notes}

    def subtitle(self) -> str:
        starts = timezone.localtime(self.meeting.starts_at)
        return f"{self.meeting.body.name}, {date_format(starts, 'j F Y')}"

    def file_suffix(self) -> str:
        body = self.meeting.body
        day = timezone.localtime(self.meeting.starts_at).date().isoformat()
        return f"{slugify(body.short_name or body.name)}-{day}"

    def url_kwargs(self) -> dict:
        return {"region": self.region.slug, "pk": self.meeting.pk}

    def back_link(self) -> tuple[str, str]:
        return (
            reverse(
                "meeting_preparation", kwargs={"region": self.region.slug, "pk": self.meeting.pk}
            ),
            "Terug naar de vergadervoorbereiding",
        )

    def selector(self):
        from dashboard.reports.selectors.preparation import preparation_report

        return preparation_report


class MinutesReport(ReportView):
    """Besluitenlijst and verslag of a meeting; ``?versie=N`` shows an earlier version."""

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.meeting = get_object_or_404(
            Meeting.objects.in_region(self.region).select_related("body"), pk=kwargs["pk"]
        )
        self.meeting.body.region = self.region
        self.number = None
        raw = self.request.GET.get("versie")
        if raw is not None:
            if not raw.isdigit() or not raw.isascii() or len(raw) > 4 or int(raw) < 1:
                raise Http404("Deze versie van het verslag bestaat niet.")
            self.number = int(raw)

    def get_permission_object(self):
        return self.meeting

    def report_kwargs(self) -> dict:
        return {"meeting": self.meeting, "number": self.number}

    def report_context(self, form, stand, sinds) -> dict:
        try:
            return super().report_context(form, stand, sinds)
        except LookupError:
            raise Http404("Deze versie van het verslag bestaat niet.") from None

    def subtitle(self) -> str:
        starts = timezone.localtime(self.meeting.starts_at)
        return f"{self.meeting.display_title}, {date_format(starts, 'j F Y')}"

    def file_suffix(self) -> str:
        body = self.meeting.body
        day = timezone.localtime(self.meeting.starts_at).date().isoformat()
        suffix = f"{slugify(body.short_name or body.name)}-{day}"
        return f"{suffix}-v{self.number}" if self.number else suffix

    def url_kwargs(self) -> dict:
        return {"region": self.region.slug, "pk": self.meeting.pk}

    def back_link(self) -> tuple[str, str]:
        return self.meeting.get_absolute_url(), "Terug naar de vergadering"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        context["can_correct"] = self.request.user.has_perm(
            "governance.correct_minutes", self.meeting
        )
        context["other_report"] = (
            base.VERSLAG if self.spec.key == base.BESLUITENLIJST.key else base.BESLUITENLIJST
        )
        return context


class BesluitenlijstReport(MinutesReport):
    spec = base.BESLUITENLIJST

    def selector(self):
        from dashboard.reports.selectors.minutes import besluitenlijst_report

        return besluitenlijst_report


class VerslagReport(MinutesReport):
    spec = base.VERSLAG

    def selector(self):
        from dashboard.reports.selectors.minutes import verslag_report

        return verslag_report


class ReportIndex(RegionView):
    """The reports of a region, with one period form for all of them."""

    template_name = "reports/index.html"
    permission = "reports.view_reports"
    section = "rapportages"

    def get_context_data(self, **kwargs):
        from dashboard.reports.selectors.index import report_index

        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form = ReportPeriodForm(self.request.GET or None, today=today)
        if self.request.GET:
            form.is_valid()
        query = self.request.GET.urlencode() if self.request.GET and form.is_valid() else ""
        user = self.request.user
        context["form"] = form
        context["query"] = query
        suffix = f"?{query}" if query else ""
        kwargs = {"region": self.region.slug}
        context["reports"] = [
            (
                spec,
                {
                    "page": reverse(f"reports:{spec.key}", kwargs=kwargs) + suffix,
                    "pdf": reverse(f"reports:{spec.key}_pdf", kwargs=kwargs) + suffix,
                },
            )
            for spec in base.REGION_REPORTS
            if user.has_perm(spec.permission, self.region)
        ]
        context["may_read_case_text"] = user.has_perm(base.BESPREEKVOORSTEL.permission, self.region)
        context.update(
            report_index(self.region, user, with_reflections=context["may_read_case_text"])
        )
        return context

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        status = 400 if request.GET and context["form"].errors else 200
        return self.render_to_response(context, status=status)
