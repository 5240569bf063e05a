"""依申请公开转主动公开 (条例 Art. 44): information applied for that staff proposed to publish
proactively (``Application.propose_proactive``), until a catalog item is made from it.

Art. 44 ¶1: where several applicants ask the same body for the same information and it may be
disclosed, the body may make it public proactively; ¶2: an applicant may propose it. The
catalog lists the proposals on its dashboard; "新建条目" prefills a draft from the items sought
and links the item to the application, which closes the proposal.
"""

from __future__ import annotations

from gongkai.applications.models import Application


def open_proposals(agency):
    """The body's applications proposed for proactive disclosure (条例 Art. 44) with no
    catalog item made from them yet, oldest first."""
    return (
        Application.objects.filter(
            agency=agency, proactive_proposed=True, proactive_items__isnull=True
        )
        .prefetch_related("items")
        .order_by("received_on", "pk")
    )


def draft_fields(application) -> dict:
    """A draft item's fields from what was sought (条例 Art. 29(二): 名称、文号、描述); never
    the applicant's identity, which the public column must not show (PIPL)."""
    items = list(application.items.all())
    first = items[0] if items else None
    return {
        "title": (first.title or first.description[:300]) if first else "",
        "doc_no": first.document_number if first else "",
        "summary": "；".join(str(item) for item in items)[:1000],
    }


def made_from(application, item, *, actor=None) -> None:
    """Record on the application that ``item`` now publishes its information (Art. 44)."""
    application.add_note(
        text=f"已据此新建主动公开目录条目（索引号 {item.index_no}，条例第四十四条）", actor=actor
    )
