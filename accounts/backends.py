"""How a signed-in user is loaded on every request: Django's model backend, with the user's
role stamp in the same query.

``core.roles`` keeps each user's roles per process under (user, role stamp); the stamp is
moved by database triggers in the transaction of every write to the roles
(``core.models.RoleStamp``). Reading it with the user costs a join in a query every request
makes anyway, and spares a query of its own for the roles on every page (docs/performance.md,
"The layout").

Sessions signed in before this backend existed name Django's own; ``AuthenticationMiddleware``
moves them to this one on their next request, so nobody is signed out by the change.
"""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth import backends as django_backends
from django.contrib.auth import middleware as django_middleware
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils.functional import SimpleLazyObject

from core import statements

#: The dotted path of this backend, as sessions store it (``login(..., backend=BACKEND)``).
BACKEND = "accounts.backends.ModelBackend"
#: What sessions from before stored; it names the same users, passwords and permissions.
DJANGO_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class ModelBackend(django_backends.ModelBackend):
    """Django's ``ModelBackend``; only ``get_user`` differs: one fixed statement reads the
    user and their role stamp (``core.statements``): the ORM's join (``select_related``) cost
    0.15 ms more per request than the plain ``get``, and compiling that ``get`` costs about as
    much as running it."""

    def get_user(self, user_id):
        from core.models import RoleStamp

        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except (TypeError, ValueError, ValidationError):
            return None
        alias = router.db_for_read(model)
        connection = connections[alias]
        if isinstance(pk, int):  # beyond the column, the database refuses the statement
            low, high = connection.ops.integer_field_range(model._meta.pk.get_internal_type())
            if (low is not None and pk < low) or (high is not None and pk > high):
                return None
        sql, attnames, converters = statements.statement(
            connection, "accounts.user", _user_statement
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        *values, stamp = row
        for i, (functions, column) in enumerate(converters):
            for function in functions:
                values[i] = function(values[i], column, connection)
        user = model.from_db(alias, attnames, values)
        relation = RoleStamp.user.field.remote_field
        relation.set_cached_value(
            user,
            None if stamp is None else RoleStamp.from_db(alias, ["user_id", "stamp"], [pk, stamp]),
        )
        return user if self.user_can_authenticate(user) else None


def _user_statement(connection) -> tuple[str, list[str], list[tuple]]:
    """The statement, the users' attribute names in its order, and per column the converters
    the ORM would apply to its value (dates and booleans on SQLite, time zones)."""
    from core.models import RoleStamp

    model = get_user_model()
    meta = model._meta
    q = connection.ops.quote_name
    fields = meta.concrete_fields
    stamp_meta = RoleStamp._meta
    sql = (
        "SELECT {columns}, s.{stamp} FROM {users} u"
        " LEFT OUTER JOIN {stamps} s ON s.{user_id} = u.{pk} WHERE u.{pk} = %s"
    ).format(
        columns=", ".join(f"u.{q(field.column)}" for field in fields),
        stamp=q(stamp_meta.get_field("stamp").column),
        users=q(meta.db_table),
        stamps=q(stamp_meta.db_table),
        user_id=q(stamp_meta.get_field("user").column),
        pk=q(meta.pk.column),
    )
    converters = []
    for field in fields:
        column = field.get_col(meta.db_table)
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        converters.append((functions, column))
    return sql, [field.attname for field in fields], converters


def _get_user(request):
    if not hasattr(request, "_cached_user"):
        session = request.session
        if session.get(BACKEND_SESSION_KEY) == DJANGO_MODEL_BACKEND:
            session[BACKEND_SESSION_KEY] = BACKEND
        request._cached_user = auth.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(django_middleware.AuthenticationMiddleware):
    """Django's, plus: a session that names Django's model backend is moved to
    :class:`ModelBackend` before the user is loaded (once per session; the session is saved
    with the response)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _get_user(request))
