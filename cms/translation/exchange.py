"""Exchange with CAT tools: translation memory as TMX 1.4b, the glossary as TBX (TBX-Basic,
ISO 30042:2019). Imports are all or nothing: a malformed file, an entry for a language the
importer does not review, or an incomplete entry is rejected with a message naming the entry."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from cms.translation import memory
from cms.translation.models import GlossaryTerm, MemoryEntry
from locales import registry
from locales.text import fold, nfc

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_NS = "urn:iso:std:iso:30042:ed-2"
PREFERRED = "preferredTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
MAX_LISTED = 20


class ExchangeError(Exception):
    """The file was rejected; ``errors`` lists what is wrong, entry by entry."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        shown = errors[:MAX_LISTED]
        more = len(errors) - len(shown)
        text = "; ".join(shown)
        if more:
            text += " " + _("(and %(count)s more)") % {"count": more}
        super().__init__(_("Nothing was imported: %(errors)s") % {"errors": text})


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ExchangeError(
            [
                _("not well-formed XML at line %(line)s: %(error)s")
                % {"line": error.lineno, "error": error.msg}
            ]
        ) from None


def _tostring(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# TMX ------------------------------------------------------------------------------------------


def export_tmx(languages: Iterable[str]) -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="hanoi-cms translation desk",
        creationtoolversion="1",
        segtype="block",
        adminlang="en",
        srclang=registry.SOURCE_LANGUAGE,
        datatype="html",
        **{"o-tmf": "wagtail-localize"},
    )
    body = etree.SubElement(root, "body")
    entries = (
        MemoryEntry.objects.filter(target_language__in=list(languages))
        .select_related("translator", "channel")
        .order_by("pk")
    )
    for entry in entries.iterator(chunk_size=2000):
        tu = etree.SubElement(
            body,
            "tu",
            tuid=str(entry.pk),
            creationdate=entry.created_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ"),
        )
        if entry.translator:
            tu.set("creationid", entry.translator.get_username())
        for name, value in (
            ("x-provenance", entry.provenance),
            ("x-tool", entry.tool_name),
            ("x-site", entry.channel.slug if entry.channel else ""),
        ):
            if value:
                etree.SubElement(tu, "prop", type=name).text = value
        for language, text in (
            (entry.source_language, entry.source_text),
            (entry.target_language, entry.target_text),
        ):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            etree.SubElement(tuv, "seg").text = text
    return _tostring(root)


def _seg_text(tuv) -> str:
    seg = tuv.find("seg")
    if seg is None:
        return ""
    return nfc("".join(seg.itertext()).strip())


def import_tmx(data: bytes, languages: Iterable[str], user=None) -> int:
    """Import every translation unit into the memory; returns the number of entries."""
    languages = set(languages)
    root = _parse(data)
    errors = []
    if root.tag != "tmx" or not root.get("version", "").startswith("1.4"):
        raise ExchangeError([_("this is not a TMX 1.4 file")])
    header = root.find("header")
    srclang = (header.get("srclang") if header is not None else "") or registry.SOURCE_LANGUAGE
    entries = []
    for number, tu in enumerate(root.iter("tu"), start=1):
        label = _("entry %(number)s (line %(line)s)") % {"number": number, "line": tu.sourceline}
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            language = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
            texts[registry_code(language)] = _seg_text(tuv)
        source = texts.pop(registry_code(srclang.lower()), "")
        if not source:
            errors.append(
                _("%(entry)s: no %(language)s source text") % {"entry": label, "language": srclang}
            )
            continue
        if not texts:
            errors.append(_("%(entry)s: no translation") % {"entry": label})
            continue
        for language, text in texts.items():
            if language not in languages:
                errors.append(
                    _("%(entry)s: language “%(language)s” is not one you review")
                    % {"entry": label, "language": language}
                )
            elif not text:
                errors.append(
                    _("%(entry)s: empty %(language)s text") % {"entry": label, "language": language}
                )
            else:
                entries.append(
                    MemoryEntry(
                        source_language=registry_code(srclang.lower()),
                        target_language=language,
                        source_text=source,
                        target_text=text,
                        translator=user,
                        provenance=MemoryEntry.Provenance.IMPORTED,
                        tool_name=tu.findtext("prop[@type='x-tool']") or "",
                        created_at=timezone.now(),
                    )
                )
    if errors:
        raise ExchangeError(errors)
    with transaction.atomic():
        memory.add_entries(entries)
    return len(entries)


def registry_code(code: str) -> str:
    """Map common language tags (zh-Hans-CN, en-US, lo-LA) to the registry's codes."""
    code = code.lower()
    if code.startswith("zh"):
        return "zh-hans"
    base = code.split("-")[0]
    return base if base in registry.CODES else code


