"""Validate YAML text against a declared spec, keeping every line and column.

The YAML is composed into nodes (which carry source marks), then walked against the
spec in :mod:`deckgen.outline.spec`. Every problem becomes an :class:`Issue`; the walk
never stops at the first one. The result is plain data (dicts, lists, strings) plus a
table of positions keyed by path (``parts[0].slides[2].title``) for later messages.
"""

from __future__ import annotations

import re

import yaml

from deckgen.errors import Issue
from deckgen.outline import spec as S
from deckgen.records import field, record

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"

#: Characters no slide can show and XML 1.0 cannot hold (tab and line ends are fine),
#: in any form: typed, or written as a YAML escape such as "A\0B".
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

_TYPE_NAMES = {
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "nothing",
    "tag:yaml.org,2002:timestamp": "a date",
}

#: The tags plain YAML resolves by itself; anything else (``!foo``, ``!!python/…``,
#: ``!!binary``) was written on purpose and is refused.
_PLAIN_TAGS = set(_TYPE_NAMES) | {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
#: The one tag a mapping or a list has unless a tag was written on it (``!!str`` over
#: a list composes to a list node with the str tag, and was taken as the list).
_KIND_TAGS: dict[type, str] = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}


def tag_issues(root: yaml.Node | None, filename: str, *, document: str) -> list[Issue]:
    """An error for every node of ``root`` that carries a YAML tag (``!!python/…``,
    ``!foo``, ``!!str`` over a list or mapping): a user's file holds plain data."""
    issues = []
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS or node.tag != _KIND_TAGS.get(type(node), node.tag):
            mark = node.start_mark
            issues.append(Issue(filename, mark.line + 1, mark.column + 1, f"YAML tag {_clip(node.tag)!r} is not allowed in {_a(document)}; delete it"))
            continue
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack += [value, key]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
    return sorted(issues)


@record
class Validated:
    """What validation gives back: plain data, positions by path, and the issues."""

    data: object = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    #: Paths whose value is a YAML alias (``*name``), with the line of its anchor.
    aliases: dict[str, int] = field(default_factory=dict)
    #: The alias paths whose position is where the alias is used (a key's line).
    used_at: set[str] = field(default_factory=set)

    def alias_note(self, path: str) -> str:
        """`` (…alias defined at line N)`` when ``path``'s position lies in an anchor's
        definition rather than where the alias is used; else ``""``."""
        probe = path
        while probe:
            if probe in self.aliases:
                if probe == path and probe in self.used_at:
                    return ""
                return f" (the value comes from an alias whose anchor is defined at line {self.aliases[probe]})"
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        return ""

    def where(self, path: str) -> tuple[int, int]:
        """Return (line, col) of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.positions:
                return self.positions[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.positions.get("", (1, 1))


def validate_text(text: str, spec: S.Mapping, filename: str) -> Validated:
    """Parse ``text`` as YAML and check it against ``spec``; never raises on bad input."""
    result = Validated()
    try:
        # libyaml's loader (when PyYAML has it) keeps line and column marks and is
        # about ten times faster on long outlines.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or "YAML syntax error"
        line, col, hint = _syntax_hint(problem, text, line, col)
        result.issues.append(Issue(filename, line, col, f"YAML syntax error: {problem}{hint}"))
        return result
    except yaml.reader.ReaderError as exc:  # a control character or similar
        result.issues.append(reader_error_issue(exc, text, filename))
        return result
    except yaml.YAMLError as exc:
        result.issues.append(Issue(filename, 0, 0, f"YAML error: {' '.join(str(exc).split())}"))
        return result
    except RecursionError:
        result.issues.append(Issue(filename, 0, 0, f"the YAML is nested too deeply to be {_a(spec.name)}"))
        return result
    if root is None:
        result.issues.append(Issue(filename, 1, 1, f"the file is empty; expected {_a(spec.name)} with {_required(spec)}"))
        return result
    walker = _Walker(filename, result, document=spec.name)
    result.data = walker.walk(root, spec, "")
    return result


def reader_error_issue(exc: yaml.reader.ReaderError, text: str, filename: str) -> Issue:
    """An :class:`Issue` at the line and column of a character YAML cannot hold."""
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    # libyaml counts the position in bytes, PyYAML in characters: find the character.
    where = text.find(chr(code))
    before = text[: where if where >= 0 else exc.position]
    line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    return Issue(filename, line, col, f"control character U+{code:04X} cannot appear in YAML; delete it")


def _syntax_hint(problem: str, text: str, line: int, col: int) -> tuple[int, int, str]:
    """Return (line, col, hint) for a syntax error, pointing at the likely culprit.

    libyaml often notices a problem a line late; a full-width colon used as the key
    separator or a tab in the indentation on the line before is the usual cause.
    """
    lines = text.splitlines()
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            content = lines[number - 1]
            stripped = content.lstrip(" ")
            if stripped.startswith("\t") or "\t" in content[: len(content) - len(stripped) + 1]:
                return number, content.index("\t") + 1, " (indent with spaces, not tabs)"
            head = stripped.split("#", 1)[0]
            if "：" in head and ":" not in head.split("：", 1)[0]:
                return number, content.index("：") + 1, " (a key needs an ASCII colon ':' followed by a space, not '：')"
    if "mapping values are not allowed" in problem:
        return line, col, " (a text containing ': ' needs quotes, or a key is indented wrongly)"
    if "could not find expected ':'" in problem:
        return line, col, " (each line of a mapping needs 'key: value')"
    return line, col, ""


def _a(noun: str) -> str:
    """``noun`` with its indefinite article: "an outline", "a theme"."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _required(spec: S.Mapping) -> str:
    names = [f"'{f.name}'" for f in spec.fields if f.required]
    return ", ".join(names) if names else "keys"


