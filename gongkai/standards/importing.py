"""Import a standard catalog template from its JSON file (docs/standards.md: the format).

Every problem is collected with the path of the offending entry ("matters[2].children[0]
.time_limit: …") before anything is written; a valid file is written in one transaction.
Re-importing the same content is a no-op; changed content under a version that a body has
adopted is refused (adopted versions are never rewritten: import it as a new version).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from . import timelimits
from .models import MAX_LEVEL, Audience, Element, Matter, Mode, StandardTemplate, Tier

FORMAT = "gongkai-standard/1"
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_MATTERS = 2000

AUDIENCES = {str(label): value for value, label in Audience.choices} | {"特定群众": "specific"}
MODES = {str(label): value for value, label in Mode.choices} | {
    "主动": "proactive",
    "依申请": "on_request",
}
TIERS = {str(label): value for value, label in Tier.choices}

CREATED, UNCHANGED, REPLACED = "created", "unchanged", "replaced"


class TemplateError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    status: str
    template: StandardTemplate
    matters: int = 0


@dataclass
class _Checked:
    header: dict
    rows: list[dict] = field(default_factory=list)  # flattened matters, parents first


def read_file(path: str | Path) -> dict:
    """Read and parse a template file, refusing oversize or non-JSON input before work."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TemplateError([f"无法读取文件：{path}（{exc.strerror}）"]) from exc
    if size > MAX_FILE_BYTES:
        raise TemplateError([f"文件过大：{size} 字节，上限 {MAX_FILE_BYTES} 字节"])
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise TemplateError(["文件不是 UTF-8 编码的文本"]) from exc
    except json.JSONDecodeError as exc:
        raise TemplateError(
            [f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}"]
        ) from exc


def content_hash(data: dict) -> str:
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _text(value, where: str, problems: list[str], *, required=False, max_length=300) -> str:
    if value is None:
        value = ""
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value)
    if not isinstance(value, str):
        problems.append(f"{where}：应为文本")
        return ""
    value = value.strip()
    if required and not value:
        problems.append(f"{where}：不能为空")
    if len(value) > max_length:
        problems.append(f"{where}：超过 {max_length} 字")
    return value


def _choices(values, mapping: dict, where: str, problems: list[str]) -> list[str]:
    if values in (None, ""):
        return []
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        problems.append(f"{where}：应为列表")
        return []
    result = []
    for value in values:
        if value not in mapping:
            problems.append(f"{where}：“{value}”无效，应为 {'、'.join(mapping)} 之一")
        else:
            result.append(mapping[value])
    return result


def _time_limit(raw, where: str, problems: list[str]) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(f"{where}：应为对象")
        return {}
    limit = timelimits.TimeLimit(
        kind=raw.get("kind", ""),
        text=raw.get("text", "") or "",
        trigger=raw.get("trigger", "") or "",
        days=raw.get("days"),
        unit=raw.get("unit", timelimits.WORKING),
        month=raw.get("month"),
        day=raw.get("day"),
    )
    problems.extend(f"{where}：{p}" for p in limit.problems())
    return {
        "tl_kind": limit.kind,
        "tl_text": _text(limit.text, f"{where}.text", problems),
        "tl_trigger": _text(limit.trigger, f"{where}.trigger", problems, max_length=100),
        "tl_days": limit.days if limit.kind == timelimits.AFTER_EVENT else None,
        "tl_unit": limit.unit if limit.kind == timelimits.AFTER_EVENT else "",
        "tl_month": limit.month if limit.kind == timelimits.ANNUAL else None,
        "tl_day": limit.day if limit.kind == timelimits.ANNUAL else None,
    }


def _channels(raw, where: str, problems: list[str]) -> list[dict]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{where}：应为列表")
        return []
    result = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict) or not isinstance(entry.get("required"), bool):
            problems.append(f'{where}[{i}]：应为 {{"name": …, "required": true/false}}')
            continue
        name = _text(
            entry.get("name"), f"{where}[{i}].name", problems, required=True, max_length=100
        )
        result.append({"name": name, "required": entry["required"]})
    return result


def _elements(raw, where: str, problems: list[str]) -> list[dict]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{where}：应为列表")
        return []
    result = []
    for i, entry in enumerate(raw):
        if isinstance(entry, str):
            entry = {"name": entry, "required": True}
        if not isinstance(entry, dict):
            problems.append(f"{where}[{i}]：应为文本或对象")
            continue
        required = entry.get("required", True)
        if not isinstance(required, bool):
            problems.append(f"{where}[{i}].required：应为 true 或 false")
        name = _text(entry.get("name"), f"{where}[{i}].name", problems, required=True)
        result.append({"name": name, "required": bool(required)})
    return result


