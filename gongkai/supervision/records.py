"""The record kinds of the app, each stated once: model, form fields, columns (for the XLSX
export and the CSV/XLSX import), the text that identifies a row on re-import.

Views, export and import all read ``KINDS``; adding a column is one line here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.widgets import DateInput

from .models import Accountability, Complaint, Consultation, OfficeStaff, SelfInspection, Training


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type
    label: str
    fields: tuple[str, ...]  # form fields, in order
    identity: str = ""  # with the date: a row equal on both is the same record (re-import)
    dated: bool = True

    @property
    def date_field(self) -> str:
        return self.model.DATE_FIELD if self.dated else ""

    def columns(self) -> dict[str, str]:
        """field -> Chinese header (the model's verbose names: one label per fact)."""
        return {f: str(self.model._meta.get_field(f).verbose_name) for f in self.fields}

    def form_class(self):
        """A ModelForm of ``fields``: date pickers, short text areas."""
        make = {"DateField": DateInput, "TextField": lambda: forms.Textarea(attrs={"rows": 3})}
        widgets = {}
        for name in self.fields:
            kind = self.model._meta.get_field(name).get_internal_type()
            if kind in make:
                widgets[name] = make[kind]()
        return forms.modelform_factory(self.model, fields=self.fields, widgets=widgets)

    def of(self, agency):
        return self.model.objects.filter(agency=agency)


KINDS = {
    k.slug: k
    for k in (
        Kind(
            "consultations",
            Consultation,
            _("咨询登记"),
            ("on", "channel", "topic", "answer", "answered_by", "caller_name", "caller_contact"),
            identity="topic",
        ),
        Kind(
            "complaints",
            Complaint,
            _("投诉举报"),
            (
                "on",
                "kind",
                "receiver",
                "subject",
                "complainant_name",
                "complainant_contact",
                "handled_by",
                "finding",
                "correction",
                "closed_on",
            ),
            identity="subject",
        ),
        Kind(
            "accountability",
            Accountability,
            _("责任追究"),
            ("on", "ground", "person", "measure", "facts", "decided_by"),
            identity="person",
        ),
        Kind(
            "trainings",
            Training,
            _("培训"),
            ("on", "topic", "participants", "participant_count", "organiser"),
            identity="topic",
        ),
        Kind(
            "inspections",
            SelfInspection,
            _("自查"),
            (
                "on",
                *SelfInspection.SCOPE_FIELDS,
                "other_scope",
                "participants",
                "summary",
                "corrected",
            ),
            identity="summary",
        ),
        Kind(
            "staff",
            OfficeStaff,
            _("工作机构人员"),
            ("name", "post", "kind", "since", "until"),
            dated=False,
        ),
    )
}
IMPORTABLE = tuple(slug for slug, k in KINDS.items() if k.dated)


def cell_value(kind: Kind, obj, field: str):
    """The value of ``field`` as shown in lists and exports: choices by label, booleans as
    是/否, personal fields masked (PIPL: exports leave the body's systems)."""
    if field in getattr(kind.model, "PERSONAL_FIELDS", ()):
        return obj.masked(field)
    model_field = kind.model._meta.get_field(field)
    value = getattr(obj, field)
    if model_field.choices:
        return getattr(obj, f"get_{field}_display")() if value else ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else value


def export_xlsx(agency, year: int) -> bytes:
    """One sheet per kind with the body's records of ``year`` (staff: those serving in it)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for kind in KINDS.values():
        sheet = book.create_sheet(str(kind.label))
        columns = kind.columns()
        sheet.append(list(columns.values()))
        rows = kind.of(agency)
        rows = rows.of_year(year) if kind.dated else [s for s in rows if s.serves_in(year)]
        for obj in rows:
            sheet.append([cell_value(kind, obj, f) for f in columns])
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
