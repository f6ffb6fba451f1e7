"""The blocks a story body is built from. Each explains itself in the block picker."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from media_library.blocks import AudioChooserBlock, EmbedOrLinkValue, VideoChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        group = _("Text")
        description = _("A heading that splits a long story into parts.")
        template = "components/blocks/heading_block.html"
        preview_value = {"text": "ภูมิปัญญาการทอผ้าไหม", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(
        label=_("caption"),
        required=False,
        help_text=_("Left empty, the image's own caption is shown."),
    )
    credit = blocks.CharBlock(
        label=_("credit"),
        required=False,
        help_text=_("Left empty, the image's own credit is shown."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        group = _("Media")
        description = _("One photo with a caption and the photographer's name.")
        template = "components/blocks/image_block.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("images"), min_num=2)

    class Meta:
        icon = "image"
        label = _("Gallery")
        group = _("Media")
        description = _("Several photos shown together, each with its caption and credit.")
        template = "components/blocks/gallery_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        group = _("Text")
        description = _("Words someone said, with their name.")
        template = "components/blocks/quote_block.html"
        preview_value = {
            "text": "ผ้าไหมทุกผืนมีเรื่องเล่าของแม่",
            "attribution": "แม่บุญมี ช่างทอบ้านท่าสว่าง",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("video address"),
        required=False,
        help_text=_("A YouTube or Facebook link. Leave empty to play a video file instead."),
    )
    file = VideoChooserBlock(
        label=_("video file"),
        required=False,
        help_text=_("A video uploaded to our media library (MP4 or WebM)."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        group = _("Media")
        description = _("A video from YouTube or Facebook, or a video file, played in the story.")
        template = "components/blocks/video_block.html"
        value_class = EmbedOrLinkValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("video")) == bool(value.get("file")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "video": ValidationError(
                        _("Give either a video address or a video file, not both and not neither.")
                    )
                }
            )
        return value


class AudioBlock(blocks.StructBlock):
    audio = AudioChooserBlock(label=_("audio file"))
    title = blocks.CharBlock(
        label=_("title"), required=False, help_text=_("Left empty, the recording's own title.")
    )
    transcript = blocks.TextBlock(
        label=_("transcript"),
        required=False,
        help_text=_("Left empty, the recording's own transcript is shown."),
    )

    class Meta:
        icon = "media"
        label = _("Audio clip")
        group = _("Media")
        description = _("A sound recording, such as an interview or a community radio clip.")
        template = "components/blocks/audio_block.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Attachment")
        group = _("Media")
        description = _("A file readers can download, such as a report or a newsletter.")
        template = "components/blocks/attachment_block.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    body = blocks.RichTextBlock(label=_("facts"), features=["bold", "italic", "ul", "ol", "link"])

    class Meta:
        icon = "list-ul"
        label = _("Fact box")
        group = _("Text")
        description = _("Key facts in a box beside the story: dates, figures, contacts.")
        template = "components/blocks/fact_box_block.html"


class IncompleteStreamValue(blocks.StreamValue):
    """What arrived of a story body whose form fields were not all sent (see below)."""


class StoryBodyBlock(blocks.StreamBlock):
    """The story body.

    Wagtail 8.0.1's ``StreamBlock.value_from_datadict`` reads its keys (``body-count``,
    ``body-0-type``…) without checking they were sent, so a request made by hand, a browser
    extension or a half-sent form on a bad connection raised ``KeyError``: a 500 instead of a
    form error. Here an incomplete body reads as empty, marked as incomplete, and ``clean``
    turns that into a clear error on the field; the story in the database is not touched.
    """

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        group=_("Text"),
        features=["bold", "italic", "link", "ul", "ol"],
        description=_("Ordinary text."),
        template="components/blocks/paragraph_block.html",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    audio = AudioBlock()
    attachment = AttachmentBlock()
    fact_box = FactBoxBlock()

    def value_from_datadict(self, data, files, prefix):
        try:
            return super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError):
            return IncompleteStreamValue(self, [])

    def clean(self, value):
        if isinstance(value, IncompleteStreamValue):
            raise blocks.StreamBlockValidationError(
                non_block_errors=[
                    _("The story text did not arrive complete. Reload the page and try again.")
                ]
            )
        return super().clean(value)
