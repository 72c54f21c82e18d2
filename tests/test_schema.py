"""The schema declarations themselves: complete, consistent, and matching the dataclasses."""
import dataclasses
import tomllib

import pyarrow as pa
import pytest

from pipeline import model
from pipeline.config import SCHEMA_DIR
from pipeline.errors import SchemaError
from pipeline.schema import ARROW_TYPES, CATEGORY_TYPE, check_foreign_keys, load_schemas

SCHEMAS = load_schemas()

ROW_CLASSES = {
    "documents": model.Document,
    "sections": model.Section,
    "paragraphs": model.Paragraph,
    "columns": model.Column,
    "column_items": model.ColumnItem,
    "indicators": model.Indicator,
    "targets": model.Target,
    "terms": model.Term,
    "conversions": model.Conversion,
    "problems": model.Problem,
}

CONTRACT = {  # required columns from the output contract (issue 2)
    "documents": "doc_id title issuer period source_path source_sha256 script n_chars",
    "sections": "doc_id section_id parent_id level seq number title line",
    "paragraphs": "doc_id para_id section_id seq kind text source_text line",
    "columns": "doc_id column_id number title section_id intro line",
    "column_items": "doc_id column_id item_no title text",
    "targets": "doc_id target_id section_id column_id para_id line mention char_start char_end number scale "
               "unit value qualifier period subject",
    "indicators": "doc_id row_id indicator_id section_id category seq name unit values numbers line",
    "terms": "doc_id section_id term occurrences",      # count renamed (#17: DataFrame.count shadowed it)
}


def test_every_declared_field_is_used():
    fields = tomllib.loads((SCHEMA_DIR / "fields.toml").read_text(encoding="utf-8"))
    used = {(t, c) for t, s in SCHEMAS.items() for c in s.columns}
    for key in fields:
        if "." in key:
            table, column = key.split(".", 1)
            assert (table, column) in used, f"override {key} is not used"
        else:
            assert any(c == key for _, c in used), f"field {key} is declared but no table uses it"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_table_builds_an_arrow_schema_with_descriptions(name):
    schema = SCHEMAS[name].to_arrow()
    assert isinstance(schema, pa.Schema)
    for field, spec in zip(schema, SCHEMAS[name].fields):
        assert field.metadata[b"description"], f"{name}.{field.name} has no description"
        assert field.type == (CATEGORY_TYPE if spec.values else ARROW_TYPES[spec.type])
    assert schema.metadata[b"schema_version"]


@pytest.mark.parametrize("name", sorted(ROW_CLASSES))
def test_row_dataclass_matches_table_columns(name):
    names = tuple(f.name for f in dataclasses.fields(ROW_CLASSES[name]))
    assert names == SCHEMAS[name].columns


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_output_contract_columns_are_present(name):
    assert set(CONTRACT[name].split()) <= set(SCHEMAS[name].columns)


def test_primary_and_sort_keys_are_columns():
    for schema in SCHEMAS.values():
        assert set(schema.primary_key) <= set(schema.columns)
        assert set(schema.sort_by) <= set(schema.columns)


def test_contract_types():
    targets = SCHEMAS["targets"].to_arrow()
    assert targets.field("value").type == pa.float64()
    assert targets.field("column_id").nullable
    assert SCHEMAS["columns"].to_arrow().field("number").type == pa.int32()
    assert SCHEMAS["sections"].to_arrow().field("number").type == pa.string()
    indicators = SCHEMAS["indicators"].to_arrow()
    assert indicators.field("values").type == pa.list_(pa.string())
    assert indicators.field("numbers").type == pa.list_(pa.float64())


def _term(**kw):
    row = dict(doc_id="d", section_id="1", term="就业", occurrences=3)
    row.update(kw)
    return row


def test_check_refuses_null_in_non_nullable_column():
    with pytest.raises(SchemaError, match="occurrences"):
        SCHEMAS["terms"].to_table([_term(occurrences=None)])


def test_check_refuses_duplicate_primary_key():
    with pytest.raises(SchemaError, match="duplicate primary key"):
        SCHEMAS["terms"].to_table([_term(), _term(occurrences=4)])


def test_check_refuses_missing_and_unexpected_columns():
    row = _term()
    del row["occurrences"]
    row["extra"] = 1
    with pytest.raises(SchemaError, match=r"missing \['occurrences'\], unexpected \['extra'\]"):
        SCHEMAS["terms"].to_table([row])


def test_check_refuses_wrong_type():
    with pytest.raises(SchemaError, match="declared types"):
        SCHEMAS["terms"].to_table([_term(occurrences="three")])


def test_rows_are_sorted_by_sort_key():
    table = SCHEMAS["terms"].to_table([_term(term="社保"), _term(term="就业"), _term(section_id=None, term="人才")])
    assert table.column("term").to_pylist() == ["就业", "社保", "人才"]       # null section (preamble) last


