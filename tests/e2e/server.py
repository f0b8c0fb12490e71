"""The live server the browser tests talk to.

``LiveServer.start(folder)`` prepares a fresh SQLite database in ``folder`` (migrations, the test
sites provisioned from the real catalogue, their demo content and demo users, plus a second editor
for desk review, the glossary seed, and a Vietnamese-only Hà Nội Mới article whose segments the
translation memory already holds in English, for the translator journey, and a nine-segment
one with exact, fuzzy and no memory matches for the workbench journey) and collects the
static files, in a subprocess; then it starts Django's ``runserver`` on a free loopback port with
``tests.e2e.settings``. Sites answer on
``<slug>.localhost:<port>`` (the portal on ``localhost:<port>``), which Chromium resolves to
loopback by itself. ``LiveServer.start(folder, like=server)`` starts a second server from a copy
of what ``server`` held once prepared, moved to its own port (a minute less than preparing).
``clock=`` dates the demo content back from a fixed instant instead of the hour it was loaded at
(``redate``), so that the pages look the same on any day (the screenshot comparison).

``python -m tests.e2e.server`` starts the same server by hand and waits (for debugging a journey).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from locales.text import vietnamese_slug
from tests.migrated import copy_database, migrated_database

ROOT = Path(__file__).resolve().parents[2]
DEMO_FILES = ("topics.yaml", "hanoimoi.yaml", "songoaivu.yaml", "badinh.yaml")
# Where a server keeps what it held once prepared, for servers started like it.
PREPARED = "prepared"
# The instant the instance's demo articles are dated back from (ISO 8601), beside its database.
DEMO_CLOCK = "demo-clock"
COLLEAGUE = "desk.hanoimoi"  # a second Hà Nội Mới editor, for desk review
# A Hà Nội Mới article published in Vietnamese only, for the translator journey; the memory holds
# an approved English rendering of each of its segments, and one of them holds a glossary term.
UNTRANSLATED = {
    "key": "foreign-correspondents-meeting",
    "section": "kinh-te",
    "days_ago": 30,
    "image": {"seed": 105, "scene": "skyline"},
    "translations": {
        "vi": {
            "title": "Gặp mặt phóng viên nước ngoài cuối năm",
            "standfirst": "Các phóng viên thường trú được giới thiệu kế hoạch thông tin năm tới.",
            "body": [
                {"paragraph": "Sở Ngoại vụ tổ chức buổi gặp mặt phóng viên nước ngoài thường trú."}
            ],
            "image_alt": "Hình minh họa đường chân trời đô thị",
        }
    },
}
UNTRANSLATED_EN = {
    "Gặp mặt phóng viên nước ngoài cuối năm": "Year-end meeting with foreign correspondents",
    "Các phóng viên thường trú được giới thiệu kế hoạch thông tin năm tới.": (
        "Resident correspondents heard about next year's information plan."
    ),
    "Sở Ngoại vụ tổ chức buổi gặp mặt phóng viên nước ngoài thường trú.": (
        "The Hanoi Department of Foreign Affairs met resident foreign correspondents."
    ),
    "Hình minh họa đường chân trời đô thị": "Illustration of a city skyline",
}
# A standard page (about the site) under Hà Nội Mới's home in every edition, for the layout checks.
STANDARD_SLUG = "trang-mau"
STANDARD = {
    "vi": ("Giới thiệu", "Báo Hà Nội Mới là cơ quan ngôn luận của Đảng bộ thành phố Hà Nội."),
    "en": ("About us", "Hanoi Moi is the newspaper of the Hanoi Party Committee."),
    "zh-hans": ("关于我们", "《新河内报》是河内市党委的机关报。"),
    "lo": ("ກ່ຽວກັບພວກເຮົາ", "ໜັງສືພິມຮ່າໂນ້ຍໃໝ່ ແມ່ນສື່ຂອງຄະນະພັກນະຄອນຫຼວງຮ່າໂນ້ຍ."),
    "km": ("អំពីយើង", "កាសែតហាណូយថ្មី គឺជាសារព័ត៌មានរបស់គណៈកម្មាធិការបក្សទីក្រុងហាណូយ។"),
}
# A nine-segment Hà Nội Mới article for the workbench journey: the memory holds seven of its
# segments exactly, an earlier version of the fourth paragraph (a fuzzy match: the current one
# has a sentence more) and nothing for the fifth, which names a glossary term ("kiều bào").
WORKBENCH_FUZZY_VI = (
    "Chuyến đi giúp các bạn trẻ hiểu thêm về văn hóa Việt Nam và con người nơi đây."
)
WORKBENCH = {
    "key": "international-youth-craft-villages",
    "section": "kinh-te",
    "days_ago": 20,
    "image": {"seed": 106, "scene": "river"},
    "translations": {
        "vi": {
            "title": "Thanh niên quốc tế tìm hiểu làng nghề truyền thống",
            "standfirst": "Đoàn thanh niên từ mười quốc gia tham quan các làng nghề ven đô.",
            "body": [
                {"paragraph": "Các bạn trẻ được hướng dẫn làm gốm và vẽ tranh dân gian."},
                {"paragraph": "Nhiều nghệ nhân giới thiệu lịch sử nghề truyền thống của làng."},
                {"paragraph": "Đoàn cũng thăm một hợp tác xã dệt lụa lâu đời."},
                {"paragraph": WORKBENCH_FUZZY_VI + " Ban tổ chức dự kiến mở rộng chương trình."},
                {"paragraph": "Nhiều kiều bào cũng tham gia giao lưu cùng đoàn."},
            ],
            "image_alt": "Hình minh họa làng nghề gốm",
        }
    },
}
WORKBENCH_EN = {
    "Thanh niên quốc tế tìm hiểu làng nghề truyền thống": (
        "International youth discover traditional craft villages"
    ),
    "Đoàn thanh niên từ mười quốc gia tham quan các làng nghề ven đô.": (
        "Young people from ten countries toured the craft villages on the city's edge."
    ),
    "Hình minh họa làng nghề gốm": "Illustration of a pottery village",
    "Các bạn trẻ được hướng dẫn làm gốm và vẽ tranh dân gian.": (
        "The young visitors were shown how to make pottery and paint folk pictures."
    ),
    "Nhiều nghệ nhân giới thiệu lịch sử nghề truyền thống của làng.": (
        "Many artisans presented the history of the village's traditional crafts."
    ),
    "Đoàn cũng thăm một hợp tác xã dệt lụa lâu đời.": (
        "The group also visited a long-established silk-weaving cooperative."
    ),
    WORKBENCH_FUZZY_VI: (
        "The trip helped the young visitors learn more about Vietnamese culture and its people."
    ),
}

# Their Vietnamese slugs, as the demo loader gives them; the English editions use their keys.
UNTRANSLATED_SLUG = vietnamese_slug(UNTRANSLATED["translations"]["vi"]["title"])
WORKBENCH_SLUG = vietnamese_slug(WORKBENCH["translations"]["vi"]["title"])
UNTRANSLATED_EN[UNTRANSLATED_SLUG] = UNTRANSLATED["key"]
WORKBENCH_EN[WORKBENCH_SLUG] = WORKBENCH["key"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare() -> None:
    """Migrate, provision the test sites and load their demo content (run in the subprocess)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from wagtail.models import Page
    from wagtail.users.models import UserProfile
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    from cms.demo.loader import CONTENT_DIR, DEMO_PASSWORD, DemoLoader
    from cms.translation import memory
    from cms.translation.models import MemoryEntry
    from cms.translation.seed import seed_glossary
    from sites import catalogue
    from sites.provisioning import provision
    from tests.conftest import raw_catalogue

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    provision(catalogue.parse(raw_catalogue()))
    content = Path(os.environ["MEDIA_ROOT"]).parent / "demo-content"
    content.mkdir(exist_ok=True)
    for name in DEMO_FILES:
        shutil.copyfile(CONTENT_DIR / name, content / name)
    hanoimoi = yaml.safe_load((content / "hanoimoi.yaml").read_text("utf-8"))
    hanoimoi["articles"] += [UNTRANSLATED, WORKBENCH]
    (content / "hanoimoi.yaml").write_text(yaml.safe_dump(hanoimoi, allow_unicode=True), "utf-8")
    loader = DemoLoader(content)
    loader.load()
    (Path(os.environ["MEDIA_ROOT"]).parent / DEMO_CLOCK).write_text(loader.now.isoformat())
    # the journeys read every screen in the instance's default admin language; the demo
    # translators' and reviewers' own languages are exercised by test_admin_languages
    UserProfile.objects.update(preferred_language="")
    seed_glossary(catalogue.parse(raw_catalogue()))
    article = Page.objects.get(slug=UNTRANSLATED_SLUG, locale__language_code="vi")
    memory.add_entries(
        [
            MemoryEntry(
                source_language="vi",
                target_language="en",
                source_text=segment.string.data,
                target_text=UNTRANSLATED_EN[segment.string.data],
                provenance=MemoryEntry.Provenance.HUMAN,
            )
            for segment in extract_segments(article.specific)
            if isinstance(segment, StringSegmentValue)
        ]
    )
    add_standard_page()
    memory.add_entries(
        [
            MemoryEntry(
                source_language="vi",
                target_language="en",
                source_text=source,
                target_text=target,
                provenance=MemoryEntry.Provenance.HUMAN,
            )
            for source, target in WORKBENCH_EN.items()
        ]
    )
    colleague = get_user_model().objects.create_user(
        COLLEAGUE, email=f"{COLLEAGUE}@example.org", password=DEMO_PASSWORD
    )
    colleague.groups.add(Group.objects.get(name="hanoimoi: editors"))


