"""The analyst's side: notebooks/explore.ipynb and docs/queries.md run on the built tables,
the notebook is committed without outputs, and charts get a font with Chinese glyphs."""
import re

import numpy as np
import nbformat
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from pipeline import fonts
from pipeline.config import PROJECT_ROOT
from tests.conftest import FIRST_DOC_ID

NOTEBOOK = PROJECT_ROOT / "notebooks" / "explore.ipynb"
QUERIES = PROJECT_ROOT / "docs" / "queries.md"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
CELL_TIMEOUT_S = 120
NOTEBOOK_METADATA = {"kernelspec", "language_info"}


def code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def text_of(cell) -> str:
    """Everything a cell printed or displayed as text."""
    parts = []
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("display_data", "execute_result"):
            parts.append(out.data.get("text/plain", ""))
        elif out.output_type == "error":
            parts.append("\n".join(out.traceback))
    return "\n".join(parts)


# --------------------------------------------------------------------------- the committed file


def test_committed_notebook_is_valid_and_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert set(nb.metadata) <= NOTEBOOK_METADATA
    for cell in nb.cells:
        assert cell.metadata == {}, cell.id
    for cell in code_cells(nb):
        assert cell.outputs == [], f"cell {cell.id} has outputs: clear them before committing"
        assert cell.execution_count is None, f"cell {cell.id} has an execution count"


def test_committed_notebook_cell_ids_are_readable_and_unique():
    ids = [cell.id for cell in nbformat.read(NOTEBOOK, as_version=4).cells]
    assert len(ids) == len(set(ids))
    assert {"outline", "chapters", "chart", "columns", "tfidf", "indicators", "editions"} <= set(ids)


def test_notebook_reads_the_directory_named_by_planparse_out():
    setup = next(cell for cell in nbformat.read(NOTEBOOK, as_version=4).cells if cell.id == "setup")
    assert 'os.environ.get("PLANPARSE_OUT", "../normalized")' in setup.source


# --------------------------------------------------------------------------- running it


@pytest.fixture(scope="module")
def executed(built, tmp_path_factory):
    """The notebook executed by a fresh kernel over the tables built from raw/."""
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PLANPARSE_OUT", str(built))
        env.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        env.setenv("MPLCONFIGDIR", str(tmp_path_factory.mktemp("mplconfig")))
        client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                                resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        client.execute()
    return {cell.id: cell for cell in code_cells(nb)}


@pytest.mark.integration
def test_no_cell_errors_or_warns(executed):
    for cell_id, cell in executed.items():
        assert not [o for o in cell.outputs if o.output_type == "error"], cell_id
        text = text_of(cell)
        assert "missing from font" not in text, cell_id
        assert "Warning" not in text, f"{cell_id}: {text}"


@pytest.mark.integration
def test_outline_shows_the_chapters_of_the_first_document(executed, built):
    text = text_of(executed["outline"])
    sections = pd.read_parquet(built / "sections.parquet")
    chapters = sections[(sections["doc_id"] == FIRST_DOC_ID) & sections["parent_id"].isna()]["title"]
    assert len(chapters) >= 5
    for title in chapters:
        assert title in text
    assert "高质量就业" in text and "社会保障体系" in text
    # a subsection is indented deeper than its chapter
    lines = text.splitlines()
    chapter_line = next(line for line in lines if "高质量就业  [" in line)
    sub_line = lines[lines.index(chapter_line) + 1]
    assert len(sub_line) - len(sub_line.lstrip()) > len(chapter_line) - len(chapter_line.lstrip())


@pytest.mark.integration
def test_chart_cell_draws_an_image_with_a_cjk_font(executed):
    cell = executed["chart"]
    assert any("image/png" in getattr(o, "data", {}) for o in cell.outputs)
    assert "font: " in text_of(cell)


