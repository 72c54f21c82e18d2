"""The subject of a figure: what the number measures (城镇新增就业 in 城镇新增就业500万人).

``_subject`` tries ``SUBJECT_RULES`` in their order, each a small function of a
``SubjectContext``; the first that answers gives the subject. ``_distribute`` then splits
A、B总量分别达到x和y between the figures of the run, each item with the words the list shares
(``_shared_words``: a tail, a head noun, the measured thing, a 规模以上 prefix; 城乡 → 城镇/农村).
The word lists the rules read are kinds of ``extract_subject.tsv`` (qualify, package, bare,
reach, compare, stage, name, prefix …), each entry with a sentence and the subjects it gives.
Cutting and trimming the phrases themselves is in ``phrases``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Optional

from pipeline.extract.clauses import TRIM_CHARS, _end_before_spaces, _last_break
from pipeline.extract.lexicons import Lexicon
from pipeline.extract.numbers import RawFigure
from pipeline.extract.phrases import (MODIFIER_MARK, _before_subject, _cut_at_cue, _cut_at_stop,
                                      _last_link, _trim)
from pipeline.extract.qualifiers import _suffix_text
from pipeline.extract.words import _boundaries, _is_bare_verb, _is_noun_phrase, _verbish

if TYPE_CHECKING:
    from pipeline.extract.figures import Figure

RESPECTIVELY = "分别"
SECTOR_RUN = re.compile(r"^([一二三]{2,3})(产业?)(.+)$")     # the three sectors abbreviated in a run
LIST_SPLIT = re.compile(r"、|和|及|与|以及")
MAX_SUBJECT_CHARS = 32
SHARE_OF = "占"                         # …47万套，占住房供应总套数的40%: a share of the previous subject
MODIFIER_WINDOW = 48                    # chars searched for 的 after a figure with no subject


class SubjectContext:
    """What the subject rules read for one figure; each phrase is computed once, when a rule asks.

    ``previous`` is the previous figure of the paragraph with the subject it got."""

    def __init__(self, s: str, raw: RawFigure, mention_start: int, next_start: int,
                 previous: Optional[tuple[RawFigure, Optional[str]]], lex: Lexicon):
        self.s, self.raw, self.lex = s, raw, lex
        self.mention_start, self.next_start, self.previous = mention_start, next_start, previous

    @cached_property
    def after(self) -> str:
        """The phrase printed after the figure and its suffix, up to the next break or figure;
        empty when a link verb right before the figure makes the figure its complement
        (装机规模已突破10亿千瓦大关: 大关 is no subject) — unless nothing before the figure
        names a subject (增加1万个普惠性学前教育学位)."""
        after = _after_phrase(self.s, self.raw, self.next_start, self.lex)
        if after and _linked(self.s, self.raw.start, self.lex) and (self.phrase_before or self.previous_subject):
            return ""
        return after                    # 增加1万个普惠性学前教育学位: the link verb's object

    @cached_property
    def after_aside(self) -> str:
        """``after``, and when a bracketed aside follows it (9个县（区）获评…), the aside and the
        phrase after that."""
        after = self.after
        end = _figure_end(self.s, self.raw, self.lex) + len(after)
        aside = ASIDE.match(self.s, end, max(end, self.next_start))
        if not after or not aside:
            return after
        rest = self.s[aside.end():self.next_start]
        stop = self.lex.breaks.after.search(rest)
        return after + aside.group() + rest[:stop.start() if stop else len(rest)]

    @cached_property
    def clause_start(self) -> int:
        """Start of the figure's clause, or the end of a previous figure (and its suffix) inside it."""
        s = self.s
        start = _last_break(s, self.lex.breaks.clause, _end_before_spaces(s, self.mention_start))
        if self.previous is not None and self.previous[0].end > start:
            start = _figure_end(s, self.previous[0], self.lex)
        return start

    @cached_property
    def before(self) -> str:
        """The subject phrase before the figure in its clause (``phrases._before_subject``)."""
        return _before_subject(self.s[self.clause_start:self.mention_start], self.lex)

    @cached_property
    def before_wrapped(self) -> str:
        """When the clause before the figure is only a link verb printed after one space (a PDF
        line break: 床位数 达到35-40张), the subject phrase of the clause before that space."""
        s, start = self.s, self.clause_start
        if (start > 1 and s[start - 1] == " " and s[start - 2] != " "
                and s[start:self.mention_start].strip(TRIM_CHARS) in self.lex.link):
            wider = _last_break(s, self.lex.breaks.clause, start - 1)
            if self.previous is None or self.previous[0].end <= wider:
                return _before_subject(s[wider:self.mention_start], self.lex)
        return ""

    @cached_property
    def phrase_before(self) -> str:
        """``before``, else ``before_wrapped``."""
        return self.before or self.before_wrapped

    @cached_property
    def in_sentence(self) -> bool:
        """A previous figure stands in the same sentence."""
        return (self.previous is not None
                and self.previous[0].end >= _last_break(self.s, self.lex.breaks.sentence, self.mention_start))

    @cached_property
    def previous_subject(self) -> Optional[str]:
        """The subject of the previous figure of the sentence (None when there is none)."""
        return self.previous[1] if self.in_sentence else None

    @cached_property
    def shares_previous(self) -> bool:
        """The phrase before is a share (占…) and the sentence has a previous subject."""
        return self.phrase_before.startswith(SHARE_OF) and bool(self.previous_subject)

    @cached_property
    def shared(self) -> str:
        """``phrase_before``, after the previous subject's part before its own 占 when it shares it."""
        if self.shares_previous:
            return self.previous_subject.split(SHARE_OF)[0] + self.phrase_before
        return self.phrase_before

    @cached_property
    def bare_verb(self) -> bool:
        """``shared`` is one verb and the sentence has a previous subject it continues."""
        return bool(self.shared) and bool(self.previous_subject) and _is_bare_verb(self.shared, self.lex)


