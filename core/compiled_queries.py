"""Querysets whose SQL is compiled once per process and shape.

Django turns a queryset into SQL every time it is read (``SQLCompiler.as_sql``): a story page's
nine queries spent 4.5 of its 21.7 ms of CPU there, the same work on every request
(docs/performance.md, "Where the ORM's share goes"). Django has no cache of compiled queries, so
the querysets read on every page (the route, the served page, a story's related stories, the
home page's selections) are read through ``evaluate``: the first time a shape is seen it is
built and compiled twice, once with the request's values and once with marker values standing
for them, which shows which of the SQL's parameters each value becomes. Later reads of that
shape neither build nor compile it: they read a copy of the queryset built with the markers
(building a queryset, its filters and joins, cost about as much again as compiling it), run the
kept SQL with their own values in those places, and Django builds the model instances from the
rows as usual (``select_related``, annotations, prefetches, a queryset's own ``_fetch_all``).
So a builder's values may reach only the SQL's parameters: anything else a value changed (a
prefetch's own filter, a slice) would be read as the markers left it. The check below fails a
shape whose builder does that.

This keeps a compiler between requests, which is Django's internal API (checked against Django
5.2.19: ``Query.get_compiler``, ``SQLCompiler.as_sql`` and ``execute_sql``, and the ``select``,
``klass_info``, ``annotation_col_map``, ``col_count`` and ``has_extra_select`` that ``as_sql``
fills and the iterables and ``results_iter`` read, ``get_converters``, whose answer for the
selected columns is kept per connection, and ``has_composite_fields``, whose answer for them is
kept); tests/test_compiled_queries.py fails when they change. Under ``COMPILED_QUERIES_CHECK`` (the test settings) every read is also compiled the
ordinary way and must give the same SQL and parameters and a queryset that reads its rows the
same way (its class, prefetches and every other attribute), so the whole suite checks every shape.
"""

import copy
import itertools
import operator
import weakref

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Prefetch

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

# {(shape, lengths of the list values): _Compiled}
_COMPILED = {}
# Shapes that could not be mapped (a value Django rewrites, an empty IN): read the ordinary way.
_REFUSED = set()
# What _compile answers when this read's own values compile to other SQL than the markers.
_NOT_THIS_TIME = object()


class ShapeMismatch(AssertionError):
    """The kept SQL and parameters are not what Django compiles (COMPILED_QUERIES_CHECK)."""


class _Compiled:
    def __init__(self, template, using, compiler, sql, slots):
        # The queryset built with the markers: never read itself, copied for each read.
        self.template = template
        self.using = using
        self.compiler = compiler
        self.sql = sql
        # For each of the SQL's parameters: the index of a flattened value, or (constant,).
        self.slots = slots
        # The columns the SQL selects, as results_iter reads them, their converters per
        # database connection and whether any is a composite key's pair: Django works those
        # out again on every read (SQLCompiler.get_converters and has_composite_fields), from
        # these same columns: about 3% of a cold story's Python calls.
        self.columns = [selected[0] for selected in compiler.select[0 : compiler.col_count]]
        self.converters = weakref.WeakKeyDictionary()
        self.composite = type(compiler).has_composite_fields(compiler, self.columns)

    def params(self, flat_values):
        return tuple(
            [flat_values[slot] if isinstance(slot, int) else slot[0] for slot in self.slots]
        )

    def read(self, queryset, params):
        prepared = copy.copy(self.compiler)
        prepared.connection = connections[self.using]
        prepared.as_sql = lambda *args, **kwargs: (self.sql, params)
        prepared.get_converters = lambda expressions: self.converters_of(prepared, expressions)
        prepared.has_composite_fields = lambda expressions: self.composite_of(prepared, expressions)
        queryset.query.get_compiler = lambda *args, **kwargs: prepared
        return list(queryset)

    def _selects(self, expressions):
        """Whether ``expressions`` are the selected columns themselves (the same objects)."""
        return len(expressions) == len(self.columns) and not any(
            map(operator.is_not, expressions, self.columns)
        )

    def composite_of(self, prepared, expressions):
        if self._selects(expressions):
            return self.composite
        return type(prepared).has_composite_fields(prepared, expressions)

    def converters_of(self, prepared, expressions):
        # Only the selected columns are kept; anything else (a composite key's own columns) is
        # worked out as Django does.
        worked_out = type(prepared).get_converters
        if not self._selects(expressions):
            return worked_out(prepared, expressions)
        converters = self.converters.get(prepared.connection)
        if converters is None:
            converters = self.converters[prepared.connection] = worked_out(prepared, expressions)
        return converters


