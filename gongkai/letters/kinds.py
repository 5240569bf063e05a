"""The kinds of notice (告知书), their template variables and their default wording.

Plain Python (no Django), so the wording can be read and tested on its own. The documents are
those of a standardised 依申请公开 system (宿政办函〔2021〕21号, practice.md §3.4); the wording
of each 答复书 follows the 条例 article of its outcome (regulation.md §1.3, §3.8). Staff edit
the prefilled paragraphs of each notice; a body edits the layout in Word (docs/letters.md).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from gongkai.letters.relief import OUTCOMES


class Kind(enum.StrEnum):
    RECEIPT = "receipt"
    SUPPLEMENT = "supplement"
    EXTENSION = "extension"
    THIRD_PARTY = "third_party"
    FEE = "fee"
    ANSWER = "answer"


@dataclass(frozen=True)
class KindInfo:
    title: str  # the document's title as printed
    label: str  # the short name on pages
    word: str  # the default 字 of its number (吾宗肖乡依申告〔2026〕3号)
    variables: tuple[str, ...]  # kind-specific variables, beyond COMMON_VARIABLES


KINDS: dict[Kind, KindInfo] = {
    Kind.RECEIPT: KindInfo("政府信息公开申请受理回执", "受理回执", "依申受", ("due_on",)),
    Kind.SUPPLEMENT: KindInfo(
        "政府信息公开申请补正告知书", "补正告知书", "依申补", ("items", "supplement_days")
    ),
    Kind.EXTENSION: KindInfo(
        "政府信息公开申请延期答复告知书",
        "延期答复告知书",
        "依申延",
        ("original_due", "extended_due", "extension_days", "reason"),
    ),
    Kind.THIRD_PARTY: KindInfo(
        "政府信息公开征求第三方意见书", "征求第三方意见书", "依申征", ("reply_days", "info")
    ),
    Kind.FEE: KindInfo(
        "政府信息公开信息处理费收费通知书", "收费通知书", "依申费", ("amount", "pay_days")
    ),
    Kind.ANSWER: KindInfo(
        "政府信息公开申请答复书", "答复书", "依申告", ("outcome", "outcome_label")
    ),
}

# Variables every template may use (docs/letters.md lists them with their meaning).
COMMON_VARIABLES: dict[str, str] = {
    "number": "文号，例如 吾宗肖乡依申告〔2026〕3号（签发时编定）",
    "title": "文书标题",
    "date": "成文日期，例如 2026年3月2日（签发日）",
    "agency": "本机关全称",
    "agency_short": "本机关简称",
    "office": "政府信息公开工作机构",
    "address": "办公地址",
    "phone": "联系电话",
    "addressee": "抬头（申请人或第三方的姓名、名称）",
    "receipt_number": "受理编号",
    "received_on": "收到申请日期",
    "request": "申请公开的政府信息",
    "paragraphs": "正文段落（列表，工作人员在案件页编辑）",
    "relief": "救济途径段落（系统计算，不可手工填写；无需救济告知的文书为空）",
}

KIND_VARIABLES: dict[str, str] = {
    "due_on": "答复期限届满日",
    "items": "需要补正的事项（列表）",
    "supplement_days": "补正期限（工作日）",
    "original_due": "原答复期限届满日",
    "extended_due": "延长后的答复期限届满日",
    "extension_days": "延长的工作日数",
    "reason": "延期理由",
    "reply_days": "第三方提出意见的期限（工作日，条例第三十二条）",
    "info": "拟公开的政府信息",
    "amount": "信息处理费金额（元）",
    "pay_days": "缴费期限（工作日，国办函〔2020〕109号）",
    "outcome": "办理结果的表三行号，例如 3.3.1",
    "outcome_label": "办理结果，例如 予以公开",
}

# Variables a template must contain, or the notice could go out without them.
REQUIRED_VARIABLES = ("number", "date", "paragraphs")


def variables_for(kind: Kind) -> tuple[str, ...]:
    return (*COMMON_VARIABLES, *KINDS[kind].variables)


# Outcome labels as a letter prints them (regulation.md §3.4, without the group numbering).
OUTCOME_LABELS: dict[str, str] = {
    "3.1": "予以公开",
    "3.2": "部分公开",
    "3.3.1": "不予公开（属于国家秘密）",
    "3.3.2": "不予公开（其他法律行政法规禁止公开）",
    "3.3.3": "不予公开（危及“三安全一稳定”）",
    "3.3.4": "不予公开（保护第三方合法权益）",
    "3.3.5": "不予公开（属于三类内部事务信息）",
    "3.3.6": "不予公开（属于四类过程性信息）",
    "3.3.7": "不予公开（属于行政执法案卷）",
    "3.3.8": "不予公开（属于行政查询事项）",
    "3.4.1": "无法提供（本机关不掌握相关政府信息）",
    "3.4.2": "无法提供（没有现成信息需要另行制作）",
    "3.4.3": "无法提供（补正后申请内容仍不明确）",
    "3.5.1": "不予处理（信访举报投诉类申请）",
    "3.5.2": "不予处理（重复申请）",
    "3.5.3": "不予处理（要求提供公开出版物）",
    "3.5.4": "不予处理（无正当理由大量反复申请）",
    "3.5.5": "不予处理（要求行政机关确认或重新出具已获取信息）",
    "3.6.1": "不再处理（逾期不补正）",
    "3.6.2": "不再处理（逾期未缴纳信息处理费）",
    "3.6.3": "其他处理",
}
assert tuple(OUTCOME_LABELS) == OUTCOMES

TIAOLI = "《中华人民共和国政府信息公开条例》"

# The finding of each 答复书, with the article it rests on (regulation.md §3.8).
ANSWER_FINDINGS: dict[str, str] = {
    "3.1": f"你（单位）申请公开的政府信息属于公开范围，根据{TIAOLI}第三十六条第（二）项的规定，本机关予以公开，现随本答复书提供（或告知获取的方式、途径和时间）。",
    "3.2": f"你（单位）申请公开的政府信息中含有不应当公开的内容，但能够作区分处理。根据{TIAOLI}第三十七条的规定，本机关向你（单位）提供可以公开的部分；不予公开部分及其理由如下：",
    "3.3.1": f"你（单位）申请公开的政府信息属于国家秘密。根据{TIAOLI}第十四条的规定，本机关不予公开。",
    "3.3.2": f"你（单位）申请公开的政府信息属于法律、行政法规禁止公开的政府信息。根据{TIAOLI}第十四条的规定，本机关不予公开。",
    "3.3.3": f"你（单位）申请公开的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据{TIAOLI}第十四条的规定，本机关不予公开。",
    "3.3.4": f"你（单位）申请公开的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。根据{TIAOLI}第十五条、第三十二条的规定，本机关不予公开。",
    "3.3.5": f"你（单位）申请公开的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息。根据{TIAOLI}第十六条第一款的规定，本机关不予公开。",
    "3.3.6": f"你（单位）申请公开的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据{TIAOLI}第十六条第二款的规定，本机关不予公开。",
    "3.3.7": f"你（单位）申请公开的政府信息属于行政执法案卷信息。根据{TIAOLI}第十六条第二款的规定，本机关不予公开。",
    "3.3.8": f"你（单位）申请获取的信息属于工商、不动产登记资料等，有关法律、行政法规对信息的获取有特别规定。根据{TIAOLI}第三十六条第（七）项的规定，请你（单位）依照有关法律、行政法规的规定办理。",
    "3.4.1": f"经本机关检索查找，本机关未制作、获取你（单位）申请公开的政府信息，该政府信息不存在；或者该政府信息不属于本机关负责公开。根据{TIAOLI}第三十六条第（四）项、第（五）项的规定，特此告知。",
    "3.4.2": f"你（单位）申请公开的政府信息需要本机关对现有政府信息进行加工、分析。根据{TIAOLI}第三十八条的规定，本机关不予提供。",
    "3.4.3": f"本机关已告知你（单位）补正申请，补正后申请内容仍不明确，本机关无法确定你（单位）申请公开的政府信息。根据{TIAOLI}第三十条的规定，特此告知。",
    "3.5.1": f"你（单位）以政府信息公开申请的形式提出的是信访、投诉、举报等诉求。根据{TIAOLI}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，你（单位）可以通过相应渠道提出。",
    "3.5.2": f"本机关已就你（单位）申请公开的同一政府信息作出答复，你（单位）重复申请。根据{TIAOLI}第三十六条第（六）项的规定，本机关不予重复处理。",
    "3.5.3": f"你（单位）申请获取的是政府公报、报刊、书籍等公开出版物。根据{TIAOLI}第三十九条第二款的规定，请你（单位）通过相应的出版发行渠道获取。",
    "3.5.4": f"你（单位）申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，理由不合理。根据{TIAOLI}第三十五条的规定，本机关不予处理。",
    "3.5.5": "你（单位）要求本机关确认或者重新出具你（单位）已经获取的信息，该要求不属于政府信息公开申请的处理范围，本机关不予处理。",
    "3.6.1": f"本机关已告知你（单位）补正申请，你（单位）无正当理由逾期未补正。根据{TIAOLI}第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "3.6.2": "本机关已向你（单位）送达收费通知，你（单位）逾期未按收费通知要求缴纳信息处理费。根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "3.6.3": "（请写明处理情况及其依据。）",
}
assert tuple(ANSWER_FINDINGS) == OUTCOMES


def opening(facts: dict) -> str:
    return (
        f"{facts['received_on']}，本机关收到你（单位）提出的政府信息公开申请"
        f"（受理编号：{facts['receipt_number']}），申请公开“{facts['request']}”。"
    )


def default_paragraphs(kind: Kind, facts: dict) -> list[str]:
    """The prefilled body of a notice of ``kind``, from the case's ``facts`` (the variables
    of :data:`COMMON_VARIABLES` and :data:`KIND_VARIABLES`). Staff edit the result."""
    if kind is Kind.RECEIPT:
        return [
            opening(facts),
            f"本机关将依照{TIAOLI}第三十三条的规定，于{facts['due_on']}前作出答复"
            "（征求第三方和其他机关意见所需时间不计算在内）。",
            "请妥善保管受理编号，凭受理编号和查询码可查询办理进度。",
        ]
    if kind is Kind.SUPPLEMENT:
        items = "；".join(facts["items"]) or "（请列明需要补正的事项）"
        return [
            opening(facts),
            f"经审查，你（单位）的申请内容不明确。根据{TIAOLI}第三十条的规定，请你（单位）"
            f"自收到本告知书之日起{facts['supplement_days']}个工作日内补正以下事项：{items}。",
            "答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。",
        ]
    if kind is Kind.EXTENSION:
        return [
            opening(facts),
            f"因{facts['reason'] or '（请写明延期理由）'}，本机关不能在{facts['original_due']}前作出答复。"
            f"经本机关政府信息公开工作机构负责人同意，根据{TIAOLI}第三十三条第二款的规定，"
            f"答复期限延长{facts['extension_days']}个工作日，本机关将于{facts['extended_due']}前作出答复。",
        ]
    if kind is Kind.THIRD_PARTY:
        return [
            f"本机关收到政府信息公开申请，申请公开的“{facts['info']}”可能涉及你（单位）的合法权益。",
            f"根据{TIAOLI}第三十二条的规定，现征求你（单位）的意见。请你（单位）自收到本意见书之日起"
            f"{facts['reply_days']}个工作日内提出书面意见；逾期未提出意见的，由本机关依照该条例的规定决定。",
            "第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，"
            "可以决定予以公开，并将决定公开的内容和理由书面告知你（单位）。",
        ]
    if kind is Kind.FEE:
        return [
            opening(facts),
            f"你（单位）申请公开政府信息的数量、频次明显超过合理范围。根据{TIAOLI}第四十二条和"
            f"《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定收取信息处理费"
            f"{facts['amount']}元。",
            f"请你（单位）自收到本通知之日起{facts['pay_days']}个工作日内缴纳。逾期未缴纳的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。",
        ]
    finding = ANSWER_FINDINGS[facts["outcome"]]
    return [opening(facts) + "经审查，现答复如下：", finding]
