"""The persistent cache (prepared photos, logo checks, font lookups and widths, charts):
it may make a rebuild faster, never different, and it never fails a build.

Builds run as whole processes, as a user's do: in one process the in-memory caches
would answer and the cache folder would never be read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deckgen import cache

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


def _build(out: Path, cache_dir: str, outline: Path = SAMPLE) -> bytes:
    env = {**os.environ, "DECKGEN_CACHE_DIR": cache_dir, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(out), "-q"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return out.read_bytes()


def _entries(folder: Path) -> dict[str, int]:
    """Number of cache entries per kind (photos, widths, fonts, …)."""
    return {kind.name: sum(1 for f in kind.rglob("*") if f.is_file()) for kind in folder.iterdir()} if folder.is_dir() else {}


@pytest.fixture(scope="module")
def uncached(tmp_path_factory) -> bytes:
    """The sample deck built with the cache switched off: the reference bytes."""
    return _build(tmp_path_factory.mktemp("uncached") / "deck.pptx", "")


def test_cold_and_warm_builds_give_the_uncached_bytes(tmp_path, uncached):
    folder = tmp_path / "cache"
    assert _build(tmp_path / "cold.pptx", str(folder)) == uncached
    kept = _entries(folder)
    # The sample's faces' widths and the font lookups were kept; its three photos are
    # upright JPEGs, sized from their headers and embedded as they are, and its logo is
    # deckgen's own: nothing to keep for them.
    assert kept.get("widths", 0) >= 1 and kept.get("fonts", 0) >= 1
    assert "photo-sizes" not in kept and "photos" not in kept and "logos" not in kept
    assert _build(tmp_path / "warm.pptx", str(folder)) == uncached


def test_damaged_entries_are_made_again_not_used(tmp_path, uncached):
    folder = tmp_path / "cache"
    _build(tmp_path / "first.pptx", str(folder))
    entries = [f for f in folder.glob("*/*/*") if f.is_file()]  # namespace/xx/key: the entries, not the trim stamp
    for n, entry in enumerate(entries):
        data = entry.read_bytes()
        # Truncated, one byte flipped in the payload, or foreign bytes altogether.
        entry.write_bytes([data[: len(data) // 2], data[:-1] + bytes([data[-1] ^ 0xFF]), b"not a cache entry"][n % 3])
    assert _build(tmp_path / "again.pptx", str(folder)) == uncached
    assert _build(tmp_path / "repaired.pptx", str(folder)) == uncached


def test_unusable_cache_folder_is_ignored(tmp_path, uncached):
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache folder should be")
    assert _build(tmp_path / "deck.pptx", str(blocker / "cache")) == uncached
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o500)
    try:
        assert _build(tmp_path / "deck2.pptx", str(read_only)) == uncached
    finally:
        read_only.chmod(0o700)


def test_empty_setting_switches_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    assert cache.cache_dir() is None
    cache.put("photos", cache.key("x"), b"value")  # nowhere to put it: no error
    assert cache.get("photos", cache.key("x")) is None


def test_with_the_cache_off_a_build_prepares_nothing_to_keep(tmp_path, monkeypatch):
    """Serialising a long deck's line breaks, widths and deflated parts for the cache
    takes tens of milliseconds: with the cache switched off (a first build, a folder
    that must not be written) that work is not done at all."""
    from deckgen.build import build

    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    prepared: list[str] = []
    original = cache.put

    def put(namespace, entry_key, value):
        prepared.append(namespace)
        original(namespace, entry_key, value)

    monkeypatch.setattr(cache, "put", put)
    build(SAMPLE, tmp_path / "deck.pptx")
    assert not {"lines", "widths", "deflated"} & set(prepared), prepared


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("DECKGEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "deckgen"


def test_a_changed_photo_is_prepared_again(tmp_path):
    """The key is the photo's content, not its name: replacing the file under the
    same name gives the new picture, as a build without the cache does."""
    work = tmp_path / "deck"
    shutil.copytree(SAMPLE.parent, work)
    outline = work / SAMPLE.name
    folder = str(tmp_path / "cache")
    first = _build(tmp_path / "first.pptx", folder, outline)
    images = work / "images"
    photos = sorted(images.glob("*.jpg"))
    swapped = photos[0].read_bytes()
    photos[0].write_bytes(photos[1].read_bytes())
    photos[1].write_bytes(swapped)
    cached = _build(tmp_path / "cached.pptx", folder, outline)
    fresh = _build(tmp_path / "fresh.pptx", "", outline)
    assert cached == fresh != first


def test_key_separates_its_parts():
    assert cache.key("ab", "c") != cache.key("a", "bc")
    assert cache.key(b"x", 1) != cache.key(b"x", 2)


def test_an_edited_outline_rebuilt_from_the_cache_matches_a_fresh_build(tmp_path):
    """The case the cache is for: edit one text, rebuild. Unedited paragraphs come
    from the cache (line breaks, widths, photos, chart), the edited one is laid out
    anew, and the deck is the one a build without any cache makes."""
    work = tmp_path / "deck"
    shutil.copytree(SAMPLE.parent, work)
    outline = work / SAMPLE.name
    folder = str(tmp_path / "cache")
    _build(tmp_path / "before.pptx", folder, outline)
    text = outline.read_text(encoding="utf-8")
    edited = text.replace("邮政", "邮政快递", 3)
    assert edited != text
    outline.write_text(edited, encoding="utf-8")
    assert _build(tmp_path / "cached.pptx", folder, outline) == _build(tmp_path / "fresh.pptx", "", outline)


@pytest.mark.filterwarnings("ignore:font .* not found:RuntimeWarning")
def test_builds_measured_with_built_in_metrics_warn_every_time(tmp_path, monkeypatch):
    """With no font file to measure with, nothing is kept between builds, and the
    warning that text may not fit exactly is given on every build, not only the first."""
    from deckgen.build import build
    from deckgen.typeset import fonts, measure

    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "find_font_file", lambda *args, **kwargs: None)
    monkeypatch.setattr(measure, "find_font_file", lambda *args, **kwargs: None)
    first = build(SAMPLE, tmp_path / "first.pptx")
    second = build(SAMPLE, tmp_path / "second.pptx")
    assert any("built-in metrics" in w for w in first.warnings)
    assert first.warnings == second.warnings
    assert not (tmp_path / "cache" / "lines").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_or_folder_in_place_of_an_entry_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path))
    fifo_key, folder_key = cache.key("fifo"), cache.key("folder")
    for key_, make in ((fifo_key, os.mkfifo), (folder_key, os.mkdir)):
        place = tmp_path / "photos" / key_[:2] / key_
        place.parent.mkdir(parents=True, exist_ok=True)
        make(place)
    assert cache.get("photos", fifo_key) is None  # returns at once: never blocks
    assert cache.get("photos", folder_key) is None
    cache.put("photos", cache.key("ok"), b"value")
    assert cache.get("photos", cache.key("ok")) == b"value"


def test_the_folder_is_trimmed_to_its_most_recently_used_entries(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    for n in range(10):
        cache.put("photos", cache.key(n), bytes(1000))
        path = tmp_path / "photos" / cache.key(n)[:2] / cache.key(n)
        os.utime(path, (1000 + n, 1000 + n))  # written in order 0 … 9
    assert cache.get("photos", cache.key(0)) == bytes(1000)  # 0 used again: now the newest
    (tmp_path / ".trimmed").unlink()
    freed = cache.trim(tmp_path, limit=8000)
    kept = {n for n in range(10) if cache.get("photos", cache.key(n)) is not None}
    assert freed > 0 and len(kept) * 1036 <= 6000
    assert 0 in kept and 9 in kept and 1 not in kept  # least recently used go first
    cache.put("photos", cache.key("new"), bytes(50_000))  # over the limit again, but trimmed within the hour
    assert cache.trim(tmp_path, limit=8000) == 0


def test_check_keeps_its_line_breaks_for_the_next_check_and_build(tmp_path, monkeypatch, uncached):
    # The edit loop runs check again and again: a check lays the deck out as build does
    # and keeps the line breaks, so the next check (or build) breaks no line again.
    from deckgen.lint import check_outline
    from deckgen.typeset.typesetter import Typesetter

    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    broken = []
    real_break = Typesetter._break
    monkeypatch.setattr(Typesetter, "_break", lambda self, *args: broken.append(args) or real_break(self, *args))
    first = check_outline(SAMPLE)
    assert broken and _entries(tmp_path / "cache").get("lines", 0) > 0
    broken.clear()
    assert check_outline(SAMPLE) == first
    assert broken == []
    assert _build(tmp_path / "deck.pptx", str(tmp_path / "cache")) == uncached
