"""Stamtafel conclusions: recording one (which puts an action on the werkagenda's actielijst)
and changing it.

A conclusion is looked up within the region (``Conclusion.objects.in_region``: 404 for another
region's id); the permission is checked against its reflection. Writes go through
``casereflection.services.conclusion_save``; its refusals appear next to the form fields, and
a refused new conclusion leaves no action behind.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext as _

from casereflection import services
from casereflection.forms import ConclusionForm
from casereflection.models import Conclusion
from casereflection.selectors import access
from casereflection.views.reflections import ReflectionView
from governance.selectors.werkagenda import trekker_label
from governance.views.base import run_service


class ConclusionFormView(ReflectionView):
    template_name = "casereflection/conclusion_form.html"
    permission = "casereflection.change_conclusion"
    conclusion: Conclusion | None = None

    def get_permission_object(self):
        return self.reflection

    def get_form(self) -> ConclusionForm:
        kwargs = {
            "instance": self.conclusion or Conclusion(reflection=self.reflection),
            "region": self.region,
            "can_explain": self.request.user.has_perm(
                "casereflection.explain_privacy_finding", self.region
            ),
        }
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        return ConclusionForm(**kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["reflection"] = self.reflection
        context["case_text"] = access.may_read_case_text(self.request.user, self.region)
        context["conclusion"] = self.conclusion
        context["may_conclude"] = self.conclusion is not None or self.reflection.may_conclude
        context["cancel_url"] = self.reflection.get_absolute_url()
        context["title"] = (
            _("Conclusie wijzigen")
            if self.conclusion
            else _("Conclusie van de Stamtafel vastleggen")
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            instance = form.save(commit=False)
            is_new = instance.pk is None
            data = form.cleaned_data
            saved = run_service(
                form,
                lambda: services.conclusion_save(
                    instance=instance,
                    seen_version=data.get("seen_version"),
                    user=request.user,
                    privacy_explanation=data.get("privacy_explanation", ""),
                ),
            )
            if saved:
                action = instance.action
                if is_new and action is not None:
                    messages.success(
                        request,
                        format_html(
                            _(
                                "De conclusie is vastgelegd. Op de actielijst van de werkagenda "
                                'staat nu de actie <a href="{url}">{title}</a>, met {trekker} '
                                "als bestuurlijk trekker."
                            ),
                            url=action.get_absolute_url(),
                            title=action.title,
                            trekker=trekker_label(instance.contact_administrator),
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _("De conclusie ‘%(title)s’ is opgeslagen.") % {"title": instance.title},
                    )
                return HttpResponseRedirect(self.reflection.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ConclusionAddView(ConclusionFormView):
    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.reflection = access.get_reflection(self.region, kwargs["pk"], self.request.user)


class ConclusionEditView(ConclusionFormView):
    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.conclusion = access.get_conclusion(self.region, kwargs["pk"])
        # Read separately, so that a reader without case text never loads it.
        self.reflection = access.get_reflection(
            self.region, self.conclusion.reflection_id, self.request.user
        )
        self.conclusion.reflection = self.reflection
