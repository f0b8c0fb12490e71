"""Each site's favicon, bitmap icons and web app manifest (per edition, in its language)."""

import io
import json

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def test_the_favicon_is_the_sites_mark_on_its_colour(client, channel):
    response = client.get("/favicon.svg", HTTP_HOST=HOST)
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert channel.primary_colour in svg and f">{channel.logo_mark}</text>" in svg
    other = client.get("/favicon.svg", HTTP_HOST="songoaivu.localhost:8000").content.decode()
    assert other != svg


@pytest.mark.parametrize(("path", "size"), [("/apple-touch-icon.png", 180), ("/icon-512.png", 512)])
def test_bitmap_icons_have_their_size(client, path, size):
    response = client.get(path, HTTP_HOST=HOST)
    assert Image.open(io.BytesIO(response.content)).size == (size, size)
    assert client.get("/favicon.ico", HTTP_HOST=HOST)["Content-Type"] == "image/x-icon"
    assert client.get("/icon-7.png", HTTP_HOST=HOST).status_code == 404


@pytest.mark.parametrize("code", ["vi", "en", "zh-hans", "lo", "km"])
def test_each_edition_has_a_manifest_named_in_its_language(client, channel, code):
    response = client.get(f"/{code}/manifest.webmanifest", HTTP_HOST=HOST)
    manifest = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert manifest["name"] == getattr(channel, f"name_{code.replace('-', '_')}")
    assert (manifest["lang"], manifest["start_url"]) == (code, f"/{code}/")
    html = client.get(f"/{code}/", HTTP_HOST=HOST).content.decode()
    assert f'<link rel="manifest" href="/{code}/manifest.webmanifest">' in html
    assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in html
