"""Named .docx fixtures that rule examples refer to with ``fixture: <name>``.

Each builder returns the bytes of a small draft built in code. ``clean-gbt9704``
is a draft laid out as GB/T 9704—2012 asks; the others change one thing. Layout
fixtures cover the tricky correct forms too: fonts from the theme (minorEastAsia),
fonts set only in ``w:eastAsia``, a wrong Normal style overridden on every run,
gutters, a document grid instead of fixed spacing, complex and content-control
page-number fields.

Paragraphs of the clean draft: 0 title, 1 主送机关, 2 body, 3 heading 一、, 4 body,
5 body (closing), 6 署名, 7 成文日期, 8 附注.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from docx_builder import DocxBuilder, RunSpec, run, set_ppr, set_rpr

BODY = "仿宋_GB2312"
TITLE = "方正小标宋简体"
EXACT_29 = {"line": "580", "lineRule": "exact"}  # 29pt fixed line spacing
INDENT_2 = {"firstLineChars": "200", "firstLine": "640"}
RIGHT_4 = {"right": "1280"}  # 4 characters of 16pt

TITLE_TEXT = "包头市财政局关于购置办公设备的请示"
BODY_TEXTS = (
    "为保障机关日常运转，我局拟购置办公设备一批，所需经费从年度部门预算中列支。",
    "一、购置内容",
    "计算机20台、打印机5台，均按政府采购有关规定执行。",
    "妥否，请批示。",
)
BODY_RUN: dict[str, Any] = {"east_asia": BODY, "size_pt": 16}


def gbt9704_builder(*, normal: dict[str, Any] | None = None, body: dict[str, Any] | None = None,
                    plain: dict[str, Any] | None = None, title: dict[str, Any] | None = None,
                    title_jc: str | None = "center", heading: dict[str, Any] | None = None,
                    ind: dict[str, str] | None = INDENT_2, footer: str | None = "evenodd",
                    margins: dict[str, Any] | None = None) -> DocxBuilder:
    """A 请示 laid out per GB/T 9704—2012: margins, fonts, sizes, spacing, page numbers.

    The keywords change one aspect: ``normal`` the Normal style's properties, ``body``
    the direct run properties of body paragraphs, ``plain`` those of 主送机关/署名/日期/附注
    (empty: they inherit Normal), ``title``/``heading`` those of the title and the 一、 heading,
    ``footer`` "evenodd" (odd right, even left), "single" (one right-aligned footer) or None.
    """
    b = DocxBuilder()
    b.set_doc_defaults(east_asia=BODY, ascii="Times New Roman", size_pt=16)
    b.set_style("Normal", **(normal if normal is not None else {"east_asia": BODY, "size_pt": 16, "spacing": EXACT_29}))
    b.set_margins(page=(210, 297))  # python-docx's template is US Letter
    b.set_margins(**(margins or {"top": 37, "bottom": 35, "left": 28, "right": 26}))
    body_run = body if body is not None else BODY_RUN
    plain_run = plain or {}
    b.add_paragraph(run(TITLE_TEXT, **(title if title is not None else {"east_asia": TITLE, "size_pt": 22})), jc=title_jc)
    b.add_paragraph(run("包头市人民政府：", **plain_run))
    for text in BODY_TEXTS:
        props = dict(body_run)
        if text.startswith("一、"):
            props.update(heading if heading is not None else {"east_asia": "黑体"})
        b.add_paragraph(run(text, **props), ind=ind, jc="both")
    b.add_paragraph(run("包头市财政局", **plain_run), jc="right", ind=RIGHT_4)
    b.add_paragraph(run("2024年5月6日", **plain_run), jc="right", ind=RIGHT_4)
    b.add_paragraph(run("（联系人：李明，联系电话：0472-1234567）", **plain_run), ind=INDENT_2)
    if footer == "evenodd":
        page_footer(b, kind="default", jc="right", ind={"rightChars": "100", "right": "280"})
        page_footer(b, kind="even", jc="left", ind={"leftChars": "100", "left": "280"})
    elif footer == "single":
        page_footer(b, kind="default", jc="right", ind={"rightChars": "100", "right": "280"})
    return b


def page_footer(b: DocxBuilder, *, kind: str = "default", jc: str | None = "right", ind: dict[str, str] | None = None,
                font: str = "宋体", size_pt: float = 14, **kw: Any) -> Any:
    """A ``— N —`` footer in 4号宋体 (``kw`` goes to ``add_page_footer``: form, before, after …)."""
    hf = b.add_page_footer(kind=kind, **kw)
    p = hf.paragraphs[0]._p
    set_ppr(p.get_or_add_pPr(), jc=jc, ind=ind)
    for r in p.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            r.insert(0, rpr)
        set_rpr(rpr, east_asia=font, ascii=font, size_pt=size_pt)
    return hf


def _bytes(b: DocxBuilder) -> bytes:
    return b.to_bytes()


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


# -- layout: fonts and sizes ---------------------------------------------------------------------


def songti_12pt_body() -> bytes:
    """Word's habit: Normal is 宋体 小四 and nothing overrides it in the body (one style finding)."""
    return _bytes(gbt9704_builder(normal={"east_asia": "宋体", "size_pt": 12, "spacing": EXACT_29}, body={}))