def check(data) -> _Checked:
    """Validate a parsed template; raises TemplateError with every problem found."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise TemplateError(["文件内容应为一个 JSON 对象"])
    if data.get("format") != FORMAT:
        problems.append(f"format：应为 “{FORMAT}”")
    header = {
        "key": _text(data.get("key"), "key", problems, required=True, max_length=60),
        "version": _text(data.get("version"), "version", problems, required=True, max_length=40),
        "area": _text(data.get("area"), "area", problems, required=True, max_length=40),
        "title": _text(data.get("title"), "title", problems, required=True, max_length=200),
        "issuer": _text(data.get("issuer"), "issuer", problems, max_length=200),
        "basis": _text(data.get("basis"), "basis", problems, max_length=2000),
        "sources": _text(data.get("sources"), "sources", problems, max_length=4000),
        "partial_note": _text(data.get("partial_note"), "partial_note", problems, max_length=2000),
    }
    if header["key"] and not all(c.isascii() and (c.isalnum() or c in "-_") for c in header["key"]):
        problems.append("key：只能含英文字母、数字、- 和 _")
    partial = data.get("partial", False)
    if not isinstance(partial, bool):
        problems.append("partial：应为 true 或 false")
    header["partial"] = bool(partial)
    checked = _Checked(header=header)
    matters = data.get("matters")
    if not isinstance(matters, list) or not matters:
        problems.append("matters：应为非空列表")
        raise TemplateError(problems)

    def walk(entries, level: int, parent_index: int | None, where: str):
        for i, raw in enumerate(entries):
            here = f"{where}[{i}]"
            if len(checked.rows) >= MAX_MATTERS:
                problems.append(f"事项超过 {MAX_MATTERS} 个")
                return
            if not isinstance(raw, dict):
                problems.append(f"{here}：应为对象")
                continue
            children = raw.get("children") or []
            if children and level >= MAX_LEVEL:
                problems.append(f"{here}.children：事项最多 {MAX_LEVEL} 级")
                children = []
            row = {
                "parent": parent_index,
                "level": level,
                "code": _text(raw.get("code"), f"{here}.code", problems, max_length=20),
                "name": _text(
                    raw.get("name"), f"{here}.name", problems, required=True, max_length=200
                ),
                "basis": _text(raw.get("basis"), f"{here}.basis", problems, max_length=4000),
                "subject": _text(raw.get("subject"), f"{here}.subject", problems, max_length=200),
                "audience": (
                    _choices(raw.get("audience"), AUDIENCES, f"{here}.audience", problems) or [""]
                )[0],
                "audience_note": _text(
                    raw.get("audience_note"), f"{here}.audience_note", problems, max_length=200
                ),
                "modes": _choices(raw.get("modes"), MODES, f"{here}.modes", problems),
                "tiers": _choices(raw.get("tiers"), TIERS, f"{here}.tiers", problems),
                "channels": _channels(raw.get("channels"), f"{here}.channels", problems),
                "elements": _elements(raw.get("elements"), f"{here}.elements", problems),
                **_time_limit(raw.get("time_limit"), f"{here}.time_limit", problems),
            }
            if not children and not row.get("tl_kind"):
                problems.append(f"{here}.time_limit：末级事项应有公开时限")
            if not isinstance(children, list):
                problems.append(f"{here}.children：应为列表")
                children = []
            checked.rows.append(row)
            walk(children, level + 1, len(checked.rows) - 1, f"{here}.children")

    walk(matters, 1, None, "matters")
    if problems:
        raise TemplateError(problems)
    return checked


@transaction.atomic
def import_template(data: dict) -> ImportResult:
    """Create or refresh the template version described by ``data`` (idempotent)."""
    checked = check(data)
    digest = content_hash(data)
    header = checked.header
    existing = StandardTemplate.objects.filter(key=header["key"], version=header["version"]).first()
    if existing and existing.content_hash == digest:
        return ImportResult(UNCHANGED, existing, existing.matters.count())
    if existing and existing.is_adopted():
        raise TemplateError(
            [
                f"模板 {header['key']} 版本 {header['version']} 已被采用，内容不能改写；"
                "请以新的 version 导入修订后的模板"
            ]
        )
    if existing:
        existing.matters.all().delete()
        for name, value in header.items():
            setattr(existing, name, value)
        existing.content_hash = digest
        existing.save()
        template, status = existing, REPLACED
    else:
        template = StandardTemplate.objects.create(content_hash=digest, **header)
        status = CREATED
    saved: list[Matter] = []
    elements: list[Element] = []
    for position, row in enumerate(checked.rows):
        row = dict(row)
        parent = saved[row.pop("parent")] if row["parent"] is not None else None
        row.pop("parent", None)
        element_rows = row.pop("elements")
        matter = Matter.objects.create(template=template, parent=parent, position=position, **row)
        saved.append(matter)
        elements += [Element(matter=matter, position=i, **e) for i, e in enumerate(element_rows)]
    Element.objects.bulk_create(elements)
    return ImportResult(status, template, len(saved))


def import_file(path: str | Path) -> ImportResult:
    return import_template(read_file(path))


SHIPPED_DIR = Path(__file__).resolve().parent / "data"


def shipped_files() -> list[Path]:
    """The templates shipped with gongkai (partial transcriptions; docs/standards.md)."""
    return sorted(SHIPPED_DIR.glob("*.json"))
