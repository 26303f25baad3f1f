from governance.models.body import Body, BodyRelation, CostLine, Mandate, Membership
from governance.models.cycle import AgendaChange, Attendance, Minutes, PersonalNote
from governance.models.findings import FindingAnswer
from governance.models.meeting import AgendaItem, CalendarFeed, Document, Meeting
from governance.models.region import (
    Framework,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
    Theme,
)
from governance.models.stamp import RegionStamp
from governance.models.werkagenda import Action, ActionUpdate, Knelpunt

__all__ = [
    "Action",
    "ActionUpdate",
    "AgendaChange",
    "AgendaItem",
    "Attendance",
    "CalendarFeed",
    "Document",
    "FindingAnswer",
    "Framework",
    "Knelpunt",
    "Meeting",
    "Minutes",
    "PersonalNote",
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
    "RegionStamp",
    "RegionTheme",
    "SubRegion",
    "Theme",
]
