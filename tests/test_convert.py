""".doc, .wps, .rtf and .odt through LibreOffice when installed; else unreadable with the hint to save as .docx."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint import Linter
from doclint.cli import main
from doclint.model import convert
from doclint.model.docx_reader import read_docx
from doclint.outputs.annotate import annotate, annotated_path
from docx_builder import plain_docx

DRAFT = "关于购置办公设备的请示\n市财政局：\n截止目前，其它事项已办结。\n妥否，请批示。"
LINTER = Linter()
needs_office = pytest.mark.skipif(convert.office() is None,
                                  reason="LibreOffice 未安装（apt-get install libreoffice-writer-nogui）")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The draft as .docx, and as .doc, .odt and .rtf saved by LibreOffice (a private profile)."""
    office = convert.office()
    if office is None:
        pytest.skip("LibreOffice 未安装")
    folder = tmp_path_factory.mktemp("formats")
    source = folder / "draft.docx"
    source.write_bytes(plain_docx(DRAFT))
    out: dict[str, Path] = {"docx": source}
    for fmt in ("doc", "odt", "rtf"):
        subprocess.run([office, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(folder / "made"), str(source)],
                       check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(folder)})
        out[fmt] = folder / "made" / f"draft.{fmt}"
    return out


def _located(report: object) -> set[tuple[str, int | None, int | None, int | None]]:
    findings = getattr(report, "findings", ())
    return {(f.rule, f.location.paragraph, f.location.start, f.location.end) for f in findings
            if f.location.part == "body" and f.category.value != "layout"}


@needs_office
@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
def test_converted_drafts_are_checked_and_say_so(made: dict[str, Path], fmt: str) -> None:
    """The converted draft gets the same text findings as the .docx, and ``converted_from`` says how it was read."""
    original = LINTER.check_path(made["docx"])
    report = LINTER.check_path(made[fmt])
    assert report.verdict != "unreadable", report.error
    assert report.converted_from == fmt
    assert _located(original) and _located(report) == _located(original)
    assert report.model_dump(mode="json")["converted_from"] == fmt
    assert "converted_from" not in original.model_dump(mode="json")


@needs_office
def test_conversion_never_writes_next_to_the_draft(made: dict[str, Path], tmp_path: Path) -> None:
    """The user's folder is left exactly as it was; the bytes of the draft too."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "请示.doc"
    shutil.copy(made["doc"], draft)
    before = draft.read_bytes()
    result = CliRunner().invoke(main, ["check", "--format", "json", str(draft)])
    assert result.exit_code in (0, 1), result.output
    entry = json.loads(result.output)["files"][0]
    assert entry["converted_from"] == "doc"
    assert sorted(p.name for p in folder.iterdir()) == ["请示.doc"]
    assert draft.read_bytes() == before


@needs_office
def test_a_converted_draft_is_annotated_as_docx(made: dict[str, Path]) -> None:
    """Check and annotate agree for converted drafts too: the copy is a .docx with the comments."""
    data = made["doc"].read_bytes()
    report = LINTER.check_bytes(data, "draft.doc")
    out = annotate(data, report)
    assert read_docx(out).comments
    assert annotated_path("x/请示.doc", "y").name == "请示（批注）.docx"


@needs_office
def test_a_hung_conversion_is_stopped(made: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its time limit LibreOffice is killed and the draft is too complex, not waited for."""
    monkeypatch.setattr(convert, "TIMEOUT_SECONDS", 0.01)
    monkeypatch.setattr(convert, "MIN_SECONDS", 0.01)
    report = LINTER.check_bytes(made["doc"].read_bytes(), "draft.doc")
    assert report.error is not None and report.error.code == "too-complex"


@pytest.mark.parametrize(("name", "code"), [("a.doc", "legacy-doc"), ("a.wps", "legacy-wps"),
                                            ("a.rtf", "legacy-rtf"), ("a.odt", "legacy-odt")])
def test_without_libreoffice_the_hint_is_to_save_as_docx(monkeypatch: pytest.MonkeyPatch, name: str, code: str) -> None:
    """No soffice on PATH: unreadable, with a stable code and the Chinese hint to save as .docx."""
    monkeypatch.setattr(convert, "office", lambda: None)
    data = {"a.rtf": b"{\\rtf1 x}", "a.odt": b"PK\x03\x04"}.get(name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    report = LINTER.check_bytes(data, name)
    assert report.verdict == "unreadable"
    assert report.error is not None and report.error.code == code
    assert "另存为" in report.error.message and "LibreOffice" in report.error.message


@needs_office
def test_the_service_annotates_what_it_checks(made: dict[str, Path]) -> None:
    """/v1/check converts a .doc upload; /v1/annotate accepts the same upload and returns a .docx."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient
    from doclint.server import create_app

    data = made["doc"].read_bytes()
    with TestClient(create_app(workers=0)) as client:
        checked = client.post("/v1/check", files={"file": ("请示.doc", data)}).json()
        assert checked["converted_from"] == "doc"
        r = client.post("/v1/annotate", files={"file": ("请示.doc", data)})
    assert r.status_code == 200, r.text
    assert read_docx(r.content).comments
