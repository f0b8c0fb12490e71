"""The JSON search API answers as its OpenAPI description (docs/api/search.openapi.yaml) says,
whatever the parameters: schemathesis generates requests from the description, valid ones and
malformed ones, sends them to the WSGI application and checks each answer — never a 500, a
documented status, content type and body shape."""

from __future__ import annotations

import traceback
from pathlib import Path

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import got_request_exception
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.cms.helpers import article

DESCRIPTION = Path(__file__).resolve().parents[2] / "docs" / "api" / "search.openapi.yaml"
EXAMPLES = 100

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(settings, tmp_path, section):
    """An article in two editions, indexed in a temporary embedded engine."""
    from search.engines import get_engine

    settings.SEARCH_URL = f"sqlite:///{tmp_path / 'search.sqlite3'}"
    get_engine.cache_clear()
    article(section, title="Hồ Hoàn Kiếm mùa thu", translated_to=["en"])
    call_command("search_index", "rebuild", verbosity=0)
    yield
    get_engine.cache_clear()


def operation(application):
    schema = schemathesis.openapi.from_path(DESCRIPTION)
    schema.app = application
    return schema["/api/search/"]["GET"]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_search_api_conforms_to_its_description(indexed, wsgi_application, mode):
    sent: list[int] = []
    errors: list[str] = []

    def record(sender, request, **kwargs):
        errors.append(traceback.format_exc())

    got_request_exception.connect(record)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation(wsgi_application).as_strategy(generation_mode=mode))
    def request(case):
        errors.clear()
        response = case.call()
        sent.append(response.status_code)
        assert response.status_code < 500, "".join(errors)
        case.validate_response(response)

    try:
        request()
    finally:
        got_request_exception.disconnect(record)
    assert len(sent) >= EXAMPLES // 2
    assert 500 not in sent
    if mode is GenerationMode.POSITIVE:
        assert 200 in sent
