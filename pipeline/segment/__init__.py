"""NormalizedDocument → Outline: headings, paragraphs, 专栏 and indicator tables.

Entry function: ``segment(doc)``.

Where things are done (modules of this package):

- ``heading_cues``: ``lexicons/heading_cues.toml`` read strictly and compiled (``Cues``, ``load_cues(lexicon_dir)``);
- ``context``: the working state (``Context``, ``Block``, 专栏 drafts) and text helpers;
- ``numbering``: the numbering grammar (numbers, heading shapes, run-in titles);
- ``rule``: the ``Rule`` interface, blank lines, page numbers, the paragraph fallback;
- ``front_matter``: release header, metadata box, 目录, and the front-matter fields;
- ``columns``: 专栏 with their items, and notes;
- ``tables``: which lines are indicator-table rows, cells, headers, ``parse_indicator_line``;
- ``headings``: HTML, numbered, standalone and bare headings;
- ``levels``: heading levels and the manifest's overrides;
- ``indicators``: ``Indicator`` rows read from the table blocks;
- ``assemble``: ``segment()``, the rule registry, and building the ``Outline``.

How a document is read, in the style of Python-Markdown's block parser:

1. ``front_matter._front_matter_end`` finds the release header of an official document (发文字号,
   the notice to 各市、县（市、区）人民政府…, signatures, date, （此件主动公开）, the plan
   title). Those lines become paragraphs of kind ``front_matter`` and fill
   ``Outline.front_matter`` (doc_number, issue_date as ISO, issuer). Blocks that ingest
   hinted as ``metadata`` (a site's 信息公开 box: "发文字号：…") are front matter wherever
   they stand and fill the fields the printed header leaves empty.
2. Every line is offered to an ordered registry of line rules (``assemble.RULES``, highest
   priority first). Each rule has ``test(ctx, i)`` (does line ``i`` belong to me?)
   and ``run(ctx, i)`` (append blocks, return how many lines were consumed):
   blank, 目录 (table of contents, kept as front matter), front matter, 专栏 (one line,
   or a title line with item lines / table rows; items numbered 01 1. （1） ①, or
   unnumbered "标题：正文" lines, or a title line with its text on the next line; a 专栏
   that captions an indicator table keeps no items), HTML table row, residue, page
   number ("— 3 —", kind ``page_number``), note, an indicator table printed one cell per
   line (``cells.CellLinesRule``: a header block 指标 / 2020年 / 2025年 / 属性, then each
   row's cells on lines of their own), indicator row of a text table (flattened
   "1.名称 值 值", TAB cells, cells between pipes "| 1 | 名称 | 值 |" as Markdown writes
   them, space-separated cells under a header line, and a category row "一、参保覆盖"
   alone between rows), HTML heading, numbered heading (also run-in
   "（一）发展基础。正文…", and titles with a comma on heading-role numbers; a 1. 2. 3.
   list introduced by "…如下：" stays paragraphs), standalone heading (前言, 结束语, 附件),
   bare heading, paragraph (fallback).
3. ``levels._assign_levels`` gives every heading its level. Numbered headings nest by the
   order in which the document nests its numbering systems (first seen = outer);
   HTML ``<hN>`` hints give levels by rank; bare (unnumbered) headings get level 1
   or 2 from what follows them (``_infer_bare_levels``); ``DocumentMeta.heading_levels``
   (manifest) overrides all of these for the lines it names.
4. ``assemble._build`` numbers sections (dotted paths "3.2"), paragraphs ("p0001"), 专栏
   ("c01") with their items, and indicator rows ("i001").

Patterns and thresholds live in ``lexicons/heading_cues.toml`` (one example each).

Residue (``| | | |`` lines left by a flattened table, and the ``| --- | --- |`` rule under
the header of a Markdown table) never becomes paragraph text:
each residue line is counted in ``n_residue_lines`` of the nearest table paragraph of
the same run of table lines (the one before it, else the one after it); a run of
residue lines with no table row at all becomes one paragraph of kind ``residue`` with
empty text whose ``n_residue_lines`` is the run length. A residue suffix at the end of
a content line ("… — | | | |") is cut from that paragraph's text and not counted.

Text is never lost or duplicated: every non-whitespace character of the input, other
than residue (whole residue lines, a residue suffix) and the single mark separating or
ending a heading title ("。", "："),
is in exactly one paragraph text or section number/title, in document order.
"""
from __future__ import annotations

from pipeline.segment.assemble import RULES, segment
from pipeline.segment.heading_cues import Cues, load_cues
from pipeline.segment.rule import Rule
from pipeline.segment.tables import is_header_line, parse_indicator_line

__all__ = ["segment", "load_cues", "parse_indicator_line", "is_header_line", "RULES", "Rule", "Cues"]
