"""Heading levels, set once every line has its blocks.

``_assign_levels``: numbered headings nest by the order in which the document nests its
numbering systems (first seen = outer); HTML ``<hN>`` hints give levels by rank; bare
headings get level 1 or 2 (or 3) from what follows them (``_infer_bare_levels``).
``_apply_overrides``: ``DocumentMeta.heading_levels`` (manifest) wins over all of these.
"""
from __future__ import annotations

from pipeline.segment.announced import FIRST_WORD_CHARS, OPEN, announced_count
from pipeline.segment.context import Block, Context, _span
from pipeline.segment.heading_cues import Cues
from pipeline.segment.numbering import _match_number


def _assign_levels(ctx: Context) -> None:
    """Set ``level`` on every heading block (see the module docstring)."""
    headings = [b for b in ctx.blocks if b.kind == "heading"]
    if any(b.system == "bare" for b in headings):
        _infer_bare_levels(ctx)
    hint_levels = sorted({b.hint_level for b in headings if b.hint_level is not None})
    base = 0
    stack: list[str] = []
    for b in headings:
        if b.hint_level is not None:
            b.level = hint_levels.index(b.hint_level) + 1
            base, stack = b.level, []
            continue
        if b.system == "standalone":
            # an attachment (附件1) is a part of its own: its headings nest below it, they are
            # not more chapters of the document
            attachment = bool(ctx.cues.attachment.match(b.title))
            b.level, base, stack = 1, 1 if attachment else 0, []
            continue
        key = b.system if b.system != "bare" else f"bare:{b.level}"
        if key in stack:
            del stack[stack.index(key) + 1:]
        else:
            stack.append(key)
        b.level = base + stack.index(key) + 1


def _apply_overrides(ctx: Context) -> None:
    """``DocumentMeta.heading_levels`` (raw line → level) wins over inference: the line
    becomes a heading at that level (a whole-line paragraph is turned into one)."""
    overrides = dict(ctx.doc.raw.meta.heading_levels)
    if not overrides:
        return
    c = ctx.cues
    for b in ctx.blocks:
        level = overrides.get(b.index + 1)
        if level is None:
            continue
        if b.kind == "heading":
            b.level = level
        elif b.kind == "paragraph" and (b.start, b.end) == _span(ctx.lines[b.index]):
            text = ctx.lines[b.index][b.start:b.end]
            found = _match_number(text, c)
            number = text[:found[1]].strip() if found else None
            title = text[found[1]:].strip() if found else text
            if title and title[-1] in c.heading_terminal:
                title = title[:-1].rstrip()
            b.kind, b.number, b.title, b.level, b.system = "heading", number, title, level, "override"


