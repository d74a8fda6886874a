"""Named .docx fixtures that rule examples refer to with ``fixture: <name>``.

Each builder returns the bytes of a small draft built in code. ``clean-gbt9704``
is a draft laid out as GB/T 9704—2012 asks; the others change one thing.
"""

from __future__ import annotations

from collections.abc import Callable

from docx_builder import DocxBuilder, run

BODY = "仿宋_GB2312"
TITLE = "方正小标宋简体"
EXACT_29 = {"line": "580", "lineRule": "exact"}  # 29pt fixed line spacing
INDENT_2 = {"firstLineChars": "200", "firstLine": "640"}

TITLE_TEXT = "包头市财政局关于购置办公设备的请示"
BODY_TEXTS = (
    "为保障机关日常运转，我局拟购置办公设备一批，所需经费从年度部门预算中列支。",
    "一、购置内容",
    "计算机20台、打印机5台，均按政府采购有关规定执行。",
    "妥否，请批示。",
)


def gbt9704_builder() -> DocxBuilder:
    """A 请示 laid out per GB/T 9704—2012: margins, fonts, sizes, spacing, page numbers."""
    b = DocxBuilder()
    b.set_doc_defaults(east_asia=BODY, ascii="Times New Roman", size_pt=16)
    b.set_style("Normal", east_asia=BODY, size_pt=16, spacing=EXACT_29)
    b.set_margins(top=37, bottom=35, left=28, right=26)
    b.add_paragraph(run(TITLE_TEXT, east_asia=TITLE, size_pt=22), jc="center")
    b.add_paragraph(run("包头市人民政府："))
    for text in BODY_TEXTS:
        font = "黑体" if text.startswith("一、") else BODY
        b.add_paragraph(run(text, east_asia=font, size_pt=16), ind=INDENT_2, jc="both")
    b.add_paragraph(run("包头市财政局"), jc="right", ind={"right": "1280"})
    b.add_paragraph(run("2024年5月6日"), jc="right", ind={"right": "1280"})
    b.add_paragraph(run("（联系人：李明，联系电话：0472-1234567）"), ind=INDENT_2)
    b.add_page_footer(form="simple")
    return b


def clean_gbt9704() -> bytes:
    """The clean draft."""
    return gbt9704_builder().to_bytes()


def tracked_insertion() -> bytes:
    """The clean draft with one tracked insertion left in it."""
    b = gbt9704_builder()
    para = b.doc.paragraphs[2]
    b.add_tracked_insertion(para, "（已补充）")
    return b.to_bytes()


def with_comment() -> bytes:
    """The clean draft with one reviewer comment left in it."""
    b = gbt9704_builder()
    b.add_comment(b.doc.paragraphs[2], "请核实金额")
    return b.to_bytes()


def hidden_run() -> bytes:
    """The clean draft with a hidden run and a white run in the body."""
    b = gbt9704_builder()
    b.add_paragraph(run("正文", east_asia=BODY, size_pt=16), run("哒哒素材库", hidden=True),
                    run("微信cwk", color="FFFFFF"), ind=INDENT_2)
    return b.to_bytes()


def ad_metadata() -> bytes:
    """The clean draft whose core properties name a material site."""
    b = gbt9704_builder()
    b.doc.core_properties.title = "哒哒素材库-工作总结范文"
    b.doc.core_properties.author = "哒哒素材库"
    return b.to_bytes()


FIXTURES: dict[str, Callable[[], bytes]] = {
    "clean-gbt9704": clean_gbt9704,
    "tracked-insertion": tracked_insertion,
    "with-comment": with_comment,
    "hidden-run": hidden_run,
    "ad-metadata": ad_metadata,
}