def normal_wrong_runs_right() -> bytes:
    """Normal is 宋体 小四, but every run sets 仿宋_GB2312 三号 itself: Word shows the right fonts."""
    return _bytes(gbt9704_builder(normal={"east_asia": "宋体", "ascii": "Calibri", "size_pt": 12, "spacing": EXACT_29},
                                  plain=BODY_RUN))


def theme_minor_eastasia_fangsong() -> bytes:
    """No font names anywhere: docDefaults use minorEastAsia, and the theme's Hans font is 仿宋."""
    b = DocxBuilder()
    b.set_theme_fonts(minor_hans="仿宋", minor_ea="仿宋")
    b.set_doc_defaults(east_asia_theme="minorEastAsia", size_pt=16)
    b.set_style("Normal", spacing=EXACT_29)
    b.set_margins(top=37, bottom=35, left=28, right=26, page=(210, 297))
    b.add_paragraph(run(TITLE_TEXT, east_asia=TITLE, size_pt=22), jc="center")
    b.add_paragraph("包头市人民政府：")
    for text in BODY_TEXTS:
        props = {"east_asia": "黑体"} if text.startswith("一、") else {}
        b.add_paragraph(run(text, **props), ind=INDENT_2, jc="both")
    b.add_paragraph("包头市财政局", jc="right", ind=RIGHT_4)
    b.add_paragraph("2024年5月6日", jc="right", ind=RIGHT_4)
    page_footer(b, kind="default", ind={"rightChars": "100"})
    page_footer(b, kind="even", jc="left", ind={"leftChars": "100"})
    return b.to_bytes()


def eastasia_only_font() -> bytes:
    """Defaults are Calibri/宋体 11pt; body runs set only w:eastAsia and w:sz (half-points, 32 = 三号)."""
    b = gbt9704_builder(normal={"spacing": EXACT_29}, body={"east_asia": BODY, "size_pt": 16},
                        plain={"east_asia": BODY, "size_pt": 16})
    b.set_doc_defaults(east_asia="宋体", ascii="Calibri", size_pt=11)
    return b.to_bytes()


def xiaosan_body() -> bytes:
    """Body runs in 仿宋 but 小三 (w:sz 30 = 15pt) instead of 三号."""
    return _bytes(gbt9704_builder(body={"east_asia": BODY, "size_pt": 15}))


