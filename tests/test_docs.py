"""docs/data-dictionary.md is generated from schemas/ alone, kept up to date, and its examples
(the reviewed examples of schemas/fields.toml) are values each column may hold."""
import datetime
import json

import pytest

from pipeline.cli import EXIT_OK, main
from pipeline.config import DOCS_DIR
from pipeline.docs import render_data_dictionary
from pipeline.schema import load_schemas

SCHEMAS = load_schemas()
FIELDS = [(name, spec) for name, schema in SCHEMAS.items() for spec in schema.fields]


def test_committed_data_dictionary_is_up_to_date():
    committed = (DOCS_DIR / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render_data_dictionary(), "docs/data-dictionary.md is stale: run `make docs`"


def test_docs_check_passes_whatever_the_build_holds(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)             # no normalized/ here, and none is read anyway
    assert main(["docs", "--check"]) == EXIT_OK


def test_every_table_and_column_is_documented():
    text = render_data_dictionary()
    for name, schema in SCHEMAS.items():
        assert f"## {name}\n" in text
        for column in schema.columns:
            assert f"| `{column}` |" in text


def test_allowed_values_and_foreign_keys_are_shown():
    text = render_data_dictionary()
    role = next(line for line in text.splitlines() if line.startswith("| `role` |"))
    assert role.startswith("| `role` | category | no | target (a commitment for after the document)")
    assert role.endswith(". Values: `target`, `actual`, `baseline` | target |")
    assert "- `doc_id`, `section_id` → `sections` (`doc_id`, `section_id`)" in text
    assert "- `doc_id_old`, `target_id_old` → `targets` (`doc_id`, `target_id`)" in text


@pytest.mark.parametrize("table, spec", FIELDS, ids=[f"{t}.{s.name}" for t, s in FIELDS])
def test_each_declared_example_is_a_value_of_its_column(table, spec):
    example = spec.example
    assert example, f"{table}.{spec.name} has no example"
    if spec.values:
        assert example in spec.values
    elif spec.type in ("int32", "int64"):
        int(example)
    elif spec.type == "float64":
        float(example)
    elif spec.type == "bool":
        assert example in ("true", "false")
    elif spec.type == "date":
        datetime.date.fromisoformat(example)
    elif spec.type.startswith("list<"):
        assert isinstance(json.loads(example), list)
