"""Normalize stage: Traditional (possibly Taiwan-worded) text -> mainland Simplified.

    lexicon = load_normalize_lexicon(lexicon_dir)          # once, before any document
    normalize(raw: RawDocument, lexicon) -> NormalizedDocument
    normalize_text(text: str, lexicon) -> str

The lexicon (phrase table and punctuation table) is an explicit input: nothing here reads
a file on its own or at import.

For one document:

1. *Script.* Count the characters OpenCC ``t2s`` would change (Traditional) and those ``s2t``
   would change (Simplified-only). A Simplified document is returned unchanged, line for line.
2. *Characters.* Every line goes through OpenCC ``t2s`` on its own (``pipeline/t2s.py``: the
   library's output, faster), so line ``i`` of the output is line ``i`` of the input (tabs
   between HTML cells survive).
3. *Taiwan phrasing.* Strong markers of the phrase table (最佳化, 网际网路, 资料库 …) are counted
   in the converted text; enough of them mark the document as Taiwan-worded. Weak markers
   (支援, 透过, 丛集 …: words a phrase converter writes for every 支持, 通过, 集群) count only
   when their mainland form never occurs, so that a converted text without any IT vocabulary
   (a finance or industry plan through OpenCC ``s2twp``) is recognised too.
4. *Phrase table.* ``lexicons/phrases_tw2cn.tsv`` is applied left to right, longest match
   first. Character-level fixes apply to every Traditional document; Taiwan vocabulary only
   to Taiwan-worded ones (see the file header for the conditions). Each substitution is
   recorded as a :class:`~pipeline.model.Conversion`.
5. *Punctuation.* ASCII ``, ; : ? ! ( )`` standing in Chinese context become the mainland
   full-width forms ``， ； ： ？ ！ （ ）`` (``pipeline/punctuation.py`` with
   ``lexicons/punctuation.tsv``: one character for one character, with the exceptions
   7:25:68, 4,500, URLs; ``.`` is never touched). Each one is recorded as a Conversion too
   (rule ``punct.comma`` …), after the phrase substitutions.

Only opencc-python-reimplemented (module ``opencc``, pure Python) is used.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from pipeline.chars import HAN
from pipeline.lexicon import Column, LexiconValueError, read_lines, required, tsv_records
from pipeline.model import Conversion, NormalizedDocument, RawDocument
from pipeline.punctuation import PUNCT_TABLE_FILE, PunctRule, convert_punctuation, load_punct_table
from pipeline.t2s import changed_characters, t2s

PHRASE_TABLE_FILE = "phrases_tw2cn.tsv"
COLUMNS = ("taiwan_form", "mainland_form", "condition", "rule_id", "marker", "example")

# share of convertible characters that are Traditional: below -> simplified, at or above -> traditional
SIMPLIFIED_MAX_SHARE = 0.02
TRADITIONAL_MIN_SHARE = 0.90
# distinct strong Taiwan markers needed to call a document Taiwan-worded; short texts need fewer
MIN_MARKERS = 2
MIN_MARKERS_SHORT = 1
SHORT_TEXT_CHARS = 2000
# distinct strong + weak markers that also call a document Taiwan-worded
MIN_MARKERS_WITH_WEAK = 2
# only_if_mainland_rare: the Taiwan form must be at least this many times as frequent
RARE_RATIO = 5

CONDITION_FLAG_RE = re.compile(r"^(only_if_taiwan_phrasing|only_if_mainland_rare)$")
CONDITION_CONTEXT_RE = re.compile(r"^(not_before|not_after|only_if_absent):(.+)$")
MARKER_KINDS = ("", "strong", "weak")


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
    only_if_absent: tuple[str, ...] = ()     # implies taiwan_only; none of these in the document
    marker: bool = False                     # strong marker
    weak_marker: bool = False
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
    start_re: Optional[re.Pattern] = None      # finds where the next source form begins
    weak: tuple[tuple[PhraseRule, tuple[str, ...]], ...] = ()   # weak rule, keep forms containing it

    def all_rules(self) -> tuple[PhraseRule, ...]:
        return tuple(rule for rules in self.rules.values() for rule in rules)


def _parse_condition(text: str) -> dict:
    """The ``condition`` cell: ``;``-separated flags and ``name:word|word`` contexts."""
    fields: dict = {"taiwan_only": False, "only_if_mainland_rare": False, "not_before": (), "not_after": (),
                    "only_if_absent": ()}
    for clause in filter(None, (part.strip() for part in text.split(";"))):
        if CONDITION_FLAG_RE.match(clause):
            fields["taiwan_only"] = True
            if clause == "only_if_mainland_rare":
                fields["only_if_mainland_rare"] = True
            continue
        context = CONDITION_CONTEXT_RE.match(clause)
        if not context:
            raise LexiconValueError(f"unknown condition {clause!r}")
        fields[context.group(1)] = tuple(word for word in context.group(2).split("|") if word)
        if context.group(1) == "only_if_absent":
            fields["taiwan_only"] = True
    return fields


def _marker(cell: str) -> str:
    cell = cell.strip()
    if cell not in MARKER_KINDS:
        raise LexiconValueError(f"marker must be empty, 'strong' or 'weak', got {cell!r}")
    return cell


PHRASE_COLUMNS = (Column("taiwan_form", required), Column("mainland_form", str.strip),
                  Column("condition", _parse_condition), Column("rule_id", required),
                  Column("marker", _marker), Column("example", str.strip))
assert tuple(column.name for column in PHRASE_COLUMNS) == COLUMNS


def parse_phrase_table(lines: Iterable[str], name: str = PHRASE_TABLE_FILE) -> PhraseTable:
    """Build a :class:`PhraseTable` from TSV lines (comments start with ``#``).

    A malformed row stops with one line naming the file, the line, the column and the
    problem (``phrases_tw2cn.tsv:12 condition: unknown condition 'sometimes'``); a rule id
    used twice is a duplicate entry.
    """
    rules: dict[str, list[PhraseRule]] = {}
    for _, row in tsv_records(lines, PHRASE_COLUMNS, name, key=("rule_id",)):
        rule = PhraseRule(source=row["taiwan_form"], target=row["mainland_form"], rule_id=row["rule_id"],
                          marker=row["marker"] == "strong", weak_marker=row["marker"] == "weak",
                          example=row["example"], **row["condition"])
        rules.setdefault(rule.source, []).append(rule)
    markers = sorted({r.source for rs in rules.values() for r in rs if r.marker}, key=lambda s: (-len(s), s))
    marker_re = re.compile("|".join(map(re.escape, markers))) if markers else None
    max_len = max((len(source) for source in rules), default=0)
    sources = sorted(rules, key=lambda s: (-len(s), s))
    start_re = re.compile("|".join(map(re.escape, sources))) if sources else None
    keeps = sorted(source for source, rs in rules.items() if any(r.is_keep for r in rs))
    weak = tuple((r, tuple(k for k in keeps if r.source in k and k != r.source))
                 for rs in rules.values() for r in rs if r.weak_marker)
    return PhraseTable({k: tuple(v) for k, v in rules.items()}, max_len, marker_re, start_re, weak)


def load_phrase_table(path: Path) -> PhraseTable:
    """The phrase table in ``path`` (checked; read each time it is called)."""
    return parse_phrase_table(read_lines(path), path.name)


# --------------------------------------------------------------------------- OpenCC


def _char_kind(char: str) -> str:
    """'t' if t2s changes the character, 's' if s2t does, '' otherwise."""
    traditional, simplified = changed_characters()
    if char in traditional:
        return "t"
    if char in simplified:
        return "s"
    return ""


# --------------------------------------------------------------------------- detection


def detect_script(lines: Iterable[str]) -> str:
    """Script of ``lines``: "traditional", "simplified" or "mixed".

    Decided by the share of Traditional characters (changed by t2s) among all convertible ones
    (changed by t2s or by s2t).
    """
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update(line)
    n_trad = n_simp = 0
    for char, n in counts.items():
        if HAN.match(char):
            kind = _char_kind(char)
            n_trad += n if kind == "t" else 0
            n_simp += n if kind == "s" else 0
    if n_trad == 0:
        return "simplified"
    share = n_trad / (n_trad + n_simp)
    if share < SIMPLIFIED_MAX_SHARE:
        return "simplified"
    return "traditional" if share >= TRADITIONAL_MIN_SHARE else "mixed"


def marker_forms(text: str, table: PhraseTable) -> tuple[str, ...]:
    """Distinct strong Taiwan markers found in character-converted ``text``, sorted."""
    return tuple(sorted(set(table.marker_re.findall(text)))) if table.marker_re else ()


def weak_marker_forms(text: str, table: PhraseTable) -> tuple[str, ...]:
    """Distinct weak markers (支援, 透过 …) in ``text`` whose mainland form never occurs, sorted.

    Occurrences inside a keep form (对口支援) do not count.
    """
    found = []
    for rule, keeps in table.weak:
        if rule.target in text:
            continue
        rest = functools.reduce(lambda acc, keep: acc.replace(keep, "\n"), keeps, text)
        if rule.source in rest:
            found.append(rule.source)
    return tuple(sorted(set(found)))


def has_taiwan_phrasing(text: str, table: PhraseTable) -> bool:
    """Enough distinct strong markers (最佳化, 网际网路 …) for the text's length, or two markers
    counting weak ones whose mainland form is absent (支援 without 支持, 透过 without 通过).

    Distinct forms, not occurrences: one stray word repeated in a long mainland-origin text
    does not make it Taiwan-worded.
    """
    needed = MIN_MARKERS_SHORT if len(HAN.findall(text)) < SHORT_TEXT_CHARS else MIN_MARKERS
    strong = len(marker_forms(text, table))
    if strong >= needed:
        return True
    return strong + len(weak_marker_forms(text, table)) >= MIN_MARKERS_WITH_WEAK


# --------------------------------------------------------------------------- substitution


@dataclass
class PhraseContext:
    """Document-level facts the rule conditions depend on."""

    taiwan: bool
    text: str                                  # whole character-converted document
    rare: dict = field(default_factory=dict)   # (taiwan, mainland) -> mainland form is rare
    present: dict = field(default_factory=dict)  # word -> occurs in the document

    def mainland_rare(self, rule: PhraseRule) -> bool:
        """The mainland form is absent, or at most 1/RARE_RATIO as frequent as the Taiwan form."""
        key = (rule.source, rule.target)
        if key not in self.rare:
            self.rare[key] = self.text.count(rule.target) * RARE_RATIO <= self.text.count(rule.source)
        return self.rare[key]

    def any_present(self, words: tuple[str, ...]) -> bool:
        """Some of ``words`` occurs in the document (a converter that kept it kept them all)."""
        for word in words:
            if word not in self.present:
                self.present[word] = word in self.text
        return any(self.present[word] for word in words)


def _rule_applies(rule: PhraseRule, line: str, start: int, end: int, ctx: PhraseContext) -> bool:
    if rule.taiwan_only and not ctx.taiwan:
        return False
    if rule.only_if_mainland_rare and not ctx.mainland_rare(rule):
        return False
    if rule.only_if_absent and ctx.any_present(rule.only_if_absent):
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
        # copy the stretch in which no source form begins in one go
        candidate = table.start_re.search(line, pos) if table.start_re else None
        skip_to = candidate.start() if candidate else len(line)
        if skip_to > pos:
            out.append(line[pos:skip_to])
            out_len += skip_to - pos
            pos = skip_to
            continue
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


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class NormalizeLexicon:
    """Everything normalize reads from ``pipeline/lexicons/``: load once, pass to every call."""

    phrases: PhraseTable
    punctuation: dict[str, PunctRule]


def load_normalize_lexicon(lexicon_dir: Path) -> NormalizeLexicon:
    """The phrase and punctuation tables of ``lexicon_dir``, checked (a RuleError names the
    file, the entry and the problem). Not cached: the caller loads it once and passes it."""
    lexicon_dir = Path(lexicon_dir)
    return NormalizeLexicon(load_phrase_table(lexicon_dir / PHRASE_TABLE_FILE),
                            load_punct_table(lexicon_dir / PUNCT_TABLE_FILE))


# --------------------------------------------------------------------------- entry points


@dataclass(frozen=True)
class _Result:
    lines: tuple[str, ...]
    script: str
    taiwan_phrasing: bool
    conversions: tuple[Conversion, ...]


def _normalize_lines(lines: tuple[str, ...], lexicon: NormalizeLexicon, doc_id: str = "",
                     taiwan_phrasing: Optional[bool] = None, fullwidth_punctuation: bool = False) -> _Result:
    script = detect_script(lines)
    if script == "simplified" and taiwan_phrasing is None:
        return _Result(lines, script, False, ())
    convert = t2s()
    converted = tuple(convert(line) for line in lines)
    table = lexicon.phrases
    text = "\n".join(converted)
    taiwan = has_taiwan_phrasing(text, table) if taiwan_phrasing is None else taiwan_phrasing
    ctx = PhraseContext(taiwan, text)
    out_lines: list[str] = []
    conversions: list[Conversion] = []
    for line_no, line in enumerate(converted, start=1):
        new_line, found = apply_phrases(line, table, ctx, doc_id, line_no)
        marks: list = []
        if fullwidth_punctuation:
            new_line, marks = convert_punctuation(new_line, lexicon.punctuation, doc_id, line_no)
        out_lines.append(new_line)
        conversions.extend(sorted(found + marks, key=lambda c: c.char_start))
    return _Result(tuple(out_lines), script, taiwan, tuple(conversions))


def normalize(raw: RawDocument, lexicon: NormalizeLexicon) -> NormalizedDocument:
    """Traditional / Taiwan-worded document -> mainland Simplified, line i <-> raw line i."""
    result = _normalize_lines(tuple(raw.lines), lexicon, raw.meta.doc_id,
                              fullwidth_punctuation=raw.meta.fullwidth_punctuation)
    return NormalizedDocument(raw=raw, lines=result.lines, script=result.script,
                              taiwan_phrasing=result.taiwan_phrasing, conversions=result.conversions)


def normalize_text(text: str, lexicon: NormalizeLexicon, *, taiwan_phrasing: Optional[bool] = None,
                   fullwidth_punctuation: bool = False) -> str:
    """Normalize one string (lines split on ``\\n`` and joined back).

    ``taiwan_phrasing`` forces the Taiwan-vocabulary decision (and conversion even of text
    that looks Simplified); ``None`` detects it. ``fullwidth_punctuation`` restores ，；：（）
    in a converted text whose copy turned them into ASCII (the manifest key of the same name).

    >>> from pipeline.config import LEXICON_DIR
    >>> lexicon = load_normalize_lexicon(LEXICON_DIR)
    >>> normalize_text("就業結構更加最佳化，加強網路安全", lexicon)
    '就业结构更加优化，加强网络安全'
    >>> normalize_text("就业结构更加优化", lexicon)
    '就业结构更加优化'
    """
    return "\n".join(_normalize_lines(tuple(text.split("\n")), lexicon, taiwan_phrasing=taiwan_phrasing,
                                      fullwidth_punctuation=fullwidth_punctuation).lines)


def find_taiwan_forms(lines: Iterable[str], lexicon: NormalizeLexicon, *, document_text: Optional[str] = None) -> list[Conversion]:
    """Substitutions the phrase table would still make on already normalized ``lines`` (QA).

    ``document_text`` is the character-converted document the ``only_if_mainland_rare``
    conditions were judged on (defaults to the lines themselves).
    """
    lines = tuple(lines)
    ctx = PhraseContext(True, "\n".join(lines) if document_text is None else document_text)
    found: list[Conversion] = []
    for line_no, line in enumerate(lines, start=1):
        found.extend(apply_phrases(line, lexicon.phrases, ctx, "", line_no)[1])
    return found


def to_raw_offset(doc: NormalizedDocument, line: int, offset: int) -> int:
    """Offset in raw line ``line`` (1-based) of normalized offset ``offset``.

    t2s and the punctuation rules map code point to code point, so only phrase substitutions
    of a different length (网际网路 -> 互联网) move text; an offset inside such a target maps to its start.

    >>> from pipeline.config import LEXICON_DIR
    >>> from pipeline.model import DocumentMeta, RawDocument
    >>> raw = RawDocument(DocumentMeta("d"), "d.txt", "", "utf-8", "text", ("聚焦網際網路+、生命健康",))
    >>> doc = normalize(raw, load_normalize_lexicon(LEXICON_DIR))
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
