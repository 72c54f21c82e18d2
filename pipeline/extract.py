"""Outline → list[Target]: the numeric targets printed in a plan's prose.

Entry function: ``extract_targets(outline)``. ``extract_from_text(text, ...)`` runs the same
rules on one string and returns ``Figure`` rows (used by tests and notebooks).

What is read: paragraphs of kind paragraph, column, heading_runin and note. Tables and
residue are the indicator table's business (segment), front matter is metadata.

What a figure is (after folding full-width digits, ％, ．, ：, ～, 〜, － to ASCII, which keeps
offsets):

* a quantity: a number — Arabic (4500, 1.75, 4,500, ５００) or Chinese (五百, 一千二百, 两千) —
  then optionally 余/多, a scale (万 1e4, 亿 1e8, 万亿 1e12, 千万 1e7, 百万 1e6, 千 1e3), 余/多
  again, and a unit from ``lexicons/units.tsv`` (人, 名, 元, %, 个百分点 …). ``unit`` is the
  base unit ("人" for 万人), ``scale`` the multiplier, ``value = number × scale``. A unit's
  ``factor`` folds into the scale: 三成 is number 3, scale 10, unit "%", value 30.
  An Arabic number with 万/亿 and no unit (总量达到680万) is a figure with unit None, and so is
  a bare level between a weak prefix and a strong suffix (求人倍率稳定在1以上); any other
  number without a unit (years, list numbers, 100强, 112行业) is not. One space as printed may
  stand before a scale, a rate unit or, after a number of three or more characters, any unit
  (1256 万人, 134.9 万亿元, 600 公里), and between a strong prefix and the number (超过 95%).
* a range: two quantities joined by - — – ~ 至 到 (3%—5%, 5至10个, 8-10万人). The scale and
  unit printed once apply to both ends; ``number`` = low, ``number_high`` = high (in the low
  end's scale), ``value`` = low × scale (the commitment's floor).
* a ratio: Arabic numbers joined by : or ∶ (7:25:68, 2.56∶1): unit "ratio", number and value
  None, mention as printed.
* 百分之N (unit %; 百分之百 = 100), 千分之N (unit ‰), N分之M (unit "fraction", number = value =
  M/N), 翻一番 / 翻两番 / 翻倍 (unit 倍, number 2 / 4 / 2).

What is not a figure: units whose ``emit`` is "no" (年, 月, 日, 届: dates and durations such as
2021年5月31日, 5年一周期, 每两年一届; 年 with a decimal, 11.3年, is a figure); numbers right after
第 (ordinals) or a Latin letter (PM2.5, G20) or right before one (5G); zero-padded list numbers
(01, 02 in 专栏 lines); a Chinese numeral made only of scale characters (万人计划, 百万农民工,
十省百市千县) or malformed (十四五); a Chinese numeral below 100 without a scale, unless its unit
is a percent or a multiple or an infix qualifies it (六项制度, 两个大局, 二十条 name concepts;
plans print counted quantities in Arabic digits, GB/T 15835); a count that belongs to the next
figure's subject (74个国控断面水质优良比例达到95%, 6条主要河流的7个国考断面水质优良比例100%:
only the percentage is a figure; a rate never counts, 从目前的23.04%再提高超1个百分点); and anything
overlapping a pattern of ``lexicons/extract_nontargets.tsv`` (text in quotation marks and 《》,
2.0升级版, 100强, 15分钟…圈, 5岁以下儿童, clock times).

Attributes, each from its lexicon:

* qualifier / comparator (``qualifiers.tsv``): a suffix (以上, 左右) or infix (余, 多) wins over
  a prefix; a strong prefix (约, 超过, 不低于) must touch the number (or stand one light verb
  away: 至少有1所) and joins the mention when it touches; a weak one (达到, 控制在, 力争, 累计,
  年均) may stand anywhere earlier in the clause after the previous figure, stays outside the
  mention, governs a list (分别控制在5.2‰、6.6‰) and never a range.
* period / period_type / deadline_year (``periods.tsv``): the nearest cue before the figure in
  its sentence — in its own clause, or opening an earlier clause when the cue ``carries``
  (到2025年，…；每年…，其中…); a generic cue (累计, 期末) yields to a named period of the same
  type (“十四五”期间，全省累计… → 十四五期间), and a generic period_total cue borrows the year of a
  dated cue framing it. A paragraph that opens with a dated cue lends it to its sentences
  that have no dated cue of their own, and an intro paragraph (到2025年，… or …目标是：) lends
  its dated cue to the bullet paragraphs (——…, （一）…, 1.…) that follow it in its section.
  Comparison bases (比2020年, 在2020年基础上) are not time frames. ``deadline_year`` is set
  for at_date and for period_total (the period's last year).
* subject (``extract_subject.tsv`` + jieba): when the clause goes on after the figure with a
  noun phrase (培育30名左右浙江大工匠、300名…), that phrase up to its first verb; when a
  modifier with 的 follows (新建5家有特色…的专业性省级产业园), the noun after 的; otherwise the
  phrase before the figure in its clause, cut at the last linking verb (控制在, 达到) and
  trimmed of places, time cues and generic verbs (全省累计实现城镇新增就业 → 城镇新增就业), cut
  before a baseline's 从/由 and of function characters at its end (人均预期寿命从 → 人均预期寿命);
  a subject ending with a measure noun (…对全国的贡献率) is not cut at a verb inside it, and a
  link verb right before the figure keeps the subject before it (装机规模已突破10亿千瓦大关). A
  figure with nothing of its own shares the previous figure's subject in the sentence
  (…分别达到680万和1150万; 年均增长8%); A、B总量分别达到x和y gives A总量 and B总量; 占…的40%
  is prefixed with the previous subject.
* role (``extract_roles.tsv``): baseline after 从/由 or as a bracketed base-year value
  (从2020年的X提高到Y, （2020年为X）); otherwise the deadline year against the plan period (before
  it → actual, inside or after → target); then section titles (发展基础) and past-tense cues in
  the clause or its time cue (累计完成, 实现了, 2021年以来) → actual; else target. The plan
  period comes from ``meta.period`` (十四五 → 2021–2025) or the 十X五 the text cites most.
* is_cumulative: period_type period_total, 累计 in the clause, or the number printed in 〔 〕.

>>> [(f.mention, f.value, f.unit, f.comparator) for f in extract_from_text("城镇新增就业500万人以上。")]
[('500万人以上', 5000000.0, '人', 'ge')]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable, Iterator, Optional, Sequence

from pipeline.config import LEXICON_DIR
from pipeline.errors import RuleError
from pipeline.tsv import tsv_rows
from pipeline.model import Outline, Paragraph, Section, Target
from pipeline.terms import jieba, load_posseg, pos_tags, shared_tokenizer

posseg = load_posseg()          # jieba.posseg (imported faster, see terms.load_posseg)

SCANNED_KINDS = ("paragraph", "column", "heading_runin", "note")

UNITS_FILE = "units.tsv"
QUALIFIERS_FILE = "qualifiers.tsv"
PERIODS_FILE = "periods.tsv"
ROLES_FILE = "extract_roles.tsv"
NONTARGETS_FILE = "extract_nontargets.tsv"
SUBJECT_FILE = "extract_subject.tsv"

# Same-length folding, so offsets in the folded text are offsets in the paragraph text.
FOLD = str.maketrans("０１２３４５６７８９．％﹪：～〜－", "0123456789.%%:~~-")

ARABIC = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
NUMBER = re.compile(rf"(?<![0-9.])(?P<ar>{ARABIC})|(?P<cn>[{CN_CHARS}]+)")
SCALE = re.compile(r"万亿|千万|百万|亿|万|千")
SCALES = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
          "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
ALTERNATIVE_UNIT = re.compile(r"[（(]([^（）()]{1,3})[）)]")   # 47万套（间）
RANGE_SEP = re.compile(r"\s*(?:[-—–~]{1,2}|至|到)\s*")
RATIO = re.compile(r"(?<![0-9.:])[0-9]+(?:\.[0-9]+)?(?:[:∶][0-9]+(?:\.[0-9]+)?)+(?![0-9.])")
DOUBLING = re.compile(r"翻(?:了)?(?:([一两二三四五]?)番|倍)")     # 翻一番, 翻两番, 翻倍
GAP = re.compile(r"[ \u00a0]?")            # 134.9 万亿元, 超过 95%: one space as printed
PERCENT_CN = re.compile(r"([百千])分之([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
PER_BASE = {"百": "%", "千": "‰"}           # 百分之三十 → 30%, 千分之五 → 5‰
WHOLE = "百"                                  # 百分之百 → 100%
FRACTION = re.compile(r"(?<![百千万])([0-9]+|[一二两三四五六七八九十]+)分之([0-9]+|[一二两三四五六七八九十]+)")
LATIN = re.compile(r"[A-Za-z]")
ORDINAL_BEFORE = "第"
CUMULATIVE_BRACKETS = ("〔", "〕")
CUMULATIVE_WORD = "累计"
PREFIX_CONNECTORS = ("有", "为", "是", "在")  # 至少有1所: a strong prefix one word away
RESPECTIVELY = "分别"
LIST_SPLIT = re.compile(r"、|和|及|与|以及")
LIST_MARK = "、"
ETC = "等"
ENUMERATED_ITEM = 12                    # chars of the last item before 等 (辽河等)
ENUMERATED_HEAD = 4                     # chars a phrase keeps after 等 (七大重点流域…比例)

SENTENCE_BREAK = re.compile(r"[。；;！？!?]|\s(?=0?[0-9]{1,2}\s)|\s{2,}")
CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?]|(?<![0-9A-Za-z])\s(?![0-9A-Za-z])")   # 达 134.9 万亿元: no break
LEADING_ASIDE = re.compile(r"^\s*[（(][^（()）]{0,30}[）)]")
LIST_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[0-9]+[.、．](?![0-9])|[（(][一二三四五六七八九十0-9]+[）)])")
AFTER_BREAK = re.compile(r"[，,；;。：:！？!?、（）()\s|]")
TRIM_CHARS = " \t、，,\"'|:：●○■□◆◇▲△•·"
QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("《", "》"), ("（", "）"), ("(", ")"))
BULLET = re.compile(r"\s*(?:——|—|[●○■□◆◇▲△•·]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[.、．](?![0-9])"
                    r"|[一二三四五六七八九十]{1,3}是)")      # bullet paragraphs under an intro
INTRO_END = (":", "：")
OPENING_CUE_CHARS = 12                  # a paragraph "opens" with a cue within these chars
CLAUSE_INITIAL_SLACK = 2                # chars allowed before a clause-opening cue (在, 全省)
BASELINE_WINDOW = 16                    # chars before a figure tested by the baseline cue
MAX_SUBJECT_CHARS = 32
MODIFIER_MARK = "的"
SHARE_OF = "占"                         # …47万套，占住房供应总套数的40%: a share of the previous subject
MODIFIER_WINDOW = 48                    # chars searched for 的 after a figure with no subject

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10 ** 4, "亿": 10 ** 8}
SMALL_CN_LIMIT = 99                     # Chinese numerals below 100 need a scale, % or qualifier
SMALL_CN_KINDS = ("percent", "multiple")
RATE_KINDS = ("percent", "permille", "percentage_point", "multiple", "rate")
FIRST_FYP_WITH_REGULAR_YEARS = 3        # the 3rd plan started 1966; plans run 5 years since
FYP3_START = 1966
LIGHT_VERBS = ("有", "是", "为", "可", "能", "将", "已", "以")
VERBISH_POS = ("v", "vd", "vg", "p", "d", "c", "r", "y", "e", "i")   # i: 功能齐全、…

RATIO_UNIT = "ratio"
FRACTION_UNIT = "fraction"
MULTIPLE_UNIT = "倍"
PERCENT_UNIT = "%"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Figure:
    """One figure found in a text; offsets into that text."""

    mention: str
    char_start: int
    char_end: int
    number: Optional[float]
    number_high: Optional[float]
    scale: float
    unit: Optional[str]
    value: Optional[float]
    qualifier: Optional[str] = None
    comparator: Optional[str] = None
    period: Optional[str] = None
    period_type: Optional[str] = None
    deadline_year: Optional[int] = None
    subject: Optional[str] = None
    role: str = "target"
    is_cumulative: bool = False


@dataclass(frozen=True)
class Unit:
    printed: str
    canonical: str
    factor: Decimal
    kind: str
    emit: str                           # yes | no | decimal (only numbers with a fraction)

    def emits(self, number: Decimal) -> bool:
        return self.emit == "yes" or self.emit == "decimal" and number != number.to_integral_value()


@dataclass(frozen=True)
class Qualifier:
    printed: str
    position: str                       # prefix | suffix | infix
    comparator: str
    strong: bool
    scope: bool = False                 # 力争: governs the later items of its clause too


@dataclass(frozen=True)
class PeriodCue:
    pattern: re.Pattern
    period_type: str                    # annual | period_total | at_date | none
    period: str
    deadline: str
    rank: int
    carries: bool


@dataclass(frozen=True)
class RoleCue:
    scope: str                          # before | section | sentence
    pattern: re.Pattern
    role: str


@dataclass(frozen=True)
class Lexicon:
    units: dict
    unit_re: re.Pattern
    qualifiers: tuple[Qualifier, ...]
    prefixes: tuple[Qualifier, ...]     # longest first
    suffix_re: re.Pattern
    infix_re: re.Pattern
    periods: tuple[PeriodCue, ...]
    roles: tuple[RoleCue, ...]
    nontargets: tuple[re.Pattern, ...]
    lead: tuple[str, ...]
    link: tuple[str, ...]
    trail: tuple[str, ...]
    head: tuple[str, ...]
    stop: tuple[str, ...]
    edge: tuple[str, ...]               # function characters cut from a subject's end (…用户数要)
    source: tuple[str, ...]             # 从/由: a baseline starts; the subject ends before it
    measure: tuple[str, ...]            # nouns that end a measured subject (比例, 率)


@dataclass(frozen=True)
class Quantity:
    """A number with its scale, unit and infix qualifier, before any context is read."""

    start: int
    end: int
    number: Decimal
    scale: Decimal
    unit: Optional[Unit]
    infix: Optional[Qualifier]
    chinese: bool
    explicit_scale: bool


@dataclass(frozen=True)
class RawFigure:
    start: int
    end: int
    number: Optional[Decimal]
    number_high: Optional[Decimal]
    scale: Decimal
    unit: Optional[str]
    qualifier: Optional[Qualifier]


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    period_type: str
    period: str
    deadline: Optional[int]
    rank: int
    carries: bool


@dataclass(frozen=True)
class PlanPeriod:
    start: int
    end: int


# --------------------------------------------------------------------------- entry points


def extract_targets(outline: Outline) -> list[Target]:
    """Every figure in the outline's prose paragraphs, in document order, as Target rows."""
    plan = plan_period(outline)
    sections = {section.section_id: section for section in outline.sections}
    rows: list[Target] = []
    frame: Optional[tuple[Optional[str], Cue]] = None     # (section, cue) of an intro paragraph
    for paragraph in outline.paragraphs:
        if paragraph.kind not in SCANNED_KINDS:
            continue
        titles = _section_titles(paragraph.section_id, sections)
        bullet = bool(BULLET.match(paragraph.text))
        lent = frame[1] if frame and bullet and frame[0] == paragraph.section_id else None
        for figure in extract_from_text(paragraph.text, plan=plan, section_titles=titles, frame=lent):
            rows.append(_target(outline.doc_id, len(rows) + 1, paragraph, figure))
        own = _intro_frame(paragraph.text, plan)
        if own is not None:
            frame = (paragraph.section_id, own)
        elif lent is None:
            frame = None
    return rows


