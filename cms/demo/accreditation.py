"""Demo journalists' requests for the press offices of the Department of Foreign Affairs and the
Friendship Union: made-up journalists and outlets (no real person), in several languages and in
every state of the queue, each with its history and a drawn press card, accreditations linked
to the site's first upcoming press event where the demo content has one. Registered as demo
objects, so ``seed_demo --remove`` takes them away."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from PIL import Image, ImageDraw

from cms.accreditation import uploads
from cms.accreditation.models import AccreditationRequest, RequestEvent
from cms.press.models import PressEventPage
from sites.models import Channel

Status = AccreditationRequest.Status
Kind = AccreditationRequest.Kind
FORUM_VI = "Diễn đàn Hợp tác các thủ đô ASEAN: lễ khai mạc và họp báo quốc tế"


@dataclass(frozen=True)
class DemoRequest:
    key: str
    site: str
    language: str
    kind: str
    name: str
    outlet: str
    country: str
    topics: str
    message: str
    days_ago: int
    #: (status, message from the press office, days after receipt)
    steps: tuple[tuple[str, str, int], ...] = ()


REQUESTS = (
    DemoRequest(
        "lin-yutong",
        "songoaivu",
        "zh-hans",
        Kind.ACCREDITATION,
        "林雨桐",
        "南岸经济观察（虚构）",
        "中国",
        "东盟首都合作论坛开幕式及国际新闻发布会",
        "我希望采访论坛开幕式，并申请参加第二天的国际新闻发布会。",
        2,
    ),
    DemoRequest(
        "harriet-vale",
        "songoaivu",
        "en",
        Kind.ACCREDITATION,
        "Harriet Vale",
        "Harbour Light Review (fictional)",
        "New Zealand",
        "ASEAN Capitals Cooperation Forum: opening ceremony and international press conference",
        "I will cover the forum for a weekly regional affairs magazine and would like a "
        "photographer's position at the opening ceremony.",
        5,
        ((Status.IN_REVIEW, "", 1),),
    ),
    DemoRequest(
        "somphone-keomany",
        "songoaivu",
        "lo",
        Kind.ACCREDITATION,
        "ສົມພອນ ແກ້ວມະນີ",
        "ວາລະສານ ແສງອາລຸນ (ສົມມຸດ)",
        "ລາວ",
        "ພິທີເປີດເວທີປາໄສການຮ່ວມມືບັນດານະຄອນຫຼວງອາຊຽນ",
        "ຂ້າພະເຈົ້າຢາກລາຍງານຂ່າວພິທີເປີດ ແລະ ສຳພາດຄະນະຜູ້ແທນນະຄອນຫຼວງວຽງຈັນ.",
        8,
        (
            (Status.IN_REVIEW, "", 1),
            (
                Status.INFORMATION_REQUESTED,
                "ກະລຸນາສົ່ງສຳເນົາບັດນັກຂ່າວທີ່ຍັງມີອາຍຸການນຳໃຊ້ ແລະ ເລກໜັງສືຜ່ານແດນ.",
                2,
            ),
        ),
    ),
    DemoRequest(
        "sok-chanda",
        "songoaivu",
        "km",
        Kind.ACCREDITATION,
        "សុខ ចន្ទា",
        "ទស្សនាវដ្តី មេគង្គថ្មី (ប្រឌិត)",
        "កម្ពុជា",
        "សន្និសីទសារព័ត៌មានអន្តរជាតិ នៃវេទិកាសហប្រតិបត្តិការរាជធានីអាស៊ាន",
        "ខ្ញុំសុំចូលរួមសន្និសីទសារព័ត៌មាន និងសម្ភាសន៍តំណាងរដ្ឋបាលរាជធានីភ្នំពេញ។",
        12,
        (
            (Status.IN_REVIEW, "", 1),
            (
                Status.APPROVED,
                "សូមអញ្ជើញមកទទួលប័ណ្ណនៅមជ្ឈមណ្ឌលសារព័ត៌មាន ដោយភ្ជាប់លិខិតឆ្លងដែន។",
                3,
            ),
        ),
    ),
    DemoRequest(
        "nguyen-hoang-yen",
        "songoaivu",
        "vi",
        Kind.ACCREDITATION,
        "Nguyễn Hoàng Yến",
        "Tạp chí Cộng đồng Việt Praha (hư cấu)",
        "Cộng hòa Séc",
        FORUM_VI,
        "Tôi muốn đưa tin về Diễn đàn cho bạn đọc người Việt tại châu Âu.",
        20,
        (
            (Status.IN_REVIEW, "", 1),
            (
                Status.REFUSED,
                "Rất tiếc, hồ sơ gửi sau hạn đăng ký 5 ngày làm việc trước ngày khai mạc. "
                "Mời chị đăng ký tác nghiệp tại các sự kiện tiếp theo của Sở.",
                2,
            ),
        ),
    ),
    DemoRequest(
        "tomas-ardent",
        "huunghi",
        "en",
        Kind.INFORMATION,
        "Tomás Ardent",
        "Southern Cross Wire (fictional)",
        "Chile",
        "Friendship exchanges between Hanoi and Latin American cities in 2026",
        "Could you send the list of friendship delegations received this year and a contact "
        "for an interview with the Union's leadership?",
        3,
    ),
)


def _press_card(seed: int) -> bytes:
    """A drawn card (no photograph of anyone, no name), put through the same checks as an
    upload."""
    card = Image.new("RGB", (640, 400), (244, 241, 232))
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, 640, 80), fill=(31, 78, 121))
    draw.text((24, 28), "PRESS · DEMO", fill=(255, 255, 255))
    draw.rectangle((24, 110, 184, 310), fill=(200 - seed * 20, 210, 225), outline=(31, 78, 121))
    for line in range(4):
        draw.rectangle((210, 130 + line * 40, 600 - line * 60, 146 + line * 40), fill=(90, 90, 90))
    out = io.BytesIO()
    card.save(out, "PNG")
    return out.getvalue()


def _create(demo: DemoRequest, channel: Channel, seed: int) -> AccreditationRequest:
    received = timezone.now() - dt.timedelta(days=demo.days_ago)
    request = AccreditationRequest(
        channel=channel,
        language=demo.language,
        kind=demo.kind,
        name=demo.name,
        outlet=demo.outlet,
        country=demo.country,
        email=f"{demo.key}@example.org",
        topics=demo.topics,
        message=demo.message,
        created_at=received,
        updated_at=received,
    )
    if demo.kind == Kind.ACCREDITATION:
        card = uploads.clean_press_card(ContentFile(_press_card(seed)))
        request.press_card_type = card.content_type
        request.press_card.save(f"card.{card.extension}", ContentFile(card.content), save=False)
    request.save()
    RequestEvent.objects.create(request=request, status_to=Status.RECEIVED, created_at=received)
    for status, message, after in demo.steps:
        at = received + dt.timedelta(days=after)
        RequestEvent.objects.create(
            request=request,
            status_from=request.status,
            status_to=status,
            message=message,
            emailed=True,
            created_at=at,
        )
        request.status = status
        request.updated_at = at
        request.decided_at = at if status in (Status.APPROVED, Status.REFUSED) else None
    request.save()
    if demo.kind == Kind.ACCREDITATION and channel.home_page is not None:
        # The site's upcoming events in the demo content, if it has any.
        request.events.set(
            PressEventPage.objects.live()
            .descendant_of(channel.home_page)
            .filter(accreditation_deadline__isnull=False)
            .order_by("starts_at")[:1]
        )
    return request


def load_requests(
    existing: Callable[[str], object], register: Callable[[str, models.Model], None]
) -> None:
    """Create the demo requests not yet loaded (``existing``/``register``: the loader's demo
    object registry). No e-mail is sent: the journalists are made up."""
    channels = {c.slug: c for c in Channel.objects.filter(slug__in={r.site for r in REQUESTS})}
    for seed, demo in enumerate(REQUESTS):
        key = f"accreditation:{demo.key}"
        if demo.site in channels and existing(key) is None:
            register(key, _create(demo, channels[demo.site], seed))
