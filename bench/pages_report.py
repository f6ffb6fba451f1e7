"""The page benchmark's tables (the ``bench:pages`` region of docs/performance.md), written from
bench/pages_results.json's figures by ``render``. To write them again from the last results:

    .venv/bin/python -m bench.pages_report
"""

import json
from pathlib import Path

from bench.harness import CALLGRIND_REQUESTS, ROOT, percent, replace_region

# Issue 11: a warm story page from the app's cache at least this many times its cold rate.
WARM_OVER_COLD_TARGET = 20


def _kb(size):
    return f"{size / 1024:.1f} KB" if size else "–"


def _latency(run):
    if not run:
        return "–"
    return f"{run['p50_ms']:.1f} / {run['p95_ms']:.1f} / {run['p99_ms']:.1f}"


def _rate(run):
    return f"{run['requests_per_second']:,.1f}" if run else "–"


def _ratio(value):
    return f"{value:.2f}×" if value is not None else "–"


def _seconds(value, timeout):
    return f"{value:.2f} s" if value is not None else f"not within {timeout:.0f} s"


def _cache(run):
    """Whether the request just before the load came from a cache (X-Page-Cache, X-Cache)."""
    answer = (run or {}).get("cache", "").lower()
    return {"hit": "yes", "miss": "no"}.get(answer, "–")


def _after(value, timeout):
    return f"after {value:.2f} s" if value is not None else f"not within {timeout:.0f} s"


def _sent(two, name):
    value = two.get("first_showing_request_sent_s", {}).get(name)
    return f"{value:.2f} s" if value is not None else "–"


def _met(ok):
    if ok is None:
        return "–"
    return "yes" if ok else "**no**"


def proxy_and_ceiling(results):
    """Requests/s through Varnish and from nginx, each summed over the run's two loads
    (Varnish, nginx, later nginx, Varnish); results from before the second pair have one."""
    proxies = [results["proxy"]["story"], results["proxy"].get("story (last)")]
    ceilings = [
        results["yardsticks"]["nginx static"],
        results["yardsticks"].get("nginx static (last)"),
    ]
    return (
        sum(run["requests_per_second"] for run in proxies if run),
        sum(run["requests_per_second"] for run in ceilings if run),
    )


def stock_rate(results):
    """The stock page's rate for the ratio: the faster of its two loads (before and after the
    pages), so a load slowed by the machine's other work cannot flatter the story page."""
    loads = [
        results["yardsticks"]["stock home (first)"],
        results["yardsticks"].get("stock home (last)"),
    ]
    return max(run["requests_per_second"] for run in loads if run)


def ratios(results):
    """The issue's targets, as measured in this run: (what, measured, target, met)."""
    story = results["pages"]["story"]
    two = results["two_servers"]
    cold, warm = story["cold"], story["warm"]
    vs_stock = percent(cold["requests_per_second"], stock_rate(results))
    warm_cold = percent(warm["requests_per_second"], cold["requests_per_second"])
    proxy_nginx = percent(*proxy_and_ceiling(results))
    via_proxy, on_b = two["visible_through_proxy_s"], two["visible_on_server_b_s"]
    return [
        (
            "story page cold ÷ stock `wagtail start` home (its faster load)",
            _ratio(vs_stock),
            "≥ 0.5×",
            _met(vs_stock is not None and vs_stock >= 0.5),
        ),
        (
            "SQL queries of the story page, cold",
            str(story["queries_cold"]),
            "≤ 12",
            _met(story["queries_cold"] <= 12),
        ),
        (
            "story page cold, p95",
            f"{cold['p95_ms']:.1f} ms",
            "< 100 ms",
            _met(cold["p95_ms"] < 100),
        ),
        (
            "story page warm (app cache) ÷ cold",
            _ratio(warm_cold),
            f"≥ {WARM_OVER_COLD_TARGET}×",
            _met(warm_cold is not None and warm_cold >= WARM_OVER_COLD_TARGET),
        ),
        (
            "story page through Varnish ÷ nginx static file",
            _ratio(proxy_nginx),
            "≥ 0.8×",
            _met(proxy_nginx is not None and proxy_nginx >= 0.8),
        ),
        (
            "a publish on one server seen through Varnish",
            _seconds(via_proxy, two["timeout_s"]),
            "≤ 2 s",
            _met(via_proxy is not None and via_proxy <= 2),
        ),
        (
            "a publish on one server seen on server B",
            _seconds(on_b, two["timeout_s"]),
            "≤ 2 s",
            _met(on_b is not None and on_b <= 2),
        ),
    ]


def _cpu_cells(run):
    cpu = (run or {}).get("cpu_ms_per_request")
    if not cpu:
        return None
    return " | ".join(f"{cpu[group]:.1f}" for group in ("app", "postgresql", "machine"))


