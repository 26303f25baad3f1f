"""The page "Meldingen": each user chooses per kind of mail how to receive it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from notifications.forms import PreferencesForm
from notifications.selectors import preferences_of
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
