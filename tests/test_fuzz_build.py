"""Fuzz the whole build (hypothesis): any outline the loader accepts lays out and
renders into a package whose every XML part parses; any theme text either loads or is
refused with issues, never a traceback."""

from __future__ import annotations

import io
import shutil
import warnings
import zipfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from deckgen.errors import InputError
from deckgen.layout.plan import plan_deck
from deckgen.outline import spec as S
from deckgen.outline.model import deck_from_data
from deckgen.outline.validate import validate_text
from deckgen.render.slides import render_deck
from deckgen.theme.loader import builtin_themes, load_theme, load_theme_file
from outline.test_properties import valid

ODD_TEXT = st.sampled_from(
    ["", "X", "Ｘ", "—", "（", "。", "a" * 300, "要点" * 200, "1" * 500, "\t", "\u3000x", "x\ny", "\n\nx", "🙂", "\u200b", "《", "”", "A-B", "&<>\"'"]
)


def _sprinkle(data: object, extra: list[str]) -> object:
    """Append odd text to the string leaves of ``data`` (never to a slide's kind)."""
    pieces = iter(extra)

    def walk(x: object) -> object:
        if isinstance(x, dict):
            return {k: (v if k == "kind" else walk(v)) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        return x + next(pieces, "") if isinstance(x, str) else x

    return walk(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(valid(S.DECK), st.lists(ODD_TEXT, max_size=8))
def test_every_accepted_outline_builds_a_well_formed_deck(data: object, extra: list[str]) -> None:
    text = yaml.safe_dump(_sprinkle(data, extra), allow_unicode=True)
    validated = validate_text(text, S.DECK, "fuzz.yaml")
    if any(i.is_error for i in validated.issues):
        return
    assert isinstance(validated.data, dict)
    deck = deck_from_data(validated.data, "fuzz.yaml")
    theme = load_theme()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        package = render_deck(plan_deck(deck, theme), deck, theme)
    with zipfile.ZipFile(io.BytesIO(package)) as parts:
        for name in parts.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(parts.read(name))


THEME_LINES = builtin_themes()["postal-green"].read_text(encoding="utf-8").splitlines()
LOGO = builtin_themes()["postal-green"].parent.parent / "logos" / "postal-green.png"
THEME_VALUES = st.sampled_from(
    ["", "~", "!!binary aGk=", "'{n!r}'", "'{n:>999999999}'", "'{date.year}'", "'{'", "[1, 2, 3]", "{a: b}", "1e999", "-5", "9" * 400,
     "'#GGGGGG'", "'\"x\"'", "/dev/zero", "../logos/postal-green.png", "none", "'4:3'", "'3:2'", "[.nan, 30]", "[30, 28]", "\"\\0\""]
)


def _theme_in(folder: Path, lines: list[str]) -> Path:
    path = folder / "mine.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    logos = folder.parent / "logos"
    logos.mkdir(exist_ok=True)
    shutil.copy(LOGO, logos / LOGO.name)  # the theme's relative logo path resolves
    return path


def test_the_undamaged_theme_loads_in_this_setup(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    assert load_theme_file(_theme_in(tmp_path / "t", THEME_LINES)).name == "postal-green"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(THEME_LINES) - 1), THEME_VALUES), max_size=3))
def test_a_damaged_theme_loads_or_is_refused_with_lines(tmp_path_factory, changes: list[tuple[int, str]]) -> None:
    lines = list(THEME_LINES)
    for index, value in changes:
        key, colon, _ = lines[index].partition(":")
        if colon and not lines[index].lstrip().startswith("#"):
            lines[index] = f"{key}: {value}"
    path = _theme_in(tmp_path_factory.mktemp("theme"), lines)
    try:
        load_theme_file(path)
    except InputError as exc:
        assert exc.issues and all(i.file == str(path) for i in exc.issues)


FIGURE_PIECES = st.sampled_from(
    ["邮政业务总量", "快递业务量", ": ", "\n", "  ", "replace:", "替换:", "value: ", "change: ", "{", "}", "[", "]", "? ", "&a ", "*a", "!foo ",
     "X市", "12.5", "'", '"', "\\0", "~", "- ", "主要指标:", ",", "indicator,value,change\n", "\ufeff", "9" * 40]
)
FIGURES_OUTLINE = (
    "title: 讲话\nparts:\n  - title: 一\n    slides:\n      - kind: metrics\n        title: 主要指标\n"
    "        metrics:\n          - {indicator: 邮政业务总量, value: X, change: 增长X%}\n"
)


@settings(max_examples=60, deadline=None)
@given(st.lists(FIGURE_PIECES, max_size=25).map("".join), st.sampled_from(["f.yaml", "f.csv"]))
def test_a_figures_file_fills_or_is_refused_with_lines(tmp_path_factory, text: str, name: str) -> None:
    from deckgen.figures import apply_figures
    from deckgen.outline.loader import load_outline

    folder: Path = tmp_path_factory.mktemp("figures")
    (folder / "talk.yaml").write_text(FIGURES_OUTLINE, encoding="utf-8")
    (folder / name).write_text(text, encoding="utf-8")
    outline = load_outline(folder / "talk.yaml")
    try:
        warnings_found = apply_figures(outline, folder / name)
    except InputError as exc:
        assert exc.issues and all(i.file == str(folder / name) for i in exc.issues)
    else:
        assert all(w.severity == "warning" for w in warnings_found)
