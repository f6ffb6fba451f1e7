"""Querysets whose SQL is compiled once per process and shape.

Django turns a queryset into SQL every time it is read (``SQLCompiler.as_sql``): a story page's
nine queries spent 4.5 of its 21.7 ms of CPU there, the same work on every request
(docs/performance.md, "Where the ORM's share goes"). Django has no cache of compiled queries, so
the querysets read on every page (the route, the served page, a story's related stories, the
home page's selections) are read through ``evaluate``: the first time a shape is seen it is
compiled twice, once with the request's values and once with marker values standing for them,
which shows which of the SQL's parameters each value becomes; later reads of that shape run the
kept SQL with their own values in those places, and Django builds the model instances from the
rows as usual (``select_related``, annotations, prefetches, a queryset's own ``_fetch_all``).

This keeps a compiler between requests, which is Django's internal API (checked against Django
5.2.19: ``Query.get_compiler``, ``SQLCompiler.as_sql`` and ``execute_sql``, and the ``select``,
``klass_info``, ``annotation_col_map``, ``col_count`` and ``has_extra_select`` that ``as_sql``
fills and the iterables and ``results_iter`` read); tests/test_compiled_queries.py fails when
they change. Under ``COMPILED_QUERIES_CHECK`` (the test settings) every read is also compiled the
ordinary way and must give the same SQL and parameters, so the whole suite checks every shape.
"""

import copy
import itertools

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections

# Marker values stand for the caller's values while a shape is compiled: numbers no constant of
# a query holds, inside a positive 32-bit column's range (Django compiles a comparison with a
# number outside its column's range as "no rows" or "every row", which would hide the value),
# and text no address or name holds.
_MARKER_NUMBERS = itertools.count(2_000_000_000)
_MARKER_TEXT = "\ue000compiled-query-value-{}\ue000"

# A list value's length is part of its shape: an address with hundreds of parts would otherwise
# keep a shape of its own each, so longer lists, and shapes beyond the limit, are read the
# ordinary way.
MAX_LIST_LENGTH = 64
MAX_SHAPES = 256

# {(shape, database alias, lengths of the list values): _Compiled}
_COMPILED = {}
# Shapes that could not be mapped (a value Django rewrites, an empty IN): read the ordinary way.
_REFUSED = set()
# What _compile answers when this read's own values compile to other SQL than the markers.
_NOT_THIS_TIME = object()


class ShapeMismatch(AssertionError):
    """The kept SQL and parameters are not what Django compiles (COMPILED_QUERIES_CHECK)."""


class _Compiled:
    def __init__(self, compiler, sql, slots):
        self.compiler = compiler
        self.sql = sql
        # For each of the SQL's parameters: the index of a flattened value, or (constant,).
        self.slots = slots

    def params(self, flat_values):
        return tuple(flat_values[slot] if isinstance(slot, int) else slot[0] for slot in self.slots)


def evaluate(shape, build, *values):
    """``list(build(*values))``, its SQL compiled once per ``shape``.

    ``build`` makes the queryset from ``values`` (numbers, text, or lists of them) and nothing
    else; ``shape`` names whatever else changes the SQL's text (the model, the joins). A list
    value's length is part of the shape by itself.
    """
    queryset = build(*values)
    lengths = tuple(len(value) for value in values if isinstance(value, list | tuple))
    flat_values = _flatten(values)
    if (
        not all(_markable(value) for value in flat_values)
        or max(lengths, default=0) > MAX_LIST_LENGTH
    ):
        return list(queryset)
    using = queryset.db
    key = (shape, using, lengths)
    if key in _REFUSED:
        return list(queryset)
    kept = _COMPILED.get(key)
    if kept is None:
        if len(_COMPILED) >= MAX_SHAPES:
            return list(queryset)
        kept = _compile(build, values, queryset, using)
        if kept is None:
            _REFUSED.add(key)
        if kept is None or kept is _NOT_THIS_TIME:
            return list(queryset)
        _COMPILED[key] = kept
    params = kept.params(flat_values)
    if getattr(settings, "COMPILED_QUERIES_CHECK", False):
        sql, django_params = queryset.query.get_compiler(using=using).as_sql()
        if (sql, tuple(django_params)) != (kept.sql, params):
            raise ShapeMismatch(
                f"{shape!r}: Django compiles {tuple(django_params)!r}, kept {params!r}"
            )
    prepared = copy.copy(kept.compiler)
    prepared.connection = connections[using]
    prepared.as_sql = lambda *args, **kwargs: (kept.sql, params)
    queryset.query.get_compiler = lambda *args, **kwargs: prepared
    return list(queryset)


def _flatten(values):
    flat = []
    for value in values:
        flat.extend(value if isinstance(value, list | tuple) else [value])
    return flat


def _markable(value):
    return isinstance(value, int | str) and not isinstance(value, bool)


def _marker_for(value):
    number = next(_MARKER_NUMBERS)
    return number if isinstance(value, int) else _MARKER_TEXT.format(number)


def _compile(build, values, queryset, using):
    """The shape's SQL and where each value goes; None when the values cannot be told apart in
    it (the shape is then always read the ordinary way), _NOT_THIS_TIME when this read's own
    values compile to other SQL (a value out of its column's range, an empty list)."""
    markers = [
        [_marker_for(item) for item in value]
        if isinstance(value, list | tuple)
        else _marker_for(value)
        for value in values
    ]
    flat_markers = _flatten(markers)
    index_of = {marker: index for index, marker in enumerate(flat_markers)}
    compiler = build(*markers).query.get_compiler(using=using)
    try:
        sql, marker_params = compiler.as_sql()
    except EmptyResultSet:
        return None
    slots = []
    for param in marker_params:
        if _markable(param) and param in index_of:
            slots.append(index_of[param])
        elif isinstance(param, str) and _MARKER_TEXT.split("{}")[0] in param:
            return None  # Django rewrote a value (a LIKE pattern, say): it cannot be bound as is.
        else:
            slots.append((param,))
    if {slot for slot in slots if isinstance(slot, int)} != set(range(len(flat_markers))):
        return None
    kept = _Compiled(compiler, sql, slots)
    try:
        real_sql, real_params = queryset.query.get_compiler(using=using).as_sql()
    except EmptyResultSet:
        return _NOT_THIS_TIME
    if real_sql != sql or kept.params(_flatten(values)) != tuple(real_params):
        return _NOT_THIS_TIME
    return kept
