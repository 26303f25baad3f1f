from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constants import Role
from core.history import history_user


class RoleAssignment(models.Model):
    """A user's role: per region, except the national VNG advisor."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("gebruiker"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        settings.ZV_REGION_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("regio"),
        help_text=_("Leeg voor de landelijke rol VNG-adviseur."),
    )
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("roltoewijzing")
        verbose_name_plural = _("roltoewijzingen")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region"], name="unique_role_per_region"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(role="vng_advisor"), name="unique_vng_advisor"
            ),
            models.CheckConstraint(
                condition=(Q(role="vng_advisor") & Q(region__isnull=True))
                | (~Q(role="vng_advisor") & Q(region__isnull=False)),
                name="region_matches_role",
            ),
        ]

    def __str__(self) -> str:
        where = self.region.name if self.region_id else _("landelijk")
        return f"{self.user} — {self.get_role_display()} ({where})"

    def clean(self) -> None:
        if self.role == Role.VNG_ADVISOR and self.region_id:
            raise ValidationError(
                {"region": _("Een VNG-adviseur is landelijk: laat de regio leeg.")}
            )
        if self.role and self.role != Role.VNG_ADVISOR and not self.region_id:
            raise ValidationError({"region": _("Kies de regio waarin deze rol geldt.")})


class RoleStamp(models.Model):
    """A number that changes in the transaction of every write to a user's role assignments,
    and of every rename of a region in which they hold one: database triggers move it
    (``core/migrations/0003_role_stamps.py``), so no write path can leave it behind.

    The user is read with it in one query (``accounts.backends.ModelBackend``), and
    ``core.roles`` keeps the user's roles per process under (user, stamp): a page reads them
    without a query of its own, and a changed role is a new key on the very next request.
    A user without a row has never held a role since the stamps were installed (the migration
    gives every role holder a row, the first role creates one), so has none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="role_stamp",
    )
    stamp = models.BigIntegerField()

    class Meta:
        verbose_name = _("rolstempel")
        verbose_name_plural = _("rolstempels")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.stamp}"
