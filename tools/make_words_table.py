"""Remake deckgen/typeset/data/jieba-words.bin from the installed jieba's dict.txt
and the user words of deckgen/typeset/data/user-words.txt.

Run after upgrading jieba (pip install -U jieba): python tools/make_words_table.py
tests/typeset/test_words.py checks the shipped table is the installed jieba's.
"""

from __future__ import annotations

from deckgen.typeset import words


def main() -> None:
    table = words.compile_table(words.table_source())
    words.TABLE_FILE.parent.mkdir(parents=True, exist_ok=True)
    words.TABLE_FILE.write_bytes(table)
    print(f"{words.TABLE_FILE}: {words.TABLE_FILE.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
