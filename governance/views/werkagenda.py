"""The werkagenda: the board of three lists, the table and its CSV, the action page with its
moves and progress, and the knelpuntenlijst per theme.

Every view is a ``RegionView``: the region comes through ``visible_to`` and an action or
knelpunt is looked up within that region (another region's id is a 404). Writes go through
``governance.services.werkagenda``; its refusals appear next to the form fields.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_export import csv_response
from core.links import PkUrl
from governance.constants import ActionList
from governance.forms.werkagenda import ActionForm, ActionMoveForm, ActionProgressForm, KnelpuntForm
from governance.models import Action, Knelpunt
from governance.pagecache import cached_page
from governance.selectors import actions as action_selectors
from governance.selectors import knelpunten as knelpunt_selectors
from governance.selectors import werkagenda as selectors
from governance.selectors.agenda import agenda_visibility
from governance.services import werkagenda as services
from governance.views.base import ObjectFormView, RegionView, run_service


class WerkagendaBoardView(RegionView):
    template_name = "governance/werkagenda/board.html"
    section = "werkagenda"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.werkagenda_board(self.region, self.request.GET))
        context["action_url"] = PkUrl("governance:action", region=self.region.slug)
        context["move_url"] = PkUrl("governance:action_move", region=self.region.slug)
        user = self.request.user
        context["can_move"] = user.has_perm("governance.move_action", self.region)
        context["can_add"] = user.has_perm("governance.change_action", self.region)
        return context


class ActionTableView(RegionView):
    template_name = "governance/werkagenda/table.html"
    section = "werkagenda"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.action_rows(self.region, self.request.GET))
        context["csv_query"] = self.request.GET.urlencode()
        context["can_add"] = self.request.user.has_perm("governance.change_action", self.region)
        return context


class WerkagendaCsvView(RegionView):
    """The (filtered) werkagenda for Excel: UTF-8 with BOM, ';' as separator, dd-mm-jjjj."""

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        rows = selectors.werkagenda_csv_rows(self.region, request.GET, today=today)
        return csv_response(f"werkagenda-{self.region.slug}-{today:%Y-%m-%d}.csv", rows)


class ActionMixin:
    """For URLs with the action's pk: ``self.action`` is that action of ``self.region``."""

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.action = action_selectors.get_action(self.region, kwargs["pk"])

    def get_permission_object(self):
        return self.action

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        return context


class ActionDetailView(ActionMixin, RegionView):
    template_name = "governance/werkagenda/action_detail.html"
    section = "werkagenda"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_selectors.action_detail(self.action))
        user = self.request.user
        # Agenda items only of agendas the user may see (governance.view_agenda).
        visible = agenda_visibility(user, self.region)
        context["agenda_items"] = [i for i in context["agenda_items"] if visible(i.meeting)]
        context["can_change"] = user.has_perm("governance.change_action", self.action)
        context["can_move"] = user.has_perm("governance.move_action", self.action)
        context["can_update"] = (
            user.has_perm("governance.update_action", self.action)
            and self.action.list != ActionList.GEREED
        )
        if context["can_update"]:
            context["progress_form"] = ActionProgressForm(action=self.action)
        return context


