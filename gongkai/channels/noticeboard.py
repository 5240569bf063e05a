"""公开栏 prints: catalog items as an A4 or A3 PDF for a physical notice board, each with a QR
code to its public page, so that the board links to the web (reference practice.md §5.2).

One context rendered by one template (``channels/noticeboard.html``) and turned into PDF by
WeasyPrint, imported lazily so that pages that do not print never load it. The QR code
(segno) encodes the item's absolute public address: GONGKAI_SITE_URL plus the column's item
path (``catalog.links.column_url``).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.catalog.links import column_url

PAPERS = ("A4", "A3")
STYLESHEET = Path(__file__).with_name("noticeboard.css")
MAX_ITEMS = 50  # one print run for one board; refused above this before rendering


def public_url(item) -> str:
    """The absolute address of an item's public page (GONGKAI_SITE_URL + the column path)."""
    return settings.GONGKAI_SITE_URL + column_url("item", slug=item.agency.slug, item_pk=item.pk)


def qr_data_uri(url: str) -> str:
    import segno

    # Error correction M: a printed board gets scratched and photographed at an angle.
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)


def notice_context(agency, items, *, paper: str) -> dict:
    return {
        "agency": agency,
        "paper": paper,
        "printed_on": timezone.localdate(),
        "notices": [
            {"item": item, "url": public_url(item), "qr": qr_data_uri(public_url(item))}
            for item in items
        ],
    }


def notice_html(agency, items, *, paper: str = "A4") -> str:
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}")
    return render_to_string("channels/noticeboard.html", notice_context(agency, items, paper=paper))


def notice_pdf(agency, items, *, paper: str = "A4") -> bytes:
    """The print as PDF bytes: one notice per page, CJK text in Noto (fonts-noto-cjk)."""
    import weasyprint

    html = notice_html(agency, items, paper=paper)
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))]
    )
