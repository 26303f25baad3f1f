"""Who may handle a request under the AVG: the functioneel beheerder everyone, the secretary
the persons of their own region(s) (inzage only; ``dashboard.privacy.subject`` scopes it).
Erasure is the beheerder's alone: it reaches every region and the account."""

import rules
from django.utils.translation import gettext_lazy as _

from core.permission_matrix import describe_permissions
from core.rules import is_any_secretary, is_beheerder

rules.add_perm("dashboard.inspect_person", is_beheerder | is_any_secretary)
rules.add_perm("dashboard.erase_person", is_beheerder)

describe_permissions(
    "dashboard",
    {
        "dashboard.inspect_person": _(
            "Inzage in persoonsgegevens maken (AVG art. 15; de secretaris voor de eigen regio)"
        ),
        "dashboard.erase_person": _("Een persoon wissen (AVG art. 17)"),
    },
)
