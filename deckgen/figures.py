"""Fill ``X`` placeholders in metrics tables from a small figures file.

The statistics office sends figures instead of editing the outline. Two forms:

* YAML, indicator -> value, or indicator -> {value, change}::

      邮政业务总量: 12.5
      快递业务量: {value: 3200, change: 8.1}
      “十三五”时期行业发展速度:      # a metrics slide's title: only that table
        邮政业务总量: {value: 1.6, change: 9.8}

* Rows with several figures (a metric's ``values`` under ``columns``, a chart's
  series) take a list, one figure per column; ``~`` keeps what the outline has::

      快递业务量: {values: [9800, 12650, ~, 18300, 21530]}

* Or by column title, a figure under each title it fills (the others keep what
  the outline has)::

      快递业务量: {values: {2022年: 15020, 2024年: 21530}}

* CSV whose first column is ``indicator``; ``value`` and ``change`` columns fill as
  above, a ``slide`` column names a metrics slide (like a section), and any other
  column is a column title of the tables (or a chart's category) whose figures it
  fills, as a statistics office's own sheet reads::

      indicator,2020年,2021年,2022年,2023年,2024年
      快递业务量,9800,12650,15020,18300,21530
      邮政业务总量,,,X,,41.6

  An empty cell keeps what the outline has.

* A ``replace:`` section (YAML only) for placeholders outside tables, replaced as
  literal text everywhere in the outline (titles, items, notes…)::

      replace:
        X市: 唐山市
        被X市直工委: 被市直工委

A plain indicator fills that indicator in every metrics table; a section named after
a metrics slide's title fills only that slide. A figure replaces the ``X`` in the
metric's ``value`` (``近X`` + ``300`` -> ``近300``; a value with several ``X`` is
replaced whole); ``change`` fills the ``X`` in the metric's ``change`` (or sets it
when the outline has none). Indicators the outline does not have are errors, with a
did-you-mean, at the figures file's line; figures with nothing left to fill are
warnings.
"""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

import yaml

from deckgen.errors import InputError, Issue
from deckgen.files import read_text
from deckgen.outline.loader import Outline
from deckgen.outline.validate import CONTROL_RE, reader_error_issue, tag_issues
from deckgen.outline.fields import text_fields
from deckgen.outline.model import PLACEHOLDER_RE, Deck, Metric, Series
from deckgen.records import record

_ENTRY_KEYS = ("value", "change", "values")
REPLACE_KEYS = ("replace", "替换")


@record
class Replacement:
    """A literal text replacement from the ``replace:`` section."""

    old: str
    new: str
    line: int
    col: int


@record
class Figure:
    """One figure from the file: what to fill, and where it was written."""

    indicator: str
    value: str | None
    change: str | None
    line: int
    col: int
    slide: str | None = None  # a metrics slide's title, or None for every table
    slide_at: tuple[int, int] = (0, 0)  # where that title is written
    values: list[str | None] | None = None  # one per column or category: fills the X among a row's values
    #: Figures by column title (a table's ``columns`` or a chart's categories), each
    #: with where it was written.
    by_column: dict[str, tuple[str, int, int]] | None = None


def apply_figures(outline: Outline, path: Path) -> list[Issue]:
    """Fill placeholders in ``outline.deck`` from the figures file at ``path``.

    Returns warnings (figures that found nothing to fill). Raises
    :class:`InputError` for a broken figures file or indicators the outline lacks,
    listing every problem with the figures file's line.
    """
    path = Path(path)
    figures = read_figures(path)
    tables = _metric_tables(outline)
    titles = _column_titles(outline)
    errors = _unknown(figures, tables, str(path))
    if not errors:
        errors = _unknown_columns(figures, tables, titles, str(path))
    if errors:
        raise InputError(errors)
    warnings = []
    for figure in figures:
        metrics = [m for title, rows in tables.items() if figure.slide in (None, title) for m in rows if _same(_row_name(m), figure.indicator)]
        changed = False
        for metric in metrics:
            if figure.by_column:
                changed |= _fill_values(metric.values, _by_position(figure.by_column, titles[id(metric)]))
            changed |= _fill(metric, figure)
        if not changed:
            warnings.append(Issue(str(path), figure.line, figure.col, f"figure for “{figure.indicator}” fills nothing: the outline has no X left there", "warning"))
    for replacement in read_replacements(path):
        if not _replace_everywhere(outline.deck, replacement.old, replacement.new):
            warnings.append(Issue(str(path), replacement.line, replacement.col, f"replacement for “{replacement.old}” found nothing to replace", "warning"))
    return warnings


