"""The catalogue of sites: the real file is valid and complete; invalid entries are rejected
with the entry and the field named."""

import unicodedata

import pytest

from sites import catalogue
from tests.conftest import raw_catalogue


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English unless a test says otherwise."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_the_catalogue_lists_the_six_key_channels_and_thirty_district_portals():
    data = catalogue.load()
    kinds = [site.kind for site in data.sites]
    assert kinds.count("channel") == 6
    assert kinds.count("district") == 30
    assert kinds.count("directory") == 1
    assert {"hanoimoi", "kinhtedothi", "anninhthudo", "hanoitv", "songoaivu", "huunghi"} <= {
        site.slug for site in data.sites
    }


def test_every_site_runs_five_editions_with_names_in_every_language():
    for site in catalogue.load().sites:
        assert site.editions == ["vi", "en", "zh-hans", "lo", "km"]
        for code in site.editions:
            name = site.names.get(code)
            assert name and unicodedata.is_normalized("NFC", name)


def errors_for(raw) -> list[tuple[str, str]]:
    with pytest.raises(catalogue.CatalogueError) as excinfo:
        catalogue.parse(raw)
    return excinfo.value.errors


def test_a_colour_unreadable_under_white_text_is_rejected_naming_site_and_field():
    raw = raw_catalogue()
    raw["sites"][1]["colours"]["primary"] = "#ffff00"
    [(where, message)] = errors_for(raw)
    assert "hanoimoi" in where and "colours → primary" in where
    assert "contrast" in message


def test_an_unknown_edition_is_rejected():
    raw = raw_catalogue()
    raw["sites"][2]["editions"] = ["vi", "fr"]
    [(where, message)] = errors_for(raw)
    assert "songoaivu" in where and "editions" in where
    assert "fr" in message


def test_a_site_without_a_vietnamese_name_is_rejected():
    raw = raw_catalogue()
    del raw["sites"][3]["names"]["vi"]
    [(where, _message)] = errors_for(raw)
    assert "badinh" in where and "names → vi" in where


def test_an_unknown_section_and_a_duplicate_slug_are_both_reported():
    raw = raw_catalogue()
    raw["sites"][1]["sections"].append("no-such-section")
    raw["sites"][3]["slug"] = "hanoimoi"
    [(_where, message)] = errors_for(raw)
    assert "no-such-section" in message
    assert "slug is used twice" in message


def test_a_district_needs_its_district_type_and_a_channel_must_not_have_one():
    raw = raw_catalogue()
    del raw["sites"][3]["district_type"]
    raw["sites"][1]["district_type"] = "town"
    errors = errors_for(raw)
    assert len(errors) == 2
    assert {slug for where, _ in errors for slug in ("badinh", "hanoimoi") if slug in where} == {
        "badinh",
        "hanoimoi",
    }


def test_a_workflow_must_end_with_approval():
    raw = raw_catalogue()
    raw["sites"][1]["workflow"]["source"] = ["desk_review"]
    [(where, message)] = errors_for(raw)
    assert "hanoimoi" in where and "workflow" in where
    assert "approval" in message


def test_unreadable_yaml_is_reported_with_the_file(tmp_path):
    path = tmp_path / "catalogue.yaml"
    path.write_text("sites: [unclosed", encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError) as excinfo:
        catalogue.load(path)
    assert str(path) in str(excinfo.value)


def test_names_are_normalised_to_nfc():
    raw = raw_catalogue()
    raw["sites"][1]["names"]["vi"] = unicodedata.normalize("NFD", "Báo Hà Nội Mới")
    data = catalogue.parse(raw)
    assert data.site("hanoimoi").names.vi == unicodedata.normalize("NFC", "Báo Hà Nội Mới")


def test_error_messages_are_translated():
    from django.utils import translation

    raw = raw_catalogue()
    raw["sites"][1]["colours"]["primary"] = "#ffff00"
    with translation.override("vi"):
        [(where, _message)] = errors_for(raw)
    assert "hanoimoi" in where
    assert "site 'hanoimoi'" not in where


def test_every_site_has_contact_details_for_its_footer():
    for site in catalogue.load().sites:
        contact = site.contact
        assert contact.address.get("en") and contact.phone and contact.email
        assert contact.hours.days and contact.hours.opens < contact.hours.closes


def test_only_confirmed_public_details_are_not_marked_as_placeholders():
    confirmed = {
        site.slug: {"address", "phone", "email", "hours"} - set(site.contact.placeholders)
        for site in catalogue.load().sites
    }
    assert confirmed["hanoimoi"] == {"address"}
    assert confirmed["songoaivu"] == {"address"}
    assert "44 Lê Thái Tổ" in catalogue.load().site("hanoimoi").contact.address.vi
    assert all(
        not fields for slug, fields in confirmed.items() if slug not in {"hanoimoi", "songoaivu"}
    )


def test_a_placeholder_email_must_use_the_reserved_example_domain():
    raw = raw_catalogue()
    raw["sites"][1]["contact"]["email"] = "toasoan@hanoimoi.vn"
    [(where, message)] = errors_for(raw)
    assert "hanoimoi" in where and "contact" in where
    assert ".example" in message


def test_a_confirmed_email_must_not_use_the_example_domain():
    raw = raw_catalogue()
    raw["sites"][1]["contact"]["placeholders"] = ["phone", "hours"]
    [(where, message)] = errors_for(raw)
    assert "hanoimoi" in where and ".example" in message


def test_an_invalid_phone_and_backwards_opening_hours_are_rejected():
    raw = raw_catalogue()
    raw["sites"][1]["contact"]["phone"] = "call us"
    raw["sites"][2]["contact"]["hours"]["closes"] = "07:00"
    errors = errors_for(raw)
    assert any("hanoimoi" in where and "phone" in where for where, _ in errors)
    assert any("songoaivu" in where and "before closing" in message for where, message in errors)
