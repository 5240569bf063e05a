"""Demo: the demo township adopts the three shipped areas and states two areas it does not
cover (DEMO DATA; called from gongkai/agencies/demo.py, idempotent)."""

from __future__ import annotations

from .importing import UNCHANGED, import_file, shipped_files
from .models import Adoption, AreaExclusion, adopt, exclude_area

DEMO_BODY = "wuzongxiao"
NOT_COVERED = {
    "城市综合执法": "乡人民政府不承担城市综合执法职能（演示数据）",
    "保障性住房": "本乡辖区无保障性住房项目（演示数据）",
}


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
    return changed
