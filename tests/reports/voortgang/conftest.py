"""The region the voortgangsrapportage tests report on."""

from __future__ import annotations

from datetime import date

import pytest

from casereflection.constants import ReflectionStatus
from checklist.services.snapshots import snapshot_freeze
from governance.constants import ActionList, BodyStatus, Office
from tests.casereflection.ui_helpers import conclude, reflection, stamtafel_item
from tests.factories import (
    ActionFactory,
    BodyFactory,
    MembershipFactory,
    MunicipalityFactory,
    trekker_membership,
)
from tests.reports.voortgang.support import (
    CONCLUSION_NOTE,
    ESCAPED_TITLE,
    MARKS,
    assess,
    day,
    gereed,
    reassess,
)


@pytest.fixture
def world(region, secretary):
    """A region as the report meets it: three municipalities, assessments that changed between
    two peilmomenten, bodies that came and went, actions closed in and out of the period, and a
    reflection (full of case text) with a Stamtafel conclusion in the period."""
    apeldoorn = MunicipalityFactory(region=region, name="Apeldoorn")
    MunicipalityFactory(region=region, name="Lochem")
    zutphen = MunicipalityFactory(region=region, name="Zutphen")

    # Checklist: first peilmoment (day 60) with I1 verkend; then I1 and Apeldoorn's U1 improve,
    # and the second peilmoment (day 20) holds that.
    i1 = assess(region, "I1", "verkend", day(90))
    assess(region, "O1", "in_ontwikkeling", day(100))
    assess(region, "U1", "in_ontwikkeling", day(95))
    u1_apeldoorn = assess(region, "U1", "in_ontwikkeling", day(95), municipality=apeldoorn)
    assess(region, "U1", "verkend", day(95), municipality=zutphen)
    snapshot_freeze(region=region, date=day(60), note="Stamtafel voorjaar", user=secretary)
    reassess(i1, "gerealiseerd", day(25))
    reassess(u1_apeldoorn, "geborgd", day(25))
    snapshot_freeze(region=region, date=day(20), note="Stamtafel zomer", user=secretary)

    # Bestuurlijke drukte: one table established long ago, one dissolved within the period.
    kept = BodyFactory(region=region, name="Stamtafel Zorg en Veiligheid", kind="stamtafel")
    kept.established_on = date(2021, 3, 1)
    kept.save()
    gone = BodyFactory(
        region=region,
        name="Regiegroep oud",
        established_on=date(2019, 5, 1),
        dissolved_on=day(10),
        status=BodyStatus.OPGEHEVEN,
    )
    MembershipFactory(body=gone, person__office=Office.BURGEMEESTER)

    # Werkagenda: actions closed in the period, before it, and one taken back.
    trekker = trekker_membership(region, body=kept, person__name="Wethouder Van Dijk")
    closed = ActionFactory(
        region=region,
        title=ESCAPED_TITLE,
        list=ActionList.GEREED,
        closed_reason="afgerond",
        trekker=trekker,
        list_since=day(10),
    )
    gereed(closed, day(10))
    older = ActionFactory(
        region=region,
        title="Actie die al lang gereed is",
        list=ActionList.GEREED,
        closed_reason="vervallen",
        list_since=day(200),
    )
    gereed(older, day(200))
    earlier = ActionFactory(
        region=region,
        title="Wegwijzer voor huisartsen",
        list=ActionList.GEREED,
        closed_reason="elders_belegd",
        trekker=trekker,
        list_since=day(45),
    )
    gereed(earlier, day(45))
    back = ActionFactory(
        region=region,
        title="Teruggehaalde actie",
        list=ActionList.ACTIE,
        trekker=trekker,
        list_since=day(5),
    )
    gereed(back, day(20))

    # A reflection with case text in every field, concluded in the period (and one before it).
    item_ = stamtafel_item(region)
    r = reflection(region, ago=1, status=ReflectionStatus.AANGEBODEN, method="anders", **MARKS)
    contact = trekker_membership(region, person__name="Marieke de Wit")
    conclusion = conclude(
        r,
        secretary,
        membership=contact,
        agenda_item=item_,
        title="Signalen eerder delen met de wijkteams",
        common_challenge="Gedeelde zorgen bereiken de wijkteams te laat.",
        assignment="Maak een werkafspraak over het delen van zorgen binnen twee weken.",
        priority=1,
        decided_on=day(15),
        due_date=day(-60),
        note=CONCLUSION_NOTE,
    )
    old = reflection(region, ago=4, status=ReflectionStatus.AANGEBODEN)
    conclude(old, secretary, title="Oude conclusie buiten de periode", decided_on=day(200))
    return {"conclusion": conclusion, "closed": closed, "reflection": r}
