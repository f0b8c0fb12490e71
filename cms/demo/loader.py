"""Load the demo content in ``cms/demo/content`` (and the demo users where allowed) with the
same factories the tests use; ``cms.demo.removal`` removes exactly what was loaded.

Deterministic: pictures follow the seeds in the content files; articles are dated back from
one instant, the hour the load starts.
Idempotent: every object is registered under a key in :class:`DemoObject` and never created
twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Collection, Locale, Page
from wagtail.users.models import UserProfile

from cms.demo import broadcast, legal, press, procedures
from cms.demo import bulletins as demo_bulletins
from cms.demo.accreditation import load_requests
from cms.demo.districts import BRIEFS_FILE, district_content, load_briefs
from cms.demo.factories import ArticlePageFactory, ImageFactory, body_blocks
from cms.demo.models import DemoObject
from cms.demo.monitoring import load_monitoring
from cms.demo.reports import load_reports
from cms.news.models import ArticleAuthor, ArticlePage, ArticleTopic, Author, SectionPage, Topic
from cms.translation.prefill import aligned_stream, link_to_localize
from locales import registry
from locales.text import nfc, vietnamese_slug
from sites import catalogue, roles
from sites.models import Channel

CONTENT_DIR = Path(__file__).with_name("content")
DEMO_PASSWORD = "hanoi-demo-2026"  # development only: printed by `make run`


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    groups: tuple[str, ...]
    superuser: bool = False
    #: the admin language the account starts with (empty: the instance's default)
    language: str = ""


#: Sites with demo logins: two editors (desk review needs a colleague) and an approver each;
#: the second site lets a tester check that nobody reaches across sites.
DEMO_SITES = ("hanoimoi", "songoaivu")
#: Sites whose press office has a demo login: the foreign-affairs press room and the
#: Friendship Union, which send the city's two bulletins.
PRESS_SITES = ("songoaivu", "huunghi")


def _site_users(slug: str) -> tuple[DemoUser, ...]:
    return (
        DemoUser(f"editor.{slug}", f"editor ({slug})", (f"{slug}: {roles.EDITORS}",)),
        DemoUser(f"editor2.{slug}", f"second editor ({slug})", (f"{slug}: {roles.EDITORS}",)),
        DemoUser(f"approver.{slug}", f"approver ({slug})", (f"{slug}: {roles.APPROVERS}",)),
    )


def _language_users(code: str) -> tuple[DemoUser, ...]:
    return (
        DemoUser(
            f"translator.{code}",
            f"translator ({code})",
            (roles.translators_group(code),),
            language=code,
        ),
        DemoUser(
            f"reviewer.{code}",
            f"language reviewer ({code})",
            (roles.reviewers_group(code),),
            language=code,
        ),
    )


DEMO_USERS = (
    DemoUser("admin", "administrator", (), superuser=True),
    *(user for slug in DEMO_SITES for user in _site_users(slug)),
    *(user for code in registry.TARGET_CODES for user in _language_users(code)),
    *(
        DemoUser(f"press.{slug}", f"press officer ({slug})", (f"{slug}: {roles.PRESS_OFFICERS}",))
        for slug in PRESS_SITES
    ),
    DemoUser("oversight", "oversight (read-only)", (roles.OVERSIGHT_GROUP,)),
    DemoUser("editor.badinh", "editor (badinh, district reports)", (f"badinh: {roles.EDITORS}",)),
)


class DemoContentError(Exception):
    """A demo content file cannot be loaded; the message names the file and the entry."""


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)


class DemoLoader:
    def __init__(self, content_dir: Path = CONTENT_DIR, logins: bool | None = None) -> None:
        """``logins``: create the demo logins too (default: the ``CMS_DEMO_LOGINS`` setting,
        never on under production settings)."""
        self.content_dir = content_dir
        # The hour the articles are dated back from, taken once: a load crossing an hour
        # dates every article alike.
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)
        self.logins = settings.CMS_DEMO_LOGINS if logins is None else logins
        self.report = LoadReport()
        self.current_key = "-"
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}

    # Registry of demo objects ----------------------------------------------------------------

    def _existing(self, key: str):
        entry = DemoObject.objects.filter(key=key).select_related("content_type").first()
        if entry is None:
            return None
        obj = entry.content_type.get_object_for_this_type(pk=entry.object_id)
        return obj.specific if isinstance(obj, Page) else obj

    def _register(self, key: str, obj: models.Model) -> None:
        DemoObject.objects.create(
            key=key,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )
        self.report.created.append(key)

    # Loading -----------------------------------------------------------------------------------

    def load(self) -> LoadReport:
        """Load everything in one transaction: a broken file loads nothing."""
        with transaction.atomic():
            if self.logins:
                self._load_users()
            topics = self._load_topics(self._read(self.content_dir / "topics.yaml"))
            covered = set()
            for path in sorted(self.content_dir.glob("*.yaml")):
                if path.name not in ("topics.yaml", BRIEFS_FILE):
                    data = self._read(path)
                    covered.add(data.get("site"))
                    self._load_file(path.name, data, topics)
            self._load_district_briefs(covered, topics)
            legal.load(self._existing, self._register, self.content_dir / legal.CONTENT_PATH)
            procedures.load(self, self.locales)
            press.load(self)
            load_monitoring(self.content_dir, self._register, self._existing, self.locales)
            load_reports(self, self.content_dir)
            broadcast.load(self._register, self._existing)
            load_requests(self._existing, self._register)
            demo_bulletins.load(self, self.content_dir / demo_bulletins.DATA_FILE)
        return self.report

    def _load_file(self, name: str, data: dict, topics: dict[str, Topic]) -> None:
        try:
            self._load_site(data, topics)
        except (KeyError, TypeError, ValueError, ObjectDoesNotExist) as exc:
            raise DemoContentError(
                _("%(file)s: entry %(entry)s is invalid (%(error)s)")
                % {"file": name, "entry": self.current_key, "error": exc}
            ) from None

    def _load_district_briefs(self, covered: set, topics: dict[str, Topic]) -> None:
        """The district briefs, for each provisioned district portal without its own file."""
        briefs = load_briefs(self.content_dir)
        if not briefs:
            return
        provisioned = set(
            Channel.objects.active()
            .filter(kind=Channel.Kind.DISTRICT)
            .values_list("slug", flat=True)
        )
        for position, entry in enumerate(catalogue.load().sites):
            if entry.slug in provisioned and entry.slug not in covered:
                self._load_file(BRIEFS_FILE, district_content(entry, position, briefs), topics)

    @staticmethod
    def _read(path: Path) -> dict:
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise DemoContentError(
                _("%(file)s cannot be read: %(error)s") % {"file": path.name, "error": exc}
            ) from None
        if not isinstance(data, dict):
            raise DemoContentError(_("%(file)s must contain a mapping") % {"file": path.name})
        return nfc(data)

    def _load_users(self) -> None:
        User = get_user_model()
        for demo in DEMO_USERS:
            key = f"user:{demo.username}"
            if self._existing(key) is not None:
                continue
            user = User.objects.filter(username=demo.username).first()
            if user is None:
                user = User.objects.create_user(
                    username=demo.username,
                    email=f"{demo.username}@example.org",
                    password=DEMO_PASSWORD,
                    is_superuser=demo.superuser,
                    is_staff=demo.superuser,
                )
                if demo.language:
                    profile = UserProfile.get_for_user(user)
                    profile.preferred_language = demo.language
                    profile.save(update_fields=["preferred_language"])
                self._register(key, user)
            user.groups.add(*Group.objects.filter(name__in=demo.groups))

    def _load_topics(self, data: dict) -> dict[str, Topic]:
        topics = {}
        for item in data["topics"]:
            key = f"topic:{item['slug']}"
            topic = self._existing(key)
            if topic is None:
                names = {
                    f"name_{code.replace('-', '_')}": text for code, text in item["names"].items()
                }
                topic = Topic.objects.create(slug=item["slug"], name=item["names"]["vi"], **names)
                self._register(key, topic)
            topics[item["slug"]] = topic
        return topics

    def _load_site(self, data: dict, topics: dict[str, Topic]) -> None:
        channel = Channel.objects.get(slug=data["site"])
        home = channel.home_page
        authors = self._load_authors(data["site"], data.get("authors", []))
        collection = (
            Collection.get_first_root_node().get_children().filter(name=channel.slug).first()
        )
        for item in data["articles"]:
            self.current_key = item.get("key", "?")
            key = f"article:{data['site']}:{item['key']}"
            if self._existing(key) is not None:
                continue
            section = SectionPage.objects.child_of(home).get(slug=item["section"])
            source = item["translations"][registry.SOURCE_LANGUAGE]
            image = ImageFactory.create(
                title=source["title"][:250],
                scene=item["image"]["scene"],
                seed=item["image"]["seed"],
                collection=collection or Collection.get_first_root_node(),
            )
            self._register(f"image:{data['site']}:{item['key']}", image)
            published = self.now - dt.timedelta(
                days=item["days_ago"], hours=item["image"]["seed"] % 9
            )
            article = ArticlePageFactory.create(
                parent=section,
                slug=vietnamese_slug(source["title"]),
                publication_date=published,
                lead_image=image,
                **self._article_fields(source),
            )
            for position, slug in enumerate(item.get("topics", [])):
                ArticleTopic.objects.create(page=article, topic=topics[slug], sort_order=position)
            for position, author_key in enumerate(item.get("authors", [])):
                ArticleAuthor.objects.create(
                    page=article, author=authors[author_key], sort_order=position
                )
            article.save_revision().publish()
            self._register(key, article)
            for code, fields in item["translations"].items():
                if code != registry.SOURCE_LANGUAGE:
                    self._translate(article, code, fields, key)

    def _load_authors(self, site: str, items: list[dict]) -> dict[str, Author]:
        authors = {}
        for item in items:
            key = f"author:{site}:{item['key']}"
            author = self._existing(key)
            if author is None:
                author = Author.objects.create(
                    name=item["name"], role=item["role"]["vi"], locale=self.locales["vi"]
                )
                self._register(key, author)
                for code, role in item["role"].items():
                    if code != registry.SOURCE_LANGUAGE:
                        translated = author.copy_for_translation(self.locales[code])
                        translated.role = role
                        translated.save()
                        self._register(f"{key}:{code}", translated)
            authors[item["key"]] = author
        return authors

    @staticmethod
    def _article_fields(fields: dict) -> dict:
        return {
            "title": fields["title"],
            "standfirst": fields["standfirst"],
            "body": body_blocks(fields["body"]),
            "lead_image_alt": fields.get("image_alt", ""),
            "lead_image_caption": fields.get("image_caption", ""),
            "lead_image_credit": fields.get("image_credit", ""),
        }

    def _translate(self, article: ArticlePage, code: str, fields: dict, key: str) -> None:
        translation = article.copy_for_translation(self.locales[code])
        for name, value in self._article_fields(fields).items():
            setattr(translation, name, value)
        translation.body = aligned_stream(article.body, translation.body)
        translation.save()
        for link in translation.authors.all():
            localized = link.author.get_translation_or_none(self.locales[code])
            if localized is not None:
                link.author = localized
                link.save()
        translation.save_revision().publish()
        link_to_localize(article, translation)
        self._register(f"{key}:{code}", translation)
