"""The builder of one region: what all regions share (:class:`Reference`), and
:class:`RegionBuilder`, which builds a region in memory (its parts by subject in the mixins of
this package, called in the order of :meth:`RegionBuilder.build`) and writes it with one bulk
insert per model."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, datetime

from django.utils import timezone
from django.utils.text import slugify

from bench.national.assessments import ChecklistMixin
from bench.national.bodies import BodiesMixin
from bench.national.common import Keyed, given_timestamps
from bench.national.meetings import MeetingsMixin
from bench.national.reflections import ReflectionsMixin
from bench.national.register import RegisterMixin
from bench.national.relations import RelationsMixin
from bench.national.seats import SeatsMixin
from bench.national.specs import LINK_LABELS, NATIONAL_ORGANISATIONS
from bench.national.werkagenda import WerkagendaMixin
from bench.national.words import person_name
from casereflection.models import CaseReflection, Conclusion
from checklist.models import Assessment, Framework, Snapshot, SnapshotScore
from governance.constants import CollaborationModel, Initiator
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    BodyRelation,
    CostLine,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
    Theme,
)


class Reference:
    """What all regions share: themes, the framework, national organisations."""

    def __init__(self):
        self.themes = list(Theme.objects.order_by("order", "name"))
        self.priority_themes = [t for t in self.themes if t.national_priority]
        self.own_themes = [t for t in self.themes if not t.national_priority]
        self.theme_by_name = {t.name: t for t in self.themes}
        self.framework = Framework.current()
        self.items = (
            list(self.framework.items.select_related("group").order_by("group__order", "order"))
            if self.framework
            else []
        )
        names = [name for name, _domain, _kind in NATIONAL_ORGANISATIONS]
        existing = {o.name: o for o in Organisation.objects.filter(region=None, name__in=names)}
        missing = [
            Organisation(name=name, domain=domain, kind=kind, region=None)
            for name, domain, kind in NATIONAL_ORGANISATIONS
            if name not in existing
        ]
        Organisation.objects.bulk_create(missing)
        self.created_national = len(missing)
        for org in missing:
            existing[org.name] = org
        self.national = [existing[name] for name in names]


class RegionBuilder(
    RegisterMixin,
    BodiesMixin,
    SeatsMixin,
    RelationsMixin,
    WerkagendaMixin,
    MeetingsMixin,
    ReflectionsMixin,
    ChecklistMixin,
):
    """Builds one region in memory, then writes it with one bulk insert per model."""

    def __init__(
        self,
        *,
        ref: Reference,
        rng: random.Random,
        index: int,
        name: str,
        slug: str,
        sub_names: list[str],
        municipality_names: list[str],
        anchor: date,
    ):
        self.ref = ref
        self.rng = rng
        self.index = index
        self.anchor = anchor
        self.tz = timezone.get_default_timezone()
        self.rows: dict = defaultdict(list)
        self.links: dict = defaultdict(list)  # through model → [(a, b)] pairs of objects
        self.person_names: set[str] = set()
        self.author = None  # the user of the action log entries
        self.bodies: list[Body] = []
        self.body_spec: Keyed = Keyed()  # body → key of its spec
        self.by_key: dict[str, Body] = {}
        self.sub_of: Keyed = Keyed()  # body → its sub-region
        self.actions: list[Action] = []
        self.region = Region(
            name=name,
            slug=slug,
            code=f"ZV{index:03d}",
            collaboration_model=rng.choice(CollaborationModel.values),
            initiator=rng.choice(Initiator.values),
        )
        self.rows[Region].append(self.region)
        self.sub_names = sub_names
        self.municipality_names = municipality_names

    # -- small helpers --------------------------------------------------------------------------

    def add(self, obj):
        self.rows[type(obj)].append(obj)
        return obj

    def link(self, through, a, b):
        self.links[through].append((a, b))

    def person(self, function: str, office: str, organisation=None, email: bool = False) -> Person:
        name = person_name(self.rng)
        while name in self.person_names:
            name = person_name(self.rng)
        self.person_names.add(name)
        mail = ""
        if email:
            first, _space, rest = name.partition(" ")
            mail = f"{first[0].lower()}.{slugify(rest).replace('-', '')}@{self.region.slug}.example"
        return self.add(
            Person(
                region=self.region,
                name=name,
                function=function,
                office=office,
                organisation=organisation,
                email=mail,
            )
        )

    def when(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    # -- register -------------------------------------------------------------------------------

    def build(self) -> None:
        self.build_places()
        self.build_organisations_and_themes()
        self.build_persons()
        self.build_bodies()
        self.build_seats()
        self.build_mandates_and_relations()
        self.build_knelpunten()
        self.plan_meetings()
        self.build_reflections()
        self.build_actions()
        self.build_agendas()
        self.build_checklist()

    # -- writing --------------------------------------------------------------------------------

    ORDER = [
        Region,
        SubRegion,
        Municipality,
        Organisation,
        RegionPartner,
        RegionTheme,
        Person,
        Body,
        Mandate,
        Membership,
        BodyRelation,
        CostLine,
        Knelpunt,
        Action,
        ActionUpdate,
        Meeting,
        AgendaItem,
        Assessment,
        Snapshot,
        SnapshotScore,
        CaseReflection,
        Conclusion,
    ]
    LINKS_AFTER = {
        Body: [Body.themes.through],
        Action: [Action.coalition.through, Action.knelpunten.through],
        Assessment: [Assessment.bodies.through],
        CaseReflection: [
            CaseReflection.themes.through,
            CaseReflection.organisations.through,
            CaseReflection.delegation.through,
        ],
    }

    def save(self, counts: Counter) -> None:
        for model in self.ORDER:
            objs = self.rows.get(model, [])
            if model is ActionUpdate:
                with given_timestamps(ActionUpdate, "created_at"):
                    model.objects.bulk_create(objs)
            elif objs:
                model.objects.bulk_create(objs)
            counts[str(model._meta.verbose_name_plural)] += len(objs)
            if model is AgendaItem:
                # The conclusions' actions point at the agenda item that decided them.
                linked = [a for a in self.rows[Action] if getattr(a, "gen_agenda_item", None)]
                for action in linked:
                    action.origin_agenda_item_id = action.gen_agenda_item.pk
                if linked:
                    Action.objects.bulk_update(linked, ["origin_agenda_item"])
            for through in self.LINKS_AFTER.get(model, []):
                self._save_links(through, counts)

    def _save_links(self, through, counts: Counter) -> None:
        fields = [f for f in through._meta.fields if f.is_relation]
        rows = [
            through(**{fields[0].attname: a.pk, fields[1].attname: b.pk})
            for a, b in self.links.get(through, [])
        ]
        through.objects.bulk_create(rows)
        counts[LINK_LABELS.get(through._meta.model_name, through._meta.model_name)] += len(rows)
