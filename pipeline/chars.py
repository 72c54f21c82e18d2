"""Character classes, Chinese numerals and line breaks: the one definition every stage uses."""
from __future__ import annotations

import re
from typing import Optional

# CJK Unified Ideographs, Extension A, Compatibility Ideographs and the supplementary planes
# (Extensions B–H): every character that is a Han character in a document.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_RANGES}]")
HAN_WORD = re.compile(f"^[{HAN_RANGES}]+$")

# What ends a line in raw text: the three conventions, each once.
LINE_BREAK = re.compile(r"\r\n|\r|\n")

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10 ** 4, "亿": 10 ** 8}


def year_number(text: str) -> int:
    """A year printed in Arabic or Chinese digits: 二〇二六 -> 2026.

    >>> year_number("2026"), year_number("二〇二六")
    (2026, 2026)
    """
    return int(text) if text.isdigit() else int("".join(str(CN_DIGITS[ch]) for ch in text))


def iso_date(year: str, month: str, day: str) -> Optional[str]:
    """An ISO date from its printed parts (Arabic or Chinese numerals), None if impossible.

    >>> iso_date("二〇二六", "一", "二十七"), iso_date("2021", "13", "1")
    ('2026-01-27', None)
    """
    m, d = cn_to_int(month), cn_to_int(day)
    if not m or not d or not 1 <= m <= 12 or not 1 <= d <= 31:
        return None
    return f"{year_number(year):04d}-{m:02d}-{d:02d}"


def cn_to_int(text: str) -> Optional[int]:
    """Arabic or Chinese numeral up to 99 (heading and list numbers) -> int.

    >>> cn_to_int("十二"), cn_to_int("二十"), cn_to_int("三"), cn_to_int("12"), cn_to_int("二〇")
    (12, 20, 3, 12, 20)
    >>> cn_to_int("第一") is None
    True
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + CN_DIGITS[ch]
        return value
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
