"""A journalist's request as other tests need it (the permission matrix): with a press card."""

from __future__ import annotations

from django.core.files.base import ContentFile

from cms.accreditation.models import AccreditationRequest
from sites.models import Channel


def accreditation_request(channel: Channel, language: str) -> AccreditationRequest:
    request = AccreditationRequest(
        channel=channel,
        language=language,
        kind=AccreditationRequest.Kind.ACCREDITATION,
        name=f"Phóng viên {channel.slug}",
        outlet="Thời báo Mẫu",
        country="Lào",
        email=f"phong-vien@{channel.slug}.example.org",
        topics="Họp báo thường kỳ",
        press_card_type="application/pdf",
    )
    request.press_card.save("card.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    request.save()
    return request
