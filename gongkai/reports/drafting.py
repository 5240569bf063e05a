"""Drafts of the report's free-text sections from the records (国办公开办函〔2021〕30号:
section 一 reports 主动公开, 依申请公开, 政府信息管理, 平台建设 and 监督保障).

Only the parts whose facts the platform holds are drafted; the clerk completes and edits the
rest on the report page. Every number comes from the records, never typed.
"""

from __future__ import annotations

# The headings of section 一's five parts (reference §3.2, the national template's wording).
PART_MANAGEMENT = "（三）政府信息管理"
PART_SUPERVISION = "（五）监督保障"


def draft_section_one(agency, year: int) -> str:
    """Section 一(三) and 一(五) drafted from the body's 监督保障 and 信息管理 records of ``year``
    (gongkai.supervision: trainings, self-inspections, consultations, complaints under 条例
    Art. 47, accountability under Art. 53, the leading group and the office's staff)."""
    from gongkai.supervision.facts import draft_section_one as from_records

    draft = from_records(agency, year)
    parts = []
    if draft.management:
        parts += [PART_MANAGEMENT, draft.management]
    if draft.supervision:
        parts += [PART_SUPERVISION, draft.supervision]
    return "\n".join(parts)
