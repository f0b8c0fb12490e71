"""Demo content: real articles in five languages, loaded by the factories, idempotent and
removable without touching editors' work."""

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail_localize.models import Translation

from cms.demo.districts import BRIEFS_FILE
from cms.demo.loader import CONTENT_DIR, DEMO_USERS, DemoLoader
from cms.demo.removal import remove_demo
from cms.news.models import ArticlePage
from locales.text import vietnamese_slug
from tests.cms.helpers import article
from tests.conftest import TEST_SITES

pytestmark = pytest.mark.django_db
#: The Vietnamese slug of the demo article "Hà Nội đẩy mạnh thông tin đối ngoại đa ngôn ngữ".
MID_YEAR_REVIEW = "ha-noi-day-manh-thong-tin-doi-ngoai-da-ngon-ngu"


def test_the_content_files_are_consistent_and_real():
    sites = yaml.safe_load(
        (Path(__file__).parents[3] / "sites" / "catalogue.yaml").read_text("utf-8")
    )
    sections = {site["slug"]: set(site["sections"]) for site in sites["sites"]}
    topics = {
        t["slug"]
        for t in yaml.safe_load((CONTENT_DIR / "topics.yaml").read_text("utf-8"))["topics"]
    }
    languages = set()
    for path in CONTENT_DIR.glob("*.yaml"):
        if path.name in ("topics.yaml", BRIEFS_FILE):
            continue
        text = path.read_text("utf-8")
        assert not re.search(r"lorem|ipsum", text, re.I)
        data = yaml.safe_load(text)
        for item in data["articles"]:
            assert item["section"] in sections[data["site"]], (path.name, item["key"])
            assert set(item.get("topics", [])) <= topics
            source = item["translations"]["vi"]
            for code, fields in item["translations"].items():
                languages.add(code)
                assert [next(iter(b)) for b in fields["body"]] == [
                    next(iter(b)) for b in source["body"]
                ]
    assert languages == {"vi", "en", "zh-hans", "lo", "km"}


def load_subset(tmp_path, sites=("hanoimoi",)):
    for name in ("topics.yaml", *(f"{site}.yaml" for site in sites)):
        (tmp_path / name).write_text((CONTENT_DIR / name).read_text("utf-8"), encoding="utf-8")
    return DemoLoader(tmp_path)


def test_articles_are_dated_back_from_the_hour_the_load_started(tmp_path, section):
    loader = load_subset(tmp_path)
    loader.load()

    data = yaml.safe_load((CONTENT_DIR / "hanoimoi.yaml").read_text("utf-8"))
    expected = {
        vietnamese_slug(item["translations"]["vi"]["title"]): loader.now
        - dt.timedelta(days=item["days_ago"], hours=item["image"]["seed"] % 9)
        for item in data["articles"]
    }
    dated = dict(
        ArticlePage.objects.filter(locale__language_code="vi", slug__in=expected).values_list(
            "slug", "publication_date"
        )
    )
    assert dated == expected
    assert loader.now.minute == loader.now.second == loader.now.microsecond == 0


def test_demo_content_loads_once_and_is_removable(tmp_path, section):
    loader = load_subset(tmp_path)
    report = loader.load()
    articles = ArticlePage.objects.filter(slug=MID_YEAR_REVIEW)
    assert sorted(a.locale.language_code for a in articles) == ["en", "km", "lo", "vi", "zh-hans"]
    assert all(a.live for a in articles)
    english = articles.get(locale__language_code="en")
    assert english.title == "Hanoi steps up multilingual foreign information"
    assert english.authors.first().author.role == "Reporter"
    assert english.lead_image.file.name.endswith(".jpg")
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=english.locale
    )
    total, translated = translation.get_progress()
    assert total > 10 and translated == total, "demo translations open in the segment editor"
    assert get_user_model().objects.filter(
        username__in=[u.username for u in DEMO_USERS]
    ).count() == len(DEMO_USERS)

    assert load_subset(tmp_path).load().created == []

    own = article(section, slug="bai-cua-bien-tap-vien")
    get_user_model().objects.create_user("real-admin", is_superuser=True, is_staff=True)
    removal = remove_demo()
    assert removal.removed == len(report.created) and removal.kept == []
    assert not ArticlePage.objects.filter(slug=MID_YEAR_REVIEW).exists()
    assert ArticlePage.objects.filter(pk=own.pk).exists()
    assert not get_user_model().objects.filter(username="editor.hanoimoi").exists()


