"""Demo removal deletes exactly the demo objects and what derives from them, whatever their
state (force-published, sent to translation), never a real account and never the only
administrator. (An account made before the demo under a demo login's name:
``test_demo_content``.)"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from cms.demo.accounts import demo_accounts
from cms.demo.loader import DEMO_PASSWORD
from cms.demo.models import DemoObject
from cms.demo.removal import remove_demo
from cms.editorial.models import ForcePublication
from cms.news.models import ArticlePage
from cms.translation import jobs
from cms.translation.models import TranslationJob
from tests.cms.demo.test_demo_content import load_subset
from tests.cms.helpers import article
from tests.module_data import module_transaction

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Hà Nội Mới's demo content, loaded once for the module (``tests.module_data``): each
    test removes it inside its own transaction."""
    with module_transaction(django_db_blocker):
        load_subset(tmp_path_factory.mktemp("demo")).load()
        yield


@pytest.fixture
def demo(demo_loaded):
    return ArticlePage.objects.get(
        slug="von-dau-tu-nuoc-ngoai-vao-ha-noi-tiep-tuc-tang", locale__language_code="vi"
    )


def test_a_force_published_demo_page_is_removed(client, demo):
    approver = User.objects.get(username="approver.hanoimoi")
    client.force_login(approver)
    demo.title = "Đầu tư nước ngoài tiếp tục tăng (cập nhật)"
    demo.save_revision(user=approver)
    reason = "Số liệu mới của Cục Thống kê, lãnh đạo đã đồng ý."
    assert (
        client.post(
            f"/admin/force-publish/{demo.pk}/", {"category": "urgent_correction", "reason": reason}
        ).status_code
        == 302
    )
    assert ForcePublication.objects.filter(page=demo).exists()
    User.objects.create_user("real-admin", is_superuser=True, is_staff=True)

    remove_demo()

    assert not Page.objects.filter(translation_key=demo.translation_key).exists()
    assert not ForcePublication.objects.exists()
    assert not User.objects.filter(username="approver.hanoimoi").exists()
    assert not DemoObject.objects.exists()


def test_translation_drafts_of_demo_pages_are_removed(demo, editor):
    (job,) = jobs.send_to_translation(
        [demo], ["lo"], user=editor, deadline=timezone.now() + datetime.timedelta(days=2)
    )
    draft = Page.objects.get(translation_key=demo.translation_key, locale__language_code="lo")
    assert not draft.live

    remove_demo()

    assert not Page.objects.filter(translation_key=demo.translation_key).exists()
    assert not TranslationJob.objects.filter(pk=job.pk).exists()
    assert not TranslationSource.objects.filter(object_id=demo.translation_key).exists()
    assert not Translation.objects.filter(source__object_id=demo.translation_key).exists()


def test_real_accounts_and_content_are_never_touched(section, demo):
    own = article(section, slug="bai-that")
    real = User.objects.create_user("bien-tap-that", password="a-long-real-secret-42")

    remove_demo()

    assert ArticlePage.objects.filter(pk=own.pk, live=True).exists()
    assert User.objects.filter(pk=real.pk, is_active=True).exists()


def test_the_only_administrator_is_kept_until_another_exists(demo):
    report = remove_demo()
    assert report.kept == ["user:admin"]
    assert User.objects.filter(username="admin", is_superuser=True).exists()
    assert [user.username for user in demo_accounts()] == ["admin"]

    User.objects.create_user("real-admin", is_superuser=True, is_staff=True)
    assert remove_demo().kept == []
    assert not User.objects.filter(username="admin").exists()
    assert demo_accounts() == []


def test_a_demo_account_real_records_point_at_is_deactivated(client, demo, section):
    real_page = article(section, slug="bai-that-khan", published=False)
    approver = User.objects.get(username="approver.hanoimoi")
    client.force_login(approver)
    reason = "Thông báo khẩn về thời tiết, lãnh đạo đã đồng ý qua điện thoại."
    client.post(
        f"/admin/force-publish/{real_page.pk}/",
        {"category": "urgent_correction", "reason": reason},
    )
    User.objects.create_user("real-admin", is_superuser=True, is_staff=True)

    report = remove_demo()

    approver.refresh_from_db()
    assert report.deactivated == ["user:approver.hanoimoi"]
    assert not approver.is_active and not approver.check_password(DEMO_PASSWORD)
    assert ForcePublication.objects.filter(page=real_page, user=approver).exists()
    assert demo_accounts() == []