def songti_run_in_body() -> bytes:
    """One run of the first body paragraph (offsets 3–7, “机关日常”) is 宋体 amid 仿宋."""
    b = gbt9704_builder()
    p = b.doc.paragraphs[2]._p
    for r in list(p.iter(qn("w:r"))):
        p.remove(r)
    text = BODY_TEXTS[0]
    from docx_builder import _run_element

    for piece, font in ((text[:3], BODY), (text[3:7], "宋体"), (text[7:], BODY)):
        p.append(_run_element(RunSpec(piece, east_asia=font, size_pt=16)))
    return b.to_bytes()


def title_not_centred() -> bytes:
    """The title is left-aligned (right font and size)."""
    return _bytes(gbt9704_builder(title_jc=None))


def title_huawen_zhongsong() -> bytes:
    """The title in 华文中宋 二号, the usual stand-in when 小标宋 is not installed."""
    return _bytes(gbt9704_builder(title={"east_asia": "华文中宋", "size_pt": 22}))


def title_songti_bold_18pt() -> bytes:
    """The title in 宋体 bold 小二: wrong size as well as a stand-in font."""
    return _bytes(gbt9704_builder(title={"east_asia": "宋体", "size_pt": 18, "bold": True}))


def heading_in_kaiti_level1() -> bytes:
    """The 一、 heading in 楷体 (the second level's font)."""
    return _bytes(gbt9704_builder(heading={"east_asia": "楷体_GB2312"}))


def heading_bold_and_run_in() -> bytes:
    """A bold 黑体 一、 heading and a run-in （一） heading: 楷体 up to the 。, 仿宋 after it."""
    b = gbt9704_builder(heading={"east_asia": "黑体", "bold": True})
    b.add_paragraph(run("（一）强化组织领导。", east_asia="楷体_GB2312", size_pt=16),
                    run("成立工作专班，明确责任分工。", east_asia=BODY, size_pt=16), ind=INDENT_2, jc="both")
    _move_last_before(b, 5)
    return b.to_bytes()


def numbered_heading_style() -> bytes:
    """A level-1 heading whose “一、” comes from Word's list numbering (Heading 1 with numPr), in 黑体."""
    b = gbt9704_builder()
    b.set_style("Heading1", name="heading 1", based_on="Normal", outline=0, east_asia="黑体")
    ppr = b.style("Heading1").find(qn("w:pPr"))
    num_pr = OxmlElement("w:numPr")
    num_pr.append(OxmlElement("w:ilvl", attrs={qn("w:val"): "0"}))
    num_pr.append(OxmlElement("w:numId", attrs={qn("w:val"): "1"}))
    ppr.insert(0, num_pr)
    b.add_paragraph("加强组织领导", style="Heading1")
    _move_last_before(b, 5)
    return b.to_bytes()


def _move_last_before(b: DocxBuilder, index: int) -> None:
    """Move the last body paragraph so that it becomes paragraph ``index``."""
    body = b.doc.element.body
    paras = body.findall(qn("w:p"))
    last = paras[-1]
    body.remove(last)
    paras[index].addprevious(last)


def with_banji() -> bytes:
    """The clean draft with a 版记 (抄送, 印发) in 4号仿宋."""
    b = gbt9704_builder()
    b.add_paragraph(run("抄送：市审计局。", east_asia=BODY, size_pt=14), ind={"left": "280", "right": "280"})
    b.add_paragraph(run("包头市财政局办公室　　　　　　　　2024年5月6日印发", east_asia=BODY, size_pt=14),
                    ind={"left": "280", "right": "280"})
    return b.to_bytes()


def banji_sanhao() -> bytes:
    """A 版记 in 三号 (16pt) instead of 四号."""
    b = gbt9704_builder()
    b.add_paragraph(run("抄送：市审计局。", east_asia=BODY, size_pt=16))
    b.add_paragraph(run("包头市财政局办公室　　　　2024年5月6日印发", east_asia=BODY, size_pt=16))
    return b.to_bytes()


# -- layout: page ------------------------------------------------------------------------------