def add_standard_page() -> None:
    """``STANDARD`` under Hà Nội Mới's home in every edition, published."""
    # imported here: Django is set up only in the preparing subprocess (``__main__``)
    from wagtail.models import Locale

    from cms.news.models import StandardPage
    from sites.models import Channel

    home = Channel.objects.get(slug="hanoimoi").home_page
    title, text = STANDARD["vi"]
    source = home.add_child(
        instance=StandardPage(
            title=title, slug=STANDARD_SLUG, body=[("paragraph", f"<p>{text}</p>")] * 3
        )
    )
    source.save_revision().publish()
    for code, (title, text) in STANDARD.items():
        if code == "vi":
            continue
        translation = source.copy_for_translation(Locale.objects.get(language_code=code))
        translation.title = title
        translation.body = [("paragraph", f"<p>{text}</p>")] * 3
        translation.save()
        translation.save_revision().publish()


def move() -> None:
    """Give a copied instance's sites this server's address (run in the subprocess):
    provisioning sets each site's host and port from CMS_SITE_DOMAIN; the index, which keeps
    each page's full URL, is built again after (``index``)."""
    from sites import catalogue
    from sites.provisioning import provision
    from tests.conftest import raw_catalogue

    provision(catalogue.parse(raw_catalogue()))


def redate(clock: dt.datetime) -> None:
    """Date the instance's content back from ``clock`` instead of the hour its demo content
    was loaded at (``DEMO_CLOCK``): every article's publication date and every page's
    publication times move by the same amount (run in the subprocess; ``index`` follows)."""
    from django.db.models import F
    from wagtail.models import Page

    from cms.news.models import ArticlePage

    recorded = Path(os.environ["MEDIA_ROOT"]).parent / DEMO_CLOCK
    anchor = clock.replace(minute=0, second=0, microsecond=0)
    shift = anchor - dt.datetime.fromisoformat(recorded.read_text())
    ArticlePage.objects.update(publication_date=F("publication_date") + shift)
    Page.objects.update(
        first_published_at=F("first_published_at") + shift,
        last_published_at=F("last_published_at") + shift,
    )
    recorded.write_text(anchor.isoformat())


