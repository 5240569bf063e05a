"""Demo: the demo township adopts the three shipped areas and states two areas it does not
cover, and links its 低保 plan to its 事项 (DEMO DATA; called from gongkai/agencies/demo.py after
the catalog demo; idempotent)."""

from __future__ import annotations

from gongkai.catalog.models import CatalogItem

from .importing import UNCHANGED, import_file, shipped_files
from .models import Adoption, AreaExclusion, MatterItem, adopt, exclude_area

DEMO_BODY = "wuzongxiao"
NOT_COVERED = {
    "城市综合执法": "乡人民政府不承担城市综合执法职能（演示数据）",
    "保障性住房": "本乡辖区无保障性住房项目（演示数据）",
}
# (template key, 事项 code, title of a demo catalog item, gongkai.catalog.demo) — the other
# 事项 stay uncovered, so the page shows both states.
LINKS = [("shehui-jiuzhu", "2.1", "吾宗肖乡2026年农村最低生活保障工作实施方案")]


def load_demo_standards(agencies: dict) -> int:
    agency = agencies[DEMO_BODY]
    changed = 0
    for path in shipped_files():
        result = import_file(path)
        changed += result.status != UNCHANGED
        if not Adoption.objects.filter(agency=agency, template=result.template).exists():
            adopt(agency, result.template)
            changed += 1
    for area, reason in NOT_COVERED.items():
        if not AreaExclusion.objects.filter(agency=agency, area=area, reason=reason).exists():
            exclude_area(agency, area, reason=reason)
            changed += 1
    for key, code, title in LINKS:
        adoption = Adoption.objects.get(agency=agency, key=key)
        matter = adoption.template.matters.get(code=code)
        item = CatalogItem.objects.filter(agency=agency, title=title).first()
        if item is not None:
            changed += MatterItem.objects.get_or_create(matter=matter, item=item)[1]
    return changed
