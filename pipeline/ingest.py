"""Bytes → text: the only place where a raw file is decoded.

``read_document(path, meta, chrome) -> RawDocument``, ``chrome`` the site-chrome rules of
HTML pages (``load_chrome_rules(lexicon_dir)``, loaded once by the caller; only HTML uses them).
The build reads only the files whose extension is one of ``KNOWN_FORMATS`` (the one table
of formats; ``manifest.scan_raw_dir`` lists the others as not read). Then, by content:

0. a PDF, a Word .docx or an old .doc (recognised by signature, never by name) goes to its
   reader (``pipeline.read_pdf`` / ``read_docx`` / ``read_doc``, imported only then), which
   gives blocks and hints as HTML does; ``format`` = "pdf" | "docx" | "doc", ``n_pages`` set;
1. refuse what is not a text document: empty / whitespace-only files, and binary files
   recognised by their signature (PNG, JPEG, GIF, other ZIP files, .xls/.wps, …) or by NUL bytes;
2. detect the encoding from the bytes (never from the name), in this order:
   BOM (UTF-8, UTF-16 LE/BE, UTF-32) → UTF-16 without BOM (NUL bytes in every other position)
   → strict UTF-8 → GB18030 or Big5: byte statistics choose the family (a page's declared
   charset when there is too little evidence, charset-normalizer when the statistic is
   unclear), then a strict decode; the other family when that fails.
   A UTF-8 file cut inside a multibyte character, or with damaged bytes, is refused and says
   so; nothing is ever decoded with replacement characters;
3. plain text: split on ``\\r\\n``, ``\\r`` and ``\\n`` (a final line break does not add an empty
   line); lines are otherwise kept as they are. ``format = "text"``, no hints. A line (or an
   HTML block) longer than ``MAX_LINE_CHARS`` is refused: that is a dump, not a plan;
4. HTML (recognised by content, e.g. ``<html``, ``<!doctype html``, a leading ``<p>``/``<div>``,
   several closing block tags): one line per block with a parallel tuple of ``LineHint``,
   made by ``pipeline.html_blocks`` (imported only when a document is HTML: bs4 is a
   noticeable part of a build's start-up). ``format = "html"``.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Optional, Sequence

import charset_normalizer

from pipeline.chars import LINE_BREAK
from pipeline.errors import InputError
from pipeline.html_chrome import ChromeRules, load_chrome_rules  # noqa: F401 (re-exported; no bs4)
from pipeline.model import DocumentMeta, RawDocument

# --------------------------------------------------------------------------- formats

# The documents the pipeline reads, by file extension (lower case) -> how it reads them.
# Any other file in raw/ is not read, and the build summary lists it. Within a known
# extension the content decides: a .txt file holding an HTML page is read as HTML, and
# bytes that are not text (a PDF named .txt) are a problem of that file.
KNOWN_FORMATS = {
    ".txt": "text",
    ".htm": "html",
    ".html": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
}


def is_known_format(path: Path) -> bool:
    return Path(path).suffix.lower() in KNOWN_FORMATS


# --------------------------------------------------------------------------- bytes

# (signature at offset 0, what the file is); checked before any decoding
BINARY_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.ofd, which are ZIP files)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls/.wps)"),
    (b"{\\rtf", "an RTF document"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an executable"),
)
# longest BOM first: the UTF-32 LE BOM starts with the UTF-16 LE one
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BOM_CHAR = "\ufeff"
GB_FAMILY = ("gb18030",)                       # superset of gb2312 and gbk: always decode with it
BIG5_FAMILY = ("big5", "cp950", "big5hkscs")   # strictest first
GB_NAMES = re.compile(r"^(?:gb2312|gbk|gb18030|cp936|x-gbk|euc-cn|gb-2312|csgb2312|ms936)", re.IGNORECASE)
BIG5_NAMES = re.compile(r"^(?:big5|cp950|x-big5|big5-?hkscs|ms950)", re.IGNORECASE)
DECLARED_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,30})""", re.IGNORECASE)
DOUBLE_BYTE_RE = re.compile(rb"[\x81-\xfe][\x40-\x7e\x80-\xfe]")
NON_BLANK_BYTE_RE = re.compile(rb"[^ \t\r\n\x0b\x0c]")
NON_SPACE_RE = re.compile(r"\S")
COMMON_CHAR_RE = re.compile(r"[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2018-\u201d]")

