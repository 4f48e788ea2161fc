"""A rebuild stores the parts it deflated before as they were (deckgen.render.deflated):
the deck's bytes are those of a build without any cache, and only the parts an edit
changed are deflated again."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from deckgen.build import build
from deckgen.render import deflated
from deckgen.render.deflated import _parse, deflate

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


def _counting(monkeypatch) -> list[int]:
    calls = [0]
    original = deflated.deflate

    def counted(blob: bytes) -> bytes:
        calls[0] += 1
        return original(blob)

    monkeypatch.setattr(deflated, "deflate", counted)
    return calls


def test_a_rebuild_deflates_only_what_an_edit_changed(tmp_path, monkeypatch):
    work = tmp_path / "deck"
    shutil.copytree(SAMPLE.parent, work)
    outline = work / SAMPLE.name
    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    fresh = build(outline, tmp_path / "fresh.pptx").output.read_bytes()
    with zipfile.ZipFile(tmp_path / "fresh.pptx") as package:
        distinct = len({package.read(name) for name in package.namelist()})

    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    calls = _counting(monkeypatch)
    assert build(outline, tmp_path / "first.pptx").output.read_bytes() == fresh
    assert calls[0] == distinct  # every part, once for parts of the same bytes
    calls[0] = 0
    assert build(outline, tmp_path / "again.pptx").output.read_bytes() == fresh
    assert calls[0] == 0

    # One slide's text edited: its slide and the parts that list every slide change.
    text = outline.read_text(encoding="utf-8")
    edited = text.replace("持续提升", "不断提升", 1)
    assert edited != text
    outline.write_text(edited, encoding="utf-8")
    rebuilt = build(outline, tmp_path / "edited.pptx").output.read_bytes()
    assert 1 <= calls[0] <= 4
    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    assert rebuilt == build(outline, tmp_path / "edited-fresh.pptx").output.read_bytes()


def test_a_cut_table_keeps_its_whole_entries_only():
    parts = [b"<a/>" * 50, b"<b/>" * 70]
    table = b"".join(bytes(range(32)) [:31] + bytes([n]) + len(deflate(p)).to_bytes(4, "little") + deflate(p) for n, p in enumerate(parts))
    whole = _parse(table)
    assert list(whole.values()) == [deflate(p) for p in parts]
    assert list(_parse(table[:-3]).values()) == [deflate(parts[0])]
    assert _parse(b"not a table") == {}


def test_the_zip_takes_each_parts_digest_and_crc_from_the_threads_that_deflated_it(monkeypatch):
    """A long deck's parts are hashed (for the cache) and their CRCs worked out on the
    two deflating threads; writing the zip after them, on one thread while the other
    core waits, does neither again."""
    import zlib as zlib_module

    from deckgen.forked import cores
    from deckgen.render.zipped import zip_bytes

    if cores() < 2:
        import pytest

        pytest.skip("the parts are deflated on two threads only where there are two cores")
    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    blobs = [f"<p:sld>{'段落' * (n % 50)}{n}</p:sld>".encode() for n in range(deflated.THREADED_FROM + 10)]
    members = [(f"ppt/slides/slide{n}.xml", blob) for n, blob in enumerate(blobs)]
    parts = deflated.DeflatedParts()
    parts.deflate_all(blobs)
    counted = {"sha256": 0, "crc32": 0}
    sha256, crc32 = deflated.hashlib.sha256, zlib_module.crc32

    def counting_sha256(data):
        counted["sha256"] += 1
        return sha256(data)

    def counting_crc32(data, *args):
        counted["crc32"] += 1
        return crc32(data, *args)

    monkeypatch.setattr(deflated.hashlib, "sha256", counting_sha256)
    monkeypatch.setattr(deflated.zlib, "crc32", counting_crc32)
    made = zip_bytes(members, (2024, 1, 1, 0, 0, 0), parts.deflated, crc32=parts.crc32)
    assert counted == {"sha256": 0, "crc32": 0}
    monkeypatch.undo()
    assert made == zip_bytes(members, (2024, 1, 1, 0, 0, 0), deflate)  # the same zip
