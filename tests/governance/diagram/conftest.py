"""The structure that the diagram tests draw."""

from datetime import date

import pytest

from governance.constants import BodyKind, BodyStatus, DecisionPower, Level, RelationKind
from tests.factories import BodyFactory, RelationFactory
from tests.governance.diagram.support import MERGE_DAY


@pytest.fixture
def structure(region):
    """Bodies on all levels, a merge on 2022-04-19 and relations with periods."""
    stamtafel = BodyFactory(
        region=region,
        name="Stamtafel zorg en veiligheid",
        short_name="Stamtafel",
        kind=BodyKind.STAMTAFEL,
        established_on=date(2020, 1, 1),
    )
    old = BodyFactory(
        region=region,
        name="Stuurgroep Zorg- en Veiligheidshuis",
        kind=BodyKind.STUURGROEP,
        established_on=date(2018, 1, 1),
        status=BodyStatus.OPGEHEVEN,
        dissolved_on=MERGE_DAY,
    )
    new = BodyFactory(
        region=region,
        name="Bestuurlijke netwerktafel",
        short_name="BNT",
        kind=BodyKind.BNT,
        established_on=MERGE_DAY,
        decision_power=DecisionPower.BESLUITVORMEND,
    )
    aio = BodyFactory(
        region=region,
        name="Advies- en implementatieoverleg",
        short_name="AIO",
        kind=BodyKind.ADVIESOVERLEG,
        level=Level.TACTISCH,
    )
    casus = BodyFactory(
        region=region,
        name="Casusoverleg complexe casuïstiek",
        kind=BodyKind.UITVOERINGSOVERLEG,
        level=Level.OPERATIONEEL,
    )
    proposed = BodyFactory(
        region=region,
        name="Voorgesteld overleg",
        status=BodyStatus.VOORGESTELD,
        level=Level.TACTISCH,
    )
    rels = {
        "merge": RelationFactory(
            source=old, target=new, kind=RelationKind.GAAT_OP_IN, valid_from=MERGE_DAY
        ),
        "aio_old": RelationFactory(
            source=aio, target=old, kind=RelationKind.BEREIDT_VOOR, valid_to=MERGE_DAY
        ),
        "aio_new": RelationFactory(
            source=aio, target=new, kind=RelationKind.BEREIDT_VOOR, valid_from=MERGE_DAY
        ),
        "aio_stam": RelationFactory(source=aio, target=stamtafel, kind=RelationKind.ADVISEERT),
        "casus_aio": RelationFactory(
            source=casus,
            target=aio,
            kind=RelationKind.VERANTWOORDING,
            valid_from=date(2021, 1, 1),
            valid_to=date(2021, 6, 1),
        ),
        "to_proposed": RelationFactory(
            source=stamtafel, target=proposed, kind=RelationKind.OPDRACHT
        ),
    }
    return {
        "stamtafel": stamtafel,
        "old": old,
        "new": new,
        "aio": aio,
        "casus": casus,
        "proposed": proposed,
        **rels,
    }
