"""Helpers for the speech tests: where the seed is, and views of an outline."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "data" / "seed-speeches.txt"  # a copy of shared/seed/000_2da22abb2e613673.txt
DATA = Path(__file__).parent / "data"


def slides_of(data: dict) -> list[dict]:
    """Every content slide of an outline, in order."""
    return [slide for part in data["parts"] for slide in part.get("slides", [])]


def headlines_of(data: dict) -> list[str]:
    """Every item headline (achievements and focus-area slides), in order."""
    found = []
    for slide in slides_of(data):
        for item in slide.get("items", []):
            found.append(item["headline"] if isinstance(item, dict) else item)
    return found


def all_notes(data: dict) -> str:
    """All speaker notes of an outline, joined."""
    notes = [data.get("notes", "")]
    for part in data["parts"]:
        notes.append(part.get("notes", ""))
        notes.extend(slide.get("notes", "") for slide in part.get("slides", []))
    notes.append(data.get("closing", {}).get("notes", ""))
    return "\n".join(notes)


def written_outline(source: Path, folder: Path):
    """``source`` (a corpus document) derived and written as ``deckgen outline`` writes
    it into ``folder``, then loaded: ``(path, outline)``."""
    from deckgen.outline.loader import load_outline
    from deckgen.speech import derive_outlines, dump_outline

    [derived] = derive_outlines(source.read_text(encoding="utf-8"), source.name)
    path = folder / f"{source.stem}.yaml"
    path.write_text(dump_outline(derived, source.name, schema_ref=None), encoding="utf-8")
    return path, load_outline(path)