def cpu_split(results):
    """Where each cold request's CPU went, beside the stock page's, and what half the stock
    page's rate leaves per request; no lines for a run from before the bench measured CPU."""
    rows = [(f"{name}, cold", row.get("cold")) for name, row in results["pages"].items()] + [
        (
            "stock `wagtail start` home page, before the pages",
            results["yardsticks"]["stock home (first)"],
        ),
        ("the same, after the pages", results["yardsticks"].get("stock home (last)")),
    ]
    cells = [(label, _cpu_cells(run)) for label, run in rows]
    story = results["pages"]["story"]["cold"].get("cpu_ms_per_request")
    if not story:
        return []
    cpus = results["machine"]["cpus"]
    half_stock = stock_rate(results) / 2
    return [
        "",
        "CPU time per request during each load (from /proc: user and system time over the load, "
        "÷ the requests wrk counted), in ms: the app's gunicorn and its workers, PostgreSQL (all "
        "its processes), and the whole machine (the app and PostgreSQL, wrk, Redis and whatever "
        "else the shared machine ran):",
        "",
        "| load | app | PostgreSQL | whole machine |",
        "|---|---|---|---|",
        *(f"| {label} | {cell} |" for label, cell in cells if cell),
        "",
        f"The machine's {cpus} cores give {cpus * 1000:,} ms of CPU a second. At "
        f"{story['machine']:.1f} ms of the machine per cold story request they serve at most "
        f"{cpus * 1000 / story['machine']:,.0f} requests a second; half the stock page's rate "
        f"({half_stock:,.0f} req/s) would leave {cpus * 1000 / half_stock:.1f} ms per request "
        "for everything.",
    ]


def warm_against_ceiling(results):
    """The warm story page against gunicorn serving the same bytes with no app behind it, and
    what 20× the cold rate would ask of it; no lines for a run from before that yardstick."""
    ceiling = results["yardsticks"].get("gunicorn constant")
    if not ceiling:
        return []
    story = results["pages"]["story"]
    warm = story["warm"]["requests_per_second"]
    wanted = WARM_OVER_COLD_TARGET * story["cold"]["requests_per_second"]
    rate = ceiling["requests_per_second"]
    return [
        "",
        f"A warm story page is {warm:,.1f} req/s, {percent(warm, rate):.2f}× what the same "
        f"gunicorn serves from an app that does nothing ({rate:,.1f} req/s): each sync worker "
        "takes one connection per request, and the rest is Django's handler and the middleware "
        "before the page cache, which answers from the worker's own copy (Redis is asked at "
        "most twice a second, page_cache.process_copies). "
        f"{WARM_OVER_COLD_TARGET}× the cold story's rate is "
        f"{wanted:,.1f} req/s, {percent(wanted, rate):.2f}× that ceiling: the faster a page "
        "renders cold, the nearer the warm target comes to gunicorn's own limit.",
    ]


def instruction_split(results):
    """The instructions of one cold story request against one stock page request, each served
    in one process; no lines for a run from before the bench counted them."""
    counts = results.get("instructions")
    if not counts:
        return []
    story, stock = counts["story"], counts["stock"]
    fewer, more = CALLGRIND_REQUESTS
    return [
        "",
        "Instructions per request, each page served in one process without a network "
        "(`bench/pages_app.py serve`, the story with the page cache off) under valgrind's "
        f"callgrind, a run of {more} requests less one of {fewer}, ÷ {more - fewer}: these counts "
        f"do not move with the shared machine's load. The story page cold: {story / 1e6:.2f} M; the stock page: "
        f"{stock / 1e6:.2f} M. The story page does {story / stock:.2f}× the stock page's work, "
        f"so in the app alone it would serve {stock / story:.2f}× the stock page's rate.",
    ]


