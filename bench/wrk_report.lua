-- wrk's summary in one machine-readable line (bench/harness.py parse_wrk): wrk's own
-- --latency table stops at 50/75/90/99 %, and the targets ask for the 95th percentile.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "REPORT requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d " ..
    "connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