def extract_from_text(text: str, plan: Optional[PlanPeriod] = None,
                      section_titles: Sequence[str] = (), frame: Optional[Cue] = None) -> list[Figure]:
    """Figures in one paragraph of Simplified text, with their context attributes.

    ``frame`` is the time frame of an intro paragraph (到2025年，…：) that this bullet
    paragraph (——…, （一）…) continues; it applies where no cue of the paragraph does."""
    lex = lexicon()
    folded = text.translate(FOLD)
    raws = _scan(folded, lex)
    cues = _cues(folded, lex, plan)
    cue_starts = [c.start for c in cues]
    figures: list[Figure] = []
    previous: Optional[tuple[RawFigure, Optional[str]]] = None
    previous_qualifier: Optional[Qualifier] = None
    for index, raw in enumerate(raws):
        floor = previous[0].end if previous else 0
        mention_start, qualifier = _with_prefix(folded, raw, floor, lex)
        if qualifier is None and previous_qualifier is not None and raw.number_high is None:
            qualifier = _inherited(_gap(folded, previous[0], mention_start, lex), previous_qualifier, lex)
        previous_qualifier = qualifier
        next_start = raws[index + 1].start if index + 1 < len(raws) else len(folded)
        subject = _subject(folded, raw, mention_start, next_start, previous, lex)
        cue = _cue_for(folded, mention_start, cues, cue_starts) or frame
        role = _role(folded, mention_start, cue, plan, section_titles, lex)
        figures.append(_figure(text, folded, raw, mention_start, qualifier, cue, subject, role))
        previous = (raw, subject)
    return _distribute(folded, figures, lex)


