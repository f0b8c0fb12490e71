"""A realistic archive built fast: ``python manage.py shell -c "from tests.benchmarks.archive
import build; build(100_000)"`` (run by ``tests/benchmarks/serving.py`` in its instance).

Articles are spread over every section of every provisioned news site, two thirds in
Vietnamese and one third also in English (a translation sharing the translation key), each
with a standfirst, a lead image (a handful shared), three paragraphs, publication dates over
ten years, an author (one of ``AUTHORS``, in the article's language) and two of ``TOPICS``
topics, so that every article shows a byline, its topics and related articles (the newest
sharing a topic) as real ones do. Rows are inserted in bulk (the page tree's materialised
paths computed here, the article table filled with one multi-row insert per batch): no
signals, no revisions, no search index updates — the archive size is what matters to the
reader pages measured.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.demo.factories import ImageFactory
from cms.news.models import ArticleAuthor, ArticlePage, ArticleTopic, Author, SectionPage, Topic
from locales import registry

BATCH = 2_000
TOPICS = 40
AUTHORS = 60
BODY = json.dumps(
    [
        {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}
        for text in (
            "Hà Nội tiếp đón nhiều đoàn khách quốc tế trong tháng, với các hoạt động giao lưu "
            "văn hoá, hợp tác kinh tế và trao đổi kinh nghiệm quản lý đô thị.",
            "Các sở, ngành của thành phố phối hợp chặt chẽ để bảo đảm an ninh, trật tự và "
            "phục vụ chu đáo các hoạt động đối ngoại diễn ra trên địa bàn.",
            "Lãnh đạo thành phố khẳng định Thủ đô luôn sẵn sàng là điểm đến an toàn, thân "
            "thiện và hấp dẫn đối với bạn bè quốc tế.",
        )
    ]
)


def _sections() -> list[tuple[SectionPage, SectionPage | None]]:
    """Each Vietnamese section with its English translation (when the edition exists)."""
    english = Locale.objects.get(language_code="en")
    pairs = []
    for section in SectionPage.objects.filter(locale__language_code="vi").live():
        translated = SectionPage.objects.filter(
            translation_key=section.translation_key, locale=english
        ).first()
        pairs.append((section, translated))
    return pairs


def _next_step(parent: Page) -> int:
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last_path = last.order_by("-path").values_list("path", flat=True).first()
    return Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1


def _topics() -> list[Topic]:
    names = {f"name_{code.replace('-', '_')}": "" for code in registry.CODES}
    return [
        Topic.objects.create(
            slug=f"chu-de-{i}",
            name=f"Chủ đề {i}",
            **{**names, "name_vi": f"Chủ đề {i}", "name_en": f"Topic {i}"},
        )
        for i in range(TOPICS)
    ]


def _authors() -> list[dict[int, Author]]:
    """Each author by locale: Vietnamese, and its English translation."""
    locales = {code: Locale.objects.get(language_code=code) for code in ("vi", "en")}
    authors = []
    for i in range(AUTHORS):
        original = Author.objects.create(
            name=f"Phóng viên {i}", role="Phóng viên", locale=locales["vi"]
        )
        english = original.copy_for_translation(locales["en"])
        english.role = "Reporter"
        english.save()
        authors.append({original.locale_id: original, english.locale_id: english})
    return authors


def build(count: int) -> int:
    """Add ``count`` articles (Vietnamese pages and English translations together)."""
    article_type = ContentType.objects.get_for_model(ArticlePage)
    images = [ImageFactory(scene=scene) for scene in ("river", "skyline", "market", "temple")]
    topics = _topics()
    authors = _authors()
    pairs = _sections()
    now = timezone.now()
    fields = [f for f in ArticlePage._meta.local_concrete_fields if f.column != "page_ptr_id"]
    columns = ", ".join(["page_ptr_id", *[f.column for f in fields]])
    made = 0
    steps = {}
    n = 0
    while made < count:
        pages: list[Page] = []
        extra: list[dict] = []
        bylines: list[tuple[Author, int]] = []
        while len(pages) < BATCH and made < count:
            vi, en = pairs[n % len(pairs)]
            parents = [vi] if en is None or n % 2 or made + 1 == count else [vi, en]
            key = uuid.uuid4()
            published = now - dt.timedelta(minutes=7 * n)
            for parent in parents:
                if parent.pk not in steps:
                    steps[parent.pk] = _next_step(parent)
                step = steps[parent.pk]
                steps[parent.pk] += 1
                slug = f"luu-tru-{n}"
                title = f"Bài lưu trữ số {n}" if parent is vi else f"Archive story {n}"
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        path=Page._get_path(parent.path, parent.depth + 1, step),
                        depth=parent.depth + 1,
                        numchild=0,
                        url_path=f"{parent.url_path}{slug}/",
                        content_type=article_type,
                        locale_id=parent.locale_id,
                        translation_key=key,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                    )
                )
                bylines.append((authors[n % AUTHORS][parent.locale_id], n))
                extra.append(
                    {
                        "standfirst": f"{title}: tóm tắt nội dung chính của bài.",
                        "publication_date": published,
                        "lead_image": images[n % len(images)].pk,
                        "lead_image_alt": "Ảnh minh hoạ",
                        "lead_image_caption": "",
                        "lead_image_credit": "",
                        "body": BODY,
                    }
                )
                made += 1
            n += 1
        with transaction.atomic():
            created = Page.objects.bulk_create(pages)
            rows = []
            for page, values in zip(created, extra, strict=True):
                row = [page.pk]
                for field in fields:
                    value = values[field.name] if field.name in values else values[field.attname]
                    if field.name == "body":
                        row.append(value)
                    else:
                        row.append(field.get_db_prep_save(value, connection))
                rows.append(row)
            marks = ", ".join(["%s"] * (len(fields) + 1))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {ArticlePage._meta.db_table} ({columns}) VALUES ({marks})", rows
                )
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(page_id=page.pk, author=author, sort_order=0)
                for page, (author, _n) in zip(created, bylines, strict=True)
            )
            ArticleTopic.objects.bulk_create(
                ArticleTopic(
                    page_id=page.pk, topic=topics[(k * 7 + position) % TOPICS], sort_order=position
                )
                for page, (_author, k) in zip(created, bylines, strict=True)
                for position in (0, 1)
            )
    for vi, en in pairs:
        for parent in (vi, en):
            if parent is not None:
                Page.objects.filter(pk=parent.pk).update(
                    numchild=Page.objects.filter(
                        path__startswith=parent.path, depth=parent.depth + 1
                    ).count()
                )
    return made