SNIFF_BYTES = 1 << 20          # byte statistics and charset-normalizer look at the first 1 MB
SNIFF_CHARS = 100_000          # plausibility checks look at the first 100 000 characters
BIG5_LOW_TRAIL_MIN = 0.10      # Big5 text: ~40 % of pairs have a trail byte 0x40–0x7E
GB_LOW_TRAIL_MAX = 0.02        # GB2312 text: none (only rare GBK extension characters have one)
GBK_LOW_LEAD_MIN = 0.05        # GBK Traditional text: many lead bytes 0x81–0xA0; Big5: none
MIN_EVIDENCE_PAIRS = 50        # double-byte characters needed before the statistic beats a declaration
MAX_ODD_CHARS = 0.01           # share of control / unassigned / private-use characters tolerated
MIN_ODD_CHARS = 4              # … and this many in any case (a form feed or two in a short file)
UTF8_DAMAGE_RATIO = 10         # ≥ 10 good multibyte characters per bad byte: damaged UTF-8
# Longest line (HTML: block) accepted. A plan paragraph has a few thousand characters and a
# whole plan without line breaks about 100 000; a line of millions is a dump, not a plan,
# and would yield millions of rows from one "paragraph".
MAX_LINE_CHARS = 1_000_000



def read_document(path: Path, meta: DocumentMeta, chrome: ChromeRules,
                  expected_sha256: str | None = None) -> RawDocument:
    """Read and decode one raw file (plain text, HTML, PDF, .docx, .doc); see the module
    docstring. The file is read once: ``RawDocument.sha256`` is the digest of the very bytes
    decoded, and with ``expected_sha256`` (the digest the build fingerprinted) other bytes
    are refused."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    sha256 = hashlib.sha256(data).hexdigest()
    if expected_sha256 is not None and sha256 != expected_sha256:
        raise InputError(path, "changed while the build read it", "build again when it is complete")
    laid_out = laid_out_format(data)
    if laid_out:
        return _read_laid_out(laid_out, data, path, meta, sha256)
    text, encoding = decode_bytes(data, path)
    if is_html(text, path):
        from pipeline.html_blocks import html_to_blocks

        lines, hints = html_to_blocks(text, path, chrome)
        doc = RawDocument(meta, str(path), sha256, encoding, "html", lines, hints)
    else:
        doc = RawDocument(meta, str(path), sha256, encoding, "text", split_lines(text), ())
    check_line_lengths(doc.lines, path, "block" if doc.format == "html" else "line")
    return doc


# (format, encoding column): the text of these formats is Unicode already, in the package's
# XML (utf-8) or in the PDF's text layer (its fonts' ToUnicode maps)
LAID_OUT_ENCODINGS = {"docx": "utf-8", "doc": "utf-8", "pdf": "pdf-unicode"}
PDF_SIGNATURE_WITHIN = 1024    # readers accept junk before %PDF- in the first KB
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_STREAM = "WordDocument".encode("utf-16-le")


def laid_out_format(data: bytes) -> Optional[str]:
    """"pdf", "docx" or "doc" when the bytes are such a file, else None (text, HTML, other)."""
    if b"%PDF-" in data[:PDF_SIGNATURE_WITHIN]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/document.xml" in data:
        return "docx"
    if data.startswith(OLE_SIGNATURE) and WORD_STREAM in data:
        return "doc"
    return None


def _read_laid_out(fmt: str, data: bytes, path: Path, meta: DocumentMeta, sha256: str) -> RawDocument:
    """A PDF, .docx or .doc file through its reader (each imported only when needed)."""
    if fmt == "pdf":
        from pipeline.read_pdf import pdf_to_blocks as reader
    elif fmt == "docx":
        from pipeline.read_docx import docx_to_blocks as reader
    else:
        from pipeline.read_doc import doc_to_blocks as reader
    blocks = reader(data, path)
    check_line_lengths(blocks.lines, path, "block")
    return RawDocument(meta, str(path), sha256, LAID_OUT_ENCODINGS[fmt], fmt, blocks.lines, blocks.hints,
                       blocks.n_pages)


def check_line_lengths(lines: Sequence[str], path: Path, what: str = "line") -> None:
    """InputError when a line is longer than ``MAX_LINE_CHARS``."""
    longest = max(range(len(lines)), key=lambda i: len(lines[i]), default=None)
    if longest is not None and len(lines[longest]) > MAX_LINE_CHARS:
        raise InputError(path, f"{what} {longest + 1} has {len(lines[longest]):,} characters, more than the "
                               f"{MAX_LINE_CHARS:,} a plan paragraph can have",
                         "break the text into one paragraph per line, or raise MAX_LINE_CHARS in "
                         "pipeline/ingest.py")


def decode_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """(text without any BOM, encoding name) or InputError; the encoding is from the bytes only."""
    if not NON_BLANK_BYTE_RE.search(data):
        raise InputError(path, "empty file", "the file has no text (only whitespace)")
    kind = binary_kind(data)
    if kind:
        raise InputError(path, f"looks like {kind}, not text or HTML",
                         "convert it to UTF-8 text or save the web page as HTML")
    text, encoding = _decode(data, path)
    text = text.replace(BOM_CHAR, "")       # a second byte order mark: files joined together
    if not NON_SPACE_RE.search(text):
        raise InputError(path, "empty file", f"decoded as {encoding}, the file holds only whitespace")
    if not _looks_like_text(text):
        raise InputError(path, f"looks like a binary file, not text or HTML (decoded as {encoding}, "
                               "it is full of control or unassigned characters)")
    return text, encoding


def binary_kind(data: bytes) -> Optional[str]:
    """What a binary file looks like, from its signature; None for anything else."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, path), encoding
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        _refuse_broken_utf8(data, exc, path)
    return _decode_chinese_legacy(data, path)


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        truncated = " (truncated: the file ends inside a character)" if exc.end >= len(data) else ""
        raise InputError(path, f"starts with a {encoding.upper()} byte order mark but cannot be decoded "
                               f"as {encoding} at byte {exc.start}{truncated}") from None


