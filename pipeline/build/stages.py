"""Every stage for one document: raw file -> ``DocumentTables`` (no I/O besides reading it).

    meta    = manifest.meta_for(path, manifest)        # raw/manifest.toml or the file name
    raw     = ingest.read_document(path, meta, chrome)  -> RawDocument
    doc     = normalize.normalize(raw, phrases)      -> NormalizedDocument
    outline = segment.segment(doc, cues)             -> Outline
    targets = extract.extract_targets(outline, lexicon, when) -> list[Target]
    targets, indicators = catalog.label_outline(outline, targets, catalog) -> indicator ids
    terms   = terms.term_columns(outline, lexicon)   -> terms table columns (count_terms: rows)
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import pyarrow as pa

from pipeline import __version__
from pipeline.errors import InputError, PipelineError, RuleError, SchemaError
from pipeline.model import (Column, ColumnItem, Conversion, Document, DocumentMeta, Indicator, Outline, Paragraph,
                            RawDocument, Section, Target)
from pipeline.schema import check_foreign_keys, load_schemas

if TYPE_CHECKING:       # the stages are imported when a document is processed, not by a no-op build
    from pipeline.dating import DocumentDate
    from pipeline.lexicon_set import Lexicons

# The tables made from one document, in the order they are written (part files, Parquet).
DOC_TABLES = ("documents", "sections", "paragraphs", "columns", "column_items",
              "indicators", "targets", "terms", "conversions")


@dataclass(frozen=True)
class DocumentTables:
    """One document's output: its normalized text, its rows per table and the terms table
    as columns (name -> values, see ``terms.term_columns``: the large table without a
    Term object per row). One field per table of ``DOC_TABLES``."""

    text: str
    documents: tuple[Document, ...]
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    columns: tuple[Column, ...]
    column_items: tuple[ColumnItem, ...]
    indicators: tuple[Indicator, ...]
    targets: tuple[Target, ...]
    terms: dict[str, list]
    conversions: tuple[Conversion, ...]
    warnings: tuple[str, ...] = ()          # not a table: rows of problems (stage segment)


def arrow_tables(tables: DocumentTables) -> dict[str, pa.Table]:
    """A document's rows (and the terms columns) -> validated Arrow tables, in ``DOC_TABLES`` order,
    every foreign key between them checked."""
    schemas = load_schemas()
    arrow = {name: schemas[name].from_columns(tables.terms) if name == "terms"
             else schemas[name].to_table(getattr(tables, name))
             for name in DOC_TABLES}
    check_foreign_keys(arrow, schemas)
    return arrow


def process_document(path: Path, meta: DocumentMeta, lexicons: "Lexicons",
                     raw_dir: Path | None = None, sha256: str | None = None) -> DocumentTables:
    """All stages for one document (no I/O besides reading ``path``); with ``sha256``, the
    digest its bytes were fingerprinted with (other bytes: InputError)."""
    # Imported here so that a no-op rebuild does not pay for loading jieba, OpenCC and bs4.
    from pipeline import ingest

    raw = ingest.read_document(path, meta, lexicons.chrome, sha256)
    if raw_dir is not None:
        raw = replace(raw, source_path=relative_path(path, raw_dir))
    return document_tables(raw, lexicons)


def document_tables(raw: RawDocument, lexicons: "Lexicons") -> DocumentTables:
    """The stages after ingest, for one decoded document (see ``process_document``)."""
    from pipeline import catalog, extract, normalize, segment, terms
    from pipeline.dating import document_date
    from pipeline.titles import document_title

    doc = normalize.normalize(raw, lexicons.normalize)
    outline = segment.segment(doc, lexicons.cues)
    when = document_date(raw.meta, outline.front_matter or {}, doc.lines, lexicons.dates)
    title = document_title(raw.meta, outline.front_matter or {}, doc.lines, lexicons.cues, lexicons.dates)
    targets, indicators = catalog.label_outline(outline, extract.extract_targets(outline, lexicons.extract, when),
                                                lexicons.catalog)
    term_columns = terms.term_columns(outline, lexicons.terms)
    return DocumentTables(
        text="\n".join(doc.lines) + "\n",
        documents=(_document_row(outline, targets, raw.meta, when, title),),
        sections=tuple(outline.sections),
        paragraphs=tuple(outline.paragraphs),
        columns=tuple(outline.columns),
        column_items=tuple(outline.column_items),
        indicators=tuple(indicators),
        targets=tuple(targets),
        terms=term_columns,
        conversions=tuple(doc.conversions),
        warnings=tuple(outline.warnings),
    )


def _document_row(outline: Outline, targets: list, meta: DocumentMeta, when: "DocumentDate",
                  title: Optional[str]) -> Document:
    doc, raw = outline.doc, outline.doc.raw
    front = outline.front_matter or {}
    return Document(
        doc_id=meta.doc_id,
        title=title,
        issuer=meta.issuer or front.get("issuer"),
        region=meta.region,
        period=meta.period,
        issue_date=meta.issue_date or front.get("issue_date") or when.iso_date,
        date_source=when.source,
        doc_year=when.year,
        doc_number=meta.doc_number or front.get("doc_number"),
        source=meta.source,
        plan_id=meta.plan_id,
        edition=meta.edition,
        source_path=raw.source_path,
        source_sha256=raw.sha256,
        encoding=raw.encoding,
        format=raw.format,
        script=doc.script,
        taiwan_phrasing=doc.taiwan_phrasing,
        n_pages=raw.n_pages,
        n_lines=len(raw.lines),
        n_chars=sum(len(line) for line in doc.lines),
        n_sections=len(outline.sections),
        n_paragraphs=len(outline.paragraphs),
        n_columns=len(outline.columns),
        n_indicators=len(outline.indicators),
        n_targets=len(targets),
        n_conversions=len(doc.conversions),
        pipeline_version=__version__,
    )


def stage_of(exc: PipelineError) -> str:
    """The problems table's stage for an error: input, schema (write) or lexicon (rules)."""
    if isinstance(exc, InputError):
        return "ingest"
    if isinstance(exc, SchemaError):
        return "write"
    if isinstance(exc, RuleError):
        return "lexicon"
    return "build"


def relative_path(path: Path, raw_dir: Path) -> str:
    """``path`` relative to ``raw_dir`` (the documents' ``source_path``; a symbolic link's own
    name, not its target's), or as given outside it."""
    path = Path(path)
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path(raw_dir).resolve()))
    except ValueError:
        return str(path)
