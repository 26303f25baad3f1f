"""QuerySets that scope every read to the regions a user may see (DESIGN.md §4)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from core.roles import visible_region_ids


class RegionQuerySet(models.QuerySet):
    def visible_to(self, user):
        ids = visible_region_ids(user)
        return self if ids is None else self.filter(pk__in=ids)


class RegionScopedQuerySet(models.QuerySet):
    """Objects that belong to exactly one region, reached through ``region_path``."""

    region_path = "region"

    def visible_to(self, user):
        ids = visible_region_ids(user)
        return self if ids is None else self.filter(**{f"{self.region_path}__in": ids})

    def in_region(self, region):
        return self.filter(**{self.region_path: region})


class OrganisationQuerySet(RegionScopedQuerySet):
    """National organisations (no region) are visible to every signed-in user."""

    def visible_to(self, user):
        ids = visible_region_ids(user)
        if ids is None:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(region__isnull=True) | Q(region__in=ids))

    def available_in(self, region):
        return self.filter(Q(region__isnull=True) | Q(region=region))


class BodyQuerySet(RegionScopedQuerySet):
    def valid_on(self, day: date):
        """Bodies that existed on ``day`` (proposals never existed)."""
        return self.exclude(status="voorgesteld").filter(
            Q(established_on__isnull=True) | Q(established_on__lte=day),
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day),
        )

    def active(self):
        return self.filter(status="actief")


class BodyChildQuerySet(RegionScopedQuerySet):
    region_path = "body__region"


class PeriodQuerySet(BodyChildQuerySet):
    start_field = "valid_from"
    end_field = "valid_to"

    def valid_on(self, day: date):
        return self.filter(
            Q(**{f"{self.start_field}__isnull": True}) | Q(**{f"{self.start_field}__lte": day}),
            Q(**{f"{self.end_field}__isnull": True}) | Q(**{f"{self.end_field}__gt": day}),
        )

    def current(self):
        from django.utils import timezone

        return self.valid_on(timezone.localdate())


class MembershipQuerySet(PeriodQuerySet):
    start_field = "start"
    end_field = "end"


class RelationQuerySet(PeriodQuerySet):
    region_path = "source__region"


class ActionQuerySet(RegionScopedQuerySet):
    def with_last_update(self):
        """Annotate ``last_update_on``: the date of the latest update (or the creation)."""
        from django.db.models import Max
        from django.db.models.functions import Coalesce

        return self.annotate(last_update_on=Coalesce(Max("updates__date"), "created_on"))

    def open(self):
        return self.exclude(list="gereed")

    def overdue(self, today: date):
        return self.open().filter(due_date__lt=today)

    def stale(self, today: date):
        """Open actions without any update in the last ``STALE_AFTER_DAYS`` days."""
        from datetime import timedelta

        from governance.constants import STALE_AFTER_DAYS

        return (
            self.open()
            .with_last_update()
            .filter(last_update_on__lt=today - timedelta(days=STALE_AFTER_DAYS))
        )

    def with_score(self):
        """Annotate ``weighing`` (sum of the three criteria; NULL until all three are set)."""
        from django.db.models import F

        return self.annotate(weighing=F("importance") + F("feasibility") + F("impact"))


class ActionUpdateQuerySet(RegionScopedQuerySet):
    region_path = "action__region"


class MeetingQuerySet(RegionScopedQuerySet):
    region_path = "body__region"

    def upcoming(self, now):
        return self.filter(starts_at__gte=now).exclude(status="geannuleerd")

    def held_between(self, start, end):
        """Meetings that took place (not cancelled) with a start in [start, end)."""
        return self.filter(starts_at__gte=start, starts_at__lt=end).exclude(status="geannuleerd")


class AgendaItemQuerySet(RegionScopedQuerySet):
    region_path = "meeting__body__region"


class DocumentQuerySet(RegionScopedQuerySet):
    region_path = "agenda_item__meeting__body__region"
