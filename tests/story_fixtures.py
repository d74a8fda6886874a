"""Drafts that use what Word and WPS write beyond plain runs, each with a planted error and a clean twin.

Every builder takes ``error``: False gives the clean twin (a correct draft that must pass as the
plain clean draft does), True plants one content error (“截止目前” → ``wording.jiezhi-jiezhi``)
inside the feature. ``EXPECTED[name]`` is where the error must be reported: (part, paragraph,
start, end) in the reader's offsets. Parts python-docx cannot write are spliced in as XML the way
Word writes them (numbering.xml, footnotes.xml, w:sdt, w:fldSimple, complex fields, text boxes,
Strict namespaces).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn

from docx_builder import rewrite_members
from fixtures import BODY, INDENT_2, gbt9704_builder

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
)
RPR = f'<w:rPr><w:rFonts w:eastAsia="{BODY}"/><w:sz w:val="32"/></w:rPr>'
ERROR = "截止目前，设备已全部到位。"
CLEAN = "截至目前，设备已全部到位。"
RULE = "wording.jiezhi-jiezhi"


def r(text: str, rpr: str = RPR) -> str:
    """One run as Word writes it."""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _para_xml(inner: str, ind: bool = True) -> Any:
    ppr = '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>' if ind else ""
    return parse_xml(f"<w:p {NS}>{ppr}{inner}</w:p>")


def _body(b: Any) -> Any:
    return b.doc.element.body


def _insert_after(b: Any, index: int, el: Any) -> None:
    """Put ``el`` right after body paragraph ``index`` of the clean draft."""
    _body(b).findall(qn("w:p"))[index].addnext(el)


def _text(error: bool) -> str:
    return ERROR if error else CLEAN


# -- numbering ---------------------------------------------------------------------------------

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:firstLine="640"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
</w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>
<w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

HEADINGS = ("购置内容", "经费来源", "采购方式")


def _numbered(text: str, ilvl: int = 0, num_id: int = 7, font: str = "黑体") -> Any:
    rpr = f'<w:rPr><w:rFonts w:eastAsia="{font}"/><w:sz w:val="32"/></w:rPr>'
    return parse_xml(
        f'<w:p {NS}><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        f'<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>{r(text, rpr)}</w:p>'
    )


def numbered_headings(error: bool, heading_font: str = "黑体") -> bytes:
    """Three level-1 headings numbered by numPr (一、二、三、) in 黑体; the error is in the body
    paragraph after the third heading. Paragraphs: 3 一、, 4, 5 二、, 6, 7 三、, 8 (error) …"""
    b = gbt9704_builder()
    body = _body(b)
    paras = body.findall(qn("w:p"))
    anchor = paras[3]  # the typed “一、购置内容” heading is replaced by numbered ones
    texts = [HEADINGS[0], "计算机20台、打印机5台。", HEADINGS[1], "经费从年度部门预算中列支。",
             HEADINGS[2], _text(error)]
    for i, t in enumerate(texts):
        el = _numbered(t, font=heading_font if i == 4 else "黑体") if i % 2 == 0 else _para_xml(r(t))
        anchor.addprevious(el)
    body.remove(anchor)
    body.remove(paras[4])  # its body line is replaced too
    return _with_numbering(b.to_bytes())


def _with_numbering(data: bytes, xml: str = NUMBERING) -> bytes:
    return rewrite_members(data, lambda name, content: xml.encode() if name == "word/numbering.xml" else content)


# -- content controls, revisions, fields, wrappers ------------------------------------------------


def body_in_one_control(error: bool) -> bytes:
    """The whole body (title to 附注) wrapped in one block-level content control; the error in
    paragraph 2."""
    b = gbt9704_builder()
    body = _body(b)
    sdt = parse_xml(f'<w:sdt {NS}><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent/></w:sdt>')
    content = sdt.find(qn("w:sdtContent"))
    paras = body.findall(qn("w:p"))
    paras[0].addprevious(sdt)
    for p in paras:
        content.append(p)
    if error:
        _replace_text(paras[2], ERROR)
    return b.to_bytes()


def _replace_text(p: Any, text: str) -> None:
    ts = list(p.iter(qn("w:t")))
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def date_in_control(error: bool) -> bytes:
    """The 成文日期 inside a run-level date-picker control; the error in a run-level control of paragraph 2."""
    b = gbt9704_builder()
    paras = _body(b).findall(qn("w:p"))
    date = paras[7]
    for run in date.findall(qn("w:r")):
        date.remove(run)
    date.append(parse_xml(
        f'<w:sdt {NS}><w:sdtPr><w:date w:fullDate="2024-05-06T00:00:00Z"><w:dateFormat w:val="yyyy年M月d日"/>'
        f'<w:lid w:val="zh-CN"/></w:date></w:sdtPr><w:sdtContent>{r("2024年5月6日", "")}</w:sdtContent></w:sdt>'))
    paras[2].append(parse_xml(
        f'<w:sdt {NS}><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>{r(_text(error))}</w:sdtContent></w:sdt>'))
    return b.to_bytes()


def tracked_changes(error: bool) -> bytes:
    """Paragraph 2 gains a tracked insertion before the error; a deletion holds “截止目前” and is not read."""
    b = gbt9704_builder()
    p = _body(b).findall(qn("w:p"))[2]
    attrs = 'w:author="张三" w:date="2024-01-01T00:00:00Z"'
    p.append(parse_xml(f'<w:del {NS} w:id="91" {attrs}><w:r>{RPR}<w:delText>截止目前</w:delText></w:r></w:del>'))
    p.append(parse_xml(f'<w:ins {NS} w:id="92" {attrs}>{r("现有设备已老化。")}</w:ins>'))
    p.append(parse_xml(f'<w:ins {NS} w:id="93" {attrs}>{r(_text(error))}</w:ins>'))
    return b.to_bytes()


def deleted_mark(error: bool) -> bytes:
    """Paragraph 2 split in two by a paragraph mark that is a tracked deletion, as Word writes it when a
    reviewer joins two paragraphs: Word shows one paragraph, and “截止” straddles the two ``w:p``."""
    import copy

    b = gbt9704_builder()
    p = _body(b).findall(qn("w:p"))[2]
    head = copy.deepcopy(p)
    _replace_text(head, _P2 + "截")
    ppr = head.find(qn("w:pPr"))
    ppr.append(parse_xml(f'<w:rPr {NS}><w:del w:id="95" w:author="张三" w:date="2024-01-01T00:00:00Z"/></w:rPr>'))
    p.addprevious(head)
    _replace_text(p, ("止" if error else "至") + "目前，设备已全部到位。")
    return b.to_bytes()


def fields(error: bool) -> bytes:
    """Paragraph 2 gains a simple field whose result holds the error, and a complex field whose
    instruction (never shown) holds “截止目前” and whose result is clean."""
    b = gbt9704_builder()
    p = _body(b).findall(qn("w:p"))[2]
    p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p.append(parse_xml(f'<w:r {NS}><w:instrText xml:space="preserve"> DOCPROPERTY 截止目前 </w:instrText></w:r>'))
    p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p.append(parse_xml(r("（附表）").replace("<w:r>", f"<w:r {NS}>", 1)))
    p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>'))
    p.append(parse_xml(f'<w:fldSimple {NS} w:instr=" DOCPROPERTY Note ">{r(_text(error))}</w:fldSimple>'))
    return b.to_bytes()


def wrappers(error: bool) -> bytes:
    """Paragraph 2 gains a smart tag and a custom XML element around runs; the error is in the second."""
    b = gbt9704_builder()
    p = _body(b).findall(qn("w:p"))[2]
    p.append(parse_xml(f'<w:smartTag {NS} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
                       f'{r("包头市")}</w:smartTag>'))
    p.append(parse_xml(f'<w:customXml {NS} w:element="note">{r(_text(error))}</w:customXml>'))
    return b.to_bytes()


# -- other stories --------------------------------------------------------------------------------


def text_box(error: bool) -> bytes:
    """A text box (DrawingML with its VML fallback, as Word 2010+ writes it) anchored in paragraph 2."""
    b = gbt9704_builder()
    p = _body(b).findall(qn("w:p"))[2]
    inner = f"<w:p>{r(_text(error))}</w:p>"
    p.append(parse_xml(
        f'<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
        f'<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp>'
        f'</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>'
        f'<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
        f'</mc:AlternateContent></w:r>'))
    return b.to_bytes()


_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}s+xml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/{}s"


def _note_part(kind: str, text: str) -> bytes:
    sep = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
           f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>')
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    note = (f'<w:{kind} w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{ref}/></w:r>{r(" " + text)}</w:p></w:{kind}>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {NS}>{sep}{note}</w:{kind}s>'.encode()


def notes(error: bool, kind: str = "footnote") -> bytes:
    """A footnote (or endnote) referenced from paragraph 2; the error is in the note."""
    b = gbt9704_builder()
    p = _body(b).findall(qn("w:p"))[2]
    p.append(parse_xml(f'<w:r {NS}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                       f'<w:{kind}Reference w:id="1"/></w:r>'))
    data = b.to_bytes()
    name = f"word/{kind}s.xml"

    def edit(member: str, content: bytes) -> bytes:
        if member == "[Content_Types].xml":
            return content.replace(b"</Types>", (
                f'<Override PartName="/{name}" ContentType="{_FOOTNOTES_CT.format(kind)}"/></Types>').encode())
        if member == "word/_rels/document.xml.rels":
            return content.replace(b"</Relationships>", (
                f'<Relationship Id="rIdNote9" Type="{_RT.format(kind)}" Target="{kind}s.xml"/></Relationships>').encode())
        return content

    return rewrite_members(data, edit, extra=[(name, _note_part(kind, _text(error)))])


def endnotes(error: bool) -> bytes:
    """An endnote referenced from paragraph 2; the error is in the note."""
    return notes(error, "endnote")


def header_text(error: bool) -> bytes:
    """A header line; the error is in it (content rules now read headers)."""
    b = gbt9704_builder()
    b.add_header_text(_text(error))
    return b.to_bytes()


# -- Strict OOXML -------------------------------------------------------------------------------

_STRICT = {
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    b"http://schemas.openxmlformats.org/drawingml/2006/main": b"http://purl.oclc.org/ooxml/drawingml/main",
}


def strict(error: bool) -> bytes:
    """The clean draft saved as ISO 29500 Strict (namespaces and relationship types); the error in paragraph 2."""
    b = gbt9704_builder()
    if error:
        _replace_text(_body(b).findall(qn("w:p"))[2], ERROR)

    def edit(name: str, content: bytes) -> bytes:
        if name.endswith((".xml", ".rels")) and name != "[Content_Types].xml":
            for old, new in _STRICT.items():
                content = content.replace(old, new)
        return content

    return rewrite_members(b.to_bytes(), edit)


# -- malformed numbers ------------------------------------------------------------------------------


def malformed_sizes(error: bool, value: str = "NaN") -> bytes:
    """Body runs with ``w:sz`` of NaN / 1e400 / -4 / empty (read as not set: the style's 三号 applies).
    With ``error`` the runs of paragraph 2 are also in 宋体, which the font rule must still report."""
    b = gbt9704_builder()
    for i, p in enumerate(_body(b).findall(qn("w:p"))):
        if i not in (2, 4):
            continue
        for sz in p.iter(qn("w:sz")):
            sz.set(qn("w:val"), value)
        if error and i == 2:
            for fonts in p.iter(qn("w:rFonts")):
                fonts.set(qn("w:eastAsia"), "宋体")
    return b.to_bytes()


FEATURES: dict[str, Callable[[bool], bytes]] = {
    "numbered-headings": numbered_headings,
    "body-in-one-control": body_in_one_control,
    "date-in-control": date_in_control,
    "tracked-changes": tracked_changes,
    "deleted-mark": deleted_mark,
    "fields": fields,
    "wrappers": wrappers,
    "text-box": text_box,
    "footnotes": notes,
    "endnotes": endnotes,
    "header": header_text,
    "strict": strict,
}

_P2 = "为保障机关日常运转，我局拟购置办公设备一批，所需经费从年度部门预算中列支。"
# (part, paragraph, start) of the planted “截止” (it is two characters long).
EXPECTED: dict[str, tuple[str, int, int]] = {
    "numbered-headings": ("body", 8, 0),
    "body-in-one-control": ("body", 2, 0),
    "date-in-control": ("body", 2, len(_P2)),
    "tracked-changes": ("body", 2, len(_P2) + len("现有设备已老化。")),
    "deleted-mark": ("body", 2, len(_P2)),
    "fields": ("body", 2, len(_P2) + len("（附表）")),
    "wrappers": ("body", 2, len(_P2) + len("包头市")),
    "text-box": ("textbox", 0, 0),
    "footnotes": ("footnote", 0, 1),
    "endnotes": ("endnote", 0, 1),
    "header": ("header", 0, 0),
    "strict": ("body", 2, 0),
}
INDENT = INDENT_2


# Formats compared with LibreOffice (decimalEnclosedParen, ⑴, is left out: LibreOffice shows it as 1).
FORMATS = ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "decimalEnclosedCircle",
           "lowerLetter", "upperRoman", "ideographDigital", "chineseLegalSimplified", "japaneseCounting")
FORMAT_COUNT = 112


def numbering_formats() -> bytes:
    """``FORMAT_COUNT`` numbered paragraphs in each of ``FORMATS`` (lvlText ``%1|``), one list per format."""
    abstract = "".join(
        f'<w:abstractNum w:abstractNumId="{i}"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{f}"/>'
        f'<w:lvlText w:val="%1|"/></w:lvl></w:abstractNum>' for i, f in enumerate(FORMATS))
    nums = "".join(f'<w:num w:numId="{i + 1}"><w:abstractNumId w:val="{i}"/></w:num>' for i in range(len(FORMATS)))
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>{abstract}{nums}</w:numbering>'
    b = gbt9704_builder()
    sect = _body(b).find(qn("w:sectPr"))
    for i in range(len(FORMATS)):
        for _ in range(FORMAT_COUNT):
            sect.addprevious(_numbered("x", 0, i + 1))
    return _with_numbering(b.to_bytes(), xml)


_MUTANT_VALUES = (b"NaN", b"1e400", b"-1", b"", b"99999999999", b"%9%1%0", b"0", b"abc")
_MUTANT_WRAPPERS = (b"w:ins", b"w:del", b"w:smartTag", b"w:customXml", b"w:hyperlink", b"w:fldSimple")


def mutate(data: bytes, rng: Any) -> bytes:
    """One XML part of a fixture changed 1-4 times: an attribute value made hostile, a tag duplicated or
    deleted, a run wrapped in a revision/field/wrapper element (what a broken writer could leave)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    members = {i.filename: z.read(i) for i in z.infolist()}
    name = rng.choice(sorted(m for m in members if m.endswith(".xml")))
    x = members[name]
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        if op < 0.3 and b'w:val="' in x:
            at = [i for i in range(len(x)) if x.startswith(b'w:val="', i)]
            i = rng.choice(at) + 7
            x = x[:i] + rng.choice(_MUTANT_VALUES) + x[x.index(b'"', i):]
        elif op < 0.8:
            i = x.rfind(b"<", 0, rng.randrange(len(x)))
            j = x.find(b">", i + 1)
            if i >= 0 and j > 0:
                x = x[:j + 1] + x[i:j + 1] + x[j + 1:] if op < 0.6 else x[:i] + x[j + 1:]
        else:
            i = x.find(b"<w:r>", rng.randrange(len(x)))
            j = x.find(b"</w:r>", i) if i >= 0 else -1
            if j > 0:
                tag = rng.choice(_MUTANT_WRAPPERS)
                x = x[:i] + b"<" + tag + b">" + x[i:j + 6] + b"</" + tag + b">" + x[j + 6:]
    members[name] = x
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for k, v in members.items():
            out.writestr(k, v)
    return buf.getvalue()
