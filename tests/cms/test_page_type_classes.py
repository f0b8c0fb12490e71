"""Page types and components never share a class name: base.html puts the page type on
<body> as ``page-<type>``, no other template uses a ``page-`` class, and site.css writes rules
for a page type only as the scope of a descendant (``.page-article .x``), never for the body
itself (which would change the header, the footer and every container at once)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [*ROOT.glob("cms/**/templates/**/*.html"), *ROOT.glob("search/templates/**/*.html")]
CSS = (ROOT / "cms" / "static" / "css" / "site.css").read_text("utf-8")
PAGE_TYPE = re.compile(r"\{% block body_class %\}([\w-]*)\{% endblock %\}")


def page_types() -> set[str]:
    return {name for path in TEMPLATES for name in PAGE_TYPE.findall(path.read_text("utf-8"))}


def test_base_html_prefixes_the_page_type():
    base = (ROOT / "cms" / "templates" / "base.html").read_text("utf-8")
    assert '<body class="page-{% block body_class %}' in base


def test_page_types_are_named_and_no_other_element_uses_the_prefix():
    assert {"directory", "home", "section", "article", "standard", "search", "not-found"} <= (
        page_types()
    )
    for path in TEMPLATES:
        if path.name != "base.html":
            assert not re.search(r'class="[^"]*\bpage-', path.read_text("utf-8")), path


def test_site_css_scopes_page_type_rules_and_never_styles_a_component_named_page():
    without_comments = re.sub(r"/\*.*?\*/", "", CSS, flags=re.DOTALL)
    selectors = [
        selector.strip()
        for block in re.findall(r"([^{}]+)\{[^{}]*\}", without_comments)
        for selector in block.split(",")
    ]
    for selector in selectors:
        for match in re.finditer(r"\.page-([\w-]+)(.?)", selector):
            assert match.group(1) in page_types(), f"{selector}: not a page type"
            assert match.group(2) == " ", f"{selector}: style a component inside the page"
