"""核文摘要 and the findings ledger: content, formats, determinism, bad inputs, concurrent writers."""

from __future__ import annotations

import datetime as dt
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from doclint.errors import LedgerError, ReportFileError
from doclint.findings import Category, FileError, FileReport, Finding, Location, Severity
from doclint.outputs.digest import (
    build_digest,
    flagged_text,
    gather_reports,
    load_reports_json,
    rule_label,
    summarize,
    wrong_right_pairs,
)
from doclint.outputs.ledger import Ledger, previous_period, unit_lookup
from doclint.outputs.reporters.json import render
from doclint.text.chars import excerpt

Q1 = (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
PARA = "截止目前，全市共有其它各类办公设备三千余台，已按要求完成登记，设备使用情况总体良好，具体情况见附件。"


def _at(text: str, wrong: str, rule: str, category: Category, right: str | None, *, paragraph: int = 2,
        severity: Severity = Severity.ERROR, message: str | None = None) -> Finding:
    start = text.index(wrong)
    end = start + len(wrong)
    return Finding(rule=rule, category=category, severity=severity,
                   message=message or f"“{wrong}”应为“{right}”", suggestion=right,
                   location=Location(part="body", paragraph=paragraph, start=start, end=end),
                   excerpt=excerpt(text, start, end))


def _doc_level(rule: str, category: Category, message: str) -> Finding:
    return Finding(rule=rule, category=category, severity=Severity.ERROR, message=message,
                   suggestion="在署名下一行写成文日期", location=Location(part="document"))


JIEZHI = _at(PARA, "截止", "wording.jiezhi-jiezhi", Category.WORDING, "截至")
JIEZHI2 = _at("今年以来，各项工作稳步推进，截止6月底已完成全年任务的百分之五十五，进度符合预期。", "截止",
              "wording.jiezhi-jiezhi", Category.WORDING, "截至")
QITA = _at(PARA, "其它", "wording.qita", Category.WORDING, "其他", severity=Severity.WARNING)
DATE = _doc_level("element.date-missing", Category.ELEMENT, "缺少成文日期：正文之后应有署名和成文日期")
QUOTE_TEXT = "我区政府采购荣获”中国政府采购奖“，并以全国第一的成绩获得数字政府建设先进单位称号。"
QUOTE = _at(QUOTE_TEXT, "”中国政府采购奖“", "punctuation.quote-pairing", Category.PUNCTUATION, "“中国政府采购奖”",
            message="引号方向颠倒：应为“中国政府采购奖”", paragraph=5)
HINT = _at(PARA, "设备", "wording.hint", Category.WORDING, "器材", severity=Severity.INFO)


def _report(path: str, *findings: Finding, verdict: str | None = None) -> FileReport:
    v = verdict or ("return" if any(f.severity is Severity.ERROR for f in findings) else "pass")
    return FileReport(path=path, verdict=v, findings=findings)  # type: ignore[arg-type]


REPORTS = [
    _report("财政局/关于购置办公设备的请示.docx", JIEZHI, QITA, DATE),
    _report("财政局/关于追加预算的请示.docx", JIEZHI2, QUOTE),
    _report("财政局/关于年度决算的报告.docx"),
    _report("教育局/关于校舍维修的请示.docx", QITA, HINT),
    _report("教育局/关于招生工作的通知.docx", HINT),
    FileReport(path="教育局/旧稿.doc", verdict="unreadable", error=FileError(code="legacy-doc", message="旧版 .doc 文件")),
]
PREVIOUS = [_report("财政局/上期.docx", JIEZHI), _report("教育局/上期.docx")]


def _unit(r: FileReport) -> str:
    return r.path.split("/")[0]


def _md(**kw: object) -> str:
    args: dict[str, object] = {"period": Q1, "previous": PREVIOUS, "unit_of": _unit, "fmt": "md", "office": "市政府办公室"}
    args.update(kw)
    out = build_digest(REPORTS, **args)  # type: ignore[call-overload]
    assert isinstance(out, str)
    return out


def test_summary_counts() -> None:
    """Returned includes unreadable; error-free means no error or warning (info does not count)."""
    s = summarize(REPORTS)
    assert (s.documents, s.returned, s.unreadable, s.error_free) == (6, 3, 1, 2)
    assert s.rate == pytest.approx(2 / 6)


def test_markdown_digest_content() -> None:
    """Period, scope, headline numbers with the change, both tables, top rules, cases and wrong → right pairs."""
    md = _md()
    assert md.startswith("# 核文摘要\n")
    assert "现将2025年1月1日至2025年3月31日公文审核情况通报如下。" in md
    assert ("共审核2个单位报送的文稿6件，退文3件（其中无法读取1件），无差错文稿2件，无差错率33.3%"
            "（与上期相比降低16.7个百分点）") in md
    assert "共发现问题6处，其中须修改的错误4处，建议修改的问题2处。" in md
    assert "| 用词 | 4 | 3 | 66.7% |" in md
    assert "| 公文要素 | 1 | 1 | 16.7% |" in md
    assert "| 合计 | 6 | 3 | 100.0% |" in md
    assert "| 财政局 | 3 | 2 | 66.7% | 33.3% |" in md
    assert "| 教育局 | 3 | 1 | 33.3% | 33.3% |" in md
    top = md.split("### （三）高频问题")[1].split("## 三、典型案例")[0]
    assert top.index("wording.jiezhi-jiezhi") < top.index("element.date-missing")
    assert "wording.hint" not in md  # info findings are left out
    cases = md.split("## 三、典型案例")[1].split("## 四、")[0]
    assert "### （一）“截止”“截至”混用" in cases  # the rule's title, not one finding's message
    assert "共2处，涉及文稿2件（规则：wording.jiezhi-jiezhi）。" in cases
    assert "关于购置办公设备的请示.docx<br>第3段" in cases and "关于追加预算的请示.docx<br>第3段" in cases
    assert "第6段" in cases and "引号方向颠倒" in cases
    pairs = md.split("## 四、常见错误写法对照")[1]
    assert "| 1 | 其它 | 其他 | 2 |" in pairs  # ties: by the wrong form
    assert "| 2 | 截止 | 截至 | 2 |" in pairs
    assert "| ”中国政府采购奖“ | “中国政府采购奖” | 1 |" in pairs
    assert md.rstrip().endswith("市政府办公室  \n2025年3月31日")


def test_previous_period_change_and_empty_inputs() -> None:
    """Without previous no comparison; an empty previous period says so; no reports says so."""
    assert "与上期" not in _md(previous=None)
    assert "（上期无审核记录）" in _md(previous=[])
    empty = build_digest([], period=Q1, unit_of=_unit, fmt="md")
    assert "2025年1月1日至2025年3月31日未审核文稿。" in empty
    assert "二、问题分布" not in empty


def test_docx_digest_is_a_formatted_official_document() -> None:
    """The .docx has the title, headings, tables with the numbers, and passes doclint's layout rules."""
    from doclint.linter import Linter
    from doclint.model.docx_reader import read_docx

    data = build_digest(REPORTS, period=Q1, previous=PREVIOUS, unit_of=_unit, office="市政府办公室")
    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "核文摘要"
    headings = [t for t in texts if re.match(r"^[一二三四]、", t)]
    assert headings == ["一、总体情况", "二、问题分布", "三、典型案例", "四、常见错误写法对照"]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    chart = tables.pop(0)  # the bar chart: label, bar of ideographic spaces, value
    assert [(row[0], row[2]) for row in chart] == [("用词", "4"), ("公文要素", "1"), ("标点符号", "1")]
    assert len(chart[0][1]) > len(chart[1][1]) > 0 and set(chart[0][1]) == {"\u3000"}
    assert "图1  各类问题数量" in texts
    assert tables[0][0] == ["问题类别", "问题数（处）", "涉及文稿（件）", "占比"]
    assert ["用词", "4", "3", "66.7%"] in tables[0]
    assert ["财政局", "3", "2", "66.7%", "33.3%"] in [row[:5] for row in tables[1]]
    assert tables[-1][2] == ["2", "截止", "截至", "2"]
    model = read_docx(data)
    title = model.paragraphs[0]
    assert {(r.format.east_asia_font, r.format.size_pt) for r in title.runs} == {("方正小标宋简体", 22.0)}
    kai = next(p for p in model.paragraphs if p.text.startswith("（一）"))
    assert {r.format.east_asia_font for r in kai.runs} == {"楷体_GB2312"}
    report = Linter().check_bytes(data, "核文摘要.docx")
    assert [f.message for f in report.findings if f.category is Category.LAYOUT] == []


def test_html_digest_is_self_contained_with_a_chart() -> None:
    """One HTML file: inline CSS and SVG bar chart (one bar per category), no scripts or network."""
    page = build_digest(REPORTS, period=Q1, unit_of=_unit, fmt="html")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"]
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<rect") == 3  # 用词, 公文要素, 标点符号
    assert ">用词</text>" in svg and ">4</text>" in svg
    assert "<h1>核文摘要</h1>" in page and "无差错率33.3%" in page


def test_same_inputs_give_identical_output() -> None:
    """Shuffled inputs give byte-identical .docx, HTML and Markdown; zip entries carry a fixed date."""
    shuffled = REPORTS[:]
    random.Random(7).shuffle(shuffled)
    for fmt in ("docx", "html", "md"):
        a = build_digest(REPORTS, period=Q1, previous=PREVIOUS, unit_of=_unit, fmt=fmt)  # type: ignore[call-overload]
        b = build_digest(shuffled, period=Q1, previous=PREVIOUS[::-1], unit_of=_unit, fmt=fmt)  # type: ignore[call-overload]
        assert a == b, fmt
    data = build_digest(REPORTS, period=Q1, unit_of=_unit)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert "2025-03-31" in core and str(dt.date.today().year + 1) not in core


def test_saved_json_reports_and_bad_ones(tmp_path: Path) -> None:
    """Good JSON reports load; another schema and malformed JSON give clear messages and the rest still compile."""
    good = tmp_path / "good.json"
    good.write_text(render(REPORTS[:3]), encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"schema": 2, "doclint": "9.0", "files": []}), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": 1, "files": [', encoding="utf-8")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"schema": 1, "files": [{"path": "x", "verdict": "maybe"}]}), encoding="utf-8")
    assert load_reports_json(good) == REPORTS[:3]
    with pytest.raises(ReportFileError, match="版本为 2"):
        load_reports_json(other)
    reports, problems = gather_reports([other, good, broken, wrong, tmp_path / "missing.json"])
    assert reports == REPORTS[:3]
    assert len(problems) == 4
    assert "other.json" in problems[0] and "本版 doclint 只能读取版本 1" in problems[0]
    assert "broken.json" in problems[1] and "不是有效的 JSON" in problems[1]
    assert "wrong.json" in problems[2] and "files[0]" in problems[2]
    assert "missing.json" in problems[3] and "无法读取" in problems[3]
    md = build_digest(reports, unit_of=_unit, fmt="md")
    assert "文稿3件" in md


