"""The command line: exit codes, JSON contract, text output, batches with bad files."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main

SEED = next((Path(__file__).parent.parent / "seeds").glob("*.txt"))
CLEAN = (
    "包头市财政局关于购置办公设备的请示\n包头市人民政府：\n为保障工作需要，我局拟购置办公设备一批，所需经费从年度预算中列支。\n"
    "妥否，请批示。\n包头市财政局\n2024年5月6日\n（联系人：李明，联系电话：0471-1234567）\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_seed_reports_its_real_errors(tmp_path: Path) -> None:
    """The seed's ads, markers, placeholders, reversed quotes and length are reported, 截至目前 is not."""
    code, out, _ = run("check", str(SEED), "--type", "专项报告", "--format", "json")
    assert code == 1
    report = json.loads(out)
    rules = [f["rule"] for f in report["files"][0]["findings"]]
    assert rules.count("residue.ad-ghostwriting") == 6
    assert rules.count("residue.paywall-marker") == 2
    assert rules.count("residue.placeholder") == 9
    assert "punctuation.book-title-nesting" in rules
    assert "length.special-report-max" in rules
    assert rules.count("punctuation.quote-pairing") >= 8
    texts = SEED.read_text(encoding="utf-8").splitlines()
    for f in report["files"][0]["findings"]:
        loc = f["location"]
        if loc["start"] is not None:
            flagged = texts[loc["paragraph"]][loc["start"] : loc["end"]]
            assert "截至目前" not in flagged
            assert flagged in f["excerpt"] or f["excerpt"] in flagged


def test_default_command_is_check(tmp_path: Path) -> None:
    """`doclint FILE` behaves like `doclint check FILE`."""
    p = tmp_path / "ok.txt"
    p.write_text(CLEAN, encoding="utf-8")
    assert run(str(p))[0] == run("check", str(p))[0] == 0


