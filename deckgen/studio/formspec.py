"""The outline format as the page's editor needs it: fields, types and Chinese labels.

The editor on the page draws its forms from this (one walker over
:mod:`deckgen.outline.spec`), so a new slide kind or field appears there without a
change to the page. Only the labels are the studio's own: the words a clerk reads.
"""

from __future__ import annotations

from deckgen.outline import spec as S

#: The kinds as the page names them.
KIND_LABELS = {
    "achievements": "成绩（要点与说明）",
    "bullets": "要点列表",
    "metrics": "指标与数字",
    "statement": "金句",
    "picture": "图片",
    "chart": "图表",
    "keywords": "关键词",
    "focus-areas": "重点工作（卡片）",
    "focus-area": "重点工作详情",
}

#: Field names as the page shows them; a field missing here shows its own name.
FIELD_LABELS = {
    "title": "标题",
    "subtitle": "副标题",
    "organisation": "单位",
    "presenter": "讲话人",
    "date": "日期",
    "notes": "讲稿备注",
    "short": "目录短名",
    "lead": "导语",
    "icon": "图标",
    "image": "配图",
    "items": "要点",
    "headline": "要点标题",
    "detail": "说明",
    "bullets": "要点",
    "metrics": "指标",
    "indicator": "指标名称",
    "value": "数值",
    "values": "各列数值",
    "unit": "单位",
    "change": "变化",
    "style": "展示方式",
    "headers": "表头",
    "columns": "数值列",
    "text": "正文",
    "source": "出处",
    "photos": "照片",
    "file": "文件",
    "caption": "说明文字",
    "type": "图表类型",
    "categories": "分类",
    "series": "数据系列",
    "name": "名称",
    "keywords": "关键词",
    "word": "关键词",
    "areas": "重点工作",
    "summary": "概述",
    "number": "序号",
}

#: Fields the page leaves to the YAML view (paths to files, the talk's own settings).
YAML_ONLY = frozenset({"theme", "template", "kind", "slides", "parts", "closing"})


def page_spec() -> dict:
    """The outline format for the page: deck, part, closing and each slide kind's fields."""
    return {
        "deck": _fields(S.DECK),
        "part": _fields(S.PART),
        "closing": _fields(S.CLOSING),
        "kinds": [{"kind": kind, "label": KIND_LABELS.get(kind, kind), "doc": mapping.doc, "fields": _fields(mapping)} for kind, mapping in S.SLIDE_KINDS.items()],
    }


def _fields(mapping: S.Mapping) -> list[dict]:
    return [_field(f) for f in mapping.fields if f.name not in YAML_ONLY]


def _field(field: S.Field) -> dict:
    return {"name": field.name, "label": FIELD_LABELS.get(field.name, field.name), "doc": field.doc, "required": field.required, **_type(field.type)}


def _type(kind: object) -> dict:
    if isinstance(kind, S.Text):
        return {"type": "multiline" if kind.multiline else "text"}
    if isinstance(kind, S.Value):
        return {"type": "value"}
    if isinstance(kind, S.Choice):
        return {"type": "choice", "options": list(kind.options)}
    if isinstance(kind, S.Integer):
        return {"type": "integer", "min": kind.minimum, "max": kind.maximum}
    if isinstance(kind, S.ListOf):
        return {"type": "list", "min": kind.min_items, "max": kind.max_items, "item": _type(kind.item)}
    if isinstance(kind, S.Mapping):
        return {"type": "mapping", "shorthand": kind.shorthand, "fields": [_field(f) for f in kind.fields]}
    return {"type": "text"}
