"""The syndication and monitoring demo: the foreign-affairs site's "From the districts" page
in every edition, district articles offered for foreign information, and clippings read from
the feed files, some tagged and summarised; loaded once and removed with the rest."""

from __future__ import annotations

import shutil

import pytest

from cms.demo.loader import CONTENT_DIR, DemoLoader
from cms.demo.removal import remove_demo
from cms.monitoring.models import Clipping, KeywordRule, Source
from cms.syndication.models import Syndication, SyndicationPage

pytestmark = pytest.mark.django_db


def test_monitoring_demo_loads_once_and_is_removable(tmp_path):
    for name in ("topics.yaml", "badinh.yaml"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    shutil.copytree(CONTENT_DIR / "monitoring", tmp_path / "monitoring")
    report = DemoLoader(tmp_path, logins=False).load()

    listing = SyndicationPage.objects.filter(slug="tu-cac-quan-huyen")
    assert sorted(p.locale.language_code for p in listing) == ["en", "km", "lo", "vi", "zh-hans"]
    assert Syndication.objects.filter(channel__slug="badinh").count() == 2
    assert Source.objects.filter(active=False).count() == 3
    assert KeywordRule.objects.count() == 7
    # Four languages from the Mekong review, three English stories, one merged duplicate.
    assert Clipping.objects.count() == 7
    ready = Clipping.objects.filter(status=Clipping.Status.READY)
    assert ready.count() == 4 and all(c.summary_vi and c.topic for c in ready)

    assert DemoLoader(tmp_path, logins=False).load().created == []
    removal = remove_demo()
    assert removal.removed == len(report.created)
    assert not (SyndicationPage.objects.exists() or Syndication.objects.exists())
    assert not (Source.objects.exists() or Clipping.objects.exists())