def _decode_utf16_without_bom(data: bytes, path: Path) -> tuple[str, str]:
    """UTF-16 text without BOM: NUL bytes (from ASCII characters, but also from 一 U+4E00, 刀
    U+5200 …) in both positions; the byte order that gives more ordinary characters wins."""
    candidates = []
    if len(data) % 2 == 0:
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _try_decode(data, encoding)
            if text is not None and "\x00" not in text and _looks_like_text(text):
                sample = text[:SNIFF_CHARS]
                candidates.append((len(COMMON_CHAR_RE.findall(sample)) / len(sample), encoding, text))
    if candidates:
        _, encoding, text = max(candidates)
        return text, encoding
    first = data.index(b"\x00")
    line = data.count(b"\n", 0, first) + 1
    raise InputError(path, f"looks like a binary file, not text or HTML: it contains {data.count(0)} NUL byte(s) "
                           f"(the first at byte {first}, line {line}) and is not UTF-16")


def _refuse_broken_utf8(data: bytes, exc: UnicodeDecodeError, path: Path) -> None:
    """Raise when the bytes are UTF-8 that was cut short or damaged; return otherwise."""
    head = data[: exc.start]
    if exc.end >= len(data) and not head.isascii():
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise InputError(path, f"truncated UTF-8: the file ends in the middle of a multibyte character "
                                   f"(last {len(data) - exc.start} byte(s) of an incomplete character)",
                             "the file was cut short; get a complete copy")
    sample = data[:SNIFF_BYTES].decode("utf-8", errors="replace")
    bad = sample.count("\ufffd")
    good = sum(1 for char in sample if ord(char) > 0x7F) - bad
    if good >= UTF8_DAMAGE_RATIO * max(bad, 1):
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(path, f"invalid UTF-8 at byte {exc.start} (line {line}): the file is UTF-8 "
                               f"with {bad} damaged byte sequence(s) in the first MB",
                         "repair or re-download the file; it is not decoded with replacement characters")


