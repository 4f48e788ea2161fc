"""A file that holds the same speech twice says so; different speeches are never called repeats."""

from __future__ import annotations

import difflib
import random

from deckgen.speech.splitting import SpeechText, find_repeats

from tests.speech.helpers import SEED


def _speeches(bodies: list[str]) -> list[SpeechText]:
    return [SpeechText(paragraphs=[body]) for body in bodies]


def _seed_sentences() -> list[str]:
    return [s + "。" for s in SEED.read_text(encoding="utf-8").replace("\n", "").split("。") if len(s) > 12]


def _edited(body: str, fraction: float, rng: random.Random) -> str:
    """``body`` with about ``fraction`` of its characters replaced."""
    chars = list(body)
    for i in rng.sample(range(len(chars)), int(len(chars) * fraction)):
        chars[i] = "改"
    return "".join(chars)


def test_near_copies_are_found_and_distinct_speeches_are_not():
    rng = random.Random(7)
    sentences = _seed_sentences()
    originals = ["".join(rng.sample(sentences, 25)) for _ in range(40)]
    copies = [_edited(originals[5], 0.02, rng), originals[12], _edited(originals[30], 0.2, rng)]
    repeats = find_repeats(_speeches(originals + copies))
    assert repeats == {40: 5, 41: 12}  # the 20 % rewrite is a different speech


def test_the_verdict_agrees_with_difflib_on_edited_copies():
    rng = random.Random(11)
    sentences = _seed_sentences()
    for fraction in (0.0, 0.01, 0.03, 0.06, 0.09, 0.1, 0.11, 0.15, 0.3):
        original = "".join(rng.sample(sentences, 20))
        copy = _edited(original, fraction, rng)
        ratio = difflib.SequenceMatcher(None, original, copy, autojunk=False).ratio()
        assert (1 in find_repeats(_speeches([original, copy]))) == (ratio >= 0.9), fraction


def test_hundreds_of_repeated_speeches_are_all_named():
    sentences = _seed_sentences()
    bodies = ["".join(sentences[i : i + 30]) for i in range(0, 90, 30)] * 150
    repeats = find_repeats(_speeches(bodies))
    assert len(repeats) == len(bodies) - 3
    assert all(repeats[i] == i % 3 for i in range(3, len(bodies)))
