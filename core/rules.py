import rules
from django.utils.translation import gettext_lazy as _

from core.constants import Role
from core.permission_matrix import describe_permissions
from core.roles import is_staff, region_ids_with_role


@rules.predicate
def is_any_secretary(user) -> bool:
    return bool(region_ids_with_role(user, Role.SECRETARY))


@rules.predicate
def is_beheerder(user) -> bool:
    return is_staff(user)


rules.add_perm("core.view_permission_matrix", is_beheerder | is_any_secretary)

describe_permissions("core", {"core.view_permission_matrix": _("Deze rechtenpagina bekijken")})
