"""StreamField blocks for articles and standard pages.

Every text a reader sees (alt text, captions, credits) is a block field, so wagtail-localize
extracts it as a translatable segment.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    """Body text: ``<div class="rich-text">`` around the text, its links and embeds expanded,
    written here rather than rendered from a template (and from Wagtail's rich text template
    inside it): an article has one per paragraph, and the two templates cost more than the
    text itself."""

    def render(self, value, context=None):
        return format_html(
            '<div class="rich-text">{}</div>', mark_safe(expand_db_html(value.source))
        )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        description = _("A heading that divides the article into parts")
        preview_value = {"text": "Hà Nội mở rộng hợp tác quốc tế", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alternative text"),
        help_text=_("What the image shows, for screen readers"),
    )
    caption = blocks.CharBlock(required=False, max_length=300, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=120, label=_("Credit"))

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"
        description = _("An image with alternative text, caption and credit")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        description = _("A pull quote with its source")
        preview_value = {
            "text": "Thông tin đối ngoại phải kịp thời, chính xác.",
            "attribution": "Sở Ngoại vụ Hà Nội",
        }


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=200, label=_("Title"))
    images = blocks.ListBlock(ImageBlock(), min_num=2, label=_("Images"))

    class Meta:
        icon = "image"
        template = "components/blocks/gallery_block.html"
        description = _("Two or more images shown together")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, max_length=200, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_block.html"
        description = _("A downloadable document")


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1, label=_("Facts"))

    class Meta:
        icon = "list-ul"
        template = "components/blocks/fact_box_block.html"
        description = _("Key facts in a box beside the story")
        preview_value = {"title": "Số liệu", "items": ["36 kênh và cổng thông tin", "5 ngôn ngữ"]}


class ArticleStreamBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        description=_("Body text"),
    )
    heading = HeadingBlock(label=_("Heading"))
    image = ImageBlock(label=_("Image"))
    quote = QuoteBlock(label=_("Quote"))
    gallery = GalleryBlock(label=_("Gallery"))
    embed = EmbedBlock(
        label=_("Embedded media"),
        template="components/blocks/embed_block.html",
        description=_("A video or post from an external service"),
    )
    document = DocumentBlock(label=_("Document"))
    facts = FactBoxBlock(label=_("Fact box"))
