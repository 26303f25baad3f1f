import rules
from django.utils.translation import gettext_lazy as _

from core.permission_matrix import describe_permissions
from core.rules import is_any_secretary, is_beheerder

# "Bereikbaarheid per e-mail": the secretary sees the users of their own region(s), the
# functioneel beheerder all users (the scope is in notifications.selectors.reachability_scope).
rules.add_perm("notifications.view_reachability", is_beheerder | is_any_secretary)

describe_permissions(
    "notifications",
    {
        "notifications.view_reachability": _(
            "Bereikbaarheid per e-mail bekijken: gebruikers zonder e-mailadres en geweigerde "
            "of mislukte e-mails"
        ),
    },
)
