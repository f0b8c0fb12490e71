"""Factories for news content, used by the tests and by the demo loader alike.

Pages are created under a given ``parent`` and published unless ``published=False``;
``translated_to=[codes]`` adds published translations in those languages.
"""

from __future__ import annotations

import io
import json
from typing import Any

import factory
from django.core.files.images import ImageFile
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from cms.demo.pictures import draw_scene
from cms.news.models import ArticlePage


def body_blocks(blocks: list[dict]) -> str:
    """StreamField JSON for a simple description of body blocks:
    ``{"paragraph": text}``, ``{"heading": text}``, ``{"quote": {"text", "attribution"}}``,
    ``{"facts": {"title", "items"}}``."""
    stream: list[dict[str, Any]] = []
    for block in blocks:
        ((kind, value),) = block.items()
        if kind == "paragraph":
            stream.append({"type": "paragraph", "value": f"<p>{escape(value)}</p>"})
        elif kind == "heading":
            stream.append({"type": "heading", "value": {"text": value, "level": "h2"}})
        elif kind == "quote":
            stream.append(
                {
                    "type": "quote",
                    "value": {"text": value["text"], "attribution": value.get("attribution", "")},
                }
            )
        elif kind == "facts":
            stream.append(
                {"type": "facts", "value": {"title": value["title"], "items": list(value["items"])}}
            )
        else:
            raise ValueError(f"unknown block type {kind!r}")
    return json.dumps(stream, ensure_ascii=False)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    class Params:
        scene = "skyline"
        seed = factory.Sequence(lambda n: n)

    title = factory.Sequence(lambda n: f"Picture {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    file = factory.LazyAttribute(
        lambda o: ImageFile(
            io.BytesIO(draw_scene(o.scene, o.seed, (960, 540))), name=f"{o.scene}-{o.seed}.jpg"
        )
    )


class PageFactory(factory.Factory):
    """Base for page factories: ``parent`` (required), ``published``, ``translated_to``."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, published=True, translated_to=(), **kwargs):
        if parent is None:
            raise ValueError("a page factory needs parent=")
        page = model_class(*args, **kwargs)
        page.locale = parent.locale
        page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision()
        if published:
            revision.publish()
        for code in translated_to:
            translation = page.copy_for_translation(Locale.objects.get(language_code=code))
            translation.title = f"{page.title} [{code}]"
            revision = translation.save_revision()
            if published:
                revision.publish()
        page.refresh_from_db()
        return page


class ArticlePageFactory(PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Bản tin đối ngoại số {n}")
    slug = factory.Sequence(lambda n: f"ban-tin-{n}")
    standfirst = "Thành phố Hà Nội tăng cường thông tin đối ngoại bằng nhiều ngôn ngữ."
    body = factory.LazyFunction(
        lambda: body_blocks([{"paragraph": "Hà Nội đón nhiều đoàn khách quốc tế trong tháng."}])
    )
