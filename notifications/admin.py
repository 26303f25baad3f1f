from django.contrib import admin

from notifications.models import DigestEntry, DigestSetting, NotificationPreference, SentMail


@admin.register(SentMail)
class SentMailAdmin(admin.ModelAdmin):
    """Read-only: the record of what was sent. Bodies are not shown (they are cleared once
    sent)."""

    list_display = ("created_at", "kind", "address", "object_key", "period", "status", "attempts")
    list_filter = ("kind", "status")
    search_fields = ("address", "object_key")
    fields = (
        "recipient",
        "address",
        "kind",
        "object_key",
        "period",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_attempt_at",
        "last_error",
        "created_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "mode")
    list_filter = ("kind", "mode")


@admin.register(DigestSetting)
class DigestSettingAdmin(admin.ModelAdmin):
    list_display = ("user", "frequency")
    list_filter = ("frequency",)


@admin.register(DigestEntry)
class DigestEntryAdmin(admin.ModelAdmin):
    """Read-only: lines waiting for (or included in) a user's digest."""

    list_display = ("created_at", "user", "kind", "object_key", "period", "digest")
    list_filter = ("kind",)
    fields = ("user", "kind", "object_key", "period", "subject", "url", "created_at", "digest")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
