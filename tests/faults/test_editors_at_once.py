"""Two editors save the same story at the same moment, from the same loaded version, through
the real server: both versions survive as revisions, and the one saved second is told."""

import html
import threading

import pytest
from django.utils.translation import gettext, override

from .harness import Editor

pytestmark = pytest.mark.slow

TOLD = (
    "%(names)s saved this page while you were editing it. Your version is saved as the newest; "
    "theirs is kept in the page's history, so compare the two there before you publish."
)


def test_both_versions_survive_and_the_later_saver_is_told(drill, figures):
    editors = {name: Editor(drill, name) for name in ("editor_a", "editor_b")}
    forms = {name: editor.open_form() for name, editor in editors.items()}
    assert forms["editor_a"] == forms["editor_b"]
    titles = {name: f"ฉบับพร้อมกันของ {name}" for name in editors}
    answers = {}
    start = threading.Barrier(2)

    def save(name):
        start.wait()
        answers[name] = editors[name].save_draft(titles[name], extra=forms[name], timeout=30)

    threads = [threading.Thread(target=save, args=(name,)) for name in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert {name: answer.status_code for name, answer in answers.items()} == {
        "editor_a": 302,
        "editor_b": 302,
    }
    rows = drill.postgres.query(
        "SELECT content->>'title' FROM wagtailcore_revision WHERE object_id = %s ORDER BY id",
        str(drill.site["story_id"]),
    )
    saved = [title for (title,) in rows if title in titles.values()]
    assert sorted(saved) == sorted(titles.values())
    # The later save is the one whose version the page now shows (the saves' revision ids may
    # be in either order: each takes its id before the other commits).
    ((newest,),) = drill.postgres.query(
        "SELECT r.content->>'title' FROM wagtailcore_page p"
        " JOIN wagtailcore_revision r ON r.id = p.latest_revision_id WHERE p.id = %s",
        drill.site["story_id"],
    )
    second = next(name for name in titles if titles[name] == newest)
    first = next(name for name in titles if name != second)
    with override("th"):
        told = gettext(TOLD) % {"names": first}
        told_without_names = gettext(TOLD).split("%(names)s")[1]
    pages = {
        name: html.unescape(editor.session.get(editor.edit_url, timeout=15).text)
        for name, editor in editors.items()
    }
    assert told in pages[second]
    assert told_without_names not in pages[first]
    figures.append(
        f"two editors at once: 2 saves, 2 revisions, lost 0; {second} (saved second) told, "
        f"{first} not"
    )
