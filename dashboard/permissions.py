"""The stand-in region of the Rechten page (core's matrix knows no domain model)."""

from core.permission_matrix import STAND_IN_REGION_ID, build_matrix
from governance.models import Region


def stand_in_region() -> Region:
    return Region(pk=STAND_IN_REGION_ID, name="Regio", slug="regio")


def matrix() -> dict:
    return build_matrix(stand_in_region())
