"""Reading within a budget: hostile files answered quickly and in little memory, CLI and library alike."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest

import hostile
from doclint import Linter
from doclint._cache.memo import Memo
from doclint.errors import UnreadableDocument
from doclint.model import budget as budgets
from doclint.model import package as opc
from doclint.model.docx_reader import read_docx

ROOT = Path(__file__).resolve().parent.parent
CPU_SECONDS = 2.0
RSS_MB = 300

# A small launcher runs the measured process and reads its CPU time and peak memory with
# resource.getrusage(RUSAGE_CHILDREN). (Linux carries a forked parent's peak RSS across exec, so
# the measured process must be forked from the small launcher, not from this large test process.)
_LAUNCHER = """
import json, resource, subprocess, sys
out = subprocess.run([sys.executable, *sys.argv[1:]], capture_output=True, text=True, check=False)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"stdout": out.stdout, "stderr": out.stderr[-2000:], "exit": out.returncode,
                  "cpu": u.ru_utime + u.ru_stime, "rss_mb": u.ru_maxrss / 1024}))
"""
_LIBRARY = """
import json, sys
from doclint import Linter
report = Linter().check_bytes(open(sys.argv[1], "rb").read(), sys.argv[1])
print(json.dumps({"files": [report.model_dump(mode="json")]}))
"""
_CLI = "from doclint.cli import main; main()"
# The service in this process (threads, as ``create_app(workers=0)``), the file uploaded to /v1/check: the
# request's own CPU time is measured (starting the app is not the file's cost), the peak RSS is the whole
# process's, app included.
_SERVICE = """
import json, resource, sys, warnings
warnings.filterwarnings("ignore")
from fastapi.testclient import TestClient
from doclint.server import create_app
data = open(sys.argv[1], "rb").read()
with TestClient(create_app()) as client:
    before = resource.getrusage(resource.RUSAGE_SELF)
    r = client.post("/v1/check", files={"file": (sys.argv[1], data, "application/octet-stream")})
    after = resource.getrusage(resource.RUSAGE_SELF)
cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
print(json.dumps({"files": [r.json()], "request_cpu": cpu}))
"""
_FOUR_AT_ONCE = """
import json, sys
from concurrent.futures import ThreadPoolExecutor
from doclint import Linter
linter = Linter()
data = open(sys.argv[1], "rb").read()
with ThreadPoolExecutor(4) as pool:
    reports = list(pool.map(lambda _: linter.check_bytes(data, sys.argv[1]), range(4)))
print(json.dumps({"files": [r.model_dump(mode="json") for r in reports]}))
"""


def _env(folder: Path) -> dict[str, str]:
    import os

    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "HOME": str(folder)}
    if "DOCLINT_CACHE_DIR" in os.environ:
        env["DOCLINT_CACHE_DIR"] = os.environ["DOCLINT_CACHE_DIR"]
    return env


def _measure(via: str, path: Path) -> dict[str, object]:
    env = _env(path.parent)
    script = {"library": _LIBRARY, "threads": _FOUR_AT_ONCE, "service": _SERVICE}.get(via)
    args = ["-c", script, str(path)] if script else ["-c", _CLI, "check", "--format", "json", str(path)]
    out = subprocess.run([sys.executable, "-c", _LAUNCHER, *args], capture_output=True, text=True, env=env,
                         timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    measured = json.loads(out.stdout)
    printed = json.loads(measured["stdout"])
    entry = printed["files"][0]
    return {"verdict": entry["verdict"], "code": (entry["error"] or {}).get("code"), "exit": measured["exit"],
            "cpu": printed.get("request_cpu", measured["cpu"]), "rss_mb": measured["rss_mb"],
            "stderr": measured["stderr"]}


HOSTILE_CASES = [
    ("lying-directory.docx", "zip-bomb"),  # directory says 9 MB, the member holds 1 GB
    ("many-large-headers.docx", "too-complex"),  # 19 headers of 9.9 MB each
    ("many-findings.docx", "too-complex"),  # ~80 KB inflating to just under 10 MB of faulty paragraphs
    ("utf32-dtd.docx", "unsafe-xml"),  # UTF-32 document.xml with a DOCTYPE and entities
]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, _ in HOSTILE_CASES:
        (folder / name).write_bytes(hostile.HOSTILE[name]())
    # The bounds are for answering a hostile file, not for the one-time packing of the word lexicon
    # into the cache (a first run on a fresh machine): warm the cache the measured runs will use.
    warm = "from doclint import Linter; Linter().check_text('关于开展工作的通知\\n各单位：\\n往返时间较长。\\n')"
    subprocess.run([sys.executable, "-c", warm], env=_env(folder), check=True, capture_output=True, timeout=300)
    return folder


@pytest.mark.parametrize("via", ["library", "cli", "service"])
@pytest.mark.parametrize(("name", "code"), HOSTILE_CASES)
def test_hostile_files_are_answered_within_bounds(hostile_dir: Path, name: str, code: str, via: str) -> None:
    """Each hostile file is unreadable with its code, in < 2 s of CPU and < 300 MB, via the library, the CLI
    and the service's /v1/check."""
    if via == "service":
        pytest.importorskip("fastapi")
    result = _measure(via, hostile_dir / name)
    assert result["verdict"] == "unreadable"
    assert result["code"] == code
    if via == "cli":
        assert result["exit"] == 1
    assert float(str(result["cpu"])) < CPU_SECONDS, result
    assert float(str(result["rss_mb"])) < RSS_MB, result


