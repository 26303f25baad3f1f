"""Structure overview (diagram + table, as on a date), structure checks, bestuurlijke drukte."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from governance import drukte
from governance.checks.base import CHECKS
from governance.checks.window import check_region
from governance.diagram import dot, render, structure
from governance.forms.findings import AnswerWithdrawForm, FindingAnswerForm
from governance.models import FindingAnswer
from governance.selectors.findings import answer_history, split_findings
from governance.services import findings as finding_services
from governance.services.findings import StaleFinding
from governance.views.base import RegionView, apply_validation_error, run_service


class OnDateForm(forms.Form):
    datum = forms.DateField(
        label=_("Stand op datum"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )


class SinceForm(forms.Form):
    sinds = forms.DateField(
        label=_("Vergelijk met"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )


class StructureView(RegionView):
    template_name = "governance/structure.html"
    section = "structuur"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = OnDateForm(self.request.GET or None)
        on = timezone.localdate()
        if form.is_valid() and form.cleaned_data["datum"]:
            on = form.cleaned_data["datum"]
        # ?weergave=kader draws the diagram per framework; anything else is the default view.
        view = structure.parse_view(self.request.GET.get("weergave"))
        snapshot = structure.structure_on(self.region, on)
        context["form"] = form
        context["on"] = on
        context["is_today"] = on == timezone.localdate()
        context["view"] = view
        context["view_label"] = structure.view_label(view)
        context["views"] = [
            {"key": key, "label": label, "query": self._query(key, on, context["is_today"])}
            for key, label in structure.VIEWS.items()
        ]
        context["report_query"] = self._report_query(view, on, context["is_today"])
        context["snapshot"] = snapshot
        context["summary"] = snapshot.summary(view)
        context["rows"] = structure.structure_table(snapshot)
        context["legend"] = dot.legend_items()
        context["level_legend"] = dot.level_legend_items()
        try:
            context["svg"] = render.structure_svg(
                snapshot, body_url=lambda b: b.get_absolute_url(), view=view
            )
        except render.DiagramUnavailable as exc:
            context["svg_error"] = str(exc)
        return context

    @staticmethod
    def _query(view: str, on, is_today: bool) -> str:
        params = {}
        if not is_today:
            params["datum"] = on.isoformat()
        if view != structure.DEFAULT_VIEW:
            params["weergave"] = view
        return "?" + urlencode(params) if params else ""

    @staticmethod
    def _report_query(view: str, on, is_today: bool) -> str:
        params = {}
        if not is_today:
            params["stand"] = on.isoformat()
        if view != structure.DEFAULT_VIEW:
            params["weergave"] = view
        return "?" + urlencode(params) if params else ""


_CHECK_TITLES = {c.code: c.title for c in CHECKS}
_HISTORY_ACTIONS = {
    "+": _("beantwoord als bewust zo"),
    "~": _("opnieuw beantwoord"),
    "-": _("antwoord ingetrokken"),
}


def checks_url(region, anchor: str = "") -> str:
    return reverse("governance:checks", kwargs={"region": region.slug}) + anchor


class ChecksView(RegionView):
    """The findings of the region: open ones (each with "Bewust zo" for the secretary, and the
    earlier answer that no longer holds), answered ones (with reason, who, when, review date and
    "Intrekken"), the history of the answers and the legend of the checks."""

    template_name = "governance/checks.html"
    section = "controles"

    def answer_form(self, finding, index: int, bound=None):
        auto_id = f"id_bz{index}_%s"
        if bound is not None and (
            bound.data.get("check"),
            bound.data.get("subject"),
        ) == (finding.check, finding.subject):
            bound.auto_id = auto_id
            return bound
        return FindingAnswerForm(
            initial={"check": finding.check, "subject": finding.subject, "facts": finding.facts},
            auto_id=auto_id,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One load of the structure for the findings and for what cannot be judged yet.
        checks = check_region(self.region)
        state = split_findings(self.region, checks.findings)
        context["checks"] = checks
        context["notices"] = checks.notices
        context["today"] = timezone.localdate()
        can_answer = self.request.user.has_perm("governance.answer_finding", self.region)
        bound = kwargs.get("answer_form")
        rows = []
        for index, row in enumerate(state.open_rows, start=1):
            form = self.answer_form(row.finding, index, bound) if can_answer else None
            rows.append({"row": row, "form": form, "index": index})
        context["state"] = state
        context["findings"] = state.open
        context["open_rows"] = rows
        context["answered"] = state.answered
        context["can_answer"] = can_answer
        # A refused answer whose finding is no longer among the open ones: its errors on top.
        context["orphan_form"] = (
            bound if bound is not None and not any(r["form"] is bound for r in rows) else None
        )
        context["history"] = [
            {
                "record": record,
                "action": _HISTORY_ACTIONS.get(record.history_type, ""),
                "check_title": _CHECK_TITLES.get(record.check_code, record.check_code),
            }
            for record in answer_history(self.region)
        ]
        context["check_legend"] = CHECKS
        return context


class FindingAnswerView(ChecksView):
    """POST: answer one open finding ("Bewust zo"). A refusal shows the checks page with the
    errors next to the fields of that finding's form (400). GET shows the checks page."""

    permission = "governance.answer_finding"

    def post(self, request, *args, **kwargs):
        form = FindingAnswerForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            saved = False
            try:
                finding_services.answer_finding(
                    region=self.region,
                    check_code=data["check"],
                    subject=data["subject"],
                    facts=data["facts"],
                    reason=data["reason"],
                    review_on=data["review_on"],
                    user=request.user,
                )
                saved = True
            except StaleFinding as stale:
                form.add_error(None, stale.messages[0])
                form.data = form.data.copy()
                form.data["facts"] = stale.current_facts
            except ValidationError as exc:
                apply_validation_error(form, exc)
            if saved:
                messages.success(
                    request,
                    gettext(
                        "De bevinding staat nu onder ‘Beantwoord’. Ze komt vanzelf terug als "
                        "de feiten erachter veranderen of de datum om haar opnieuw te bekijken "
                        "is bereikt."
                    ),
                )
                return HttpResponseRedirect(checks_url(self.region, "#beantwoord"))
        return self.render_to_response(self.get_context_data(answer_form=form), status=400)