def index() -> None:
    """Build the instance's search index again (run in the subprocess)."""
    from django.core.management import call_command

    call_command("search_index", "rebuild", verbosity=0)


def copy_instance(source: Path, target: Path) -> None:
    """Copy a server's database, media and collected static files (the search index is built
    again after a move)."""
    target.mkdir(parents=True, exist_ok=True)
    copy_database(source / "db.sqlite3", target / "db.sqlite3")
    shutil.copyfile(source / DEMO_CLOCK, target / DEMO_CLOCK)
    for name in ("media", "static"):
        shutil.rmtree(target / name, ignore_errors=True)
        shutil.copytree(source / name, target / name)


@dataclass
class LiveServer:
    """A running server: ``url("hanoimoi", "/en/")`` builds a reader URL on a site."""

    port: int
    folder: Path
    process: subprocess.Popen
    # Keys and recovery codes of those who enrolled in two-step verification, for later sign-ins.
    totp_keys: dict[str, str] = field(default_factory=dict)
    recovery_codes: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def start(
        cls,
        folder: Path,
        port: int | None = None,
        like: LiveServer | None = None,
        clock: dt.datetime | None = None,
    ) -> LiveServer:
        """Prepare ``folder`` and start the server. With ``like``, the folder starts as a copy
        of what that server held once prepared (before any test changed it), moved to this
        server's port, instead of being prepared anew. With ``clock``, its content is dated back
        from that instant instead of the hour it was loaded at (``redate``)."""
        port = port or free_port()
        folder.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
            "CMS_SITE_DOMAIN": f"localhost:{port}",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(folder / "static"),
            "SEARCH_URL": f"sqlite:///{folder / 'search.sqlite3'}",
        }
        for name in ("db.sqlite3", "search.sqlite3", "search.sqlite3-wal", "search.sqlite3-shm"):
            (folder / name).unlink(missing_ok=True)
        if like is None:
            migrated_database(folder / "db.sqlite3")
            step = "--prepare"
        else:
            copy_instance(like.folder / PREPARED, folder)
            step = "--move"
        steps = [step, *(["--redate", clock.isoformat()] if clock else [])]
        if like is not None or clock is not None:
            steps.append("--index")
        subprocess.run(
            [sys.executable, "-m", "tests.e2e.server", *steps],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=600,
        )
        if like is None:
            copy_instance(folder, folder / PREPARED)
        log = (folder / "server.log").open("ab")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = cls(port=port, folder=folder, process=process)
        server.wait_until_up()
        return server

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited; see {self.folder / 'server.log'}")
            try:
                with urllib.request.urlopen(self.url("portal", "/robots.txt"), timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the server did not answer in {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def page_id(self, url_path: str) -> int:
        """The id of the page at Wagtail ``url_path`` (e.g. ``/hanoimoi/doi-ngoai/``), read from
        the server's database, for admin URLs."""
        with closing(sqlite3.connect(self.folder / "db.sqlite3")) as db:
            (found,) = db.execute(
                "SELECT id FROM wagtailcore_page WHERE url_path = ?", (url_path,)
            ).fetchone()
        return found

    def get(self, slug: str, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body of ``path`` on a site, fetched without a browser."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", headers={"Host": self.host(slug)}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read()

    def host(self, slug: str) -> str:
        return f"localhost:{self.port}" if slug == "portal" else f"{slug}.localhost:{self.port}"

    def url(self, slug: str, path: str = "/") -> str:
        return f"http://{self.host(slug)}{path}"


if __name__ == "__main__":
    if sys.argv[1:2] in (["--prepare"], ["--move"]):
        import django

        django.setup()
        if sys.argv[1] == "--prepare":
            prepare()
        else:
            move()
        if "--redate" in sys.argv:
            redate(dt.datetime.fromisoformat(sys.argv[sys.argv.index("--redate") + 1]))
        if "--index" in sys.argv:
            index()
    else:
        server = LiveServer.start(ROOT / "tests" / "artifacts" / "e2e-server", port=8100)
        print(f"Serving on {server.url('hanoimoi', '/vi/')}; Ctrl-C stops.")
        try:
            server.process.wait()
        except KeyboardInterrupt:
            server.stop()