def noun_after(c: SubjectContext) -> Optional[str]:
    """培育30名左右浙江大工匠 → 浙江大工匠: the noun phrase printed after the figure, up to its
    first verb (``stop`` and ``lead`` words of extract_subject.tsv); when that verb is a
    ``qualify`` word, the things counted are those it names (``_qualified_noun``)."""
    if c.after and _is_noun_phrase(c.after, c.lex):
        qualified = _qualified_noun(c.after_aside, c.lex)
        if qualified:
            return qualified
        subject = _owner_of_next_measure(c, _trim(_cut_at_stop(c.after, c.lex), c.lex, lead=False))
        reached = _reached(c, subject)
        if reached:
            return reached
        if subject in c.lex.package and _names_a_thing(c.before, c.lex):
            return (c.before + subject)[-MAX_SUBJECT_CHARS:]   # 稳就业20条政策措施
        if subject:
            return subject[:MAX_SUBJECT_CHARS]
    return None


OWNER_MIN = 2                           # chars left of a noun once the next figure's measure is cut


def _owner_of_next_measure(c: SubjectContext, noun: str) -> str:
    """22条重点入黄排水沟整治率达100% → 重点入黄排水沟: when the noun printed after a figure
    runs on to the next figure, its end is the next figure's subject: a link verb, and before it
    a measure of the thing counted (``bare``, ``measure`` or ``head`` words: 整治率, 投资). The
    thing counted is what precedes them."""
    end = _figure_end(c.s, c.raw, c.lex) + len(c.after)
    if not noun or end < c.next_start:
        return noun
    joined = _next_item_start(noun, c.lex)
    if joined:                          # 14条高速公路项目和黄百等4个…: the next item starts at 和
        return _trim(noun[:joined], c.lex, lead=False)
    link = _last_link(noun, c.lex)
    phrase = noun[:link[0]] if link is not None and link[1] == len(noun) else noun
    measure = max((m for m in c.lex.bare + c.lex.measure + c.lex.head if phrase.endswith(m)),
                  key=len, default="")
    if not measure:
        return noun
    cut = len(phrase) - len(measure)
    if len(measure) == 1:               # 整治率: the word that 率 closes
        cut = max((b for b in _boundaries(phrase, c.lex) if b < cut), default=0)
    owner = _trim(phrase[:cut], c.lex, lead=False)
    return owner if len(owner) >= OWNER_MIN else noun


JOINERS = ("和", "及", "以及", "与")


def _next_item_start(noun: str, lex: Lexicon) -> int:
    """Where a joiner opens the next list item inside a noun that runs on to the next figure
    (高速公路项目和黄百等: 和), 0 when none: a joiner word of its own after two characters."""
    bounds = _boundaries(noun, lex)
    found = [at for word in JOINERS for at in [noun.rfind(word)]
             if at >= OWNER_MIN and at in bounds and at + len(word) in bounds]
    return max(found, default=0)


def _reached(c: SubjectContext, noun: str) -> Optional[str]:
    """“以旧换新”政策惠及76万群众 → “以旧换新”政策惠及群众: a ``reach`` verb before the figure;
    the policy is the phrase before it in the clause, else the clause before (实施学前一年免费教育
    政策，惠及近10万儿童 → 学前一年免费教育政策惠及儿童) when no figure stands there."""
    verb = next((w for w in c.lex.reach if c.before.endswith(w)), None)
    if not noun or verb is None:
        return None
    policy = c.before[:-len(verb)]
    if not policy and c.clause_start > 0 and c.before == verb:
        start = _last_break(c.s, c.lex.breaks.clause, c.clause_start - 1)
        if c.previous is None or c.previous[0].end <= start:
            policy = _before_subject(c.s[start:c.clause_start - 1], c.lex)
    return f"{policy}{verb}{noun}"[-MAX_SUBJECT_CHARS:] if policy else None


def _names_a_thing(phrase: str, lex: Lexicon) -> bool:
    """优化营商环境, 稳就业: a phrase with a noun in it, or a word of three characters or more
    (a compound jieba tags as a verb: 稳就业); not only short verbs (谋划, 制定出台)."""
    return bool(phrase) and any(len(t.word) >= 3 or not _verbish(t.flag) and not t.flag.startswith("a")
                                for t in lex.words.tokenizer().cut(phrase))


ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")


def _qualified_noun(after: str, lex: Lexicon) -> Optional[str]:
    """4所高职院校入选国家第二期“双高计划” → 入选国家第二期“双高计划”的高职院校: a ``qualify``
    verb after the noun says which things are counted; an aside in brackets after the noun
    (县（区）) is dropped."""
    bounds = _boundaries(after, lex)
    found = [(at, word) for word in lex.qualify for at in [after.find(word)] if at > 0 and at in bounds]
    if not found:
        return None
    at, word = min(found)
    noun = _trim(ASIDE.sub("", after[:at]), lex, lead=False)
    predicate = _trim(after[at:], lex, lead=False)
    if not noun or _verbish(_last_token_flag(noun, lex)) or len(predicate) < len(word):
        return None
    return f"{predicate}{MODIFIER_MARK}{noun}"[:MAX_SUBJECT_CHARS]