def read_replacements(path: Path) -> list[Replacement]:
    """The ``replace:`` section of a YAML figures file, longest text first."""
    if Path(path).suffix.lower() not in (".yaml", ".yml"):
        return []
    root = yaml.compose(read_text(path, what="figures file", legacy_chinese=True), Loader=yaml.SafeLoader)
    tagged = tag_issues(root, str(path), document="figures file")
    if tagged:
        raise InputError(tagged)
    out: list[Replacement] = []
    issues: list[Issue] = []
    for key_node, value_node in root.value if isinstance(root, yaml.MappingNode) else []:
        if not (isinstance(key_node, yaml.ScalarNode) and key_node.value in REPLACE_KEYS):
            continue
        if not isinstance(value_node, yaml.MappingNode):
            issues.append(_at(str(path), value_node, "replace: needs lines of `old text: new text`"))
            continue
        for old, new in value_node.value:
            if not (isinstance(old, yaml.ScalarNode) and isinstance(new, yaml.ScalarNode)) or not str(old.value):
                issues.append(_at(str(path), old, "replace: each line is `old text: new text`"))
                continue
            out.append(Replacement(str(old.value), str(new.value), old.start_mark.line + 1, old.start_mark.column + 1))
    for r in out:
        issues.extend(_control_issues(str(path), r.line, r.col, r.old, r.new))
    if issues:
        raise InputError(issues)
    return sorted(out, key=lambda r: -len(r.old))


