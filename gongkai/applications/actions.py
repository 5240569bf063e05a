"""The case page's actions: one form and one model method each (models.TRANSITIONS says when).

``run_action`` validates the posted form and calls the method; a refusal (TransitionError)
becomes an error at the form, so nothing changes and everything typed stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import forms
from .models import TRANSITIONS, TransitionError


@dataclass(frozen=True)
class Action:
    label: str
    form: type
    run: Callable  # (application, cleaned_data, user) -> None
    transition: str | None = None  # the TRANSITIONS entry that says when it is offered
    approve: bool = False  # needs the 负责人 (APPROVE level)


def _fee(app, d, user):
    from .services import fee_for, prior_units_in_month

    per_case = d["method"] == "per_case"
    fee = fee_for(app, method=d["method"], pages=d.get("pages") or 0)
    app.issue_fee_notice(
        method=d["method"],
        amount=fee.amount,
        units=app.units if per_case else 0,
        prior_units=prior_units_in_month(app) if per_case else 0,
        pages=d.get("pages") or 0,
        counting_basis=d.get("counting_basis", ""),
        notice_served_on=d["notice_served_on"],
        notice_received_on=d["notice_received_on"],
        actor=user,
    )


ACTIONS: dict[str, Action] = {
    "confirm-receipt": Action(
        _("确认收到申请"),
        forms.ConfirmReceiptForm,
        lambda a, d, u: a.confirm_receipt(on=d["on"], how=d["how"], actor=u),
        "confirm_receipt",
    ),
    "supplement": Action(
        _("告知补正"),
        forms.SupplementForm,
        lambda a, d, u: a.request_supplement(actor=u, **d),
        "request_supplement",
    ),
    "supplement-received": Action(
        _("收到补正"),
        forms.OnForm,
        lambda a, d, u: a.receive_supplement(on=d["on"], actor=u),
        "receive_supplement",
    ),
    "supplement-lapsed": Action(
        _("逾期未补正，不再处理"),
        forms.OnForm,
        lambda a, d, u: a.lapse_supplement(on=d["on"], actor=u),
        "lapse_supplement",
    ),
    "consultation-start": Action(
        _("征求意见"),
        forms.ConsultationStartForm,
        lambda a, d, u: a.start_consultation(actor=u, **d),
        "start_consultation",
    ),
    "consultation-end": Action(
        _("征求意见结束"),
        forms.ConsultationEndForm,
        lambda a, d, u: a.end_consultation(actor=u, **d),
        "end_consultation",
    ),
    "extend": Action(
        _("延长答复期限（负责人）"),
        forms.ExtensionForm,
        lambda a, d, u: a.extend(approved_by=u, actor=u, **d),
        "extend",
        approve=True,
    ),
    "fee-notice": Action(_("发出收费通知"), forms.FeeNoticeForm, _fee, "issue_fee_notice"),
    "fee-paid": Action(
        _("已缴费"),
        forms.PaymentForm,
        lambda a, d, u: a.record_payment(on=d["on"], amount=d["amount"], actor=u),
        "record_payment",
    ),
    "fee-waived": Action(
        _("减免信息处理费"),
        forms.WaiverForm,
        lambda a, d, u: a.waive_fee(on=d["on"], reason=d["reason"], actor=u),
        "waive_fee",
    ),
    "fee-lapsed": Action(
        _("逾期未缴费，不再处理"),
        forms.OnForm,
        lambda a, d, u: a.lapse_fee(on=d["on"], actor=u),
        "lapse_fee",
    ),
    "reasons": Action(
        _("要求说明理由（条例第三十五条）"),
        forms.OnForm,
        lambda a, d, u: a.request_reasons(on=d["on"], actor=u),
        "request_reasons",
    ),
    "delay": Action(
        _("确定延迟答复期限（条例第三十五条）"),
        forms.DelayForm,
        lambda a, d, u: a.delay_deadline(until=d["until"], on=d["on"], actor=u),
        "delay_deadline",
    ),
    "search": Action(
        _("记录检索"), forms.SearchForm, lambda a, d, u: a.record_search(actor=u, **d), "close"
    ),
    "close": Action(
        _("办结"),
        forms.CloseForm,
        lambda a, d, u: a.close(
            row=d["row"],
            legal_basis=d["legal_basis"],
            on=d["on"],
            actor=u,
            **{
                k: d[k]
                for k in ("reasons", "withheld", "withheld_reason", "holder_body", "holder_contact")
            },
        ),
        "close",
    ),
    "assign": Action(
        _("分配经办人"), forms.AssignForm, lambda a, d, u: a.assign(to=d["assignee"], actor=u)
    ),
    "type": Action(
        _("确认申请人类型"),
        forms.TypeForm,
        lambda a, d, u: a.confirm_applicant_type(applicant_type=d["applicant_type"], actor=u),
    ),
    "note": Action(
        _("内部备注"), forms.NoteForm, lambda a, d, u: a.add_note(text=d["text"], actor=u)
    ),
    "proactive": Action(
        _("建议转为主动公开（条例第四十四条）"),
        forms.NoteForm,
        lambda a, d, u: a.propose_proactive(note=d["text"], actor=u),
    ),
}


def _form(action: Action, data=None, users=None):
    if action.form is forms.AssignForm:
        return action.form(data, users=users)
    return action.form(data)


def offered(application, name: str) -> bool:
    action = ACTIONS[name]
    if action.transition is None:
        return True
    return application.status in TRANSITIONS[action.transition][0]


def action_forms(application, user, bound=None, *, users=None) -> dict:
    """{name: (label, form)} of the actions possible now, the posted one kept bound."""
    bound = bound or {}
    result = {}
    for name, action in ACTIONS.items():
        if offered(application, name):
            result[name] = (action.label, bound.get(name) or _form(action, users=users))
    return result


def run_action(application, name: str, request):
    """Validate and run; None on success, else the bound form carrying the errors."""
    action = ACTIONS[name]
    form = _form(action, request.POST, users=staff_of(application.agency))
    if not form.is_valid():
        return form
    try:
        action.run(application, form.cleaned_data, request.user)
    except TransitionError as exc:
        form.add_error(None, exc)
        return form
    return None


def staff_of(agency):
    """The body's own 经办人 and 负责人: whom a case may be assigned to."""
    from gongkai.agencies.models import WRITE_ROLES, User

    return User.objects.filter(
        memberships__agency=agency, memberships__role__in=WRITE_ROLES
    ).distinct()
