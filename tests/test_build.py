"""The build's output file: atomic, never clobbering what it must not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.build import write_atomic
from deckgen.cli import build_targets, cli
from deckgen.errors import DeckgenError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


def test_read_only_deck_is_refused_and_left_untouched(tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"old deck")
    deck.chmod(0o444)
    with pytest.raises(DeckgenError, match="read-only"):
        write_atomic(deck, b"new deck")
    assert deck.read_bytes() == b"old deck"


def test_existing_file_keeps_its_permissions(tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"old")
    deck.chmod(0o600)
    write_atomic(deck, b"new")
    assert deck.read_bytes() == b"new"
    assert stat.S_IMODE(deck.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]  # no temporary left


def test_output_names(tmp_path):
    a, b = tmp_path / "a" / "talk.yaml", tmp_path / "b" / "talk.yaml"
    assert build_targets([a], str(tmp_path / "Deck.PPTX")) == [tmp_path / "Deck.PPTX"]
    assert build_targets([a], None) == [Path("out") / "talk.pptx"]
    assert build_targets([a], str(tmp_path / "folder")) == [tmp_path / "folder" / "talk.pptx"]
    with pytest.raises(DeckgenError, match="would both write"):
        build_targets([a, b], str(tmp_path / "multi"))


def test_wrong_extension_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(tmp_path / "talk.ppt")])
    assert result.exit_code == 2
    assert "must end in .pptx" in result.output
    assert not os.listdir(tmp_path)
