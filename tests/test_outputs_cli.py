"""The outputs from the command line: annotated copy, slip, digest, ledger."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
from click.testing import CliRunner

from doclint import Linter
from doclint.cli import main
from fixtures import gbt9704_builder

SEED = next((Path(__file__).parent.parent / "seeds").glob("*.txt"))


def _returned_docx(path: Path) -> Path:
    b = gbt9704_builder()
    b.doc.paragraphs[2].runs[0].text = "截止目前，我局拟购置办公设备一批，其它经费从年度部门预算中列支。"
    b.doc.save(str(path))
    return path


def test_annotate_one_and_force(tmp_path: Path) -> None:
    """--annotate writes a commented copy, leaves the draft unchanged and refuses to overwrite without --force."""
    draft = _returned_docx(tmp_path / "请示.docx")
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = tmp_path / "批注.docx"
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(draft), "--annotate", str(out)])
    assert result.exit_code == 1
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before
    comments = list(docx.Document(str(out)).comments)
    assert any("wording.jiezhi-jiezhi" in c.text for c in comments)
    again = runner.invoke(main, ["check", str(draft), "--annotate", str(out)])
    assert again.exit_code == 2
    assert "已存在" in again.stderr
    assert runner.invoke(main, ["check", str(draft), "--annotate", str(out), "--force"]).exit_code == 1


def test_annotate_dir_for_batches(tmp_path: Path) -> None:
    """--annotate-dir writes one commented copy per .docx draft and says why text drafts get none."""
    src = tmp_path / "in"
    src.mkdir()
    _returned_docx(src / "a.docx")
    (src / "b.txt").write_text("标题\n正文", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(src), "--annotate-dir", str(tmp_path / "out")])
    assert (tmp_path / "out" / "a（批注）.docx").exists()
    assert "b.txt" in result.stderr


def test_slip_for_returned_and_passing(tmp_path: Path) -> None:
    """`doclint slip` writes a 退文告知单 for a returned draft and none for a passing one."""
    draft = _returned_docx(tmp_path / "请示.docx")
    out = tmp_path / "slip.docx"
    result = CliRunner().invoke(main, ["slip", str(draft), "-o", str(out)])
    assert result.exit_code == 1, result.output
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "退文告知单" in text
    md = tmp_path / "slip.md"
    CliRunner().invoke(main, ["slip", str(draft), "-o", str(md)])
    assert "wording.jiezhi-jiezhi" in md.read_text(encoding="utf-8")
    good = tmp_path / "good.docx"
    gbt9704_builder().doc.save(str(good))
    result = CliRunner().invoke(main, ["slip", str(good), "-o", str(tmp_path / "none.docx")])
    assert result.exit_code == 0
    assert "无需退文告知单" in result.stderr
    assert not (tmp_path / "none.docx").exists()


def test_digest_from_reports_and_ledger(tmp_path: Path) -> None:
    """`doclint digest` compiles JSON reports and drafts; --record then --ledger compiles a period."""
    runner = CliRunner()
    report = tmp_path / "r.json"
    report.write_text(runner.invoke(main, ["check", str(SEED), "--format", "json"]).stdout, encoding="utf-8")
    bad = tmp_path / "other.json"
    bad.write_text(json.dumps({"schema": 99, "files": []}), encoding="utf-8")
    out = tmp_path / "核文摘要.md"
    result = runner.invoke(main, ["digest", str(report), str(bad), str(_returned_docx(tmp_path / "a.docx")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "other.json" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "核文摘要" in text and "典型案例" in text
    (tmp_path / ".doclint.yaml").write_text("ledger: 台账.sqlite\nunit: 包头市财政局\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _returned_docx(drafts / "b.docx")
    assert runner.invoke(main, ["check", str(drafts), "--record"]).exit_code == 1
    assert (tmp_path / "台账.sqlite").exists()
    html = tmp_path / "d.html"
    result = runner.invoke(main, ["digest", "--ledger", "--config", str(tmp_path / ".doclint.yaml"), "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert "<svg" in html.read_text(encoding="utf-8")


def test_linter_annotate_api() -> None:
    """Linter.annotate returns the commented copy's bytes."""
    import io

    b = gbt9704_builder()
    b.doc.paragraphs[2].runs[0].text = "截止目前，已完成。"
    data = b.to_bytes()
    out = Linter().annotate(data, "a.docx")
    assert any("截至" in c.text for c in docx.Document(io.BytesIO(out)).comments)
