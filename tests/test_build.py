"""End to end on raw/: the tables the first document must give, determinism, incremental rebuilds."""
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import __version__
from pipeline.build import ALL_TABLES, build
from pipeline.errors import InputError, RuleError, SchemaError
from pipeline.schema import load_schemas
from pipeline.write import recover_directory
from tests.conftest import FIRST_DOC, FIRST_DOC_ID, tree_digest

pytestmark = pytest.mark.integration

TOP_LEVEL = ["规划背景", "总体要求", "高质量就业", "社会保障体系", "人才队伍", "劳动关系", "分配机制", "公共服务", "实施保障"]
SUBSECTION_COUNTS = [2, 3, 6, 5, 6, 4, 2, 4, 4]


def read(out, table):
    return pd.read_parquet(out / f"{table}.parquet")


def test_every_table_has_its_declared_schema(built):
    for name, schema in load_schemas().items():
        actual = pq.read_schema(built / f"{name}.parquet")
        assert actual.equals(schema.to_arrow(), check_metadata=False), name
        assert actual.field(schema.columns[0]).metadata[b"description"]
        assert actual.metadata[b"schema_version"] == schema.schema_version.encode()
        assert actual.metadata[b"pipeline_version"] == __version__.encode()


def test_documents_row_comes_from_the_manifest(built):
    docs = read(built, "documents")
    assert docs["doc_id"].tolist() == [FIRST_DOC_ID]
    row = docs.iloc[0]
    assert row["title"] == "浙江省人力资源和社会保障事业发展“十四五”规划"
    assert row["period"] == "十四五"
    assert row["script"] == "traditional"
    assert bool(row["taiwan_phrasing"])
    assert row["source_sha256"] == "d4eb694abab72014ce4ac02685baff6635a9404bce7cc5e52379cedff5db3986"


def test_normalized_text_keeps_one_line_per_raw_line(built):
    raw_lines = FIRST_DOC.read_text(encoding="utf-8").split("\n")
    text = (built / "text" / f"{FIRST_DOC_ID}.txt").read_text(encoding="utf-8")
    assert text.endswith("\n")
    lines = text[:-1].split("\n")
    assert len(lines) == len(raw_lines)
    assert lines[0] == "规划背景"
    assert lines[69] == "高质量就业"
    assert "优化" in lines[2] and "最佳化" not in text


def test_outline_has_nine_chapters_and_thirty_six_sections(built):
    sections = read(built, "sections").sort_values("seq")
    top = sections[sections["level"] == 1]
    assert top["title"].tolist() == TOP_LEVEL
    assert top["parent_id"].isna().all()
    second = sections[sections["level"] == 2]
    assert len(second) == 36
    counts = [int((second["parent_id"] == sid).sum()) for sid in top["section_id"]]
    assert counts == SUBSECTION_COUNTS
    assert second["title"].iloc[-1] == "加强队伍建设"
    assert "推进人社领域基本公共服务标准化建设" in second["title"].tolist()
    assert sections["line"].notna().all()


def test_columns_and_items(built):
    columns = read(built, "columns").sort_values("line")
    assert columns["number"].tolist() == list(range(3, 13))
    assert columns["n_items"].tolist() == [4, 6, 3, 3, 5, 3, 3, 4, 4, 6]
    items = read(built, "column_items")
    assert items.groupby("column_id").size().tolist() == [4, 6, 3, 3, 5, 3, 3, 4, 4, 6]
    col6 = columns[columns["number"] == 6].iloc[0]
    assert col6["intro"].startswith("构建“产教训”融合")
    assert columns[columns["number"] == 3].iloc[0]["title"] == "高质量就业专项行动"


def test_indicator_rows_of_the_flattened_table(built):
    ind = read(built, "indicators").sort_values("seq")
    first = ind[ind["line"] == 6]
    assert first["category"].unique().tolist() == ["人才队伍建设"]
    assert len(first) == 5
    row = first.iloc[0]
    assert row["name"] == "人才资源总量" and row["unit"] == "万人"
    assert list(row["values"]) == ["1075", "1400", "1400"]
    assert list(row["numbers"]) == [1075.0, 1400.0, 1400.0]
    assert set(ind["line"]) >= {53, 59, 60}


