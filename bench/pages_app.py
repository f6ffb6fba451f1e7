"""The page benchmark's steps that run inside a Django site (bench/pages_bench.py starts each one
as its own process, with the environment of the server it stands for).

    python bench/pages_app.py prepare WORKDIR STORIES   # topics, reporters, the import file
    python bench/pages_app.py urls                      # the pages the benchmark loads, as JSON
    python bench/pages_app.py queries PATH...           # SQL queries and bytes of each page
    python bench/pages_app.py publish PAGE_ID           # publishes a changed title on "go"
    python bench/pages_app.py serve PATH COUNT          # serves PATH COUNT times, nothing else

``queries`` and ``serve`` work in any Django site (the stock `wagtail start` site too): they use
only the settings module in DJANGO_SETTINGS_MODULE and the current directory.
"""

import io
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent


def setup(project_dir):
    sys.path.insert(0, str(project_dir))
    import django

    django.setup()


def prepare(workdir, stories):
    """What the import file refers to (topics, reporters' accounts), then the file itself:
    ``stories`` stories, every other one the English translation of the Thai one before it."""
    setup(ROOT)
    from bench.import_bench import build_site, write_file

    build_site()
    path = write_file(Path(workdir), stories, image_count=20, seed=2569)
    print(path)


def urls():
    """The benchmark's pages, percent-encoded as a reader's browser asks for them."""
    setup(ROOT)
    from home.models import HomePage
    from networks.models import Network, NetworkIndexPage
    from news.models import StoryIndexPage, StoryPage

    home = HomePage.objects.get(locale__language_code="th", depth=2)
    # The story that spreads: the editors' lead story on the Thai home page.
    story = home.lead_story.specific
    index = StoryIndexPage.objects.live().descendant_of(home).first()
    networks = NetworkIndexPage.objects.live().descendant_of(home).first()
    network = Network.objects.filter(slug="youth").first() or Network.objects.first()
    pages = {
        "story": story.url,
        "home": home.url,
        "stories listing": index.url,
        "network page": f"{networks.url}{network.slug}/",
        "RSS feed": "/th/feeds/rss/",
        "search": "/th/search/?q=%E0%B8%9C%E0%B9%89%E0%B8%B2%E0%B9%84%E0%B8%AB%E0%B8%A1",
    }
    print(
        json.dumps(
            {
                "pages": pages,
                "story_id": story.pk,
                "story_title": story.title,
                "stories": StoryPage.objects.live().count(),
            }
        )
    )


def queries(paths):
    """For each path: status, SQL queries and HTML bytes of the second request (the first
    fills the process's own caches, as a server's first requests do)."""
    setup(Path.cwd())
    import gzip

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"host": "localhost"})
    found = {}
    for path in paths:
        client.get(path, secure=True)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, secure=True)
        body = b"".join(response) if response.streaming else response.content
        found[path] = {
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "html_bytes": len(body),
            "gzip_bytes": len(gzip.compress(body, compresslevel=6, mtime=0)),
        }
    print(json.dumps(found))


def wsgi_environ(address):
    """A reader's GET of ``address`` as gunicorn hands it to Django, behind the TLS front."""
    parts = urlsplit(address)
    return {
        "REQUEST_METHOD": "GET",
        # WSGI carries the path as latin-1 characters of its UTF-8 bytes.
        "PATH_INFO": unquote(parts.path).encode().decode("latin-1"),
        "QUERY_STRING": parts.query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": os.environ.get("PROFILE_HOST", "localhost"),
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def serve(path, count):
    """Serves ``path`` through Django's WSGI handler, as a gunicorn worker would, 20 times to
    fill the process's own caches, then ``count`` times: nothing else, so that valgrind's count
    of a run with more requests less one with fewer is what the requests cost."""
    setup(Path.cwd())
    from django.core.handlers.wsgi import WSGIHandler

    application = WSGIHandler()
    statuses = []

    def start_response(status, headers):
        statuses.append(status)

    for _ in range(20 + count):
        b"".join(application(wsgi_environ(path), start_response))
    if not statuses[-1].startswith("200"):
        raise SystemExit(f"{path} answered {statuses[-1]}")


def publish(page_id):
    """Waits for "go" on stdin, then publishes the story with a new title, as an editor's
    publish does (a new revision, then publish(): every signal fires in this process). It stays
    up until stdin closes, as a server's process would: whatever the publish started after it
    returned (purges sent from a thread) is not cut short by the process ending."""
    setup(ROOT)
    from wagtail.models import Page

    from cms.warm_up import warm_up

    # An editor publishes from one of server A's gunicorn workers, which warmed up when it
    # started (cms/wsgi.py): without this, the publish would include loading the Thai dictionary.
    warm_up()
    page = Page.objects.get(pk=page_id).specific
    title = f"{page.title} · {int(time.time())}"
    print("READY", flush=True)
    sys.stdin.readline()
    started = time.time()
    page.title = title
    page.save_revision().publish()
    print(json.dumps({"title": title, "seconds": round(time.time() - started, 3)}), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    if command == "prepare":
        prepare(arguments[0], int(arguments[1]))
    elif command == "urls":
        urls()
    elif command == "queries":
        queries(arguments)
    elif command == "publish":
        publish(int(arguments[0]))
    elif command == "serve":
        serve(arguments[0], int(arguments[1]))
    else:
        raise SystemExit(__doc__)
