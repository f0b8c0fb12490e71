"""Fixtures for the monitoring tests: the feed server on loopback and the keyword rules."""

from __future__ import annotations

import pytest

from cms.monitoring.models import KeywordRule
from tests.cms.monitoring.feed_server import FeedServer

PHRASES = ("Hà Nội", "Hanoi", "河内", "ຮ່າໂນ້ຍ", "ហាណូយ")


@pytest.fixture
def feed_server():
    with FeedServer() as server:
        yield server


@pytest.fixture
def rules(db):
    return [KeywordRule.objects.create(phrase=phrase) for phrase in PHRASES]
