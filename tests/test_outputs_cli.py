"""The outputs from the command line: annotated copy, slip, digest, ledger."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
import pytest
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
    assert "| 第3段 | 表示“到某时为止”应写“截至”，不是“截止” | 改为“截至” |" in md.read_text(encoding="utf-8")
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


_QINGSHI = ("{unit}关于购置办公设备的请示\n包头市人民政府：\n截止目前，我局拟购置办公设备一批，所需经费从年度预算中列支。\n"
            "妥否，请批示。\n{unit}\n2024年5月6日\n（联系人：李明，联系电话：0471-1234567）\n")


def test_ledger_digest_counts_each_draft_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-checks of a draft count once (its latest check), re-submissions are said, units are the drafts'
    own (not folder names), the .xlsx has a sheet per table, and another folder's run names the ledger."""
    import openpyxl

    folder = tmp_path / "收文夹甲"
    folder.mkdir()
    a, b = folder / "请示甲.txt", folder / "请示乙.txt"
    a.write_text(_QINGSHI.format(unit="包头市财政局"), encoding="utf-8")
    b.write_text(_QINGSHI.format(unit="包头市教育局"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for _ in range(3):
        assert runner.invoke(main, ["check", str(folder), "--record", "-q"]).exit_code == 1
    a.write_text(_QINGSHI.format(unit="包头市财政局").replace("截止目前", "截至目前"), encoding="utf-8")
    assert runner.invoke(main, ["check", str(a), "--record", "-q"]).exit_code == 0  # fixed and re-submitted
    md = tmp_path / "摘要.md"
    result = runner.invoke(main, ["digest", "--ledger", "-o", str(md)])
    assert result.exit_code == 0, result.stderr
    text = md.read_text(encoding="utf-8")
    assert "共审核2个单位报送的文稿2件，退文1件" in text
    # The ledger keeps each check's content hash: the unchanged re-checks of 请示乙 are no re-submission.
    assert "1件经修改后重新报送（共报送3稿、检查7次）" in text
    assert "无差错文稿1件，无差错率50.0%" in text
    assert "包头市财政局" in text and "包头市教育局" in text and "收文夹甲" not in text
    xlsx = tmp_path / "摘要.xlsx"
    assert runner.invoke(main, ["digest", "--ledger", "-o", str(xlsx)]).exit_code == 0
    wb = openpyxl.load_workbook(xlsx)
    assert {"总体情况", "按问题类别", "按来文单位", "高频问题", "问题明细"} <= set(wb.sheetnames)
    overview = {r[0]: r[1] for r in wb["总体情况"].iter_rows(min_row=2, values_only=True)}
    assert overview["审核文稿（件）"] == 2 and overview["检查（次）"] == 7 and overview["重新报送（件）"] == 1
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(main, ["digest", "--ledger", "-o", str(tmp_path / "x.md")])
    assert result.exit_code == 2
    assert str(elsewhere / "doclint-ledger.sqlite") in result.stderr


def test_latest_per_draft_merges_copies_and_keeps_order() -> None:
    """Same path = same draft (latest wins); an identical report under another name is the same draft."""
    import datetime as dt
    from dataclasses import dataclass

    from doclint.outputs.digest import latest_per_draft

    @dataclass(frozen=True)
    class E:
        report: object
        checked_at: dt.datetime

    linter = Linter()
    bad = linter.check_text(_QINGSHI.format(unit="包头市财政局"), "甲/请示.txt")
    copy = bad.model_copy(update={"path": "乙/请示（副本）.txt"})
    fixed = linter.check_text(_QINGSHI.format(unit="包头市财政局").replace("截止", "截至"), "甲/请示.txt")
    other = linter.check_text(_QINGSHI.format(unit="包头市教育局"), "丙/请示.txt")
    t = [dt.datetime(2025, 1, d) for d in range(1, 5)]
    out = latest_per_draft([E(bad, t[0]), E(other, t[1]), E(copy, t[2]), E(fixed, t[3])])
    assert [(e.report.path, n) for e, n in out] == [("丙/请示.txt", 1), ("甲/请示.txt", 3)]
    assert out[1][0].report is fixed


def test_draft_histories_use_the_content_hash() -> None:
    """With content hashes: the same bytes under two names are one draft, a changed file at the same
    path is a new version of it, and an unchanged re-check is not a re-submission; two clean drafts
    whose reports are equal stay two drafts."""
    import datetime as dt
    from dataclasses import dataclass

    from doclint.outputs.digest import draft_histories

    @dataclass(frozen=True)
    class E:
        report: object
        checked_at: dt.datetime
        content_sha256: str | None

    linter = Linter()
    clean_a = linter.check_text(_QINGSHI.format(unit="包头市财政局").replace("截止", "截至"), "甲/a.txt")
    clean_b = clean_a.model_copy(update={"path": "甲/b.txt"})
    copy_a = clean_a.model_copy(update={"path": "乙/a（副本）.txt"})
    t = [dt.datetime(2025, 1, d) for d in range(1, 7)]
    out = draft_histories([E(clean_a, t[0], "h1"), E(clean_b, t[1], "h2"), E(copy_a, t[2], "h1"),
                           E(clean_a, t[3], "h1"), E(clean_b, t[4], "h3")])
    assert [(h.latest.report.path, h.checks, h.versions) for h in out] == [("甲/a.txt", 3, 1), ("甲/b.txt", 2, 2)]