def test_a_null_section_is_one_value_of_the_terms_key():
    with pytest.raises(SchemaError, match="duplicate primary key"):
        SCHEMAS["terms"].to_table([_term(section_id=None), _term(section_id=None, occurrences=4)])


def _problem(**kw):
    row = dict(source_path="a.txt", doc_id="a", stage="ingest", message="empty file")
    row.update(kw)
    return row


def test_a_categorical_column_is_dictionary_encoded_and_refuses_an_unknown_value():
    table = SCHEMAS["problems"].to_table([_problem()])
    assert table.schema.field("stage").type == CATEGORY_TYPE
    with pytest.raises(SchemaError, match=r"^table problems: column stage has value 'parse', not one of its "
                                          r"allowed values manifest, ingest, segment, write, lexicon, build"):
        SCHEMAS["problems"].to_table([_problem(), _problem(stage="parse", message="x")])


def test_every_categorical_column_declares_its_values():
    categorical = {(t, f.name) for t, s in SCHEMAS.items() for f in s.fields if f.values}
    assert categorical == {("documents", "date_source"), ("documents", "format"), ("documents", "script"),
                           ("paragraphs", "kind"), ("indicators", "attribute"), ("targets", "comparator"),
                           ("targets", "period_type"), ("targets", "role"), ("target_changes", "change"),
                           ("problems", "stage"), ("targets", "scope"), ("indicators", "scope"), ("target_changes", "scope"),
                           ("indicator_catalog", "kind")}


def test_dates_are_date32_and_a_date_that_is_not_iso_is_refused():
    doc = {f.name: None for f in SCHEMAS["documents"].fields}
    doc.update(doc_id="d", date_source="manifest", source_path="d.txt", source_sha256="0", encoding="utf-8",
               format="text", script="simplified", taiwan_phrasing=False, pipeline_version="0",
               **{n: 0 for n in SCHEMAS["documents"].columns if n.startswith("n_")})
    table = SCHEMAS["documents"].to_table([{**doc, "issue_date": "2021-05-31"}])
    assert table.schema.field("issue_date").type == pa.date32()
    assert str(table.column("issue_date")[0]) == "2021-05-31"
    with pytest.raises(SchemaError, match=r"column issue_date has '2021年5月31日', not an ISO date"):
        SCHEMAS["documents"].to_table([{**doc, "issue_date": "2021年5月31日"}])


def test_foreign_keys_are_declared_between_existing_columns():
    targets = {str(fk) for fk in SCHEMAS["targets"].foreign_keys}
    assert "(doc_id, section_id) → sections (doc_id, section_id)" in targets
    assert "(doc_id, para_id) → paragraphs (doc_id, para_id)" in targets
    assert [str(fk) for fk in SCHEMAS["column_items"].foreign_keys] == [
        "(doc_id, column_id) → columns (doc_id, column_id)"]


def test_a_row_referring_to_a_missing_row_is_refused_and_nulls_refer_to_nothing():
    sections = SCHEMAS["sections"].to_table([dict(doc_id="d", section_id="1", parent_id=None, level=1, seq=1,
                                                  number="一、", title="总体要求", line=3)])
    terms = SCHEMAS["terms"].to_table([_term(section_id="1"), _term(section_id=None, term="人才")])
    check_foreign_keys({"terms": terms, "sections": sections})
    orphan = SCHEMAS["terms"].to_table([_term(section_id="2")])
    with pytest.raises(SchemaError, match=r"table terms: foreign key \(doc_id, section_id\) → sections "
                                          r"\(doc_id, section_id\): \('d', '2'\) is not in sections"):
        check_foreign_keys({"terms": orphan, "sections": sections})


def test_columns_give_the_same_table_as_rows():
    rows = [model.Term("zj", "3.1", "就业优先", 2), model.Term("zj", "3", "高质量就业", 4), _term(doc_id="zj")]
    columns = {name: [row[name] if isinstance(row, dict) else getattr(row, name) for row in rows]
               for name in SCHEMAS["terms"].columns}
    table = SCHEMAS["terms"].from_columns(columns)
    assert table.equals(SCHEMAS["terms"].to_table(rows))
    assert table.column("section_id").to_pylist() == ["1", "3", "3.1"]


def test_columns_must_be_the_declared_ones_in_order():
    columns = {"term": ["就业"], "doc_id": ["d"], "section_id": ["1"], "occurrences": [1]}
    with pytest.raises(SchemaError, match="!= declared"):
        SCHEMAS["terms"].from_columns(columns)


def test_a_row_of_another_class_is_refused_among_good_rows():
    rows = [model.Term("zj", "3", "就业", 1), model.Problem("a.txt", "a", "ingest", "unreadable")]
    with pytest.raises(SchemaError, match="row columns differ"):
        SCHEMAS["terms"].to_table(rows)