def modified_noun_in_clause(c: SubjectContext) -> Optional[str]:
    """新建5家有特色的专业性省级产业园 → 专业性省级产业园: something follows the figure and is no
    noun phrase; the noun after the modifiers' 的, in the figure's clause. When a measure is
    printed right before the figure and 的 right after it (总投资超500亿元的新能源基地加快建设),
    the figure is that measure of the noun: 新能源基地总投资 (``_measure_of_modified``)."""
    if c.after:
        noun = _modified_noun(c.s, c.raw, c.next_start, c.lex, within_clause=True)
        measure = _measure_before(c)
        if noun and measure and c.after.startswith(MODIFIER_MARK):
            return _measure_of_modified(noun, measure, c.lex)
        return noun
    return None


MEASURE_BEFORE_MAX = 4                  # chars of a measure printed before its figure (总投资, 全长)


def _measure_before(c: SubjectContext) -> str:
    """The phrase before the figure when it is a measure printed right before it (总投资超…,
    全长…): a short noun (no verb among its words), with no link verb between it and the figure."""
    phrase = c.before
    printed = c.s[c.clause_start:c.mention_start].strip(TRIM_CHARS)
    if not printed.endswith(phrase) or not _is_short_measure(phrase, c.lex):
        return ""
    return phrase


def _is_short_measure(phrase: str, lex: Lexicon) -> bool:
    """总投资, 全长, 投资: a short noun with no verb among its words."""
    if not phrase or len(phrase) > MEASURE_BEFORE_MAX:
        return False
    tokens = list(lex.words.tokenizer().cut(phrase))
    return (not any(t.flag in MEASURE_NOT_FLAGS for t in tokens)
            and (_nounish(tokens[-1]) or tokens[-1].flag == "vn"))


MEASURE_NOT_FLAGS = ("v", "p", "d", "c", "r", "m")


def _measure_of_modified(noun: str, measure: str, lex: Lexicon) -> Optional[str]:
    """晋北采煤沉陷区新能源基地加快建设, 总投资 → 晋北采煤沉陷区新能源基地总投资: the noun the
    figure modifies, up to its verb (``stop`` words, or a verb right after a noun: 项目刷新…),
    with the measure after it."""
    thing = _trim(_cut_at_noun_verb(_cut_at_stop(noun, lex), lex), lex, lead=False)
    return (thing + measure)[-MAX_SUBJECT_CHARS:] if thing else None


def _cut_at_noun_verb(phrase: str, lex: Lexicon) -> str:
    """巨化硅氟新材料项目刷新我省单体工业项目投资纪录 → 巨化硅氟新材料项目: the phrase up to its
    first verb that follows a common noun (a verb after a place, 晋北采煤沉陷区, is part of the name)."""
    at = 0
    tokens = list(lex.words.tokenizer().cut(phrase))
    for before, token in zip(tokens, tokens[1:]):
        at += len(before.word)
        if token.flag == "v" and before.flag == "n":
            return phrase[:at]
    return phrase


def share_of_previous(c: SubjectContext) -> Optional[str]:
    """制造业增加值占GDP比重达到30%，占全球比重达到20% → 制造业增加值占全球比重 (second figure):
    a share (占…) is a share of the previous subject of the sentence (its part before 占)
    — unless the result is a single verb (``bare_verb_previous``)."""
    if c.shares_previous and not c.bare_verb:
        return c.shared[-MAX_SUBJECT_CHARS:]
    return None


def stage_of_previous(c: SubjectContext) -> Optional[str]:
    """续建安置房7550套，新开工1000套以上 → 新开工安置房 (second figure): a ``stage`` word alone
    before a figure counts the things of the previous subject of the sentence at that stage: it
    replaces the stage that opens that subject, else it stands before the subject's measure
    (风电光伏装机规模3000万千瓦、并网2000万千瓦 → 风电光伏并网装机规模), else before the subject."""
    previous = c.previous_subject
    if not previous or c.before not in c.lex.stage or previous.startswith(c.before):
        return None
    bounds = _boundaries(previous, c.lex)
    own = next((w for w in c.lex.stage
                if previous.startswith(w) and len(w) in bounds and len(previous) > len(w)), None)
    if own:
        return (c.before + previous[len(own):])[-MAX_SUBJECT_CHARS:]
    measure = next((m for m in c.lex.bare + c.lex.head if previous.endswith(m)
                    and len(previous) > len(m) and len(previous) - len(m) in bounds), None)
    if measure:
        return (previous[:-len(measure)] + c.before + measure)[-MAX_SUBJECT_CHARS:]
    return (c.before + previous)[-MAX_SUBJECT_CHARS:]


def bare_verb_previous(c: SubjectContext) -> Optional[str]:
    """新增城镇就业300万人，年均新增60万人 → 新增城镇就业 (second figure): a phrase before the
    figure that is one verb continues the previous subject of the sentence."""
    if c.bare_verb:
        return c.previous_subject[-MAX_SUBJECT_CHARS:]
    return None


COMPARED_TO = "比"                     # 比年度计划翻了一番: a figure measured against a base


