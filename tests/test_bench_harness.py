"""The page benchmark's own arithmetic (bench/harness.py): reading wrk's report and rewriting
only its own region of docs/performance.md. The benchmark itself is `make bench`."""

import pytest

from bench.harness import ROOT, parse_wrk, percent, replace_block, replace_region

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
