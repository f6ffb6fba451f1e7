"""The ceiling for any page the app serves: gunicorn, as the page bench runs it, answering the
story page's bytes from a WSGI application that does nothing else (bench/pages_bench.py).

BENCH_CONSTANT_BODY names the file of bytes to send; BENCH_CONSTANT_ENCODING, when set, is
their Content-Encoding (the story page as phones get it is gzip).
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_CONSTANT_BODY"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]
if os.environ.get("BENCH_CONSTANT_ENCODING"):
    HEADERS.append(("Content-Encoding", os.environ["BENCH_CONSTANT_ENCODING"]))


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