def base_of_previous(c: SubjectContext) -> Optional[str]:
    """新增高中学位8700多个、比年度计划翻了一番 → 新增高中学位比年度计划 (second figure): a
    clause that is only a base of comparison (比…) measures the previous subject of the sentence
    against it; a base that is a time (比2020年, trimmed as a cue) leaves the previous subject."""
    previous = c.previous_subject
    if not previous or not c.before.startswith(COMPARED_TO):
        return None
    if c.before == COMPARED_TO:
        return previous
    return (previous + c.before)[-MAX_SUBJECT_CHARS:]


GROWTH_RATE = "增速"
POINTS = "个百分点"
PERCENT = "%"


def comparison_of_previous(c: SubjectContext) -> Optional[str]:
    """民间投资增长2.8%，快于全国9.2个百分点 → 民间投资增速快于全国 (second figure): points after
    a ``compare`` word that opens the clause measure the growth rate of the previous figure of the
    sentence against what the clause compares it with; a time it compares with is kept
    (全年GDP增长4%，快于2024年1.8个百分点 → GDP增速快于2024年), though trimmed as a cue elsewhere.
    When the previous figure is a level, not a growth (城镇化率达到60%，高于全国2个百分点), the
    level itself is compared: 城镇化率高于全国."""
    compared = c.before
    printed = c.s[c.clause_start:c.mention_start].strip(TRIM_CHARS)
    if compared in c.lex.compare and printed.startswith(compared):
        compared = printed                      # 快于2024年: the year is what it is compared with
    word = next((w for w in c.lex.compare if compared.startswith(w) and len(compared) > len(w)), None)
    previous = c.previous_subject
    if word is None or not previous or c.raw.unit != POINTS or c.previous[0].unit != PERCENT:
        return None
    if not _is_growth(c.s, c.previous[0]):
        return (previous + compared)[-MAX_SUBJECT_CHARS:]   # 城镇化率达到60%，高于全国2个百分点: a level
    return (previous + GROWTH_RATE + compared)[-MAX_SUBJECT_CHARS:]


GROWTH_WORDS = ("增长", "增速", "增幅")
GROWTH_WINDOW = 8                       # chars before a figure searched for its growth word


def _is_growth(s: str, raw: RawFigure) -> bool:
    """The figure is a growth rate: a growth word printed shortly before it (增长2.8%, 年均增长超5%)."""
    return any(word in s[max(0, raw.start - GROWTH_WINDOW):raw.start] for word in GROWTH_WORDS)


def measure_of_previous(c: SubjectContext) -> Optional[str]:
    """新能源投资增长70%、装机规模增长38% → 新能源装机规模 (second figure): a ``bare`` measure
    before the figure measures the thing of the previous figure of the sentence (its subject
    without its own measure), or the things that figure counts (实施重点项目2800多个，完成投资…
    → 重点项目完成投资); with no figure before it in the sentence, the thing its first clause
    opens with (``_sentence_topic``)."""
    previous = c.previous_subject
    if c.before in c.lex.bare and not c.in_sentence:
        topic = _sentence_topic(c)
        return (topic + c.before)[-MAX_SUBJECT_CHARS:] if topic else None
    if c.before not in c.lex.bare or not previous or previous.endswith(c.before):
        return None
    printed = c.s[c.clause_start:c.mention_start]
    bare = next((w for w in c.lex.bare if w.endswith(c.before) and w in printed), c.before)   # 完成投资
    measure = next((m for m in c.lex.bare + c.lex.head + c.lex.measure
                    if previous.endswith(m) and len(previous) > len(m)), None)
    if measure:
        return (previous[:-len(measure)] + bare)[-MAX_SUBJECT_CHARS:]
    if _counts(c.previous[0], c.lex):
        return (previous + bare)[-MAX_SUBJECT_CHARS:]
    return None


TOPIC_MIN = 2                           # chars of a sentence's topic noun


def _sentence_topic(c: SubjectContext) -> str:
    """粮食总产再创历史新高，…，增量39.7亿斤 → 粮食总产: the nouns that open the sentence's first
    clause, before its verb, when the figure stands in a later clause."""
    start = _last_break(c.s, c.lex.breaks.sentence, c.mention_start)
    end = c.lex.breaks.clause.search(c.s, start, c.mention_start)
    if end is None or end.start() >= c.clause_start:
        return ""
    return _topic(c.s[start:end.start()], c.lex)


def _counts(raw: RawFigure, lex: Lexicon) -> bool:
    """The figure counts things (个, 项, 座 …: a unit of kind ``count``)."""
    return any(u.canonical == raw.unit and u.kind == COUNT_KIND for u in lex.units.values())


COUNT_KIND = "count"


TOTAL_WORDS = ("合计", "总计", "共计")


def total_of_clause_before(c: SubjectContext) -> Optional[str]:
    """资助残疾人大学生和困难残疾人家庭子女大学生，合计6300名 → 残疾人大学生和困难残疾人家庭子女大学生:
    a clause that is only a total word counts what the clause before it names, when that clause
    has no figure of its own."""
    if c.before not in TOTAL_WORDS or c.clause_start == 0:
        return None
    start = _last_break(c.s, c.lex.breaks.clause, c.clause_start - 1)
    if c.previous is not None and c.previous[0].end > start:
        return None
    if start < _last_break(c.s, c.lex.breaks.sentence, c.mention_start):
        return None
    return _before_subject(c.s[start:c.clause_start - 1], c.lex)[-MAX_SUBJECT_CHARS:] or None


