"""Words a cell may hold for yes/no, satisfaction and a call's outcome (data-kinds.md)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.i18n import _
from workbench.readers.cells import BadValue, check_error_token, clean, short
from workbench.readers.numbers import parse_number

# ---- yes / no ------------------------------------------------------------------------------
_YES = frozenset(
    [
        "y",
        "yes",
        "true",
        "t",
        "1",
        "1.0",
        "是",
        "是的",
        "对",
        "有",
        "√",
        "✓",
        "✔",
        "ok",
        "已接通",
        "接通",
        "已应答",
        "应答",
        "已解决",
        "解决",
        "成功",
        "已成交",
        "成交",
        "已转接",
        "转接",
        "已触达",
        "触达",
        "转人工",
        "已转人工",
        "已投诉",
        "投诉",
        "致命",
        "answered",
        "resolved",
        "success",
        # call outcomes of platform exports (answered / connected)
        "connected",
        "completed",
        "handled",
        "已接听",
        "座席接听",
        "坐席接听",
    ]
)
_NO = frozenset(
    [
        "n",
        "no",
        "false",
        "f",
        "0",
        "0.0",
        "否",
        "不是",
        "无",
        "没有",
        "×",
        "✗",
        "✘",
        "未接通",
        "未应答",
        "未解决",
        "失败",
        "未成交",
        "未转接",
        "未触达",
        "未转人工",
        "未投诉",
        "非致命",
        "无投诉",
        "放弃",
        "abandoned",
        "unanswered",
        "unresolved",
        "fail",
        "failed",
        "none",
        "-",
        # call outcomes of platform exports (ANSWERED / NO ANSWER / BUSY / HANG, 未接 …)
        "no answer",
        "noanswer",
        "busy",
        "failed",
        "congestion",
        "missed",
        "hang",
        "未接",
        "未接听",
        "排队放弃",
        "振铃未接听",
        "呼损",
    ]
)


def parse_bool(text: object) -> bool:
    """Yes/no in every form data-kinds.md lists: Y/N, Yes/No, TRUE/FALSE, 1/0, 是/否, 已…/未…."""
    s = clean(text)
    check_error_token(s)
    key = s.casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    if len(key) >= 2 and key[0] in "未不没非无":
        return False
    if len(key) >= 2 and key[0] == "已":
        return True
    raise BadValue(_("'{value}' is not a yes/no value").format(value=short(text)))


# ---- satisfaction --------------------------------------------------------------------------
_CSAT_LABELS: dict[str, int | None] = {
    "非常满意": 5,
    "很满意": 5,
    "满意": 4,
    "比较满意": 4,
    "一般": 3,
    "基本满意": 3,
    "不满意": 2,
    "较不满意": 2,
    "非常不满意": 1,
    "很不满意": 1,
    "未评价": None,
    "未评": None,
    "无评价": None,
    "very satisfied": 5,
    "satisfied": 4,
    "neutral": 3,
    "average": 3,
    "dissatisfied": 2,
    "unsatisfied": 2,
    "very dissatisfied": 1,
    "very unsatisfied": 1,
    "not rated": None,
    "unrated": None,
    "no rating": None,
    "n/a": None,
}


@dataclass(frozen=True)
class Csat:
    """One satisfaction cell: a number (scale decided per file) or a label's rank (1–5)."""

    score: float | None
    label_rank: int | None = None  # set for labels; None with score None means unrated

    @property
    def is_label(self) -> bool:
        return self.score is None


def parse_csat(text: object) -> Csat:
    """``4``, ``9``, ``满意``, ``Very satisfied``, ``未评价`` (unrated)."""
    s = clean(text)
    check_error_token(s)
    key = " ".join(s.casefold().split())
    if key in _CSAT_LABELS:
        return Csat(score=None, label_rank=_CSAT_LABELS[key])
    try:
        value = parse_number(s)
    except BadValue:
        raise BadValue(
            _("'{value}' is not a satisfaction score or label").format(value=short(text))
        ) from None
    if value < 0 or value > 10:
        raise BadValue(
            _("satisfaction {value} is outside a 1–5 or 1–10 scale").format(value=short(text))
        )
    return Csat(score=value)


def csat_scale(max_score: float | None) -> int | None:
    """The scale of a file's satisfaction numbers: 5 when the largest is ≤ 5, else 10."""
    if max_score is None:
        return None
    return 5 if max_score <= 5 else 10


def csat_satisfied(score: float | None, scale: int | None, label_rank: int | None) -> bool | None:
    """Top two of the scale (4–5 of 5, 9–10 of 10; 满意/非常满意); None when unrated."""
    if score is not None and scale:
        return score >= scale - 1
    if label_rank is not None:
        return label_rank >= 4
    return None


# outcome / disposition words of platforms' call logs: answered (True) or not (False);
# anything else (PHANTOM, VOICEMAIL, BLACKLIST …) is not a queue outcome (None)
_OUTCOME_YES = frozenset(
    [
        "answered", "answer", "agent", "success", "successful", "connected", "completed",
        "handled", "dealing", "接通", "已接通", "已接听", "接听", "座席接听", "坐席接听",
        "人工接听", "已应答", "应答", "成功", "呼入接通",
    ]
)  # fmt: skip
_OUTCOME_NO = frozenset(
    [
        "no answer", "noanswer", "no_answer", "busy", "failed", "congestion", "hang", "hangup",
        "abandon", "abandoned", "missed", "unanswered", "notdeal", "queueleak", "leak", "未接",
        "未接通", "未接听", "放弃", "排队放弃", "振铃未接听", "呼损", "客户放弃", "座席未接听",
        "坐席未接听", "未应答",
    ]
)  # fmt: skip


def outcome_answered(text: object) -> bool | None:
    """``ANSWERED`` → True, ``NO ANSWER``/``BUSY``/``HANG``/``放弃`` → False, else None."""
    key = clean(text).casefold()
    if key in _OUTCOME_YES:
        return True
    if key in _OUTCOME_NO or key.replace(" ", "") in _OUTCOME_NO:
        return False
    return None