# TBX ------------------------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{TBX_NS}}}{tag}"


def export_tbx(languages: Iterable[str]) -> bytes:
    root = etree.Element(
        _q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"}, nsmap={None: TBX_NS}
    )
    header = etree.SubElement(root, _q("tbxHeader"))
    etree.SubElement(
        etree.SubElement(etree.SubElement(header, _q("fileDesc")), _q("sourceDesc")), _q("p")
    ).text = "Hanoi foreign-information CMS glossary"
    body = etree.SubElement(etree.SubElement(root, _q("text")), _q("body"))
    concepts: dict[tuple[str, str], list[GlossaryTerm]] = defaultdict(list)
    for term in GlossaryTerm.objects.filter(target_language__in=list(languages)).order_by(
        "source_key", "target_language"
    ):
        concepts[(term.source_language, term.source_key)].append(term)
    for number, ((source_language, _key), terms) in enumerate(concepts.items(), start=1):
        entry = etree.SubElement(body, _q("conceptEntry"), id=f"c{number}")
        source_sec = etree.SubElement(entry, _q("langSec"), {XML_LANG: source_language})
        etree.SubElement(etree.SubElement(source_sec, _q("termSec")), _q("term")).text = terms[
            0
        ].source_term
        for term in terms:
            sec = etree.SubElement(entry, _q("langSec"), {XML_LANG: term.target_language})
            if term.note:
                etree.SubElement(sec, _q("note")).text = term.note
            for renderings, status in ((term.required, PREFERRED), (term.forbidden, DEPRECATED)):
                for rendering in renderings:
                    term_sec = etree.SubElement(sec, _q("termSec"))
                    etree.SubElement(term_sec, _q("term")).text = rendering
                    etree.SubElement(
                        term_sec, _q("termNote"), type="administrativeStatus"
                    ).text = status
    return _tostring(root)


def import_tbx(data: bytes, languages: Iterable[str], user=None) -> int:
    """Create or replace glossary terms from concept entries; returns how many terms."""
    languages = set(languages)
    root = _parse(data)
    if etree.QName(root).localname != "tbx":
        raise ExchangeError([_("this is not a TBX file")])
    ns = etree.QName(root).namespace
    q = (lambda tag: f"{{{ns}}}{tag}") if ns else (lambda tag: tag)
    errors, terms = [], []
    for number, concept in enumerate(root.iter(q("conceptEntry")), start=1):
        label = _("entry %(number)s (line %(line)s)") % {
            "number": number,
            "line": concept.sourceline,
        }
        sections = {
            registry_code(sec.get(XML_LANG, "")): sec for sec in concept.findall(q("langSec"))
        }
        source_sec = sections.pop(registry.SOURCE_LANGUAGE, None)
        source_terms = (
            [nfc(t.text.strip()) for t in source_sec.iter(q("term")) if t.text]
            if source_sec is not None
            else []
        )
        if len(source_terms) != 1:
            errors.append(_("%(entry)s: needs exactly one Vietnamese term") % {"entry": label})
            continue
        for language, sec in sections.items():
            if language not in languages:
                errors.append(
                    _("%(entry)s: language “%(language)s” is not one you review")
                    % {"entry": label, "language": language}
                )
                continue
            required: list[str] = []
            forbidden: list[str] = []
            for term_sec in sec.findall(q("termSec")):
                text = nfc((term_sec.findtext(q("term")) or "").strip())
                status = term_sec.findtext(q("termNote")) or PREFERRED
                if text:
                    (
                        forbidden if status.startswith(("deprecated", "superseded")) else required
                    ).append(text)
            if not required:
                errors.append(
                    _("%(entry)s: no required %(language)s rendering")
                    % {"entry": label, "language": language}
                )
                continue
            terms.append(
                (
                    language,
                    source_terms[0],
                    required,
                    forbidden,
                    (sec.findtext(q("note")) or "").strip(),
                )
            )
    if errors:
        raise ExchangeError(errors)
    with transaction.atomic():
        for language, source_term, required, forbidden, note in terms:
            save_term(language, source_term, required, forbidden, note)
    return len(terms)


def save_term(
    language: str, source_term: str, required: list[str], forbidden=(), note: str = ""
) -> GlossaryTerm:
    term = GlossaryTerm.objects.filter(
        source_language=registry.SOURCE_LANGUAGE,
        target_language=language,
        source_key=fold(source_term),
    ).first() or GlossaryTerm(source_language=registry.SOURCE_LANGUAGE, target_language=language)
    term.source_term = source_term
    term.required = list(required)
    term.forbidden = list(forbidden)
    term.note = note or term.note
    term.save()
    return term
