"""An application for government information (依申请公开, 条例 Art. 27-45) and its event log.

Transitions are small named methods on ``Application``; ``TRANSITIONS`` below says from which
statuses each may run and where it leads. Each runs in one transaction: it checks, changes the
records, recomputes the clocks (``refresh_clock``) and appends one ``Event``. No signals.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import deadlines
from .choices import (
    ApplicantType,
    Channel,
    Delivery,
    FormWanted,
    IdType,
    Status,
)
from .events import Event, EventQuerySet, TransitionError  # noqa: F401
from .fee_transitions import FeeTransitions
from .records import (  # noqa: F401  (Django finds the models through this module)
    Attachment,
    Extension,
    Fee,
    Item,
    Outcome,
    Pause,
    ReceiptCounter,
    Search,
    SupplementRequest,
)

S = Status
# transition -> (statuses it may start from, status it leads to; None = unchanged)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "confirm_receipt": (frozenset({S.AWAITING_RECEIPT}), S.OPEN),
    "request_supplement": (frozenset({S.OPEN}), S.AWAITING_SUPPLEMENT),
    "receive_supplement": (frozenset({S.AWAITING_SUPPLEMENT}), S.OPEN),
    "lapse_supplement": (frozenset({S.AWAITING_SUPPLEMENT}), S.CLOSED),
    "start_consultation": (frozenset({S.OPEN}), None),
    "end_consultation": (frozenset({S.OPEN}), None),
    "extend": (frozenset({S.OPEN}), None),
    "issue_fee_notice": (frozenset({S.OPEN}), S.AWAITING_FEE),
    "record_payment": (frozenset({S.AWAITING_FEE}), S.OPEN),
    "waive_fee": (frozenset({S.AWAITING_FEE}), S.OPEN),
    "lapse_fee": (frozenset({S.AWAITING_FEE}), S.CLOSED),
    "request_reasons": (frozenset({S.OPEN}), None),
    "delay_deadline": (frozenset({S.OPEN}), None),
    "close": (frozenset({S.OPEN}), S.CLOSED),
}

# Query codes: long, random, without look-alike characters (0/O, 1/I/l).
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 20


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        # An IN list, not exclude(): it walks the (agency, status, …) index.
        return self.filter(status__in=[s for s in Status.values if s != Status.CLOSED])

    def closed(self):
        return self.filter(status=Status.CLOSED)

    def received_in(self, year: int):
        return self.filter(received_on__year=year)

    def overdue(self, *, on: date):
        return self.open().filter(next_due_on__lt=on)

    def due_within(self, *, on: date, until: date):
        return self.open().filter(next_due_on__gte=on, next_due_on__lte=until)


class Application(FeeTransitions, models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("受理机关"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    receipt_number = models.CharField(_("受理编号"), max_length=60)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(null=True, blank=True)
    query_code = models.CharField(_("查询码"), max_length=32, unique=True, default=new_query_code)
    # A retry of the same submission (form token, API Idempotency-Key) finds this row.
    idempotency_key = models.CharField(max_length=100, blank=True)

    channel = models.CharField(_("申请渠道"), max_length=20, choices=Channel.choices)
    arrived_on = models.DateField(_("到达日期"))
    # 条例 Art. 31: the legal receipt date, fixed by the confirming event for mail, fax, online.
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True)
    receipt_confirmation = models.CharField(_("收到确认方式"), max_length=200, blank=True)
    # The day the answer period counts from: received_on, or the 补正's arrival (Art. 30).
    clock_start = models.DateField(_("起算日期"), null=True, blank=True)

    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    applicant_type_confirmed = models.BooleanField(_("类型已由工作人员确认"), default=False)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=200)
    # Blank only for cases imported from a ledger that did not record them; forms require them.
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=60, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=100, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=100, blank=True)
    agent_name = models.CharField(_("代理人"), max_length=100, blank=True)
    agent_id_number = models.CharField(_("代理人证件号码"), max_length=60, blank=True)
    agent_contact = models.CharField(_("代理人联系方式"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)

    summary = models.CharField(_("申请内容"), max_length=500, blank=True)
    # 109号 Art. 4: "一事一申请" units of this application (default: the items sought).
    units = models.PositiveSmallIntegerField(_("件数（一事一申请）"), default=1)
    form_wanted = models.CharField(
        _("信息形式"), max_length=20, choices=FormWanted.choices, blank=True
    )
    delivery = models.CharField(_("获取方式"), max_length=20, choices=Delivery.choices, blank=True)
    fee_waiver_requested = models.BooleanField(_("申请减免费用"), default=False)
    needs_assistance = models.BooleanField(_("需要阅读或视听帮助（条例第四十三条）"), default=False)

    status = models.CharField(
        _("状态"), max_length=30, choices=Status.choices, default=Status.AWAITING_RECEIPT
    )
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    due_provisional = models.BooleanField(default=False)
    # The next date anything is due (answer, 补正, payment, a consultee's reply): the queue's key.
    next_due_on = models.DateField(_("下一期限"), null=True, blank=True, db_index=True)
    next_due_label = models.CharField(max_length=40, blank=True)
    # next_due_on with "nothing due" as the last day there is: a non-null sort key, so the
    # queue's ORDER BY walks an index even at 100,000 cases (bench/applications_bench.py).
    queue_key = models.DateField(default=date.max, editable=False)
    reasons_requested_on = models.DateField(_("要求说明理由日期"), null=True, blank=True)
    delayed_due_on = models.DateField(_("延迟答复期限（条例第三十五条）"), null=True, blank=True)

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    outcome = models.CharField(_("办理结果"), max_length=10, blank=True)
    proactive_proposed = models.BooleanField(_("建议转为主动公开（条例第四十四条）"), default=False)
    imported = models.BooleanField(_("从台账导入"), default=False)
    transcribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-serial", "-pk"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "receipt_number"], name="application_receipt_unique"
            ),
            models.UniqueConstraint(
                fields=["agency", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="application_idempotency_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "next_due_on"]),
            models.Index(
                fields=["agency", "queue_key", "-received_on", "id"], name="application_queue_idx"
            ),
            # The queue filtered on one status (所有已办结, 待补正…) walks this in the queue's order
            # instead of sorting every case of that status (docs/applications.md § The queue).
            models.Index(
                fields=["agency", "status", "queue_key", "-received_on", "id"],
                name="application_status_queue_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number} {self.agency}"

    # -- derived ------------------------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    def calendar(self):
        from gongkai.holidays.calendar import get_calendar

        return get_calendar(self.agency)

    def pause_list(self) -> list[deadlines.Pause]:
        return [p.as_pause() for p in self.pauses.all()]

    def answer_due(self) -> deadlines.Due | None:
        """The answer deadline explained (条例 Art. 30-35; ``deadlines.answer_due``)."""
        if self.clock_start is None:
            return None
        extension = getattr(self, "extension", None)
        exclude_fee = getattr(settings, "GONGKAI_FEE_WAIT_EXCLUDED", True)
        pauses = [p for p in self.pause_list() if exclude_fee or p.kind != deadlines.FEE_WAIT]
        return deadlines.answer_due(
            self.calendar(),
            self.clock_start,
            pauses=pauses,
            extension_days=extension.days if extension else 0,
            restarted_by_supplement=self.clock_start != self.received_on,
            delayed_until=self.delayed_due_on,
        )

    def supplement_notice_due(self) -> deadlines.Due | None:
        """条例 Art. 30: the 补正 notice within 7 working days of receipt."""
        if self.received_on is None:
            return None
        return deadlines.supplement_notice_due(self.calendar(), self.received_on)

    def is_overdue(self, *, on: date) -> bool:
        return not self.is_closed and self.next_due_on is not None and self.next_due_on < on

    def masked_id(self) -> str:
        """The ID number with all but its first 3 and last 2 characters hidden (PIPL)."""
        n = self.id_number
        return n if len(n) <= 5 else n[:3] + "*" * (len(n) - 5) + n[-2:]

    # -- clock ----------------------------------------------------------------------------------

    def refresh_clock(self) -> None:
        """Recompute ``due_on`` and ``next_due_on`` from the records (called by every transition)."""
        due = self.answer_due()
        self.due_on = due.date if due else None
        self.due_provisional = bool(due and due.provisional)
        candidates: list[tuple[date, str]] = []
        if self.status == Status.AWAITING_SUPPLEMENT:
            candidates.append((self.supplement.due_on, "补正期限"))
        elif self.status == Status.AWAITING_FEE:
            candidates.append((self.fee.pay_due_on, "缴费期限"))
        elif self.status == Status.OPEN:
            if self.due_on:
                candidates.append((self.due_on, "答复期限"))
            for pause in self.pauses.all():
                if pause.ended_on is None and pause.reply_due_on:
                    candidates.append((pause.reply_due_on, "征求意见答复期限"))
        first = min(candidates) if candidates else (None, "")
        self.next_due_on, self.next_due_label = first
        self.queue_key = self.next_due_on or date.max

    # -- transitions ------------------------------------------------------------------------------

    def _check(self, transition: str) -> None:
        allowed, _target = TRANSITIONS[transition]
        if self.status not in allowed:
            raise TransitionError(
                _("当前状态（%(status)s）不能进行此操作。"),
                code="transition",
                params={"status": self.get_status_display()},
            )

    def _finish(self, transition: str, kind: str, *, actor=None, on=None, note="", **data):
        """Move to the transition's target, refresh the clocks, save, record the event."""
        target = TRANSITIONS[transition][1]
        if target:
            self.status = target
        self.refresh_clock()
        self.save()
        return self.record(kind, actor=actor, on=on, note=note, **data)

    def record(self, kind: str, *, actor=None, on=None, note="", public=None, **data) -> Event:
        """Append one event (``Event.PUBLIC_KINDS`` are shown to the applicant)."""
        return Event.objects.create(
            application=self,
            kind=kind,
            actor=actor if actor is not None and actor.is_authenticated else None,
            on=on,
            note=note,
            public=kind in Event.PUBLIC_KINDS if public is None else public,
            data=data,
        )

    @transaction.atomic
    def confirm_receipt(self, *, on: date, how: str, actor=None) -> Event:
        """条例 Art. 31: fix the legal receipt date (签收, 电话确认, 双方确认); the clock starts."""
        self._check("confirm_receipt")
        if on < self.arrived_on:
            raise TransitionError(_("收到日期不能早于到达日期。"), code="early")
        if on > timezone.localdate():
            raise TransitionError(_("收到日期不能晚于今天。"), code="future")
        self.received_on = self.clock_start = on
        self.receipt_confirmation = how
        return self._finish("confirm_receipt", Event.Kind.RECEIVED, actor=actor, on=on, note=how)

    @transaction.atomic
    def request_supplement(
        self, *, served_on: date, items: str = "", period_days: int | None = None, actor=None
    ):
        """条例 Art. 30: one 补正 notice, naming the items and a body-set period (default
        settings.GONGKAI_SUPPLEMENT_DAYS working days from the day it was served)."""
        self._check("request_supplement")
        if period_days is None:
            period_days = settings.GONGKAI_SUPPLEMENT_DAYS
        if hasattr(self, "supplement"):
            raise TransitionError(_("补正告知只能一次性发出（条例第三十条）。"), code="once")
        due = deadlines.supplement_due(self.calendar(), served_on, period_days)
        self.supplement = SupplementRequest.objects.create(
            application=self,
            served_on=served_on,
            period_days=period_days,
            due_on=due.date,
            items=items,
        )
        return self._finish(
            "request_supplement",
            Event.Kind.SUPPLEMENT_REQUESTED,
            actor=actor,
            on=served_on,
            note=items,
            due_on=due.date.isoformat(),
        )

    @transaction.atomic
    def receive_supplement(self, *, on: date, actor=None) -> Event:
        """条例 Art. 30: "答复期限自行政机关收到补正的申请之日起计算": the clock restarts."""
        self._check("receive_supplement")
        self.supplement.received_on = on
        self.supplement.save(update_fields=["received_on"])
        self.clock_start = on
        return self._finish(
            "receive_supplement", Event.Kind.SUPPLEMENT_RECEIVED, actor=actor, on=on
        )

    @transaction.atomic
    def lapse_supplement(self, *, on: date, actor=None) -> Event:
        """条例 Art. 30: no 补正 in time → 视为放弃申请, closed as report row 3.6.1."""
        from .choices import OUTCOME_BASIS, SUPPLEMENT_LAPSED

        self._check("lapse_supplement")
        if on <= self.supplement.due_on:
            raise TransitionError(
                _("补正期限 %(due)s 尚未届满。"),
                code="early",
                params={"due": self.supplement.due_on},
            )
        self.supplement.lapsed_on = on
        self.supplement.save(update_fields=["lapsed_on"])
        self._set_outcome(SUPPLEMENT_LAPSED, OUTCOME_BASIS[SUPPLEMENT_LAPSED], on)
        return self._finish(
            "lapse_supplement", Event.Kind.SUPPLEMENT_LAPSED, actor=actor, on=on, row="3.6.1"
        )

    @transaction.atomic
    def start_consultation(
        self,
        *,
        kind: str,
        sent_on: date,
        party: str,
        party_received_on: date | None = None,
        actor=None,
    ) -> Event:
        """条例 Art. 32 (third party) / Art. 34 (other body): the answer clock stops from the
        day after ``sent_on``; the consultee has 15 working days from its receipt."""
        self._check("start_consultation")
        if self.pauses.filter(kind=kind, ended_on=None).exists():
            raise TransitionError(_("已有未结束的同类征求意见。"), code="running")
        reply_due = deadlines.consultation_reply_due(
            self.calendar(), party_received_on or sent_on, kind
        )
        Pause.objects.create(
            application=self,
            kind=kind,
            started_on=sent_on,
            party=party,
            party_received_on=party_received_on,
            reply_due_on=reply_due.date,
        )
        return self._finish(
            "start_consultation",
            Event.Kind.CONSULTATION_STARTED,
            actor=actor,
            on=sent_on,
            note=party,
            consultation=kind,
            reply_due_on=reply_due.date.isoformat(),
        )

    @transaction.atomic
    def end_consultation(self, *, kind: str, on: date, reply: str = "", actor=None) -> Event:
        """The consultee answered (or its 15 days ran out: the body decides, Art. 32; Art. 34
        视为同意): the clock runs again; the day of the answer is excluded too."""
        self._check("end_consultation")
        pause = self.pauses.filter(kind=kind, ended_on=None).first()
        if pause is None:
            raise TransitionError(_("没有进行中的征求意见。"), code="none")
        if on < pause.started_on:
            raise TransitionError(_("结束日期不能早于开始日期。"), code="early")
        pause.ended_on, pause.reply = on, reply
        pause.save(update_fields=["ended_on", "reply"])
        return self._finish(
            "end_consultation",
            Event.Kind.CONSULTATION_ENDED,
            actor=actor,
            on=on,
            note=reply,
            consultation=kind,
        )

    @transaction.atomic
    def extend(self, *, days: int, reason: str, approved_by, notice_served_on: date, actor=None):
        """条例 Art. 33 ¶2: once, ≤ 20 working days, the 负责人's approval, notice before the
        original deadline (``approved_by`` must hold the APPROVE level: the view checks it)."""
        self._check("extend")
        if hasattr(self, "extension"):
            raise TransitionError(_("答复期限只能延长一次（条例第三十三条）。"), code="once")
        original = self.answer_due()
        if original is None or original.date is None:
            raise TransitionError(_("征求意见期间不能计算原答复期限。"), code="paused")
        refusal = deadlines.extension_allowed(
            self.calendar(),
            days=days,
            notice_served_on=notice_served_on,
            original_due=original.date,
        )
        if refusal:
            raise TransitionError(refusal, code="extension")
        self.extension = Extension(
            application=self,
            days=days,
            reason=reason,
            approved_by=approved_by,
            notice_served_on=notice_served_on,
            original_due_on=original.date,
            new_due_on=original.date,
        )
        self.extension.save()
        self.refresh_clock()
        self.extension.new_due_on = self.due_on
        self.extension.save(update_fields=["new_due_on"])
        return self._finish(
            "extend",
            Event.Kind.EXTENDED,
            actor=actor,
            on=notice_served_on,
            note=reason,
            days=days,
            due_on=self.due_on.isoformat(),
        )

    def _set_outcome(self, row: str, basis: str, on: date, **details) -> Outcome:
        self.outcome, self.closed_on = row, on
        return Outcome.objects.create(
            application=self, row=row, legal_basis=basis, decided_on=on, **details
        )

    @transaction.atomic
    def close(self, *, row: str, legal_basis: str, on: date, actor=None, **details) -> Event:
        """Close with exactly one report row (3.1 … 3.6.3) and its legal basis. 部分公开 records
        what was withheld and why (Art. 37); 3.4.1 needs a recorded search (guiding case 101)."""
        from .choices import NOT_HELD, OUTCOME_ROWS, PARTIAL

        self._check("close")
        if row not in OUTCOME_ROWS:
            raise TransitionError(_("办理结果无效。"), code="row")
        if not legal_basis.strip():
            raise TransitionError(_("请填写法律依据。"), code="basis")
        if row == PARTIAL and not (details.get("withheld") and details.get("withheld_reason")):
            raise TransitionError(
                _("部分公开须写明不予公开的部分及理由（条例第三十七条）。"), code="partial"
            )
        if row == NOT_HELD and not self.searches.exists():
            raise TransitionError(
                _("“本机关不掌握相关政府信息”须先记录检索情况（检索范围、检索人、日期）。"),
                code="search",
            )
        if self.clock_start and on < self.clock_start:
            raise TransitionError(_("办结日期不能早于收到申请日期。"), code="early")
        if self.pauses.filter(ended_on=None).exists():
            raise TransitionError(_("请先结束进行中的征求意见。"), code="running")
        self._set_outcome(row, legal_basis, on, **details)
        return self._finish("close", Event.Kind.CLOSED, actor=actor, on=on, row=row)

    @transaction.atomic
    def request_reasons(self, *, on: date, actor=None, note: str = "") -> Event:
        """条例 Art. 35: the number or frequency of requests is beyond reason: ask for reasons."""
        self._check("request_reasons")
        self.reasons_requested_on = on
        return self._finish(
            "request_reasons", Event.Kind.REASONS_REQUESTED, actor=actor, on=on, note=note
        )

    @transaction.atomic
    def delay_deadline(self, *, until: date, on: date, actor=None, note: str = "") -> Event:
        """条例 Art. 35: reasons accepted, but Art. 33 cannot be met: a body-set 合理期限."""
        self._check("delay_deadline")
        if self.reasons_requested_on is None:
            raise TransitionError(_("须先要求申请人说明理由（条例第三十五条）。"), code="reasons")
        self.delayed_due_on = until
        return self._finish(
            "delay_deadline",
            Event.Kind.DEADLINE_DELAYED,
            actor=actor,
            on=on,
            note=note,
            due_on=until.isoformat(),
        )

    # -- bookkeeping that changes no status ------------------------------------------------------

    @transaction.atomic
    def assign(self, *, to, actor=None) -> Event:
        self.assignee = to
        self.save(update_fields=["assignee"])
        return self.record(Event.Kind.ASSIGNED, actor=actor, note=str(to or ""))

    @transaction.atomic
    def confirm_applicant_type(self, *, applicant_type: str, actor=None) -> Event:
        """Staff confirm the report column (practice.md §3.3: the USCC prefix only proposes)."""
        self.applicant_type, self.applicant_type_confirmed = applicant_type, True
        self.save(update_fields=["applicant_type", "applicant_type_confirmed"])
        return self.record(
            Event.Kind.TYPE_CONFIRMED, actor=actor, note=self.get_applicant_type_display()
        )

    def add_note(self, *, text: str, actor=None) -> Event:
        return self.record(Event.Kind.NOTE, actor=actor, note=text)

    @transaction.atomic
    def record_search(self, *, actor=None, **fields) -> Search:
        """Guiding case 101: where, what terms, by whom, when, with what result."""
        search = Search.objects.create(application=self, recorded_by=actor, **fields)
        self.record(Event.Kind.SEARCHED, actor=actor, on=search.searched_on, note=search.places)
        return search

    @transaction.atomic
    def propose_proactive(self, *, actor=None, note: str = "") -> Event:
        """条例 Art. 44: propose the information for proactive disclosure (the catalog reads
        ``Application.objects.filter(proactive_proposed=True)`` and the events)."""
        self.proactive_proposed = True
        self.save(update_fields=["proactive_proposed"])
        return self.record(Event.Kind.PROACTIVE_PROPOSED, actor=actor, note=note)
