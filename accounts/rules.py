import rules
from django.utils.translation import gettext_lazy as _

from core.permission_matrix import describe_permissions
from core.roles import is_staff


@rules.predicate
def is_beheerder(user) -> bool:
    return is_staff(user)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# The user's own account: sessions, second factor, passkeys.
rules.add_perm("accounts.manage_own_account", is_signed_in)
# Accounts of others: new accounts without a role, link requests, roles, inactive accounts,
# resetting a second factor.
rules.add_perm("accounts.manage_accounts", is_beheerder)
rules.add_perm("accounts.view_audit_log", is_beheerder)

describe_permissions(
    "accounts",
    {
        "accounts.manage_own_account": _("Eigen sessies, tweede factor en passkeys beheren"),
        "accounts.manage_accounts": _(
            "Accounts beheren: rollen toekennen, koppelingen goedkeuren, deactiveren, "
            "tweede factor herstellen"
        ),
        "accounts.view_audit_log": _("Auditlog bekijken en downloaden"),
    },
)
