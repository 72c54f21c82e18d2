"""Normalize stage: Traditional (possibly Taiwan-worded) text -> mainland Simplified.

    normalize(raw: RawDocument) -> NormalizedDocument
    normalize_text(text: str) -> str

For one document:

1. *Script.* Count the characters OpenCC ``t2s`` would change (Traditional) and those ``s2t``
   would change (Simplified-only). A Simplified document is returned unchanged, line for line.
2. *Characters.* Every line goes through ``opencc.OpenCC("t2s")`` on its own, so line ``i`` of
   the output is line ``i`` of the input (tabs between HTML cells survive).
3. *Taiwan phrasing.* Strong markers of the phrase table (最佳化, 网际网路, 资料库 …) are counted
   in the converted text; enough of them mark the document as Taiwan-worded.
4. *Phrase table.* ``lexicons/phrases_tw2cn.tsv`` is applied left to right, longest match
   first. Character-level fixes apply to every Traditional document; Taiwan vocabulary only
   to Taiwan-worded ones (see the file header for the conditions). Each substitution is
   recorded as a :class:`~pipeline.model.Conversion`.

Only opencc-python-reimplemented (module ``opencc``, pure Python) is used.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import opencc

from pipeline.config import LEXICON_DIR
from pipeline.errors import RuleError
from pipeline.model import Conversion, NormalizedDocument, RawDocument

PHRASE_TABLE = LEXICON_DIR / "phrases_tw2cn.tsv"
COLUMNS = ("taiwan_form", "mainland_form", "condition", "rule_id", "marker", "example")

# share of convertible characters that are Traditional: below -> simplified, at or above -> traditional
SIMPLIFIED_MAX_SHARE = 0.02
TRADITIONAL_MIN_SHARE = 0.90
# distinct strong Taiwan markers needed to call a document Taiwan-worded; short texts need fewer
MIN_MARKERS = 2
MIN_MARKERS_SHORT = 1
SHORT_TEXT_CHARS = 2000
# only_if_mainland_rare: the Taiwan form must be at least this many times as frequent
RARE_RATIO = 5

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CONDITION_FLAG_RE = re.compile(r"^(only_if_taiwan_phrasing|only_if_mainland_rare)$")
CONDITION_CONTEXT_RE = re.compile(r"^(not_before|not_after):(.+)$")


# --------------------------------------------------------------------------- phrase table


@dataclass(frozen=True)
class PhraseRule:
    """One row of the phrase table (see the header of ``phrases_tw2cn.tsv``)."""

    source: str
    target: str
    rule_id: str
    taiwan_only: bool = False
    only_if_mainland_rare: bool = False
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    marker: bool = False
    example: str = ""

    @property
    def is_keep(self) -> bool:
        return self.source == self.target

    def allowed_by_context(self, text: str, start: int, end: int) -> bool:
        """True unless the neighbouring text is excluded by not_before / not_after."""
        if any(text.startswith(word, end) for word in self.not_before):
            return False
        return not any(text.endswith(word, 0, start) for word in self.not_after)


@dataclass(frozen=True)
class PhraseTable:
    rules: dict[str, tuple[PhraseRule, ...]]   # source form -> rules in file order
    max_len: int
    marker_re: Optional[re.Pattern]

    def all_rules(self) -> tuple[PhraseRule, ...]:
        return tuple(rule for rules in self.rules.values() for rule in rules)


def _parse_condition(text: str, rule_id: str) -> dict:
    fields: dict = {"taiwan_only": False, "only_if_mainland_rare": False, "not_before": (), "not_after": ()}
    for clause in filter(None, (part.strip() for part in text.split(";"))):
        if CONDITION_FLAG_RE.match(clause):
            fields["taiwan_only"] = True
            if clause == "only_if_mainland_rare":
                fields["only_if_mainland_rare"] = True
            continue
        context = CONDITION_CONTEXT_RE.match(clause)
        if not context:
            raise RuleError(rule_id, f"unknown condition {clause!r} in {PHRASE_TABLE.name}")
        fields[context.group(1)] = tuple(word for word in context.group(2).split("|") if word)
    return fields


def _parse_row(cells: list[str], line_no: int) -> PhraseRule:
    if len(cells) != len(COLUMNS):
        raise RuleError(f"{PHRASE_TABLE.name}:{line_no}",
                        f"expected {len(COLUMNS)} columns, got {len(cells)}")
    source, target, condition, rule_id, marker, example = (cell.strip() for cell in cells)
    if not source or not rule_id:
        raise RuleError(f"{PHRASE_TABLE.name}:{line_no}", "taiwan_form and rule_id are required")
    if marker not in ("", "strong"):
        raise RuleError(rule_id, f"marker must be empty or 'strong', got {marker!r}")
    return PhraseRule(source=source, target=target, rule_id=rule_id, marker=marker == "strong",
                      example=example, **_parse_condition(condition, rule_id))


def parse_phrase_table(lines: Iterable[str]) -> PhraseTable:
    """Build a :class:`PhraseTable` from TSV lines (comments start with ``#``)."""
    rules: dict[str, list[PhraseRule]] = {}
    seen_ids: set[str] = set()
    header_seen = False
    for line_no, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise RuleError(PHRASE_TABLE.name, f"header must be {'<TAB>'.join(COLUMNS)}")
            header_seen = True
            continue
        rule = _parse_row(cells, line_no)
        if rule.rule_id in seen_ids:
            raise RuleError(rule.rule_id, "duplicate rule id")
        seen_ids.add(rule.rule_id)
        rules.setdefault(rule.source, []).append(rule)
    markers = sorted({r.source for rs in rules.values() for r in rs if r.marker}, key=lambda s: (-len(s), s))
    marker_re = re.compile("|".join(map(re.escape, markers))) if markers else None
    max_len = max((len(source) for source in rules), default=0)
    return PhraseTable({k: tuple(v) for k, v in rules.items()}, max_len, marker_re)


@functools.lru_cache(maxsize=None)
def load_phrase_table(path: Path = PHRASE_TABLE) -> PhraseTable:
    """The reviewed phrase table, loaded once."""
    with open(path, encoding="utf-8") as handle:
        return parse_phrase_table(handle)


# --------------------------------------------------------------------------- OpenCC


@functools.lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration (``t2s``, ``s2t`` …), created once."""
    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=None)
def _char_kind(char: str) -> str:
    """'t' if t2s changes the character, 's' if s2t does, '' otherwise."""
    if converter("t2s").convert(char) != char:
        return "t"
    if converter("s2t").convert(char) != char:
        return "s"
    return ""


# --------------------------------------------------------------------------- detection


def detect_script(lines: Iterable[str]) -> str:
    """Script of ``lines``: "traditional", "simplified" or "mixed".

    Decided by the share of Traditional characters (changed by t2s) among all convertible ones
    (changed by t2s or by s2t).
    """
    n_trad = n_simp = 0
    for line in lines:
        for char in CJK_RE.findall(line):
            kind = _char_kind(char)
            n_trad += kind == "t"
            n_simp += kind == "s"
    if n_trad == 0:
        return "simplified"
    share = n_trad / (n_trad + n_simp)
    if share < SIMPLIFIED_MAX_SHARE:
        return "simplified"
    return "traditional" if share >= TRADITIONAL_MIN_SHARE else "mixed"


def marker_forms(text: str, table: PhraseTable) -> tuple[str, ...]:
    """Distinct strong Taiwan markers found in character-converted ``text``, sorted."""
    return tuple(sorted(set(table.marker_re.findall(text)))) if table.marker_re else ()


def has_taiwan_phrasing(text: str, table: PhraseTable) -> bool:
    """Enough distinct strong markers (最佳化, 网际网路 …) for the text's length.

    Distinct forms, not occurrences: one stray word repeated in a long mainland-origin text
    does not make it Taiwan-worded.
    """
    needed = MIN_MARKERS_SHORT if len(CJK_RE.findall(text)) < SHORT_TEXT_CHARS else MIN_MARKERS
    return len(marker_forms(text, table)) >= needed


# --------------------------------------------------------------------------- substitution


@dataclass
class PhraseContext:
    """Document-level facts the rule conditions depend on."""

    taiwan: bool
    text: str                                  # whole character-converted document
    rare: dict = field(default_factory=dict)   # (taiwan, mainland) -> mainland form is rare

    def mainland_rare(self, rule: PhraseRule) -> bool:
        """The mainland form is absent, or at most 1/RARE_RATIO as frequent as the Taiwan form."""
        key = (rule.source, rule.target)
        if key not in self.rare:
            self.rare[key] = self.text.count(rule.target) * RARE_RATIO <= self.text.count(rule.source)
        return self.rare[key]


def _rule_applies(rule: PhraseRule, line: str, start: int, end: int, ctx: PhraseContext) -> bool:
    if rule.taiwan_only and not ctx.taiwan:
        return False
    if rule.only_if_mainland_rare and not ctx.mainland_rare(rule):
        return False
    return rule.allowed_by_context(line, start, end)


def _match_at(line: str, pos: int, table: PhraseTable, ctx: PhraseContext) -> Optional[PhraseRule]:
    """The rule for the longest applicable form starting at ``pos``."""
    for length in range(min(table.max_len, len(line) - pos), 0, -1):
        for rule in table.rules.get(line[pos:pos + length], ()):
            if _rule_applies(rule, line, pos, pos + length, ctx):
                return rule
    return None


def apply_phrases(line: str, table: PhraseTable, ctx: PhraseContext,
                  doc_id: str = "", line_no: int = 0) -> tuple[str, list[Conversion]]:
    """Apply the phrase table to one character-converted line."""
    out: list[str] = []
    conversions: list[Conversion] = []
    out_len = pos = 0
    while pos < len(line):
        rule = _match_at(line, pos, table, ctx)
        if rule is None:
            out.append(line[pos])
            out_len += 1
            pos += 1
            continue
        out.append(rule.target)
        if not rule.is_keep:
            conversions.append(Conversion(doc_id, line_no, out_len, out_len + len(rule.target),
                                          rule.source, rule.target, rule.rule_id))
        out_len += len(rule.target)
        pos += len(rule.source)
    return "".join(out), conversions


# --------------------------------------------------------------------------- entry points


@dataclass(frozen=True)
class _Result:
    lines: tuple[str, ...]
    script: str
    taiwan_phrasing: bool
    conversions: tuple[Conversion, ...]


def _normalize_lines(lines: tuple[str, ...], doc_id: str = "",
                     taiwan_phrasing: Optional[bool] = None) -> _Result:
    script = detect_script(lines)
    if script == "simplified" and taiwan_phrasing is None:
        return _Result(lines, script, False, ())
    t2s = converter("t2s")
    converted = tuple(t2s.convert(line) for line in lines)
    table = load_phrase_table()
    text = "\n".join(converted)
    taiwan = has_taiwan_phrasing(text, table) if taiwan_phrasing is None else taiwan_phrasing
    ctx = PhraseContext(taiwan, text)
    out_lines: list[str] = []
    conversions: list[Conversion] = []
    for line_no, line in enumerate(converted, start=1):
        new_line, found = apply_phrases(line, table, ctx, doc_id, line_no)
        out_lines.append(new_line)
        conversions.extend(found)
    return _Result(tuple(out_lines), script, taiwan, tuple(conversions))


def normalize(raw: RawDocument) -> NormalizedDocument:
    """Traditional / Taiwan-worded document -> mainland Simplified, line i <-> raw line i."""
    result = _normalize_lines(tuple(raw.lines), raw.meta.doc_id)
    return NormalizedDocument(raw=raw, lines=result.lines, script=result.script,
                              taiwan_phrasing=result.taiwan_phrasing, conversions=result.conversions)


def normalize_text(text: str, *, taiwan_phrasing: Optional[bool] = None) -> str:
    """Normalize one string (lines split on ``\\n`` and joined back).

    ``taiwan_phrasing`` forces the Taiwan-vocabulary decision (and conversion even of text
    that looks Simplified); ``None`` detects it.

    >>> normalize_text("就業結構更加最佳化，加強網路安全")
    '就业结构更加优化，加强网络安全'
    >>> normalize_text("就业结构更加优化")
    '就业结构更加优化'
    """
    return "\n".join(_normalize_lines(tuple(text.split("\n")), taiwan_phrasing=taiwan_phrasing).lines)


def find_taiwan_forms(lines: Iterable[str], *, document_text: Optional[str] = None) -> list[Conversion]:
    """Substitutions the phrase table would still make on already normalized ``lines`` (QA).

    ``document_text`` is the character-converted document the ``only_if_mainland_rare``
    conditions were judged on (defaults to the lines themselves).
    """
    lines = tuple(lines)
    ctx = PhraseContext(True, "\n".join(lines) if document_text is None else document_text)
    found: list[Conversion] = []
    for line_no, line in enumerate(lines, start=1):
        found.extend(apply_phrases(line, load_phrase_table(), ctx, "", line_no)[1])
    return found


def to_raw_offset(doc: NormalizedDocument, line: int, offset: int) -> int:
    """Offset in raw line ``line`` (1-based) of normalized offset ``offset``.

    t2s maps code point to code point, so only phrase substitutions of a different length
    (网际网路 -> 互联网) move text; an offset inside such a target maps to its start.

    >>> from pipeline.model import DocumentMeta, RawDocument
    >>> raw = RawDocument(DocumentMeta("d"), "d.txt", "", "utf-8", "text", ("聚焦網際網路+、生命健康",))
    >>> doc = normalize(raw)
    >>> doc.lines[0][5:], to_raw_offset(doc, 1, 5), raw.lines[0][6:]
    ('+、生命健康', 6, '+、生命健康')
    >>> to_raw_offset(doc, 1, 3)
    2
    """
    shift = 0
    for conversion in doc.conversions:
        if conversion.line != line or conversion.char_start >= offset:
            continue
        if offset < conversion.char_end:
            return conversion.char_start + shift
        shift += len(conversion.source) - len(conversion.target)
    return offset + shift
