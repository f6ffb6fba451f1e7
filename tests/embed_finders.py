"""oEmbed finders for tests: no test ever asks YouTube or Facebook anything."""

from urllib.error import URLError

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

CALLS = []


class FakeVideoFinder(EmbedFinder):
    """Answers for YouTube and Facebook links as the real providers would, without the network."""

    def accept(self, url):
        return "youtube.com" in url or "youtu.be" in url or "facebook.com" in url

    def find_embed(self, url, max_width=None, max_height=None):
        CALLS.append(url)
        return {
            "title": "ประเพณีบุญข้าวจี่",
            "author_name": "Siang Chumchon",
            "provider_name": "YouTube",
            "type": "video",
            "thumbnail_url": None,
            "width": 480,
            "height": 270,
            "html": f'<iframe title="video" src="{url}" width="480" height="270"></iframe>',
        }


class UnreachableFinder(EmbedFinder):
    """A provider that does not answer: the socket error the real oEmbed finder would meet."""

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        CALLS.append(url)
        raise URLError("timed out")


class OfflineFinder(EmbedFinder):
    """The test settings' default: every lookup fails as Wagtail's oEmbed finder does offline."""

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        CALLS.append(url)
        raise EmbedNotFoundException
