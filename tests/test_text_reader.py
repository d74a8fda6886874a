"""Plain-text reading: encodings office machines use, line splitting."""

from __future__ import annotations

import codecs

from doclint.model.text_reader import decode_text, read_text

TEXT = "关于购置设备的请示\n市财政局：\n截至目前，已完成80%。\n"


def test_gb18030_is_detected() -> None:
    """GB18030/GBK bytes decode to the same text."""
    doc = read_text(TEXT.encode("gb18030"))
    assert [p.text for p in doc.paragraphs] == TEXT.splitlines()


def test_gbk_is_detected() -> None:
    """GBK (a subset of GB18030) decodes too."""
    assert decode_text(TEXT.encode("gbk"))[0] == TEXT


def test_utf8_bom_and_crlf() -> None:
    """A UTF-8 BOM is dropped and CRLF line ends split like LF."""
    doc = read_text(codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert doc.paragraphs[0].text == "关于购置设备的请示"
    assert len(doc.paragraphs) == 3


def test_utf16_with_and_without_bom() -> None:
    """UTF-16 text decodes whether or not it starts with a BOM."""
    assert decode_text(TEXT.encode("utf-16"))[0] == TEXT
    assert decode_text(TEXT.encode("utf-16-le"))[0] == TEXT


def test_invalid_bytes_do_not_raise() -> None:
    """Bytes valid in no encoding become replacement characters, not an exception."""
    text, enc = decode_text(b"\xff\xfe\xfd\x81\x30" * 3 + "正文".encode())
    assert text
    assert enc


def test_blank_lines_keep_indices() -> None:
    """Empty lines are paragraphs, so indices match line numbers."""
    doc = read_text("标题\n\n正文".encode())
    assert [p.index for p in doc.paragraphs] == [0, 1, 2]
    assert doc.paragraphs[2].text == "正文"
