"""One short title per finding code, for readers in other languages (docs/report-checks.md,
docs/report-parsing.md).

A finding's ``message`` is a Chinese sentence with the report's own labels and numbers; the
title says in general words what the code means. The titles are marked for translation with
the no-op :func:`gettext_noop` (the name Django's ``makemessages`` looks for), so the engine
stays free of Django; the web layer translates them with the project's catalog and shows the
title in the reader's language next to the location and the Chinese detail.
"""

from __future__ import annotations


def gettext_noop(text: str) -> str:
    return text


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
    "P030": gettext_noop("未能识别某一章节"),
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
