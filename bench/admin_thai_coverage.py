"""Count the English strings a Thai-preferring reporter meets in the admin.

Run from the project root:

    /work/main/.venv/bin/python -m pytest bench/admin_thai_coverage.py -q -s

It builds a throw-away test database (the site tree, a stories section, one story of each
type, an image and a document), logs in as a plain Editors-group user whose Wagtail
preferred language is Thai, and prints the English strings of: the login page, every page of
tests/admin_thai.reporter_pages, a story form sent empty, a story submitted for review (the
message, the editor in review, the e-mail to the moderator), a story sent back with a comment
(the editor and the e-mail to the reporter), the story sent again and approved (the editor
and the e-mail to the reporter) and the page after logging out.
Set ADMIN_THAI_VERBOSE=0 to print only the counts, ADMIN_THAI_BASELINE=1 to measure without
admin_locale/ (Wagtail's and Django's own Thai), ADMIN_THAI_LANGUAGE=en to list every string
of the path, ADMIN_THAI_JSON=<file> to save the strings for bench/admin_thai_msgids.py and
ADMIN_THAI_DUMP=<folder> to keep each fetched page.
"""

import json
import os

import pytest
from django.core import mail

from tests.admin_thai import (
    english_strings,
    is_english,
    news_form_data,
    reporter_pages,
    story_fixtures,
    thai_moderator,
    thai_reporter,
    upload,
)

VERBOSE = os.environ.get("ADMIN_THAI_VERBOSE", "1") != "0"
# Where to write every English string found, as JSON, for bench/admin_thai_msgids.py.
JSON_OUT = os.environ.get("ADMIN_THAI_JSON")
FOUND = {}
# A folder to save each fetched page in, to see where a string comes from.
DUMP_DIR = os.environ.get("ADMIN_THAI_DUMP")


def _report(name, strings):
    FOUND[name] = strings
    print(f"{len(strings):4d}  {name}")
    if VERBOSE:
        for text in strings:
            print(f"        {text[:160]}")
    return len(strings)


def _email_strings(message, ignore):
    lines = [message.subject, *message.body.splitlines()]
    return [line.strip() for line in lines if line.strip() and is_english(line.strip(), ignore)]


@pytest.mark.django_db
def test_report(client, site_tree, settings):
    if os.environ.get("ADMIN_THAI_BASELINE") == "1":
        # Wagtail's and Django's own Thai only: what a reporter saw before admin_locale/.
        settings.LOCALE_PATHS = [settings.BASE_DIR / "locale"]
    stories = story_fixtures(site_tree)
    # ADMIN_THAI_LANGUAGE=en lists every string on the path (for the msgid inventory).
    language = os.environ.get("ADMIN_THAI_LANGUAGE", "th")
    user = thai_reporter(language=language)
    moderator = thai_moderator(language=language)
    # User content and data: user names, the site's hostname, an uploaded file's extension.
    ignore = {user.username, moderator.username, "reporter", "moderator", "localhost", "exe"}
    total = 0
    print("\nEnglish strings per page (Thai-preferring reporter)")
    total += _report("login", english_strings(client.get("/admin/login/").text, ignore))
    client.force_login(user)
    for name, url in reporter_pages(stories).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        total += _report(name, english_strings(response.text, ignore))
        if DUMP_DIR:
            os.makedirs(DUMP_DIR, exist_ok=True)
            with open(
                os.path.join(DUMP_DIR, name.replace(" ", "_").replace(":", "") + ".html"), "w"
            ) as out:
                out.write(response.text)

    uploads = {
        "image uploaded": ("/admin/images/multiple/add/", upload("rice-field.png")),
        "image refused": ("/admin/images/multiple/add/", upload("notes.png", b"not an image")),
        "document uploaded": ("/admin/documents/multiple/add/", upload("report.pdf", b"%PDF-1.4")),
        "document refused": ("/admin/documents/multiple/add/", upload("tool.exe", b"MZ")),
    }
    for name, (url, file) in uploads.items():
        response = client.post(url, {"files[]": file})
        total += _report(name, english_strings(response.text, ignore))

    index, story = stories["index"], stories["news"]
    invalid = client.post(f"/admin/pages/add/news/newspage/{index.pk}/", news_form_data())
    assert invalid.status_code == 200
    total += _report("new story sent empty", english_strings(invalid.text, ignore))

    mail.outbox.clear()
    submitted = client.post(
        f"/admin/pages/{story.pk}/edit/",
        news_form_data(story, **{"action-submit": "1"}),
        follow=True,
    )
    total += _report("after submit for review", english_strings(submitted.text, ignore))
    in_review = client.get(f"/admin/pages/{story.pk}/edit/")
    total += _report("story in review", english_strings(in_review.text, ignore))
    for message in mail.outbox:
        total += _report(f"e-mail to {message.to}", _email_strings(message, ignore))

    mail.outbox.clear()
    client.force_login(moderator)
    story.refresh_from_db()
    task_state = story.current_workflow_task_state
    client.post(
        f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/",
        {"comment": "ขอรูปประกอบเพิ่มอีกหนึ่งรูป"},
    )
    client.force_login(user)
    sent_back = client.get(f"/admin/pages/{story.pk}/edit/")
    total += _report("story sent back with a comment", english_strings(sent_back.text, ignore))
    for message in mail.outbox:
        total += _report(f"e-mail to {message.to}", _email_strings(message, ignore))

    # The reporter sends the story again; the moderator approves (and so publishes) it.
    client.post(
        f"/admin/pages/{story.pk}/edit/",
        news_form_data(story, **{"action-submit": "1"}),
    )
    mail.outbox.clear()
    client.force_login(moderator)
    story.refresh_from_db()
    client.post(
        f"/admin/pages/workflow/action/{story.pk}/approve/{story.current_workflow_task_state.pk}/",
        {"comment": ""},
    )
    client.force_login(user)
    # A published story is no longer the reporter's to edit (docs/roles.md); they see it on
    # their dashboard, under "My stories", marked as published.
    approved = client.get("/admin/")
    assert approved.status_code == 200
    assert story.title in approved.text
    total += _report("story approved: reporter's dashboard", english_strings(approved.text, ignore))
    for message in mail.outbox:
        total += _report(f"e-mail to {message.to}", _email_strings(message, ignore))

    logged_out = client.post("/admin/logout/", follow=True)
    total += _report("after logout", english_strings(logged_out.text, ignore))
    print(f"TOTAL {total}")
    if JSON_OUT:
        with open(JSON_OUT, "w", encoding="utf-8") as out:
            json.dump(FOUND, out, ensure_ascii=False, indent=1)
