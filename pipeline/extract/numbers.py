"""Parsing quantities: Arabic and Chinese numbers, 余/多, scales (万, 亿), units, ranges,
ratios, 百分之N / 千分之N / N分之M and 翻一番.

Produces ``RawFigure`` rows (a figure before any context is read); which of them are kept is
``scan``'s business. The scale words are ``extract_scales.tsv`` and 百分之 / 千分之
``extract_percent.tsv`` (both held by the ``Lexicon``); Chinese numerals are read with the
digits of ``pipeline.chars``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from pipeline.chars import CN_BIG_UNITS, CN_DIGITS, CN_SMALL_UNITS
from pipeline.extract.clauses import GAP
from pipeline.extract.qualifiers import _infix_at, _suffix_at

if TYPE_CHECKING:
    from pipeline.extract.lexicons import Lexicon, PerWord, Qualifier, Unit

ARABIC = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
# The characters of a Chinese numeral in prose. Not ○ (chars.CN_DIGITS has it as a zero):
# in plans ○ is a bullet (clauses.TRIM_CHARS), and no numeral here is printed with it.
CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
NUMBER = re.compile(rf"(?<![0-9.])(?P<ar>{ARABIC})|(?P<cn>[{CN_CHARS}]+)")
# A Chinese numeral carries the scale of its last big units (五百万 → 500 × 万), longest first.
CN_SCALES = (("万亿", Decimal(CN_BIG_UNITS["万"] * CN_BIG_UNITS["亿"])),
             ("亿", Decimal(CN_BIG_UNITS["亿"])), ("万", Decimal(CN_BIG_UNITS["万"])))
SCALE_RUN = re.compile(r"([十百千])?(万亿|亿|万)?")   # 百亿, 千亿, 十万: scale words alone
LEVEL_PASSED = ("台阶", "大关")           # 跨上万亿元台阶: a level passed, named by its size
COUNT_BEFORE = ("个", "家", "项")
CHANGE_VERBS = ("新增", "增加", "减少", "压减")   # 新增千万吨产能: an amount changed          # 两个万亿元台阶, 12个百亿元项目: a count of things of that size
UNITLESS_MIN_SCALE = Decimal(CN_BIG_UNITS["万"])   # 总量达到680万: a number without unit needs 万 or more
ALTERNATIVE_UNIT = re.compile(r"[（(]([^（）()]{1,8})[）)]")   # 47万套（间）, 1000兆比特/秒（Mbps）
LATIN_UNIT = re.compile(r"[A-Za-z][A-Za-z/]{0,7}")                # the Latin spelling of the unit
RANGE_SEP = re.compile(r"\s*(?:[-—–~]{1,2}|至|到)\s*")
RATIO = re.compile(r"(?<![0-9.:])[0-9]+(?:\.[0-9]+)?(?:[:∶][0-9]+(?:\.[0-9]+)?)+(?![0-9.])")
# a common fraction printed with a slash (原估算投资5亿元的2/3): a small proper fraction only, so
# that two values of a table cell (32/28) or a date (2021/5/31) are no fraction
SLASH_FRACTION = re.compile(r"(?<![0-9./])([1-9])/([2-9]|10)(?![0-9./%万千百亿])")   # not 9/10万 (a rate per 100,000)
DOUBLING = re.compile(r"翻(?:了)?(?:([一两二三四五]?)番|倍)")     # 翻一番, 翻两番, 翻倍
PER_NUMBER = r"[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"
# each number from the start of its run only: tried at every position of a long run, the
# pattern would read the rest of the run each time (quadratic)
FRACTION = re.compile(r"(?<![百千万])((?<![0-9])[0-9]+|(?<![一二两三四五六七八九十])[一二两三四五六七八九十]+)"
                      r"分之([0-9]+|[一二两三四五六七八九十]+)")
LATIN = re.compile(r"[A-Za-z]")
ORDINAL_BEFORE = "第"
SMALL_CN_LIMIT = 99                     # Chinese numerals below 100 need a scale, % or qualifier
SMALL_CN_KINDS = ("percent", "multiple")
RATE_KINDS = ("percent", "permille", "percentage_point", "multiple", "rate")
RATIO_UNIT = "ratio"
FRACTION_UNIT = "fraction"
MULTIPLE_UNIT = "倍"
PERCENT_UNIT = "%"


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


def percent_pattern(per_words: dict[str, PerWord]) -> re.Pattern:
    """百分之N / 千分之N for the words of ``extract_percent.tsv``: groups (word, number)."""
    words = "|".join(re.escape(w) for w in sorted(per_words, key=lambda w: (-len(w), w)))
    return re.compile(rf"({words})({PER_NUMBER})")


def rate_units(units: Iterable[Unit], rate_kinds: Iterable[str]) -> frozenset[str]:
    """Canonical units of rates and shares: such a figure never counts the next one's subject."""
    kinds = set(rate_kinds)
    return frozenset({u.canonical for u in units if u.kind in kinds} | {RATIO_UNIT, FRACTION_UNIT})


def _special_figures(s: str, lex: Lexicon) -> Iterator[RawFigure]:
    for match in DOUBLING.finditer(s):
        times = CN_DIGITS.get(match.group(1), 1) if match.group(1) else 1
        yield RawFigure(match.start(), match.end(), Decimal(2) ** times, None, Decimal(1),
                        MULTIPLE_UNIT, None)
    for match in lex.percent_re.finditer(s):
        word, printed = match.groups()
        per = lex.per_words[word]
        number = Decimal(per.per) if per.whole and printed == per.whole else _decimal_or_cn(printed)
        if number is not None:
            yield RawFigure(match.start(), match.end(), number, None, Decimal(1), per.unit, None)
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


