"""Decks built from the real reports keep words whole (issue 16, items 8 and 10).

Every corpus document and the seed's main speech is derived, laid out at 16:9 and
4:3 as ``build`` lays it out, and every line break written into the plan is read as
a reader would: no break inside a word of jieba's dictionary (by the text's best
reading, :mod:`deckgen.typeset.words`), no last line of one or two characters under
a long line. The figures are printed per deck (``pytest -rA``).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from deckgen.layout.elements import Table, TextBox
from deckgen.layout.plan import plan_deck
from deckgen.outline.loader import load_outline
from deckgen.speech import derive_outlines, dump_outline
from deckgen.theme.resolve import resolve_theme
from deckgen.typeset.phrases import stub_last
from deckgen.typeset.typesetter import Typesetter
from deckgen.typeset.words import splits_word

from .test_real_documents import DOCUMENTS, _source

SIZES = ("16:9", "4:3")
CASES = [(name, size) for name in [*DOCUMENTS, "seed"] for size in SIZES]


@functools.cache
def _outline_file(name: str, folder: str) -> Path:
    path = _source(name)
    outline = derive_outlines(path.read_text(encoding="utf-8"), path.name)[0]
    target = Path(folder) / f"{name}.yaml"
    target.write_text(dump_outline(outline, path.name, None), encoding="utf-8")
    return target


def _texts(plan):
    for number, slide in enumerate(plan.slides, 1):
        for element in slide.elements:
            if isinstance(element, TextBox):
                yield from ((number, element.name, para.text) for para in element.paras)
            elif isinstance(element, Table):
                for row in element.rows:
                    for cell in row:
                        yield from ((number, element.name, para.text) for para in cell.paras)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return str(tmp_path_factory.mktemp("real-outlines"))


@pytest.mark.parametrize(("name", "size"), CASES, ids=[f"{n}-{s.replace(':', 'x')}" for n, s in CASES])
def test_no_word_split_and_no_stub_line(name, size, folder):
    loaded = load_outline(_outline_file(name, folder))
    theme = resolve_theme(loaded, None, size)
    plan = plan_deck(loaded.deck, theme, Typesetter(theme))
    splits, stubs, wrapped = [], [], 0
    for number, shape, text in _texts(plan):
        lines = text.split("\n")
        if len(lines) < 2:
            continue
        wrapped += 1
        whole = "".join(lines)
        ends = [sum(len(line) for line in lines[: k + 1]) for k in range(len(lines))]
        splits += [f"slide {number} {shape}: {whole[max(0, e - 4):e]}/{whole[e:e + 4]}" for e in ends[:-1] if splits_word(whole, e)]
        if stub_last(whole, ends):
            stubs.append(f"slide {number} {shape}: {lines[-2][-6:]}/{lines[-1]}")
    print(f"{name} {size}: {len(plan.slides)} slides, {wrapped} wrapped paragraphs, {len(splits)} word splits, {len(stubs)} stub lines")
    assert wrapped >= 10  # the check has lines to look at
    assert not splits, "\n".join(splits[:20])
    assert not stubs, "\n".join(stubs[:20])
