"""A procedure directory on the city portal, in every edition, and procedure records built
the way editors and translators make them (Vietnamese source, translations copied from it)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.procedures.models import Agency, ProcedureIndexPage, ProcedurePage
from cms.translation.prefill import link_to_localize
from locales import registry
from sites.models import Channel
from tests.cms.helpers import locale

INDEX_TITLES = {
    "vi": "Thủ tục hành chính cho người nước ngoài",
    "en": "Administrative procedures for foreigners",
    "zh-hans": "外国人行政手续",
    "lo": "ຂັ້ນຕອນການບໍລິຫານສຳລັບຄົນຕ່າງປະເທດ",
    "km": "នីតិវិធីរដ្ឋបាលសម្រាប់ជនបរទេស",
}

#: The record's texts in each edition (the Vietnamese source and two translations).
TEXTS = {
    "vi": {
        "title": "Cấp giấy phép lao động cho người nước ngoài",
        "summary": "Người sử dụng lao động đề nghị cấp giấy phép lao động cho người nước ngoài.",
        "eligibility": "Người nước ngoài từ đủ 18 tuổi, có năng lực hành vi dân sự đầy đủ.",
        "step": "Nộp hồ sơ",
        "document": "Văn bản đề nghị cấp giấy phép lao động",
        "processing_time": "05 ngày làm việc",
        "fees": "400.000 đồng/giấy phép",
        "submission": "Nộp trực tiếp hoặc qua dịch vụ bưu chính công ích.",
        "citation": "Nghị định 152/2020/NĐ-CP",
    },
    "en": {
        "title": "Work permit for foreign workers",
        "summary": "The employer applies for a work permit for a foreign worker.",
        "eligibility": "Foreigners aged 18 or over with full civil capacity.",
        "step": "Submit the dossier",
        "document": "Application for a work permit",
        "processing_time": "5 working days",
        "fees": "VND 400,000 per permit",
        "submission": "In person or by public postal service.",
        "citation": "Decree 152/2020/ND-CP",
    },
    "zh-hans": {
        "title": "外国劳动者工作许可证的签发",
        "summary": "用人单位为外国劳动者申请工作许可证。",
        "eligibility": "年满18周岁、具有完全民事行为能力的外国人。",
        "step": "提交材料",
        "document": "工作许可证申请书",
        "processing_time": "5个工作日",
        "fees": "每证40万越南盾",
        "submission": "直接提交或通过公共邮政服务提交。",
        "citation": "第152/2020/NĐ-CP号议定",
    },
}


@pytest.fixture
def agency(db) -> Agency:
    return Agency.objects.create(
        slug="so-noi-vu",
        name_vi="Sở Nội vụ Hà Nội",
        name_en="Hanoi Department of Home Affairs",
        name_zh_hans="河内市内务厅",
        address_vi="18B Lê Thánh Tông, Hoàn Kiếm, Hà Nội",
        address_en="18B Le Thanh Tong Street, Hoan Kiem, Hanoi",
        address_zh_hans="河内市还剑郡黎圣宗街18B号",
        opening_hours_vi="Thứ Hai – Thứ Sáu, 8:00 – 17:00",
        opening_hours_en="Monday to Friday, 8:00 – 17:00",
        phone="+84 24 0000 0000",
        email="tiepnhan@sonoivu.example",
    )


@pytest.fixture
def directory(db) -> ProcedureIndexPage:
    home = Channel.objects.get(slug="portal").home_page.specific
    index = ProcedureIndexPage(title=INDEX_TITLES["vi"], slug="thu-tuc-hanh-chinh", intro="")
    home.add_child(instance=index)
    index.save_revision().publish()
    for code in registry.TARGET_CODES:
        copy = index.copy_for_translation(locale(code))
        copy.title = INDEX_TITLES[code]
        copy.save_revision().publish()
    return index


def _item(name: str, form) -> dict:
    return {"name": name, "copies": 1, "note": "", "form": form.pk if form else None}


def _stream(kind: str, value: dict) -> str:
    return json.dumps([{"type": kind, "value": value}], ensure_ascii=False)


def _fill(page: ProcedurePage, texts: dict) -> None:
    page.title = texts["title"]
    page.summary = texts["summary"]
    page.eligibility = texts["eligibility"]
    page.processing_time = texts["processing_time"]
    page.fees = texts["fees"]
    page.submission = texts["submission"]


def build_procedure(
    directory: ProcedureIndexPage,
    agency: Agency,
    *,
    texts: dict = TEXTS,
    slug: str = "giay-phep-lao-dong",
    code: str = "1.000105",
    field: str = "labour",
    applicants: tuple[str, ...] = ("employers", "foreign-individuals"),
    review_date: datetime.date | None = None,
    owner=None,
    form=None,
    legal_basis: str | None = None,
) -> ProcedurePage:
    """A published record with its translations in every language of ``texts``."""
    source = texts["vi"]
    page = ProcedurePage(
        slug=slug,
        code=code,
        field=field,
        agency=agency,
        applicants=list(applicants),
        review_date=review_date or timezone.localdate() + datetime.timedelta(days=90),
        review_owner=owner,
        online_service_url="https://dichvucong.hanoi.gov.vn/",
        steps=_stream("step", {"title": source["step"], "detail": ""}),
        dossier=_stream("item", _item(source["document"], form)),
        legal_basis=legal_basis or _stream("document", {"citation": source["citation"], "url": ""}),
    )
    _fill(page, source)
    directory.add_child(instance=page)
    page.save_revision().publish()
    for code_, values in texts.items():
        if code_ == "vi":
            continue
        parent = directory.get_translation(locale(code_))
        copy = page.copy_for_translation(locale(code_))
        assert copy.get_parent().pk == parent.pk
        _fill(copy, values)
        copy.steps = _stream("step", {"title": values["step"], "detail": ""})
        copy.dossier = _stream("item", _item(values["document"], form))
        copy.legal_basis = legal_basis or _stream(
            "document", {"citation": values["citation"], "url": ""}
        )
        copy.save_revision().publish()
        link_to_localize(page, copy)
    return page


@pytest.fixture
def owner(db):
    return get_user_model().objects.create_user(
        "owner.procedures", email="owner@procedures.example", password="pw"
    )
