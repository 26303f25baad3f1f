"""The change stamp of a region, kept by database triggers (issue 22).

One row per region id, and row 0 for national reference data. Every write to a table that
belongs to a region sets that domain's column to a fresh random positive 63-bit number, in the
same transaction as the write (``governance/stamp_tables.py`` says which table moves which
column; ``governance/migrations/0009_region_stamps.py`` installs the triggers). A cache keyed by
(region, stamp) can therefore never be stale: a write makes the old key unreachable, and a
value seen in a transaction that rolled back never comes back.

``region_id`` is no foreign key: the row outlives a deleted region (the delete moves it), and
row 0 belongs to no region. Read it through ``governance/stamps.py``; nothing in Python writes it.
"""

from django.db import models


class RegionStamp(models.Model):
    region_id = models.BigIntegerField(primary_key=True)
    # db_default: the triggers insert a row naming only the column they move.
    structuur = models.BigIntegerField(default=0, db_default=0)
    werkagenda = models.BigIntegerField(default=0, db_default=0)
    voortgang = models.BigIntegerField(default=0, db_default=0)
    vergaderingen = models.BigIntegerField(default=0, db_default=0)
    checklist = models.BigIntegerField(default=0, db_default=0)
    reflecties = models.BigIntegerField(default=0, db_default=0)

    class Meta:
        db_table = "governance_regionstamp"
        verbose_name = "wijzigingsstempel"
        verbose_name_plural = "wijzigingsstempels"

    def __str__(self) -> str:
        return f"stempel regio {self.region_id}"
