"""Benchmark: CPU time to render a one-page PDF in each edition's language with the project's
fonts (run on demand; not part of ``make test``).

    .venv/bin/python -m tests.benchmarks.pdf_fonts [--runs 3]

For each language it prints the font files handed to WeasyPrint and the median render time;
then the same Vietnamese page handed every font file of the project's stylesheets (a text
holding one character of each), which is what choosing files by their text avoids.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time

PARAGRAPHS = {
    "vi": "Ủy ban nhân dân thành phố Hà Nội tiếp đoàn đại biểu hữu nghị.",
    "en": "Hanoi People's Committee receives a friendship delegation.",
    "zh-hans": "河内市人民委员会接待友好代表团。",
    "lo": "ຄະນະກຳມະການປະຊາຊົນນະຄອນຫຼວງຮ່າໂນ້ຍຕ້ອນຮັບຄະນະຜູ້ແທນມິດຕະພາບ.",
    "km": "គណៈកម្មាធិការប្រជាជនទីក្រុងហាណូយទទួលគណៈប្រតិភូមិត្តភាព។",
}


def page(language: str, text: str) -> str:
    return (
        f'<html lang="{language}"><body><h1>{text[:24]}</h1>'
        f"<p>{text}</p><p><b>{text}</b></p></body></html>"
    )


def timed(html: str, runs: int) -> tuple[int, float]:
    from locales import pdf

    files = sum(face.covers(pdf.code_points(html)) for face in pdf.faces())
    timings = []
    for _ in range(runs):
        start = time.process_time()
        pdf.render(html)
        timings.append(time.process_time() - start)
    return files, statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from locales import pdf

    # the every-file text holds characters no font has a glyph for; WeasyPrint names each one
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    print(f"{'page':<28} {'font files':>10} {'CPU s':>7}")
    for language, text in PARAGRAPHS.items():
        files, seconds = timed(page(language, text), runs)
        print(f"{language:<28} {files:>10} {seconds:>7.2f}")
    every = "".join(chr(min(face.points)) for face in pdf.faces())
    files, seconds = timed(page("vi", PARAGRAPHS["vi"] + every), 1)
    print(f"{'vi, every font file':<28} {files:>10} {seconds:>7.2f}")


if __name__ == "__main__":
    main()
