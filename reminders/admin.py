from django.contrib import admin

from reminders.models import Digest, ReminderMark


class ReminderMarkInline(admin.TabularInline):
    model = ReminderMark
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "object_id", "target_on", "lead_days", "day"]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["day", "user", "status", "attempts", "sent_at"]
    list_filter = ["status", "day"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "day", "status", "attempts", "last_error", "sent_at", "items", "created_at"]
    exclude = ["claim_token"]
    inlines = [ReminderMarkInline]