def phrase_before(c: SubjectContext) -> Optional[str]:
    """全省累计实现城镇新增就业500万人 → 城镇新增就业: the phrase before the figure in its clause,
    cut at the last link verb and trimmed (``phrases._before_subject``)."""
    return c.before[-MAX_SUBJECT_CHARS:] if c.before else None


def phrase_before_line_break(c: SubjectContext) -> Optional[str]:
    """每千名老年人拥有养老床位数 达到35-40张 → 每千名老年人拥有养老床位数: the clause before the
    figure is only a link verb after a PDF line break; the phrase before the break."""
    if not c.before and c.before_wrapped:
        return c.before_wrapped[-MAX_SUBJECT_CHARS:]
    return None


def previous_subject(c: SubjectContext) -> Optional[str]:
    """地区生产总值达到5000亿元，年均增长8% → 地区生产总值 (second figure): a figure with no
    subject of its own shares the previous figure's subject in the sentence (no subject when that
    figure had none: ``modified_noun_anywhere`` is only for the first figure of a sentence).
    A share shared by a figure that is no share counts the things of the share (优良天数比例达到77%、
    增加13天 → 优良天数: ``_without_share``)."""
    previous = c.previous_subject
    if previous and c.previous[0].unit == PERCENT and c.raw.unit not in (PERCENT, POINTS, None):
        return _without_share(previous)
    return previous


SHARE_WORDS = ("比例", "比率", "比重", "占比")


def _without_share(subject: str) -> str:
    """优良天数比例 → 优良天数: a share of counted things (…数) without its share word."""
    word = next((w for w in SHARE_WORDS if subject.endswith(w)), None)
    if word is None:
        return subject
    things = subject[:-len(word)]
    return things if things.endswith(COUNTED) and len(things) > len(COUNTED) else subject


COUNTED = "数"                          # 天数, 人数: the things a share is a share of


def topic_of_clause_before(c: SubjectContext) -> Optional[str]:
    """高校毕业生逐年增加,2022年起每年超千万 → 高校毕业生: the first figure of its sentence, with
    no phrase before or after it, counts the thing the clause before it opens with (its nouns,
    then a verb), when that clause has no figure."""
    if c.in_sentence or c.clause_start == 0 or c.phrase_before or c.after:
        return None
    start = _last_break(c.s, c.lex.breaks.clause, c.clause_start - 1)
    if start < _last_break(c.s, c.lex.breaks.sentence, c.mention_start):
        return None
    return _topic(c.s[start:c.clause_start - 1], c.lex) or None


def _topic(clause: str, lex: Lexicon) -> str:
    """The nouns that open a clause before its verb (粮食总产再创历史新高 → 粮食总产), or ""."""
    tokens = list(lex.words.tokenizer().cut(_trim(clause, lex)))
    nouns = 0
    while nouns < len(tokens) and _nounish(tokens[nouns]):
        nouns += 1
    if nouns == len(tokens) or not (_verbish(tokens[nouns].flag) or tokens[nouns].flag == "i"):
        return ""
    topic = "".join(t.word for t in tokens[:nouns])
    return topic if len(topic) >= TOPIC_MIN else ""


def modified_noun_anywhere(c: SubjectContext) -> Optional[str]:
    """2022年起每年超千万，这是宝贵的人才资源 → 人才资源: the first figure of its sentence, with no
    phrase before or after it, takes the noun after the next 的, even beyond a clause break."""
    if c.in_sentence:
        return None
    return _modified_noun(c.s, c.raw, c.next_start, c.lex)


# Tried in this order; the first that answers (not None) gives the subject.
SUBJECT_RULES: tuple[Callable[[SubjectContext], Optional[str]], ...] = (
    noun_after,
    modified_noun_in_clause,
    share_of_previous,
    stage_of_previous,
    bare_verb_previous,
    comparison_of_previous,
    base_of_previous,
    measure_of_previous,
    total_of_clause_before,
    phrase_before,
    phrase_before_line_break,
    previous_subject,
    topic_of_clause_before,
    modified_noun_anywhere,
)


def _subject(s: str, raw: RawFigure, mention_start: int, next_start: int,
             previous: Optional[tuple[RawFigure, Optional[str]]], lex: Lexicon) -> Optional[str]:
    """The subject of ``raw``: the answer of the first of ``SUBJECT_RULES`` that has one."""
    context = SubjectContext(s, raw, mention_start, next_start, previous, lex)
    for rule in SUBJECT_RULES:
        subject = rule(context)
        if subject is not None:
            return subject
    return None


def _linked(s: str, mention_start: int, lex: Lexicon) -> bool:
    """The figure is the complement of a link verb printed right before it (…突破10亿千瓦…)."""
    before = s[max(0, mention_start - 4):mention_start]
    return any(before.endswith(word) for word in lex.link if len(word) > 1)