def _infer_bare_levels(ctx: Context) -> None:
    """Level 1 or 2 for bare headings, from what follows each one.

    A bare heading is a parent (level 1) when the next block is another bare heading,
    or when it is followed by an intro and then another bare heading: exactly one
    paragraph, short against the document's own single-paragraph sections
    (``_intro_threshold``) and shorter, by the gap ratio, than the body under the
    next heading. A parent by intro directly followed by another parent is a child
    after all (it has no sub-heading), so is one directly under a parent by adjacency (the
    part's first child with its own paragraph), so is one whose next heading opens with its
    first word (提高土地审批效率 / 提高环评审批效率: siblings share their shape), and a single
    parent by intro in a document with no parent by adjacency is not a pattern either. Other bare headings are children (level 2);
    children before the first parent, and all of them when there is no parent, are
    level 1.
    """
    blocks = [b for b in ctx.blocks if b.kind not in ("page_number", "furniture", "signature")]
    c = ctx.cues
    positions = [k for k, b in enumerate(blocks) if b.kind == "heading" and b.system == "bare"]
    between = [blocks[p + 1:positions[n + 1]] if n + 1 < len(positions) else None
               for n, p in enumerate(positions)]
    singles = [_text_len(bs[0]) for bs in between if bs is not None and _is_single(bs)]
    threshold = _intro_threshold(singles, c)
    adjacent = [bs is not None and not bs for bs in between]
    if _longest_run(adjacent) + 1 >= c.bare_max_levels:
        _three_bare_levels(blocks, positions, between, adjacent, threshold, c)
        _repeated_child_runs(blocks, positions, adjacent)
        return
    parent = list(adjacent)
    for n, bs in enumerate(between):
        if bs and _is_single(bs) and _text_len(bs[0]) <= threshold:
            following = between[n + 1] or []
            body = sum(_text_len(b) for b in following if b.kind in ("paragraph", "column"))
            parent[n] = body >= _text_len(bs[0]) * c.min_gap_ratio
    for n in range(len(parent) - 1):
        if parent[n] and not adjacent[n] and parent[n + 1]:
            parent[n] = False
    for n in range(1, len(parent)):
        if parent[n] and not adjacent[n] and adjacent[n - 1]:
            parent[n] = False              # the first child of a part, with its paragraph
    titles = [blocks[p].title or "" for p in positions]
    for n in range(len(parent) - 1):
        opening = titles[n][:FIRST_WORD_CHARS]
        if parent[n] and not adjacent[n] and len(opening) == FIRST_WORD_CHARS \
                and titles[n + 1].startswith(opening):
            parent[n] = False              # 提高土地审批效率 / its text / 提高环评审批效率: siblings
    by_intro = [n for n in range(len(parent)) if parent[n] and not adjacent[n]]
    if len(by_intro) == 1 and not any(adjacent):
        parent[by_intro[0]] = False        # one short section among flat ones is no pattern
    seen_parent = False
    any_parent = any(parent)
    for n, p in enumerate(positions):
        seen_parent = seen_parent or parent[n]
        blocks[p].level = 1 if parent[n] or not seen_parent or not any_parent else 2
    _announced_parts(ctx, blocks, positions, between)
    _shared_opening_runs(blocks, positions)
    _shared_comma_runs(ctx, blocks, positions)
    _same_terminal_runs(ctx, blocks, positions, between)
    _single_paragraph_runs(blocks, positions, between)
    _closed_opening_runs(blocks, positions, between)
    _body_opening_runs(ctx, blocks, positions, between)
    _repeated_child_runs(blocks, positions, adjacent)


def _body_opening_runs(ctx: Context, blocks: list[Block], positions: list[int], between: list) -> None:
    """When the sections of a document open their bodies alike (at least ``MIN_SHARED_RUN`` of
    them and half: "你省请求，…" then the ministries' answer, most with more than that paragraph), a
    section holding only that opening paragraph, followed by sections whose bodies open otherwise, is their parent: "关于防灾抗灾和移民
    安置问题" / "你省请求，…" / "关于防治地质灾害问题" / "国土资源部会同…研究提出了办理意见：…";
    the next section opening alike is its sibling again. Siblings share their shape."""
    def opening(bs) -> str:
        if not bs or bs[0].kind != "paragraph":
            return ""
        return ctx.lines[bs[0].index][bs[0].start:bs[0].end][:FIRST_WORD_CHARS]
    openings = [opening(bs) for bs in between]
    counts: dict[str, int] = {}
    for o in openings:
        if len(o) == FIRST_WORD_CHARS:
            counts[o] = counts.get(o, 0) + 1
    if not counts:
        return
    common, count = max(counts.items(), key=lambda kv: kv[1])
    singles = sum(1 for o, bs in zip(openings, between) if o == common and _is_single(bs))
    if count < MIN_SHARED_RUN or count * 2 < len(positions) or singles * 2 >= count:
        return                             # the opening alone must be the exception
    for n in range(len(positions) - 1):
        if openings[n] != common or not _is_single(between[n]):
            continue
        level = blocks[positions[n]].level
        k = n + 1
        while k < len(positions) and between[k] and openings[k] != common \
                and blocks[positions[k]].level <= level:
            k += 1
        for m in range(n + 1, k):
            blocks[positions[m]].level = level + 1


MIN_REPEATED_CHILDREN = 2


