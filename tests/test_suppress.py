"""Accepted findings: Word comments and sidecar files mark them suppressed, with a reason."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from doclint import Linter
from doclint.cli import main
from docx_builder import DocxBuilder, run

TEXT = "为保障机关运转，截止目前已购置设备20台。"


def _draft(comment: str | None) -> bytes:
    b = DocxBuilder()
    b.add_paragraph("包头市财政局关于购置办公设备的请示")
    b.add_paragraph("包头市人民政府：")
    para = b.add_paragraph(run(TEXT))
    b.add_paragraph("妥否，请批示。")
    if comment:
        b.add_comment(para, comment, author="审核员")
    return b.to_bytes()


def test_comment_directive_suppresses_with_reason(tmp_path: Path) -> None:
    """A `doclint: ignore <rule> <reason>` comment on the text suppresses that finding only."""
    path = tmp_path / "a.docx"
    path.write_bytes(_draft("doclint: ignore wording.jiezhi-jiezhi 引用原文，保留"))
    report = Linter().check_path(path)
    hit = [f for f in report.findings if f.rule == "wording.jiezhi-jiezhi"]
    assert len(hit) == 1
    assert hit[0].suppressed is not None
    assert hit[0].suppressed.reason == "引用原文，保留"
    assert "审核员" in hit[0].suppressed.by
    data = json.loads(hit[0].model_dump_json())
    assert data["suppressed"] == {"by": hit[0].suppressed.by, "reason": "引用原文，保留"}
    assert all("suppressed" not in json.loads(f.model_dump_json()) for f in report.findings if f is not hit[0])


def test_other_rules_and_no_suppress(tmp_path: Path) -> None:
    """A directive for another rule suppresses nothing; --no-suppress shows everything."""
    path = tmp_path / "a.docx"
    path.write_bytes(_draft("doclint: ignore number.year-abbrev 无关"))
    report = Linter().check_path(path)
    assert not any(f.suppressed for f in report.findings if f.rule == "wording.jiezhi-jiezhi")
    path.write_bytes(_draft("doclint: ignore wording.jiezhi 引用原文"))
    out = CliRunner().invoke(main, [str(path), "--no-suppress", "--format", "json"]).stdout
    assert not any("suppressed" in f for f in json.loads(out)["files"][0]["findings"])


def test_sidecar_file(tmp_path: Path) -> None:
    """`<draft>.doclint-ignore.yaml` suppresses by rule and excerpt."""
    path = tmp_path / "b.txt"
    path.write_text("包头市财政局关于购置办公设备的请示\n包头市人民政府：\n" + TEXT + "\n妥否，请批示。\n", encoding="utf-8")
    (tmp_path / "b.txt.doclint-ignore.yaml").write_text(
        "- {rule: wording.jiezhi-jiezhi, excerpt: 截止目前, reason: 领导批示原文}\n", encoding="utf-8")
    report = Linter().check_path(path)
    hit = next(f for f in report.findings if f.rule == "wording.jiezhi-jiezhi")
    assert hit.suppressed is not None and hit.suppressed.reason == "领导批示原文"
    assert "wording.jiezhi-jiezhi" not in CliRunner().invoke(main, [str(path), "--no-color"]).stdout


def test_directive_comment_is_not_a_leftover_comment(tmp_path: Path) -> None:
    """A `doclint: ignore` comment is deliberate: residue.comments counts only the other comments."""
    path = tmp_path / "a.docx"
    path.write_bytes(_draft("doclint: ignore wording.jiezhi-jiezhi 引用原文"))
    assert not any(f.rule == "residue.comments" for f in Linter().check_path(path).findings)
    path.write_bytes(_draft("请核实金额"))
    assert any(f.rule == "residue.comments" for f in Linter().check_path(path).findings)
