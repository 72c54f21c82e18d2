"""The shared TSV lexicon reader: bad headers and rows are refused with the file and line."""
import pytest

from pipeline.errors import RuleError
from pipeline.tsv import tsv_rows

COLUMNS = ("qualifier", "comparator", "example")


def test_comments_blank_lines_and_bom_are_skipped():
    lines = ["\ufeff# qualifiers", "", "qualifier\tcomparator\texample", "# prefix", "以上\tge\t500万人以上"]
    assert list(tsv_rows(lines, COLUMNS, "q.tsv")) == [(5, ["以上", "ge", "500万人以上"])]


def test_wrong_header_names_the_file():
    with pytest.raises(RuleError, match="q.tsv: header must be"):
        list(tsv_rows(["qualifier\tcomparator"], COLUMNS, "q.tsv"))


def test_short_row_names_the_line():
    with pytest.raises(RuleError, match=r"q.tsv:3: expected 3 columns, got 2"):
        list(tsv_rows(["# c", "qualifier\tcomparator\texample", "左右\tapprox"], COLUMNS, "q.tsv"))
