"""Fields of every data kind, header normalisation, synonym matching and kind detection.

``KIND_FIELDS`` is the one list of what each kind can hold (data-kinds.md), used by the import
job, the command line's ``--map`` and the GUI's mapping dialog. A header matches a synonym
after ``normalise_header``: NFKC (full-width → half-width), case-folded, underscores and
whitespace collapsed, and a trailing unit in brackets — (s), (秒), (min), (%), (元) … — removed
and remembered as the column's unit.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.domain import KIND_NAMES
from workbench.i18n import _

FieldType = str  # text id timestamp date time seconds bool count number percent sl csat money
# personal score


@dataclass(frozen=True)
class FieldSpec:
    """One field of a kind: its value type, whether it is required, and header synonyms."""

    name: str
    type: FieldType
    required: bool = False
    synonyms: tuple[str, ...] = ()
    alternative: str | None = None  # a required field that may be replaced by this field


def _f(
    name: str, type_: str, synonyms: str, required: bool = False, alternative: str | None = None
):
    return FieldSpec(
        name, type_, required, tuple(s.strip() for s in synonyms.split("|")), alternative
    )


KIND_FIELDS: dict[str, list[FieldSpec]] = {
    "contacts": [
        _f(
            "contact_id",
            "id",
            "Call Id|Call ID|Contact ID|Interaction ID|流水号|通话流水号|呼叫编号|话单编号|会话ID"
            "|Call No|呼叫流水号|通话ID|录音编号",
            True,
        ),
        _f(
            "started_at",
            "timestamp",
            "Start Time|Call Timestamp|Offered Time|Call Start|进线时间|呼入时间|来电时间|开始时间"
            "|呼叫时间|通话开始时间",
            True,
            alternative="date",
        ),
        _f("date", "date", "Date|Call Date|日期|呼叫日期|来电日期"),
        _f("time", "time", "Time|Call Time|时间|来电时刻"),
        _f("channel", "text", "Channel|Media Type|渠道|服务渠道|媒体类型"),
        _f("queue", "text", "Queue|Skill|Split|Topic|Service|技能组|队列|业务类型|服务类型"),
        _f("agent_id", "id", "Agent ID|Agent Login|坐席工号|工号|座席工号|坐席ID"),
        _f("agent_name", "text", "Agent|Agent Name|坐席姓名|座席姓名|坐席|座席"),
        _f(
            "wait_s",
            "seconds",
            "Wait|Queue Time|Speed of answer|Speed of answer in seconds|Wait Time|排队时长"
            "|等待时长|应答时长|q_time|Queue Wait Time|Time in Queue",
        ),
        _f(
            "answered",
            "bool",
            "Answered|Answered (Y/N)|是否接通|是否应答|接通|接通状态|Call Status|Call Result"
            "|Call Outcome|通话结果|呼叫结果|接听状态|通话状态|是否接听",
        ),
        _f(
            "talk_s",
            "seconds",
            "Talk|Talk Time|Talk Duration|AvgTalkDuration|通话时长|ser_time|Service Time",
        ),
        _f("hold_s", "seconds", "Hold|Hold Time|保持时长"),
        _f(
            "acw_s",
            "seconds",
            "ACW|Wrap|Wrap-up|After Call Work|话后处理时长|后处理时长|整理时长",
        ),
        _f("transferred", "bool", "Transferred|是否转接|转接"),
        _f(
            "linked_id",
            "id",
            "Linked ID|LinkedID|Parent Call ID|Parent ID|Original Call ID|原流水号|关联流水号"
            "|父流水号|主叫流水号",
        ),
        _f(
            "resolved",
            "bool",
            "Resolved|FCR|First Contact Resolution|是否解决|一次解决|是否一次解决",
        ),
        _f(
            "csat",
            "csat",
            "Satisfaction|Satisfaction rating|CSAT|CSAT Score|满意度|满意度评价|客户评价",
        ),
        _f("complaint", "bool", "Complaint|是否投诉|投诉"),
        _f(
            "customer_ref",
            "personal",
            "Caller|ANI|Phone|Customer Name|Customer ID|来电号码|主叫号码|客户号|客户姓名"
            "|客户电话|手机号",
        ),
    ],
    "intervals": [
        _f("period_start", "timestamp", "Date|日期|统计日期|Period|Interval|时段|统计时间", True),
        _f("time", "time", "Time|Interval|时段|时间段|时间"),
        _f("queue", "text", "Split|Skill|Queue|技能组|队列"),
        _f(
            "offered",
            "count",
            "Offered|Incoming Calls|Calls Offered|ACD Calls + Aband|呼入量|进线量|人工请求量",
            True,
        ),
        _f(
            "answered",
            "count",
            "Answered|Answered Calls|ACD Calls|Handled|接通量|人工接通量|应答量",
            True,
        ),
        _f(
            "abandoned",
            "count",
            "Abandoned|Abandoned Calls|Aband Calls|放弃量|呼损量|Calls Abandoned|Number Abandoned"
            "|放弃数|呼损数",
        ),
        _f(
            "answered_in_sl",
            "sl",
            "Service Level|In Service Level|Service Level (20 Seconds)|20秒接通量|20秒服务水平"
            "|服务水平|SL",
        ),
        _f(
            "asa_s",
            "seconds",
            "Answer Speed (AVG)|ASA|Avg Speed Ans|平均应答速度|平均应答时长|Average Speed of Answer"
            "|Avg Speed of Answer|Average Speed to Answer",
        ),
        _f("aht_s", "seconds", "AHT|Avg Handle Time|平均处理时长"),
        _f("talk_s", "seconds", "Talk Duration (AVG)|Avg Talk Time|平均通话时长"),
        _f("wait_s", "seconds", "Waiting Time (AVG)|平均等待时长"),
    ],
    "agent_states": [
        _f("agent_id", "id", "Agent ID|Agent Login|坐席工号|工号|座席工号|坐席ID", True),
        _f("agent_name", "text", "Agent|Agent Name|坐席姓名|座席姓名|坐席|座席"),
        _f("period_start", "timestamp", "Date|日期|统计日期|Period|Interval|时段", True),
        _f("time", "time", "Time|时间段|时间"),
        _f("logged_in_s", "seconds", "Staffed Time|Logged In|登录时长|签入时长|在线时长"),
        _f("available_s", "seconds", "Avail Time|Available|空闲时长|示闲时长"),
        _f("talk_s", "seconds", "Talk Time|Talk|通话时长"),
        _f("hold_s", "seconds", "Hold Time|Hold|保持时长"),
        _f("acw_s", "seconds", "ACW Time|ACW|After Call Work|话后处理时长|后处理时长|整理时长"),
        _f("not_ready_s", "seconds", "Aux Time|Not Ready|示忙时长|小休时长"),
        _f("scheduled_s", "seconds", "Scheduled|Scheduled Time|排班时长"),
    ],
    "bot_sessions": [
        _f("session_id", "id", "Session ID|Conversation ID|会话ID|会话编号", True),
        _f(
            "started_at",
            "timestamp",
            "Start Time|开始时间|会话开始时间",
            True,
            alternative="date",
        ),
        _f("date", "date", "Date|日期"),
        _f("time", "time", "Time|时间"),
        _f("channel", "text", "Channel|渠道|接入渠道"),
        _f("questions", "count", "Questions|User Turns|提问数|问题数|用户问题数"),
        _f("recognized", "count", "Recognized|Matched|识别数|识别问题数|命中问题数"),
        _f("resolved", "bool", "Resolved|Contained|机器人解决|是否解决"),
        _f("transferred", "bool", "Escalated|Transferred to Agent|转人工|是否转人工"),
        _f("rating", "csat", "Rating|评价|满意度"),
        _f(
            "customer_ref",
            "personal",
            "Customer ID|Customer|User ID|Visitor ID|Phone|客户号|用户ID|客户电话|手机号|来电号码",
        ),
    ],
    "campaigns": [
        _f("campaign_id", "id", "Campaign ID|活动编号|活动ID", True),
        _f("campaign_name", "text", "Campaign|Campaign Name|活动名称"),
        _f("customer_ref", "personal", "Customer|Customer ID|Phone|客户号|客户姓名|客户电话"),
        _f(
            "touched_at",
            "timestamp",
            "Touched At|Call Time|外呼时间|触达时间",
            True,
            alternative="date",
        ),
        _f("date", "date", "Date|日期"),
        _f("time", "time", "Time|时间"),
        _f("channel", "text", "Channel|渠道"),
        _f("agent_id", "id", "Agent ID|坐席工号|工号"),
        _f("reached", "bool", "Reached|Contacted|是否接通|是否触达"),
        _f("converted", "bool", "Converted|Success|是否成功|营销成功|是否成交"),
        _f("product", "text", "Product|产品|产品名称"),
        _f("amount", "money", "Amount|金额|成交金额"),
        _f("complaint", "bool", "Complaint|是否投诉|投诉"),
        _f("refused", "bool", "Refused|Refusal|客户拒绝|是否拒绝|拒绝"),
    ],
    "quality": [
        _f("agent_id", "id", "Agent ID|坐席工号|工号|被检坐席", True),
        _f(
            "inspected_at",
            "timestamp",
            "Inspected At|Inspection Time|质检时间|质检日期",
            True,
        ),
        _f("contact_id", "id", "Contact ID|Call Id|流水号|通话流水号|录音编号"),
        _f("score", "score", "Score|QA Score|质检得分|得分|质检分数"),
        _f("fatal", "bool", "Fatal|Fatal Error|致命错误|是否致命"),
    ],
    "dnc": [  # the do-not-call list (免打扰名单), hashed with the campaigns' key
        _f(
            "customer_ref",
            "personal",
            "Customer|Customer ID|Phone|Phone Number|客户号|手机号|号码|电话号码|客户电话",
            True,
        ),
        _f(
            "listed_on",
            "timestamp",
            "Date Listed|Listed On|Date Added|加入日期|列入日期|登记日期|加入时间",
            True,
        ),
        _f("reason", "text", "Reason|原因|加入原因|备注"),
    ],
}

assert set(KIND_FIELDS) == set(KIND_NAMES)

UNIT_WORDS = {
    "s": "s",
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
    "秒": "s",
    "ms": "ms",
    "min": "min",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "分": "min",
    "分钟": "min",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "小时": "h",
    "msec": "ms",
    "millis": "ms",
    "millisecond": "ms",
    "milliseconds": "ms",
    "毫秒": "ms",
    "in millis": "ms",
    "in ms": "ms",
    "in milliseconds": "ms",
    "in seconds": "s",
    "in secs": "s",
    "in minutes": "min",
    "in mins": "min",
    "in hours": "h",
    "%": "%",
    "pct": "%",
    "元": "yuan",
    "万元": "wan_yuan",
    "万": "wan_yuan",
    "千元": "k_yuan",
    "yuan": "yuan",
    "rmb": "yuan",
    "¥": "yuan",
    "cny": "yuan",
}
# A satisfaction scale in a header: (1-10), (1–5), 10分制, 5分制, /10, out of 10.
_SCALE_BRACKET = re.compile(r"^(?:1\s*[-–~至到]\s*(5|10)|(5|10)\s*分制|满分\s*(5|10)\s*分?)$")
_SCALE_ANYWHERE = re.compile(r"(?:(5|10)\s*分制|out\s*of\s*(5|10)\b|/\s*(5|10)$)")
_TRAILING_BRACKET = re.compile(r"^(.*?)\s*[(\[【]\s*([^()\[\]【】]*?)\s*[)\]】]$")
# At most 6 digits: a longer run is not a threshold (and int() refuses > 4300 digits).
_THRESHOLD = re.compile(r"(?<!\d)(\d{1,6})\s*(?:秒|s\b|sec|seconds?)", re.I)
TOTAL_WORDS = frozenset(
    {"合计", "总计", "小计", "汇总", "总和", "total", "totals", "grand total", "sum", "subtotal"}
)


@dataclass(frozen=True)
class Header:
    """One normalised header cell."""

    text: str  # as in the file
    key: str  # what synonyms are compared with
    unit: str | None = None
    threshold_s: int | None = None  # "Service Level (20 Seconds)" → 20
    scale: int | None = None  # "满意度(1-10)", "10分制满意度" → 10


def normalise_header(text: object) -> Header:
    """Normalise a header cell as data-kinds.md says, keeping its unit and any seconds threshold."""
    return _normalised("" if text is None else str(text))


# Format detection and header matching normalise the same few hundred texts thousands of
# times per file (synonyms, every detector's wanted headers): a pure function of the text,
# its (frozen) result is kept
@functools.lru_cache(maxsize=8192)
def _normalised(raw: str) -> Header:
    s = unicodedata.normalize("NFKC", raw).casefold().replace("_", " ")
    s = " ".join(s.split())
    unit = None
    threshold = None
    scale = None
    for _attempt in range(3):
        m = _TRAILING_BRACKET.match(s)
        if not m:
            break
        inner = m.group(2).strip()
        if inner in UNIT_WORDS:
            unit = unit or UNIT_WORDS[inner]
            s = m.group(1)
            continue
        sc = _SCALE_BRACKET.match(inner)
        if sc:
            scale = int(next(g for g in sc.groups() if g))
            s = m.group(1)
            continue
        t = _THRESHOLD.fullmatch(inner)
        if t:
            threshold = int(t.group(1))
            s = m.group(1)
            continue
        break
    if scale is None:
        sc = _SCALE_ANYWHERE.search(s)
        if sc:
            scale = int(next(g for g in sc.groups() if g))
            s = (s[: sc.start()] + s[sc.end() :]).strip()
    if threshold is None:
        t = _THRESHOLD.search(s)
        if t:
            threshold = int(t.group(1))
    return Header(raw.strip(), s.replace(" ", ""), unit, threshold, scale)


def _key(text: str) -> str:
    return normalise_header(text).key


# a field's own name (``wait_s``, ``started_at``) is its last synonym: the header row that
# ``workbench.formats`` writes, and a file made for Workbench, use it
_SYNONYM_KEYS: dict[str, dict[str, list[str]]] = {
    kind: {f.name: [_key(s) for s in f.synonyms] + [_key(f.name)] for f in fields}
    for kind, fields in KIND_FIELDS.items()
}
ALL_SYNONYM_KEYS = frozenset(
    k for kind in _SYNONYM_KEYS.values() for ks in kind.values() for k in ks
)


def field_spec(kind: str, name: str) -> FieldSpec:
    for spec in KIND_FIELDS[kind]:
        if spec.name == name:
            return spec
    raise KeyError(name)


def header_row_score(cells: Sequence[object], extra_keys: frozenset[str] = frozenset()) -> int:
    """How many cells of a row look like known headers (synonyms or the user's --map headers)."""
    score = 0
    for cell in cells:
        if cell is None or cell == "":
            continue
        key = _key(str(cell))
        if key in ALL_SYNONYM_KEYS or key in extra_keys:
            score += 1
    return score


def find_header_row(
    rows: Sequence[Sequence[object]], extra_keys: frozenset[str] = frozenset()
) -> int | None:
    """Index of the header row among the first rows: most known headers, earliest on a tie.

    Falls back to the first row with at least two text cells when nothing is recognised.
    """
    best, best_score = None, 1
    for i, row in enumerate(rows):
        score = header_row_score(row, extra_keys)
        if score > best_score:
            best, best_score = i, score
    if best is not None:
        return best
    for i, row in enumerate(rows):
        texts = [c for c in row if c not in (None, "") and not _looks_numeric(str(c))]
        if len(texts) >= 2:
            return i
    return None


def _looks_numeric(s: str) -> bool:
    try:
        float(s.replace(",", ""))
    except ValueError:
        return False
    return True


def is_total_label(cell: object) -> bool:
    """合计, 总计, Total, Grand Total … (also with a trailing colon)."""
    if cell is None:
        return False
    return _is_total_text(str(cell))


@functools.lru_cache(maxsize=8192)  # asked of the first cells of every row of a report
def _is_total_text(text: str) -> bool:
    s = unicodedata.normalize("NFKC", text).casefold().strip().rstrip(":").strip()
    return " ".join(s.split()) in TOTAL_WORDS


@dataclass
class Mapping:
    """The columns a kind's fields come from, and what is missing."""

    kind: str
    columns: dict[str, int] = field(default_factory=dict)  # field → column index
    missing: list[str] = field(default_factory=list)  # required fields without a column
    explicit: set[str] = field(default_factory=set)  # fields given by --map / profile

    @property
    def complete(self) -> bool:
        return not self.missing

    def score(self) -> int:
        return len(self.columns)


class MappingProblem(Exception):
    """A --map or profile header that is not in the file (message is user-facing, in the
    user's language; ``missing_column``: the named header is not in the file)."""

    def __init__(self, message: str, *, missing_column: bool = False) -> None:
        super().__init__(message)
        self.missing_column = missing_column


def match_fields(
    kind: str, headers: Sequence[Header], explicit: dict[str, str] | None = None
) -> Mapping:
    """Map each field of ``kind`` to a column: explicit ones first, then synonyms in order."""
    mapping = Mapping(kind)
    taken: set[int] = set()
    names = {spec.name for spec in KIND_FIELDS[kind]}
    for name, header_text in (explicit or {}).items():
        if name not in names:
            raise MappingProblem(
                _("'{name}' is not a field of {kind} (fields: {fields})").format(
                    name=name, kind=kind, fields=", ".join(sorted(names))
                )
            )
        wanted = normalise_header(header_text)
        index = next(
            (i for i, h in enumerate(headers) if h.text == header_text.strip()), None
        ) or next((i for i, h in enumerate(headers) if h.key == wanted.key and h.key), None)
        if index is None:
            close = closest_headers(header_text, headers)
            hint = _("; closest: {headers}").format(headers=", ".join(close)) if close else ""
            raise MappingProblem(
                _("no column '{header}' for {name}{hint}").format(
                    header=header_text, name=name, hint=hint
                ),
                missing_column=True,
            )
        mapping.columns[name] = index
        mapping.explicit.add(name)
        taken.add(index)
    for spec in KIND_FIELDS[kind]:
        if spec.name in mapping.columns:
            continue
        for synonym_key in _SYNONYM_KEYS[kind][spec.name]:
            index = next(
                (i for i, h in enumerate(headers) if h.key == synonym_key and i not in taken),
                None,
            )
            if index is not None:
                mapping.columns[spec.name] = index
                taken.add(index)
                break
    for spec in KIND_FIELDS[kind]:
        if spec.required and spec.name not in mapping.columns:
            if spec.alternative and spec.alternative in mapping.columns:
                continue
            mapping.missing.append(spec.name)
    return mapping


def closest_headers(name: str, headers: Sequence[Header], n: int = 3) -> list[str]:
    """Headers of the file that look most like ``name`` (for 'missing field' messages)."""
    keys = {h.key: h.text for h in headers if h.key}
    found = difflib.get_close_matches(_key(name), list(keys), n=n, cutoff=0.3)
    return [keys[k] for k in found]


def closest_for_field(kind: str, name: str, headers: Sequence[Header]) -> list[str]:
    """Headers closest to any synonym of a field."""
    keys = {h.key: h.text for h in headers if h.key}
    scored: dict[str, float] = {}
    for synonym in _SYNONYM_KEYS[kind][name] + [name]:
        for key in keys:
            ratio = difflib.SequenceMatcher(None, synonym, key).ratio()
            if ratio >= 0.4:
                scored[key] = max(scored.get(key, 0.0), ratio)
    best = sorted(scored, key=lambda k: -scored[k])[:3]
    return [keys[k] for k in best]


def detect_kind(
    headers: Sequence[Header], explicit: dict[str, str] | None = None, kind: str | None = None
) -> tuple[Mapping, str]:
    """The kind whose fields the headers match best, and why (user-facing sentence).

    A kind with all required fields beats one without; then more matched fields; then the
    order of ``KIND_NAMES``. With ``kind`` given, only that kind is tried.
    """
    if kind is not None:
        mapping = match_fields(kind, headers, explicit)
        return mapping, _("{kind} as asked; {matched}").format(
            kind=kind, matched=describe(mapping, headers)
        )
    candidates: list[Mapping] = []
    missing_column: MappingProblem | None = None
    for name in KIND_NAMES:
        try:
            candidates.append(match_fields(name, headers, explicit))
        except MappingProblem as exc:
            if not explicit:
                raise
            if exc.missing_column:
                missing_column = missing_column or exc
    if not candidates:
        raise missing_column or MappingProblem(
            _("the --map fields do not all belong to one kind; give --kind as well")
        )
    best = max(candidates, key=lambda m: (m.complete, m.score()))
    reason = _("{kind}: {matched}").format(kind=best.kind, matched=describe(best, headers))
    return best, reason


def describe(mapping: Mapping, headers: Sequence[Header]) -> str:
    """``matched 10 fields (contact_id ← 'Call Id', …)``."""
    parts = [f"{name} ← '{headers[i].text}'" for name, i in mapping.columns.items()]
    if len(parts) == 1:
        return _("matched 1 field ({fields})").format(fields=parts[0])
    return _("matched {count} fields ({fields})").format(count=len(parts), fields=", ".join(parts))
