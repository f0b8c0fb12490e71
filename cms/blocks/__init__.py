"""The block library shared by every page type."""

from cms.blocks.blocks import (
    ArticleStreamBlock,
    DocumentBlock,
    FactBoxBlock,
    GalleryBlock,
    HeadingBlock,
    ImageBlock,
    QuoteBlock,
)

__all__ = [
    "ArticleStreamBlock",
    "DocumentBlock",
    "FactBoxBlock",
    "GalleryBlock",
    "HeadingBlock",
    "ImageBlock",
    "QuoteBlock",
]
