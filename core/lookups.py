"""ORM lookups of the portal (registered in core.apps)."""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    """``__in`` on an integer column leaves out values the column cannot hold.

    Django's own ``exact``/``gt``/... lookups on integer fields already treat a value beyond
    the column's range as matching nothing; ``in`` does not, so an id beyond 64 bits in a
    multiple choice (``ModelMultipleChoiceField`` checks its values with ``pk__in``) crashed
    SQLite with ``OverflowError``. Such a value matches no row: it is dropped, and the form
    says the choice is not valid.
    """

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            kept = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not kept:
                raise EmptyResultSet
            self.rhs = kept
        return super().process_rhs(compiler, connection)
