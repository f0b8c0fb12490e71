"""Page weight of reader pages in every language, as a phone downloads them with an empty cache
(tests.e2e.weight): prints a Markdown table for docs/page-weight.md.

    .venv/bin/python -m tests.benchmarks.page_weight

Needs what the browser tests need: Chromium (/usr/bin/chromium or CHROMIUM_PATH). Starts its own
server (tests.e2e.server) with the test sites and their demo content.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from locales import registry
from tests.e2e.pages import reader_pages
from tests.e2e.server import LiveServer
from tests.e2e.tools import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.e2e.weight import BUDGETS, page_weight

KINDS = ("html", "css", "font", "image")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="page-weight-"))
    server = LiveServer.start(folder)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            print("| page | language | " + " | ".join(KINDS) + " | total | budget |")
            print("|---|---|" + "---:|" * (len(KINDS) + 2))
            for kind in ("home", "section", "article"):
                for code in registry.CODES:
                    url = dict(reader_pages(server, page, code))[kind]
                    weight = page_weight(browser, url, PHONE)
                    budget = BUDGETS.get(code) if kind == "article" else None
                    cells = [f"{weight.get(k, 0) / 1000:.1f}" for k in KINDS]
                    print(
                        f"| {kind} | {code} | {' | '.join(cells)} | "
                        f"**{weight['total'] / 1000:.1f}** | "
                        f"{f'{budget / 1000:.0f}' if budget else '–'} |"
                    )
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
