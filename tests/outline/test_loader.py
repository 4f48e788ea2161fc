"""Loading an outline: every problem at once, each at its line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deckgen.errors import InputError
from deckgen.outline.loader import load_outline

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_outline(path)
    return [i.format() for i in caught.value.issues]


def test_sample_outline_loads_with_all_parts():
    outline = load_outline(ROOT / "decks" / "postal-2024.yaml")
    titles = [p.title for p in outline.deck.parts]
    assert len(titles) == 3
    assert titles[2] == "2024年工作安排"
    kinds = {s.kind for p in outline.deck.parts for s in p.slides}
    assert {"metrics", "achievements", "focus-areas", "focus-area", "statement", "bullets"} <= kinds


def test_every_problem_is_reported_with_line_and_column(tmp_path):
    path = write(tmp_path, """
        title: 测试
        organisaton: X局
        parts:
          - title: 一
            slides:
              - kind: achievments
                title: a
              - kind: metrics
                title: 指标
                metrics:
                  - indicator: 总量
                    value: [1, 2]
                  - value: X
          - titel: 二
    """)
    found = messages(path)
    p = str(path)
    assert f"{p}:2:1: unknown key 'organisaton' in outline (did you mean 'organisation'?)" in found[0]
    assert any(m.startswith(f"{p}:6:15: unknown slide kind 'achievments' (did you mean 'achievements'?)") for m in found)
    assert any(m.startswith(f"{p}:12:20: 'value' must be a number or text, not a list") for m in found)
    assert any(m.startswith(f"{p}:13:13: this metric is missing the required key 'indicator'") for m in found)
    assert any(m.startswith(f"{p}:14:5: unknown key 'titel' in part (did you mean 'title'?)") for m in found)
    assert any(m.startswith(f"{p}:14:5: this part is missing the required key 'title'") for m in found)
    assert len(found) == 6


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, """
        title: 测试
        parts:
          - title: 一
            slides:
              - kind: bullets
                title: 要点: 冒号
                bullets: [a
    """)
    (message,) = messages(path)
    assert message.startswith(f"{path}:6:")
    assert "YAML syntax error" in message


def test_wrong_types_are_named_in_plain_words(tmp_path):
    path = write(tmp_path, """
        title: 测试
        parts:
          - title: 一
            slides:
              - kind: bullets
                title: 要点
                bullets: 不是列表
              - kind: focus-area
                title: 重点
                number: 第一
                items: []
    """)
    found = messages(path)
    assert any(":7:18: 'bullets' must be a list" in m for m in found)
    assert any(":10:17: 'number' must be a whole number from 1 to 9999, not '第一'" in m for m in found)
    assert any(":11:16: 'items' needs at least one entry" in m for m in found)


def test_missing_required_top_level_keys(tmp_path):
    path = write(tmp_path, "subtitle: 只有副标题\n")
    found = messages(path)
    assert any("missing the required key 'title'" in m for m in found)
    assert any("missing the required key 'parts'" in m for m in found)


def test_empty_file_and_missing_file(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert "the file is empty" in messages(empty)[0]
    assert "file not found" in messages(tmp_path / "nope.yaml")[0]


def test_not_utf8_is_reported(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("title: 测试\nparts: []\n".encode("gbk"))
    assert "not UTF-8" in messages(path)[0]


def test_shorthand_items_and_unquoted_numbers(tmp_path):
    path = write(tmp_path, """
        title: 测试
        date: 2024
        parts:
          - title: 一
            slides:
              - kind: achievements
                title: 成绩
                items:
                  - 只写标题
                  - headline: 有细节
                    detail: 细节
              - kind: metrics
                title: 指标
                metrics:
                  - {indicator: 总量, value: 256, unit: 亿元, change: 同比增长3.2%}
                  - {indicator: 收入, value: X}
    """)
    deck = load_outline(path).deck
    assert deck.date == "2024"
    items = deck.parts[0].slides[0].items
    assert [(i.headline, i.detail) for i in items] == [("只写标题", None), ("有细节", "细节")]
    metrics = deck.parts[0].slides[1].metrics
    assert [m.value for m in metrics] == ["256", "X"]


def test_blank_optional_key_is_absent_but_blank_required_key_is_an_error(tmp_path):
    path = write(tmp_path, """
        title:
        subtitle:
        parts:
          - title: 一
    """)
    found = messages(path)
    assert found == [f"{path}:1:7: 'title' is empty; write text here (quote it if it is meant literally)"]


def test_duplicate_keys_are_reported(tmp_path):
    path = write(tmp_path, """
        title: 一
        title: 二
        parts:
          - title: 一
    """)
    assert any(":2:1: duplicate key 'title'" in m for m in messages(path))


def test_figures_are_kept_exactly_as_written(tmp_path):
    path = write(tmp_path, """
        title: 测试
        parts:
          - title: 一
            slides:
              - kind: metrics
                title: 指标
                metrics:
                  - {indicator: a, value: 1.10}
                  - {indicator: b, value: 012}
                  - {indicator: c, value: 1_000}
                  - {indicator: d, value: 256}
    """)
    metrics = load_outline(path).deck.parts[0].slides[0].metrics
    assert [m.value for m in metrics] == ["1.10", "012", "1_000", "256"]


def test_control_character_is_reported_at_its_place(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text("title: 测\x01试\nparts:\n  - title: 一\n", encoding="utf-8")
    assert messages(path) == [f"{path}:1:9: control character U+0001 cannot appear in YAML; delete it"]


def test_full_width_colon_and_tab_get_a_hint_at_the_right_line(tmp_path):
    path = write(tmp_path, """
        title: 测试
        parts:
          - title: 一
            slides:
              - kind: bullets
                title： 甲
                bullets: [a]
    """)
    (message,) = messages(path)
    assert message.startswith(f"{path}:6:14: YAML syntax error") and "not '：'" in message
    tabbed = tmp_path / "tab.yaml"
    tabbed.write_text("title: 测试\nparts:\n  - title: 一\n\tslides: []\n", encoding="utf-8")
    (message,) = messages(tabbed)
    assert message.startswith(f"{tabbed}:4:1:") and "indent with spaces, not tabs" in message


def test_utf16_outline_is_read(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_bytes("title: 测试\nparts:\n  - title: 一\n".encode("utf-16"))
    assert load_outline(path).deck.title == "测试"


def test_placeholder_detection():
    from deckgen.outline.model import has_placeholder

    for text in ("X亿元", "增长X%", "X-X月", "近X个", "Ｘ市", "（X）", "xx市", "XX同志", "××同志", "ＸＸ", "XXX"):
        assert has_placeholder(text), text
    for text in ("X-ray", "X86", "TEXT", "Xi", "无", "box", "3×4", "XXL", "x轴"):
        assert not has_placeholder(text), text


def test_placeholders_are_counted_one_per_run_and_two_across_a_range():
    from deckgen.outline.model import PLACEHOLDER_RE

    counts = {"X-X月份": 2, "X~X": 2, "X～X": 2, "X/X": 2, "XX同志": 1, "××同志和xx同志": 2, "Ｘ市X区": 2, "X-ray": 0}
    for text, count in counts.items():
        assert len(PLACEHOLDER_RE.findall(text)) == count, text
