"""Accent- and case-insensitive search across the dashboard's main records.

Both sides of a comparison are *folded*: diacritics stripped (đ→d), lower-cased.
The query is folded in Python with ``meetings.extraction.text.fold``; the column in SQL by
``Fold()``, which is ``lower(hn_unaccent(col))`` on PostgreSQL (an IMMUTABLE wrapper over the
``unaccent`` extension, so trigram indexes can be built on it — see the dashboard
migrations) and ``hn_fold(col)`` on SQLite, a Python function registered on every
connection that calls ``fold()`` itself. Same data, same results on both.
"""
import re

from django.db.models import F, Func, Q, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import Contains

from meetings.extraction.text import fold

_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _fold_sql(value):
    if value is None:
        return None
    value = str(value)
    if "\\u" in value:
        # JSONField text on SQLite is stored ASCII-escaped ("Vi\u00eang"): decode before folding.
        value = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return fold(value)


def install_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("hn_fold", 1, _fold_sql, deterministic=True)


class Fold(Func):
    """The folded text of an expression, for ``contains`` against ``fold(query)``."""

    function = "hn_fold"
    arity = 1
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="lower(hn_unaccent(%(expressions)s))", **extra_context)


def folded_json(field_name):
    """A JSON list column (aliases) as text, ready for ``Fold``."""
    return Cast(F(field_name), output_field=TextField())


def query_terms(q):
    """The folded words of a query; every word must match one of the searched columns. A NUL
    character separates words too: PostgreSQL refuses it in a parameter (a 500 otherwise)."""
    return [t for t in fold((q or "").replace("\x00", " ")).split() if t][:8]


def match_all(terms, *expressions):
    """A Q that is true when each term is contained in at least one of the expressions."""
    condition = Q()
    for term in terms:
        any_column = Q()
        for expression in expressions:
            any_column |= Q(Contains(Fold(expression), term))
        condition &= any_column
    return condition
