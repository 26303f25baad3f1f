"""Building blocks of the register views.

``RegionView`` resolves the region from the URL through ``visible_to`` (404 when the user has
no business there) and then checks the view's permission with django-rules (403 when the user
may see but not do). Object look-ups are always scoped to that region, so an id from another
region is a 404 as well.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.locking import StaleEdit
from governance.models import Body, Region
from governance.services import object_save


class RegionView(TemplateView):
    permission = "governance.view_region"
    section = ""  # highlights the region sub-navigation

    def dispatch(self, request, *args, **kwargs):
        self.region = get_object_or_404(
            Region.objects.visible_to(request.user), slug=kwargs["region"]
        )
        self.resolve(**kwargs)
        if not request.user.has_perm(self.permission, self.get_permission_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def resolve(self, **kwargs) -> None:
        """Look up the objects named in the URL (scoped to ``self.region``)."""

    def get_permission_object(self):
        return self.region

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["region"] = self.region
        context["section"] = self.section
        context["can_change_region"] = self.request.user.has_perm(
            "governance.change_region", self.region
        )
        return context


class BodyMixin:
    """For URLs with the body's pk: ``self.body`` is that body of ``self.region``."""

    body_kwarg = "pk"

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.body = get_object_or_404(
            # the framework is shown with the body's facts: joined, not read again
            Body.objects.filter(region=self.region).select_related("framework"),
            pk=kwargs[self.body_kwarg],
        )
        self.body.region = self.region  # known already; saves a query on every use

    def get_permission_object(self):
        return self.body

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["body"] = self.body
        return context


def apply_validation_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the right fields of ``form``."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def run_service(form, call) -> bool:
    """Run a service for a valid form; put its refusal on the form. True when it saved.

    A stale edit shows what changed and gives the form the current version, so that saving
    again is a deliberate choice made after seeing the other person's change.
    """
    try:
        call()
    except StaleEdit as stale:
        form.add_error(None, stale.message)
        form.data = form.data.copy()
        form.data[stale.version_field] = stale.current_version
    except ValidationError as exc:
        apply_validation_error(form, exc)
    else:
        return True
    return False


class ObjectFormView(RegionView):
    """Create or change one register object with a versioned ModelForm.

    Subclasses set ``model``, ``form_class``, ``permission`` and the titles, and say how a new
    instance is made (``new_instance``) and where to go afterwards (``success_url``).
    """

    template_name = "governance/object_form.html"
    model = None
    form_class = None
    object_kwarg = "obj"
    title_add = ""
    title_edit = ""
    form_needs_region = True

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.object = None
        if self.object_kwarg in kwargs:
            self.object = get_object_or_404(
                self.model.objects.in_region(self.region), pk=kwargs[self.object_kwarg]
            )

    def get_permission_object(self):
        return self.object or super().get_permission_object()

    def new_instance(self):
        return self.model(region=self.region)

    def get_form(self):
        kwargs = {"instance": self.object or self.new_instance()}
        if self.object is None and self.request.method == "GET":
            # Links such as a structure check's "add relation 'adviseert'" preset a field.
            # Only an initial value: the posted form is validated as always.
            kwargs["initial"] = {k: v for k, v in self.request.GET.items() if k != "seen_version"}
        if self.form_needs_region:
            kwargs["region"] = self.region
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        return self.form_class(**kwargs)

    def success_url(self, obj) -> str:
        raise NotImplementedError

    def cancel_url(self) -> str:
        return self.success_url(self.object) if self.object else self.region.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["object"] = self.object
        context["title"] = self.title_edit if self.object else self.title_add
        context["cancel_url"] = self.cancel_url()
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            instance = form.save(commit=False)
            saved = run_service(
                form,
                lambda: object_save(
                    instance=instance,
                    seen_version=form.cleaned_data.get("seen_version"),
                    user=request.user,
                    form=form,
                ),
            )
            if saved:
                messages.success(request, _("‘%(obj)s’ is opgeslagen.") % {"obj": instance})
                return HttpResponseRedirect(self.success_url(instance))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class BodyChildFormView(BodyMixin, ObjectFormView):
    """A form for something that hangs from a body (mandate, member, relation, cost line).

    Adding uses the body's URL; changing uses the object's own URL, and the body is the
    object's body.
    """

    body_field = "body"

    def resolve(self, **kwargs) -> None:
        RegionView.resolve(self, **kwargs)
        self.object = None
        if self.object_kwarg in kwargs:
            self.object = get_object_or_404(
                self.model.objects.in_region(self.region), pk=kwargs[self.object_kwarg]
            )
            self.body = getattr(self.object, self.body_field)
        elif self.body_kwarg in kwargs:
            self.body = get_object_or_404(
                Body.objects.filter(region=self.region), pk=kwargs[self.body_kwarg]
            )
        else:  # pragma: no cover - a URL pattern without either is a programming error
            raise Http404

    def get_permission_object(self):
        return self.object or self.body

    def new_instance(self):
        return self.model(**{self.body_field: self.body})

    def success_url(self, obj) -> str:
        return self.body.get_absolute_url()
