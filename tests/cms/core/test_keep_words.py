"""Site names in Lao and Khmer break only between their parts, never inside a name."""

import pytest

from cms.core.templatetags.reader import keep_words
from locales import registry


def test_a_lao_name_is_kept_whole_and_breaks_at_its_spaces():
    html = keep_words("ປະຕູຂໍ້ມູນຂ່າວສານຕ່າງປະເທດ ນະຄອນຮ່າໂນ້ຍ", registry.get("lo"))
    assert html == 'ປະຕູຂໍ້ມູນຂ່າວສານຕ່າງປະເທດ <span class="nowrap">ນະຄອນຮ່າໂນ້ຍ</span>'


def test_a_long_phrase_without_spaces_may_still_break_on_a_phone():
    phrase = "វិបផតថលព័ត៌មានការបរទេសទីក្រុងហាណូយ"
    assert keep_words(phrase, registry.get("km")) == phrase


@pytest.mark.parametrize("code", ["vi", "en", "zh-hans"])
def test_other_languages_break_as_usual(code):
    assert keep_words("Báo Hà Nội Mới <b>", registry.get(code)) == "Báo Hà Nội Mới <b>"


def test_names_are_escaped():
    assert keep_words("ຮ່າ<b>", registry.get("lo")) == '<span class="nowrap">ຮ່າ&lt;b&gt;</span>'


@pytest.mark.django_db
def test_the_lao_portal_header_keeps_hanoi_whole(client):
    html = client.get("/lo/", HTTP_HOST="localhost:8000").content.decode()
    assert '<span class="nowrap">ນະຄອນຮ່າໂນ້ຍ</span>' in html