def word_default_margins() -> bytes:
    """Word's default margins: 25.4 mm top and bottom, 31.8 mm left and right."""
    return _bytes(gbt9704_builder(margins={"top": 25.4, "bottom": 25.4, "left": 31.8, "right": 31.8}))


def gutter_margins() -> bytes:
    """Left margin 23 mm plus a 5 mm gutter: the 订口 is still 28 mm."""
    return _bytes(gbt9704_builder(margins={"top": 37, "bottom": 35, "left": 23, "right": 26, "gutter": 5}))


def second_section_margins() -> bytes:
    """Section 1 follows GB/T 9704; a second section added later has Word's default margins."""
    b = gbt9704_builder()
    b.doc.add_section()
    b.set_margins(top=25.4, bottom=25.4, left=31.8, right=31.8, section=1)
    b.add_paragraph(run("附件", east_asia="黑体", size_pt=16))
    return b.to_bytes()


def letter_paper() -> bytes:
    """US Letter paper (215.9 × 279.4 mm)."""
    return _bytes(gbt9704_builder(margins={"top": 37, "bottom": 35, "left": 28, "right": 26,
                                           "page": (215.9, 279.4)}))


def landscape_table_section() -> bytes:
    """A second section in A4 landscape for a wide table (allowed, GB/T 9704—2012 8)."""
    from docx.enum.section import WD_ORIENT

    b = gbt9704_builder()
    sec = b.doc.add_section()
    sec.orientation = WD_ORIENT.LANDSCAPE
    b.set_margins(page=(297, 210), top=28, bottom=26, left=37, right=35, section=1)
    b.add_paragraph(run("附件", east_asia="黑体", size_pt=16))
    return b.to_bytes()


# -- layout: lines -------------------------------------------------------------------------------


def single_spacing() -> bytes:
    """Normal with single line spacing and no document grid."""
    return _bytes(gbt9704_builder(normal={"east_asia": BODY, "size_pt": 16, "spacing": {"line": "240", "lineRule": "auto"}}))


def one_half_spacing_direct() -> bytes:
    """Body paragraphs set 1.5 line spacing themselves (Normal is right)."""
    b = gbt9704_builder()
    for p in b.doc.paragraphs[2:6]:
        set_ppr(p._p.get_or_add_pPr(), spacing={"line": "360", "lineRule": "auto"})
    return b.to_bytes()


def grid_single_spacing() -> bytes:
    """Single spacing with a line grid of 28.95 pt (579 twips) and 28 characters: 22 × 28."""
    b = gbt9704_builder(normal={"east_asia": BODY, "size_pt": 16, "spacing": {"line": "240", "lineRule": "auto"}})
    b.set_doc_grid(type="linesAndChars", line_pitch=579, char_space=-849)
    return b.to_bytes()


def wps_default_grid_single() -> bytes:
    """Single spacing on the default 15.6 pt line grid: a 三号 line takes two cells (31.2 pt, 20 lines)."""
    b = gbt9704_builder(normal={"east_asia": BODY, "size_pt": 16, "spacing": {"line": "240", "lineRule": "auto"}})
    b.set_doc_grid(type="lines", line_pitch=312)
    return b.to_bytes()


def exact_32pt() -> bytes:
    """Fixed 32 pt spacing: 19 lines per page (fine under a local 28–33 pt profile)."""
    return _bytes(gbt9704_builder(normal={"east_asia": BODY, "size_pt": 16, "spacing": {"line": "640", "lineRule": "exact"}}))


def grid_26_chars() -> bytes:
    """A character grid with 26 characters per line."""
    b = gbt9704_builder()
    b.set_doc_grid(type="linesAndChars", line_pitch=579, char_space=4000)
    return b.to_bytes()


# -- layout: paragraphs and colour -----------------------------------------------------------------


def no_first_line_indent() -> bytes:
    """Body paragraphs without a first-line indent (flush left)."""
    return _bytes(gbt9704_builder(ind=None))