def _declared_family(data: bytes) -> Optional[tuple[str, ...]]:
    """GB or Big5 family when an HTML page declares such a charset (``<meta charset=gb2312>``)."""
    match = DECLARED_CHARSET_RE.search(data[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore")
    return GB_FAMILY if GB_NAMES.match(name) else BIG5_FAMILY if BIG5_NAMES.match(name) else None


def _decode_chinese_legacy(data: bytes, path: Path) -> tuple[str, str]:
    """GB18030 or Big5: the likelier family first, the other when it does not decode strictly."""
    likely = _gb_or_big5(data)
    for family in (likely, BIG5_FAMILY if likely is GB_FAMILY else GB_FAMILY):
        for encoding in family:
            text = _try_decode(data, encoding)
            if text is not None:
                return text, encoding
    raise InputError(path, "cannot decode the file as any supported encoding "
                           "(tried UTF-8, UTF-16, GB18030, Big5)",
                     "save it as UTF-8")


def _try_decode(data: bytes, encoding: str) -> Optional[str]:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _gb_or_big5(data: bytes) -> tuple[str, ...]:
    """Which family the bytes more likely belong to.

    Big5 puts about 40 % of its characters at trail bytes 0x40–0x7E, which GB2312 never uses
    (only GBK extension characters do); those GBK characters — Traditional text saved as GBK —
    mostly have lead bytes 0x81–0xA0, which Big5 does not use (HKSCS aside). With enough
    characters these statistics decide,
    even against a page's declared charset; otherwise the declaration, then the statistic,
    then charset-normalizer.
    """
    sample = data[:SNIFF_BYTES]
    pairs = DOUBLE_BYTE_RE.findall(sample)
    count = len(pairs) or 1
    low_lead = sum(1 for pair in pairs if pair[0] < 0xA1) / count
    low_trail = sum(1 for pair in pairs if pair[1] < 0x80) / count
    if low_lead >= GBK_LOW_LEAD_MIN:
        clear = GB_FAMILY
    elif low_trail >= BIG5_LOW_TRAIL_MIN:
        clear = BIG5_FAMILY
    else:
        clear = GB_FAMILY if low_trail <= GB_LOW_TRAIL_MAX else None
    if clear and len(pairs) >= MIN_EVIDENCE_PAIRS:
        return clear
    declared = _declared_family(data)
    if declared or clear:
        return declared or clear
    best = charset_normalizer.from_bytes(sample, cp_isolation=["gb18030", "big5"]).best()
    if best is not None and BIG5_NAMES.match(best.encoding.replace("_", "-")):
        return BIG5_FAMILY
    return GB_FAMILY


def _looks_like_text(text: str) -> bool:
    """Few control, unassigned, private-use or surrogate characters in the first 100 000."""
    sample = text[:SNIFF_CHARS]
    odd = sum(1 for char in sample
              if char not in "\t\n\r\x0c" and unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs"))
    return odd <= max(MIN_ODD_CHARS, MAX_ODD_CHARS * len(sample))


def split_lines(text: str) -> tuple[str, ...]:
    """Lines split on \\r\\n, \\r and \\n; a final line break does not add an empty line.

    >>> split_lines("规划背景\\r\\n发展基础\\r主要目标\\n")
    ('规划背景', '发展基础', '主要目标')
    """
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


# --------------------------------------------------------------------------- HTML detection

HTML_DOCUMENT_RE = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>/]|meta\s|title>)", re.IGNORECASE)
HTML_START_RE = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:p|div|br|table|h[1-6]|ul|ol|span|font|section|article|center)[\s>/]",
    re.IGNORECASE | re.DOTALL)
HTML_CLOSING_TAG_RE = re.compile(r"</(?:p|div|td|tr|li|h[1-6]|table|span|font)\s*>", re.IGNORECASE)
HTML_ANY_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]")
HTML_SUFFIXES = tuple(suffix for suffix, kind in KNOWN_FORMATS.items() if kind == "html")
HTML_SNIFF_CHARS = 65536
HTML_MIN_CLOSING_TAGS = 3


def is_html(text: str, path: Path | None = None) -> bool:
    """HTML by content: a document tag, a leading block tag, or several closing block tags.

    >>> is_html("<!DOCTYPE html><html><body><p>规划背景</p></body></html>")
    True
    >>> is_html("城镇新增就业<100万人，失业率<5.5%")
    False
    """
    head = text[:HTML_SNIFF_CHARS]
    if HTML_DOCUMENT_RE.search(head) or HTML_START_RE.match(head):
        return True
    if len(HTML_CLOSING_TAG_RE.findall(head)) >= HTML_MIN_CLOSING_TAGS:
        return True
    suffix = Path(path).suffix.lower() if path is not None else ""
    return suffix in HTML_SUFFIXES and bool(HTML_ANY_TAG_RE.search(head))
