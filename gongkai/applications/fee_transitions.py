"""The fee transitions of an application (国办函〔2020〕109号; reference §2, §6.2), a mixin of
``models.Application`` kept apart only for the module's length; they follow models.TRANSITIONS."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import deadlines
from .events import Event, TransitionError
from .records import Fee, Pause


class FeeTransitions:
    @transaction.atomic
    def issue_fee_notice(
        self,
        *,
        method: str,
        amount: int,
        notice_served_on: date,
        notice_received_on: date,
        units: int = 0,
        prior_units: int = 0,
        pages: int = 0,
        counting_basis: str = "",
        actor=None,
    ) -> Event:
        """国办函〔2020〕109号: a fee notice within the answer period; 20 working days to pay from
        the day after the applicant received it. The wait is a pause when
        GONGKAI_FEE_WAIT_EXCLUDED is on (UNCONFIRMED, reference §2.2)."""
        self._check("issue_fee_notice")
        if hasattr(self, "fee"):
            raise TransitionError(_("本申请已发出收费通知。"), code="once")
        due = deadlines.fee_payment_due(self.calendar(), notice_received_on)
        self.fee = Fee.objects.create(
            application=self,
            method=method,
            units=units,
            prior_units=prior_units,
            pages=pages,
            counting_basis=counting_basis,
            amount=amount,
            notice_served_on=notice_served_on,
            notice_received_on=notice_received_on,
            pay_due_on=due.date,
        )
        Pause.objects.create(application=self, kind=Pause.Kind.FEE, started_on=notice_served_on)
        return self._finish(
            "issue_fee_notice",
            Event.Kind.FEE_NOTICE,
            actor=actor,
            on=notice_served_on,
            amount=amount,
            pay_due_on=due.date.isoformat(),
        )

    def _end_fee_pause(self, on: date) -> None:
        self.pauses.filter(kind=Pause.Kind.FEE, ended_on=None).update(ended_on=on)

    @transaction.atomic
    def record_payment(self, *, on: date, amount: int, actor=None) -> Event:
        self._check("record_payment")
        if amount != self.fee.amount:
            raise TransitionError(
                _("实收金额应为收费通知所列 %(amount)s 元。"),
                code="amount",
                params={"amount": self.fee.amount},
            )
        self.fee.paid_on, self.fee.paid_amount = on, amount
        self.fee.save(update_fields=["paid_on", "paid_amount"])
        self._end_fee_pause(on)
        return self._finish(
            "record_payment", Event.Kind.FEE_PAID, actor=actor, on=on, amount=amount
        )

    @transaction.atomic
    def waive_fee(self, *, on: date, reason: str, actor=None) -> Event:
        self._check("waive_fee")
        if not reason.strip():
            raise TransitionError(_("请写明减免理由。"), code="reason")
        self.fee.waived, self.fee.waiver_reason = True, reason
        self.fee.save(update_fields=["waived", "waiver_reason"])
        self._end_fee_pause(on)
        return self._finish("waive_fee", Event.Kind.FEE_WAIVED, actor=actor, on=on, note=reason)

    @transaction.atomic
    def lapse_fee(self, *, on: date, actor=None) -> Event:
        """109号: unpaid by the due date → 视为放弃申请, report row 3.6.2."""
        from .choices import FEE_UNPAID, OUTCOME_BASIS

        self._check("lapse_fee")
        if on <= self.fee.pay_due_on:
            raise TransitionError(
                _("缴费期限 %(due)s 尚未届满。"), code="early", params={"due": self.fee.pay_due_on}
            )
        self.fee.lapsed_on = on
        self.fee.save(update_fields=["lapsed_on"])
        self._end_fee_pause(on)
        self._set_outcome(FEE_UNPAID, OUTCOME_BASIS[FEE_UNPAID], on)
        return self._finish("lapse_fee", Event.Kind.FEE_LAPSED, actor=actor, on=on, row="3.6.2")