def _intro_frame(text: str, plan: Optional[PlanPeriod]) -> Optional[Cue]:
    """The dated cue an intro paragraph lends to the bullet paragraphs after it: one that opens
    the paragraph (到2025年，…), or the last one of a paragraph ending with a colon (…目标是：)."""
    folded = text.translate(FOLD)
    dated = [c for c in _cues(folded, lexicon(), plan) if c.rank == 1 and c.deadline is not None]
    opening = [c for c in dated if c.start < OPENING_CUE_CHARS and _clause_initial(folded, c)]
    if opening:
        return opening[0]
    if folded.rstrip().endswith(INTRO_END) and dated:
        return dated[-1]
    return None


def plan_period(outline: Outline) -> Optional[PlanPeriod]:
    """The document's own plan period: meta.period, else the 十X五 its text cites most."""
    declared = _period_from_label(outline.doc.raw.meta.period or "")
    if declared:
        return declared
    counts: Counter = Counter()
    for paragraph in outline.paragraphs:
        counts.update(FYP_NAME.findall(paragraph.text))
    if not counts:
        return None
    digit = max(counts, key=lambda d: (counts[d], CN_DIGITS[d]))
    return _fyp(10 + CN_DIGITS[digit])


# --------------------------------------------------------------------------- scanning


def _scan(s: str, lex: Lexicon) -> list[RawFigure]:
    """All figures of the folded text, left to right, not overlapping."""
    blocked = _blocked_spans(s, lex)
    found = [f for f in _special_figures(s) if not blocked.overlaps(f.start, f.end)]
    taken = _Claimed(len(s))
    for figure in found:
        taken.claim(figure.start, figure.end)
    pos = 0
    while True:
        match = NUMBER.search(s, pos)
        if match is None:
            break
        if taken.overlaps(match.start(), match.end()):
            pos = match.end()
            continue
        figure = _ratio(s, match.start()) or _quantity_figure(s, match, lex)
        if figure is None:
            pos = match.end()
            continue
        pos = max(figure.end, match.end())
        if not blocked.overlaps(figure.start, figure.end):
            found.append(figure)
    found.sort(key=lambda f: f.start)
    kept: list[RawFigure] = []
    for figure in reversed(found):             # 6条主要河流的7个国考断面…比例100%: both describe it
        if not kept or not _describes(s, figure, kept[-1], lex):
            kept.append(figure)
    return kept[::-1]


def _describes(s: str, figure: RawFigure, following: RawFigure, lex: Lexicon) -> bool:
    """74个国控断面水质优良比例达到95%: the first figure is part of the second one's subject."""
    gap = s[figure.end:following.start].rstrip(" \u00a0")
    prefix = next((q.printed for q in lex.prefixes if q.strong and gap.endswith(q.printed)), "")
    gap = gap[:len(gap) - len(prefix)]
    if AFTER_BREAK.search(gap) or figure.unit == following.unit or figure.unit in _rate_units():
        return False                             # 从目前的23.04%再提高超1个百分点: two measures
    if following.unit == PERCENT_UNIT and gap.endswith(lex.measure) and len(gap) > 1:
        return True                              # 7个国考断面水质优良比例100%
    return any(at > 0 for word in lex.link if len(word) > 1 for at in [gap.find(word)])


@lru_cache(maxsize=1)
def _rate_units() -> frozenset[str]:
    """Canonical units of rates and shares: such a figure never counts the next one's subject."""
    rates = {u.canonical for u in lexicon().units.values() if u.kind in RATE_KINDS}
    return frozenset(rates | {RATIO_UNIT, FRACTION_UNIT})


def _special_figures(s: str) -> Iterator[RawFigure]:
    for match in DOUBLING.finditer(s):
        times = CN_DIGITS.get(match.group(1), 1) if match.group(1) else 1
        yield RawFigure(match.start(), match.end(), Decimal(2) ** times, None, Decimal(1),
                        MULTIPLE_UNIT, None)
    for match in PERCENT_CN.finditer(s):
        base, printed = match.groups()
        number = Decimal(100) if base == "百" and printed == WHOLE else _decimal_or_cn(printed)
        if number is not None:
            yield RawFigure(match.start(), match.end(), number, None, Decimal(1), PER_BASE[base], None)
    for match in FRACTION.finditer(s):
        denominator = _decimal_or_cn(match.group(1))
        numerator = _decimal_or_cn(match.group(2))
        if denominator and numerator is not None:
            yield RawFigure(match.start(), match.end(), numerator / denominator, None, Decimal(1),
                            FRACTION_UNIT, None)


def _ratio(s: str, start: int) -> Optional[RawFigure]:
    match = RATIO.match(s, start)
    if match is None or _latin_beside(s, match.start(), match.end()):
        return None
    return RawFigure(match.start(), match.end(), None, None, Decimal(1), RATIO_UNIT, None)


