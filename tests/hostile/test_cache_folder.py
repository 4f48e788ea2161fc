"""The cache stays in its folder: links are not followed, only its own entries are
read or deleted, and a folder others can write to cannot make it touch their files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from deckgen import cache

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links and owners as POSIX has them")


def entry_path(root: Path, namespace: str, entry_key: str) -> Path:
    return root / namespace / entry_key[:2] / entry_key


def fill(root: Path, count: int, size: int = 1000) -> list[str]:
    """``count`` entries of ``size`` bytes, oldest first."""
    keys = [cache.key("fill", n) for n in range(count)]
    for n, entry_key in enumerate(keys):
        cache.put("photos", entry_key, bytes(size))
        os.utime(entry_path(root, "photos", entry_key), (1000 + n, 1000 + n))
    return keys


def outside_folder(where: Path) -> dict[Path, bytes]:
    """Three files of someone's outside the cache (each named like an entry), 3 KB each."""
    where.mkdir()
    files = {}
    for n in range(3):
        name = cache.key("outside", n)
        path = where / name
        path.write_bytes(b"DGC1" + bytes(3000))
        os.utime(path, (10, 10))  # older than every entry: deleted first if counted
        files[path] = path.read_bytes()
    return files


@pytest.fixture(params=["open folders", "checked paths"])
def root(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache folder, used through open folders (Linux, macOS) or, as on Windows,
    through paths checked step by step."""
    if request.param == "checked paths":
        monkeypatch.setattr(cache, "_DIR_FD", False)
    elif not cache._DIR_FD:
        pytest.skip("this system has no dir_fd support")
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def test_a_symlinked_folder_inside_the_cache_is_not_trimmed(root: Path, tmp_path: Path) -> None:
    """Issue 19: a link to a 300 MB folder led the clean-up to delete two of its three files."""
    fill(root, 5)
    files = outside_folder(tmp_path / "mine")
    (root / "photos" / "zz").symlink_to(tmp_path / "mine")  # a key folder that is a link
    (root / "fonts").symlink_to(tmp_path / "mine")  # a namespace that is a link
    os.symlink(tmp_path / "mine", root / "photos" / "ab")
    (root / ".trimmed").unlink()
    cache.trim(root, limit=4000)
    assert {path: path.read_bytes() for path in files} == files


def test_a_link_in_place_of_an_entry_is_not_read_or_deleted(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    cache.put("photos", cache.key("real"), b"value")
    stored = entry_path(root, "photos", cache.key("real")).read_bytes()
    secret.write_bytes(stored)  # a valid entry's bytes, outside the cache
    os.utime(secret, (10, 10))
    planted = cache.key("planted")
    entry_path(root, "photos", planted).parent.mkdir(parents=True, exist_ok=True)
    entry_path(root, "photos", planted).symlink_to(secret)
    assert cache.get("photos", planted) is None
    (root / ".trimmed").unlink()
    fill(root, 5)
    (root / ".trimmed").unlink()
    cache.trim(root, limit=1000)
    assert secret.read_bytes() == stored and os.stat(secret).st_mtime == 10


def test_writing_through_a_linked_key_folder_goes_nowhere(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    entry_key = cache.key("through")
    (root / "photos").mkdir(parents=True)
    (root / "photos" / entry_key[:2]).symlink_to(elsewhere)
    cache.put("photos", entry_key, b"value")
    assert list(elsewhere.iterdir()) == []
    assert cache.get("photos", entry_key) is None


def test_a_hard_link_to_a_file_outside_is_not_read_or_deleted(root: Path, tmp_path: Path) -> None:
    fill(root, 5)
    outside = tmp_path / "outside-entry"
    cache.put("photos", cache.key("x"), b"payload")
    shutil.copy(entry_path(root, "photos", cache.key("x")), outside)
    os.unlink(entry_path(root, "photos", cache.key("x")))
    os.link(outside, entry_path(root, "photos", cache.key("x")))
    os.utime(outside, (10, 10))
    assert cache.get("photos", cache.key("x")) is None
    (root / ".trimmed").unlink()
    cache.trim(root, limit=1000)
    assert outside.exists() and entry_path(root, "photos", cache.key("x")).exists()


def test_files_it_did_not_write_are_ignored_and_kept(root: Path) -> None:
    keys = fill(root, 5)
    notes = root / "photos" / keys[0][:2] / "notes.txt"
    notes.write_bytes(b"mine" * 1000)
    os.utime(notes, (10, 10))
    other_users = entry_path(root, "photos", cache.key("theirs"))
    other_users.parent.mkdir(parents=True, exist_ok=True)
    cache.put("photos", cache.key("theirs"), b"their value")
    os.chown(other_users, 65534, 65534)  # written by another user (nobody)
    os.utime(other_users, (10, 10))
    assert cache.get("photos", cache.key("theirs")) is None
    (root / ".trimmed").unlink()
    cache.trim(root, limit=1000)
    assert notes.exists() and other_users.exists()
    assert sum(entry_path(root, "photos", k).exists() for k in keys) < 5  # its own entries were trimmed


def test_a_folder_another_user_made_is_not_used(root: Path) -> None:
    (root / "photos").mkdir(parents=True)
    os.chown(root / "photos", 65534, 65534)
    os.chmod(root / "photos", 0o777)
    cache.put("photos", cache.key("a"), b"value")
    assert cache.get("photos", cache.key("a")) is None
    assert list((root / "photos").iterdir()) == []


def test_a_linked_stamp_is_not_touched(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "important"
    target.write_bytes(b"x")
    os.utime(target, (10, 10))
    root.mkdir()
    (root / ".trimmed").symlink_to(target)
    cache.trim(root, limit=1)
    assert os.stat(target).st_mtime == 10


def test_temporary_files_a_killed_write_left_are_cleared(root: Path) -> None:
    keys = fill(root, 1)
    folder = entry_path(root, "photos", keys[0]).parent
    left = folder / ".tmp-999999-abcdef"
    left.write_bytes(b"half an entry")
    os.utime(left, (10, 10))
    (root / ".trimmed").unlink()
    cache.trim(root, now=20_000)
    assert not left.exists() and entry_path(root, "photos", keys[0]).exists()