@given(st.text(alphabet="甲乙丙丁戊己庚辛壬癸，。“”", min_size=1, max_size=120), st.data())
def test_flagged_text_is_exact_or_unknown(text: str, data: st.DataObject) -> None:
    """Recovered from the excerpt, the flagged text is paragraph.text[start:end] or None, never a wrong guess."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 15)))
    quoted = data.draw(st.booleans())
    f = Finding(rule="wording.x", category=Category.WORDING, severity=Severity.ERROR,
                message=f"“{text[start:end]}”应改" if quoted else "有问题",
                location=Location(part="body", paragraph=0, start=start, end=end), excerpt=excerpt(text, start, end))
    got = flagged_text(f)
    assert got is None or got == text[start:end]


def test_wrong_right_pairs_skip_instructions_and_context_bound_fixes() -> None:
    """Suggestions that are instructions, or nesting fixes that need their context, are not pairs."""
    nested = _at("印发《关于〈政府工作报告〉的说明》", "〈政府工作报告〉", "punctuation.book-title-nesting",
                 Category.PUNCTUATION, "《政府工作报告》")
    advice = _at(PARA, "三千余台", "number.x", Category.NUMBER, "改用阿拉伯数字，如“3000余台”")
    pairs = wrong_right_pairs([_report("a.docx", JIEZHI, nested, advice, DATE)])
    assert pairs == [("截止", "截至", 1)]


def test_rule_label_drops_quoted_matches() -> None:
    """A rule is named by its messages' common opening, without the quoted match."""
    assert rule_label(["有未替换的模板占位符或被隐去的内容“XX”：须恢复", "有未替换的模板占位符或被隐去的内容“**”：须恢复"]) \
        == "有未替换的模板占位符或被隐去的内容"
    assert rule_label(["引号方向颠倒：应为“甲”", "引号方向颠倒：应为“乙”", "引号不成对"]) == "引号方向颠倒"


