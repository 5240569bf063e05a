"""Demo records behind two annual reports (``gongkai demo``; DEMO DATA: people, numbers and
case numbers are made up; called from gongkai/agencies/demo.py, idempotent).

* 和田县吾宗肖乡人民政府, **2023**: the seed report (reportengine/tests/samples/000_…txt) says
  nothing was received and nothing decided: tables 三 and 四 are all zero, table 二 is zero
  too (no 规章 or 规范性文件; 0 许可, 处罚, 强制, 收费). The records give exactly that: no
  application or case in 2023, and the year's table 二 entry (gongkai.catalog.Table2Input);
  its channels and «300余篇» are gongkai/channels/demo.py's. Fixed dates, not relative to today.
* 和田县自然资源局, **2025**: a busy year whose report exercises every row of table 三 (each
  outcome 3.1…3.6.3, carried over from 2024, carried into 2026) and every applicant column,
  and every group of table 四 (复议, 直接起诉, 复议后起诉, each 维持/纠正/其他/尚未审结),
  made through the real services: ``submit_application`` and the Application transitions
  (补正, 征求意见, 延期, 收费, 说明理由, 检索), two 答复书 through gongkai.letters (拟办 →
  审核 → 签发 → 送达, which closes the case), and the cases through ``import_cases``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

D = datetime.date
TOWNSHIP, SEED_YEAR = "wuzongxiao", 2023
BUSY_BODY, BUSY_YEAR = "hotan-zrzy", 2025
HEAD = "zrzy-fuzeren"  # the body's 负责人 in agencies/demo.py USERS: signs and approves
KEY = "demo-zrzy-"

# Applicant columns of table 三: (type, name, id type, USCC prefix or None for a 身份证).
APPLICANTS = {
    "natural": ("艾合买提·托合提（演示）", "ric", None),
    "business": ("和田县绿洲建材有限公司（演示）", "uscc", "91"),
    "research": ("新疆某农业科学研究所（演示）", "uscc", "12"),
    "nonprofit": ("和田县生态环境保护协会（演示）", "uscc", "51"),
    "legal_service": ("新疆昆仑律师事务所（演示）", "uscc", "31"),
    "other": ("和田县某村村民委员会（演示）", "uscc", "54"),
}

# (outcome row, applicant column, received on (first working day from), channel, item sought)
YEAR_ROWS = [
    ("3.1", "natural", D(2025, 4, 7), "online", "2025年度土地征收成片开发方案"),
    ("3.2", "business", D(2025, 1, 13), "in_person", "县城东片区控制性详细规划及批复"),
    ("3.3.1", "research", D(2025, 5, 12), "registered_mail", "某国防用地界址坐标"),
    ("3.3.2", "nonprofit", D(2025, 5, 20), "in_person", "涉密测绘成果目录"),
    ("3.3.3", "legal_service", D(2025, 6, 3), "online", "边境地区地质灾害应急预案（内部）"),
    ("3.3.4", "other", D(2025, 1, 20), "in_person", "某企业采矿权出让合同中的财务数据"),
    ("3.3.5", "natural", D(2025, 2, 10), "online", "局机关人事考核内部材料"),
    ("3.3.6", "business", D(2025, 2, 17), "in_person", "土地储备项目会审会议纪要"),
    ("3.3.7", "research", D(2025, 2, 24), "online", "国土空间规划专家论证讨论稿"),
    ("3.3.8", "nonprofit", D(2025, 3, 3), "online", "某违法占地案件的执法案卷"),
    ("3.4.1", "legal_service", D(2025, 1, 6), "registered_mail", "2018年某村集体土地征收补偿协议"),
    ("3.4.2", "other", D(2025, 3, 10), "in_person", "全县近十年耕地变化分析报告"),
    ("3.4.3", "natural", D(2025, 6, 16), "in_person", "“那块地”的有关文件"),
    ("3.5.1", "business", D(2025, 3, 17), "in_person", "要求查处邻村违法建房并公开处理结果"),
    ("3.5.2", "research", D(2025, 7, 7), "online", "2025年度土地征收成片开发方案（再次申请）"),
    ("3.5.3", "nonprofit", D(2025, 7, 21), "in_person", "《和田县志》国土资源篇"),
    ("3.5.4", "legal_service", D(2025, 8, 4), "online", "全县所有宗地的出让文件（第37次申请）"),
    ("3.5.5", "other", D(2025, 8, 18), "email", "请重新出具已领取的不动产登记资料"),
    ("3.6.1", "natural", D(2025, 9, 8), "in_person", "宅基地审批相关文件"),
    ("3.6.2", "business", D(2025, 9, 22), "online", "2010年以来全部土地出让合同复印件"),
    ("3.6.3", "research", D(2025, 10, 13), "in_person", "土壤污染状况调查报告（申请人撤回）"),
]
# Row 2 (received in 2024, open on 2024-12-31) and row 4 (open on 2025-12-31), both 予以公开.
CARRIED = [
    ("natural", D(2024, 12, 23), D(2025, 1, 10), "2024年度耕地保护目标责任考核结果"),
    ("business", D(2024, 12, 26), D(2025, 1, 15), "2024年第四批次建设用地批复"),
    ("natural", D(2025, 12, 22), D(2026, 1, 9), "2025年度不动产登记收费标准"),
    ("nonprofit", D(2025, 12, 24), D(2026, 1, 14), "2025年度湿地保护修复项目清单"),
]
# Bases of the rows without a single article in choices.OUTCOME_BASIS.
BASIS = {"3.5.5": "条例第三十六条第（七）项", "3.6.3": "条例第三十六条第（七）项（申请人撤回申请）"}
COUNTY_GOV, COURT = "和田县人民政府", "和田市人民法院（演示）"
# 案号, 类别, filed, accepted, copy received, answered, simplified, decided, result, row, organ, note
CASES = [
    ("和政复〔2025〕3号", "行政复议", "2025-02-10", "2025-02-12", "2025-02-14", "2025-02-20", "是", "2025-03-28", "维持", "3.4.1", COUNTY_GOV, ""),
    ("和政复〔2025〕5号", "行政复议", "2025-03-20", "2025-03-21", "2025-03-24", "2025-04-02", "否", "2025-05-16", "纠正", "3.3.6", COUNTY_GOV, "责令重新答复"),
    ("和政复〔2025〕6号", "行政复议", "2025-03-27", "2025-03-28", "2025-03-31", "2025-04-03", "是", "2025-04-25", "其他", "3.3.7", COUNTY_GOV, "驳回行政复议申请"),
    ("和政复〔2025〕7号", "行政复议", "2025-04-01", "2025-04-02", "2025-04-03", "2025-04-09", "是", "2025-05-06", "维持", "3.3.8", COUNTY_GOV, ""),
    ("和政复〔2025〕8号", "行政复议", "2025-04-08", "2025-04-09", "2025-04-10", "2025-04-18", "否", "2025-05-30", "维持", "3.4.2", COUNTY_GOV, ""),
    ("和政复〔2025〕21号", "行政复议", "2025-12-08", "2025-12-09", "2025-12-10", "2025-12-15", "是", "2026-01-16", "维持", "3.5.2", COUNTY_GOV, "年末尚未审结"),
    ("(2025)新3201行初12号", "直接起诉", "2025-03-03", "", "", "", "否", "2025-06-20", "维持", "3.3.4", COURT, "驳回诉讼请求"),
    ("(2025)新3201行初15号", "直接起诉", "2025-02-24", "", "", "", "否", "2025-05-29", "纠正", "3.2", COURT, "判决重新答复"),
    ("(2025)新3201行初19号", "直接起诉", "2025-03-10", "", "", "", "否", "2025-04-21", "其他", "3.3.5", COURT, "原告撤诉"),
    ("(2025)新3201行初27号", "直接起诉", "2025-04-28", "", "", "", "否", "", "", "3.5.1", COURT, ""),
    ("(2025)新3201行初31号", "复议后起诉", "2025-04-15", "", "", "", "否", "2025-07-10", "维持", "3.4.1", COURT, "和政复〔2025〕3号后起诉"),
    ("(2025)新3201行初36号", "复议后起诉", "2025-05-12", "", "", "", "否", "2025-09-18", "纠正", "3.3.7", COURT, "和政复〔2025〕6号后起诉"),
    ("(2025)新3201行初40号", "复议后起诉", "2025-06-16", "", "", "", "否", "2025-08-20", "其他", "3.4.2", COURT, "和政复〔2025〕8号后起诉；原告撤诉"),
    ("(2025)新3201行初44号", "复议后起诉", "2025-06-03", "", "", "", "否", "", "", "3.3.8", COURT, "和政复〔2025〕7号后起诉"),
]  # fmt: skip
CASE_HEADER = "案号,类别,申请或起诉日期,受理日期,收到答复通知日期,提交答复日期,简易程序,审结日期,结果,受理编号,申请人/原告,复议机关/法院,说明"


def load_reports_demo(agencies: dict) -> int:
    """The two bodies' records (module docstring); returns how many objects were created."""
    changed = _seed_year(agencies.get(TOWNSHIP))
    if agencies.get(BUSY_BODY) is not None:
        changed += _busy_year(agencies[BUSY_BODY])
    return changed


