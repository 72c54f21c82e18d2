"""pipeline.load(): every column has its declared dtype; the Parquet files read right in pandas
and DuckDB without help (Int32, categoricals, dates)."""
import pandas as pd
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.errors import PipelineError
from pipeline.loading import pandas_dtypes
from pipeline.schema import load_schemas

pytestmark = pytest.mark.integration
SCHEMAS = load_schemas()


@pytest.fixture(scope="module")
def tables(built):
    return pipeline.load(built)


def test_load_gives_every_table(tables):
    assert list(tables) == list(SCHEMAS)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_column_has_its_declared_dtype(tables, name):
    frame = tables[name]
    assert list(frame.columns) == list(SCHEMAS[name].columns)
    assert dict(frame.dtypes) == pandas_dtypes(SCHEMAS[name])


def test_nullable_integers_stay_integers_and_categories_are_the_allowed_values(tables):
    targets = tables["targets"]
    assert str(targets["deadline_year"].dtype) == "Int32"
    assert set(targets["deadline_year"].dropna()) <= set(range(1949, 2101))
    assert list(targets["role"].cat.categories) == ["target", "actual", "baseline"]
    assert tables["documents"]["issue_date"].iloc[0] == pd.Timestamp("2021-05-31")
    assert tables["terms"]["occurrences"].dtype == "int32"


def test_pandas_reads_the_files_right_without_help(built):
    targets = pd.read_parquet(built / "targets.parquet")
    assert str(targets["year"].dtype) == "Int32"
    assert list(targets["period_type"].cat.categories) == ["annual", "period_total", "at_date"]   # all, declared order
    assert str(pd.read_parquet(built / "sections.parquet")["line"].dtype) == "Int32"
    assert str(pq.read_schema(built / "documents.parquet").field("issue_date").type) == "date32[day]"


def test_duckdb_reads_dates_integers_and_categories_as_sql_types(built):
    import duckdb

    row = duckdb.sql(f"SELECT typeof(issue_date), typeof(doc_year), typeof(script) "
                     f"FROM read_parquet('{built / 'documents.parquet'}')").fetchall()[0]
    assert row == ("DATE", "INTEGER", "VARCHAR")


def test_one_null_convention_section_id_is_null_before_the_first_heading(tables):
    for name in ("paragraphs", "targets", "terms", "indicators", "columns"):
        assert not (tables[name]["section_id"] == "0").any(), name
        assert not (tables[name]["section_id"] == "").any(), name
    # (the preamble's null in terms: tests/test_terms.py::test_preamble_counts_under_a_null_section)


def test_an_unknown_table_or_a_missing_build_is_one_error(tmp_path, built):
    with pytest.raises(PipelineError, match="no table 'target'"):
        pipeline.load(built, tables=["target"])
    with pytest.raises(PipelineError, match=r"documents.parquet: not built yet"):
        pipeline.load(tmp_path)
