"""The page benchmark's own arithmetic (bench/harness.py): reading wrk's report and rewriting
only its own region of docs/performance.md. The benchmark itself is `make bench`."""

import pytest

from bench.harness import (
    ROOT,
    headings,
    parse_wrk,
    percent,
    region,
    replace_block,
    replace_region,
)

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8261/th/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   318.52ms   96.13ms 610.47ms   71.20%
    Req/Sec    12.61      5.87    30.00     72.31%
  Latency Distribution
     50%  301.84ms
     75%  372.03ms
     90%  447.95ms
     99%  560.10ms
  251 requests in 10.04s, 8.02MB read
  Non-2xx or 3xx responses: 3
Requests/sec:     25.00
Transfer/sec:    818.19KB
REPORT requests=251 duration_us=10040115 p50_us=301840 p95_us=497210 p99_us=560100 max_us=610470 connect=0 read=2 write=0 timeout=1 status=3
"""


def test_wrk_report_gives_rate_percentiles_and_every_kind_of_error():
    figures = parse_wrk(WRK_OUTPUT)
    assert figures["requests"] == 251
    assert figures["requests_per_second"] == 25.0
    assert (figures["p50_ms"], figures["p95_ms"], figures["p99_ms"]) == (301.84, 497.21, 560.1)
    assert figures["max_ms"] == 610.47
    # 2 read errors, 1 timeout and 3 responses outside 2xx/3xx.
    assert figures["errors"] == 6
    assert figures["non_2xx_3xx"] == 3


def test_wrk_output_without_the_report_script_is_refused():
    plain = WRK_OUTPUT.split("REPORT")[0]
    with pytest.raises(ValueError, match="wrk_report.lua"):
        parse_wrk(plain)


def test_only_the_named_region_is_replaced():
    text = (
        "# Performance\n\n<!-- bench:pages:begin -->\nold pages\n<!-- bench:pages:end -->\n\n"
        "<!-- bench:scale:begin -->\nscale figures\n<!-- bench:scale:end -->\n"
    )
    new = replace_region(text, "pages", "| page | req/s |\n|---|---|\n| story | 25.0 |\n")
    assert "old pages" not in new
    assert "<!-- bench:pages:begin -->\n| page | req/s |" in new
    assert "| story | 25.0 |\n<!-- bench:pages:end -->" in new
    assert new.startswith("# Performance\n\n")
    assert new.endswith("<!-- bench:scale:begin -->\nscale figures\n<!-- bench:scale:end -->\n")
    # Run twice, the same text: the region does not grow.
    assert replace_region(new, "pages", "| page | req/s |\n|---|---|\n| story | 25.0 |\n") == new


def test_a_missing_or_doubled_region_is_an_error_not_a_silent_append():
    with pytest.raises(ValueError):
        replace_region("no markers here", "pages", "x")
    doubled = "<!-- bench:pages:begin -->a<!-- bench:pages:end -->" * 2
    with pytest.raises(ValueError):
        replace_region(doubled, "pages", "x")


def test_a_hand_written_section_inside_a_region_is_not_deleted():
    misplaced = (
        "<!-- bench:scale:begin -->\n## Notes from a session\nkept by hand\n\n"
        "## 100,000 stories\nold table\n<!-- bench:scale:end -->\n"
    )
    with pytest.raises(ValueError, match="Notes from a session"):
        replace_region(misplaced, "scale", "## 100,000 stories\nnew table\n")
    # The bench's own heading, written again, is no loss.
    own = "<!-- bench:scale:begin -->\n## 100,000 stories\nold table\n<!-- bench:scale:end -->\n"
    assert "new table" in replace_region(own, "scale", "## 100,000 stories\nnew table\n")


def test_each_region_of_the_performance_doc_holds_only_what_its_bench_writes():
    text = (ROOT / "docs" / "performance.md").read_text()
    own_headings = {
        "pages": [],
        "scale": ["## 100,000 stories (`bench/scale_bench.py`)"],
        "weight": ["### Page weight of a story"],
    }
    for name, own in own_headings.items():
        assert headings(region(text, name)) == own, name


def test_the_performance_doc_has_the_pages_region():
    text = (ROOT / "docs" / "performance.md").read_text()
    assert replace_region(text, "pages", "x").count("x\n<!-- bench:pages:end -->") == 1


def test_the_vcl_backends_block_is_replaced_and_nothing_else():
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    new = replace_block(vcl, "backends", 'backend app1 { .host = "127.0.0.1"; }\n')
    assert "10.0.0.11" not in new.split("acl purge")[0]
    assert 'backend app1 { .host = "127.0.0.1"; }\n# backends:end' in new
    # The purge list and every rule after the block stay as committed.
    assert new.split("# backends:end")[1] == vcl.split("# backends:end")[1]


def test_ratio_of_missing_figures_is_none():
    assert percent(50, 100) == 0.5
    assert percent(None, 100) is None
    assert percent(10, 0) is None


def run_figures(rate, p95=50.0, cache=""):
    return {
        "requests": int(rate * 10),
        "seconds": 10.0,
        "requests_per_second": rate,
        "errors": 0,
        "non_2xx_3xx": 0,
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "p99_ms": p95 * 1.5,
        "max_ms": p95 * 2,
        "peak_worker_rss_mib": 120.0,
        "cache": cache,
        "bytes_sent": 6000,
    }


def results(story_cold, story_warm, proxy, nginx, seen_after):
    page = {"queries_cold": 10, "queries_warm": 0, "html_bytes": 33000, "gzip_bytes": 6000}
    return {
        "date": "2026-11-29 18:00 UTC",
        "total_seconds": 480,
        "seconds_per_load": 10,
        "stories": 330,
        "machine": {
            "cpus": 2,
            "cpu_model": "AMD EPYC",
            "memory_gib": 23.5,
            "os": "Debian GNU/Linux 12 (bookworm)",
            "load_before": 1.0,
        },
        "versions": dict.fromkeys(
            ("postgresql", "redis", "varnish", "nginx", "wrk", "gunicorn", "python", "django"),
            "1.0",
        )
        | {"wagtail": "8.0.1"},
        "pages": {
            "story": {
                **page,
                "cold": run_figures(story_cold),
                "warm": run_figures(story_warm, 5, "hit"),
            },
            "home": {**page, "cold": run_figures(20), "warm": run_figures(900, 5, "hit")},
        },
        "yardsticks": {
            "stock home (first)": {**run_figures(200), "queries": 4, "html_bytes": 6800},
            "stock home (last)": run_figures(190),
            "nginx static": {**run_figures(nginx), "bytes": 6000},
        },
        "proxy": {
            "story": {**run_figures(proxy, 2, "HIT"), "bytes": 6000},
            "home": run_figures(proxy, 2, "HIT"),
        },
        "two_servers": {
            "same_story_bytes": True,
            "cache_control": "max-age=0, public, s-maxage=60",
            "backend_requests": {"app1": 40, "app2": 41},
            "proxy_cache_before": "HIT",
            "publish_seconds": 0.3,
            "visible_through_proxy_s": seen_after,
            "visible_on_server_b_s": seen_after,
            "timeout_s": 10.0,
        },
    }


def met_column(text):
    rows = text.split("Against the targets")[1].splitlines()
    return {
        row.split(" | ")[0].lstrip("| "): row.rsplit(" | ", 1)[1].rstrip(" |")
        for row in rows
        if row.startswith("| ") and "|---" not in row and not row.startswith("| what")
    }


def test_the_tables_say_which_targets_this_run_met():
    from bench.pages_report import render

    good = met_column(render(results(120, 3000, 9000, 10000, 0.4)))
    assert set(good.values()) == {"yes"}
    bad = met_column(render(results(60, 100, 2000, 10000, None)))
    # 60 ÷ 200 = 0.30, 100 ÷ 60 = 1.7, 2,000 ÷ 10,000 = 0.2; the publish never showed.
    assert bad["story page cold ÷ stock `wagtail start` home (its faster load)"] == "**no**"
    assert bad["story page warm (app cache) ÷ cold"] == "**no**"
    assert bad["story page through Varnish ÷ nginx static file"] == "**no**"
    assert bad["a publish on one server seen through Varnish"] == "**no**"
    # Within budget either way: 10 queries, p95 50 ms.
    assert bad["SQL queries of the story page, cold"] == "yes"
    assert bad["story page cold, p95"] == "yes"


def test_the_story_page_is_compared_with_the_faster_load_of_the_stock_page():
    from bench.pages_report import stock_rate

    figures = results(100, 3000, 9000, 10000, 0.4)
    figures["yardsticks"]["stock home (first)"]["requests_per_second"] = 150
    figures["yardsticks"]["stock home (last)"]["requests_per_second"] = 210
    assert stock_rate(figures) == 210
    del figures["yardsticks"]["stock home (last)"]
    assert stock_rate(figures) == 150  # a run from before the second load


def test_the_proxy_is_compared_with_nginx_over_both_loads_of_each():
    from bench.pages_report import proxy_and_ceiling

    def runs(first, last):
        return {"requests_per_second": first}, {"requests_per_second": last}

    varnish_first, varnish_last = runs(20_000, 30_000)
    nginx_first, nginx_last = runs(40_000, 30_000)
    results = {
        "proxy": {"story": varnish_first, "story (last)": varnish_last},
        "yardsticks": {"nginx static": nginx_first, "nginx static (last)": nginx_last},
    }
    assert proxy_and_ceiling(results) == (50_000, 70_000)
    del results["proxy"]["story (last)"], results["yardsticks"]["nginx static (last)"]
    assert proxy_and_ceiling(results) == (20_000, 40_000)  # a run from before the second pair


BURNER = """
import sys, time
while time.process_time() < 0.4:
    pass