def test_exit_codes(tmp_path: Path) -> None:
    """0 pass, 1 return or unreadable, 2 usage errors (missing file, bad option, broken rule pack)."""
    good = tmp_path / "good.txt"
    good.write_text(CLEAN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(CLEAN.replace("其他", "").replace("拟购置", "截止目前拟购置"), encoding="utf-8")
    assert run("check", str(good))[0] == 0
    assert run("check", str(bad))[0] == 1
    assert run("check", str(tmp_path / "missing.txt"))[0] == 2
    assert run("check", "--format", "xml", str(good))[0] == 2
    broken = tmp_path / "pack" / "wording"
    broken.mkdir(parents=True)
    (broken / "x.yaml").write_text("id: wording.x\nseverity: fatal\n", encoding="utf-8")
    code, _, err = run("check", "--rules", str(tmp_path / "pack"), str(good))
    assert code == 2
    assert "x.yaml" in err


def test_fail_on_warning_widens_exit(tmp_path: Path) -> None:
    """A warning alone passes by default and fails with --fail-on warning."""
    p = tmp_path / "w.txt"
    p.write_text(CLEAN.replace("所需经费", "其它经费"), encoding="utf-8")
    code, out, _ = run("check", str(p), "--format", "json")
    findings = json.loads(out)["files"][0]["findings"]
    severities = {f["severity"] for f in findings}
    assert "warning" in severities
    assert "error" not in severities
    assert code == 0
    assert run("check", str(p), "--fail-on", "warning")[0] == 1


def test_fail_on_warning_text_says_it_fails_and_why(tmp_path: Path) -> None:
    """With --fail-on warning a draft with only warnings is 不通过 in text output, never 通过."""
    p = tmp_path / "w.txt"
    p.write_text(CLEAN.replace("所需经费", "其它经费"), encoding="utf-8")
    code, out, _ = run("check", str(p), "--fail-on", "warning")
    last = out.strip().splitlines()[-1]
    assert code == 1
    assert "不通过" in last
    assert "有警告即不通过" in last
    assert "通过（" not in last.replace("不通过（", "")
    code, out, _ = run("check", str(p), "-q", "--fail-on", "warning")
    assert "不通过" in out
    code, out, _ = run("check", str(p))
    assert code == 0
    assert "：通过（" in out


def test_stdin_text_output_is_printed() -> None:
    """`echo … | doclint check -` prints the findings and verdict in the default text format."""
    result = CliRunner().invoke(main, ["check", "-"], input="截止目前，共受理申请12件。\n")
    assert result.exit_code == 1
    assert "wording.jiezhi-jiezhi" in result.stdout
    assert "stdin.txt：退文" in result.stdout


def test_annotate_with_a_folder_is_rejected_before_checking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`doclint DIR --annotate OUT` fails at once with exit 2, checking nothing."""
    import doclint.batch

    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    called: list[object] = []
    monkeypatch.setattr(doclint.batch, "check_one", lambda *a: called.append(a))
    code, _, err = run(str(tmp_path), "--annotate", str(tmp_path / "out.docx"))
    assert code == 2
    assert "--annotate-dir" in err
    assert not called


def test_folder_walk_leaves_markdown_out_but_a_named_md_is_checked(tmp_path: Path) -> None:
    """A README.md or SOURCES.md beside the drafts is no 公文: a folder check skips it; named, it is checked."""
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "README.md").write_text("# 说明\n\n- 本文件夹存放草稿, 见 `a.txt`\n", encoding="utf-8")
    code, out, _ = run("check", str(tmp_path), "--format", "json")
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["a.txt"]
    assert code == 0
    code, out, _ = run("check", str(tmp_path / "README.md"), "--format", "json")
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["README.md"]


def test_batch_continues_past_a_corrupt_docx(tmp_path: Path) -> None:
    """One corrupt .docx is reported unreadable and the other files are still checked."""
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    with zipfile.ZipFile(tmp_path / "c.docx", "w") as zf:
        zf.writestr("hello.txt", "not word")
    (tmp_path / "~$lock.docx").write_bytes(b"lock")
    code, out, _ = run("check", str(tmp_path), "--format", "json")
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert set(files) == {"a.txt", "b.docx", "c.docx"}
    assert files["a.txt"]["verdict"] == "pass"
    for name in ("b.docx", "c.docx"):
        assert files[name]["verdict"] == "unreadable"
        assert files[name]["findings"] == []
        assert re.fullmatch(r"[a-z-]+", files[name]["error"]["code"])
        assert files[name]["error"]["message"]
    assert code == 1


def test_text_output_is_located_and_counts_from_one(tmp_path: Path) -> None:
    """Text output names the paragraph and character from 1 and marks the excerpt."""
    p = tmp_path / "t.txt"
    p.write_text(CLEAN.replace("为保障工作需要", "截止目前，为保障工作需要"), encoding="utf-8")
    code, out, _ = run("check", str(p), "--no-color")
    assert code == 1
    assert "正文 第3段 第1字  错误  wording.jiezhi-jiezhi" in out
    assert "建议：截至" in out
    assert "退文" in out


def test_rules_and_explain() -> None:
    """`doclint rules` lists every rule and `doclint explain` prints why, source and examples."""
    code, out, _ = run("rules")
    assert code == 0
    assert "wording.jiezhi-jiezhi" in out
    code, out, _ = run("explain", "wording.jiezhi-jiezhi")
    assert code == 0
    for part in ("检查什么", "为什么", "依据", "✗", "✓"):
        assert part in out
    assert run("explain", "no.such-rule")[0] == 2


def test_explain_suggests_a_close_id_and_describes_word_examples() -> None:
    """A mistyped id gets “是否指 …？”; .docx examples are described, not named by fixture."""
    code, _, err = run("explain", "wording.jiezhi-jiezi")
    assert code == 2
    assert "是否指 wording.jiezhi-jiezhi？" in err
    assert "是否指 wording.jiezhi-jiezhi？" in run("explain", "jiezhi-jiezhi")[2]
    code, out, _ = run("explain", "layout.body-font")
    assert code == 0
    assert "songti-12pt-body" not in out
    assert "Word 文件：Word 默认样式：正文为宋体小四" in out


def test_check_help_says_how_paragraphs_are_counted() -> None:
    """`doclint check --help` says text counts from 1 and JSON from 0."""
    code, out, _ = run("check", "--help")
    assert code == 0
    assert "从 1 数起" in out
    assert "从 0 数起" in out
    contract = (Path(__file__).parent.parent / "docs" / "report-contract.md").read_text(encoding="utf-8")
    assert '`第18段 第53字` for `{"paragraph": 17, "start": 52}`' in contract


def test_every_fixture_has_a_description() -> None:
    """Each .docx fixture the rules use is described in words for `explain` and docs/rules.md."""
    from doclint.rules.fixture_notes import FIXTURE_NOTES
    from fixtures import FIXTURES

    assert set(FIXTURES) == set(FIXTURE_NOTES)


def test_help_is_chinese_for_every_command_and_option() -> None:
    """`--help` of doclint and every subcommand has Chinese text for every option, no click English."""
    from doclint.cli import main as group

    def commands(cmd: object, path: list[str]) -> list[list[str]]:
        out = [path]
        for name, sub in getattr(cmd, "commands", {}).items():
            out += commands(sub, [*path, name])
        return out

    for path in commands(group, []):
        code, out, _ = run(*path, "--help")
        assert code == 0, path
        for english in ("Show this message", "Usage:", "Options:", "Commands:", "[default:", "[required]"):
            assert english not in out, (path, english)
        assert "用法：" in out and "选项：" in out
        option_lines = [line for line in out.splitlines() if line.startswith("  -")]
        for line in option_lines:
            if "  " in line.strip():  # a help text stands on the same line
                assert any("\u4e00" <= ch <= "\u9fff" for ch in line), (path, line)


def test_params_typo_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    """A typo in a named checker's params is a broken rule pack (exit 2, file:line), not a silent default."""
    good = tmp_path / "good.txt"
    good.write_text(CLEAN, encoding="utf-8")
    pack = tmp_path / "pack" / "punctuation"
    pack.mkdir(parents=True)
    (pack / "x.yaml").write_text(
        "id: punctuation.x\ncategory: punctuation\nseverity: error\nkind: checker\nchecker: quote-pairing\n"
        "params: {pairz: ['“”']}\nmessage: 引号\nwhy: 示例\nsource: {title: 示例}\n"
        "examples: {fail: ['”好“'], pass: ['“好”']}\n", encoding="utf-8")
    code, out, err = run("check", "--rules", str(tmp_path / "pack"), str(good))
    assert code == 2
    assert "x.yaml:6" in err and "pairz" in err
    assert out == ""


def test_internal_error_exits_2_with_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception is exit 2 with one Chinese line and the --debug hint; --debug shows it."""
    import doclint.batch

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("模拟的内部错误")

    good = tmp_path / "good.txt"
    good.write_text(CLEAN, encoding="utf-8")
    monkeypatch.setattr(doclint.batch, "check_many", boom)
    code, _out, err = run("check", str(good))
    assert code == 2
    assert "内部错误" in err and "--debug" in err and "Traceback" not in err
    result = CliRunner().invoke(main, ["--debug", "check", str(good)])
    assert isinstance(result.exception, RuntimeError)
    code, _, err = run("--debug", str(tmp_path / "missing.txt"))  # --debug before an implicit check
    assert code == 2 and "找不到" in err


def test_rules_and_explain_print_no_unfilled_template() -> None:
    """`doclint rules` and `doclint explain` show templates as …… and a filled example, never {name}."""
    code, out, _ = run("rules")
    assert code == 0 and "{" not in out
    for rule_id in ("number.range-unit", "element.qingshi-single-recipient", "element.attachment-note-format"):
        code, out, _ = run("explain", rule_id)
        assert code == 0 and "{" not in out.split("示例（应指出）")[0], out
    _, out, _ = run("explain", "number.range-unit")
    assert "例如：" in out and "10%～15%" in out


def test_text_output_groups_repeats_and_aligns_by_display_width(tmp_path: Path) -> None:
    """One rule's identical findings are shown once with the other places; batch tables line up."""
    p = tmp_path / "t.txt"
    body = CLEAN.replace("为保障工作需要", "截止目前，为保障工作需要。截止目前，经费已落实")
    p.write_text(body, encoding="utf-8")
    q = tmp_path / "u.txt"
    q.write_text(CLEAN, encoding="utf-8")
    code, out, _ = run("check", str(p), str(q), "--no-color")
    assert code == 1
    assert out.count("wording.jiezhi-jiezhi") == 1
    assert "同样的问题另有 1 处：第3段第" in out
    from doclint.outputs.reporters.text import width

    rows = [line for line in out.splitlines() if line.startswith("  ") and line.strip()[:2] in ("用词", "公文", "版式")]
    assert rows and len({width(r) for r in rows}) == 1, rows


def test_rules_reference_in_docs_is_current() -> None:
    """docs/rules.md is generated from the rule files (DOCLINT_REGEN=1 rewrites it); every rule has its anchor."""
    import os

    from doclint.rules.docs import reference_markdown
    from doclint.rules.loader import builtin_rules_dir, load_rules

    rules = load_rules([builtin_rules_dir()])
    text = reference_markdown(rules)
    path = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    if os.environ.get("DOCLINT_REGEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, "run DOCLINT_REGEN=1 pytest tests/test_cli.py -k reference"
    for r in rules:
        assert f'<a id="{r.id}"></a>' in text
    assert "{" not in text.split("示例")[0]


def test_default_jobs_and_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """No worker processes by default on two cores (measured slower); steady one-file chunks for the ETA."""
    from doclint import batch

    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)
    assert batch.default_jobs() == 1
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 8)
    assert batch.default_jobs() == 7
    assert batch.chunk_size(100, 2) == 1
    assert 1 <= batch.chunk_size(5000, 2) <= 4

