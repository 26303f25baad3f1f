import rules

from zv_portal.constants import Role
from zv_portal.roles import is_staff, region_ids_with_role


@rules.predicate
def is_any_secretary(user) -> bool:
    return bool(region_ids_with_role(user, Role.SECRETARY))


@rules.predicate
def is_beheerder(user) -> bool:
    return is_staff(user)


rules.add_perm("zv_portal.view_permission_matrix", is_beheerder | is_any_secretary)