def _repeated_child_runs(blocks: list[Block], positions: list[int], adjacent: list[bool]) -> None:
    """Parts whose children repeat the same titles in the same order ("北方干旱半干旱区" /
    基本情况 / 主攻方向 / 推介模式, then "青藏高寒区" / 基本情况 / 主攻方向 / 推介模式) are siblings:
    each later part, directly followed by at least two such children, takes the level of the
    nearest earlier part with them, and its children take theirs. Siblings share their shape."""
    titles = [blocks[p].title or "" for p in positions]
    for b in range(1, len(positions)):
        if not adjacent[b]:
            continue
        for a in range(b - 1, -1, -1):
            if not adjacent[a] or titles[a] == titles[b]:
                continue
            run = 0
            while a + 1 + run < b and b + 1 + run < len(positions) \
                    and titles[a + 1 + run] == titles[b + 1 + run]:
                run += 1
            if run >= MIN_REPEATED_CHILDREN:
                blocks[positions[b]].level = blocks[positions[a]].level
                for k in range(1, run + 1):
                    blocks[positions[b + k]].level = blocks[positions[a + k]].level
                break


MIN_SHARED_RUN = 3


def _closed_opening_runs(blocks: list[Block], positions: list[int], between: list) -> None:
    """At least three bare headings in a row opening alike (“人工智能+”招标 / “人工智能+”投标 / …),
    children of the heading before them, which opens otherwise: the headings after the run at
    their level, printed otherwise and each after a section with a body ("规范部署实施",
    "加强组织保障"), are that heading's siblings, not more children: siblings share their shape."""
    titles = [blocks[p].title or "" for p in positions]
    levels = [blocks[p].level for p in positions]
    n = 1
    while n < len(positions):
        opening = titles[n][:FIRST_WORD_CHARS]
        m = n
        while m + 1 < len(positions) and len(opening) == FIRST_WORD_CHARS \
                and titles[m + 1].startswith(opening) and levels[m + 1] == levels[n]:
            m += 1
        if m - n + 1 >= MIN_SHARED_RUN and levels[n - 1] == levels[n] - 1 \
                and not titles[n - 1].startswith(opening):
            k = m + 1
            while k < len(positions) and levels[k] == levels[n] and between[k - 1] \
                    and not titles[k].startswith(opening):
                blocks[positions[k]].level = levels[n] - 1
                k += 1
        n = m + 1


def _shared_opening_runs(blocks: list[Block], positions: list[int]) -> None:
    """At least three bare headings in a row opening with the same verb (着力实施扩大内需战略,
    着力推动能源转型, …) are parallel parts: children of the heading just before them when it
    opens otherwise and they stand no lower than it ("2026年工作安排" over the 着力… parts)."""
    openings = [(blocks[p].title or "")[:FIRST_WORD_CHARS] for p in positions]
    _shared_shape_runs(blocks, positions, [o if len(o) == FIRST_WORD_CHARS else None for o in openings])


def _shared_comma_runs(ctx: Context, blocks: list[Block], positions: list[int]) -> None:
    """At least three bare headings in a row with the same number of commas (精准施策稳经济，
    回升向好态势巩固拓展 / 推动科技创新和产业创新深度融合，新质生产力发展壮大 / …) are siblings:
    children of the heading just before them when it has another number of commas
    ("2025年工作和“十四五”发展回顾") and they stand no lower than it."""
    marks = ctx.cues.title_inner_punct
    commas = [sum((blocks[p].title or "").count(m) for m in marks) for p in positions]
    _shared_shape_runs(blocks, positions, [n or None for n in commas])


def _shared_shape_runs(blocks: list[Block], positions: list[int], shapes: list) -> None:
    """Runs of at least ``MIN_SHARED_RUN`` bare headings with the same shape (None: no shape)
    become children of the heading just before them when its shape differs and they stand no
    lower than it."""
    n = 1
    while n < len(positions):
        m = n
        while shapes[n] is not None and m + 1 < len(positions) and shapes[m + 1] == shapes[n]:
            m += 1
        if m - n + 1 >= MIN_SHARED_RUN and shapes[n - 1] != shapes[n]:
            parent = blocks[positions[n - 1]]
            if all(blocks[positions[k]].level <= parent.level for k in range(n, m + 1)):
                for k in range(n, m + 1):
                    blocks[positions[k]].level = parent.level + 1
        n = m + 1