@pytest.mark.integration
def test_chart_counts_figures_per_document_by_role(executed, built):
    import re

    targets = pd.read_parquet(built / "targets.parquet")
    roles = targets[targets["doc_id"] == FIRST_DOC_ID]["role"].value_counts()
    text = text_of(executed["chart"])
    assert "目标 target" in text and "实际 actual" in text and "基数 baseline" in text
    row = next(line for line in text.splitlines() if line.startswith(FIRST_DOC_ID))
    assert [int(n) for n in re.findall(r"\d+", row.removeprefix(FIRST_DOC_ID))] == [
        int(roles.get(role, 0)) for role in ("target", "actual", "baseline")]


@pytest.mark.integration
def test_columns_and_distinctive_terms_are_listed(executed, built):
    columns = pd.read_parquet(built / "columns.parquet")
    text = text_of(executed["columns"])
    for label in columns["label"]:
        assert label in text
    assert "top terms" in text_of(executed["tfidf"])


# --------------------------------------------------------------------------- docs/queries.md


def test_query_examples_cover_the_brief():
    blocks = PYTHON_BLOCK.findall(QUERIES.read_text(encoding="utf-8"))
    text = "\n".join(blocks)
    assert len(blocks) >= 10
    for needle in ("period_total", "compare_targets", "column_items", "split_part", "con.sql", "pd.read_parquet"):
        assert needle in text, needle


@pytest.mark.integration
def test_query_examples_run_on_the_built_tables(built, tmp_path, monkeypatch, capsys):
    (tmp_path / "normalized").symlink_to(built, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    namespace = {}
    for number, block in enumerate(PYTHON_BLOCK.findall(QUERIES.read_text(encoding="utf-8")), 1):
        exec(compile(block, f"docs/queries.md python block {number}", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "城镇新增就业" in printed            # a period_total target in 人
    assert "高质量就业专项行动" in printed      # a 专栏 with its items
    assert "one edition only" in printed or " → " in printed   # the editions block ran


# --------------------------------------------------------------------------- pipeline.fonts


def render(text: str, family: str) -> np.ndarray:
    fig = Figure(figsize=(1, 1), dpi=50)
    FigureCanvasAgg(fig)
    fig.text(0.1, 0.3, text, fontsize=30, family=family)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_chinese_font_draws_distinct_glyphs_without_warnings():
    # pytest turns matplotlib's "Glyph … missing from font" warning into an error
    family = fonts.use_chinese_font()
    assert family
    blank = render("", family)
    gui, hua = render("规", family), render("划", family)
    assert not np.array_equal(gui, blank)
    assert not np.array_equal(gui, hua), "two characters drew the same box: tofu"


def test_chinese_font_is_the_default_for_new_figures():
    from matplotlib import rcParams

    family = fonts.use_chinese_font()
    assert rcParams["font.family"][0] == family
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.add_subplot().set_title("十四五规划目标（万人）−5%")
    fig.canvas.draw()


@pytest.fixture
def no_font_cache():
    fonts._find_font_file.cache_clear()
    yield
    fonts._find_font_file.cache_clear()


def test_missing_font_names_the_fix(monkeypatch, no_font_cache):
    monkeypatch.setattr(fonts, "BUNDLED_FONTS", (("no_such_font_package", "NoSuch-Regular.otf"),))
    monkeypatch.setattr(fonts, "SYSTEM_FAMILIES", ("No Such Family",))
    with pytest.raises(fonts.FontNotFoundError, match="pip install pylopdf-fonts-zh-cn"):
        fonts.use_chinese_font()


def test_font_without_chinese_glyphs_is_rejected(monkeypatch, no_font_cache):
    monkeypatch.setattr(fonts, "BUNDLED_FONTS", (("matplotlib", "mpl-data/fonts/ttf/DejaVuSans.ttf"),))
    monkeypatch.setattr(fonts, "SYSTEM_FAMILIES", ("DejaVu Sans",))
    with pytest.raises(fonts.FontNotFoundError):
        fonts.use_chinese_font()
