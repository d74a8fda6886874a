"""The JSON report contract: shape, offsets and verdicts."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from doclint import Linter
from doclint.findings import FileReport
from doclint.outputs.reporters.json import render

ROOT = Path(__file__).resolve().parent.parent

SEED = next((Path(__file__).parent.parent / "seeds").glob("*.txt"))
LINTER = Linter()
# Additive fields (issue 16): doc_type_confidence and the sending unit the draft names.
FILE_KEYS = {"path", "doc_type", "doc_type_source", "doc_type_confidence", "unit", "stats", "verdict", "findings",
             "error"}
FINDING_KEYS = {"rule", "category", "severity", "message", "suggestion", "location", "excerpt"}
CATEGORIES = {"length", "element", "structure", "punctuation", "number", "wording", "residue", "layout"}


def test_report_shape_matches_contract() -> None:
    """Top-level keys, file keys, finding keys and value domains are the contract's."""
    data = json.loads(render([LINTER.check_path(SEED, "专项报告")]))
    assert list(data) == ["schema", "doclint", "files"]
    assert data["schema"] == 1
    entry = data["files"][0]
    assert set(entry) == FILE_KEYS
    assert entry["doc_type"] == "专项报告"
    assert entry["doc_type_source"] == "option"
    assert set(entry["stats"]) >= {"body_chars", "paragraphs"}
    assert entry["verdict"] == "return"
    assert entry["error"] is None
    for f in entry["findings"]:
        assert set(f) - {"fix"} == FINDING_KEYS
        assert f["category"] in CATEGORIES
        assert f["rule"].split(".")[0] == f["category"]
        assert f["severity"] in {"error", "warning", "info"}
        loc = f["location"]
        assert set(loc) == {"part", "paragraph", "start", "end"}
        if loc["part"] == "document":
            assert loc["paragraph"] is None
        if f["excerpt"] is not None:
            assert len(f["excerpt"]) <= 40


def test_offsets_index_the_paragraph_text() -> None:
    """paragraph.text[start:end] is the flagged text and lies inside the excerpt."""
    texts = SEED.read_text(encoding="utf-8").splitlines()
    report = LINTER.check_path(SEED, "专项报告")
    located = [f for f in report.findings if f.location.start is not None]
    assert len(located) > 20
    for f in located:
        assert f.location.paragraph is not None and f.location.end is not None
        flagged = texts[f.location.paragraph][f.location.start : f.location.end]
        assert flagged
        assert f.excerpt is not None
        assert flagged[:40] in f.excerpt


def test_doc_type_from_title_and_content() -> None:
    """The kind comes from the title, else from the closing phrase, else null."""
    r = LINTER.check_text("××局关于购置设备的请示\n市财政局：\n拟购置设备。\n妥否，请批示。")
    assert (r.doc_type, r.doc_type_source) == ("请示", "title")
    r = LINTER.check_text("关于购置设备的事项\n市财政局：\n拟购置设备。\n妥否，请批示。")
    assert (r.doc_type, r.doc_type_source) == ("请示", "content")
    r = LINTER.check_text("一些文字\n另一些文字")
    assert (r.doc_type, r.doc_type_source) == (None, None)


def test_unreadable_file_entry(tmp_path: Path) -> None:
    """An unreadable file has verdict unreadable, no findings and an error object."""
    p = tmp_path / "x.docx"
    p.write_bytes(b"")
    entry = json.loads(render([LINTER.check_path(p)]))["files"][0]
    assert entry["verdict"] == "unreadable"
    assert entry["findings"] == []
    assert entry["error"]["code"] == "empty"


