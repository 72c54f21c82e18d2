"""Cutting and trimming a subject phrase: the phrase before a figure in its clause, cut at
the last linking verb and a baseline's 从/由, trimmed of places, time cues, generic verbs,
function characters and lone quotation marks (``extract_subject.tsv``).
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.extract.clauses import LEADING_ASIDE, LIST_MARK, TRIM_CHARS
from pipeline.extract.lexicons import Lexicon
from pipeline.extract.periods import CUMULATIVE_WORD
from pipeline.extract.qualifiers import _only_joiners
from pipeline.extract.words import _boundaries

ETC = "等"
ENUMERATED_ITEM = 12                    # chars of the last item before 等 (辽河等)
ENUMERATED_HEAD = 4                     # chars a phrase keeps after 等 (七大重点流域…比例)
LIST_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[0-9]+[.、．](?![0-9])|[（(][一二三四五六七八九十0-9]+[）)])")
QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("《", "》"), ("（", "）"), ("(", ")"))
MODIFIER_MARK = "的"


def _cut_at_cue(phrase: str, lex: Lexicon) -> str:
    cuts = [m.start() for row in lex.periods for m in [row.pattern.search(phrase)] if m and m.start() > 0]
    return phrase[:min(cuts)] if cuts else phrase


def _cut_at_stop(phrase: str, lex: Lexicon) -> str:
    """The noun phrase printed after a figure ends at the first verb of the stop or lead lists,
    not inside a quoted name (10所左右省级“双高建设计划”院校: 建设 is part of the name)."""
    bounds = _boundaries(phrase, lex) - _quoted(phrase)
    cuts = [at for word in lex.stop for at in [phrase.find(word)] if at >= 0 and at in bounds]
    cuts += [at for word in lex.lead if len(word) > 1
             for at in [phrase.find(word)] if at > 0 and at in bounds and at + len(word) in bounds]
    return phrase[:min(cuts)] if cuts else phrase


def _quoted(phrase: str) -> set[int]:
    """Positions inside a pair of quotation marks or title marks (“…”, 《…》) of the phrase."""
    inside: set[int] = set()
    for opening, closing in QUOTE_PAIRS[:4]:
        start = phrase.find(opening)
        while start >= 0:
            end = phrase.find(closing, start + 1)
            if end < 0:
                break
            inside.update(range(start + 1, end + 1))
            start = phrase.find(opening, end + 1)
    return inside


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
    if at > 0 and at in _boundaries(phrase, lex):
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
    bounds = _boundaries(phrase, lex)
    found = [at for word in lex.source for at in [phrase.rfind(word)]
             if at > 0 and at in bounds and at + len(word) in bounds]
    return max(found, default=0)


def _last_link(phrase: str, lex: Lexicon) -> Optional[tuple[int, int]]:
    bounds = _boundaries(phrase, lex)
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
        if phrase.startswith(lex.names):
            break                       # 全国重点实验室, 和美乡村: a name keeps its first word
        bounds = _boundaries(phrase, lex)
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
        bounds = _boundaries(phrase, lex)
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
    """Where a period cue opening the phrase ends, also after a preposition of purpose before it
    (为到2035年人均国内生产总值… → 人均国内生产总值…), 0 when none."""
    start = len(PURPOSE) if phrase.startswith(PURPOSE) else 0
    for at in dict.fromkeys((0, start)):
        for row in lex.periods:
            match = row.pattern.match(phrase, at)
            if match and match.end() > at:
                return match.end()
    return 0


PURPOSE = "为"                          # 为到2035年…打好基础: for (the time that follows)


def _trailing_cue_start(phrase: str, lex: Lexicon) -> int:
    for row in lex.periods:
        for match in row.pattern.finditer(phrase):
            if match.end() == len(phrase) and match.start() > 0:
                return match.start()
    return 0
