"""A paginator for large ordered querysets: a page's primary keys first, from the nearer end.

Django's Paginator (same pages, numbers and ``?page=N`` addresses), but a page is found in
two steps: its primary keys alone, read from whichever end of the ordering is nearer (so the
last of 7,000 pages costs what the first does, not an OFFSET over everything before it), then
those rows with everything they carry (joins, prefetches, specific pages), put back in order.
Story listings and the sitemap's parts use it (bench/scale_bench.py measures both).
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class KeysFirstPaginator(Paginator):
    """``rows``: the same objects in the same order, in a queryset that is cheaper to count
    and to read keys from (fewer joins, an index that covers it); by default the list itself
    without its prefetches."""

    def __init__(self, object_list, per_page, rows=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = object_list.prefetch_related(None) if rows is None else rows

    @cached_property
    def count(self):
        return self.rows.order_by().count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.rows.values_list("pk", flat=True)
        if bottom > self.count - top:
            # Past the middle: counted from the end, in reverse, then put back in order.
            pks = list(keys.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            pks = list(keys[bottom:top])
        found = {item.pk: item for item in self.object_list.filter(pk__in=pks)}
        return self._get_page([found[pk] for pk in pks if pk in found], number, self)