print("done", flush=True)
sys.stdin.read()
"""


def test_cpu_time_counts_the_app_and_its_children_while_they_run():
    import os
    import subprocess
    import sys
    from pathlib import Path

    from bench.harness import CpuTime, processes_named

    with CpuTime(os.getpid()) as cpu:
        burner = subprocess.Popen(  # noqa: S603 (this interpreter, our own script)
            [sys.executable, "-c", BURNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert burner.stdout.readline() == "done\n"
            name = Path(f"/proc/{burner.pid}/comm").read_text().strip()
            assert burner.pid in processes_named(name)
        except BaseException:
            burner.kill()
            raise
    burner.communicate("")
    # The child used 0.4 s of CPU and was still running when the load ended: it counts whole.
    assert cpu.app_ms >= 350
    assert cpu.machine_ms >= cpu.app_ms - 50
    per_request = cpu.per_request(100)
    assert per_request["app"] == round(cpu.app_ms / 100, 2)
    assert cpu.per_request(0)["app"] is None


def test_the_tables_show_where_a_cold_request_spends_its_cpu():
    from bench.pages_report import render

    figures = results(100, 3000, 9000, 10000, 0.4)
    figures["pages"]["story"]["cold"]["cpu_ms_per_request"] = {
        "app": 16.3,
        "postgresql": 3.6,
        "machine": 21.5,
    }
    figures["yardsticks"]["stock home (first)"]["cpu_ms_per_request"] = {
        "app": 3.1,
        "postgresql": 0.7,
        "machine": 5.6,
    }
    text = render(figures)
    assert "| story, cold | 16.3 | 3.6 | 21.5 |" in text
    assert "| stock `wagtail start` home page, before the pages | 3.1 | 0.7 | 5.6 |" in text
    # 2 cores ÷ 21.5 ms ≈ 93 requests a second; half the stock page's faster rate (200) is 100
    # requests a second, 20.0 ms each.
    assert "they serve at most 93 requests a second" in text
    assert "(100 req/s) would leave 20.0 ms per request" in text
    # A run from before the bench measured CPU has no such table.
    del figures["pages"]["story"]["cold"]["cpu_ms_per_request"]
    assert "CPU time per request" not in render(figures)


def test_the_tables_compare_the_instructions_of_a_cold_story_and_the_stock_page():
    from bench.pages_report import render

    figures = results(100, 3000, 9000, 10000, 0.4)
    assert "Instructions per request" not in render(figures)
    figures["instructions"] = {"story": 54_870_000, "stock": 16_700_000}
    text = render(figures)
    assert "The story page cold: 54.87 M; the stock page: 16.70 M." in text
    assert "does 3.29× the stock page's work" in text
    assert "it would serve 0.30× the stock page's rate" in text


def test_callgrind_totals_are_read_and_a_run_without_one_is_refused():
    from bench.harness import parse_callgrind_total

    output = "==12926== Events    : Ir\n==12926== Collected : 5106383042\n==12926==\n"
    assert parse_callgrind_total(output) == 5_106_383_042
    with pytest.raises(ValueError, match="no instruction count"):
        parse_callgrind_total("==1== Memcheck, a memory error detector\n")


def test_the_tables_set_the_warm_story_against_gunicorns_own_ceiling():
    from bench.pages_report import render

    figures = results(120, 2240, 9000, 10000, 0.4)
    assert "what the same gunicorn serves" not in render(figures)
    figures["yardsticks"]["gunicorn constant"] = {**run_figures(8000), "bytes": 6000}
    text = render(figures)
    assert "| gunicorn, 2 sync workers, the same bytes from a WSGI app" in text
    assert "| 8,000.0 |" in text
    # 2,240 ÷ 8,000 = 0.28; 20 × 120 = 2,400, 0.30 of the ceiling.
    assert "A warm story page is 2,240.0 req/s, 0.28× what the same gunicorn serves" in text
    assert "20× the cold story's rate is 2,400.0 req/s, 0.30× that ceiling" in text