def _slash_fraction(s: str, start: int) -> Optional[RawFigure]:
    """2/3 -> the fraction 2/3 (unit "fraction", as 三分之二), when proper (numerator below the
    denominator) and not beside a Latin letter (24/7, G2/3)."""
    match = SLASH_FRACTION.match(s, start)
    if match is None or _latin_beside(s, match.start(), match.end()):
        return None
    numerator, denominator = int(match.group(1)), int(match.group(2))
    if numerator >= denominator:
        return None
    return RawFigure(match.start(), match.end(), Decimal(numerator) / Decimal(denominator), None, Decimal(1),
                     FRACTION_UNIT, None)


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
        scale_match = lex.scale_re.match(s, pos)
        if scale_match:
            scale *= lex.scales[scale_match.group()]
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
        if alternative and (alternative.group(1) in lex.units or LATIN_UNIT.fullmatch(alternative.group(1))):
            pos = alternative.end()
    return Quantity(start, pos, number, scale, unit, infix, chinese, explicit_scale)


def _bare_scale(s: str, match: re.Match, lex: Lexicon) -> Optional[tuple[Decimal, Decimal]]:
    """超千万, 近百万, 突破百亿元, 千余家, 跨上万亿元台阶, 新增千万吨产能: scale words alone (a
    scale of ``extract_scales.tsv``, or 十/百/千 before 万/亿/万亿) are one of it when a prefix
    touches them, 余/多 follows them, or a unit follows them and then 台阶/大关 (a level passed)
    or before them a verb of change (新增); not when a count stands before them (连跨两个万亿元台阶,
    12个百亿元项目: the size of each), nor with a unit alone (新一轮千万吨粮食增产计划, 千户苗寨)."""
    run = match.group("cn")
    value = _scale_run(run, lex)
    if value is None:
        return None
    start, end = match.start(), match.end()
    if any(s.endswith(q.printed, 0, start) for q in lex.prefixes):
        return value
    if lex.infix_re.match(s, end):
        return value
    unit = _unit_at(s, end, lex)
    if unit is None or any(s.endswith(measure, 0, start) for measure in COUNT_BEFORE):
        return None
    if s.startswith(LEVEL_PASSED, end + len(unit.printed)) or s.endswith(CHANGE_VERBS, 0, start):
        return value
    return None


def _scale_run(run: str, lex: Lexicon) -> Optional[tuple[Decimal, Decimal]]:
    """(number, scale) of scale words alone: 千万 → (1, 1e7) as in extract_scales.tsv,
    千亿 → (1000, 1e8) as a numeral would read, 百 → (100, 1); None for anything else."""
    if run in lex.scales:
        return Decimal(1), lex.scales[run]
    found = SCALE_RUN.fullmatch(run)
    if found is None or not run:
        return None
    small, big = found.groups()
    number = Decimal(CN_SMALL_UNITS[small]) if small else Decimal(1)
    scale = next((factor for suffix, factor in CN_SCALES if big == suffix), Decimal(1))
    return number, scale


def _spaced(s: str, start: int, pos: int, lex: Lexicon) -> int:
    """Skip one space before a scale (1256 万人), a rate unit (5 %) or, after a number of three
    or more characters, any unit (134.9 亿元, 600 公里); a list number (1 人才…) stays bare."""
    gap = GAP.match(s, pos).end()
    if gap == pos:
        return pos
    unit = _unit_at(s, gap, lex)
    if (lex.scale_re.match(s, gap) or unit is not None and (unit.kind in RATE_KINDS or pos - start >= 3)):
        return gap
    return pos


def _is_figure(q: Quantity) -> bool:
    if q.unit is not None and not q.unit.emits(q.number, q.explicit_scale):
        return False
    if q.unit is None:
        return q.scale >= UNITLESS_MIN_SCALE
    if q.chinese and not q.explicit_scale and q.number <= SMALL_CN_LIMIT:
        return q.unit.kind in SMALL_CN_KINDS or q.infix is not None
    return True


def _bare_level(s: str, q: Quantity, lex: Lexicon) -> bool:
    """稳定在1以上: an Arabic number without unit between a weak prefix and a strong suffix;
    收入比值由3.27缩小至2.93: one with a decimal part that a weak prefix touches (2.93), or
    from 由/从 to a weak prefix (3.27) — a ratio or index, never a list number or a year."""
    if q.unit is not None or q.chinese or q.scale != 1:
        return False
    weak = [p.printed for p in lex.prefixes if not p.strong]
    suffix = _suffix_at(s, q.end, lex)
    if suffix is not None and suffix.strong and any(s.endswith(p, 0, q.start) for p in weak):
        return True
    if "." not in s[q.start:q.end]:
        return False
    if any(s.endswith(p, 0, q.start) for p in weak):
        return True
    return (any(s.endswith(source, 0, q.start) for source in lex.source)
            and any(s.startswith(p, q.end) for p in weak))


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
    if high.unit is not None and not high.unit.emits(high.number, high.explicit_scale):
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


def _latin_beside(s: str, start: int, end: int) -> bool:
    before = s[start - 1] if start > 0 else ""
    after = s[end] if end < len(s) else ""
    return bool(LATIN.match(before) or LATIN.match(after))


def _cn_number(run: str) -> Optional[tuple[Decimal, Decimal]]:
    """(number, scale) of a Chinese numeral: 五百万 → (500, 1e4); None when malformed."""
    total = _cn_value(run)
    if total is None:
        return None
    scale = next((factor for suffix, factor in CN_SCALES if run.endswith(suffix)), Decimal(1))
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
