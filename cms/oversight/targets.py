"""The city decision's targets (decision 3734/QĐ-UBND, section III.2 "Specific targets"),
measured from a snapshot's rows without another query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cms.oversight.models import EditionFigures
from cms.oversight.stale import is_stale
from sites.models import Channel


@dataclass(frozen=True)
class Measure:
    """A target share and the measured one (``count`` of ``total`` sites)."""

    label: str | Promise
    source: str | Promise
    goal: float
    count: int
    total: int

    @property
    def share(self) -> float | None:
        return self.count / self.total if self.total else None

    @property
    def met(self) -> bool:
        return self.share is not None and self.share >= self.goal


def measure(rows: Iterable[EditionFigures]) -> list[Measure]:
    """The decision's measurable targets against the snapshot."""
    by_site: dict[int, dict[str, EditionFigures]] = {}
    channels: dict[int, Channel] = {}
    for row in rows:
        by_site.setdefault(row.channel_id, {})[row.language] = row
        channels[row.channel_id] = row.channel
    english = sum(1 for editions in by_site.values() if "en" in editions)
    key = [pk for pk, channel in channels.items() if channel.kind == Channel.Kind.CHANNEL]
    both = sum(
        1
        for pk in key
        if all(
            lang in by_site[pk] and by_site[pk][lang].published_90 > 0 for lang in ("en", "zh-hans")
        )
    )
    districts = [pk for pk, channel in channels.items() if channel.kind == Channel.Kind.DISTRICT]
    fresh = sum(1 for pk in districts if "vi" in by_site[pk] and not is_stale(by_site[pk]["vi"]))
    return [
        Measure(
            _("Portals with an English edition"),
            _("20% of department portals open an English page (target for 2015)"),
            0.2,
            english,
            len(by_site),
        ),
        Measure(
            _("Key channels publishing in English and Chinese (last 90 days)"),
            _("The key channels inform abroad in English and Chinese (by 2015)"),
            1.0,
            both,
            len(key),
        ),
        Measure(
            _("District portals updated regularly"),
            _("100% of district portals update their information regularly"),
            1.0,
            fresh,
            len(districts),
        ),
    ]
