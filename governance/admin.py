from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import (
    Body,
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


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    """Read-mostly: the secretary keeps bodies in the portal itself."""

    list_display = ["name", "region", "kind", "level", "status"]
    list_filter = ["region", "level", "status", "kind"]
    search_fields = ["name", "short_name"]
    readonly_fields = ["version"]
