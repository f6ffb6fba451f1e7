"""Builds the drill's site in its private database and prints what the drill needs, as JSON.

Run by the harness as ``python -m tests.faults.seed`` under the drill's server settings.
"""

import json

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from demo import factories  # noqa: E402
from demo.factories import published_story  # noqa: E402
from tests.roles_world import story_form_data  # noqa: E402
from tests.story_helpers import build_site_tree  # noqa: E402

PASSWORD = "fault-drill-password"  # noqa: S105 – a throw-away database


def main():
    tree = build_site_tree(about=True, stories=True)
    network = factories.NetworkFactory(slug="media", name_th="เครือข่ายสื่อ", name_en="Media")
    index = tree["th"]
    stories = [
        published_story(index, title=f"ข่าวชุมชนท่าตูม {n}", networks=[network], days_ago=n)
        for n in range(5)
    ]
    for username in ("editor_a", "editor_b"):
        get_user_model().objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    edited = stories[0]
    print(
        json.dumps(
            {
                "reader_paths": [
                    tree["home_th"].url,
                    index.url,
                    tree["about_th"].url,
                    *(story.url for story in stories[1:]),
                ],
                "story_id": edited.pk,
                "story_form": story_form_data(edited),
                "password": PASSWORD,
            }
        )
    )


main()
