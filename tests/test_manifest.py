"""raw/manifest.toml → DocumentMeta, name-derived metadata, and the errors a user can make."""
import dataclasses
from pathlib import Path
from textwrap import dedent

import pytest

from pipeline.config import RAW_DIR
from pipeline.errors import InputError
from pipeline.manifest import (
    ALLOWED_KEYS,
    list_raw_files,
    load_manifest,
    load_manifest_checked,
    manifest_problems,
    meta_for,
    meta_from_name,
    resolve_documents,
)
from pipeline.model import DocumentMeta

FIRST_FILE = "zhejiang-hrss-14th-fyp.zh-tw.txt"

ENTRY = dedent("""\
    [[documents]]
    file = "zhejiang-hrss-14th-fyp.zh-tw.txt"
    doc_id = "zhejiang-hrss-14th-fyp"
    title = "浙江省人力资源和社会保障事业发展“十四五”规划"
    issue_date = 2021-05-31
    """)


def write_raw(tmp_path: Path, manifest: str, files=(FIRST_FILE,)) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "manifest.toml").write_text(manifest, encoding="utf-8")
    for name in files:
        (raw / name).write_text("规划背景\n发展基础\n", encoding="utf-8")
    return raw


# --------------------------------------------------------------------------- the real manifest


def test_real_manifest_describes_the_first_document():
    manifest = load_manifest(RAW_DIR)
    meta = manifest[FIRST_FILE]
    assert meta == DocumentMeta(
        doc_id="zhejiang-hrss-14th-fyp",
        title="浙江省人力资源和社会保障事业发展“十四五”规划",
        issuer="浙江省发展和改革委员会、浙江省人力资源和社会保障厅",
        region="浙江省",
        period="十四五",
        issue_date="2021-05-31",
        doc_number="浙发改规划〔2021〕208号",
        source=meta.source,
        plan_id="zhejiang-hrss-fyp",
        edition="十四五",
    )
    assert "mirror" in meta.source
    assert manifest_problems(RAW_DIR, manifest) == []


def test_real_raw_dir_lists_only_documents():
    names = [path.name for path in list_raw_files(RAW_DIR)]
    assert FIRST_FILE in names
    assert "manifest.toml" not in names
    assert all(not name.endswith(".md") for name in names)


def test_meta_for_uses_the_entry():
    manifest = load_manifest(RAW_DIR)
    assert meta_for(RAW_DIR / FIRST_FILE, manifest).doc_id == "zhejiang-hrss-14th-fyp"


# --------------------------------------------------------------------------- format


def test_manifest_keys_are_document_meta_fields():
    meta_fields = {f.name for f in dataclasses.fields(DocumentMeta)}
    assert set(ALLOWED_KEYS) - {"file"} <= meta_fields


def test_all_keys_and_heading_level_overrides(tmp_path):
    raw = write_raw(tmp_path, ENTRY + dedent("""\
        issuer = "浙江省发展和改革委员会、浙江省人力资源和社会保障厅"
        region = "浙江省"
        period = "十四五"
        doc_number = "浙发改规划〔2021〕208号"
        source = "https://www.zj.gov.cn/"
        plan_id = "zhejiang-hrss-fyp"
        edition = "十四五"
        heading_levels = { "12" = 2, "3" = 1 }
        """))
    meta = load_manifest(raw)[FIRST_FILE]
    assert meta.issue_date == "2021-05-31"
    assert meta.heading_levels == ((3, 1), (12, 2))
    assert meta.doc_number == "浙发改规划〔2021〕208号"


def test_issue_date_as_string(tmp_path):
    raw = write_raw(tmp_path, ENTRY.replace("2021-05-31", '"2021-05-31"'))
    assert load_manifest(raw)[FIRST_FILE].issue_date == "2021-05-31"