def _quantity_figure(s: str, match: re.Match, lex: Lexicon) -> Optional[RawFigure]:
    low = _quantity(s, match, lex)
    if low is None:
        return None
    high = _range_end(s, low, lex)
    if high is not None:
        return _range_figure(low, high)
    if not _is_figure(low) and not _bare_level(s, low, lex):
        return None
    return RawFigure(low.start, low.end, low.number, None, low.scale,
                     low.unit.canonical if low.unit else None, low.infix)


def _quantity(s: str, match: re.Match, lex: Lexicon) -> Optional[Quantity]:
    """Number, 余/多, scale, 余/多, unit starting at a NUMBER match; None when not a number."""
    start, pos = match.start(), match.end()
    if start > 0 and s[start - 1] == ORDINAL_BEFORE:
        return None
    if match.group("ar"):
        text = match.group("ar")
        if _latin_beside(s, start, pos) or (len(text) > 1 and text[0] == "0" and text[1] != "."):
            return None
        number, scale, chinese = Decimal(text.replace(",", "")), Decimal(1), False
    else:
        parsed = _cn_number(match.group("cn")) or _bare_scale(s, match, lex)
        if parsed is None:
            return None
        number, scale = parsed
        chinese = True
    explicit_scale = scale != 1
    infix = _infix_at(s, pos, lex)
    if infix:
        pos += len(infix.printed)
    pos = _spaced(s, start, pos, lex)
    unit = _unit_at(s, pos, lex)
    if unit is None:
        scale_match = SCALE.match(s, pos)
        if scale_match:
            scale *= SCALES[scale_match.group()]
            explicit_scale = True
            pos = scale_match.end()
            if infix is None:
                infix = _infix_at(s, pos, lex)
                if infix:
                    pos += len(infix.printed)
            unit = _unit_at(s, pos, lex)
    if unit is not None:
        pos += len(unit.printed)
        scale *= unit.factor
        alternative = ALTERNATIVE_UNIT.match(s, pos)
        if alternative and alternative.group(1) in lex.units:
            pos = alternative.end()
    return Quantity(start, pos, number, scale, unit, infix, chinese, explicit_scale)


def _bare_scale(s: str, match: re.Match, lex: Lexicon) -> Optional[tuple[Decimal, Decimal]]:
    """超千万, 近百万: a scale word alone is one of it when a strong prefix touches it."""
    run = match.group("cn")
    if run not in SCALES or not any(s[:match.start()].endswith(q.printed) for q in lex.prefixes if q.strong):
        return None
    return Decimal(1), SCALES[run]


def _spaced(s: str, start: int, pos: int, lex: Lexicon) -> int:
    """Skip one space before a scale (1256 万人), a rate unit (5 %) or, after a number of three
    or more characters, any unit (134.9 亿元, 600 公里); a list number (1 人才…) stays bare."""
    gap = GAP.match(s, pos).end()
    if gap == pos:
        return pos
    unit = _unit_at(s, gap, lex)
    if (SCALE.match(s, gap) or unit is not None and (unit.kind in RATE_KINDS or pos - start >= 3)):
        return gap
    return pos


def _is_figure(q: Quantity) -> bool:
    if q.unit is not None and not q.unit.emits(q.number):
        return False
    if q.unit is None:
        return q.scale >= SCALES["万"]
    if q.chinese and not q.explicit_scale and q.number <= SMALL_CN_LIMIT:
        return q.unit.kind in SMALL_CN_KINDS or q.infix is not None
    return True


def _bare_level(s: str, q: Quantity, lex: Lexicon) -> bool:
    """稳定在1以上: an Arabic number without unit between a weak prefix and a strong suffix."""
    if q.unit is not None or q.chinese or q.scale != 1:
        return False
    suffix = _suffix_at(s, q.end, lex)
    before = s[:q.start]
    return (suffix is not None and suffix.strong
            and any(before.endswith(p.printed) for p in lex.prefixes if not p.strong))


def _range_end(s: str, low: Quantity, lex: Lexicon) -> Optional[Quantity]:
    sep = RANGE_SEP.match(s, low.end)
    if sep is None:
        return None
    match = NUMBER.match(s, sep.end())
    if match is None:
        return None
    high = _quantity(s, match, lex)
    if high is None or high.unit is None and not high.explicit_scale:
        return None
    if high.unit is not None and not high.unit.emits(high.number):
        return None
    if low.unit is not None and (high.unit is None or low.unit.canonical != high.unit.canonical):
        return None
    if high.number < low.number and not (low.explicit_scale or high.explicit_scale):
        return None
    return high


def _range_figure(low: Quantity, high: Quantity) -> RawFigure:
    scale = low.scale if low.explicit_scale or low.unit else high.scale
    high_number = high.number * high.scale / scale
    unit = high.unit.canonical if high.unit else None
    return RawFigure(low.start, high.end, low.number, high_number, scale, unit,
                     high.infix or low.infix)


def _unit_at(s: str, pos: int, lex: Lexicon) -> Optional[Unit]:
    match = lex.unit_re.match(s, pos)
    return lex.units[match.group()] if match else None


def _infix_at(s: str, pos: int, lex: Lexicon) -> Optional[Qualifier]:
    match = lex.infix_re.match(s, pos)
    return _qualifier(lex, match.group(), "infix") if match else None


def _latin_beside(s: str, start: int, end: int) -> bool:
    before = s[start - 1] if start > 0 else ""
    after = s[end] if end < len(s) else ""
    return bool(LATIN.match(before) or LATIN.match(after))


def _blocked_spans(s: str, lex: Lexicon) -> "_Claimed":
    blocked = _Claimed(len(s))
    for pattern in lex.nontargets:
        for match in pattern.finditer(s):
            blocked.claim(match.start(), match.end())
    return blocked


class _Claimed:
    """Character positions of a text already taken by some match.

    A mask rather than a list of spans: an overlap test costs the length of the span, not
    the number of earlier matches (millions in a pathological single-line file)."""

    def __init__(self, length: int):
        self.mask = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) != -1

    def claim(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)


# --------------------------------------------------------------------------- Chinese numerals


def _cn_number(run: str) -> Optional[tuple[Decimal, Decimal]]:
    """(number, scale) of a Chinese numeral: 五百万 → (500, 1e4); None when malformed."""
    total = _cn_value(run)
    if total is None:
        return None
    if run.endswith("万亿"):
        scale = SCALES["万亿"]
    elif run.endswith("亿"):
        scale = SCALES["亿"]
    elif run.endswith("万"):
        scale = SCALES["万"]
    else:
        scale = Decimal(1)
    return Decimal(total) / scale, scale


def _cn_value(run: str) -> Optional[int]:
    """Integer value of a Chinese numeral; None for names like 十四五, 十百千万, 百万."""
    if all(c in CN_DIGITS for c in run):
        if len(run) == 1:
            return CN_DIGITS[run]
        return int("".join(str(CN_DIGITS[c]) for c in run)) if "〇" in run else None
    total, section, digit, last_small, has_digit = 0, 0, None, 10 ** 9, False
    for char in run:
        if char in CN_DIGITS:
            if digit is not None and CN_DIGITS[char] != 0 and digit != 0:
                return None
            digit = CN_DIGITS[char]
            has_digit = True
        elif char in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[char]
            if unit >= last_small:
                return None
            if digit is None:
                if char != "十" or section:
                    return None
                digit = 1
            section += digit * unit
            digit, last_small = None, unit
        else:
            if section == 0 and not digit and total == 0:
                return None
            big = CN_BIG_UNITS[char]
            if big == CN_BIG_UNITS["亿"]:
                total = (total + section + (digit or 0)) * big
            else:
                total += (section + (digit or 0)) * big
            section, digit, last_small = 0, None, 10 ** 9
    value = total + section + (digit or 0)
    return value if has_digit or "十" in run else None


