"""Findings in the reader's language, without Django (docs/report-checks.md, "Languages").

A finding's ``message`` is built from a **template** with named placeholders (the Chinese
sentence is the msgid, e.g. ``"表三 {row} 的总计为 {total}，六类申请人之和为 {parts}"``) and
its **parameters**; its ``hint`` is a fixed sentence. Templates and hints are marked with the
no-op :func:`gettext_noop` (the name Django's ``makemessages`` looks for), so that
``make messages`` collects them into ``locale/en`` and the engine still imports without
Django. :func:`render` fills a template in the language of a ``translate`` function: the
web layer passes Django's ``gettext``, the CLI a catalog read with the standard library
(:func:`catalog_translate`).

Parameters are the report's own labels and quotes (left as printed), numbers (written by
:func:`fmt`), or a nested :class:`Text` (a phrase of ours, translated in turn). Only
``{name}`` placeholders are filled, never attribute or index lookups, so a template read back
from stored JSON cannot reach into Python objects.

Each finding code also has a short title (:data:`CODE_TITLES`), shown above the detail.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Translate = Callable[[str], str]

# The project's catalogs: <repo>/locale/<lang>/LC_MESSAGES/django.mo (Makefile `messages`).
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ("zh", "en")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def gettext_noop(text: str) -> str:
    return text


def untranslated(text: str) -> str:
    """The identity: the Chinese source strings are the Chinese text."""
    return text


def fmt(value: object) -> str:
    """A number as a reader would write it: 21, 7730.28, never 21.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


@dataclass(frozen=True)
class Text:
    """A phrase of ours inside a message (e.g. 「表三 （七）总计·自然人」 or a template's name):
    a template and its parameters, translated with the message around it."""

    template: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, translate: Translate = untranslated) -> str:
        return render(self.template, dict(self.params), translate)


def text(template: str, **params: Any) -> Text:
    return Text(template, tuple(params.items()))


def shown(value: Any, translate: Translate = untranslated) -> str:
    """One parameter as it appears in the sentence."""
    if isinstance(value, Text):
        return value.render(translate)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt(value)
    return str(value)


def translated(template: str, translate: Translate) -> str:
    # gettext("") is the catalog's header, never a translation of "".
    return translate(template) if template else ""


def render(template: str, params: Mapping[str, Any], translate: Translate = untranslated) -> str:
    """``template`` in the language of ``translate``, its ``{name}`` placeholders filled; a
    placeholder without a parameter is left as written."""
    return PLACEHOLDER.sub(
        lambda m: shown(params[m.group(1)], translate) if m.group(1) in params else m.group(0),
        translated(template, translate),
    )


# --- JSON form of parameters (docs/report-json.md, `params`) ------------------------------


def param_to_json(value: Any) -> Any:
    if isinstance(value, Text):
        return {
            "template": value.template,
            "params": {k: param_to_json(v) for k, v in value.params},
        }
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def param_from_json(value: Any) -> Any:
    if isinstance(value, dict) and isinstance(value.get("template"), str):
        params = value.get("params") if isinstance(value.get("params"), dict) else {}
        return Text(value["template"], tuple((k, param_from_json(v)) for k, v in params.items()))
    return value


# --- Languages for the CLI ----------------------------------------------------------------


def language_from_environment(environ: Mapping[str, str]) -> str:
    """``en`` or ``zh`` from the POSIX locale variables, in gettext's order (LANGUAGE, LC_ALL,
    LC_MESSAGES, LANG); Chinese, the project's language, unless the first one set is English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            first = value.split(":")[0].lower()
            return "en" if first.startswith("en") else "zh"
    return "zh"


def catalog_translate(language: str, locale_dir: Path = LOCALE_DIR) -> Translate:
    """The project's compiled catalog for ``language`` as a translate function (the standard
    library reads Django's .mo files); Chinese is the source language and needs none.

    Raises ``OSError`` when the catalog is missing (e.g. an installation without locale/).
    """
    if language == "zh":
        return untranslated
    with open(locale_dir / language / "LC_MESSAGES" / "django.mo", "rb") as handle:
        return stdlib_gettext.GNUTranslations(handle).gettext


CODE_TITLES = {
    "P001": gettext_noop("未找到表三"),
    "P002": gettext_noop("未找到表二"),
    "P003": gettext_noop("表四下未找到数字"),
    "P010": gettext_noop("报告中此格为空或为占位符"),
    "P011": gettext_noop("表中缺少此行"),
    "P012": gettext_noop("（六）其他处理按另一种格式印制"),
    "P013": gettext_noop("此行的数字个数不对"),
    "P014": gettext_noop("连在一起的数字有多种拆分方式"),
    "P015": gettext_noop("连在一起的数字无法按表格算术拆分"),
    "P016": gettext_noop("行标签与数字无法一一对应"),
    "P017": gettext_noop("此格不是数字"),
    "P020": gettext_noop("无法判断格式，按 2021 格式读取"),
    "P021": gettext_noop("未找到报告年度"),
    "P022": gettext_noop("未找到发布日期"),
    "P023": gettext_noop("未找到发布机关"),
    "P030": gettext_noop("OCR 识别的数字未经表内勾稽关系核实，未采用"),
    "P031": gettext_noop("报告是扫描件，由 OCR 读出"),
    "P040": gettext_noop("数字由表格算术推出"),
    "R101": gettext_noop("表三某行的总计不等于六类申请人之和"),
    "R102": gettext_noop("表三（七）总计不等于各办理结果之和"),
    "R103": gettext_noop("表三 一 + 二 不等于（七）总计 + 四"),
    "R111": gettext_noop("表四某组的总计不等于维持、纠正、其他、尚未审结之和"),
    "R121": gettext_noop("负数、小数或非数字的件数"),
    "R131": gettext_noop("单元格为空"),
    "R201": gettext_noop("缺少一个章节"),
    "R202": gettext_noop("章节标题重复或不在一至六之列"),
    "R203": gettext_noop("章节顺序不对"),
    "R204": gettext_noop("格式与年度不符"),
    "R205": gettext_noop("未能读出报告的章节结构"),
    "R206": gettext_noop("未找到章节标题，但有该章节的内容"),
    "R301": gettext_noop("正文中的数字与表格矛盾"),
    "R401": gettext_noop("收取的信息处理费未在第六部分报告"),
    "R402": gettext_noop("第六部分未提及信息处理费"),
    "R501": gettext_noop("上年结转不等于上年报告的结转下年度"),
    "R601": gettext_noop("晚于规定期限公布"),
    "R602": gettext_noop("发布日期晚于今天"),
    "R603": gettext_noop("发布日期早于报告年度结束"),
    "R701": gettext_noop("第五部分与上年几乎相同"),
}


def code_title(code: str) -> str:
    """The untranslated title of a finding code ("" for a code without one)."""
    return CODE_TITLES.get(code, "")
