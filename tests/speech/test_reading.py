"""Reading a speech file: encodings people save in, and files that are not speeches."""

from __future__ import annotations

import codecs

import pytest

from deckgen.errors import DeckgenError
from deckgen.speech import read_speech

SPEECH = "在全县邮政工作会议上的讲话\r\n同志们：\r\n一是要再接再厉，不断提升综合竞争力。\r\n"


def write(tmp_path, data: bytes, name: str = "speech.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_without_bom(tmp_path):
    assert read_speech(write(tmp_path, SPEECH.encode("utf-8"))).startswith("在全县")


def test_utf8_bom_is_dropped_and_line_ends_normalised(tmp_path):
    text = read_speech(write(tmp_path, codecs.BOM_UTF8 + SPEECH.encode("utf-8")))
    assert text.startswith("在全县")
    assert "\r" not in text


def test_gb18030_is_detected(tmp_path):
    assert read_speech(write(tmp_path, SPEECH.encode("gb18030"))) == SPEECH.replace("\r\n", "\n")


def test_utf16_with_bom(tmp_path):
    assert read_speech(write(tmp_path, SPEECH.encode("utf-16"))) == SPEECH.replace("\r\n", "\n")


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t\n", codecs.BOM_UTF8 + b"\n\n"])
def test_empty_file_is_refused(tmp_path, content):
    with pytest.raises(DeckgenError, match="empty"):
        read_speech(write(tmp_path, content))


def test_binary_file_is_refused(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(DeckgenError, match="binary") as err:
        read_speech(write(tmp_path, png, "speech.png"))
    assert "speech.png" in err.value.message


def test_undecodable_text_is_refused(tmp_path):
    # Latin-1 accents in a row: neither UTF-8 nor sensible GB18030.
    with pytest.raises(DeckgenError, match="UTF-8|GB18030"):
        read_speech(write(tmp_path, "Café crème brûlée à la carte façade".encode("latin-1") * 3))


def test_missing_file(tmp_path):
    with pytest.raises(DeckgenError, match="not found"):
        read_speech(tmp_path / "nope.txt")
