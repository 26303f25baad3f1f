"""The page "Meldingen": each user chooses per kind of mail how to receive it; the page
"Bereikbaarheid per e-mail" for the secretary and the functioneel beheerder."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from notifications.forms import PreferencesForm, ReachabilityFilterForm
from notifications.selectors import preferences_of, reachability_scope, unreachable_users
from notifications.services import frequency_of, preferences_save


class PreferencesView(LoginRequiredMixin, FormView):
    """A personal page: every signed-in user, about their own account only (no region)."""

    template_name = "notifications/settings.html"
    form_class = PreferencesForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["current"] = preferences_of(self.request.user)
        kwargs["frequency"] = frequency_of(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["email"] = (self.request.user.email or "").strip()
        return context

    def form_valid(self, form):
        preferences_save(user=self.request.user, modes=form.modes(), frequency=form.frequency())
        messages.success(self.request, _("Uw keuzes voor meldingen zijn opgeslagen."))
        return HttpResponseRedirect(reverse("notifications:settings"))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@login_required
def reachability(request):
    """Users who cannot be reached by e-mail (no address; the last mail refused or failed),
    so that it gets fixed: the secretary sees the users of their own region(s), the
    functioneel beheerder everyone. Others: 403."""
    if not request.user.has_perm("notifications.view_reachability"):
        raise PermissionDenied
    form = ReachabilityFilterForm(request.GET)
    context = {
        "filter_form": form,
        "everyone": reachability_scope(request.user) is None,
        # The rule set only: a "no" from has_perm() would ask Django's permission tables.
        "is_beheerder": rules.has_perm("accounts.manage_accounts", request.user),
    }
    if not form.is_valid():
        return render(request, "notifications/reachability.html", context, status=400)
    problem = form.cleaned_data["soort"]
    context["rows"] = unreachable_users(request.user, problem)
    context["shown"] = True
    context["problem_label"] = dict(form.fields["soort"].choices)[problem] if problem else ""
    return render(request, "notifications/reachability.html", context)
