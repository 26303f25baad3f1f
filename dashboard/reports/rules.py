"""Who may read (and download) which report. A report shows what its pages show, so each
report takes the permission of the pages it prints from:

* werkagenda, voortgangsrapportage, structuuroverzicht, vergadervoorbereiding: everyone who
  reads the region (its roles, the VNG advisor, the functioneel beheerder) — the
  voortgangsrapportage prints the conclusions of reflections, never their case text;
* bespreekvoorstel: case text, so only people with a role in the region
  (``casereflection.view_case_text``) — never the VNG advisor or the functioneel beheerder.
"""

import rules

from governance.rules import can_read_region, has_region_role

rules.add_perm("reports.view_reports", can_read_region)
rules.add_perm("reports.view_werkagenda_report", can_read_region)
rules.add_perm("reports.view_progress_report", can_read_region)
rules.add_perm("reports.view_structure_report", can_read_region)
rules.add_perm("reports.view_preparation_report", can_read_region)
rules.add_perm("reports.view_bespreekvoorstel_report", has_region_role)