def _replace_everywhere(deck: Deck, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in every text of the deck, notes included; return the count."""
    count = 0
    for field in text_fields(deck, notes=True):
        text = field.value
        if isinstance(text, str) and old in text:
            count += text.count(old)
            field.set(text.replace(old, new))
    return count


def read_figures(path: Path) -> list[Figure]:
    """Read a figures file (.yaml/.yml or .csv); raise :class:`InputError` if broken."""
    text = read_text(path, what="figures file", legacy_chinese=True)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".csv"):
        raise InputError([Issue(str(path), 0, 0, "figures file must be .yaml, .yml or .csv")])
    figures = _read_csv(text, str(path)) if suffix == ".csv" else _read_yaml(text, str(path))
    issues = [i for f in figures for i in _control_issues(str(path), f.line, f.col, f.indicator, f.value, f.change, f.slide)]
    if issues:
        raise InputError(issues)
    return figures


def _control_issues(name: str, line: int, col: int, *texts: str | None) -> list[Issue]:
    """An error when any of ``texts`` holds a character no slide can show."""
    for text in texts:
        bad = CONTROL_RE.search(text or "")
        if bad:
            return [Issue(name, line, col, f"holds the control character U+{ord(bad.group()):04X}, which a slide cannot show; delete it")]
    return []


def _read_yaml(text: str, name: str) -> list[Figure]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise InputError([Issue(name, line, col, f"YAML syntax error: {exc.problem}")]) from None
    except yaml.reader.ReaderError as exc:
        raise InputError([reader_error_issue(exc, text, name)]) from None
    if root is None:
        raise InputError([Issue(name, 1, 1, "the figures file is empty; write lines like `邮政业务总量: 12.5`")])
    tagged = tag_issues(root, name, document="figures file")
    if tagged:
        raise InputError(tagged)
    if not isinstance(root, yaml.MappingNode):
        raise InputError([_at(name, root, "figures must be a mapping of indicator: value lines")])
    figures: list[Figure] = []
    issues: list[Issue] = []
    _entries(root, None, name, figures, issues)
    if issues:
        raise InputError(issues)
    return figures


def _entries(node: yaml.MappingNode, slide: str | None, name: str, figures: list, issues: list, slide_at=(0, 0)) -> None:
    """Read ``indicator: value`` lines of one mapping (the file, or a slide section)."""
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else ""
        if not key:
            issues.append(_at(name, key_node, "an indicator name must be text"))
            continue
        if key in seen:
            issues.append(_at(name, key_node, f"“{key}” is given twice; keep one"))
            continue
        seen.add(key)
        if slide is None and key in REPLACE_KEYS:
            continue  # read by read_replacements
        line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if isinstance(value_node, yaml.ScalarNode):
            figures.append(Figure(key, _scalar(value_node), None, line, col, slide, slide_at))
        elif isinstance(value_node, yaml.MappingNode) and _is_entry(value_node):
            fields = {k.value: v for k, v in value_node.value}
            listed = fields.pop("values", None)
            bad = [k for k, v in fields.items() if not isinstance(v, yaml.ScalarNode)]
            for k in bad:
                issues.append(_at(name, fields[k], f"“{key}”: '{k}' must be a number or text"))
            values = None
            by_column = None
            if listed is not None:
                if isinstance(listed, yaml.SequenceNode) and all(isinstance(v, yaml.ScalarNode) for v in listed.value):
                    values = [_scalar(v) for v in listed.value]
                elif isinstance(listed, yaml.MappingNode) and all(isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode) for k, v in listed.value):
                    by_column = {}
                    given: set[str] = set()
                    for k, v in listed.value:
                        title = str(k.value).strip()
                        figure = _scalar(v)
                        if title in given:
                            issues.append(_at(name, k, f"“{key}”: column “{title}” is given twice; keep one"))
                        elif figure is not None:  # ~ or blank keeps what the outline has
                            by_column[title] = (figure, k.start_mark.line + 1, k.start_mark.column + 1)
                        given.add(title)
                else:
                    message = (f"“{key}”: 'values' must be a list of figures, one per column, e.g. [12.5, 13.1, ~] (~ keeps a figure), "
                               "or figures by column title, e.g. {2022年: 12.5}")
                    issues.append(_at(name, listed, message))
                    bad.append("values")
            if not bad:
                value = _scalar(fields["value"]) if "value" in fields else None
                change = _scalar(fields["change"]) if "change" in fields else None
                figures.append(Figure(key, value, change, line, col, slide, slide_at, values, by_column or None))
        elif isinstance(value_node, yaml.MappingNode) and slide is None:
            _entries(value_node, key, name, figures, issues, (line, col))  # a slide section
        else:
            issues.append(_at(name, value_node, f"“{key}” needs a number or text, or {{value: …, change: …}}"))


def _is_entry(node: yaml.MappingNode) -> bool:
    """True for ``{value: …, change: …}`` (not a slide section of indicators)."""
    if not all(isinstance(k, yaml.ScalarNode) for k, _ in node.value):
        return False
    keys = [k.value for k, _ in node.value]
    return bool(keys) and all(k in _ENTRY_KEYS for k in keys)


def _scalar(node: yaml.ScalarNode) -> str | None:
    """The figure a scalar holds; None for a blank or ``~`` (keep what the outline has)."""
    if node.tag == "tag:yaml.org,2002:null":
        return None
    text = node.value.strip()
    return text or None


def _at(name: str, node: yaml.Node, message: str) -> Issue:
    return Issue(name, node.start_mark.line + 1, node.start_mark.column + 1, message)


def _read_csv(text: str, name: str) -> list[Figure]:
    reader = csv.reader(io.StringIO(text))
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as exc:
        limit = csv.field_size_limit()
        message = f"not a readable CSV line ({exc}); close every quote, and keep each cell under {limit:,} characters"
        raise InputError([Issue(name, reader.line_num, 1, message)]) from None
    if not rows:
        raise InputError([Issue(name, 1, 1, "the figures file is empty; first line: indicator,value,change")])
    raw_header = [h.strip() for h in rows[0]]
    header = [h.lower() if h.lower() in _CSV_KEYS else h for h in raw_header]
    lines = text.splitlines()
    if not header or header[0] != "indicator":
        message = f"the first column must be indicator, then value, change, slide or column titles (2022年 …), not {','.join(rows[0])}"
        raise InputError([Issue(name, 1, 1, message)])
    issues: list[Issue] = []
    for n, title in enumerate(header):
        if not title:
            issues.append(Issue(name, 1, _cell_col(lines, 1, n), f"column {n + 1} has no title; name it (value, change, or a column title such as 2024年) or delete it"))
        elif title in header[:n]:
            issues.append(Issue(name, 1, _cell_col(lines, 1, n), f"column “{raw_header[n]}” is given twice; keep one"))
    if issues:
        raise InputError(issues)
    figures: list[Figure] = []
    seen: set[tuple[str, str]] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            issues.append(Issue(name, line, 1, f"{len(row)} cells but the header has {len(header)}; quote values holding commas"))
            continue
        cells = dict(zip(header, (cell.strip() for cell in row)))
        indicator = cells.get("indicator", "")
        slide = cells.get("slide") or None
        by_column = {
            title: (cells[title], line, _cell_col(lines, line, n))
            for n, title in enumerate(header)
            if title not in _CSV_KEYS and cells.get(title)
        }
        if not indicator:
            issues.append(Issue(name, line, 1, "the indicator is empty"))
        elif (indicator, slide or "") in seen:
            issues.append(Issue(name, line, 1, f"“{indicator}” is given twice; keep one"))
        else:
            seen.add((indicator, slide or ""))
            figures.append(Figure(indicator, cells.get("value") or None, cells.get("change") or None, line, 1, slide, (line, 1), None, by_column or None))
    if issues:
        raise InputError(issues)
    return figures


#: The CSV columns that are not column titles of a table.
_CSV_KEYS = ("indicator", "value", "change", "slide")


def _cell_col(lines: list[str], line: int, index: int) -> int:
    """The character column where cell *index* of CSV line *line* starts (1 when quotes
    make it uncertain)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if '"' in text:
        return 1
    cells = text.split(",")
    return 1 + sum(len(c) + 1 for c in cells[:index]) if index < len(cells) else 1


def _metric_tables(outline: Outline) -> dict[str, list[Metric | Series]]:
    """Metrics and chart slides of the deck: title -> rows, i.e. metrics and chart
    series (untitled slides keyed by path)."""
    tables: dict[str, list[Metric | Series]] = {}
    for part in outline.deck.parts:
        for slide in part.slides:
            if slide.metrics or slide.series:
                rows = tables.setdefault(" ".join(str(slide.title or slide.path).split()), [])
                rows.extend(slide.metrics)
                rows.extend(slide.series)
    return tables


def _column_titles(outline: Outline) -> dict[int, list[str]]:
    """Each row's column titles (by ``id``): its slide's ``columns`` for a metric,
    its chart's categories for a series."""
    titles: dict[int, list[str]] = {}
    for part in outline.deck.parts:
        for slide in part.slides:
            for metric in slide.metrics:
                titles[id(metric)] = [str(c) for c in slide.columns]
            for series in slide.series:
                titles[id(series)] = [str(c) for c in slide.categories]
    return titles


def _by_position(by_column: dict[str, tuple[str, int, int]], titles: list[str]) -> list[str | None]:
    """Figures by column title, laid out by the row's column positions (None: keep)."""
    return [next((figure for title, (figure, _, _) in by_column.items() if _same(title, column)), None) for column in titles]


def _unknown_columns(figures: list[Figure], tables: dict[str, list[Metric | Series]], titles: dict[int, list[str]], name: str) -> list[Issue]:
    """Errors for column titles that no table of the figure's indicator has."""
    issues = []
    for figure in figures:
        if not figure.by_column:
            continue
        rows = [m for title, ms in tables.items() if figure.slide in (None, title) for m in ms if _same(_row_name(m), figure.indicator)]
        known = list(dict.fromkeys(t for m in rows for t in titles[id(m)]))
        for column, (_, line, col) in figure.by_column.items():
            if any(_same(column, t) for t in known):
                continue
            if not known:
                message = f"“{figure.indicator}” has no columns (its table shows one value): write its figure under value, not under “{column}”"
            else:
                shown = "、".join(known[:8]) + ("…" if len(known) > 8 else "")
                message = f"“{figure.indicator}” has no column “{column}”{_did_you_mean(column, known)}; its columns: {shown}"
            issues.append(Issue(name, line, col, message))
    return issues


def _row_name(row: Metric | Series) -> str:
    """What a figures file calls a row: a metric's indicator or a series' name."""
    return row.indicator if isinstance(row, Metric) else row.name


def _same(a: str, b: str) -> bool:
    return " ".join(str(a).split()) == " ".join(str(b).split())


def _unknown(figures: list[Figure], tables: dict[str, list[Metric | Series]], name: str) -> list[Issue]:
    """Errors for slide sections and indicators the outline does not have."""
    issues = []
    all_indicators = list(dict.fromkeys(_row_name(m) for rows in tables.values() for m in rows))
    unknown_slides: set[str] = set()
    for figure in figures:
        if figure.slide is not None and figure.slide not in tables:
            if figure.slide not in unknown_slides:
                unknown_slides.add(figure.slide)
                hint = _did_you_mean(figure.slide, list(tables))
                issues.append(Issue(name, *figure.slide_at, f"no metrics slide titled “{figure.slide}”{hint}"))
            continue
        choices = tables[figure.slide] if figure.slide is not None else [m for rows in tables.values() for m in rows]
        names = list(dict.fromkeys(_row_name(m) for m in choices))
        if not any(_same(n, figure.indicator) for n in names):
            hint = _did_you_mean(figure.indicator, names or all_indicators)
            known = "、".join(names[:8]) + ("…" if len(names) > 8 else "")
            issues.append(Issue(name, figure.line, figure.col, f"unknown indicator “{figure.indicator}”{hint}; the outline's indicators: {known or 'none'}"))
        elif figure.value is None and figure.change is None and not figure.values and not figure.by_column:
            issues.append(Issue(name, figure.line, figure.col, f"“{figure.indicator}” has no value or change"))
    return issues


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f" (did you mean “{close[0]}”?)" if close else ""


def _fill(metric: Metric | Series, figure: Figure) -> bool:
    """Fill ``metric`` (or a chart series) from ``figure``; return True when anything changed."""
    changed = _fill_values(metric.values, figure.values)
    if isinstance(metric, Series):
        return changed
    if figure.value is not None and metric.value is not None and PLACEHOLDER_RE.search(metric.value):
        metric.value = _replace(metric.value, figure.value)
        changed = True
    if figure.change is not None:
        if metric.change is None:
            metric.change = figure.change
            changed = True
        elif PLACEHOLDER_RE.search(metric.change):
            metric.change = _replace(metric.change, figure.change)
            changed = True
    return changed


def _fill_values(values: list[str], figures: list[str | None] | None) -> bool:
    """Put each figure in place of the X at its position (a blank keeps what is there)."""
    changed = False
    for n, figure in enumerate(figures or []):
        if figure is not None and n < len(values) and PLACEHOLDER_RE.search(values[n]):
            values[n] = _replace(values[n], figure)
            changed = True
    return changed


def _replace(template: str, figure: str) -> str:
    """Put ``figure`` in place of the X in ``template`` (whole, if it has several)."""
    if len(PLACEHOLDER_RE.findall(template)) != 1:
        return figure
    return PLACEHOLDER_RE.sub(lambda _: figure, template)