def _modified_noun(s: str, raw: RawFigure, next_start: int, lex: Lexicon,
                   within_clause: bool = False) -> Optional[str]:
    """新建5家有特色、有活力、有效益的专业性省级产业园: the noun after the modifiers' 的."""
    end = min(next_start, len(s))
    stop = lex.breaks.sentence.search(s, raw.end, end)
    window = s[raw.end:stop.start() if stop else end][:MODIFIER_WINDOW]
    at = window.find(MODIFIER_MARK)
    if at < 0 or within_clause and lex.breaks.clause.search(window, 0, at):
        return None
    tail = window[at + 1:]
    cut = lex.breaks.after.search(tail)
    noun = tail[:cut.start() if cut else len(tail)].strip(TRIM_CHARS)
    noun = _cut_at_cue(noun, lex)       # 52.7%的总体近视率每年降… → 总体近视率
    return noun[:MAX_SUBJECT_CHARS] or None


def _distribute(s: str, figures: list[Figure], lex: Lexicon) -> list[Figure]:
    """A、B总量分别达到x和y: give each figure of the run its own list item as subject; a level
    word alone after a figure shares the noun of the next (``_shared_level_noun``), measures
    joined by 、 before one 的 share its noun (``_measures_of_one_noun``)."""
    out = _measures_of_one_noun(s, _shared_level_noun(s, list(figures), lex), lex)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].subject == out[i].subject:
            j += 1
        items = _respective_items(s, out[i], j - i + 1, lex) or _earlier_figures_items(out, i, j - i + 1)
        if items:
            for k, item in enumerate(items):
                out[i + k] = replace(out[i + k], subject=item)
        i = j + 1
    return out


LEVEL_FLAG = "b"                        # jieba's tag of a distinguishing word: 国家级, 省级, 大型


def _shared_level_noun(s: str, figures: list[Figure], lex: Lexicon) -> list[Figure]:
    """新建6个国家级、20个省级临床重点专科 → 国家级临床重点专科, 省级临床重点专科: a figure whose
    subject is one level word printed right after it, before 、 and the next figure, shares the
    noun that follows the next figure's own level word."""
    out = list(figures)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if not first.subject or not second.subject \
                or s[first.char_end:second.char_start] != first.subject + ENUMERATION:
            continue
        own = list(lex.words.tokenizer().cut(first.subject))
        theirs = list(lex.words.tokenizer().cut(second.subject))
        if len(own) == 1 and own[0].flag == LEVEL_FLAG and len(theirs) > 1 and theirs[0].flag == LEVEL_FLAG:
            noun = second.subject[len(theirs[0].word):]
            out[i] = replace(first, subject=(first.subject + noun)[:MAX_SUBJECT_CHARS])
    return out


def _measures_of_one_noun(s: str, figures: list[Figure], lex: Lexicon) -> list[Figure]:
    """投资近千亿元、全长1.3万公里的三个一号旅游公路 → 三个一号旅游公路投资, 三个一号旅游公路全长:
    measures printed before figures joined by 、 ahead of one 的 all modify the noun after it
    (the last figure's subject is that noun and its measure, ``_measure_of_modified``)."""
    out = list(figures)
    for i in range(len(out) - 2, -1, -1):
        first, second = out[i], out[i + 1]
        gap = s[first.char_end:second.char_start]
        measure = gap[len(ENUMERATION):]
        if not gap.startswith(ENUMERATION) or not s.startswith(MODIFIER_MARK, second.char_end) \
                or not second.subject or not second.subject.endswith(measure) \
                or len(second.subject) <= len(measure) or not _is_short_measure(measure, lex):
            continue
        start = _last_break(s, lex.breaks.clause, first.char_start)
        own = s[start:first.char_start].strip(TRIM_CHARS)
        if _is_short_measure(own, lex):
            out[i] = replace(first, subject=(second.subject[:-len(measure)] + own)[-MAX_SUBJECT_CHARS:])
    return out


def _earlier_figures_items(figures: list[Figure], i: int, count: int) -> Optional[list[str]]:
    """道路4767公里，管网1.8万公里，较“十三五”时期分别增长4.8%、50%: a run whose subject is
    nothing but 分别 speaks of the figures just before it, one each, in order."""
    if count < 2 or figures[i].subject != RESPECTIVELY or i < count:
        return None
    earlier = [f.subject for f in figures[i - count:i]]
    return earlier if all(earlier) and len(set(earlier)) == count else None


