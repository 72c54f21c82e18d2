"""The subject of a figure: what the number measures (城镇新增就业 in 城镇新增就业500万人).

``_subject`` asks rules in a fixed order; ``_distribute`` then splits A、B总量分别达到x和y.
Cutting and trimming the phrases themselves is in ``phrases``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Optional

from pipeline.extract.clauses import (AFTER_BREAK, CLAUSE_BREAK, SENTENCE_BREAK, TRIM_CHARS,
                                      _last_break)
from pipeline.extract.lexicons import Lexicon, lexicon
from pipeline.extract.numbers import RawFigure
from pipeline.extract.phrases import (MODIFIER_MARK, _before_subject, _cut_at_cue, _cut_at_stop,
                                      _trim)
from pipeline.extract.qualifiers import _suffix_text
from pipeline.extract.words import _is_bare_verb, _is_noun_phrase

if TYPE_CHECKING:
    from pipeline.extract.figures import Figure

RESPECTIVELY = "分别"
LIST_SPLIT = re.compile(r"、|和|及|与|以及")
MAX_SUBJECT_CHARS = 32
SHARE_OF = "占"                         # …47万套，占住房供应总套数的40%: a share of the previous subject
MODIFIER_WINDOW = 48                    # chars searched for 的 after a figure with no subject


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