def test_four_hostile_files_at_once_stay_within_bounds(hostile_dir: Path) -> None:
    """Four threads of one Linter (as the service runs them) on 19 headers of 9.9 MB each: < 300 MB together."""
    result = _measure("threads", hostile_dir / "many-large-headers.docx")
    assert result["code"] == "too-complex"
    assert float(str(result["rss_mb"])) < RSS_MB, result
    assert float(str(result["cpu"])) < 2 * CPU_SECONDS, result


def test_inflation_never_produces_more_than_the_limit() -> None:
    """Inflating stops one byte past the limit, whatever the stream holds."""
    raw = hostile.deflate(b"A" * (4 * 1024 * 1024))
    with pytest.raises(opc.PartTooLarge):
        opc.inflate(raw, 8, 1024 * 1024)
    assert opc.inflate(raw, 8, 4 * 1024 * 1024) == b"A" * (4 * 1024 * 1024)
    with pytest.raises(opc.BadMember):
        opc.inflate(raw[: len(raw) // 2], 8, 8 * 1024 * 1024)  # truncated


def test_a_member_larger_than_its_directory_says_is_a_zip_bomb() -> None:
    """A member that holds more than its directory entry claims is refused before inflating the rest."""
    body = hostile.document_xml(hostile.paragraph("正文") * 20000)
    member = hostile.Member("word/document.xml", raw=hostile.deflate(body), crc=zlib.crc32(body), size=len(body) // 2)
    with pytest.raises(UnreadableDocument) as err:
        read_docx(hostile.docx(member))
    assert err.value.code == "zip-bomb"


def test_a_member_smaller_than_claimed_or_with_a_wrong_crc_is_corrupt() -> None:
    """Size and CRC are checked against what was actually inflated."""
    body = hostile.document_xml(hostile.paragraph("正文"))
    for member in (hostile.Member("word/document.xml", raw=hostile.deflate(body), crc=zlib.crc32(body), size=len(body) + 5),
                   hostile.Member("word/document.xml", raw=hostile.deflate(body), crc=zlib.crc32(body) ^ 1, size=len(body))):
        with pytest.raises(UnreadableDocument) as err:
            read_docx(hostile.docx(member))
        assert err.value.code == "corrupt"


def test_the_package_limit_counts_actual_bytes_of_all_parts() -> None:
    """Parts each under the per-part limit are refused together beyond the package limit."""
    data = hostile.many_large_headers(count=4, size=300_000)
    limits = budgets.Limits(part_bytes=400_000, package_bytes=1_000_000, tags=10**9, paragraphs=10**9,
                            characters=10**9)
    report = Linter(limits=limits).check_bytes(data, "headers.docx")
    assert report.error is not None and report.error.code == "too-large", report.error
    assert "合计" in report.error.message
    report = Linter(limits=budgets.Limits(part_bytes=200_000)).check_bytes(data, "headers.docx")
    assert report.error is not None and report.error.code == "too-large" and "header0.xml" in report.error.message


def test_paragraph_and_character_limits() -> None:
    """Too many paragraphs or characters in the parts parsed make a file too complex, not slow."""
    data = hostile.docx(hostile.document_xml(hostile.paragraph("正文内容。") * 300))
    assert Linter().check_bytes(data, "ok.docx").verdict != "unreadable"
    for limits, what in ((budgets.Limits(paragraphs=100), "段落"), (budgets.Limits(characters=1000), "文字"),
                         (budgets.Limits(tags=500), "标记")):
        report = Linter(limits=limits).check_bytes(data, "big.docx")
        assert report.error is not None and report.error.code == "too-complex" and what in report.error.message


def test_the_wall_clock_budget_gives_too_complex() -> None:
    """A document that takes longer than its budget is unreadable with code too-complex."""
    data = hostile.docx(hostile.document_xml(hostile.paragraph("截止目前，已完成。") * 50))
    report = Linter(limits=budgets.Limits(seconds=0.0)).check_bytes(data, "slow.docx")
    assert report.verdict == "unreadable"
    assert report.error is not None and report.error.code == "too-complex" and "秒" in report.error.message
    assert Linter(limits=budgets.Limits(seconds=0.0)).check_text("截止目前。").error is not None


def test_findings_are_capped_per_rule_and_per_document() -> None:
    """Beyond the caps the report says it stopped counting: one info finding per capped rule and ``capped``."""
    data = hostile.docx(hostile.document_xml(hostile.paragraph("截止目前XXX，其它××事项。") * 40))
    full = Linter().check_bytes(data, "many.docx")
    assert full.capped is None and "capped" not in full.model_dump(mode="json")
    limits = budgets.Limits(findings_per_rule=10, findings_per_document=25)
    report = Linter(limits=limits).check_bytes(data, "many.docx")
    assert report.capped is not None and report.capped.document
    assert report.capped.findings_per_rule == 10 and report.capped.findings_per_document == 25
    assert report.capped.rules
    for rule in report.capped.rules:
        located = [f for f in report.findings if f.rule == rule and f.location.part != "document"]
        notes = [f for f in report.findings if f.rule == rule and f.location.part == "document"]
        assert len(located) <= 10
        assert len(notes) == 1 and notes[0].severity.value == "info" and "不再计数" in notes[0].message
    assert len(report.findings) <= 25 + len(report.capped.rules)
    dumped = report.model_dump(mode="json")
    assert dumped["capped"] == {"findings_per_rule": 10, "findings_per_document": 25,
                                "rules": list(report.capped.rules), "document": True}


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-8", "utf-8-sig"])
def test_dtds_are_refused_in_any_encoding(encoding: str) -> None:
    """A DOCTYPE with entities is refused as unsafe-xml however document.xml is encoded, BOM or not."""
    report = Linter().check_bytes(hostile.dtd_document(encoding), "dtd.docx")
    assert report.error is not None and report.error.code == "unsafe-xml", (encoding, report.error)


def test_the_parser_itself_refuses_what_the_prolog_scan_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the prolog scan switched off, what the parser saw (a DTD, entity nodes) still refuses the part."""
    monkeypatch.setattr(opc, "_scan_prolog", lambda buf, complete: False)
    for encoding in ("utf-32", "utf-16", "utf-8"):
        with pytest.raises(UnreadableDocument) as err:
            read_docx(hostile.dtd_document(encoding))
        assert err.value.code == "unsafe-xml"


def test_memo_is_bounded_content_keyed_and_thread_safe() -> None:
    """The one cache policy: keyed by content, bounded in count and bytes, safe across threads."""
    memo: Memo[bytes] = Memo("test", max_items=3, max_bytes=1000, size=len)
    calls: list[bytes] = []

    def make(blob: bytes) -> bytes:
        calls.append(blob)
        return blob.upper()

    assert memo.get(b"abc", lambda: make(b"abc")) == b"ABC"
    assert memo.get(bytearray(b"abc").decode().encode(), lambda: make(b"abc")) == b"ABC"
    assert calls == [b"abc"]
    for i in range(10):
        memo.get(b"x%d" % i, lambda i=i: make(b"x%d" % i))  # type: ignore[misc]
    assert len(memo) == 3
    memo.get(b"y" * 500, lambda: b"y" * 500)  # larger than a tenth of the bytes: not kept
    assert len(memo) == 3 and memo.held_bytes <= 1000
    assert memo.get(b"abc", lambda: b"other", extra="lang") == b"other"  # extra is part of the key

    def hammer(n: int) -> None:
        for k in range(200):
            assert memo.get(b"%d" % (k % 7), lambda k=k: b"%d" % (k % 7)) == b"%d" % (k % 7)  # type: ignore[misc]

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(memo) <= 3 and memo.held_bytes <= 1000
