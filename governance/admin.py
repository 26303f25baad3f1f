from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import (
    Action,
    Body,
    Knelpunt,
    Mandate,
    Meeting,
    Municipality,
    Organisation,
    Region,
    SubRegion,
    Theme,
)


class SubRegionInline(admin.TabularInline):
    model = SubRegion
    extra = 0
    fields = ["name"]


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "code", "collaboration_model"]
    search_fields = ["name", "slug", "code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SubRegionInline]
    exclude = ["partners", "themes"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "national_priority", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    """National organisations (without region) are kept here by the functioneel beheerder."""

    list_display = ["name", "domain", "region"]
    list_filter = ["domain", "region"]
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "sub_region", "cbs_code"]
    list_filter = ["region"]
    search_fields = ["name", "cbs_code"]


class MandateInline(admin.TabularInline):
    model = Mandate
    extra = 0
    fields = ["power", "subject", "valid_from", "valid_to", "evaluate_before"]
    readonly_fields = ["power", "subject", "valid_from", "valid_to"]
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    """Read-mostly: the secretary keeps bodies in the portal itself."""

    list_display = ["name", "region", "kind", "level", "status", "evaluate_before"]
    list_filter = ["region", "level", "status", "kind"]
    search_fields = ["name", "short_name"]
    readonly_fields = ["version"]
    inlines = [MandateInline]


@admin.register(Knelpunt)
class KnelpuntAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "theme", "status", "signalled_on"]
    list_filter = ["region", "status", "theme"]
    search_fields = ["title"]
    readonly_fields = ["version"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    """For support: the secretary moves actions in the portal, where the list rules apply."""

    list_display = ["title", "region", "list", "theme", "due_date"]
    list_filter = ["region", "list", "theme"]
    search_fields = ["title"]
    readonly_fields = ["version", "list", "list_since", "closed_reason", "closing_note"]
    list_select_related = ["region", "theme"]
    raw_id_fields = ["trekker", "owner", "owning_body", "origin_agenda_item"]
    filter_horizontal = ["coalition", "knelpunten"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "body", "starts_at", "status", "location"]
    list_filter = ["status", "body__region"]
    search_fields = ["title", "body__name", "location"]
    readonly_fields = ["version"]
    list_select_related = ["body"]
    raw_id_fields = ["body"]