def _decimal_or_cn(text: str) -> Optional[Decimal]:
    if text[0].isascii():
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    whole, _, fraction = text.partition("点")
    value = _cn_value(whole)
    if value is None or any(c not in CN_DIGITS for c in fraction):
        return None
    digits = "".join(str(CN_DIGITS[c]) for c in fraction)
    return Decimal(f"{value}.{digits}") if digits else Decimal(value)


# --------------------------------------------------------------------------- qualifiers


def _with_prefix(s: str, raw: RawFigure, floor: int,
                 lex: Lexicon) -> tuple[int, Optional[Qualifier]]:
    """Mention start (a touching strong prefix joins it) and the figure's qualifier.

    ``floor`` is the end of the previous figure: a weak qualifier is looked for after it."""
    suffix = None if raw.qualifier else _suffix_at(s, raw.end, lex)
    qualifier = raw.qualifier or suffix
    before = s[:raw.start]
    spaced = before.rstrip(" \u00a0")
    strong = (q.printed for q in lex.prefixes if q.strong)
    if len(before) - len(spaced) == 1 and any(spaced.endswith(printed) for printed in strong):
        before = spaced                         # 超过 95%: the space joins the mention
    touching = next((q for q in lex.prefixes if before.endswith(q.printed)), None)
    start = len(before) - len(touching.printed) if touching and touching.strong else raw.start
    if touching is None and before[-1:] in PREFIX_CONNECTORS:
        touching = next((q for q in lex.prefixes if q.strong and before[:-1].endswith(q.printed)), None)
    if qualifier is None and raw.number_high is None:
        qualifier = touching or _weak_in_clause(before.rstrip(" \u00a0"), floor, lex)
    elif qualifier is None and touching is not None and touching.strong:
        qualifier = touching
    return start, qualifier


def _inherited(gap: str, previous: Qualifier, lex: Lexicon) -> Optional[Qualifier]:
    """分别达到680万和1150万, 分别突破8.5万亿元、13万元: a prefix governs the list after it;
    力争实现A 60%、B 98%: a scope qualifier governs the items of its clause."""
    if previous.position == "prefix" and _only_joiners(gap, lex):
        return previous
    if previous.scope and not CLAUSE_BREAK.search(gap) and not any(
            word in gap for word in lex.link if len(word) > 1):
        return previous
    return None


def _suffix_match(s: str, pos: int, lex: Lexicon) -> Optional[re.Match]:
    """A suffix qualifier right after ``pos`` or after one space (4.5% 以内)."""
    return lex.suffix_re.match(s, GAP.match(s, pos).end()) or lex.suffix_re.match(s, pos)


def _suffix_at(s: str, pos: int, lex: Lexicon) -> Optional[Qualifier]:
    match = _suffix_match(s, pos, lex)
    return _qualifier(lex, match.group(), "suffix") if match else None


def _weak_in_clause(before: str, floor: int, lex: Lexicon) -> Optional[Qualifier]:
    clause = before[max(floor, _last_break(before, CLAUSE_BREAK)):]
    clause = clause[clause.rfind(LIST_MARK) + 1:]    # 地表水达到或好于Ⅲ类水体比例、…等4项: not 达到
    bounds = _boundaries(clause)
    best: Optional[tuple[int, int, Qualifier]] = None
    for q in lex.prefixes:
        if q.strong:
            continue
        at = clause.rfind(q.printed)
        if at < 0 or at not in bounds or at + len(q.printed) not in bounds:
            continue
        if best is None or (at, len(q.printed)) > best[:2]:
            best = (at, len(q.printed), q)
    return best[2] if best else None


def _qualifier(lex: Lexicon, printed: str, position: str) -> Optional[Qualifier]:
    return next((q for q in lex.qualifiers if q.printed == printed and q.position == position), None)


# --------------------------------------------------------------------------- periods


def _cues(s: str, lex: Lexicon, plan: Optional[PlanPeriod]) -> list[Cue]:
    cues: list[Cue] = []
    taken = _Claimed(len(s))
    for row in lex.periods:
        for match in row.pattern.finditer(s):
            if taken.overlaps(match.start(), match.end()):
                continue
            taken.claim(match.start(), match.end())
            if row.period_type == "none":
                continue
            cues.append(Cue(match.start(), match.end(), row.period_type,
                            _fill(row.period, match), _deadline(row.deadline, match, plan),
                            row.rank, row.carries))
    cues.sort(key=lambda c: c.start)
    return cues


def _fill(template: str, match: re.Match) -> str:
    return re.sub(r"\{(\d)\}", lambda m: _arabic_year(match.group(int(m.group(1))) or ""), template)


def _arabic_year(text: str) -> str:
    """二〇二〇 → 2020; anything else unchanged."""
    if len(text) == 4 and all(c in CN_DIGITS for c in text):
        return "".join(str(CN_DIGITS[c]) for c in text)
    return text


def _deadline(spec: str, match: re.Match, plan: Optional[PlanPeriod]) -> Optional[int]:
    if not spec:
        return None
    if spec == "plan":
        return plan.end if plan else None
    if spec.startswith("fyp:"):
        digit = _fill(spec[len("fyp:"):], match)
        return _fyp(10 + CN_DIGITS[digit]).end if digit in CN_DIGITS else None
    year = _fill(spec, match)
    return int(year) if year.isascii() and year.isdigit() else None


def _cue_for(s: str, start: int, cues: Sequence[Cue], starts: Sequence[int]) -> Optional[Cue]:
    """The time frame of a figure at ``start``: see the module docstring.

    ``cues`` are sorted by start, ``starts`` are their starts: only the cues of the figure's
    sentence and of the paragraph's opening are looked at (linear time on huge paragraphs)."""
    sentence_start = _last_break(s, SENTENCE_BREAK, start)
    sentence_end = _sentence_end(s, start)
    clause_start = _last_break(s, CLAUSE_BREAK, start)
    sentence = cues[bisect_left(starts, sentence_start):bisect_left(starts, sentence_end)]
    head = cues[:bisect_left(starts, OPENING_CUE_CHARS)]
    before = [c for c in sentence if c.end <= start
              and (c.start >= clause_start or c.carries and _clause_initial(s, c))]
    own_dated = any(c.rank == 1 for c in sentence)
    opening = [c for c in head if c.rank == 1 and c.end <= start
               and _clause_initial(s, c) and not own_dated]
    if not before:
        return opening[0] if opening else None
    chosen = before[-1]
    framing = [c for c in before + opening if c.rank == 1]
    if chosen.rank > 1:
        named = [c for c in framing if c.period_type == chosen.period_type]
        if named:
            return max(named, key=lambda c: c.start)
    if chosen.deadline is None and chosen.period_type == "period_total":
        dated = [c for c in framing if c.deadline is not None and c.start < chosen.start]
        if dated:
            chosen = replace(chosen, deadline=max(dated, key=lambda c: c.start).deadline)
    return chosen