class ActionFormView(ObjectFormView):
    """Create or change an action; saved through ``action_save`` (the list rules hold)."""

    model = Action
    form_class = ActionForm
    permission = "governance.change_action"
    template_name = "governance/werkagenda/action_form.html"
    object_kwarg = "pk"
    title_add = gettext_lazy("Actie toevoegen")
    title_edit = gettext_lazy("Actie wijzigen")
    section = "werkagenda"

    def resolve(self, **kwargs) -> None:
        RegionView.resolve(self, **kwargs)
        self.object = (
            action_selectors.get_action(self.region, kwargs["pk"]) if "pk" in kwargs else None
        )

    def success_url(self, obj) -> str:
        return obj.get_absolute_url()

    def cancel_url(self) -> str:
        if self.object:
            return self.object.get_absolute_url()
        return reverse("governance:werkagenda", kwargs={"region": self.region.slug})

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            instance = form.save(commit=False)
            saved = run_service(
                form,
                lambda: services.action_save(
                    instance=instance,
                    seen_version=form.cleaned_data.get("seen_version"),
                    user=request.user,
                    coalition=form.cleaned_data["coalition"],
                    knelpunten=form.cleaned_data["knelpunten"],
                ),
            )
            if saved:
                messages.success(request, _("‘%(obj)s’ is opgeslagen.") % {"obj": instance})
                return HttpResponseRedirect(self.success_url(instance))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ActionMoveView(ActionMixin, RegionView):
    """Move an action to another list after a confirmation with what that list needs.

    Without a valid ``naar`` the page offers the two other lists.
    """

    template_name = "governance/werkagenda/action_move.html"
    permission = "governance.move_action"
    section = "werkagenda"

    def target(self) -> str | None:
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        naar = data.get("naar", "")
        if naar in ActionList.values and naar != self.action.list:
            return naar
        return None

    def make_form(self, to_list: str, data=None) -> ActionMoveForm:
        return ActionMoveForm(data, action=self.action, to_list=to_list, region=self.region)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        to_list = self.target()
        context["from_name"] = selectors.list_name(self.action.list)
        if to_list is None:
            context["title"] = _("‘%(title)s’ verplaatsen") % {"title": self.action.title}
            context["moves"] = [
                (key, selectors.list_name(key))
                for key in ActionList.values
                if key != self.action.list
            ]
        else:
            context.setdefault("form", self.make_form(to_list))
            context["to_list"] = to_list
            context["to_name"] = selectors.list_name(to_list)
            context["title"] = _("Verplaatsen naar de %(list)s") % {"list": context["to_name"]}
        return context

    def post(self, request, *args, **kwargs):
        to_list = self.target()
        if to_list is None:
            return self.render_to_response(self.get_context_data(), status=400)
        form = self.make_form(to_list, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            from_name = selectors.list_name(self.action.list)
            saved = run_service(
                form,
                lambda: services.action_move(
                    action=self.action,
                    to_list=to_list,
                    seen_version=data["seen_version"],
                    user=request.user,
                    note=data.get("note", ""),
                    closed_reason=data.get("closed_reason", ""),
                    trekker=data.get("trekker"),
                    owning_body=data.get("owning_body"),
                    coalition=data.get("coalition") if "coalition" in form.fields else None,
                ),
            )
            if saved:
                messages.success(
                    request,
                    _("‘%(title)s’ is verplaatst van de %(from)s naar de %(to)s.")
                    % {
                        "title": self.action.title,
                        "from": from_name,
                        "to": selectors.list_name(to_list),
                    },
                )
                return HttpResponseRedirect(self.action.get_absolute_url())
            # The service may have changed the object in memory before it refused.
            self.action = action_selectors.get_action(self.region, self.action.pk)
            form.action = self.action
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ActionProgressView(ActionMixin, RegionView):
    """A progress note or a new due date, by the action's holder, its trekker or the
    secretary."""

    template_name = "governance/werkagenda/action_progress.html"
    permission = "governance.update_action"
    section = "werkagenda"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ActionProgressForm(action=self.action))
        return context

    def post(self, request, *args, **kwargs):
        form = ActionProgressForm(request.POST, action=self.action)
        if form.is_valid() and run_service(
            form,
            lambda: services.action_progress(
                action=self.action,
                text=form.cleaned_data["text"],
                due_date=form.cleaned_data["due_date"],
                seen_version=form.cleaned_data["seen_version"],
                user=request.user,
            ),
        ):
            messages.success(request, _("De voortgang is vastgelegd."))
            return HttpResponseRedirect(self.action.get_absolute_url())
        self.action = action_selectors.get_action(self.region, self.action.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class KnelpuntListView(RegionView):
    template_name = "governance/werkagenda/knelpunt_list.html"
    section = "knelpunten"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(knelpunt_selectors.knelpunt_list(self.region, self.request.GET))
        context["can_change"] = self.request.user.has_perm(
            "governance.change_knelpunt", self.region
        )
        return context


class KnelpuntFormView(ObjectFormView):
    model = Knelpunt
    form_class = KnelpuntForm
    permission = "governance.change_knelpunt"
    template_name = "governance/werkagenda/knelpunt_form.html"
    title_add = gettext_lazy("Knelpunt toevoegen")
    title_edit = gettext_lazy("Knelpunt wijzigen")
    section = "knelpunten"

    def success_url(self, obj) -> str:
        url = reverse("governance:knelpunt_list", kwargs={"region": self.region.slug})
        return f"{url}#knelpunt-{obj.pk}"

    def cancel_url(self) -> str:
        return reverse("governance:knelpunt_list", kwargs={"region": self.region.slug})


R = "regio/<slug:region>/"

urlpatterns = [
    path(
        R + "werkagenda/",
        cached_page(WerkagendaBoardView.as_view(), domains=("werkagenda",), progress=True),
        name="werkagenda",
    ),
    path(R + "werkagenda/tabel/", ActionTableView.as_view(), name="action_table"),
    path(R + "werkagenda.csv", WerkagendaCsvView.as_view(), name="werkagenda_csv"),
    path(R + "werkagenda/nieuw/", ActionFormView.as_view(), name="action_add"),
    path(R + "acties/<int:pk>/", ActionDetailView.as_view(), name="action"),
    path(R + "acties/<int:pk>/bewerken/", ActionFormView.as_view(), name="action_edit"),
    path(R + "acties/<int:pk>/verplaatsen/", ActionMoveView.as_view(), name="action_move"),
    path(R + "acties/<int:pk>/voortgang/", ActionProgressView.as_view(), name="action_progress"),
    path(R + "knelpunten/", KnelpuntListView.as_view(), name="knelpunt_list"),
    path(R + "knelpunten/nieuw/", KnelpuntFormView.as_view(), name="knelpunt_add"),
    path(
        R + "knelpunten/<int:obj>/bewerken/",
        KnelpuntFormView.as_view(),
        name="knelpunt_edit",
    ),
]
