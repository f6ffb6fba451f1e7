"""Where a page's cold render spends its time: one process, the whole middleware stack, no
network, the page cache off.

    DJANGO_SETTINGS_MODULE=cms.settings.production ... \\
        .venv/bin/python bench/render_profile.py /th/some/story/ [REQUESTS]

It serves the address REQUESTS times (200) through Django's WSGI handler, as gunicorn would
(after 20 requests that fill the process's own caches), and prints the wall and CPU time per
request, the SQL queries of one request, then the time spent in each template (inclusive and
without the templates it includes) and in each template tag. ``make bench`` measures pages
under load; this says which part of one page to work on (docs/performance.md, "Where a cold
story page's time goes").
"""

import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


class TemplateTimer:
    """Wraps Django's Template._render and the simple and inclusion tags' render methods."""

    def __init__(self):
        self.inclusive = defaultdict(float)
        self.exclusive = defaultdict(float)
        self.renders = defaultdict(int)
        self.tags = defaultdict(float)
        self.tag_calls = defaultdict(int)
        self._children = []

    def install(self):
        from django.template import base, library

        template_render = base.Template._render

        def timed_template(template, context):
            started = time.perf_counter()
            self._children.append(0.0)
            try:
                return template_render(template, context)
            finally:
                spent = time.perf_counter() - started
                nested = self._children.pop()
                self.inclusive[template.name] += spent
                self.exclusive[template.name] += spent - nested
                self.renders[template.name] += 1
                if self._children:
                    self._children[-1] += spent

        base.Template._render = timed_template
        for node_class in (library.SimpleNode, library.InclusionNode):
            node_class.render = self._timed_tag(node_class.render)

    def _timed_tag(self, render):
        def timed(node, context):
            started = time.perf_counter()
            try:
                return render(node, context)
            finally:
                self.tags[node.func.__name__] += time.perf_counter() - started
                self.tag_calls[node.func.__name__] += 1

        return timed

    def reset(self):
        for table in (self.inclusive, self.exclusive, self.renders, self.tags, self.tag_calls):
            table.clear()


def main(address, requests):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    from bench.pages_app import wsgi_environ

    application = WSGIHandler()
    statuses = []

    def request():
        body = b"".join(
            application(wsgi_environ(address), lambda status, headers: statuses.append(status))
        )
        return len(body)

    timer = TemplateTimer()
    timer.install()
    for _ in range(20):
        size = request()
    # Counted in the cursor: the handler's request_started signal empties Django's query log.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        request()
    timer.reset()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(requests):
        request()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    def per_request(seconds):
        return seconds / requests * 1000

    print(f"{unquote(address)}: {statuses[-1]}, {size} bytes sent, {len(queries)} queries")
    print(f"per request: {per_request(wall):.2f} ms wall, {per_request(cpu):.2f} ms CPU")
    print("\ntemplate (ms per request: with what it includes, without; renders per request)")
    for name in sorted(timer.inclusive, key=timer.inclusive.get, reverse=True):
        print(
            f"  {name:56} {per_request(timer.inclusive[name]):6.2f} "
            f"{per_request(timer.exclusive[name]):6.2f}  x{timer.renders[name] / requests:g}"
        )
    print("\ntemplate tag (ms per request; calls per request)")
    for name in sorted(timer.tags, key=timer.tags.get, reverse=True):
        print(
            f"  {name:56} {per_request(timer.tags[name]):6.2f}  x{timer.tag_calls[name] / requests:g}"
        )


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200)