def _seed_year(agency) -> int:
    """Table 二 of the seed report for 2023 as entered (30号; the seed prints 0 everywhere)."""
    from gongkai.catalog.models import Table2Input

    if agency is None:
        return 0
    _entry, created = Table2Input.objects.get_or_create(
        agency=agency,
        year=SEED_YEAR,
        defaults={
            "licensing": 0,
            "penalty": 0,
            "coercion": 0,
            "fees_wan_yuan": Decimal("0"),
            "source": "2023年度报告（演示数据，与已公开报告一致）",
        },
    )
    return int(created)


def _uscc(prefix: str, serial: int) -> str:
    from stdnum.cn import uscc

    base = f"{prefix}653221DM{serial:07d}"
    return base + uscc.calc_check_digit(base)


def _ric(serial: int) -> str:
    from stdnum.cn import ric

    base = f"65322119800101{serial:03d}"
    return base + ric.calc_check_digit(base + "0")


def _applicant(column: str, serial: int) -> dict:
    name, id_type, prefix = APPLICANTS[column]
    return {
        "applicant_type": column,
        "applicant_type_confirmed": True,
        "applicant_name": name,
        "id_type": id_type,
        "id_number": _uscc(prefix, serial) if prefix else _ric(serial),
        "legal_representative": "" if column == "natural" else "买买提江（演示）",
        "phone": f"0903-00001{serial:02d}",
        "address": "新疆维吾尔自治区和田地区和田县（演示地址）",
        "form_wanted": "electronic" if column != "natural" else "paper",
        # By post: a notice served online would need the county's online review channel
        # registered (行政复议法 Art. 22 ¶2), which the demo does not set up.
        "delivery": "post",
        "email": "apply@demo.invalid" if column == "legal_service" else "",
    }