def _sentence_end(s: str, start: int) -> int:
    stop = min(len(s), start + BREAK_LOOKBACK)
    match = SENTENCE_BREAK.search(s, start, stop)
    return match.start() if match else stop


def _clause_initial(s: str, cue: Cue) -> bool:
    """A cue opening its clause (“十四五”期间，… / 到2025年，…) frames the clauses after it."""
    head = s[_last_break(s, CLAUSE_BREAK, cue.start):cue.start].strip(TRIM_CHARS)
    return len(head) <= CLAUSE_INITIAL_SLACK


def _fyp(number: int) -> PlanPeriod:
    """Years of the n-th five-year plan (十四五 = 14th: 2021–2025)."""
    start = FYP3_START + 5 * (number - FIRST_FYP_WITH_REGULAR_YEARS)
    return PlanPeriod(start, start + 4)


FYP_NAME = re.compile(r"十([一二三四五六七八九])五")
YEAR_SPAN = re.compile(r"((?:19|20)[0-9]{2})\D{1,3}((?:19|20)[0-9]{2})")


def _period_from_label(label: str) -> Optional[PlanPeriod]:
    match = FYP_NAME.search(label)
    if match:
        return _fyp(10 + CN_DIGITS[match.group(1)])
    match = YEAR_SPAN.search(label)
    return PlanPeriod(int(match.group(1)), int(match.group(2))) if match else None


# --------------------------------------------------------------------------- role


def _role(s: str, start: int, cue: Optional[Cue], plan: Optional[PlanPeriod],
          section_titles: Sequence[str], lex: Lexicon) -> str:
    window = s[max(0, start - BASELINE_WINDOW):start]
    for role_cue in lex.roles:
        if role_cue.scope == "before" and role_cue.pattern.search(window):
            return role_cue.role
    if cue is not None and cue.deadline is not None and plan is not None:
        return "actual" if cue.deadline < plan.start else "target"
    clause = s[_last_break(s, CLAUSE_BREAK, start):start]
    if cue is not None:
        clause = s[cue.start:cue.end] + " " + clause
    for role_cue in lex.roles:
        if role_cue.scope == "section" and any(role_cue.pattern.search(t) for t in section_titles):
            return role_cue.role
        if role_cue.scope == "clause" and role_cue.pattern.search(clause):
            return role_cue.role
    return "target"


# --------------------------------------------------------------------------- subject


def _subject(s: str, raw: RawFigure, mention_start: int, next_start: int,
             previous: Optional[tuple[RawFigure, Optional[str]]], lex: Lexicon) -> Optional[str]:
    after = _after_phrase(s, raw, next_start, lex)
    if after and _linked(s, raw.start, lex):
        after = ""                              # 装机规模已突破10亿千瓦大关: 大关 is no subject
    if after and _is_noun_phrase(after, lex):
        subject = _trim(_cut_at_stop(after, lex), lex, lead=False)
        if subject:
            return subject[:MAX_SUBJECT_CHARS]
    if after:
        modified = _modified_noun(s, raw, next_start, within_clause=True)
        if modified:
            return modified
    clause_start = _last_break(s, CLAUSE_BREAK, len(s[:mention_start].rstrip(" \u00a0")))
    if previous is not None and previous[0].end > clause_start:
        clause_start = previous[0].end
        clause_start += len(_suffix_text(s, clause_start, lex))
    before = s[clause_start:mention_start]
    subject = _before_subject(before, lex)
    if (not subject and clause_start > 1 and s[clause_start - 1] == " " and s[clause_start - 2] != " "
            and before.strip(TRIM_CHARS) in lex.link):
        wider = _last_break(s, CLAUSE_BREAK, clause_start - 1)   # 床位数 达到35-40张 (PDF line break)
        if previous is None or previous[0].end <= wider:
            subject = _before_subject(s[wider:mention_start], lex)
    in_sentence = previous is not None and previous[0].end >= _last_break(s, SENTENCE_BREAK, mention_start)
    if subject and subject.startswith(SHARE_OF) and in_sentence and previous[1]:
        subject = previous[1].split(SHARE_OF)[0] + subject   # 制造业增加值占GDP比重…，占全球比重
    if subject and in_sentence and previous[1] and _is_bare_verb(subject):
        subject = previous[1]                 # 新增城镇就业300万人，年均新增60万人
    if subject:
        return subject[-MAX_SUBJECT_CHARS:]
    if in_sentence:
        return previous[1]
    return _modified_noun(s, raw, next_start)


def _linked(s: str, mention_start: int, lex: Lexicon) -> bool:
    """The figure is the complement of a link verb printed right before it (…突破10亿千瓦…)."""
    before = s[max(0, mention_start - 4):mention_start]
    return any(before.endswith(word) for word in lex.link if len(word) > 1)


def _modified_noun(s: str, raw: RawFigure, next_start: int,
                   within_clause: bool = False) -> Optional[str]:
    """新建5家有特色、有活力、有效益的专业性省级产业园: the noun after the modifiers' 的."""
    end = min(next_start, len(s))
    stop = SENTENCE_BREAK.search(s, raw.end, end)
    window = s[raw.end:stop.start() if stop else end][:MODIFIER_WINDOW]
    at = window.find(MODIFIER_MARK)
    if at < 0 or within_clause and CLAUSE_BREAK.search(window, 0, at):
        return None
    tail = window[at + 1:]
    cut = AFTER_BREAK.search(tail)
    noun = tail[:cut.start() if cut else len(tail)].strip(TRIM_CHARS)
    noun = _cut_at_cue(noun, lexicon())       # 52.7%的总体近视率每年降… → 总体近视率
    return noun[:MAX_SUBJECT_CHARS] or None


def _distribute(s: str, figures: list[Figure], lex: Lexicon) -> list[Figure]:
    """A、B总量分别达到x和y: give each figure of the run its own list item as subject."""
    out = list(figures)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].subject == out[i].subject:
            j += 1
        items = _respective_items(s, out[i], j - i + 1, lex)
        if items:
            for k, item in enumerate(items):
                out[i + k] = replace(out[i + k], subject=item)
        i = j + 1
    return out


def _respective_items(s: str, first: Figure, count: int, lex: Lexicon) -> Optional[list[str]]:
    subject = first.subject
    if count < 2 or not subject:
        return None
    clause = s[_last_break(s, SENTENCE_BREAK, first.char_start):first.char_start]
    if RESPECTIVELY not in clause[clause.rfind(subject) + len(subject):] if subject in clause else True:
        return None
    items = [item for item in LIST_SPLIT.split(subject) if item]
    if len(items) != count:
        return None
    head = next((h for h in lex.head if items[-1].endswith(h) and items[-1] != h), None)
    if head and not any(item.endswith(head) for item in items[:-1]):
        items = [item + head for item in items[:-1]] + [items[-1]]
    return items


def _after_phrase(s: str, raw: RawFigure, next_start: int, lex: Lexicon) -> str:
    pos = raw.end + len(_suffix_text(s, raw.end, lex))
    stop = AFTER_BREAK.search(s, pos)
    end = min(stop.start() if stop else len(s), max(pos, next_start))
    return s[pos:end]


def _cut_at_cue(phrase: str, lex: Lexicon) -> str:
    cuts = [m.start() for row in lex.periods for m in [row.pattern.search(phrase)] if m and m.start() > 0]
    return phrase[:min(cuts)] if cuts else phrase


