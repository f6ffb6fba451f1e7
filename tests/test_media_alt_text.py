"""A story cannot be published while a photo in it lacks alt text in the story's language;
a draft can be saved without it."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from demo import factories
from news.models import NewsPage


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def editor(client, db):
    from wagtail.users.models import UserProfile

    user = factories.UserFactory(username="alt-editor", is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def story_index(site_tree):
    return factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")


def story_form(story, hero, body_images, action):
    network = story.networks.first()
    data = nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "summary": story.summary,
            "hero_image": hero.pk if hero else "",
            "body": streamfield(
                [
                    ("image", {"image": image.pk, "caption": "", "credit": ""})
                    for image in body_images
                ]
            ),
            "bylines": inline_formset([]),
            "corrections": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["networks"] = [str(network.pk)]
    data[action] = "1"
    return data


def post_edit(client, story, hero, body_images, action="action-publish"):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=(story.pk,)),
        story_form(story, hero, body_images, action),
    )


def errors_in_english(response):
    with translation.override("en"):
        return {
            name: " ".join(str(error) for error in errors)
            for name, errors in response.context["form"].errors.items()
        }


def test_publishing_with_alt_text_succeeds(editor, story_index):
    story = factories.NewsPageFactory(parent=story_index, live=False)
    hero, inline = factories.ImageFactory(), factories.ImageFactory()

    response = post_edit(editor, story, hero, [inline])

    assert response.status_code == 302, errors_in_english(response)
    assert NewsPage.objects.get(pk=story.pk).live


def test_publishing_is_refused_when_a_photo_has_no_thai_alt_text(editor, story_index):
    story = factories.NewsPageFactory(parent=story_index, live=False)
    hero = factories.ImageFactory(description="", title="IMG_2041")
    inline = factories.ImageFactory(description="  ", title="ตลาดเช้า")

    response = post_edit(editor, story, hero, [inline])

    assert response.status_code == 200
    errors = errors_in_english(response)
    assert "IMG_2041" in errors["hero_image"] and "Thai" in errors["hero_image"]
    assert "ตลาดเช้า" in errors["__all__"]
    assert not NewsPage.objects.get(pk=story.pk).live


def test_english_story_needs_english_alt_text(editor, story_index, locales):
    thai = factories.NewsPageFactory(parent=story_index, live=False)
    english_index = story_index.copy_for_translation(locales["en"])
    english = thai.copy_for_translation(locales["en"])
    english.title, english.slug = "Silk market", "silk-market"
    english.save()
    english.networks.set(thai.networks.all())
    assert english_index.pk
    hero = factories.ImageFactory(alt_text_en="", title="Market")

    response = post_edit(editor, english, hero, [])

    assert "alt text in English" in errors_in_english(response)["hero_image"]


def test_a_draft_can_be_saved_without_alt_text(editor, story_index):
    story = factories.NewsPageFactory(parent=story_index, live=False)
    hero = factories.ImageFactory(description="")

    response = post_edit(editor, story, hero, [], action="action-save")

    assert response.status_code == 302
    assert NewsPage.objects.get(pk=story.pk).get_latest_revision().content["hero_image"] == hero.pk