class FindingAnswerWithdrawView(RegionView):
    """GET: what withdrawing does, with a button. POST: withdraw; the finding is open again."""

    permission = "governance.answer_finding"
    template_name = "governance/finding_answer_withdraw.html"
    section = "controles"

    def resolve(self, **kwargs) -> None:
        self.answer = get_object_or_404(
            FindingAnswer.objects.filter(region=self.region), pk=kwargs["pk"]
        )

    def get_form(self):
        if self.request.method == "POST":
            return AnswerWithdrawForm(self.request.POST)
        return AnswerWithdrawForm(initial={"seen_version": self.answer.version})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["answer"] = self.answer
        context["check_title"] = _CHECK_TITLES.get(self.answer.check_code, "")
        context["cancel_url"] = checks_url(self.region, "#beantwoord")
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid() and run_service(
            form,
            lambda: finding_services.withdraw_answer(
                answer=self.answer,
                seen_version=form.cleaned_data.get("seen_version"),
                user=request.user,
            ),
        ):
            messages.success(
                request, gettext("Het antwoord is ingetrokken; de bevinding is weer open.")
            )
            return HttpResponseRedirect(checks_url(self.region, "#open"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class DrukteView(RegionView):
    template_name = "governance/drukte.html"
    section = "drukte"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SinceForm(self.request.GET or None)
        since = None
        if form.is_valid():
            since = form.cleaned_data["sinds"]
        figures = drukte.drukte_figures(self.region, since=since)
        context["form"] = form
        context["figures"] = figures
        context["rows"] = drukte.drukte_table_rows(figures)
        context["chart"] = drukte.drukte_chart_svg(figures)
        return context
