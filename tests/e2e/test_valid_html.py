"""The Nu HTML Checker (vnu-jar) finds no error on any reader page type in any language. The
pages are saved exactly as the server sent them, under tests/artifacts/e2e/, and checked in one
run of the checker."""

import json
import subprocess

from locales import registry
from tests.e2e.pages import reader_pages


def test_nu_html_checker_finds_no_errors(journey, e2e_server, node_tool, java):
    vnu = node_tool("vnu-jar/build/dist/vnu.jar")
    files = []
    for code in registry.CODES:
        for name, url in reader_pages(e2e_server, journey.page, code):
            response = journey.page.goto(url)
            path = journey.folder / f"{code}-{name}.html"
            path.write_bytes(response.body())
            files.append(path)
    checked = subprocess.run(
        [java, "-jar", str(vnu), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stdout)["messages"]
    (journey.folder / "vnu.json").write_text(json.dumps(messages, indent=1, ensure_ascii=False))
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert len(files) == 5 * len(registry.CODES)
    assert errors == [], "\n".join(errors)
