"""``doclint check --format csv``: one row per finding, UTF-8 with BOM for Excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from doclint.cli import main
from doclint.findings import Category, FileReport, Finding, Location, Severity
from doclint.outputs.reporters import csv as csv_reporter

DRAFT = ("青林县人民政府关于购置办公设备的请示\n青林市人民政府：\n截止目前，拟购置办公设备一批。\n妥否，请批示。\n"
         "青林县人民政府\n2024年3月5日\n（联系人：李明，联系电话：0471-1234567）\n")


def _read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert b"\r\n" in data
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_batch_run_as_csv(tmp_path: Path) -> None:
    """Every active finding is a row with 1-based places and Chinese labels; a clean file keeps one row."""
    bad, good = tmp_path / "甲.txt", tmp_path / "乙.txt"
    bad.write_text(DRAFT, encoding="utf-8")
    good.write_text(DRAFT.replace("截止目前", "截至目前"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(bad), str(good), "--format", "csv", "--ignore", "layout"])
    assert result.exit_code == 1, result.stderr
    rows = _read(result.stdout_bytes)
    assert list(rows[0]) == list(csv_reporter.HEADER)
    hit = next(r for r in rows if r["规则"] == "wording.jiezhi-jiezhi")
    assert (hit["文件"], hit["结论"], hit["级别"], hit["段"], hit["起始字"], hit["结束字"]) == (
        str(bad), "退文", "错误", "3", "1", "2")
    assert hit["建议"] and hit["来文单位"] == "青林县人民政府" and hit["文种"] == "请示"
    clean = [r for r in rows if r["文件"] == str(good)]
    assert len(clean) == 1 and clean[0]["结论"] == "通过" and clean[0]["规则"] == ""


def test_formula_like_cells_are_quoted() -> None:
    """Text from a draft never runs as a spreadsheet formula."""
    f = Finding(rule="wording.x", category=Category.WORDING, severity=Severity.ERROR, message="=HYPERLINK(\"x\")",
                location=Location(part="body", paragraph=0, start=0, end=1), excerpt="+1")
    data = csv_reporter.render([FileReport(path="@稿.txt", verdict="return", findings=(f,))])
    row = _read(data)[0]
    assert row["问题"] == "'=HYPERLINK(\"x\")" and row["原文"] == "'+1" and row["文件"] == "'@稿.txt"


def test_unreadable_file_is_a_row() -> None:
    from doclint.findings import FileError

    data = csv_reporter.render([FileReport(path="坏.docx", verdict="unreadable",
                                           error=FileError(code="corrupt", message="文件已损坏"))])
    row = _read(data)[0]
    assert (row["结论"], row["问题"]) == ("无法读取", "文件已损坏")