def test_no_residue_paragraphs(built):
    paragraphs = read(built, "paragraphs")
    assert not paragraphs["text"].str.fullmatch(r"[|\s]*").any()
    assert paragraphs["n_residue_lines"].sum() > 0


def test_reviewed_sample_of_targets(built):
    targets = read(built, "targets")
    paragraphs = read(built, "paragraphs").set_index("para_id")
    for row in targets.itertuples():
        assert paragraphs.loc[row.para_id, "text"][row.char_start:row.char_end] == row.mention

    def one(mention):
        rows = targets[targets["mention"].str.contains(mention, regex=False)]
        assert len(rows) >= 1, mention
        return rows.iloc[0]

    jobs = one("500万人以上")
    assert (jobs["value"], jobs["unit"], jobs["qualifier"], jobs["period"]) == (5e6, "人", "以上", "十四五期间")
    assert "城镇新增就业" in jobs["subject"]
    loans = one("20亿元")
    assert loans["value"] == 2e9 and loans["period"] == "每年"
    assert one("4500亿元")["deadline_year"] == 2025
    assert not targets["mention"].isin(["2025年", "三位一体", "01", "2.0"]).any()


def test_rebuild_is_byte_identical_and_a_noop(raw, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(raw, first, jobs=1).ok
    assert build(raw, second, jobs=2).ok
    assert tree_digest(first) == tree_digest(second)
    again = build(raw, first, jobs=1)
    assert again.noop
    assert tree_digest(first) == tree_digest(second)


def test_bad_file_is_reported_and_other_documents_survive(raw, tmp_path):
    out = tmp_path / "out"
    assert build(raw, out, jobs=1).ok
    before = read(out, "targets")
    (raw / "broken-plan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    report = build(raw, out, jobs=1)
    assert not report.ok
    problems = read(out, "problems")
    assert problems["source_path"].tolist() == ["broken-plan.txt"]
    assert "PDF" in problems["message"].iloc[0]
    pd.testing.assert_frame_equal(read(out, "targets"), before)
    (raw / "broken-plan.txt").unlink()
    assert build(raw, out, jobs=1).ok
    assert read(out, "problems").empty


def test_removed_document_rows_are_dropped(raw, tmp_path):
    copy = raw / "copy-of-plan.txt"
    copy.write_bytes(FIRST_DOC.read_bytes())
    out = tmp_path / "out"
    assert build(raw, out, jobs=1).ok
    assert sorted(read(out, "documents")["doc_id"]) == ["copy-of-plan", FIRST_DOC_ID]
    copy.unlink()
    assert build(raw, out, jobs=1).ok
    assert read(out, "documents")["doc_id"].tolist() == [FIRST_DOC_ID]
    assert not (out / "text" / "copy-of-plan.txt").exists()
    assert set(read(out, "targets")["doc_id"]) == {FIRST_DOC_ID}


def test_editions_of_one_plan_are_compared(raw, tmp_path, capsys):
    """A real text and an edited copy (a 'draft' with two figures changed) as two editions."""
    from pipeline.cli import main

    draft = FIRST_DOC.read_text(encoding="utf-8").replace("500萬人以上", "450萬人以上").replace("4500億元", "4000億元")
    (raw / "draft.zh-tw.txt").write_text(draft, encoding="utf-8")
    with open(raw / "manifest.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[[documents]]\nfile = "draft.zh-tw.txt"\ndoc_id = "zhejiang-hrss-draft"\n'
                     'plan_id = "zhejiang-hrss-fyp"\nedition = "draft"\nissue_date = 2021-03-01\n')
    out = tmp_path / "out"
    assert build(raw, out, jobs=1).ok
    changes = read(out, "target_changes")
    assert set(changes["doc_id_old"]) == {"zhejiang-hrss-draft"}
    assert set(changes["doc_id_new"]) == {FIRST_DOC_ID}
    changed = changes[changes["change"] == "changed"].set_index("mention_new")
    assert sorted(changed.index) == ["4500亿元", "500万人以上"]
    assert changed.loc["500万人以上", "mention_old"] == "450万人以上"
    assert changed.loc["500万人以上", "ratio"] == pytest.approx(500 / 450)
    targets = read(out, "targets")
    new_targets = targets[(targets["doc_id"] == FIRST_DOC_ID) & (targets["role"] == "target")]
    assert (changes["change"] == "unchanged").sum() == len(new_targets) - 2
    assert not changes["change"].isin(["added", "removed"]).any()

    assert main(["compare", "zhejiang-hrss-draft", FIRST_DOC_ID, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2 changed" in printed and "450万人以上 → 500万人以上" in printed
    assert main(["compare", "nope", FIRST_DOC_ID, "--out", str(out)]) == 2
    assert "no document 'nope'" in capsys.readouterr().err


def test_show_prints_the_outline_with_counts(built, capsys):
    from pipeline.cli import main

    assert main(["show", FIRST_DOC_ID, "--out", str(built)]) == 0
    printed = capsys.readouterr().out
    assert "45 sections" in printed
    assert "\n  3        高质量就业" in printed
    assert "    3.6      加强终身职业技能培训  [" in printed


def test_only_changed_documents_are_rebuilt_from_their_part_files(raw, tmp_path):
    copy = raw / "copy-of-plan.txt"
    copy.write_bytes(FIRST_DOC.read_bytes())
    out = tmp_path / "out"
    (out / ".parts" / "gone-doc").mkdir(parents=True)          # left by an older layout
    assert build(raw, out, jobs=2).ok
    assert not (out / ".parts" / "gone-doc").exists()
    first = {d.doc_id: d.counts for d in build(raw, tmp_path / "once", jobs=1).documents}

    copy.write_text(FIRST_DOC.read_text(encoding="utf-8").replace("500萬人以上", "450萬人以上"), encoding="utf-8")
    report = build(raw, out, jobs=1)
    assert {d.doc_id: d.reused for d in report.documents} == {"copy-of-plan": False, FIRST_DOC_ID: True}
    reused = next(d for d in report.documents if d.reused)
    assert reused.counts == first[FIRST_DOC_ID] and reused.counts["terms"] > 0
    fresh = tmp_path / "fresh"
    assert build(raw, fresh, jobs=1).ok
    for name in ("documents", "paragraphs", "targets", "terms"):
        pd.testing.assert_frame_equal(read(out, name), read(fresh, name))
    assert "450万人以上" in set(read(out, "targets")["mention"])


@pytest.mark.parametrize("error,stage", [
    (InputError("raw/a.txt", "empty file"), "ingest"),
    (SchemaError("targets", "duplicate primary key"), "write"),
    (RuleError("units.tsv", "bad header"), "lexicon"),
])
def test_problem_stage_names_the_failing_step(error, stage):
    from pipeline.build import stage_of

    assert stage_of(error) == stage


# --------------------------------------------------------------------------- atomic publication


def build_ids(out):
    return {name: pq.read_schema(out / f"{name}.parquet").metadata[b"build_id"] for name in ALL_TABLES}


def published(out):
    """Digest of what analysts read: the tables and the texts (not the part cache)."""
    return {name: digest for name, digest in tree_digest(out).items()
            if name.endswith(".parquet") or name.startswith("text/")}


def test_every_table_names_the_same_build_and_foreign_files_stay(raw, tmp_path):
    out = tmp_path / "normalized"
    out.mkdir()
    (out / ".gitkeep").write_text("")
    (out / "my-notes").mkdir()
    (out / "my-notes" / "todo.md").write_text("compare with 十三五\n")
    assert build(raw, out, jobs=1).ok
    first = build_ids(out)
    assert len(set(first.values())) == 1
    (raw / "copy-of-plan.txt").write_bytes(FIRST_DOC.read_bytes())
    assert build(raw, out, jobs=2).ok
    second = build_ids(out)
    assert len(set(second.values())) == 1 and second != first
    assert pq.ParquetFile(out / "targets.parquet").metadata.num_row_groups == 1   # batched, not one per document
    assert (out / ".gitkeep").exists()
    assert (out / "my-notes" / "todo.md").read_text() == "compare with 十三五\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["normalized", "raw"]


def test_a_build_killed_at_any_moment_leaves_the_old_tables_or_the_new(raw, tmp_path):
    """SIGKILL a real build at moments spread over its run, most of them near the end."""
    text = FIRST_DOC.read_text(encoding="utf-8")
    for k in range(2):
        (raw / f"variant-{k}.zh-tw.txt").write_text(text.replace("500萬人以上", f"{510 + k}萬人以上"), encoding="utf-8")
    old = tmp_path / "old"
    assert build(raw, old, jobs=1).ok
    for k in range(2):
        (raw / f"variant-{k}.zh-tw.txt").write_text(text.replace("500萬人以上", f"{610 + k}萬人以上"), encoding="utf-8")
    (raw / "variant-2.zh-tw.txt").write_text(text.replace("4500億元", "4700億元"), encoding="utf-8")
    new = tmp_path / "new"
    command = [sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--jobs", "1", "--quiet"]
    started = time.monotonic()
    subprocess.run(command + ["--out", str(new)], check=True, cwd=tmp_path)
    duration = time.monotonic() - started
    old_tables, new_tables = published(old), published(new)
    assert old_tables != new_tables

    out = tmp_path / "normalized"
    outcomes = []
    for fraction in (0.3, 0.6, 0.8, 0.9, 0.95, 0.98, 1.0, 1.05):
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(old, out)
        process = subprocess.Popen(command + ["--out", str(out)], cwd=tmp_path)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        recover_directory(out)            # what the next build does first
        tables = published(out)
        assert tables in (old_tables, new_tables), f"mixed tables after a kill at {fraction:.0%} of the build"
        outcomes.append("new" if tables == new_tables else "old")
        assert len(set(build_ids(out).values())) == 1
    assert build(raw, out, jobs=1).ok
    assert published(out) == new_tables
    assert "old" in outcomes


def test_table_writers_keep_memory_bounded_and_rows_in_order(built, tmp_path, monkeypatch):
    """Small tables are compacted every COMPACT_PARTS documents, big ones flushed as row groups."""
    from pipeline.build import tables as writers_module

    staged = tmp_path / "staged"
    shutil.copytree(built / ".parts", staged / ".parts")
    monkeypatch.setattr(writers_module, "COMPACT_PARTS", 2)
    monkeypatch.setattr(writers_module, "ROW_GROUP_BYTES", 1 << 16)
    with writers_module.TableWriters(staged, "test") as tables:
        for _ in range(5):
            tables.append(FIRST_DOC_ID)
            assert len(tables.batches["documents"]) <= 2
    one = read(built, "paragraphs")
    five = pd.read_parquet(staged / "paragraphs.parquet")
    assert len(five) == 5 * len(one)
    pd.testing.assert_frame_equal(five.iloc[: len(one)], one)
    assert pq.ParquetFile(staged / "paragraphs.parquet").metadata.num_row_groups > 1
    assert pq.ParquetFile(staged / "documents.parquet").metadata.num_row_groups == 1
    assert pq.read_schema(staged / "documents.parquet").metadata[b"build_id"] == b"test"


def test_a_symlinked_output_directory_keeps_its_link(raw, tmp_path):
    real = tmp_path / "data" / "normalized"
    real.mkdir(parents=True)
    link = tmp_path / "normalized"
    link.symlink_to(real, target_is_directory=True)
    assert build(raw, link, jobs=1).ok
    (raw / "copy-of-plan.txt").write_bytes(FIRST_DOC.read_bytes())
    assert build(raw, link, jobs=1).ok
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert sorted(read(link, "documents")["doc_id"]) == ["copy-of-plan", FIRST_DOC_ID]
    assert sorted(p.name for p in real.parent.iterdir()) == ["normalized"]


TEXT_BUILD_IMPORTS = """
import sys
from pathlib import Path
from pipeline.build import build
build(Path(sys.argv[1]), Path(sys.argv[2]), jobs=1)
print("imported by the build:", [name for name in ("pandas", "bs4") if name in sys.modules])
import pandas as pd
import pyarrow as pa
print("a Series is array-like again:", pa.array(pd.Series([1.0, float("nan")])).null_count,
      pa.array(pd.Series(["就业"], dtype="category")).type)
import pyarrow.parquet as pq
frame = pq.ParquetFile(Path(sys.argv[2]) / "targets.parquet").read().to_pandas()
print("to_pandas:", type(frame).__name__, len(frame) > 0)
"""


def test_a_text_only_build_imports_neither_pandas_nor_bs4_and_pandas_works_after(raw, tmp_path):
    # start-up time of every build: pyarrow's first list conversion would import pandas
    # (0.45 s, in every worker too; schema.skip_pyarrows_pandas_probe answers it without), and bs4 is only
    # needed for HTML pages
    done = subprocess.run([sys.executable, "-c", TEXT_BUILD_IMPORTS, str(raw), str(tmp_path / "out")],
                          check=True, capture_output=True, text=True)
    assert done.stdout.splitlines() == [
        "imported by the build: []",
        "a Series is array-like again: 1 dictionary<values=large_string, indices=int8, ordered=0>",
        "to_pandas: DataFrame True",
    ]


WARM_UP_PROBE = """
import re._compiler, sys
from pathlib import Path
from pipeline.build import arrow_tables, process_document, warm_up
from pipeline.config import LEXICON_DIR
from pipeline.lexicon_set import load_lexicons
from pipeline.model import DocumentMeta

LEXICONS = load_lexicons(LEXICON_DIR)
warm_up(LEXICONS, html=sys.argv[1] == "html")
compiled = []
compile_pattern = re._compiler.compile
re._compiler.compile = lambda pattern, flags=0: compiled.append(pattern) or compile_pattern(pattern, flags)
arrow_tables(process_document(Path(sys.argv[2]), DocumentMeta(doc_id="probe"), LEXICONS))
print(len(compiled), sorted(sys.modules).count("bs4"))
"""


@pytest.mark.parametrize("kind, path, loaded", [
    ("text", FIRST_DOC, "0 0"),
    ("html", Path(__file__).parent / "fixtures" / "ingest" / "gov_page.html", "0 1"),
])
def test_warm_up_loads_everything_a_document_needs(kind, path, loaded):
    # forked workers share what warm_up loaded; whatever it misses, each worker loads again
    # (a fresh process, so that nothing loaded by other tests hides a miss)
    done = subprocess.run([sys.executable, "-c", WARM_UP_PROBE, kind, str(path)],
                          check=True, capture_output=True, text=True)
    assert done.stdout.split() == loaded.split()


def test_a_full_disk_stops_the_build_with_one_error_and_keeps_the_previous_tables(raw, tmp_path, monkeypatch):
    import errno

    from pipeline import build as build_module
    from pipeline.errors import OutputError

    out = tmp_path / "out"
    build(raw, out, jobs=1)
    before = published(out)
    with open(raw / FIRST_DOC.name, "a", encoding="utf-8") as handle:
        handle.write("到2025年，城镇新增就业600万人。\n")
    staged_table = tmp_path / ".out.staging" / "terms.parquet"

    def no_space(self, doc_id):
        raise OSError(errno.ENOSPC, "No space left on device", str(staged_table))

    monkeypatch.setattr(build_module.TableWriters, "append", no_space)
    with pytest.raises(OutputError) as failure:
        build(raw, out, jobs=1)
    assert str(failure.value) == (f"{staged_table}: No space left on device; the build stopped; "
                                  f"{out} keeps the tables of the last complete build")
    assert published(out) == before      # .parts/ may hold the new document's part: a cache keyed by fingerprint
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "raw"]


def test_a_failing_worker_stops_the_parallel_build_without_the_remaining_documents(raw, tmp_path, monkeypatch):
    import errno

    from pipeline.bench import make_corpus
    from pipeline.build import parts
    from pipeline.errors import OutputError

    corpus = tmp_path / "corpus"
    make_corpus(raw, corpus, 16)
    write_part = parts.write_part

    def first_fails(tables, doc_id, fingerprint, out_dir):      # runs in the forked workers
        if doc_id == "bench-0000":
            raise OSError(errno.ENOSPC, "No space left on device", str(out_dir / ".parts"))
        return write_part(tables, doc_id, fingerprint, out_dir)

    monkeypatch.setattr(parts, "write_part", first_fails)
    with pytest.raises(OutputError, match="No space left on device"):
        build(corpus, tmp_path / "out", jobs=2)
    # the documents already handed to a worker finish; the queued ones are cancelled
    written = list((tmp_path / "out" / ".parts").glob("*.part"))
    assert len(written) <= 6
    assert not (tmp_path / ".out.staging").exists()


# --------------------------------------------------------------------------- the fingerprint


def copy_of_the_code(tmp_path):
    from pipeline.build.state import PACKAGE_DIR

    copy = tmp_path / "pipeline"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "lexicons"))
    return copy


def edit(path):
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")


def test_editing_a_tooling_module_keeps_the_fingerprint(tmp_path):
    from pipeline.build.state import TOOLING_MODULES, pipeline_fingerprint

    code = copy_of_the_code(tmp_path)
    before = pipeline_fingerprint(code)
    for name in TOOLING_MODULES:
        files = sorted((code / name).glob("*.py")) if name.endswith("/") else [code / name]
        assert files and all(f.is_file() for f in files), f"{name} is listed as tooling but does not exist"
        for path in files:
            edit(path)
    assert pipeline_fingerprint(code) == before


def test_editing_stage_code_at_any_depth_changes_the_fingerprint(tmp_path):
    from pipeline.build.state import pipeline_fingerprint

    code = copy_of_the_code(tmp_path)
    seen = {pipeline_fingerprint(code)}
    for name in ("normalize.py", "build/parts.py"):
        edit(code / name)
        seen.add(pipeline_fingerprint(code))
    # segment and extract becoming packages: their modules one level down count too,
    # including one named like a tooling module (the list names paths from pipeline/)
    package = code / "segment_rules"
    package.mkdir()
    (package / "__init__.py").write_text("")
    seen.add(pipeline_fingerprint(code))
    for name in ("headings.py", "cli.py"):
        (package / name).write_text("X = 1\n")
        seen.add(pipeline_fingerprint(code))
        edit(package / name)
        seen.add(pipeline_fingerprint(code))
    assert len(seen) == 8


def test_a_new_version_of_a_package_the_stages_use_changes_the_fingerprint(monkeypatch):
    from pipeline.build import state

    distributions = [name for name, _ in state.ROW_DISTRIBUTIONS]
    assert {"opencc-python-reimplemented", "jieba", "pyarrow", "beautifulsoup4"} <= set(distributions)
    before = state.pipeline_fingerprint()
    real = state.installed_version
    for name in distributions:
        monkeypatch.setattr(state, "installed_version", lambda d, name=name: "0.0-test" if d == name else real(d))
        assert state.pipeline_fingerprint() != before, name
    monkeypatch.setattr(state, "installed_version", real)
    assert state.pipeline_fingerprint() == before


def test_the_fingerprinted_distributions_provide_the_modules_the_stages_import():
    from importlib import metadata

    from pipeline.build.state import ROW_DISTRIBUTIONS
    from pipeline.selfcheck import opencc_distribution

    providers = metadata.packages_distributions()
    for distribution, module in ROW_DISTRIBUTIONS:
        assert distribution in providers.get(module, []), (distribution, module)
    assert opencc_distribution() == "opencc-python-reimplemented"


def test_no_fingerprinted_module_imports_a_tooling_module():
    """The tooling modules are left out of the fingerprint because no row depends on them:
    a module whose code is in the fingerprint must not import one."""
    import ast

    from pipeline.build.state import PACKAGE_DIR, TOOLING_MODULES, code_files

    tooling = {"pipeline." + name.removesuffix(".py").removesuffix("/").replace("/", ".")
               for name in TOOLING_MODULES}
    for path in code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
                imported = {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                imported = {alias.name for alias in node.names}
            else:
                continue
            hits = {m for m in imported if m in tooling or any(m.startswith(t + ".") for t in tooling)}
            assert not hits, f"{path.relative_to(PACKAGE_DIR)} imports {hits}"
