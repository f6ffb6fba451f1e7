"""The world the browser tests walk through: the demo site, served at the live server's address.

The demo's own loaders build it (home.demo, news.demo), with as many of its stories as a test
needs: each story costs a second or two to publish and index, and every test builds its world anew.
"""

from unittest import mock
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from demo import site as demo
from demo import stories as news_demo
from demo import story_content as demo_content
from editorial.setup import setup_roles
from networks.models import Network
from news.models import LocalWisdomPage, ReporterProfile, StoryByline, StoryIndexPage, StoryPage

# The demo's About and member-networks pages (home.demo.load_site).
ABOUT_PATHS = {"th": "/th/เกี่ยวกับเรา/", "en": "/en/about/"}
NETWORKS_TITLE = {"th": "เครือข่ายสมาชิก", "en": "Member networks"}
SEARCH_WORDS = {"th": "ช้าง", "en": "elephant"}
CULTURE_NETWORK = {"th": "เครือข่ายวัฒนธรรมชุมชน", "en": "Community Culture Network"}
# Big enough to look like photos in the screenshots, small enough to encode quickly.
DEMO_PHOTO_SIZE = (480, 270)
# The demo's lead story and its culture story with a gallery, a radio clip and a video.
FEW_STORIES = ("silk-natural-dye", "elephant-festival")


def build(server_url, stories=FEW_STORIES, media=True, photo_size=DEMO_PHOTO_SIZE):
    """The demo site with the demo stories keyed in ``stories`` (both languages; one must be a
    culture story, which gets the demo's gallery, radio clip and video unless ``media`` is false).
    Returns the Thai and English stories sections."""
    chosen = [story for story in demo_content.STORIES if story["key"] in stories]
    demo.load_networks()
    demo.load_site()
    setup_roles()
    demo.load_accounts()
    with (
        mock.patch.object(news_demo, "IMAGE_SIZE", photo_size),
        mock.patch.object(news_demo.text, "STORIES", chosen),
        mock.patch.object(news_demo, "LEAD_STORY", chosen[0]["key"]),
        mock.patch.object(
            news_demo,
            "add_media_to_story",
            news_demo.add_media_to_story if media else lambda story: story,
        ),
    ):
        news_demo.load()
    setup_roles()  # again, now that the stories sections exist
    address = urlsplit(server_url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    cache.clear()  # Wagtail caches the site's root paths; they must follow the new port
    return {
        section.locale.language_code: section
        for section in StoryIndexPage.objects.select_related("locale")
    }


def reader_site(server_url):
    """The demo's lead story and its culture story, with a gallery, a radio clip and a video:
    {language: (stories section, the culture story)}."""
    # The demo's own photo size: wider than the widest rendition a page lists (1200 pixels), as
    # a phone photo is, so that each width in a srcset is a different file.
    sections = build(server_url, photo_size=news_demo.IMAGE_SIZE)
    showcase = StoryPage.objects.get(locale__language_code="th", slug__contains="ช้าง")
    stories = {"th": showcase, "en": showcase.get_translation(sections["en"].locale)}
    return {language: (sections[language], stories[language]) for language in ("th", "en")}


def reader_pages(page, language, section, story):
    """(name, address) of each kind of page a reader meets in ``language``, and the login page;
    the network page's address is found by following the menu in ``page``."""
    page.goto(f"/{language}/")
    networks_link = page.get_by_role("link", name=NETWORKS_TITLE[language]).first
    page.goto(networks_link.get_attribute("href"))
    network_link = page.get_by_role("link", name=CULTURE_NETWORK[language]).first
    return [
        ("home", f"/{language}/"),
        ("listing", page_url(section)),
        ("story", page_url(story)),
        ("network", network_link.get_attribute("href")),
        ("about", ABOUT_PATHS[language]),
        ("search", f"/{language}/search/?q={SEARCH_WORDS[language]}"),
        ("login", "/admin/login/"),
    ]


def page_url(page):
    return Page.objects.get(pk=page.pk).specific.url


def submitted_story(section, username, title, paragraph, network="youth"):
    """A local-wisdom story ``username`` wrote in ``section`` and submitted for review."""
    reporter = get_user_model().objects.get(username=username)
    story = LocalWisdomPage(
        title=title,
        summary=paragraph[:120],
        body=[("paragraph", f"<p>{paragraph}</p>")],
        holder_name="ยายคำ ศรีสุข",
        practice=LocalWisdomPage.Practice.WEAVING_DYEING,
        owner=reporter,
        live=False,
    )
    story.networks = [Network.objects.get(slug=network)]
    section.add_child(instance=story)
    story.save_revision(user=reporter)
    story.get_workflow().start(story, reporter)
    return story


def youth_reporters_photo_story(
    sections, title_th, paragraph_th, photo_path=None, title_en="", paragraph_en=""
):
    """A local-wisdom story by the youth network's reporter, live in Thai (and in English when
    ``title_en`` is given), whose main photo is the phone photo at ``photo_path`` if any, stored
    as every upload is."""
    reporter = get_user_model().objects.get(username="reporter_youth")
    photo = None
    if photo_path:
        photo = get_image_model()(
            title=title_th,
            file=ImageFile(photo_path.open("rb"), name=photo_path.name),
            description=title_th,
            alt_text_en=title_en,
        )
        photo.save()
    story = LocalWisdomPage(
        title=title_th,
        summary=f"{paragraph_th[:60]}…",
        body=[("paragraph", f"<p>{paragraph_th}</p>")],
        hero_image=photo,
        holder_name="ยายคำ ศรีสุข",
        practice=LocalWisdomPage.Practice.FOOD,
        owner=reporter,
        bylines=[StoryByline(reporter=ReporterProfile.objects.get(user=reporter))],
    )
    story.networks = [Network.objects.get(slug="youth")]
    sections["th"].add_child(instance=story)
    story.save_revision(user=reporter).publish()
    if title_en:
        translation = story.copy_for_translation(sections["en"].locale)
        translation.title, translation.slug = title_en, slugify(title_en)
        translation.summary = f"{paragraph_en[:60]}…"
        translation.body = [("paragraph", f"<p>{paragraph_en}</p>")]
        translation.save_revision().publish()
    return story
