"""Precision and recall of a derived outline against its source speech (issue 10).

Each measure is what a reviewer would count by hand: headings the outline missed,
salutations shown as content, figures the source does not hold, a value repeated as
its change, a title that is a file name, a closing cut at a comma.
"""

from __future__ import annotations

import re

from .helpers import slides_of

NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
SALUTATION_RE = re.compile(r"^(?:同志们|各位(?:领导|代表|来宾|同志|委员)|女士们、先生们|同事们)[：:！!，,]?$")
PART_RE = re.compile(r"^[一二三四五六七八九十]+、\s*(.+)$")
GROUP_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*(.+)$")


def shown_texts(data: dict) -> list[str]:
    """Every line a slide shows (not the notes)."""
    texts = [data["title"], data.get("subtitle", "")]
    for part in data["parts"]:
        texts.append(part["title"])
    for slide in slides_of(data):
        texts += [slide.get("title", ""), slide.get("text", "")]
        texts += slide.get("bullets", [])
        for item in slide.get("items", []):
            texts += [item["headline"], item.get("detail", "")] if isinstance(item, dict) else [item]
        for area in slide.get("areas", []):
            texts += [area["title"], area.get("summary", "")] if isinstance(area, dict) else [area]
        for row in slide.get("metrics", []):
            texts += [row["indicator"], str(row["value"]), row.get("unit", ""), row.get("change", "")]
    closing = data.get("closing", {})
    texts += [closing.get("title", ""), closing.get("text", "")]
    return [t for t in texts if t]


def salutation_items(data: dict) -> list[str]:
    return [t for t in shown_texts(data) if SALUTATION_RE.match(t.strip())]


def foreign_figures(data: dict, source: str) -> list[str]:
    """Numbers shown on a slide that the source does not hold with the same digits."""
    held = set(NUMBER_RE.findall(source))
    return [n for t in shown_texts(data) for n in NUMBER_RE.findall(t) if n not in held]


def value_as_change(data: dict) -> list[dict]:
    """Rows whose change repeats the value's number (5.5 | % | 增长5.5%)."""
    rows = [r for s in slides_of(data) for r in s.get("metrics", [])]
    return [r for r in rows if NUMBER_RE.findall(str(r["value"])) and set(NUMBER_RE.findall(str(r["value"]))) & set(NUMBER_RE.findall(r.get("change", "")))]


def missed_headings(data: dict, source: str) -> list[str]:
    """一、 and （一） headings of the source that no part, slide or card title carries."""
    titles = " ".join(shown_texts(data))
    missed = []
    for line in source.split("\n"):
        line = line.strip()
        match = PART_RE.match(line) or GROUP_RE.match(line)
        if match:
            heading = re.split(r"[。]", match.group(1))[0].strip("，。 ")
            if heading not in titles and heading.split("，")[0] not in titles:
                missed.append(heading)
    return missed


def closing_is_complete(data: dict, source: str) -> bool:
    """The closing's smaller line is a whole sentence of the source (or there is none)."""
    text = data.get("closing", {}).get("text", "")
    if not text:
        return bool(data.get("closing", {}).get("title"))
    return text[-1] in "。！？!" and re.sub(r"\s+", "", text) in re.sub(r"\s+", "", source)


# A figure the speech states: not a year or date (2024年, 1月15日), not an item marker (3.优化).
STATED_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*[年月日号届次])(?![.．、][^\d])")


def unshown_figures(data: dict, source: str) -> list[str]:
    """Figures of the speech's body that no slide shows (recall; the notes do not count)."""
    shown = {n for t in shown_texts(data) for n in NUMBER_RE.findall(t)}
    return sorted({n for n in STATED_RE.findall(source) if n not in shown})