def _cut_at_stop(phrase: str, lex: Lexicon) -> str:
    """The noun phrase printed after a figure ends at the first verb of the stop or lead lists."""
    bounds = _boundaries(phrase)
    cuts = [at for word in lex.stop for at in [phrase.find(word)] if at >= 0 and at in bounds]
    cuts += [at for word in lex.lead if len(word) > 1
             for at in [phrase.find(word)] if at > 0 and at in bounds]
    return phrase[:min(cuts)] if cuts else phrase


def _suffix_text(s: str, pos: int, lex: Lexicon) -> str:
    match = _suffix_match(s, pos, lex)
    return s[pos:match.end()] if match else ""


def _before_subject(before: str, lex: Lexicon) -> str:
    phrase = LIST_NUMBER.sub("", LEADING_ASIDE.sub("", before)).strip(TRIM_CHARS)
    if _only_joiners(phrase, lex):
        return ""
    phrase = _trim_trail(phrase, lex)
    start = _last_from(phrase, lex)
    if start:
        phrase = _trim_trail(phrase[:start], lex)   # 城镇调查失业率从年初的6.2%
    phrase = _after_framed(phrase, lex)
    cut = _last_link(phrase, lex)
    if cut is not None and LIST_MARK in phrase[cut[1]:]:
        phrase = phrase[phrase.rindex(LIST_MARK) + 1:]   # …与经济增长基本同步、粮食产量500亿斤
    elif cut is not None:
        left = _trim(phrase[:cut[0]], lex)
        phrase = left if left else phrase[cut[1]:]
    return _trim(_after_enumeration(phrase), lex)


def _after_framed(phrase: str, lex: Lexicon) -> str:
    """河南将“十四五”期间的地区生产总值年均增速 → 地区生产总值年均增速; 城镇累计新增就业 → 城镇新增就业."""
    ends = [m.end() for row in lex.periods if row.rank == 1 for m in row.pattern.finditer(phrase)
            if phrase.startswith(MODIFIER_MARK, m.end())]
    if ends:
        phrase = phrase[max(ends) + 1:]
    at = phrase.find(CUMULATIVE_WORD)
    if at > 0 and at in _boundaries(phrase):
        phrase = phrase[:at] + phrase[at + len(CUMULATIVE_WORD):]
    return phrase


def _after_enumeration(phrase: str) -> str:
    """长江、黄河、…、辽河等七大重点流域水质优良比例 → 七大重点流域水质优良比例."""
    at = phrase.rfind(ETC)
    mark = phrase.rfind(LIST_MARK, 0, at)
    rest = phrase[at + 1:]
    if mark < 0 or at - mark - 1 > ENUMERATED_ITEM or len(rest) < ENUMERATED_HEAD or LIST_MARK in rest:
        return phrase
    return rest


def _last_from(phrase: str, lex: Lexicon) -> int:
    """Start of the last 从/由 that opens a baseline inside the phrase (0 when none)."""
    bounds = _boundaries(phrase)
    found = [at for word in lex.source for at in [phrase.rfind(word)]
             if at > 0 and at in bounds and at + len(word) in bounds]
    return max(found, default=0)


def _last_link(phrase: str, lex: Lexicon) -> Optional[tuple[int, int]]:
    bounds = _boundaries(phrase)
    best: Optional[tuple[int, int]] = None
    for word in lex.link:
        at = phrase.rfind(word)
        closing = len(word) > 1 and at + len(word) == len(phrase)   # 比例控制|在: jieba joins them
        if at < 0 or not closing and (at not in bounds or at + len(word) not in bounds):
            continue
        if phrase.endswith(lex.measure) and at + len(word) < len(phrase):
            continue                            # 就业增长对全国的贡献率: a measure noun, no cut
        if len(word) == 1 and at + 1 != len(phrase):
            continue
        if best is None or (at + len(word), -at) > (best[1], -best[0]):
            best = (at, at + len(word))         # 比例下降: 下降, not 降
    return best


def _trim(phrase: str, lex: Lexicon, lead: bool = True) -> str:
    phrase = phrase.strip(TRIM_CHARS)
    if lead:
        phrase = _trim_lead(phrase, lex)
    return _balance_quotes(_trim_trail(phrase, lex).strip(TRIM_CHARS))


def _balance_quotes(phrase: str) -> str:
    """Drop a quotation mark or bracket left alone at an edge: “双一流”建设高校 stays,
    高校” → 高校, （2020年 → 2020年."""
    for opening, closing in QUOTE_PAIRS:
        if phrase.startswith(opening) and closing not in phrase:
            phrase = phrase[1:]
        if phrase.endswith(closing) and opening not in phrase:
            phrase = phrase[:-1]
    return phrase.strip(TRIM_CHARS)


def _trim_lead(phrase: str, lex: Lexicon) -> str:
    changed = True
    while phrase and changed:
        changed = False
        phrase = phrase.strip(TRIM_CHARS)
        cue_end = _leading_cue_end(phrase, lex)
        if cue_end:
            phrase, changed = phrase[cue_end:], True
            continue
        bounds = _boundaries(phrase)
        for word in lex.lead:
            if phrase.startswith(word) and len(word) in bounds:
                phrase, changed = phrase[len(word):], True
                break
    return phrase


def _trim_trail(phrase: str, lex: Lexicon) -> str:
    changed = True
    while phrase and changed:
        changed = False
        phrase = phrase.strip(TRIM_CHARS)
        cue_start = _trailing_cue_start(phrase, lex)
        if cue_start:
            phrase, changed = phrase[:cue_start], True
            continue
        bounds = _boundaries(phrase)
        for word in lex.trail:
            cut = len(phrase) - len(word)
            if phrase.endswith(word) and cut in bounds and cut > 0:
                phrase, changed = phrase[:cut], True
                break
        else:
            edge = next((w for w in lex.edge if phrase.endswith(w) and len(phrase) > len(w)), None)
            if edge:
                phrase, changed = phrase[:-len(edge)], True
    return phrase


def _leading_cue_end(phrase: str, lex: Lexicon) -> int:
    for row in lex.periods:
        match = row.pattern.match(phrase)
        if match and match.end() > 0:
            return match.end()
    return 0


def _trailing_cue_start(phrase: str, lex: Lexicon) -> int:
    for row in lex.periods:
        for match in row.pattern.finditer(phrase):
            if match.end() == len(phrase) and match.start() > 0:
                return match.start()
    return 0


def _gap(s: str, previous: RawFigure, start: int, lex: Lexicon) -> str:
    """Text between two figures, without the first one's suffix and bracketed asides."""
    gap = s[previous.end:start]
    suffix = lex.suffix_re.match(gap)
    if suffix:
        gap = gap[suffix.end():]
    return LEADING_ASIDE.sub("", gap)


def _only_joiners(before: str, lex: Lexicon) -> bool:
    rest = before.strip(TRIM_CHARS)
    return rest == "" or rest in lex.lead and rest in lex.trail


def _is_noun_phrase(phrase: str, lex: Lexicon) -> bool:
    """见习岗位, 浙江大工匠, 高层次紧缺急需人才培养: yes; 实现就业, 有特色, 功能齐全: no."""
    tokens = list(_pos_tokenizer().cut(phrase))
    if not tokens:
        return False
    if not _verbish(tokens[0].flag):
        return True
    if tokens[0].word in lex.stop + lex.lead + LIGHT_VERBS:
        return False
    return not _verbish(tokens[-1].flag) and not tokens[-1].flag.startswith("a")


