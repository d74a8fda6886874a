"""``check`` and ``annotate`` share one reading: a file gets both a verdict and an annotated copy, or neither."""

from __future__ import annotations

import io
import warnings
import zipfile
from typing import Any

import pytest

import hostile
from doclint import Linter
from doclint.errors import UnreadableDocument
from doclint.model.docx_reader import read_docx
from doclint.outputs.annotate import annotate
from docx_builder import plain_docx

LINTER = Linter()
DRAFT = "关于购置办公设备的请示\n市财政局：\n截止目前，其它事项XXX已办结。\n妥否，请批示。"
BROKEN_STYLE = b'<w:style w:type="paragraph" w:styleId="Broken"><w:name w:val="a&b"/></w:style>'


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _with(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _variants() -> dict[str, bytes]:
    base = _members(plain_docx(DRAFT))
    out: dict[str, bytes] = {"clean": _with(base)}
    styles = base["word/styles.xml"]
    out["unused-style-broken"] = _with({**base, "word/styles.xml": styles.replace(b"</w:styles>", BROKEN_STYLE + b"</w:styles>")})
    out["styles-not-xml"] = _with({**base, "word/styles.xml": b"<w:styles><oops"})
    numbering = base.get("word/numbering.xml", b"<w:numbering/>")
    out["numbering-not-xml"] = _with({**base, "word/numbering.xml": numbering[: len(numbering) // 2]})
    out["numbering-dtd"] = _with({**base, "word/numbering.xml": b'<!DOCTYPE x [<!ENTITY e "e">]>' + numbering})
    out["settings-not-xml"] = _with({**base, "word/settings.xml": b"<w:settings"})
    out["image-crc-bad"] = hostile.write_zip([hostile.Member(n, d) for n, d in base.items()]
                                             + [hostile.Member("word/media/image1.png", raw=hostile.deflate(b"\x89PNG" * 50),
                                                               crc=1, size=200)])
    out["document-not-xml"] = _with({**base, "word/document.xml": b"<w:document><w:body>"})
    return out


VARIANTS = _variants()


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_check_and_annotate_agree(name: str) -> None:
    """Whatever is broken, annotate succeeds exactly when check gives a verdict, and the copy reads back."""
    data = VARIANTS[name]
    report = LINTER.check_bytes(data, f"{name}.docx")
    if report.verdict == "unreadable":
        with pytest.raises(UnreadableDocument):
            annotate(data, report)
        return
    out = annotate(data, report)
    assert read_docx(out).comments, name  # the findings are there as comments
    again = LINTER.check_bytes(out, "again.docx")
    assert again.verdict == report.verdict


def test_a_broken_unused_style_and_numbering_get_both() -> None:
    """The cases of the issue: a malformed styles.xml (unused style) or numbering.xml still gets its copy."""
    for name in ("unused-style-broken", "numbering-not-xml", "image-crc-bad"):
        report = LINTER.check_bytes(VARIANTS[name], "x.docx")
        assert report.verdict != "unreadable", (name, report.error)
        assert LINTER.annotate(VARIANTS[name], "x.docx", report).startswith(b"PK")


def test_members_not_rewritten_are_copied_as_stored() -> None:
    """Only the main part, comments (and their rule links' relationships), relationships and content
    types change; the rest is byte-identical."""
    data = VARIANTS["image-crc-bad"]
    out = annotate(data, LINTER.check_bytes(data, "x.docx"))
    before, after = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(out))
    changed = {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml", "word/comments.xml"}
    for info in before.infolist():
        if info.filename in changed:
            continue
        twin = after.getinfo(info.filename)
        assert (twin.CRC, twin.compress_size, twin.file_size) == (info.CRC, info.compress_size, info.file_size)
    assert set(after.namelist()) == set(before.namelist()) | {"word/comments.xml", "word/_rels/comments.xml.rels"}


def test_the_service_annotates_what_it_checks() -> None:
    """/v1/annotate answers 200 for every file /v1/check gives a verdict, 422 for the others."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient
    from doclint.server import create_app

    client: Any
    with TestClient(create_app()) as client:
        for name, data in VARIANTS.items():
            checked = client.post("/v1/check", files={"file": (f"{name}.docx", data)})
            annotated = client.post("/v1/annotate", files={"file": (f"{name}.docx", data)})
            unreadable = checked.json()["verdict"] == "unreadable"
            assert annotated.status_code == (422 if unreadable else 200), (name, annotated.text[:200])


def test_no_copy_for_a_file_check_could_not_finish() -> None:
    """A readable draft whose check ran out of budget (too-complex) gets no annotated copy either."""
    from doclint.model import budget as budgets

    data = VARIANTS["clean"]
    report = Linter(limits=budgets.Limits(seconds=0.0)).check_bytes(data, "slow.docx")
    assert report.error is not None and report.error.code == "too-complex"
    with pytest.raises(UnreadableDocument) as err:
        annotate(data, report)
    assert err.value.code == "too-complex"
