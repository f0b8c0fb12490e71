"""The five edition languages, Lao registered properly, and complete UI catalogues."""

import unicodedata

import polib
import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import get_language_info

from locales import registry
from locales.catalogues import catalogue_paths, gaps


def test_lao_is_a_django_language_with_its_local_name():
    info = get_language_info("lo")
    assert info["name"] == "Lao"
    assert info["name_local"] == "ພາສາລາວ"
    assert info["bidi"] is False
    assert translation.check_for_language("lo")


@pytest.mark.parametrize("code", registry.CODES)
def test_every_edition_language_works_in_i18n_template_tags(code):
    html = Template(
        "{% load i18n %}{% get_language_info for code as info %}"
        "{% language code %}{% get_current_language as current %}"
        "{{ current }}|{{ info.name_local }}|"
        "{% translate 'Skip to main content' %}{% endlanguage %}"
    ).render(Context({"code": code}))
    current, name_local, skip = html.split("|")
    assert current == code
    assert name_local == registry.get(code).name_local
    if code != "en":
        assert skip != "Skip to main content"


def test_dates_in_lao_use_lao_month_names():
    import datetime as dt

    from django.utils.formats import date_format

    with translation.override("lo"):
        assert date_format(dt.date(2026, 11, 27)) == "27 ພະຈິກ 2026"


@pytest.mark.parametrize("path", catalogue_paths(), ids=lambda p: p.parts[-3])
def test_no_catalogue_has_a_missing_or_fuzzy_string(path):
    assert gaps(path) == []


def test_every_catalogue_has_the_same_strings_and_placeholders():
    import re

    placeholder = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdf]|%[sd]")
    catalogues = {path.parts[-3]: polib.pofile(str(path)) for path in catalogue_paths()}
    assert set(catalogues) == {"vi", "en", "zh_Hans", "lo", "km"}
    msgids = {
        code: {entry.msgid for entry in po if not entry.obsolete} for code, po in catalogues.items()
    }
    assert len({frozenset(ids) for ids in msgids.values()}) == 1
    for code, po in catalogues.items():
        for entry in po:
            texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
            # A plural form may leave out the count its singular leaves out ("There is one
            # match"); it then has the placeholders of either the singular or the plural.
            expected = [sorted(placeholder.findall(entry.msgid))]
            if entry.msgid_plural:
                expected.append(sorted(placeholder.findall(entry.msgid_plural)))
            for text in texts:
                assert sorted(placeholder.findall(text)) in expected, (code, entry.msgid)
                assert unicodedata.is_normalized("NFC", text), (code, entry.msgid)


@pytest.mark.parametrize("path", catalogue_paths(), ids=lambda path: path.parts[-3])
def test_no_catalogue_defines_a_string_twice(path):
    """gettext's ``msgfmt --check`` refuses a catalogue with a duplicate entry; merges that
    append the same string on both sides make one."""
    keys = [(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)) if not entry.obsolete]
    assert sorted({key for key in keys if keys.count(key) > 1}) == []
