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
