"""Admin of the beleidstheorie framework, for the functioneel beheerder (staff).

A new version is made by copying an existing one ("Kopieer als nieuwe versie"), editing its
groups and items, and then making it current ("Maak deze versie de huidige"), which carries the
regions' assessments over by item code. ``is_current`` is never edited directly: only the
action (through ``checklist.services.framework``) switches versions.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from checklist.models import Framework, Item, ItemGroup
from checklist.services.framework import framework_activate, framework_copy


def _in_use(framework: Framework | None) -> bool:
    """Codes of a version that is current or frozen in a peilmoment must stay as they are."""
    if framework is None or framework.pk is None:
        return False
    return framework.is_current or framework.snapshots.exists()


def _framework_being_edited(request) -> Framework | None:
    match = request.resolver_match
    object_id = match.kwargs.get("object_id") if match else None
    if object_id is None:
        return None
    return Framework.objects.filter(pk=object_id).first()


class ItemForm(forms.ModelForm):
    """Codes carry the assessments over: in a version in use they are not changed."""

    class Meta:
        model = Item
        fields = [
            "framework",
            "group",
            "code",
            "title",
            "description",
            "guiding_questions",
            "per_municipality",
            "order",
        ]

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        instance = self.instance
        if instance.pk and code != instance.code and _in_use(instance.framework):
            raise ValidationError(
                _(
                    "Deze versie is in gebruik (huidig of in een peilmoment); de code blijft "
                    "%(code)s. Maak een nieuwe versie om codes te wijzigen."
                )
                % {"code": instance.code}
            )
        return code


def _group_label(group: ItemGroup) -> str:
    return f"{group.framework.version} — {group.name}"


class ItemGroupInline(admin.TabularInline):
    model = ItemGroup
    extra = 0
    fields = ["order", "stage", "name"]
    ordering = ["order"]

    def has_delete_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_delete_permission(request, obj)


class ItemInline(admin.StackedInline):
    model = Item
    form = ItemForm
    extra = 0
    fields = [
        ("code", "group", "order", "per_municipality"),
        "title",
        "description",
        "guiding_questions",
    ]
    ordering = ["group__order", "order"]

    def has_delete_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "group":
            framework = _framework_being_edited(request)
            kwargs["queryset"] = (
                ItemGroup.objects.filter(framework=framework)
                if framework
                else ItemGroup.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "is_current", "item_count", "created_on", "source"]
    list_filter = ["is_current"]
    search_fields = ["name", "version"]
    readonly_fields = ["is_current"]
    fields = ["name", "version", "is_current", "source", "created_on"]
    inlines = [ItemGroupInline, ItemInline]
    actions = ["make_current", "copy_as_new_version"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_item_count=Count("items", distinct=True))

    @admin.display(description=_("items"), ordering="_item_count")
    def item_count(self, obj: Framework) -> int:
        return obj._item_count

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_current:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Maak deze versie de huidige"), permissions=["change"])
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Kies precies één versie om huidig te maken."), messages.ERROR
            )
            return
        try:
            framework = framework_activate(framework=queryset.get(), user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        activation = framework.activation
        level = messages.WARNING if activation.left_behind else messages.SUCCESS
        self.message_user(request, activation.message(framework), level)

    @admin.action(description=_("Kopieer als nieuwe versie"), permissions=["add"])
    def copy_as_new_version(self, request, queryset):
        for framework in queryset:
            version = _free_version(framework)
            try:
                copy = framework_copy(framework=framework, version=version)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                _(
                    "%(copy)s aangemaakt als kopie van %(framework)s. Pas de versie, groepen en "
                    "items aan en maak de versie daarna de huidige."
                )
                % {"copy": copy, "framework": framework},
                messages.SUCCESS,
            )


def _free_version(framework: Framework) -> str:
    base = f"{framework.version} concept"
    taken = set(
        Framework.objects.filter(name=framework.name, version__startswith=base).values_list(
            "version", flat=True
        )
    )
    version, n = base, 1
    while version in taken:
        n += 1
        version = f"{base} {n}"
    return version


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """All items of all versions; filter on the framework to edit one version's items."""

    list_display = ["code", "title", "group", "framework", "per_municipality"]
    list_filter = ["framework", "group__stage", "per_municipality"]
    search_fields = ["code", "title", "description"]
    list_select_related = ["framework", "group"]
    ordering = ["framework", "group__order", "order"]
    form = ItemForm

    def get_readonly_fields(self, request, obj=None):
        return ["framework"] if obj is not None and _in_use(obj.framework) else []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _in_use(obj.framework):
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "group":
            kwargs["queryset"] = ItemGroup.objects.select_related("framework")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = _group_label
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
