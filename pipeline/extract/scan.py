"""Finding the figures of a folded text, left to right, without overlaps, and dropping
what is not a figure: spans of ``extract_nontargets.tsv``, size classes and thresholds
(30万千瓦级煤电机组, 30亿元以上项目) and counts that describe the next figure's subject
(74个国控断面水质优良比例达到95%).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.extract.clauses import _Claimed
from pipeline.extract.numbers import (NUMBER, PERCENT_UNIT, RATE_KINDS, RawFigure, _quantity_figure, _ratio,
                                      _slash_fraction, _special_figures)

if TYPE_CHECKING:
    from pipeline.extract.lexicons import Lexicon

CLASS_MARK = "级"                        # 30万千瓦级, 五百亿级, 300万吨级: a size class, not a figure
# units that count the noun they stand before (150家以上华为云生态企业, 100个以上人工智能大模型 are
# figures); any other measure with 以上/以下 before a noun is its threshold (30亿元以上项目)
COUNT_KINDS = ("count", "person", "household", "organisation", "institution", "session", "person_times")
TIME_KINDS = ("time", "date_or_duration")   # 3个工作日以内办结: a time limit before its verb
THRESHOLD_COMPARATORS = ("ge", "le")
GROUP_GAP = 3                            # 6个方面16条经验: the noun of the groups
AFTER_THRESHOLD = re.compile(r"的?")
CONDITION = re.compile(r"的[，,；;]")          # 在15万元以上的，: "those at or above", a class
LEVEL_NOUNS = ("水平", "规模", "台阶", "大关", "目标")   # 1万美元以上水平: the level reached, not a threshold
NOUN_FLAGS = ("n", "b", "j", "s")         # jieba tags of what a threshold sorts (项目, 省级, 农村)
THRESHOLD_JOINER = "且"                    # 销售额2万元以上且快递单量达1000单以上的经营主体
SORTED_WINDOW = 8                          # characters after 以上 cut to find the word there


def _scan(s: str, lex: Lexicon) -> list[RawFigure]:
    """All figures of the folded text, left to right, not overlapping."""
    blocked = _blocked_spans(s, lex)
    kinds = {unit.canonical: unit.kind for unit in lex.units.values()}
    found = [f for f in _special_figures(s, lex) if not blocked.overlaps(f.start, f.end)]
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
        start = match.start()
        figure = _ratio(s, start) or _slash_fraction(s, start) or _quantity_figure(s, match, lex)
        if figure is None:
            pos = match.end()
            continue
        pos = max(figure.end, match.end())
        if not blocked.overlaps(figure.start, figure.end) and not _is_class(s, figure, kinds, lex):
            found.append(figure)
    found.sort(key=lambda f: f.start)
    kept: list[RawFigure] = []
    for figure in reversed(found):             # 6条主要河流的7个国考断面…比例100%: both describe it
        if not kept or not (_describes(s, figure, kept[-1], lex) or _groups(s, figure, kept[-1], kinds, lex)):
            kept.append(figure)
    return kept[::-1]


def _is_class(s: str, figure: RawFigure, kinds: dict[str, str], lex: Lexicon) -> bool:
    """30万千瓦级煤电机组, 五百亿级开发区: a size class; 30亿元以上项目, 海拔1500米以上农村中小学,
    销售额2万元以上且…, 罚款金额在15万元以上的，…: a measure with 以上/以下 before the noun it sorts,
    or closing a condition with 的, is a threshold (not before
    a verb or an adjective: 提供1000兆比特/秒以上灵活选择, 50万元以下拖欠企业账款全部清零)."""
    if s.startswith(CLASS_MARK, figure.end):
        return True
    if figure.unit not in kinds or kinds[figure.unit] in COUNT_KINDS + RATE_KINDS + TIME_KINDS:
        return False
    suffix = lex.suffix_re.match(s, figure.end)
    if suffix is None or not any(q.printed == suffix.group() and q.position == "suffix"
                                 and q.comparator in THRESHOLD_COMPARATORS for q in lex.qualifiers):
        return False
    if CONDITION.match(s, suffix.end()):
        return True                  # 罚款金额在15万元以上的，…: the bound of a condition
    after = s[AFTER_THRESHOLD.match(s, suffix.end()).end():][:SORTED_WINDOW]
    tokens = list(lex.words.tokenizer().cut(after)) if after else []
    if not tokens or tokens[0].word in LEVEL_NOUNS:
        return False
    return tokens[0].word == THRESHOLD_JOINER or tokens[0].flag.startswith(NOUN_FLAGS)


def _groups(s: str, figure: RawFigure, following: RawFigure, kinds: dict[str, str], lex: Lexicon) -> bool:
    """先行区建设6个方面16条经验: a count of groups printed right before the count it groups,
    with one noun between them (方面; not 由7家增至16家, a verb)."""
    if kinds.get(figure.unit or "") != "count" or kinds.get(following.unit or "") != "count":
        return False
    gap = s[figure.end:following.start]
    if not 0 < len(gap) <= GROUP_GAP or lex.breaks.after.search(gap):
        return False
    tokens = list(lex.words.tokenizer().cut(gap))
    return len(tokens) == 1 and tokens[0].flag.startswith("n")


def _describes(s: str, figure: RawFigure, following: RawFigure, lex: Lexicon) -> bool:
    """74个国控断面水质优良比例达到95%: the first figure is part of the second one's subject."""
    gap = s[figure.end:following.start].rstrip(" \u00a0")
    prefix = next((q.printed for q in lex.prefixes if q.strong and gap.endswith(q.printed)), "")
    gap = gap[:len(gap) - len(prefix)]
    if lex.breaks.after.search(gap) or figure.unit == following.unit or figure.unit in lex.rate_units:
        return False                             # 从目前的23.04%再提高超1个百分点: two measures
    if following.unit == PERCENT_UNIT and gap.endswith(lex.measure) and len(gap) > 1:
        return True                              # 7个国考断面水质优良比例100%
    return any(at > 0 for word in lex.link if len(word) > 1 for at in [gap.find(word)])


def _blocked_spans(s: str, lex: Lexicon) -> "_Claimed":
    blocked = _Claimed(len(s))
    for pattern in lex.nontargets:
        for match in pattern.finditer(s):
            blocked.claim(match.start(), match.end())
    return blocked
