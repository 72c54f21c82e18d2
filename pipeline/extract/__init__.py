"""Outline → list[Target]: the numeric targets printed in a plan's prose.

Entry function: ``extract_targets(outline, lexicon)``, with ``lexicon =
load_extract_lexicon(lexicon_dir)`` loaded once by the caller. ``extract_from_text(text,
lexicon, ...)`` runs the same rules on one string and returns ``Figure`` rows (used by tests
and notebooks).

Where each step is done (modules of this package):

* ``targets`` — extract_targets: the prose paragraphs of an outline → Target rows.
* ``figures`` — extract_from_text: one paragraph → Figure rows (the steps below, in order).
* ``scan`` — finding the figures of a text and dropping non-targets.
* ``numbers`` — Arabic and Chinese numbers, scales, units, ranges, ratios, 百分之N.
* ``qualifiers`` — 以上, 左右, 超过, 达到…: qualifier and comparator.
* ``periods`` — PlanPeriod, time cues (到2025年, 十四五期间) and which one frames a figure.
* ``role`` — baseline, actual or target.
* ``subject`` — the ordered SUBJECT_RULES; ``phrases`` — cutting and trimming subject phrases.
* ``clauses`` — folding, sentence and clause breaks; ``words`` — jieba (set up on first use).
* ``lexicons`` — ``load_extract_lexicon``: the TSV lexicons, read strictly into a ``Lexicon``.

What is read: paragraphs of kind paragraph, column, heading_runin and note. Tables and
residue are the indicator table's business (segment), front matter is metadata.

What a figure is (after folding full-width digits, ％, ．, ：, ～, 〜, － to ASCII, which keeps
offsets):

* a quantity: a number — Arabic (4500, 1.75, 4,500, ５００) or Chinese (五百, 一千二百, 两千) —
  then optionally 余/多, a scale from ``lexicons/extract_scales.tsv`` (万 1e4, 亿 1e8, 万亿 1e12,
  千万 1e7, 百万 1e6, 千 1e3), 余/多 again, and a unit from ``lexicons/units.tsv`` (人, 名, 元, %, 个百分点 …). ``unit`` is the
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
* 百分之N (unit %; 百分之百 = 100), 千分之N (unit ‰) (``extract_percent.tsv``), N分之M (unit "fraction", number = value =
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

>>> [(f.mention, f.value, f.unit, f.comparator) for f in extract_from_text("城镇新增就业500万人以上。", EXTRACT)]
[('500万人以上', 5000000.0, '人', 'ge')]
"""
from __future__ import annotations

from pipeline.extract.figures import Figure, extract_from_text
from pipeline.extract.lexicons import (BREAKS_FILE, FILES, NONTARGETS_FILE, PERCENT_FILE, PERIODS_FILE,
                                       QUALIFIERS_FILE, ROLES_FILE, SCALES_FILE, SUBJECT_FILE,
                                       UNITS_FILE, Lexicon, load_extract_lexicon)
from pipeline.extract.periods import PlanPeriod, plan_period
from pipeline.extract.targets import extract_targets

__all__ = [
    "extract_targets", "extract_from_text", "Figure", "PlanPeriod", "plan_period",
    "load_extract_lexicon", "Lexicon", "FILES", "UNITS_FILE", "QUALIFIERS_FILE", "PERIODS_FILE",
    "ROLES_FILE", "NONTARGETS_FILE", "SUBJECT_FILE", "SCALES_FILE", "PERCENT_FILE", "BREAKS_FILE",
]
