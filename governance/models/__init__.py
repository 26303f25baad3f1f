from governance.models.body import Body, BodyRelation, CostLine, Mandate, Membership
from governance.models.region import (
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
    Theme,
)

__all__ = [
    "Body",
    "BodyRelation",
    "CostLine",
    "Mandate",
    "Membership",
    "Municipality",
    "Organisation",
    "Person",
    "Region",
    "RegionPartner",
    "RegionTheme",
    "SubRegion",
    "Theme",
]