MIN_CHILD_RUN = 3


def _single_paragraph_runs(blocks: list[Block], positions: list[int], between: list) -> None:
    """In a document with two levels, a top-level heading with one paragraph followed by at
    least three top-level headings with one paragraph each (the last may close with more) is
    their parent: "2025年工作回顾…" / its lead / "内需潜力持续释放" / its paragraph / …; parts
    are long, so a run of one-paragraph sections under a part are its children."""
    if not any(blocks[p].level > 1 for p in positions):
        return
    single = [bs is not None and _is_single(bs) for bs in between]
    top = [blocks[p].level == 1 for p in positions]
    n = 0
    while n < len(positions):
        m = n + 1
        while m < len(positions) and top[m] and single[m]:
            m += 1
        if m < len(positions) and top[m] and (m + 1 == len(positions) or top[m + 1] and not single[m + 1]):
            m += 1                    # the last part closes with more paragraphs (各位代表！…)
        if top[n] and single[n] and m - n - 1 >= MIN_CHILD_RUN:
            for k in range(n + 1, m):
                blocks[positions[k]].level = 2
            n = m
        else:
            n += 1


def _announced_parts(ctx: Context, blocks: list[Block], positions: list[int], between: list) -> None:
    """A heading whose body ends by announcing n parts ("重点做好十一个方面工作。") is the
    parent of the next n bare headings (level 1 over level 2); the heading after them is
    its sibling again."""
    c = ctx.cues
    for n, bs in enumerate(between):
        if not bs:
            continue
        last = bs[-1]
        text = ctx.lines[last.index][last.start:last.end] if last.kind == "paragraph" else ""
        count = announced_count(text, c) if text else 0
        if count == OPEN:
            count = _announced_run(blocks, positions, n + 1, ctx.announced_runins)
        if count < 1 or n + count >= len(positions):
            continue
        blocks[positions[n]].level = 1
        for k in range(n + 1, n + 1 + count):
            blocks[positions[k]].level = 2
        if n + count + 1 < len(positions):
            blocks[positions[n + count + 1]].level = 1


def _same_terminal_runs(ctx: Context, blocks: list[Block], positions: list[int], between: list) -> None:
    """Bare headings printed as a sentence (指导思想。 / 工作目标。 / 基本原则。), two or more in a
    row, are siblings one level below the heading before them when it is printed otherwise
    (总体要求); the next heading printed otherwise (明确工作职责) is that heading's sibling again:
    siblings share their shape. So are the headings after it while each follows a section with
    a body (``_is_body``: a section of several paragraphs has no children; 加强功能建设,
    规范运维管理), up to one opening a run of alike parts (``_opens_alike_run``)."""
    terminal = ctx.cues.heading_terminal
    ends = [ctx.lines[blocks[p].index].rstrip()[-1:] in terminal for p in positions]
    n = 1
    while n < len(positions):
        if not ends[n] or ends[n - 1]:
            n += 1
            continue
        m = n
        while m + 1 < len(positions) and ends[m + 1]:
            m += 1
        if m > n:
            parent = blocks[positions[n - 1]]
            for k in range(n, m + 1):
                blocks[positions[k]].level = parent.level + 1
            k = m + 1
            while k < len(positions) and (k == m + 1 or blocks[positions[k]].level == parent.level + 1
                                          and _is_body(ctx, between[k - 1]) and not ends[k]
                                          and not _opens_alike_run(blocks, positions, k)):
                blocks[positions[k]].level = parent.level      # a section with a body has no children
                k += 1
        n = m + 1


