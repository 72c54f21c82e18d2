"""Document metadata: ``raw/manifest.toml``, or the file name when a file has no entry.

Format (one ``[[documents]]`` table per document; see ``raw/manifest.toml``)::

    [[documents]]
    file = "zhejiang-hrss-14th-fyp.zh-tw.txt"   # name of the file in raw/ (required)
    doc_id = "zhejiang-hrss-14th-fyp"           # [a-z0-9-], unique (required)
    title = "…"                                 # optional strings: title issuer region period
    issue_date = 2021-05-31                     # TOML date or "YYYY-MM-DD" string
    heading_levels = { "12" = 2 }               # optional: raw line -> heading level (1-6)
    fullwidth_punctuation = true                # optional: restore ，；：（） lost by a copy

Every other key is refused (InputError), so a typo never drops metadata silently.

Entry points:

* ``load_manifest(raw_dir) -> dict[file name, DocumentMeta]`` — raises ``InputError`` for a
  TOML syntax error (naming the file and line), unknown keys, bad values, duplicate ``file``
  or ``doc_id``. A missing ``manifest.toml`` is an empty manifest.
* ``manifest_problems(raw_dir, manifest) -> list[Problem]`` — entries whose file is not in
  ``raw/``; the build records them and goes on with the other documents.
* ``load_manifest_checked(raw_dir)`` — both of the above at once, an entry that cannot be
  read a problem of its document (which is not built) instead of an error.
* ``meta_for(path, manifest) -> DocumentMeta`` — the entry, or metadata derived from the name.
* ``scan_raw_dir(raw_dir) -> RawListing`` — what the raw directory holds: the documents to
  read (files of a format in ``ingest.KNOWN_FORMATS``), the entries refused as problems
  (a name that is not UTF-8 or holds a control character, a symbolic link leading out of
  the raw directory) and those not read (other formats, subdirectories: documents are read
  from the raw directory itself only). The manifest, hidden files (``.x``), backups (``x~``)
  and README/NOTES ``.md`` files are left out silently.
* ``list_raw_files(raw_dir)`` — the documents to read, sorted.
* ``resolve_documents(raw_dir, manifest)`` — (path, meta) for every input; refuses two files
  that end up with the same ``doc_id``.

Name-derived metadata: ``doc_id`` is the file name without its extension and without a
language tag (``.zh-tw``, ``.zh-cn``, ``.zh-hk``, ``.zh-hans``, ``.zh-hant``, ``.zh``),
lower-cased, every run of characters outside ``[a-z0-9]`` replaced by ``-``. The language tag
is stripped because it names a script variant of the same document, not another document
(``x.zh-tw.txt`` and ``x.zh-cn.txt`` side by side therefore collide, and the collision is
reported so that the manifest can tell them apart). A name with Chinese characters keeps its
ASCII part and gets a short hash of the full name so that it stays unique and stable
(``十四五规划.txt`` -> ``doc-`` + 8 hex digits); its stem becomes the title.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from pipeline.config import MANIFEST_NAME
from pipeline.errors import InputError
from pipeline.model import DocumentMeta, Problem

ENTRY_TABLE = "documents"
REQUIRED_KEYS = ("file", "doc_id")
STRING_KEYS = ("title", "issuer", "region", "period", "doc_number", "source", "plan_id", "edition")
ALLOWED_KEYS = REQUIRED_KEYS + STRING_KEYS + ("issue_date", "heading_levels", "fullwidth_punctuation")
MAX_HEADING_LEVEL = 6

DOC_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_TAG_RE = re.compile(r"\.zh(?:[-_](?:tw|cn|hk|mo|sg|hans|hant))?$", re.IGNORECASE)
NON_SLUG_RE = re.compile(r"[^a-z0-9]+")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SKIPPED_DOC_RE = re.compile(r"^(?:readme|notes)\b.*\.md$", re.IGNORECASE)


# --------------------------------------------------------------------------- manifest


def load_manifest(raw_dir: Path, allow_duplicate_doc_ids: bool = False,
                  bad_entries: list[tuple[Optional[str], InputError]] | None = None) -> dict[str, DocumentMeta]:
    """``raw_dir/manifest.toml`` → {file name: DocumentMeta}; {} when there is no manifest.

    With ``allow_duplicate_doc_ids`` two entries may share a doc_id; the build then
    records the second file (in name order) as a problem instead of stopping. With
    ``bad_entries`` an entry that cannot be read is left out and added to it, with the file
    it names (None when it names none), instead of stopping.
    """
    path = Path(raw_dir) / MANIFEST_NAME
    data = _read_toml(path)
    unknown = sorted(set(data) - {ENTRY_TABLE})
    if unknown:
        raise InputError(path, f"unknown top-level key(s) {', '.join(unknown)}",
                         f"documents are listed as [[{ENTRY_TABLE}]] tables")
    entries = data.get(ENTRY_TABLE, [])
    if not isinstance(entries, list):
        raise InputError(path, f"'{ENTRY_TABLE}' must be an array of tables", f"write [[{ENTRY_TABLE}]]")
    manifest: dict[str, DocumentMeta] = {}
    doc_ids: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        try:
            file_name, meta = _parse_entry(path, number, entry)
        except InputError as exc:
            if bad_entries is None:
                raise
            named = entry.get("file") if isinstance(entry, dict) else None
            bad_entries.append((named if isinstance(named, str) else None, exc))
            continue
        if file_name in manifest:
            raise InputError(path, f"file {file_name!r} has two entries (entries for doc_id "
                                   f"{manifest[file_name].doc_id!r} and {meta.doc_id!r})",
                             "keep one entry per file")
        if meta.doc_id in doc_ids and not allow_duplicate_doc_ids:
            raise InputError(path, f"doc_id {meta.doc_id!r} is used by two entries: "
                                   f"{doc_ids[meta.doc_id]!r} and {file_name!r}",
                             "give each document its own doc_id")
        manifest[file_name] = meta
        doc_ids[meta.doc_id] = file_name
    return manifest


def manifest_problems(raw_dir: Path, manifest: dict[str, DocumentMeta]) -> list[Problem]:
    """Entries whose file does not exist in ``raw_dir``, or is not of a format it reads
    (sorted by file name).

    ``source_path`` is relative to the raw directory, like every other problem's.
    """
    from pipeline.ingest import KNOWN_FORMATS, is_known_format

    raw_dir = Path(raw_dir)
    problems = []
    for file_name, meta in sorted(manifest.items()):
        if not (raw_dir / file_name).is_file():
            why = "which is not in the raw directory (fix the name or remove the entry)"
        elif not is_known_format(raw_dir / file_name):
            why = f"which is not a document format the pipeline reads (read: {' '.join(sorted(KNOWN_FORMATS))})"
        else:
            continue
        problems.append(Problem(MANIFEST_NAME, meta.doc_id, "manifest",
                                f"{MANIFEST_NAME}: entry for doc_id {meta.doc_id!r} names file {file_name!r}, {why}"))
    return problems


def load_manifest_checked(raw_dir: Path) -> tuple[dict[str, DocumentMeta], list[Problem], set[str]]:
    """``load_manifest`` plus ``manifest_problems``: fatal errors (the file as a whole:
    TOML syntax, its top level) raise, the rest is returned, with the files of the entries
    that cannot be read: those are not built (their metadata is unknown), each a problem.

    Duplicate doc_ids are not fatal here: the build reports the second file as a problem.
    """
    bad: list[tuple[Optional[str], InputError]] = []
    manifest = load_manifest(raw_dir, allow_duplicate_doc_ids=True, bad_entries=bad)
    problems = [Problem(file_name or MANIFEST_NAME, None, "manifest", str(exc)) for file_name, exc in bad]
    return manifest, manifest_problems(raw_dir, manifest) + problems, {name for name, _ in bad if name}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (byte {exc.start})", "save the manifest as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message ends with "(at line N, column M)"
        raise InputError(path, f"TOML syntax error: {exc}") from None


def _parse_entry(path: Path, number: int, entry: Any) -> tuple[str, DocumentMeta]:
    where = f"[[{ENTRY_TABLE}]] entry {number}"
    if not isinstance(entry, dict):
        raise InputError(path, f"{where} is not a table")
    label = f"{where} ({entry.get('file', 'no file')!s})"
    unknown = sorted(set(entry) - set(ALLOWED_KEYS))
    if unknown:
        raise InputError(path, f"{label}: unknown key(s) {', '.join(unknown)}",
                         f"allowed keys: {', '.join(ALLOWED_KEYS)}")
    for key in REQUIRED_KEYS:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise InputError(path, f"{label}: '{key}' is required and must be a non-empty string")
    file_name, doc_id = entry["file"], entry["doc_id"]
    if Path(file_name).name != file_name:
        raise InputError(path, f"{label}: 'file' must be a bare file name in raw/, not a path")
    if not DOC_ID_RE.match(doc_id):
        raise InputError(path, f"{label}: doc_id {doc_id!r} must use only a-z, 0-9 and single '-'",
                         f"e.g. {slugify(doc_id) or 'doc-1'!r}")
    values: dict[str, Any] = {"doc_id": doc_id}
    for key in STRING_KEYS:
        if key in entry:
            values[key] = _string(path, label, key, entry[key])
    if "issue_date" in entry:
        values["issue_date"] = _iso_date(path, label, entry["issue_date"])
    if "heading_levels" in entry:
        values["heading_levels"] = _heading_levels(path, label, entry["heading_levels"])
    if "fullwidth_punctuation" in entry:
        if not isinstance(entry["fullwidth_punctuation"], bool):
            raise InputError(path, f"{label}: 'fullwidth_punctuation' must be true or false")
        values["fullwidth_punctuation"] = entry["fullwidth_punctuation"]
    return file_name, DocumentMeta(**values)


def _string(path: Path, label: str, key: str, value: Any) -> Optional[str]:
    if not isinstance(value, str):
        raise InputError(path, f"{label}: '{key}' must be a string, got {value!r}")
    return value.strip() or None


def _iso_date(path: Path, label: str, value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise InputError(path, f"{label}: issue_date {value!r} is not a date", "write it as 2021-05-31")


def _heading_levels(path: Path, label: str, value: Any) -> tuple[tuple[int, int], ...]:
    if not isinstance(value, dict):
        raise InputError(path, f"{label}: heading_levels must be a table like {{ \"12\" = 2 }}")
    pairs = []
    for line, level in value.items():
        if not (line.isdigit() and int(line) >= 1):
            raise InputError(path, f"{label}: heading_levels key {line!r} is not a line number (1-based)")
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= MAX_HEADING_LEVEL:
            raise InputError(path, f"{label}: heading level for line {line} must be 1..{MAX_HEADING_LEVEL}, "
                                   f"got {level!r}")
        pairs.append((int(line), level))
    return tuple(sorted(pairs))


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class RawListing:
    documents: list[Path]                   # to read, sorted by name
    refused: list[Problem]                  # a problems row each
    not_read: list[tuple[str, str]]         # (escaped name, why), listed by the build summary


NOT_A_FORMAT = "not a document format"
A_DIRECTORY = "a directory: documents are read from the raw directory itself, not its subdirectories"
NOT_A_FILE = "not a regular file"
BROKEN_LINK = "a symbolic link to nothing"


def scan_raw_dir(raw_dir: Path) -> RawListing:
    """Sort the entries of ``raw_dir`` (see the module docstring)."""
    from pipeline.ingest import is_known_format     # the table of formats; not needed for a manifest

    raw_dir = Path(raw_dir)
    documents, refused, not_read = [], [], []
    for path in sorted(raw_dir.iterdir(), key=lambda path: path.name):
        name = path.name
        if name == MANIFEST_NAME or name.startswith(".") or name.endswith("~") or SKIPPED_DOC_RE.match(name):
            continue
        problem = _bad_name(name) or _link_out_of(path, raw_dir)
        if problem:
            doc_id = meta_from_name(name).doc_id if _bad_name(name) is None else None
            refused.append(Problem(printable_name(name), doc_id, "ingest", f"{printable_name(name)}: {problem}"))
        elif path.is_dir():
            not_read.append((printable_name(name) + "/", A_DIRECTORY))
        elif not path.exists():
            not_read.append((printable_name(name), BROKEN_LINK))
        elif not path.is_file():
            not_read.append((printable_name(name), NOT_A_FILE))
        elif not is_known_format(path):
            not_read.append((printable_name(name), NOT_A_FORMAT))
        else:
            documents.append(path)
    return RawListing(documents, refused, not_read)


def list_raw_files(raw_dir: Path) -> list[Path]:
    """The documents of ``raw_dir`` to read, sorted by name (``scan_raw_dir``)."""
    return scan_raw_dir(raw_dir).documents


def _bad_name(name: str) -> Optional[str]:
    """Why a file name cannot be a document's ``source_path`` (None: it can)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:          # undecodable bytes, as os.listdir gives them (surrogates)
        return "the file name is not valid UTF-8 (rename the file)"
    if any(unicodedata.category(char) == "Cc" for char in name):
        return "the file name holds a line break or another control character (rename the file)"
    return None