def evaluate(shape, build, *values):
    """``list(build(*values))``, its SQL compiled once per ``shape``.

    ``build`` makes the queryset from ``values`` (numbers, text, or lists of them) and nothing
    else; ``shape`` names whatever else changes the SQL's text (the model, the joins). A list
    value's length is part of the shape by itself.
    """
    lengths = tuple(len(value) for value in values if isinstance(value, list | tuple))
    flat_values = _flatten(values)
    if (
        not all(map(_markable_type, {type(value) for value in flat_values}))
        or max(lengths, default=0) > MAX_LIST_LENGTH
    ):
        return list(build(*values))
    key = (shape, lengths)
    if key in _REFUSED:
        return list(build(*values))
    checking = getattr(settings, "COMPILED_QUERIES_CHECK", False)
    kept = _COMPILED.get(key)
    queryset = None
    if kept is None or checking:
        queryset = build(*values)
        if kept is None:
            if len(_COMPILED) >= MAX_SHAPES:
                return list(queryset)
            kept = _compile(build, values, queryset, queryset.db)
            if kept is None:
                _REFUSED.add(key)
            if kept is None or kept is _NOT_THIS_TIME:
                return list(queryset)
            _COMPILED[key] = kept
    template = kept.template._chain()
    if template.db != kept.using:
        return list(build(*values) if queryset is None else queryset)
    params = kept.params(flat_values)
    if checking:
        _check(shape, kept, queryset, template, params)
    return kept.read(template, params)


def padded(ids):
    """``ids`` and ids no row has (0, -1, -2, ...) up to the next power of two: each length of a
    list is a shape of its own, and a page lists any number of photos or stories. (Repeating an
    id would not do: Django drops repeats from ``IN``.)"""
    length = 1 << (len(ids) - 1).bit_length()
    return ids + [-filler for filler in range(length - len(ids))]


def _check(shape, kept, queryset, template, params):
    """COMPILED_QUERIES_CHECK: the kept read is the read Django would make of ``queryset``."""
    sql, django_params = queryset.query.get_compiler(using=kept.using).as_sql()
    if (sql, tuple(django_params)) != (kept.sql, params):
        raise ShapeMismatch(f"{shape!r}: Django compiles {tuple(django_params)!r}, kept {params!r}")
    if _reading(queryset) != _reading(template):
        raise ShapeMismatch(
            f"{shape!r}: a value changed more than the SQL's parameters: "
            f"{_reading(queryset)!r}, kept {_reading(template)!r}"
        )


def _reading(queryset):
    """What decides how a queryset's rows become results, besides its SQL."""
    state = {
        name: value
        for name, value in vars(queryset).items()
        if name not in ("_query", "_result_cache", "_prefetch_done")
    }
    state["_prefetch_related_lookups"] = tuple(
        _prefetch_print(lookup) for lookup in queryset._prefetch_related_lookups
    )
    return state


def _prefetch_print(lookup):
    # Django's Prefetch compares equal by its path alone, whatever its queryset.
    if not isinstance(lookup, Prefetch):
        return lookup
    inner = lookup.queryset
    if inner is None:
        return (lookup.prefetch_through, lookup.to_attr)
    try:
        sql = inner.query.sql_with_params()
    except EmptyResultSet:
        sql = None
    return (lookup.prefetch_through, lookup.to_attr, sql, _reading(inner))


def _flatten(values):
    flat = []
    for value in values:
        flat.extend(value if isinstance(value, list | tuple) else [value])
    return flat


def _markable_type(value_type):
    return issubclass(value_type, int | str) and not issubclass(value_type, bool)


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
    template = build(*markers)
    compiler = template.query.get_compiler(using=using)
    try:
        sql, marker_params = compiler.as_sql()
    except EmptyResultSet:
        return None
    slots = []
    for param in marker_params:
        if _markable_type(type(param)) and param in index_of:
            slots.append(index_of[param])
        elif isinstance(param, str) and _MARKER_TEXT.split("{}")[0] in param:
            return None  # Django rewrote a value (a LIKE pattern, say): it cannot be bound as is.
        else:
            slots.append((param,))
    if {slot for slot in slots if isinstance(slot, int)} != set(range(len(flat_markers))):
        return None
    kept = _Compiled(template, using, compiler, sql, slots)
    try:
        real_sql, real_params = queryset.query.get_compiler(using=using).as_sql()
    except EmptyResultSet:
        return _NOT_THIS_TIME
    if real_sql != sql or kept.params(_flatten(values)) != tuple(real_params):
        return _NOT_THIS_TIME
    return kept
