"""Accessibility with tools nobody here wrote: axe-core on every reader page type in every
language (no serious or critical violation), Lighthouse on a phone for home, section and article
(accessibility ≥ 95, performance ≥ 90). Reports are saved under tests/artifacts/e2e/."""

import json
import os
import shutil
import subprocess

import pytest

from locales import registry
from tests.e2e.pages import reader_pages
from tests.e2e.tools import CHROMIUM, CHROMIUM_ARGS, PHONE, need

BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("code", registry.CODES)
def test_axe_finds_no_serious_violations(journey, e2e_server, node_tool, code):
    axe = node_tool("axe-core/axe.min.js")
    # axe-core is added as an inline script, which the pages' Content-Security-Policy refuses.
    page = journey.open(viewport=PHONE, is_mobile=True, bypass_csp=True)
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


LIGHTHOUSE_PAGES = [("vi", "home"), ("vi", "section"), ("vi", "article"), ("km", "article")]


def run_lighthouse(node: str, lighthouse, url: str, base) -> dict:
    """One Lighthouse run; the report is kept as ``<base>.report.{json,html}``. A run that
    Lighthouse itself reports as broken (e.g. NO_NAVSTART: "Please run Lighthouse again") is
    run again, twice at most; scores are never retried."""
    for _attempt in range(3):
        done = subprocess.run(
            [
                node,
                str(lighthouse),
                url,
                "--only-categories=accessibility,performance",
                "--output=json",
                "--output=html",
                f"--output-path={base}",
                f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
        )
        report_file = base.with_name(base.name + ".report.json")
        report = json.loads(report_file.read_text()) if report_file.exists() else {}
        if done.returncode == 0 and report.get("runtimeError") is None:
            return report
    raise AssertionError(f"Lighthouse failed on {url}: {done.stderr[-2000:]}")


def test_lighthouse_on_a_phone(journey, e2e_server, node_tool):
    """Lighthouse's default mobile run (Moto G Power screen, simulated slow 4G, 4× CPU
    slowdown) launching the same Chromium; the HTML and JSON reports are kept."""
    node = shutil.which("node")
    need(node is not None, "no Node.js (apt-get install nodejs)")
    lighthouse = node_tool("lighthouse/cli/index.js")
    scores = {}
    for code, kind in LIGHTHOUSE_PAGES:
        url = dict(reader_pages(e2e_server, journey.page, code))[kind]
        report = run_lighthouse(node, lighthouse, url, journey.folder / f"lighthouse-{code}-{kind}")
        scores[f"{code} {kind}"] = {
            name: round(category["score"] * 100) for name, category in report["categories"].items()
        }
    (journey.folder / "scores.json").write_text(json.dumps(scores, indent=1))
    low = {
        page: got
        for page, got in scores.items()
        if got["accessibility"] < 95 or got["performance"] < 90
    }
    assert low == {}, f"below accessibility 95 / performance 90: {low} (all: {scores})"