def spaces_for_indent() -> bytes:
    """The first body paragraph starts with four ASCII spaces instead of an indent."""
    b = gbt9704_builder()
    p = b.doc.paragraphs[2]
    ind = p._p.pPr.find(qn("w:ind"))
    p._p.pPr.remove(ind)
    first = p._p.find(qn("w:r"))
    first.find(qn("w:t")).text = "    " + BODY_TEXTS[0]
    first.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return b.to_bytes()


def indent_twips_only() -> bytes:
    """First-line indent given only in twips (640 = 2 characters of 16pt), no *Chars attribute."""
    return _bytes(gbt9704_builder(ind={"firstLine": "640"}))


def indent_in_normal_style() -> bytes:
    """The indent comes from the Normal style; 主送机关 and 署名 override it."""
    b = gbt9704_builder(normal={"east_asia": BODY, "size_pt": 16, "spacing": EXACT_29, "ind": INDENT_2}, ind=None)
    for i in (0, 1, 6, 7):
        set_ppr(b.doc.paragraphs[i]._p.get_or_add_pPr(), ind={"firstLineChars": "0", "firstLine": "0"})
    return b.to_bytes()


def recipient_indented() -> bytes:
    """The 主送机关 line has a two-character first-line indent."""
    b = gbt9704_builder()
    set_ppr(b.doc.paragraphs[1]._p.get_or_add_pPr(), ind=INDENT_2)
    return b.to_bytes()


def blue_body_text() -> bytes:
    """A stretch of the first body paragraph (“所需经费”) is blue, e.g. pasted from a web page."""
    b = gbt9704_builder()
    p = b.doc.paragraphs[2]._p
    for r in list(p.iter(qn("w:r"))):
        p.remove(r)
    from docx_builder import _run_element

    text = BODY_TEXTS[0]
    cut = text.index("所需经费")
    for piece, color in ((text[:cut], None), (text[cut:cut + 4], "0000FF"), (text[cut + 4:], None)):
        p.append(_run_element(RunSpec(piece, east_asia=BODY, size_pt=16, color=color)))
    return b.to_bytes()


def near_black_text() -> bytes:
    """Body text in explicit black (000000) and Word's “black, lighter 5%” (0D0D0D)."""
    b = gbt9704_builder(body={"east_asia": BODY, "size_pt": 16, "color": "0D0D0D"}, plain={"color": "000000"})
    return b.to_bytes()


def date_flush_right() -> bytes:
    """署名 and 成文日期 right-aligned with no right indent (the date touches the margin)."""
    b = gbt9704_builder()
    for i in (6, 7):
        set_ppr(b.doc.paragraphs[i]._p.get_or_add_pPr(), ind={"right": "0"})
    return b.to_bytes()


def date_by_spaces() -> bytes:
    """署名 and 成文日期 placed with leading full-width spaces (left-aligned), ending four characters short."""
    b = gbt9704_builder()
    for i, text in ((6, "包头市财政局"), (7, "2024年5月6日")):
        p = b.doc.paragraphs[i]._p
        set_ppr(p.get_or_add_pPr(), jc="left", ind={"right": "0"})
        t = p.find(qn("w:r")).find(qn("w:t"))
        lead = 18 if i == 6 else 19
        t.text = "\u3000" * lead + text
    return b.to_bytes()


# -- layout: page numbers --------------------------------------------------------------------------


def no_page_number() -> bytes:
    """No footer at all."""
    return _bytes(gbt9704_builder(footer=None))


def ascii_hyphen_page_number() -> bytes:
    """Page numbers written ``-1-`` with ASCII hyphens."""
    b = gbt9704_builder(footer=None)
    page_footer(b, kind="default", before="-", after="-")
    page_footer(b, kind="even", jc="left", before="-", after="-")
    return b.to_bytes()


def centred_page_number() -> bytes:
    """One centred ``— 1 —`` footer for all pages (no different odd/even footers)."""
    b = gbt9704_builder(footer=None)
    page_footer(b, kind="default", jc="center")
    return b.to_bytes()