def render(results):
    machine, versions = results["machine"], results["versions"]
    lines = [
        f"Measured {results['date']} by `make bench` (bench/pages_bench.py; every figure is in "
        "bench/pages_results.json), in one run of "
        f"{results['total_seconds'] / 60:.1f} minutes.",
        "",
        f"- **Machine**: {machine['cpus']} × {machine['cpu_model']}, "
        f"{machine['memory_gib']} GiB RAM, {machine['os']} (load average "
        f"{machine['load_before']} at the start: the machine is shared, so only ratios from the "
        "same run are compared).",
        f"- **Software**: PostgreSQL {versions['postgresql']}, Redis {versions['redis']}, "
        f"Varnish {versions['varnish']}, nginx {versions['nginx']}, wrk {versions['wrk']}, "
        f"gunicorn {versions['gunicorn']}, Python {versions['python']}, Django "
        f"{versions['django']}, Wagtail {versions['wagtail']}.",
        f"- **Content**: {results['stories']} live stories (the demo's 30, and the rest through "
        "`manage.py import_stories`, half of them English translations); the story page is the "
        "Thai home page's lead story.",
        "- **Servers**: `cms.settings.production` with the variables of README's \"Production "
        'shape" (PostgreSQL, `REDIS_URL`), `gunicorn cms.wsgi --workers 2` (sync). *Cold*: the '
        "app's page cache off (`PAGE_CACHE_SECONDS=0`); *warm*: on, in Redis, second and later "
        "requests. Varnish runs deploy/varnish.vcl in front of two such servers (round robin).",
        f"- **Load**: `wrk -t2 -c8 -d{results['seconds_per_load']}s --latency` per page with "
        "`Host: localhost`, `X-Forwarded-Proto: https` (what the TLS front adds) and "
        "`Accept-Encoding: gzip`; latencies are p50 / p95 / p99 in ms; memory is the largest "
        "resident size of one gunicorn worker during the load. SQL queries and HTML size from one "
        "request after a first one, in a separate process (Django's CaptureQueriesContext).",
        "",
        "| page | SQL queries cold / warm | HTML (gzip) | cold req/s | cold latency ms | "
        "warm req/s | warm latency ms | warm ÷ cold | warm from the app cache | "
        "worker memory cold / warm |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in results["pages"].items():
        cold, warm = row.get("cold"), row.get("warm")
        lines.append(
            f"| {name} | {row['queries_cold']} / {row['queries_warm']} | "
            f"{_kb(row['html_bytes'])} ({_kb(row['gzip_bytes'])}) | {_rate(cold)} | "
            f"{_latency(cold)} | {_rate(warm)} | {_latency(warm)} | "
            f"{_ratio(percent(warm and warm['requests_per_second'], cold and cold['requests_per_second']))} | "
            f"{_cache(warm)} | "
            f"{cold.get('peak_worker_rss_mib', '–')} / {warm.get('peak_worker_rss_mib', '–')} MiB |"
        )
    lines += [
        "",
        "Yardsticks and the proxy, in the same run:",
        "",
        "| what | req/s | latency ms | bytes sent | answered from a cache | errors |",
        "|---|---|---|---|---|---|",
    ]
    stock_first = results["yardsticks"]["stock home (first)"]
    for label, run, size in [
        (
            f"stock `wagtail start` home page, 2 gunicorn workers ({stock_first['queries']} SQL "
            "queries), before the pages",
            stock_first,
            stock_first["html_bytes"],
        ),
        (
            "the same, after the pages",
            results["yardsticks"]["stock home (last)"],
            stock_first["html_bytes"],
        ),
        (
            "nginx, the story page's bytes as a static file at its address (the ceiling)",
            results["yardsticks"]["nginx static"],
            results["yardsticks"]["nginx static"]["bytes"],
        ),
        (
            "gunicorn, 2 sync workers, the same bytes from a WSGI app that does nothing else "
            "(bench/constant_app.py: the ceiling for the app's pages), after the warm story",
            results["yardsticks"].get("gunicorn constant"),
            results["yardsticks"].get("gunicorn constant", {}).get("bytes"),
        ),
        (
            "story page through Varnish (deploy/varnish.vcl)",
            results["proxy"]["story"],
            results["proxy"]["story"]["bytes"],
        ),
        ("home page through Varnish", results["proxy"]["home"], None),
        (
            "nginx static file again, at the end",
            results["yardsticks"].get("nginx static (last)"),
            results["yardsticks"]["nginx static"]["bytes"],
        ),
        (
            "story page through Varnish again, after it",
            results["proxy"].get("story (last)"),
            results["proxy"]["story"]["bytes"],
        ),
    ]:
        if run is None:
            continue
        lines.append(
            f"| {label} | {_rate(run)} | {_latency(run)} | {_kb(run.get('bytes_sent') or size)} | "
            f"{_cache(run)} | {run['errors']} |"
        )
    lines += warm_against_ceiling(results)
    lines += cpu_split(results)
    lines += instruction_split(results)
    two = results["two_servers"]
    backends = ", ".join(
        f"{name} {count}" for name, count in sorted(two["backend_requests"].items())
    )
    lines += [
        "",
        "Against the targets of issue 11, from this run:",
        "",
        "| what | measured | target | met |",
        "|---|---|---|---|",
        *(
            f"| {what} | {measured} | {target} | {met} |"
            for what, measured, target, met in ratios(results)
        ),
        "",
        "Two app servers (A and B: same PostgreSQL, Redis and media folder) behind Varnish: "
        f"they answered the story page with {'the same' if two['same_story_bytes'] else '**different**'} "
        f"bytes; Varnish sent requests to both ({backends or 'no counters read'}). The story page "
        f"carries `Cache-Control: {two['cache_control'] or '(none)'}`; before the publish Varnish "
        f"answered it with `X-Cache: {two['proxy_cache_before'] or '(none)'}`. A new title "
        "published from a separate process with server A's settings (a new revision, then "
        f"`publish()`, {two['publish_seconds']:.2f} s) showed through Varnish "
        f"{_after(two['visible_through_proxy_s'], two['timeout_s'])} and on server B "
        f"{_after(two['visible_on_server_b_s'], two['timeout_s'])}: from the start of the "
        "publish to the arrival of the first response that showed it, each polled every 20 ms "
        "once `publish()` had returned (that request was sent after "
        f"{_sent(two, 'proxy')} and {_sent(two, 'server B')}; the rest is the page being built "
        "afresh).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    results = json.loads((Path(__file__).resolve().parent / "pages_results.json").read_text())
    doc = ROOT / "docs" / "performance.md"
    doc.write_text(replace_region(doc.read_text(), "pages", render(results)))
