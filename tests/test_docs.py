"""docs/data-dictionary.md is generated from schemas/ and the built tables, and kept up to date."""
import pytest

from pipeline.config import DOCS_DIR
from pipeline.docs import render_data_dictionary
from pipeline.schema import load_schemas


@pytest.mark.integration
def test_committed_data_dictionary_is_up_to_date(built):
    committed = (DOCS_DIR / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render_data_dictionary(built), "docs/data-dictionary.md is stale: run `make docs`"


def test_every_table_and_column_is_documented():
    text = render_data_dictionary(None)
    for name, schema in load_schemas().items():
        assert f"## {name}\n" in text
        for column in schema.columns:
            assert f"| `{column}` |" in text


@pytest.mark.integration
def test_examples_come_from_built_data(built):
    text = render_data_dictionary(built)
    assert "| `mention` | string | no |" in text
    assert "500万人以上" in text  # the first target of the first document, not the declared example