def page_number_complex_field() -> bytes:
    """``— 1 —`` with PAGE as a complex field (fldChar/instrText), odd right and even left."""
    b = gbt9704_builder(footer=None)
    page_footer(b, kind="default", form="complex", ind={"rightChars": "100"})
    page_footer(b, kind="even", jc="left", form="complex", ind={"leftChars": "100"})
    return b.to_bytes()


def page_number_in_content_control() -> bytes:
    """Word's Insert → Page Number: dashes and the PAGE field inside a run-level w:sdt."""
    b = gbt9704_builder(footer=None)
    for kind, jc in (("default", "right"), ("even", "left")):
        hf = page_footer(b, kind=kind, jc=jc, form="complex", before="", after="")
        p = hf.paragraphs[0]._p
        runs = list(p.iter(qn("w:r")))
        sdt = OxmlElement("w:sdt")
        content = OxmlElement("w:sdtContent")
        sdt.append(content)
        from docx_builder import _run_element

        content.append(_run_element(RunSpec("—", east_asia="宋体", ascii="宋体", size_pt=14)))
        for r in runs:
            p.remove(r)
            content.append(r)
        content.append(_run_element(RunSpec("—", east_asia="宋体", ascii="宋体", size_pt=14)))
        p.append(sdt)
    return b.to_bytes()


def first_page_without_number() -> bytes:
    """“Different first page” is on and the first-page footer is empty (a 请示, not a 信函)."""
    b = gbt9704_builder()
    b.add_header_text("", kind="first", where="footer")
    return b.to_bytes()


FIXTURES: dict[str, Callable[[], bytes]] = {
    "clean-gbt9704": clean_gbt9704,
    "tracked-insertion": tracked_insertion,
    "with-comment": with_comment,
    "hidden-run": hidden_run,
    "ad-metadata": ad_metadata,
    # layout
    "songti-12pt-body": songti_12pt_body,
    "normal-wrong-runs-right": normal_wrong_runs_right,
    "theme-minor-eastasia-fangsong": theme_minor_eastasia_fangsong,
    "eastasia-only-font": eastasia_only_font,
    "xiaosan-body": xiaosan_body,
    "songti-run-in-body": songti_run_in_body,
    "title-not-centred": title_not_centred,
    "title-huawen-zhongsong": title_huawen_zhongsong,
    "title-songti-bold-18pt": title_songti_bold_18pt,
    "heading-in-kaiti-level1": heading_in_kaiti_level1,
    "heading-bold-and-run-in": heading_bold_and_run_in,
    "numbered-heading-style": numbered_heading_style,
    "with-banji": with_banji,
    "banji-sanhao": banji_sanhao,
    "word-default-margins": word_default_margins,
    "gutter-margins": gutter_margins,
    "second-section-margins": second_section_margins,
    "letter-paper": letter_paper,
    "landscape-table-section": landscape_table_section,
    "single-spacing": single_spacing,
    "one-half-spacing-direct": one_half_spacing_direct,
    "grid-single-spacing": grid_single_spacing,
    "exact-32pt": exact_32pt,
    "wps-default-grid-single": wps_default_grid_single,
    "grid-26-chars": grid_26_chars,
    "no-first-line-indent": no_first_line_indent,
    "spaces-for-indent": spaces_for_indent,
    "indent-twips-only": indent_twips_only,
    "indent-in-normal-style": indent_in_normal_style,
    "recipient-indented": recipient_indented,
    "blue-body-text": blue_body_text,
    "near-black-text": near_black_text,
    "date-flush-right": date_flush_right,
    "date-by-spaces": date_by_spaces,
    "no-page-number": no_page_number,
    "ascii-hyphen-page-number": ascii_hyphen_page_number,
    "centred-page-number": centred_page_number,
    "page-number-complex-field": page_number_complex_field,
    "page-number-in-content-control": page_number_in_content_control,
    "first-page-without-number": first_page_without_number,
}
