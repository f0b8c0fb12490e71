"""Accessibility with tools nobody here wrote: axe-core on every reader page type in every
language (no serious or critical violation), Lighthouse on a phone for home, section and article
(accessibility ≥ 95, performance ≥ 90). Reports are saved under tests/artifacts/e2e/."""

import json

import pytest

from locales import registry
from tests.e2e.pages import reader_pages

BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("code", registry.CODES)
def test_axe_finds_no_serious_violations(journey, e2e_server, node_tool, code):
    axe = node_tool("axe-core/axe.min.js")
    page = journey.page
    found = {}
    for name, url in reader_pages(e2e_server, page, code):
        page.goto(url)
        page.add_script_tag(path=axe)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        (journey.folder / f"axe-{name}.json").write_text(json.dumps(result["violations"], indent=1))
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"]
            if v["impact"] in BLOCKING
        ]
        if blocking:
            found[f"{name} {url}"] = blocking
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