class _Walker:
    def __init__(self, filename: str, result: Validated, *, document: str = "outline"):
        self.filename = filename
        self.document = document  # what the file is ("outline", "theme"): messages name it
        self.result = result
        self.constructor = yaml.SafeLoader("")
        # An alias (*name) composes to the very node of its anchor: a node met again
        # is an alias use, and its marks are the anchor's, not where it is used.
        self.seen: set[int] = set()

    def issue(self, node: yaml.Node, message: str, path: str) -> None:
        if path in self.result.used_at:
            line, col = self.result.positions[path]
        else:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        message += self.result.alias_note(path)
        self.result.issues.append(Issue(self.filename, line, col, message, path=path))

    def mark(self, node: yaml.Node, path: str) -> None:
        self.result.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)

    def walk(self, node: yaml.Node, spec: object, path: str, used_at: yaml.Node | None = None):
        if id(node) in self.seen:
            self.result.aliases[path] = node.start_mark.line + 1
            if used_at is not None:  # the key the alias is the value of
                self.result.positions[path] = (used_at.start_mark.line + 1, used_at.start_mark.column + 1)
                self.result.used_at.add(path)
            else:
                self.mark(node, path)
        else:
            self.seen.add(id(node))
            self.mark(node, path)
        if node.tag not in _PLAIN_TAGS or node.tag != _KIND_TAGS.get(type(node), node.tag):
            self.issue(node, f"YAML tag {_clip(node.tag)!r} is not allowed in {_a(self.document)}; delete it", path)
            return None
        if isinstance(spec, S.Mapping):
            return self.mapping(node, spec, path)
        if isinstance(spec, S.Tagged):
            return self.tagged(node, spec, path)
        if isinstance(spec, S.ListOf):
            return self.sequence(node, spec, path)
        return self.scalar(node, spec, path)

    def describe(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.MappingNode):
            return "a mapping (key: value lines)"
        if isinstance(node, yaml.SequenceNode):
            return "a list"
        return _TYPE_NAMES.get(node.tag, "a value")

    def scalar(self, node: yaml.Node, spec: object, path: str):
        label = path.rsplit(".", 1)[-1] or "value"
        if not isinstance(node, yaml.ScalarNode):
            expected = {"Text": "text", "Value": "a number or text", "Integer": "a whole number", "Choice": "one word"}[type(spec).__name__]
            self.issue(node, f"'{label}' must be {expected}, not {self.describe(node)}", path)
            return None
        if isinstance(spec, S.Integer):
            return self.integer(node, spec, label, path)
        if node.tag == _NULL or node.tag == _BOOL:
            value = self.constructor.construct_object(node)
            what = "empty" if value is None else f"{str(value).lower()} (true/false)"
            self.issue(node, f"'{label}' is {what}; write text here (quote it if it is meant literally)", path)
            return None
        if isinstance(spec, S.Choice):
            return self.choice(node, spec, label, path)
        # Numbers and dates are kept exactly as written ('2024', '1.10', '012'), never
        # converted: YAML would turn them into other text, and converting a
        # 5,000-digit number or a date like 2024-13-45 would fail.
        text = node.value
        bad = CONTROL_RE.search(text)
        if bad:
            code = ord(bad.group())
            self.issue(node, f"'{label}' holds the control character U+{code:04X}, which a slide cannot show; delete it", path)
            return None
        if isinstance(spec, S.Text) and not text.strip():
            self.issue(node, f"'{label}' is blank; write text here or delete the line", path)
            return None
        return text

    def integer(self, node: yaml.ScalarNode, spec: S.Integer, label: str, path: str):
        """A whole number in ``spec``'s range, written as a number (2.0 counts; "2" and 2.5 do not)."""
        value = None
        if node.tag in (_INT, _FLOAT) and len(node.value) <= 12:
            value = self.constructor.construct_object(node)
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # 2.0 is 2, as JSON Schema's "integer" has it
        if not isinstance(value, int) or not spec.minimum <= value <= spec.maximum:
            self.issue(node, f"'{label}' must be a whole number from {spec.minimum} to {spec.maximum}, not {_clip(node.value)!r}", path)
            return None
        return value

    def choice(self, node: yaml.ScalarNode, spec: S.Choice, label: str, path: str):
        """One of ``spec.options``, written exactly; anything else names the options."""
        word = str(node.value).strip()
        if word in spec.options:
            return word
        hint = _did_you_mean(word, spec.options)
        self.issue(node, f"'{label}' must be one of {', '.join(spec.options)}, not {word!r}{hint}", path)
        return None

    def sequence(self, node: yaml.Node, spec: S.ListOf, path: str):
        label = path.rsplit(".", 1)[-1] or "value"
        if not isinstance(node, yaml.SequenceNode):
            self.issue(node, f"'{label}' must be a list (lines starting with '- '), not {self.describe(node)}", path)
            return None
        if len(node.value) < spec.min_items:
            need = "at least one entry" if spec.min_items == 1 else f"at least {spec.min_items} entries"
            self.issue(node, f"'{label}' needs {need}", path)
        if spec.max_items is not None and len(node.value) > spec.max_items:
            self.issue(node, f"'{label}' takes at most {spec.max_items} entries, found {len(node.value)}", path)
        return [self.walk(child, spec.item, f"{path}[{i}]") for i, child in enumerate(node.value)]

    def tagged(self, node: yaml.Node, spec: S.Tagged, path: str):
        if not isinstance(node, yaml.MappingNode):
            self.issue(node, f"a {spec.name} must be a mapping with '{spec.tag}: …', not {self.describe(node)}", path)
            return None
        kinds = ", ".join(spec.choices)
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == spec.tag:
                kind = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
                if kind in spec.choices:
                    return self.mapping(node, spec.choices[kind], path)
                hint = _did_you_mean(str(kind), spec.choices)
                self.issue(value_node, f"unknown slide kind {kind!r}{hint}; expected one of: {kinds}", f"{path}.{spec.tag}")
                return None
        self.issue(node, f"this {spec.name} has no '{spec.tag}'; add '{spec.tag}: …' with one of: {kinds}", path)
        return None

    def mapping(self, node: yaml.Node, spec: S.Mapping, path: str):
        short = spec.field(spec.shorthand) if spec.shorthand else None
        if short is not None and isinstance(node, yaml.ScalarNode):
            return {short.name: self.scalar(node, short.type, f"{path}.{short.name}")}
        if not isinstance(node, yaml.MappingNode):
            what = f"'{path.rsplit('.', 1)[-1]}'" if path else "the file"
            self.issue(node, f"{what} must be a mapping (key: value lines), not {self.describe(node)}", path)
            return None
        out: dict = {}
        merged = False
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            sub = f"{path}.{key}" if path else str(key)
            if key_node.tag == _MERGE:
                # '<<: *x' would copy keys in; the outline format wants each written out.
                merged = True
                self.issue(key_node, "YAML merge keys ('<<:') are not supported in an outline; write the keys out in full here", sub)
                continue
            spec_field = spec.field(key) if isinstance(key, str) else None
            if spec_field is None:
                hint = _did_you_mean(str(key), [f.name for f in spec.fields])
                allowed = ", ".join(f.name for f in spec.fields)
                self.issue(key_node, f"unknown key {key!r} in {spec.name}{hint}; allowed keys: {allowed}", sub)
                continue
            if key in out:
                self.issue(key_node, f"duplicate key {key!r}; the earlier one would be lost — keep one", sub)
                continue
            if not spec_field.required and _is_null(value_node):
                continue  # an optional key left blank is simply absent
            out[key] = self.walk(value_node, spec_field.type, sub, used_at=key_node)
        if spec.one_of and not any(name in out for name in spec.one_of) and not merged:
            keys = " or ".join(f"'{name}'" for name in spec.one_of)
            first = spec.field(spec.one_of[0])
            self.issue(node, f"this {spec.name} needs {keys} ({first.doc if first else ''})", f"{path}.{spec.one_of[0]}")
        for f in spec.fields:
            if f.required and f.name not in out and not merged:  # the merge is the error
                where = f"this {spec.name}" if path else f"the {self.document}"
                self.issue(node, f"{where} is missing the required key '{f.name}' ({f.doc})", f"{path}.{f.name}" if path else f.name)
        return out


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _did_you_mean(word: str, choices) -> str:
    import difflib  # only when a name is wrong: not on every build's start-up

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