def _respective_items(s: str, first: Figure, count: int, lex: Lexicon) -> Optional[list[str]]:
    """The subject of a run of ``count`` figures printed after 分别, one item per figure:
    the list items of the subject, each with the words the list shares (``_list_items``)."""
    subject = first.subject
    if count < 2 or not subject:
        return None
    clause = s[_last_break(s, lex.breaks.sentence, first.char_start):first.char_start]
    if RESPECTIVELY in subject:                 # 工业技改投资、制造业技改投资增速分别高于全国
        subject = subject.replace(RESPECTIVELY, "")
        if not subject.strip(TRIM_CHARS):
            return None
    elif subject not in clause or RESPECTIVELY not in clause[clause.rfind(subject) + len(subject):]:
        return None
    items = _list_items(subject, count, lex)
    if items is None or len(items) == count:
        return items
    if count % len(items) == 0 and len(items) > 1:  # 分别从645元/月、4318元/年提高到801元/月、7226元/年
        return items * (count // len(items))
    return None


def _list_items(subject: str, count: int, lex: Lexicon) -> Optional[list[str]]:
    """城乡低保标准 → 城市低保标准, 农村低保标准; 一二三产增加值 → 一产…, 二产…, 三产…;
    A、B和C → A, B, C with their shared head, tail and prefix (``_shared_words``)."""
    sectors = SECTOR_RUN.match(subject)                     # 一二三产增加值: 一产, 二产, 三产
    if sectors and len(sectors.group(1)) == count:
        return [f"{digit}{sectors.group(2)}{sectors.group(3)}" for digit in sectors.group(1)]
    items = [item for item in LIST_SPLIT.split(subject) if item]
    if len(items) == 1:
        return _coordinated(subject)
    if len(items) > count:              # 信息传输、租赁和商务服务业增加值: 和 inside an item's name
        items = [item for item in subject.split(ENUMERATION) if item]
        if len(items) != count:
            return None
    if count % len(items):
        return None
    return _shared_words(items, lex)


ENUMERATION = "、"


COORDINATED = (("城乡低保", ("城市低保", "农村低保")),      # the social assistance schemes are named
               ("城乡特困", ("城市特困", "农村特困")),      # 城市… and 农村…
               ("城乡", ("城镇", "农村")))


def _coordinated(subject: str) -> Optional[list[str]]:
    """城乡居民人均可支配收入分别增长4.4%、5.8%: 城乡 abbreviates a pair of items
    (城镇居民…, 农村居民…; 城乡低保 is 城市低保 and 农村低保, 城乡特困人员 城市… and 农村…).

    >>> _coordinated("城乡特困人员基本生活标准")
    ['城市特困人员基本生活标准', '农村特困人员基本生活标准']
    """
    for short, pair in COORDINATED:
        if subject.startswith(short) and len(subject) > len(short):
            return [part + subject[len(short):] for part in pair]
    return None


def _shared_words(items: list[str], lex: Lexicon) -> list[str]:
    """The items of a list before 分别, each with what the list shares: the tail of the last
    item (``_shared_tail``, ``_tail_after_last_word``), a head noun of the lexicon or the
    measured thing of the first item (``_shared_entity``)."""
    for share in (_shared_tail, _tail_after_last_word, _shared_head, _noun_tail, _shared_entity,
                  _shared_denominator):
        shared = share(items, lex)
        if shared != items:
            return shared
    return items


PER_UNIT = "单位"                        # 单位国内生产总值: per unit of the base that follows


def _shared_denominator(items: list[str], lex: Lexicon) -> list[str]:
    """单位国内生产总值能源消耗和二氧化碳排放 → 单位国内生产总值能源消耗, 单位国内生产总值二氧化碳排放:
    a ``prefix`` word that names a denominator (单位 + its base) opening the first item makes
    every item an intensity of that base, whatever their ends (规模以上 only with a shared tail).

    >>> _shared_denominator(["单位国内生产总值能源消耗", "二氧化碳排放"], EXTRACT)
    ['单位国内生产总值能源消耗', '单位国内生产总值二氧化碳排放']
    >>> _shared_denominator(["规模以上工业增加值", "固定资产投资"], EXTRACT)
    ['规模以上工业增加值', '固定资产投资']
    """
    if not items[0].startswith(PER_UNIT):
        return items
    return _shared_prefix(items, lex)


def _shared_head(items: list[str], lex: Lexicon) -> list[str]:
    """专业技术人才、技能人才总量 → 专业技术人才总量, 技能人才总量: only the last item ends with a
    ``head`` noun, and no earlier item ends with one of its own (事故起数、死亡人数)."""
    head = next((h for h in lex.head if items[-1].endswith(h) and items[-1] != h), None)
    if head is None or any(item.endswith(h) for item in items[:-1] for h in lex.head):
        return items
    return [item + head for item in items[:-1]] + [items[-1]]


PARALLEL_MAX = 4                        # chars of the parallel words before a shared tail


def _shared_tail(items: list[str], lex: Lexicon) -> list[str]:
    """城镇和农村常住居民人均可支配收入分别增长…: the earlier items are words as long as the
    first word of the last one (城镇 / 农村), which carries the tail they share.

    >>> _shared_tail(["城镇", "农村常住居民人均可支配收入"], EXTRACT)
    ['城镇常住居民人均可支配收入', '农村常住居民人均可支配收入']
    >>> _shared_tail(["森林覆盖率", "草原综合植被盖度"], EXTRACT)
    ['森林覆盖率', '草原综合植被盖度']
    >>> _shared_tail(["生产总值", "人均生产总值"], EXTRACT)
    ['生产总值', '人均生产总值']
    >>> _shared_tail(["原煤", "原油", "天然气产量"], EXTRACT)     # 天然气 is one word: no split at 2
    ['原煤', '原油', '天然气产量']
    """
    lengths = {len(item) for item in items[:-1]}
    if len(lengths) != 1:
        return items
    n = lengths.pop()
    last = items[-1]
    if n > PARALLEL_MAX or len(last) <= n + 1 or any(item in last for item in items[:-1]):
        return items                    # 生产总值、人均生产总值: each already names its measure
    if n not in _boundaries(last, lex):
        return items                    # the parallel word of the last item is not n long
    tail = last[n:]
    if any(item.endswith(tail) for item in items[:-1]) or len(tail) <= 2 and n >= 4:
        return items                    # 省外游客、入境过夜游客 / 事故起数、死亡人数同比: whole nouns
    return [item + tail for item in items[:-1]] + [last]


def _tail_after_last_word(items: list[str], lex: Lexicon) -> list[str]:
    """规模以上高技术制造业和装备制造业增加值: the last word of each earlier item (制造业) stands
    in the last item too, and what follows it there (增加值) is the tail they share.

    >>> _tail_after_last_word(["工业技改投资", "制造业技改投资增速高于全国"], EXTRACT)
    ['工业技改投资增速高于全国', '制造业技改投资增速高于全国']
    >>> _tail_after_last_word(["生产总值", "人均生产总值"], EXTRACT)
    ['生产总值', '人均生产总值']
    """
    last = items[-1]
    bounds = _boundaries(last, lex)
    tails = set()
    for item in items[:-1]:
        word = item[max(b for b in _boundaries(item, lex) if b < len(item)):]
        at = last.rfind(word)
        if len(word) < 2 or at <= 0 or at + len(word) not in bounds or at + len(word) == len(last):
            return items
        tails.add(last[at + len(word):])
    if len(tails) != 1:
        return items
    tail = tails.pop()
    if len(tail) <= 2:
        return items                    # 接待省外游客、入境过夜游客人次: whole nouns, a unit-like tail
    return _shared_prefix([item + tail for item in items[:-1]] + [last], lex)


def _noun_tail(items: list[str], lex: Lexicon) -> list[str]:
    """机构内集中养育和社会散居孤儿津贴标准 → 机构内集中养育孤儿津贴标准, …: the earlier items
    end with a verb (养育), so they modify the nouns that close the last item (孤儿津贴标准).

    >>> _noun_tail(["机构内集中养育", "社会散居孤儿津贴标准"], EXTRACT)
    ['机构内集中养育孤儿津贴标准', '社会散居孤儿津贴标准']
    """
    tokens = list(lex.words.tokenizer().cut(items[-1]))
    nouns = 0
    while nouns < len(tokens) and _nounish(tokens[-1 - nouns]):
        nouns += 1
    if not 0 < nouns < len(tokens):
        return items
    if not all(_last_token_flag(item, lex) in VERB_FLAGS for item in items[:-1]):
        return items
    tail = "".join(t.word for t in tokens[len(tokens) - nouns:])
    return [item + tail for item in items[:-1]] + [items[-1]]


VERB_FLAGS = ("v", "vn")
UNTAGGED = "x"                          # jieba's flag of punctuation, and of a user-dictionary word
                                        # once another tokenizer has loaded (跨境电子商务)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _nounish(token) -> bool:
    """A noun, or a Chinese word jieba leaves untagged (a policy term of the user dictionary)."""
    return token.flag.startswith("n") or token.flag == UNTAGGED and bool(CJK.search(token.word))


def _words(phrase: str, lex: Lexicon) -> list[str]:
    bounds = sorted(_boundaries(phrase, lex))
    return [phrase[a:b] for a, b in zip(bounds, bounds[1:])]


def _last_token_flag(phrase: str, lex: Lexicon) -> str:
    tokens = list(lex.words.tokenizer().cut(phrase))
    return tokens[-1].flag if tokens else ""


ENTITY_ITEM = 4                         # chars of a last item that is only a measure (死亡人数, 花费)


def _shared_entity(items: list[str], lex: Lexicon) -> list[str]:
    """生产安全事故起数和死亡人数 / 入境游客数量和花费: the first item is a thing and its measure
    (a ``head`` word), the last a short measure of the same thing, which it gets.

    >>> _shared_entity(["生产安全事故起数", "死亡人数"], EXTRACT)
    ['生产安全事故起数', '生产安全事故死亡人数']
    """
    if len(items) != 2 or len(items[1]) > ENTITY_ITEM:
        return items
    first, last = items
    head = next((h for h in lex.head if first.endswith(h) and len(first) > len(h)), None)
    if head is None or len(first) - len(head) not in _boundaries(first, lex) or last.endswith(head):
        return items
    if any(word in first for word in _words(last, lex)):
        return items                    # 开发区规上工业增加值、工业投资: the last names its own thing
    return [first, first[:-len(head)] + last]


def _shared_prefix(items: list[str], lex: Lexicon) -> list[str]:
    """规模以上高技术制造业增加值、装备制造业增加值 → …, 规模以上装备制造业增加值: a ``prefix`` word
    opening the first item qualifies every item of a list whose items end with the same word
    (``_tail_after_last_word``; not 规上制造业、工业战略性新兴产业增加值)."""
    prefix = next((p for p in lex.list_prefix if items[0].startswith(p) and len(items[0]) > len(p)), None)
    if prefix is None:
        return items
    return [items[0]] + [item if item.startswith(prefix) else prefix + item for item in items[1:]]


TIMES = "次"                            # 500余场次, 91艘次: the unit 场 or 艘 counted in times


def _figure_end(s: str, raw: RawFigure, lex: Lexicon) -> int:
    """Where the figure and its suffix end, with a 次 glued to a count unit (500余场|次 → after
    次: 次 is no subject)."""
    end = raw.end
    if s.startswith(TIMES, end) and raw.unit is not None and _counts(raw, lex):
        end += len(TIMES)
    return end + len(_suffix_text(s, end, lex))


def _after_phrase(s: str, raw: RawFigure, next_start: int, lex: Lexicon) -> str:
    pos = _figure_end(s, raw, lex)
    limit = min(len(s), max(pos, next_start))
    stop = lex.breaks.after.search(s, pos, limit)      # not beyond the next figure: linear on huge lines
    end = stop.start() if stop else limit
    return s[pos:end]