def _opens_alike_run(blocks: list[Block], positions: list[int], k: int) -> bool:
    """The ``k``-th bare heading opens a run of at least three opening alike (着力实施扩大内需战略,
    着力推动能源转型, …): parts of the heading before them (``_shared_opening_runs``)."""
    opening = (blocks[positions[k]].title or "")[:FIRST_WORD_CHARS]
    run = positions[k:k + MIN_SHARED_RUN]
    return len(opening) == FIRST_WORD_CHARS and len(run) == MIN_SHARED_RUN \
        and all((blocks[p].title or "").startswith(opening) for p in run)


def _is_body(ctx: Context, bs) -> bool:
    """The blocks under a heading are a body, not a lead: more than one paragraph, the last not
    announcing what follows ("重点做好十一个方面工作。", "…以下几方面工作：")."""
    if not bs or _is_single(bs):
        return False
    last = bs[-1]
    if last.kind != "paragraph":
        return True
    text = ctx.lines[last.index][last.start:last.end].rstrip()
    return not announced_count(text, ctx.cues) and text[-1:] not in ("：", ":")


def _announced_run(blocks: list[Block], positions: list[int], first: int, announced: frozenset) -> int:
    """How many headings from the ``first``-th on are parts of the announcement before them
    ("重点抓好以下工作：" gives no count: ``segment.announced`` found them)."""
    count = 0
    while first + count < len(positions) and blocks[positions[first + count]].index in announced:
        count += 1
    return count


def _longest_run(flags: list[bool]) -> int:
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


CHAIN_INTRO_RATIO = 2


def _three_bare_levels(blocks: list[Block], positions: list[int], between: list,
                       adjacent: list[bool], threshold: int, c: Cues) -> None:
    """Levels 1–3 for a document whose bare headings stack three deep somewhere
    (篇 > 章 > 节 printed without numbers: "开启新征程 / 发展环境 / 发展基础" in a row).

    A heading is a parent when the next heading follows it directly or after an intro
    (as for two levels; the body compared with the intro is that of the first heading
    below it with a body; over a chain the intro must be at most half of it), or after a
    lead paragraph (``_lead_parents``). Two or more parents in a row are a chain from level 1 down. A
    parent alone stands at the level of the nearest parent before it, as its sibling
    ("推动行业科技进步" / its leaves / "加快产品产业结构调整"); at level 1 when it comes first,
    at level 2 when it comes first after a one-paragraph section that is a lead (``_is_chain_lead``), one
    level up when it closes its siblings (``_closes_siblings``). A leaf stands one level
    under its nearest parent (level 1 before the first parent).
    """
    parent = list(adjacent)
    for n, bs in enumerate(between):
        if bs and _is_single(bs) and _text_len(bs[0]) <= threshold:
            m = n + 1
            while m < len(between) and between[m] == []:
                m += 1
            following = between[m] if m < len(between) and between[m] else []
            body = sum(_text_len(b) for b in following if b.kind in ("paragraph", "column"))
            parent[n] = body >= _text_len(bs[0]) * c.min_gap_ratio
            if parent[n] and adjacent[n + 1:n + 2] == [True]:
                # over a chain (intro, then a heading over headings) the lead must be clearly
                # shorter than the text under it: a short leaf's paragraph is not a lead
                parent[n] = body >= _text_len(bs[0]) * CHAIN_INTRO_RATIO
    parent = [p or q for p, q in zip(parent, _lead_parents(between, parent))]
    top = c.bare_max_levels
    current = 0                       # level of the nearest parent, 0 before the first one
    peers: list[int] = []             # the parents standing at that level, in order
    part = None                       # the nearest parent at level 1
    n = 0
    while n < len(positions):
        if not parent[n]:
            blocks[positions[n]].level = min(current + 1, top) if current else 1
            n += 1
            continue
        depth = 0
        while n + depth < len(parent) and parent[n + depth]:
            depth += 1
        if depth >= top - 1:
            start = 1
        elif not current and n > 0 and between[n - 1] and _is_single(between[n - 1]) \
                and _is_chain_lead(between, n):
            start, part = 2, n - 1          # the section before is a part with its lead
        elif not current:
            start = 1
        elif current > 1 and _closes_siblings(blocks, positions, peers, part, n):
            start = current - 1
        else:
            start = current
        for k in range(depth):
            blocks[positions[n + k]].level = min(start + k, top)
        new = min(start + depth - 1, top)
        if depth == 1 and new == current:
            peers.append(n)
        else:
            peers = [n + depth - 1]
        if start == 1:
            part = n
        current = new
        n += depth


