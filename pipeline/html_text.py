"""Judgments on the text of one HTML block, without the tree (for ``pipeline.html_blocks``):

* ``is_chrome_text(text, rules)``: the block is site chrome (【字体：大 中 小】【打印本页】);
* ``metadata_fields(text, rules)``: the kept fields of a metadata box ("发文字号：…"), or None;
* ``clean_block(text)``: a block's text with invisible characters dropped and spaces collapsed.

``rules`` is the chrome lexicon (``pipeline.html_chrome.load_chrome_rules``). Plain strings
in, plain strings out: nothing here imports bs4.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.chars import HAN_RANGES
from pipeline.html_chrome import METADATA_VALUE_MAX_CHARS, ChromeRules, MetadataLabel

# a date with an optional time: 2021-07-02 09:35:22, 2021年08月23日, 2021/5/31
TIMESTAMP_RE = re.compile(r"\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?"
                          r"(?:\s?\d{1,2}\s?[:：]\s?\d{2}(?:\s?[:：]\s?\d{2})?)?")
# a label the lexicon does not know, inside the value of a known one: "统计编号：…"
UNKNOWN_LABEL_RE = re.compile(f"(?<![{HAN_RANGES}])[{HAN_RANGES}]{{2,6}}[:：]")
VALUE_STRIP = " \u00a0\u3000\t【】[]|｜·•"
ASCII_SPACE_RUN_RE = re.compile(r"[ \t\n\r\f\v]+")
SPACES_BUT_TAB_RE = re.compile(r"[^\S\t]+")
INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
CJK_CHAR_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’]")


# --------------------------------------------------------------------------- chrome text


def is_chrome_text(text: str, rules: ChromeRules) -> bool:
    """True for a block that is site chrome (whole-block pattern, or only chrome fragments).

    >>> from pipeline.config import LEXICON_DIR
    >>> from pipeline.html_chrome import load_chrome_rules
    >>> rules = load_chrome_rules(LEXICON_DIR)
    >>> is_chrome_text("【字体：大 中 小】【打印本页】【关闭窗口】", rules)
    True
    >>> is_chrome_text("城镇新增就业500万人以上。", rules)
    False
    """
    text = _collapse_spaces(text)
    if any(pattern.fullmatch(text) for pattern in rules.block_res):
        return True
    rest, found = rules.fragment_re.subn("", text)
    return found > 0 and not rest.strip(rules.separators).strip()


# --------------------------------------------------------------------------- metadata fields


def metadata_fields(text: str, rules: ChromeRules) -> Optional[tuple[str, ...]]:
    """The kept fields of a metadata box ("发文字号：…"), or None when ``text`` is not one.

    ``text`` is a box (or a table row, or the 日期/来源 line under a title) when, once chrome
    fragments are cut out, it is an optional time stamp followed by "label：value" fields
    whose labels the lexicon knows (``[[metadata]]``); see the lexicon for weak labels.

    >>> from pipeline.config import LEXICON_DIR
    >>> from pipeline.html_chrome import load_chrome_rules
    >>> rules = load_chrome_rules(LEXICON_DIR)
    >>> metadata_fields("索引号：002482031/2021-770965 主题分类：社会保障 发文机关：浙江省发改委 成文日期：2021-05-31", rules)
    ('发文机关：浙江省发改委', '成文日期：2021-05-31')
    >>> metadata_fields("2021-07-02 09:35:22　　来源：人力资源社会保障部网站　　【打印本页】【关闭窗口】", rules)
    ()
    >>> metadata_fields("来源：国家统计局。", rules) is None
    True
    """
    text, chrome = rules.bounded_fragment_re.subn(" ", " ".join(text.split()))
    labels = list(rules.metadata_label_re.finditer(text))
    if not labels:
        return None
    prefix = text[: labels[0].start()].strip(VALUE_STRIP)
    if prefix and not TIMESTAMP_RE.fullmatch(prefix):
        return None
    fields: list[tuple[MetadataLabel, str]] = []
    unknown = 0
    for label, following in zip(labels, labels[1:] + [None]):
        known, *others = UNKNOWN_LABEL_RE.split(text[label.end(): following.start() if following else len(text)])
        entry = rules.metadata_labels[_squash(label["label"] or label["bare"])]
        value = known.strip(VALUE_STRIP)
        if label["bare"] and not value:
            return None                              # a header row: 文件名称 | 发文字号 | 成文日期
        if not _plausible_value(value, entry.max_chars, entry.keep != "标题", rules) or not all(
                _plausible_value(other.strip(VALUE_STRIP), METADATA_VALUE_MAX_CHARS, True, rules) for other in others):
            return None
        fields.append((entry, value))
        unknown += len(others)
    if unknown > len(fields) or not any(value for _, value in fields):
        return None
    if not (prefix or chrome or any(not label.weak or TIMESTAMP_RE.fullmatch(value) for label, value in fields)):
        return None                                  # weak fields alone: "来源：国家统计局"
    return _kept_fields(fields)


def _plausible_value(value: str, max_chars: int, no_title: bool, rules: ChromeRules) -> bool:
    """Short, no sentence end, and (unless it is the title field) no document title in it:
    text that ran on past the box ("发文字号：桂政办发〔2021〕95号 …关于印发…的通知")."""
    if len(value) > max_chars or "。" in value:
        return False
    return not (no_title and any(rules.title_re.match(token) for token in value.split()))


def _kept_fields(fields: list[tuple[MetadataLabel, str]]) -> tuple[str, ...]:
    """"keep：value" for the kept fields, in order; per ``keep`` the best-ranked label wins."""
    best: dict[str, tuple[int, int]] = {}                # keep -> (rank, position)
    for position, (label, value) in enumerate(fields):
        if label.keep and value and (label.keep not in best or label.rank < best[label.keep][0]):
            best[label.keep] = (label.rank, position)
    chosen = sorted(position for _, position in best.values())
    return tuple(f"{fields[i][0].keep}：{fields[i][1]}" for i in chosen)


def _squash(text: str) -> str:
    return "".join(text.split())


# --------------------------------------------------------------------------- block text


def clean_block(text: str) -> str:
    """One block's text: invisible characters dropped, source line breaks between Chinese
    characters removed, other runs of ASCII whitespace and nbsp collapsed to one space,
    spaces (ASCII, nbsp, full-width) stripped at both ends. Inner full-width spaces stay.

    >>> clean_block("\\u00a0\\u00a0\\u3000一、规划\\n  背景\\u00a0 \\u3000")
    '一、规划背景'
    >>> clean_block("2025年  目标\\u3000值")
    '2025年 目标\\u3000值'
    """
    text = INVISIBLE_RE.sub("", text).replace("\u00a0", " ")
    text = ASCII_SPACE_RUN_RE.sub(_collapse_run, text)
    return text.strip()


def _collapse_run(match: re.Match) -> str:
    run, source = match.group(0), match.string
    if "\n" in run or "\r" in run:
        before = source[match.start() - 1] if match.start() > 0 else ""
        after = source[match.end()] if match.end() < len(source) else ""
        if CJK_CHAR_RE.match(before) and CJK_CHAR_RE.match(after):
            return ""
    return " "


def _collapse_spaces(text: str) -> str:
    return SPACES_BUT_TAB_RE.sub(" ", text).strip()