def _link_out_of(path: Path, raw_dir: Path) -> Optional[str]:
    """Why a symbolic link may not be read: it leads out of ``raw_dir`` (None: not such a link)."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if target.is_relative_to(raw_dir.resolve()):
        return None
    return f"is a symbolic link to {printable_name(str(target))}, outside the raw directory " \
           "(copy the file into the raw directory instead)"


def printable_name(name: str) -> str:
    """A file name on one line and encodable: bytes that are not UTF-8 as ``\\xNN``,
    control characters as ``\\n``, ``\\t``, ``\\x1b`` ….

    >>> printable_name("two\\nlines-\\udcff.txt")
    'two\\\\nlines-\\\\xff.txt'
    """
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(repr(char)[1:-1] if unicodedata.category(char) == "Cc" else char for char in text)


def meta_for(path: Path, manifest: dict[str, DocumentMeta]) -> DocumentMeta:
    """The manifest entry of ``path``, or metadata derived from its file name."""
    name = Path(path).name
    if name in manifest:
        return manifest[name]
    return meta_from_name(name)


def meta_from_name(name: str) -> DocumentMeta:
    """Fallback metadata from a file name (see the module docstring).

    >>> meta_from_name("Zhejiang_HRSS 14th-FYP.zh-TW.txt").doc_id
    'zhejiang-hrss-14th-fyp'
    >>> meta = meta_from_name("2026年安徽省政府工作报告.txt")
    >>> meta.doc_id, meta.title
    ('2026-nian-an-hui-sheng-zheng-fu-gong-zuo-bao-gao-e790e87d', '2026年安徽省政府工作报告')
    """
    stem = unicodedata.normalize("NFC", document_stem(name))
    ascii_slug = slugify(stem)
    if stem.isascii() and ascii_slug:
        return DocumentMeta(doc_id=ascii_slug)
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]
    readable = pinyin_slug(stem) if CJK_RE.search(stem) else ascii_slug
    doc_id = f"{readable}-{digest}" if readable else f"doc-{digest}"
    return DocumentMeta(doc_id=doc_id, title=stem.strip() if CJK_RE.search(stem) else None)


PINYIN_SYLLABLES = 16                   # a doc_id spells at most this many syllables of its name


def pinyin_slug(text: str) -> str:
    """The name in toneless pinyin, one syllable per character, ASCII kept ('' when nothing
    is left); the digest after it in ``meta_from_name`` keeps long names apart.

    >>> pinyin_slug("浙江省就业促进“十四五”规划")
    'zhe-jiang-sheng-jiu-ye-cu-jin-shi-si-wu-gui-hua'
    """
    from pypinyin import lazy_pinyin

    syllables = [slugify(s) for s in lazy_pinyin(text)]
    kept, count = [], 0
    for piece in filter(None, syllables):
        kept.append(piece)
        count += 1
        if count == PINYIN_SYLLABLES:
            break
    return slugify("-".join(kept))


def document_stem(name: str) -> str:
    """File name without extension and language tag.

    >>> document_stem("zhejiang-hrss-14th-fyp.zh-tw.txt")
    'zhejiang-hrss-14th-fyp'
    >>> document_stem("plan.2021.html")
    'plan.2021'
    """
    stem = Path(name).stem if Path(name).suffix else name
    return LANGUAGE_TAG_RE.sub("", stem)


def slugify(text: str) -> str:
    """Lower-case ``[a-z0-9-]`` form of ``text`` ('' when nothing ASCII is left).

    >>> slugify("Plan 2021__Final")
    'plan-2021-final'
    """
    return NON_SLUG_RE.sub("-", text.lower()).strip("-")


def resolve_documents(raw_dir: Path, manifest: dict[str, DocumentMeta]) -> list[tuple[Path, DocumentMeta]]:
    """(path, meta) for every raw file; two files with the same doc_id raise InputError."""
    resolved, owners = [], {}
    for path in list_raw_files(raw_dir):
        meta = meta_for(path, manifest)
        if meta.doc_id in owners:
            raise InputError(path, f"doc_id {meta.doc_id!r} is also the doc_id of {owners[meta.doc_id]}",
                             f"give one of them its own doc_id in {MANIFEST_NAME}")
        owners[meta.doc_id] = path.name
        resolved.append((path, meta))
    return resolved