# -- ledger ------------------------------------------------------------------------------------


def test_ledger_records_and_reads_a_period(tmp_path: Path) -> None:
    """Reports come back with their unit and time; the period filter is inclusive; the schema is made on first use."""
    ledger = Ledger(tmp_path / "台账" / "doclint.sqlite")
    ledger.record(REPORTS[0], "市财政局", dt.datetime(2024, 12, 31, 23, 59))
    ledger.record_many([(r, _unit(r)) for r in REPORTS[1:]], dt.datetime(2025, 1, 1, 8, 0))
    ledger.record(REPORTS[0], None, dt.datetime(2025, 3, 31, 18, 0))
    ledger.record(REPORTS[1], "财政局", dt.datetime(2025, 4, 1, 0, 0))
    entries = ledger.entries(*Q1)
    assert [e.report for e in entries] == [*REPORTS[1:], REPORTS[0]]
    assert entries[0].unit == "财政局" and entries[0].checked_at == dt.datetime(2025, 1, 1, 8, 0)
    assert len(ledger.reports()) == 8
    assert ledger.reports(until=dt.date(2024, 12, 31)) == [REPORTS[0]]
    unit_of = unit_lookup(entries, lambda r: "来自路径")
    assert [unit_of(e.report) for e in entries][-1] == "来自路径"
    with sqlite3.connect(tmp_path / "台账" / "doclint.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3  # schema version 3 (content hash)


def test_digest_over_a_ledger_period(tmp_path: Path) -> None:
    """A digest of the ledger's quarter compares with the previous quarter."""
    ledger = Ledger(tmp_path / "l.sqlite")
    ledger.record_many([(r, _unit(r)) for r in PREVIOUS], dt.datetime(2024, 11, 5, 9, 0))
    ledger.record_many([(r, _unit(r)) for r in REPORTS], dt.datetime(2025, 2, 5, 9, 0))
    entries = ledger.entries(*Q1)
    prev = ledger.reports(*previous_period(*Q1))
    md = build_digest([e.report for e in entries], period=Q1, previous=prev,
                      unit_of=unit_lookup(entries, _unit), fmt="md")
    assert md == _md(office=None)


def _writer(path: str, worker: int) -> None:
    ledger = Ledger(path)
    for i in range(20):
        ledger.record(_report(f"w{worker}/{i}.docx", JIEZHI), f"单位{worker}", dt.datetime(2025, 1, 1 + i % 28))


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    """Four processes writing to one fresh ledger at once: every record is kept."""
    path = str(tmp_path / "shared.sqlite")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    assert len(Ledger(path).reports()) == 80


def test_a_file_that_is_not_a_ledger_gives_a_clear_error(tmp_path: Path) -> None:
    """A random file as ledger raises LedgerError with a Chinese message."""
    bad = tmp_path / "not.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LedgerError, match="核文台账无法使用"):
        Ledger(bad).reports()


def test_previous_period() -> None:
    """Whole months shift by months (a quarter → the previous quarter); other spans by days."""
    assert previous_period(*Q1) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    assert previous_period(dt.date(2025, 3, 1), dt.date(2025, 3, 31)) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert previous_period(dt.date(2025, 1, 10), dt.date(2025, 1, 19)) == (dt.date(2024, 12, 31), dt.date(2025, 1, 9))


# -- external viewers (optional) ---------------------------------------------------------------


def test_chromium_renders_the_html_digest(tmp_path: Path) -> None:
    """Headless Chromium screenshots the HTML digest (Debian: apt-get install chromium)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("Chromium 未安装：跳过 HTML 核文摘要截图（Debian：apt-get install chromium）")
    page = tmp_path / "核文摘要.html"
    page.write_text(build_digest(REPORTS, period=Q1, previous=PREVIOUS, unit_of=_unit, fmt="html"), encoding="utf-8")
    shot = tmp_path / "digest.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1600",
                    f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True, timeout=120,
                   env={**os.environ, "HOME": str(tmp_path)})
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000


def test_libreoffice_opens_the_docx_digest(tmp_path: Path) -> None:
    """LibreOffice converts the .docx digest to PDF."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice 未安装：无法做往返转换（Debian：apt-get install libreoffice-writer-nogui）")
    out = tmp_path / "digest.docx"
    out.write_bytes(build_digest(REPORTS, period=Q1, unit_of=_unit))
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    assert (tmp_path / "digest.pdf").read_bytes().startswith(b"%PDF")


def test_suppressed_findings_are_counted_apart() -> None:
    """Findings a reviewer accepted are left out of the counts and reported as waived."""
    from doclint import Linter
    from doclint.findings import Suppression
    from doclint.outputs.digest import build_digest

    text = "关于购置设备的请示\n市财政局：\n截止目前拟购置设备。\n妥否，请批示。\n市财政局\n2024年5月6日"
    report = Linter().check_text(text, "a.txt")
    waived = report.model_copy(update={"findings": tuple(
        f.model_copy(update={"suppressed": Suppression(by="批注：审核员", reason="引用原文")})
        if f.rule == "wording.jiezhi-jiezhi" else f for f in report.findings)})
    plain = build_digest([report], unit_of=lambda r: "财政局", fmt="md")
    accepted = build_digest([waived], unit_of=lambda r: "财政局", fmt="md")
    assert "豁免" not in plain
    assert "另有1处经审核人员认可予以豁免" in accepted
    assert "截止目前" in plain and "截止目前" not in accepted
