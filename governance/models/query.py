"""QuerySets that scope every read to the regions a user may see (DESIGN.md §4)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from zv_portal.roles import visible_region_ids


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