_ALPHABET = list("截止目前其它布署的，。、；：“”‘’《》（）()[]【】XX**12－%％年月日一二三、. \t甲乙")
_TEXT = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=8))
def test_any_text_gives_valid_offsets(lines: list[str]) -> None:
    """No crash on any text, and every located finding indexes its paragraph's text."""
    lines = [line.replace("\n", "").replace("\r", "") for line in lines]
    report = LINTER.check_text("\n".join(lines))
    for f in report.findings:
        loc = f.location
        if loc.start is not None:
            assert loc.paragraph is not None and loc.end is not None
            assert 0 <= loc.start < loc.end <= len(lines[loc.paragraph])


def test_table_findings_add_table_row_cell() -> None:
    """A finding in a table cell adds table, row and cell and indexes the paragraph inside the cell."""
    import io

    import docx

    d = docx.Document()
    for text in ("包头市财政局关于购置办公设备的请示", "包头市人民政府：", "我局拟购置设备。"):
        d.add_paragraph(text)
    d.add_table(rows=2, cols=2).cell(1, 1).text = "截止目前已完成"
    buf = io.BytesIO()
    d.save(buf)
    report = LINTER.check_bytes(buf.getvalue(), "t.docx")
    entry = json.loads(render([report]))["files"][0]
    hit = next(f for f in entry["findings"] if f["rule"] == "wording.jiezhi-jiezhi")
    assert hit["location"] == {"part": "table", "paragraph": 0, "start": 0, "end": 2, "table": 0, "row": 1, "cell": 1}


def test_reports_built_without_validation_are_valid() -> None:
    """The engine builds findings with model_construct; every corpus report must still validate unchanged."""
    linter = LINTER
    drafts = sorted((ROOT / "corpus").rglob("*.txt")) + sorted((ROOT / "corpus").rglob("*.docx"))
    drafts += sorted((ROOT / "seeds").glob("*.txt"))
    assert len(drafts) > 70
    checked = 0
    for path in drafts:
        report = linter.check_path(path)
        again = FileReport.model_validate_json(report.model_dump_json())
        assert again == report, path.name
        assert FileReport.model_validate(report.model_dump()) == report, path.name
        checked += len(report.findings)
    assert checked > 100


SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"


def _current_schema() -> str:
    from doclint.findings import Report

    schema = Report.model_json_schema(mode="serialization", by_alias=True)
    for model in schema.get("$defs", {}).values():  # the contract adds fields freely: old readers must accept them
        model.pop("additionalProperties", None)
    schema.pop("additionalProperties", None)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "doclint report (docs/report-contract.md)"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_json_schema_in_docs_is_current() -> None:
    """docs/report.schema.json is generated from the report models; DOCLINT_REGEN=1 rewrites it."""
    import os

    if os.environ.get("DOCLINT_REGEN") == "1":
        SCHEMA_FILE.write_text(_current_schema(), encoding="utf-8")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == _current_schema(), "run DOCLINT_REGEN=1 pytest tests/test_contract.py"


def test_reports_validate_against_the_shipped_schema(tmp_path: Path) -> None:
    """A real report (findings, an unreadable file) validates against docs/report.schema.json."""
    import jsonschema

    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    good = tmp_path / "稿.txt"
    good.write_text("截止目前，我局已完成任务。\n", encoding="utf-8")
    data = json.loads(render([LINTER.check_path(good), LINTER.check_path(bad)]))
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_fix_edits_share_the_location_coordinates() -> None:
    """Each edit of ``fix`` names the finding's paragraph and lies inside its flagged span."""
    texts = SEED.read_text(encoding="utf-8").splitlines()
    data = json.loads(render([LINTER.check_path(SEED, "专项报告")]))
    fixed = [f for f in data["files"][0]["findings"] if "fix" in f]
    assert fixed
    for f in fixed:
        loc = f["location"]
        for e in f["fix"]:
            assert set(e) == {"part", "paragraph", "start", "end", "replacement"}
            assert (e["part"], e["paragraph"]) == (loc["part"], loc["paragraph"])
            assert loc["start"] <= e["start"] <= e["end"] <= loc["end"]
            assert texts[e["paragraph"]][e["start"]:e["end"]] != e["replacement"]
