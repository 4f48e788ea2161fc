"""Small outlines written for a test: one part holding the given slides."""

from __future__ import annotations

import textwrap
from pathlib import Path


def one_part_outline(tmp_path: Path, slides: str, *, title: str = "测试") -> Path:
    """Write ``deck.yaml`` in ``tmp_path``: ``title`` and one part whose ``slides:``
    list is the YAML ``slides`` (dedented, so tests can write it indented)."""
    path = tmp_path / "deck.yaml"
    path.write_text(
        f"title: {title}\nparts:\n  - title: 一\n    slides:\n" + textwrap.indent(textwrap.dedent(slides), " " * 6),
        encoding="utf-8",
    )
    return path


def pale_theme(folder: Path) -> Path:
    """Write ``pale.yaml`` in ``folder``: postal-green with light grey text and details,
    what a user might write, giving contrast findings on many slides."""
    root = Path(__file__).resolve().parents[1]
    text = (root / "assets" / "themes" / "postal-green.yaml").read_text(encoding="utf-8")
    text = text.replace('text: "#1E2B24"', 'text: "#B8BEBA"').replace('muted: "#56645C"', 'muted: "#C8CCCA"')
    text = text.replace("logo: ../logos/", f"logo: {root / 'assets' / 'logos'}/").replace("name: postal-green", "name: pale")
    path = folder / "pale.yaml"
    path.write_text(text, encoding="utf-8")
    return path