def test_an_account_named_like_a_demo_login_but_not_created_by_it_is_kept(tmp_path, section):
    real = get_user_model().objects.create_user("editor.hanoimoi", password="a-long-secret-42")
    load_subset(tmp_path).load()

    remove_demo()

    assert get_user_model().objects.filter(pk=real.pk).exists()


def test_pictures_are_deterministic_for_a_seed():
    from cms.demo.pictures import draw_scene

    assert draw_scene("pagoda", 7, (320, 180)) == draw_scene("pagoda", 7, (320, 180))
    assert draw_scene("pagoda", 7, (320, 180)) != draw_scene("pagoda", 8, (320, 180))


def test_a_broken_content_file_is_named_and_loads_nothing(tmp_path, section):
    from cms.demo.loader import DemoContentError

    loader = load_subset(tmp_path, sites=("hanoimoi", "songoaivu"))
    path = tmp_path / "songoaivu.yaml"
    path.write_text(
        path.read_text("utf-8").replace("section: tin-tuc", "section: khong-co", 1),
        encoding="utf-8",
    )
    with pytest.raises(DemoContentError) as excinfo:
        loader.load()
    assert "songoaivu.yaml" in str(excinfo.value)
    assert not ArticlePage.objects.filter(slug=MID_YEAR_REVIEW).exists()


def test_unreadable_yaml_is_reported_with_the_file(tmp_path):
    from cms.demo.loader import DemoContentError

    (tmp_path / "topics.yaml").write_text("topics: [oops", encoding="utf-8")
    with pytest.raises(DemoContentError) as excinfo:
        DemoLoader(tmp_path).load()
    assert "topics.yaml" in str(excinfo.value)


def test_demo_logins_cover_every_workflow_step_and_are_removable(tmp_path, client):
    from wagtail.users.models import UserProfile

    from cms.demo.loader import DEMO_PASSWORD, DEMO_SITES
    from cms.translation import permissions as perms
    from locales import registry

    loader = load_subset(tmp_path, sites=())
    loader.load()
    users = {u.username: u for u in get_user_model().objects.prefetch_related("groups")}
    provisioned = set(Group.objects.values_list("name", flat=True))
    for demo in DEMO_USERS:
        user = users[demo.username]
        assert user.check_password(DEMO_PASSWORD)
        # groups of sites outside the test catalogue do not exist here
        absent = set(demo.groups) - provisioned
        assert all(group.split(": ")[0] not in TEST_SITES for group in absent), absent
        assert sorted(g.name for g in user.groups.all()) == sorted(
            set(demo.groups) & provisioned
        ), demo.username
    for slug in DEMO_SITES:
        editors = [u for u in DEMO_USERS if f"{slug}: editors" in u.groups]
        approvers = [u for u in DEMO_USERS if f"{slug}: approvers" in u.groups]
        assert len(editors) == 2 and len(approvers) == 1, "desk review needs a second editor"
    for code in registry.TARGET_CODES:
        assert perms.translator_languages(users[f"translator.{code}"]) == {code}
        assert perms.reviewer_languages(users[f"reviewer.{code}"]) == {code}
        # a language's translators and reviewers start with the admin in that language
        for name in (f"translator.{code}", f"reviewer.{code}"):
            assert UserProfile.get_for_user(users[name]).get_preferred_language() == code
    client.force_login(users["translator.lo"])
    assert '<html lang="lo"' in client.get("/admin/").content.decode()

    assert load_subset(tmp_path, sites=()).load().created == [], "a second run changes nothing"
    get_user_model().objects.create_user("real-admin", is_superuser=True, is_staff=True)
    remove_demo()
    assert (
        not get_user_model().objects.filter(username__in=[u.username for u in DEMO_USERS]).exists()
    )
