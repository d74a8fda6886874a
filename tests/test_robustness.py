"""Bad inputs never stop a batch or raise; concurrency gives the same reports; inputs are never written."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint import Linter
from doclint.cli import main
from doclint.model.budget import Limits
from docx_builder import zip_bytes
from fixtures import clean_gbt9704

LINTER = Linter()
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _bad_inputs() -> dict[str, tuple[bytes, str]]:
    """name → (bytes, expected error code)."""
    bomb_xml = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
    good = clean_gbt9704()
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(good))
    members = {n: src.read(n) for n in src.namelist()}
    members["word/document.xml"] = bomb_xml
    return {
        "corrupt.docx": (b"PK\x03\x04" + os.urandom(200), "corrupt"),
        "text-as-docx.docx": ("这是一段文字".encode(), "not-zip"),
        "notword.docx": (zip_bytes({"readme.txt": b"hello"}), "not-word"),
        "encrypted.docx": (OLE + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64, "encrypted"),
        "legacy.docx": (OLE + "WordDocument".encode("utf-16-le") + b"\x00" * 64, "legacy-doc"),
        "empty.docx": (b"", "empty"),
        "entities.docx": (zip_bytes(members), "unsafe-xml"),
        "renamed.doc": (OLE, "legacy-doc"),
        "picture.png": (b"\x89PNG\r\n\x1a\n", "unsupported"),
    }


@pytest.mark.parametrize("name", sorted(_bad_inputs()))
def test_bad_input_is_unreadable_with_code(name: str) -> None:
    """Each bad input gives verdict unreadable, a stable code and a Chinese message."""
    data, code = _bad_inputs()[name]
    report = LINTER.check_bytes(data, name)
    assert report.verdict == "unreadable"
    assert report.error is not None
    assert report.error.code == code, report.error
    assert any("\u4e00" <= ch <= "\u9fff" for ch in report.error.message)


def test_batch_of_bad_inputs_continues(tmp_path: Path) -> None:
    """A folder of bad files plus one good file: every file reported, the good one checked."""
    for name, (data, _) in _bad_inputs().items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.docx").write_bytes(clean_gbt9704())
    result = CliRunner().invoke(main, [str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["good.docx"]["verdict"] == "pass"
    assert sum(f["verdict"] == "unreadable" for f in files.values()) >= 6
    assert "Traceback" not in result.output


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    """A file over the size limit is refused with a reason before it is read into memory."""
    big = tmp_path / "big.docx"
    big.write_bytes(b"PK" + b"\x00" * 5000)
    report = Linter(limits=Limits(file_bytes=1000)).check_path(big)
    assert report.error is not None and report.error.code == "too-large"
    assert "MB" in report.error.message


def test_vanished_and_unreadable_paths(tmp_path: Path) -> None:
    """A file that disappeared, or a folder given as a file, is reported, not raised."""
    assert LINTER.check_path(tmp_path / "gone.txt").error.code == "not-found"  # type: ignore[union-attr]
    assert LINTER.check_path(tmp_path).error.code == "not-a-file"  # type: ignore[union-attr]


def _drafts() -> list[Path]:
    files = sorted(CORPUS.rglob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    return files[:40]


def test_threads_share_one_linter() -> None:
    """One Linter used by 8 threads gives the same reports as one thread."""
    files = _drafts() * 2
    serial = [LINTER.check_path(p).model_dump_json() for p in files]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda p: LINTER.check_path(p).model_dump_json(), files))
    assert threaded == serial


def test_read_only_inputs_are_never_written(tmp_path: Path) -> None:
    """Checking a read-only folder writes nothing into it and changes no file."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.docx").write_bytes(clean_gbt9704())
    for p in _drafts()[:5]:
        (folder / p.name).write_bytes(p.read_bytes())
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    for p in folder.iterdir():
        p.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = CliRunner().invoke(main, [str(folder), "--format", "json"])
        assert result.exit_code in (0, 1)
        after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
        assert after == before
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize(("member", "code"), [
    ("word/document.xml", "unsafe-xml"),
    ("word/styles.xml", "unsafe-xml"),
    ("[Content_Types].xml", "unsafe-xml"),
    ("word/_rels/document.xml.rels", "unsafe-xml"),
    ("docProps/app.xml", None),  # never parsed: nothing is declared to anyone
])
def test_dtd_is_refused_in_every_part_that_is_parsed(member: str, code: str | None) -> None:
    """A DOCTYPE is caught as each part is parsed (the prolog is scanned before libxml2 sees it)."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(clean_gbt9704()))
    members = {n: src.read(n) for n in src.namelist()}
    original = members.get(member, b'<?xml version="1.0"?><Properties/>')
    decl_end = original.find(b"?>") + 2 if original.startswith(b"<?xml") else 0
    members[member] = original[:decl_end] + b'<!DOCTYPE x [<!ENTITY e "e">]>' + original[decl_end:]
    report = LINTER.check_bytes(zip_bytes(members), "dtd.docx")
    if code is None:
        assert report.verdict != "unreadable"
    else:
        assert report.error is not None and report.error.code == code, report.error
        assert member in report.error.message


def test_a_fault_in_one_rule_costs_only_that_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """A checker that raises becomes an engine warning; the other rules still report."""
    from doclint.rules.kinds.lexicon import LexiconChecker

    def broken(self: object, ctx: object) -> None:
        raise KeyError("四五")

    monkeypatch.setattr(LexiconChecker, "check", broken)
    report = Linter().check_text("关于加强管理的请示\n市政府：\n截止目前已完成。\n妥否，请批示。")
    warnings = [f for f in report.findings if "检查本文件时出错（KeyError）" in f.message]
    assert warnings and all(f.severity.value == "info" and f.location.part == "document" for f in warnings)
    assert any("出错" not in f.message for f in report.findings)  # the rest of the rules ran


def test_a_fault_outside_the_rules_gives_an_unreadable_report_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from doclint.pipeline import engine
    def broken(*args: object) -> None:
        raise IndexError("boom")

    monkeypatch.setattr(engine, "locate", broken)
    report = Linter().check_text("关于加强管理的请示\n市政府：")
    assert report.verdict == "unreadable" and report.error is not None
    assert report.error.code == "internal-error" and "内部错误（IndexError）" in report.error.message


def test_rule_tests_see_a_rule_fault_as_an_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    """Examples run strict: a broken checker fails its rule's tests instead of passing as a warning."""
    from doclint.pipeline.examples import run_example
    from doclint.rules.kinds.lexicon import LexiconChecker
    from doclint.rules.loader import builtin_rules_dir, load_rules

    def broken(self: object, ctx: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr(LexiconChecker, "check", broken)
    rule = next(r for r in load_rules([builtin_rules_dir()]) if r.kind == "lexicon")
    with pytest.raises(KeyError):
        run_example(rule, rule.examples.fail[0])


def test_findings_come_out_in_one_order_whatever_the_set_order() -> None:
    """Findings are deduplicated through a set; ties on location and rule are broken by the rest."""
    import random

    from doclint.findings import Category, Finding, Location, Severity
    from doclint.pipeline.steps import _order

    at = Location(part="document")
    findings = [Finding(rule="residue.comments", category=Category.RESIDUE, severity=Severity.WARNING,
                        message=m, suggestion=s, location=at) for m in ("甲", "乙", "丙") for s in (None, "删去")]
    orders = set()
    for seed in range(20):
        shuffled = findings[:]
        random.Random(seed).shuffle(shuffled)
        orders.add(tuple((f.message, f.suggestion) for f in sorted(shuffled, key=_order)))
    assert len(orders) == 1


def test_masked_residue_inside_a_title_word_keeps_offsets_valid() -> None:
    """关XXX于…的批复: the placeholder is masked, and the missing-organ finding falls back to the
    whole line instead of a negative offset (found by the fuzzer)."""
    from doclint import Linter

    text = "关XXX于同意市体育局使用2024年预备费的批复\n市体育局：\n你局请示收悉。同意。\n此复。\n市人民政府\n2024年5月6日\n"
    report = Linter().check_text(text, "批复.txt")
    for f in report.findings:
        loc = f.location
        assert loc.start is None or loc.end is None or 0 <= loc.start <= loc.end, f
    assert any(f.rule == "element.title-composition" for f in report.findings)