def _busy_year(agency) -> int:
    from gongkai.agencies.models import User
    from gongkai.applications.models import Application
    from gongkai.holidays.calendar import get_calendar

    from .models import DisputeCase

    keys = [f"{KEY}{n:02d}" for n in range(1, len(YEAR_ROWS) + len(CARRIED) + 1)]
    done = set(
        Application.objects.filter(agency=agency, idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    have_cases = DisputeCase.objects.filter(
        agency=agency, case_number__in=[c[0] for c in CASES]
    ).count()
    if len(done) == len(keys) and have_cases == len(CASES):
        return 0  # the second run: two queries, nothing written
    head = User.objects.get(username=HEAD)
    cal = get_calendar(agency)
    created = 0
    by_row = {}
    for n, (row, column, base, channel, item) in enumerate(YEAR_ROWS, start=1):
        app, new = _submit(agency, keys[n - 1], column, n, cal, base, channel, item, head)
        if new:
            _handle(app, row, cal, head)
            created += 1
        by_row[row] = app
    for n, (column, received, closed, item) in enumerate(CARRIED, start=len(YEAR_ROWS) + 1):
        app, new = _submit(agency, keys[n - 1], column, n, cal, received, "in_person", item, head)
        if new:
            app.close(row="3.1", legal_basis="条例第三十六条第（一）项", on=closed, actor=head)
            created += 1
    return created + _table2(agency) + _cases(agency, by_row)


def _table2(agency) -> int:
    """The year's table 二 entries that the catalog does not count (30号: 许可, 处罚, 强制, 收费)."""
    from gongkai.catalog.models import Table2Input

    _entry, created = Table2Input.objects.get_or_create(
        agency=agency,
        year=BUSY_YEAR,
        defaults={
            "licensing": 86,
            "penalty": 14,
            "coercion": 2,
            "fees_wan_yuan": Decimal("0"),
            "source": "演示数据",
        },
    )
    return int(created)


def _submit(agency, key, column, serial, cal, base, channel, item, head):
    from gongkai.applications.services import submit_application

    received = cal.add_working_days(base - datetime.timedelta(days=1), 1).date
    done = submit_application(
        agency=agency,
        channel=channel,
        applicant=_applicant(column, serial),
        items=[{"title": item}],
        arrived_on=received,
        received_on=received,
        idempotency_key=key,
        actor=head,
    )
    return done.application, done.created


def _handle(app, row: str, cal, head) -> None:
    """Carry one application to its outcome ``row`` the way staff would (条例 Art. 30-39)."""
    from gongkai.applications.choices import OUTCOME_BASIS

    r = app.received_on

    def wd(n: int, start=None) -> datetime.date:
        return cal.add_working_days(start or r, n).date

    basis = BASIS.get(row) or OUTCOME_BASIS[row]
    if row in ("3.2", "3.4.1"):
        _answer_by_letter(app, row, wd, head)
        return
    if row == "3.3.3":  # 条例 Art. 33 ¶2: extended once, with the head's approval
        app.extend(days=15, reason="需调取档案核查", approved_by=head, notice_served_on=wd(15))
        app.close(row=row, legal_basis=basis, on=wd(25), actor=head)
    elif row == "3.3.4":  # Art. 32: the third party is asked, and refuses
        app.start_consultation(
            kind="third_party", sent_on=wd(2), party="某矿业公司（演示）", party_received_on=wd(3)
        )
        app.end_consultation(kind="third_party", on=wd(10), reply="不同意公开，涉及商业秘密")
        app.close(row=row, legal_basis=basis, on=wd(13), actor=head)
    elif row == "3.4.3":  # Art. 30: 补正 received, still unclear
        app.request_supplement(served_on=wd(3), items="请写明所需信息的名称、文号或地块位置")
        app.receive_supplement(on=wd(8))
        app.close(row=row, legal_basis=basis, on=wd(12, app.clock_start), actor=head)
    elif row == "3.5.4":  # Art. 35: reasons asked first
        app.request_reasons(on=wd(5), note="一年内第37次申请，请说明理由")
        app.close(row=row, legal_basis=basis, on=wd(15), actor=head)
    elif row == "3.6.1":  # Art. 30: no 补正 in time
        app.request_supplement(served_on=wd(3), items="请写明宅基地所在村组及审批年份")
        app.lapse_supplement(on=app.supplement.due_on + datetime.timedelta(days=1))
    elif row == "3.6.2":  # 109号: fee notice unpaid
        from gongkai.applications.fees import per_volume_fee

        app.issue_fee_notice(
            method="per_volume",
            amount=per_volume_fee(1200).amount,
            pages=1200,
            notice_served_on=wd(8),
            notice_received_on=wd(10),
        )
        app.lapse_fee(on=app.fee.pay_due_on + datetime.timedelta(days=1))
    else:
        app.close(row=row, legal_basis=basis, on=wd(12), actor=head)


def _answer_by_letter(app, row: str, wd, head) -> None:
    """The 答复书 drafted, reviewed, signed and served (gongkai.letters), which closes the case;
    3.4.1 after a recorded search (指导案例101号), 3.2 naming what was withheld (Art. 37)."""
    from gongkai.letters import services
    from gongkai.letters.models import Notice

    extra = {}
    if row == "3.4.1":
        app.record_search(
            actor=head,
            searched_on=wd(4),
            searched_by="阿卜杜热合曼（演示）",
            places="局档案室2016—2020年征地档案、不动产登记系统、耕地保护股台账",
            terms="村名 集体土地 征收 补偿协议 2018",
            result="未检索到该协议；2018年该村无征收批复",
        )
    else:
        extra = {
            "withheld": "规划图中的军事设施位置",
            "withheld_reason": "属于国家秘密（条例第十四条）",
        }
    notice = services.draft(app, "answer", actor=head, outcome=row, **extra)
    services.review(notice, actor=head, secrecy=Notice.Secrecy.CLEAR)
    notice = services.issue(notice, actor=head, on=wd(9))
    services.serve(
        notice,
        actor=head,
        method="ems",
        posted_on=wd(9),
        served_on=wd(11),
        tracking_number=f"EA{app.pk:09d}CN",
        signed_by=app.applicant_name,
        address=app.address,
    )


def _cases(agency, by_row: dict) -> int:
    """Table 四's cases through the case import (gongkai/reports/importing.py)."""
    from .importing import import_cases
    from .models import DisputeCase

    stored = set(DisputeCase.objects.filter(agency=agency).values_list("case_number", flat=True))
    missing = [c for c in CASES if c[0] not in stored]
    if not missing:
        return 0
    lines = [CASE_HEADER]
    for number, route, filed, acc, copy, ans, simple, decided, result, row, organ, note in missing:
        app = by_row[row]
        cells = [number, route, filed, acc, copy, ans, simple, decided, result, app.receipt_number,
                 app.applicant_name, organ, note]  # fmt: skip
        lines.append(",".join(cells))
    return import_cases(agency, ("demo-cases.csv", "\n".join(lines).encode("utf-8"))).created