def _is_bare_verb(phrase: str) -> bool:
    tokens = list(_pos_tokenizer().cut(phrase))
    return len(tokens) == 1 and tokens[0].flag == "v"


def _verbish(flag: str) -> bool:
    return flag in VERBISH_POS or flag.startswith("u")


@lru_cache(maxsize=4096)
def _boundaries(phrase: str) -> frozenset[int]:
    """Word boundaries (jieba, no HMM) of a phrase: where a lexicon word may start or end."""
    bounds, pos = {0}, 0
    for word in _pos_tokenizer().tokenizer.cut(phrase, HMM=False):
        pos += len(word)
        bounds.add(pos)
    return frozenset(bounds)


@lru_cache(maxsize=1)
def _pos_tokenizer() -> "posseg.POSTokenizer":
    """Part-of-speech tagging over the terms stage's tokenizer (policy user dictionary).

    Sharing it saves loading jieba's dictionary a second time (over a second per process);
    the tag table is shared with the default POS tokenizer instead of re-read from disk.
    """
    return _SharedPOSTokenizer(shared_tokenizer())


class _SharedPOSTokenizer(posseg.POSTokenizer):
    def __init__(self, tokenizer: jieba.Tokenizer):  # noqa: D107 - see _pos_tokenizer
        self.tokenizer = tokenizer
        self.word_tag_tab = pos_tags()


# --------------------------------------------------------------------------- assembling


def _figure(text: str, folded: str, raw: RawFigure, start: int, qualifier: Optional[Qualifier],
            cue: Optional[Cue], subject: Optional[str], role: str) -> Figure:
    end = raw.end
    if qualifier is not None and qualifier.position == "suffix":
        end += len(_suffix_text(folded, raw.end, lexicon()))
    value = None if raw.number is None else float(raw.number * raw.scale)
    clause = folded[_last_break(folded, CLAUSE_BREAK, raw.start):raw.start]
    cumulative = (cue is not None and cue.period_type == "period_total"
                  or CUMULATIVE_WORD in clause
                  or folded[max(0, raw.start - 1):raw.start] == CUMULATIVE_BRACKETS[0])
    return Figure(
        mention=text[start:end], char_start=start, char_end=end,
        number=None if raw.number is None else float(raw.number),
        number_high=None if raw.number_high is None else float(raw.number_high),
        scale=float(raw.scale), unit=raw.unit, value=value,
        qualifier=qualifier.printed if qualifier else None,
        comparator=qualifier.comparator if qualifier else None,
        period=cue.period if cue else None, period_type=cue.period_type if cue else None,
        deadline_year=cue.deadline if cue else None,
        subject=subject or None, role=role, is_cumulative=bool(cumulative))


def _target(doc_id: str, n: int, paragraph: Paragraph, figure: Figure) -> Target:
    return Target(
        doc_id=doc_id, target_id=f"t{n:04d}", section_id=paragraph.section_id,
        column_id=paragraph.column_id, para_id=paragraph.para_id, line=paragraph.line,
        mention=figure.mention, char_start=figure.char_start, char_end=figure.char_end,
        number=figure.number, number_high=figure.number_high, scale=figure.scale,
        unit=figure.unit, value=figure.value, qualifier=figure.qualifier,
        comparator=figure.comparator, period=figure.period, period_type=figure.period_type,
        deadline_year=figure.deadline_year, subject=figure.subject, role=figure.role,
        is_cumulative=figure.is_cumulative)


def _section_titles(section_id: Optional[str], sections: dict) -> tuple[str, ...]:
    titles: list[str] = []
    while section_id is not None and section_id in sections:
        section: Section = sections[section_id]
        titles.append(section.title)
        section_id = section.parent_id
    return tuple(titles)


# How far a clause or sentence break is looked for. Real sentences are far shorter; the
# bound keeps a pathological single-line file (megabytes without punctuation) linear.
BREAK_LOOKBACK = 1000
BREAK_WINDOWS = (64, 256, BREAK_LOOKBACK)   # most breaks are near: look there first


def _last_break(text: str, pattern: re.Pattern, stop: Optional[int] = None) -> int:
    """End of the last ``pattern`` match in ``text[:stop]`` within BREAK_LOOKBACK characters."""
    stop = len(text) if stop is None else stop
    for window in BREAK_WINDOWS:
        floor = max(0, stop - window)
        end = None
        for match in pattern.finditer(text, floor, stop):
            end = match.end()
        if end is not None:
            return end
        if floor == 0:
            return 0
    return floor


# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All extract lexicons, loaded once."""
    units = {}
    for row in _rows(UNITS_FILE, ("unit", "canonical", "factor", "kind", "emit", "example")):
        units[row["unit"]] = Unit(row["unit"], row["canonical"], Decimal(row["factor"]),
                                  row["kind"], row["emit"])
    qualifiers = tuple(
        Qualifier(row["qualifier"], row["position"], row["comparator"], row["strength"] == "strong",
                  row["strength"] == "scope")
        for row in _rows(QUALIFIERS_FILE,
                         ("qualifier", "position", "comparator", "strength", "example")))
    periods = tuple(
        PeriodCue(_compile(PERIODS_FILE, row["pattern"]), row["period_type"], row["period"],
                  row["deadline"], int(row["rank"]), row["carries"] == "yes")
        for row in _rows(PERIODS_FILE,
                         ("pattern", "period_type", "period", "deadline", "rank", "carries", "example")))
    roles = tuple(
        RoleCue(row["scope"], _compile(ROLES_FILE, row["pattern"]), row["role"])
        for row in _rows(ROLES_FILE, ("scope", "pattern", "role", "example")))
    nontargets = tuple(_compile(NONTARGETS_FILE, row["pattern"])
                       for row in _rows(NONTARGETS_FILE, ("pattern", "example")))
    words: dict[str, list[str]] = {"lead": [], "link": [], "trail": [], "head": [], "stop": [],
                                   "edge": [], "source": [], "measure": []}
    for row in _rows(SUBJECT_FILE, ("kind", "word", "example")):
        if row["kind"] not in words:
            raise RuleError(SUBJECT_FILE, f"unknown kind {row['kind']!r}")
        words[row["kind"]].append(row["word"])
    by_length = lambda items: tuple(sorted(items, key=lambda w: (-len(w), w)))  # noqa: E731
    return Lexicon(
        units=units, unit_re=_alternation(units),
        qualifiers=qualifiers,
        prefixes=tuple(sorted((q for q in qualifiers if q.position == "prefix"),
                              key=lambda q: (-len(q.printed), q.printed))),
        suffix_re=_alternation(q.printed for q in qualifiers if q.position == "suffix"),
        infix_re=_alternation(q.printed for q in qualifiers if q.position == "infix"),
        periods=periods, roles=roles, nontargets=nontargets,
        lead=by_length(words["lead"]), link=by_length(words["link"]),
        trail=by_length(words["trail"]), head=by_length(words["head"]),
        stop=by_length(words["stop"]), edge=by_length(words["edge"]),
        source=by_length(words["source"]), measure=by_length(words["measure"]))


def _alternation(words: Iterable[str]) -> re.Pattern:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in ordered))


def _compile(name: str, pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise RuleError(name, f"bad pattern {pattern!r}: {error}") from error


def _rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Data rows of a TSV lexicon as dicts (see pipeline.tsv)."""
    lines = (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
    return [dict(zip(columns, cells)) for _, cells in tsv_rows(lines, columns, name)]