def _is_chain_lead(between: list, n: int) -> bool:
    """The one paragraph before the chain starting at the ``n``-th heading is its part's lead:
    at most half as long as the body of the first section with a body in the chain ("回顾与总结" /
    99 characters / "取得的主要成绩" / "经济发展质量稳步提升" / 279), not a section's own text
    ("总体要求" / 241 characters / "主要任务" / "排查危险废物产生及去向" / 402: 总体要求 is
    主要任务's sibling)."""
    m = n
    while m < len(between) and between[m] == []:
        m += 1
    following = between[m] if m < len(between) and between[m] else []
    return _body_len(following) >= _text_len(between[n - 1][0]) * CHAIN_INTRO_RATIO


LEAD_RATIO = 2


def _lead_parents(between: list, parent: list[bool]) -> list[bool]:
    """A one-paragraph section whose paragraph is at most half as long as the body before it
    and the body after it, and is followed by a section with a body (not by a parent), is a
    parent with its lead paragraph ("面临的形势" / "未来五年，…更要迎接新挑战。" (74 characters,
    after 291) / "宏观经济调整影响深远" / 407 characters)."""
    lead = [False] * len(between)
    for n in range(1, len(between) - 1):
        bs, before, after = between[n], between[n - 1], between[n + 1]
        if not (bs and _is_single(bs)) or parent[n + 1] or not before or not after:
            continue
        size = _text_len(bs[0])
        lead[n] = _body_len(before) >= size * LEAD_RATIO and _body_len(after) >= size * LEAD_RATIO
    return lead


def _body_len(bs: list[Block]) -> int:
    return sum(_text_len(b) for b in bs if b.kind in ("paragraph", "column"))


def _closes_siblings(blocks: list[Block], positions: list[int], peers: list[int], part, n: int) -> bool:
    """The parent ``n``, alone, is not one more of the parents ``peers`` at the level under the
    part ``part`` but the part's sibling when siblings share a shape it has not: three or more
    of them open alike and it does not (“人工智能+”招标 / “人工智能+”投标 / … / "规范部署实施"),
    or its title is shorter than every one of theirs and no longer than the part's (parts are
    named shorter than their chapters: "主要任务" / "推动行业科技进步" / … / "保障措施")."""
    title = (blocks[positions[n]].title or "")
    titles = [blocks[positions[k]].title or "" for k in peers]
    if len(titles) >= MIN_SHARED_RUN:
        openings = {t[:FIRST_WORD_CHARS] for t in titles}
        if len(openings) == 1 and not title.startswith(openings.pop()):
            return True
    if part is None or not titles:
        return False
    return len(title) < min(len(t) for t in titles) and len(title) <= len(blocks[positions[part]].title or "")


def _is_single(bs: list[Block]) -> bool:
    return len(bs) == 1 and bs[0].kind == "paragraph"


def _text_len(b: Block) -> int:
    return b.end - b.start


def _intro_threshold(lengths: list[int], c: Cues) -> int:
    """Longest intro length: the lower side of the largest gap among single paragraphs.

    >>> _intro_threshold([87, 75, 99, 240, 136, 300, 160], CUES)
    99
    >>> _intro_threshold([200, 210, 230], CUES)
    0
    """
    values = sorted(set(lengths))
    best, best_ratio = 0, c.min_gap_ratio
    for low, high in zip(values, values[1:]):
        if low <= c.intro_max_chars and low > 0 and high / low >= best_ratio:
            best, best_ratio = low, high / low
    return best
