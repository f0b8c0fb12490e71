"""The Wagtail admin links the project's script fonts, and its font stack names them, so Lao,
Khmer and Chinese render on machines without fonts for those scripts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.urls import reverse

from locales.wagtail_hooks import ADMIN_STYLESHEETS

pytestmark = pytest.mark.django_db


def _declared_families() -> set[str]:
    families = set()
    for path in ("locales/css/fonts.css", "locales/css/fonts-zh-hans.css"):
        text = Path(finders.find(path)).read_text(encoding="utf-8")
        families.update(re.findall(r'font-family:\s*"([^"]+)"', text))
    return families


def test_every_admin_page_links_the_script_fonts(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content
    linked = [link["href"] for link in BeautifulSoup(html, "html.parser").select("link[href]")]
    for path in ADMIN_STYLESHEETS:
        assert finders.find(path), path
        assert any(href.endswith(path) for href in linked), path


def test_the_admin_font_stack_names_each_script_font_before_the_generic_family():
    stack = Path(finders.find("locales/css/admin-fonts.css")).read_text(encoding="utf-8")
    families = re.search(r"--w-font-sans:([^;]+);", stack).group(1)
    generic = families.index("sans-serif")
    for family in ("Noto Sans Lao", "Noto Sans Khmer", "Noto Sans SC"):
        assert family in _declared_families()
        assert families.index(f'"{family}"') < generic
