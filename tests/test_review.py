"""The review page: one self-contained HTML file per document with every figure highlighted
where it is, checked as HTML (BeautifulSoup) and in a real browser (Debian's chromium)."""
import json
import re
import shutil
import subprocess

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from pipeline.cli import EXIT_ERROR, EXIT_OK, main
from tests.conftest import FIRST_DOC_ID

pytestmark = pytest.mark.integration
CHROMIUM = "chromium"


@pytest.fixture(scope="module")
def page(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("review") / "review.html"
    assert main(["review", FIRST_DOC_ID, "--tables", str(built), "--out", str(path)]) == EXIT_OK
    return path


@pytest.fixture(scope="module")
def soup(page):
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def tables(built):
    return {name: pd.read_parquet(built / f"{name}.parquet")
            for name in ("targets", "paragraphs", "sections", "columns")}


def test_every_target_is_marked_with_its_mention_at_its_offsets(soup, tables):
    targets = tables["targets"].set_index("target_id")
    marks = soup.select("mark.figure")
    assert [m["data-target-id"] for m in marks] == sorted(targets.index)
    paragraphs = tables["paragraphs"].set_index("para_id")
    for mark in marks:
        target = targets.loc[mark["data-target-id"]]
        assert mark.get_text() == target["mention"]
        paragraph = mark.find_parent("p")
        assert paragraph["data-para-id"] == target["para_id"]
        before = "".join(str(s) for s in mark.previous_siblings)
        before_text = BeautifulSoup(before, "html.parser").get_text()
        assert len(before_text) == target["char_start"] == int(mark["data-char-start"])
        assert paragraph.select_one(".ptext").get_text() == paragraphs.loc[target["para_id"], "text"]
        assert f"role: {target['role']}" in mark["title"] and f"role-{target['role']}" in mark["class"]


def test_hover_and_side_table_give_the_fields_of_a_figure(soup, tables):
    first = tables["targets"].sort_values("target_id").iloc[0]
    mark = soup.select_one(f"mark#{first['target_id']}")
    assert mark["title"].splitlines() == ["value: 5000000", "unit: 人", "qualifier: 以上", "period: 十四五期间",
                                          "period_type: period_total", "role: target", "year: 2025",
                                          "year_from: 2021", "deadline_year: 2025", f"subject: {first['subject']}",
                                          "indicator_id: new_urban_jobs"]
    row = soup.select_one(f"aside tr#row-{first['target_id']}")
    assert [td.get_text() for td in row.find_all("td")] == [first["target_id"], "500万人以上", "5000000", "人", "以上",
                                                            "target", "2025", first["subject"], "new_urban_jobs"]


def test_outline_columns_and_table_rows_are_marked(soup, tables):
    sections = tables["sections"]
    headings = soup.select(".text .heading")
    assert [h["data-section-id"] for h in headings] == list(sections.sort_values("seq")["section_id"])
    assert len(soup.select("nav a")) == len(sections)
    boxed = {s["data-column-id"] for s in soup.select("section.column")}
    paragraphs = tables["paragraphs"]
    assert boxed == set(paragraphs["column_id"].dropna()) and boxed <= set(tables["columns"]["column_id"])
    assert len(soup.select(".para")) == len(paragraphs)
    assert len(soup.select("tr.kind-table")) == (paragraphs["kind"] == "table").sum()


def test_the_page_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["'](?!#)""", text)
    assert "<link" not in text and "@import" not in text


def test_an_unknown_document_is_one_line_error(built, tmp_path, capsys):
    code = main(["review", "nope", "--tables", str(built), "--out", str(tmp_path / "x.html")])
    assert code == EXIT_ERROR
    assert capsys.readouterr().err.startswith("error: ") and not (tmp_path / "x.html").exists()


# --------------------------------------------------------------------------- in a browser

# Run in the page after load: for every mark, its offset in its paragraph's text as the
# browser lays it out, whether it has a box on screen, and its text.
CHECK_SCRIPT = """
<script>
window.addEventListener("load", () => {
  const rows = [...document.querySelectorAll("mark.figure")].map(mark => {
    const text = mark.closest("p").querySelector(".ptext");
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEndBefore(mark);
    const box = mark.getBoundingClientRect();
    return {id: mark.dataset.targetId, offset: range.toString().length, text: mark.textContent,
            visible: box.width > 0 && box.height > 0,
            background: getComputedStyle(mark).backgroundColor};
  });
  const out = document.createElement("pre");
  out.id = "browser-check";
  out.textContent = JSON.stringify(rows);
  document.body.appendChild(out);
});
</script>
"""


def _chromium(*args: str) -> subprocess.CompletedProcess:
    if shutil.which(CHROMIUM) is None:
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install chromium)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120, check=True)


def test_the_page_renders_in_chromium_with_every_target_highlighted(page, tables, tmp_path):
    checked = tmp_path / "checked.html"
    checked.write_text(page.read_text(encoding="utf-8").replace("</body>", CHECK_SCRIPT + "</body>"),
                       encoding="utf-8")
    dom = _chromium(f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", checked.as_uri()).stdout
    rows = json.loads(BeautifulSoup(dom, "html.parser").select_one("#browser-check").get_text())
    targets = tables["targets"].set_index("target_id")
    assert [r["id"] for r in rows] == sorted(targets.index)
    for row in rows:
        target = targets.loc[row["id"]]
        assert (row["offset"], row["text"]) == (target["char_start"], target["mention"])
        assert row["visible"] and row["background"] not in ("rgba(0, 0, 0, 0)", "transparent")


def test_a_screenshot_of_the_page_is_taken(page, tmp_path):
    shot = tmp_path / "review.png"
    _chromium(f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1600,1200", f"--screenshot={shot}",
              page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1600, 1200)
