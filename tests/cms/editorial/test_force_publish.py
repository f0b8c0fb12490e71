"""An approver may publish without the workflow's approval only with a written reason, which
is stored and logged."""

import pytest
from wagtail.models import PageLogEntry

from cms.editorial.models import ForcePublication
from tests.cms.helpers import article
from tests.sites.test_permissions import assert_refused

pytestmark = pytest.mark.django_db


def url(page) -> str:
    return f"/admin/force-publish/{page.pk}/"


def test_force_publish_needs_a_reason(client, approver, section):
    page = article(section, slug="khan-cap", published=False)
    client.force_login(approver)
    response = client.post(url(page), {"reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    page.refresh_from_db()
    assert not page.live
    assert not ForcePublication.objects.exists()


def test_force_publish_with_a_reason_publishes_and_logs_it(client, approver, editor, section):
    page = article(section, slug="thong-bao-khan", published=False)
    page.get_workflow().start(page, editor)
    client.force_login(approver)
    reason = "Thông báo khẩn về thời tiết, lãnh đạo đã đồng ý qua điện thoại."
    response = client.post(url(page), {"reason": reason})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    record = ForcePublication.objects.get(page=page)
    assert (record.user, record.reason) == (approver, reason)
    entry = PageLogEntry.objects.get(page=page, action="editorial.force_publish")
    assert entry.data["reason"] == reason
    assert entry.user == approver


def test_editors_and_other_sites_approvers_cannot_force_publish(client, editor, make_user, section):
    page = article(section, slug="khong-quyen", published=False)
    other_approver = make_user("approver-dofa", "songoaivu: approvers")
    for user in (editor, other_approver):
        client.force_login(user)
        assert_refused(client.post(url(page), {"reason": "x" * 40}))
    page.refresh_from_db()
    assert not page.live


def test_the_force_publish_action_is_offered_to_the_sites_approver(client, approver, section):
    page = article(section, slug="nut-bam", published=False)
    client.force_login(approver)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert url(page) in html
