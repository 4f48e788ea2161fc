"""deckgen.files: inputs are read safely, outputs written atomically and never onto an input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError, InputError
from deckgen.files import read_bytes, read_text, refuse_overwriting_inputs, same_file, write_atomic


def test_write_atomic_fsyncs_before_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deck.pptx"
    order: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (order.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (order.append("replace"), real_replace(a, b))[1])
    write_atomic(target, b"deck")
    assert order == ["fsync", "replace"]
    assert target.read_bytes() == b"deck"


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, MemoryError, OSError])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(interrupt: type[BaseException], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old deck")

    def fail(fd: int) -> None:
        raise interrupt()

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(DeckgenError if interrupt is OSError else interrupt):
        write_atomic(target, b"new deck")
    assert target.read_bytes() == b"old deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


def test_same_file_sees_links_and_case(tmp_path: Path) -> None:
    talk = tmp_path / "talk.yaml"
    talk.write_text("title: x\n", encoding="utf-8")
    (tmp_path / "soft.yaml").symlink_to(talk)
    os.link(talk, tmp_path / "hard.yaml")
    assert same_file(talk, tmp_path / "soft.yaml")
    assert same_file(talk, tmp_path / "hard.yaml")
    assert same_file(talk, tmp_path / "sub" / ".." / "talk.yaml")
    assert same_file(talk, tmp_path / "TALK.YAML")  # one file on Windows and macOS
    assert not same_file(talk, tmp_path / "talk.pptx")


def test_refusal_names_the_input_and_what_to_do(tmp_path: Path) -> None:
    talk = tmp_path / "talk.pptx"
    talk.write_text("title: x\n", encoding="utf-8")
    with pytest.raises(DeckgenError, match=r"this is the outline .*talk.pptx.*Choose another output name"):
        refuse_overwriting_inputs(talk, [("figures file", None), ("outline", talk)])
    refuse_overwriting_inputs(tmp_path / "deck.pptx", [("outline", talk)])


def test_non_regular_files_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # nobody writes: a plain open() would block for ever
    with pytest.raises(InputError, match="is not a regular file"):
        read_bytes(fifo, what="outline")
    with pytest.raises(InputError, match="is a folder; give the outline file"):
        read_bytes(tmp_path, what="outline")


def test_oversize_input_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(InputError, match="is too large to be the outline"):
        read_bytes(big, what="outline", limit=1024 * 1024)


def test_one_reader_for_every_encoding(tmp_path: Path) -> None:
    text = "标题：讲话\n"
    for encoding, legacy in (("utf-8", False), ("utf-8-sig", False), ("utf-16", False), ("gb18030", True)):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert read_text(path, what="figures file", legacy_chinese=legacy) == text
    path = tmp_path / "gbk.yaml"
    path.write_bytes("a: 1\n标题\n".encode("gb18030"))
    with pytest.raises(InputError) as err:
        read_text(path, what="outline")
    assert err.value.issues[0].format() == f"{path}:2:1: not UTF-8 text; save the outline as plain text (UTF-8)"