def test_no_manifest_is_an_empty_manifest(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    assert load_manifest(raw) == {}


# --------------------------------------------------------------------------- errors


def test_syntax_error_names_the_file_and_line(tmp_path):
    raw = write_raw(tmp_path, ENTRY + 'region = "浙江省\n')
    with pytest.raises(InputError) as info:
        load_manifest(raw)
    message = str(info.value)
    assert "manifest.toml" in message
    assert "line 6" in message
    assert "TOML syntax error" in message


def test_unknown_key_is_refused_not_dropped(tmp_path):
    raw = write_raw(tmp_path, ENTRY + 'isuer = "浙江省人力资源和社会保障厅"\n')
    with pytest.raises(InputError, match=r"manifest\.toml.*unknown key\(s\) isuer"):
        load_manifest(raw)


def test_unknown_top_level_table_is_refused(tmp_path):
    raw = write_raw(tmp_path, ENTRY.replace("[[documents]]", "[[document]]"))
    with pytest.raises(InputError, match="unknown top-level key"):
        load_manifest(raw)


def test_duplicate_doc_id_names_both_entries(tmp_path):
    second = ENTRY.replace(FIRST_FILE, "zhejiang-hrss-14th-fyp.html")
    raw = write_raw(tmp_path, ENTRY + "\n" + second, files=(FIRST_FILE, "zhejiang-hrss-14th-fyp.html"))
    with pytest.raises(InputError) as info:
        load_manifest(raw)
    message = str(info.value)
    assert "zhejiang-hrss-14th-fyp" in message
    assert FIRST_FILE in message and "zhejiang-hrss-14th-fyp.html" in message


def test_duplicate_file_entry_is_refused(tmp_path):
    raw = write_raw(tmp_path, ENTRY + "\n" + ENTRY.replace('doc_id = "zhejiang-hrss-14th-fyp"', 'doc_id = "other"'))
    with pytest.raises(InputError, match="two entries"):
        load_manifest(raw)


@pytest.mark.parametrize("line, problem", [
    ('doc_id = "Zhejiang HRSS"', "must use only a-z"),
    ("issue_date = \"2021年5月31日\"", "is not a date"),
    ("heading_levels = { \"x\" = 2 }", "is not a line number"),
    ("heading_levels = { \"12\" = 9 }", "must be 1..6"),
    ("title = 2021", "must be a string"),
    ('file = "../secret.txt"', "bare file name"),
    ('fullwidth_punctuation = "yes"', "must be true or false"),
], ids=["doc-id-slug", "date", "level-line", "level-range", "title-type", "file-path", "punctuation-flag"])
def test_bad_values_are_refused(tmp_path, line, problem):
    key = line.split(" ", 1)[0]
    body = "\n".join(row for row in ENTRY.splitlines() if not row.startswith(key + " ")) + "\n" + line + "\n"
    raw = write_raw(tmp_path, body)
    with pytest.raises(InputError, match=problem) as info:
        load_manifest(raw)
    assert "manifest.toml" in str(info.value)


def test_fullwidth_punctuation_flag(tmp_path):
    raw = write_raw(tmp_path, ENTRY + "fullwidth_punctuation = true\n")
    assert load_manifest(raw)[FIRST_FILE].fullwidth_punctuation is True
    assert DocumentMeta(doc_id="x").fullwidth_punctuation is False


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    raw = write_raw(tmp_path, ENTRY, files=())
    manifest, problems, unreadable = load_manifest_checked(raw)
    assert list(manifest) == [FIRST_FILE] and not unreadable
    assert len(problems) == 1
    problem = problems[0]
    assert problem.stage == "manifest"
    assert problem.source_path == "manifest.toml"
    assert problem.doc_id == "zhejiang-hrss-14th-fyp"
    assert FIRST_FILE in problem.message and "manifest.toml" in problem.message


# --------------------------------------------------------------------------- files and names


def test_list_raw_files_is_sorted_and_skips_notes(tmp_path):
    raw = write_raw(tmp_path, "", files=("b-plan.txt", "a-plan.html", "README.md", "NOTES.md", ".hidden.txt"))
    (raw / "subdir").mkdir()
    assert [p.name for p in list_raw_files(raw)] == ["a-plan.html", "b-plan.txt"]


@pytest.mark.parametrize("name, doc_id", [
    ("zhejiang-hrss-14th-fyp.zh-tw.txt", "zhejiang-hrss-14th-fyp"),
    ("Jiangsu_Employment_14th_FYP.zh-CN.html", "jiangsu-employment-14th-fyp"),
    ("guangdong hrss plan 2021.txt", "guangdong-hrss-plan-2021"),
    ("plan.2021.htm", "plan-2021"),
    ("shanghai-fyp.zh-hant.txt", "shanghai-fyp"),
], ids=["zh-tw", "zh-cn-upper", "spaces", "dots", "zh-hant"])
def test_doc_id_from_name(name, doc_id):
    meta = meta_from_name(name)
    assert meta.doc_id == doc_id
    assert meta.title is None


def test_chinese_name_gets_a_stable_id_and_a_title():
    meta = meta_from_name("浙江省就业促进“十四五”规划.txt")
    again = meta_from_name("浙江省就业促进“十四五”规划.txt")
    other = meta_from_name("浙江省社会保障“十四五”规划.txt")
    assert meta.doc_id == again.doc_id and meta.doc_id != other.doc_id
    assert meta.doc_id.startswith("zhe-jiang-sheng-jiu-ye-cu-jin-shi-si-wu-gui-hua-")
    assert len(meta.doc_id) == len("zhe-jiang-sheng-jiu-ye-cu-jin-shi-si-wu-gui-hua-") + 8
    assert meta.title == "浙江省就业促进“十四五”规划"


def test_a_long_chinese_name_spells_its_first_syllables():
    meta = meta_from_name("浙江省人力资源和社会保障事业发展“十四五”规划.txt")
    assert meta.doc_id.startswith("zhe-jiang-sheng-ren-li-zi-yuan-he-she-hui-bao-zhang-shi-ye-fa-zhan-")
    assert meta.doc_id.count("-") == 16


def test_mixed_name_keeps_its_ascii_part():
    meta = meta_from_name("2021-浙江省就业规划.txt")
    assert meta.doc_id.startswith("2021-")


def test_file_without_entry_gets_name_metadata(tmp_path):
    raw = write_raw(tmp_path, ENTRY, files=(FIRST_FILE, "Jiangsu-HRSS-14th-FYP.html"))
    manifest = load_manifest(raw)
    documents = resolve_documents(raw, manifest)
    assert [(p.name, m.doc_id) for p, m in documents] == [
        ("Jiangsu-HRSS-14th-FYP.html", "jiangsu-hrss-14th-fyp"),
        (FIRST_FILE, "zhejiang-hrss-14th-fyp"),
    ]


def test_two_files_with_the_same_derived_doc_id(tmp_path):
    raw = write_raw(tmp_path, "", files=("plan.zh-cn.txt", "plan.zh-tw.txt"))
    with pytest.raises(InputError) as info:
        resolve_documents(raw, load_manifest(raw))
    message = str(info.value)
    assert "plan.zh-cn.txt" in message and "plan.zh-tw.txt" in message and "'plan'" in message
