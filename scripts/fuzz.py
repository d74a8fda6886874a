"""Fuzz doclint's readers and rules with mutated .docx files and text.

Any exception escaping Linter.check_bytes, or a check slower than --hang
seconds, is a failure: the input is saved under --crashes and the run exits 1.
So is a .docx that ``check`` and ``annotate`` disagree about (a verdict but no
annotated copy, or the other way round): the two share one reading.

Besides byte and splice mutations, .docx inputs get structural ones where issue 15
found trouble: numbering definitions (numbering.xml, w:numPr), content controls
(w:sdt, block and run level) and tracked changes (w:ins, w:del).

    python scripts/fuzz.py --seconds 60          # CI: about a minute
    python scripts/fuzz.py --seconds 1200        # on demand: twenty minutes
"""

from __future__ import annotations

import argparse
import hashlib
import io
import multiprocessing as mp
import random
import sys
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seeds() -> list[tuple[str, bytes]]:
    """Valid inputs to start from: the corpus, the seed, and .docx files built here."""
    out: list[tuple[str, bytes]] = []
    for p in sorted((ROOT / "corpus").rglob("*.txt"))[:30] + sorted((ROOT / "seeds").glob("*.txt")):
        out.append((p.name, p.read_bytes()))
    import docx

    for n, texts in enumerate((["关于购置设备的请示", "市财政局：", "截止目前，已购置“设备”（一批）。", "妥否，请批示。"],
                               ["通知", "一、总体要求", "（一）加强领导。", "1.明确分工", "2024年5月6日"])):
        d = docx.Document()
        for t in texts:
            d.add_paragraph(t)
        d.add_table(rows=2, cols=2).cell(0, 0).text = "表格XXX"
        d.sections[0].footer.paragraphs[0].text = "— 1 —"
        buf = io.BytesIO()
        d.save(buf)
        out.append((f"built{n}.docx", buf.getvalue()))
    out.append(("numbered.docx", numbered_seed()))
    for p in sorted(Path("/work/shared/corpus-real").glob("*.docx"))[:6] if Path("/work/shared/corpus-real").is_dir() else []:
        out.append((p.name, p.read_bytes()))
    return out


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
</w:numbering>"""


def numbered_seed() -> bytes:
    """A draft with automatic numbering, content controls and tracked changes, written as Word does."""
    import docx

    d = docx.Document()
    for text, level in (("关于开展安全检查的通知", None), ("各区县人民政府：", None), ("总体要求", 0), ("加强领导", 1),
                        ("明确分工", 2), ("落实责任", 3), ("工作安排", 0), ("2024年5月6日", None)):
        p = d.add_paragraph(text)
        if level is not None:
            ppr = p._p.get_or_add_pPr()
            ppr.append(_el(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'))
    body = d.element.body
    sdt = _el(f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:date/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>2024年5月6日</w:t>'
              "</w:r></w:p></w:sdtContent></w:sdt>")
    body.insert(len(body) - 1, sdt)
    p = d.paragraphs[2]._p
    p.append(_el(f'<w:ins xmlns:w="{W}" w:id="90" w:author="审核"><w:r><w:t>（新增内容）</w:t></w:r></w:ins>'))
    p.append(_el(f'<w:del xmlns:w="{W}" w:id="91" w:author="审核"><w:r><w:delText>删去</w:delText></w:r></w:del>'))
    p.append(_el(f'<w:sdt xmlns:w="{W}"><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt>'))
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    members = {n: src.read(n) for n in src.namelist()}
    members["word/numbering.xml"] = _NUMBERING.encode()
    return _zip(members)


def _el(xml: str) -> object:
    from docx.oxml import parse_xml

    return parse_xml(xml)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    return buf.getvalue()


_NUM_VALUES = ["chineseCounting", "chineseCountingThousand", "ideographTraditional", "decimalEnclosedCircle",
               "decimal", "upperRoman", "lowerLetter", "bullet", "none", "ordinal", "cardinalText", "nope", "",
               "%1、", "（%2）", "%1.%2.%3", "%9", "%0", "%", "%%1", "第%1条", "0", "-1", "1e400", "NaN", "99999999999",
               "4294967296", "8", "9", "-2147483649"]
_NUM_ATTRS = ["numFmt", "lvlText", "start", "startOverride", "ilvl", "numId", "abstractNumId", "lvlRestart",
              "isLgl", "pStyle"]


def mutate_structure(members: dict[str, bytes], rng: random.Random) -> None:
    """Numbering, content controls and tracked changes: change values, wrap, nest, drop."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    target = rng.choice(["word/numbering.xml", "word/document.xml", "word/document.xml"])
    if target not in members:
        members["word/numbering.xml"] = _NUMBERING.encode()
        return
    try:
        root = etree.fromstring(members[target], parser)
    except etree.XMLSyntaxError:
        return
    els = list(root.iter())
    for _ in range(rng.randint(1, 6)):
        el = rng.choice(els)
        op = rng.random()
        if op < 0.35:  # a numbering value or reference: odd, out of range, or pointing nowhere
            name = rng.choice(_NUM_ATTRS)
            holder = el if el.tag.endswith(("}p", "}pPr", "}lvl", "}num")) else rng.choice(els)
            if name in ("ilvl", "numId") and holder.tag == f"{{{W}}}pPr":
                num_pr = holder.find(f"{{{W}}}numPr")
                if num_pr is None:
                    num_pr = etree.SubElement(holder, f"{{{W}}}numPr")
                holder = etree.SubElement(num_pr, f"{{{W}}}{name}")
            holder.set(f"{{{W}}}val", rng.choice(_NUM_VALUES))
        elif op < 0.6 and el.getparent() is not None:  # wrap in a content control or a tracked change
            kind = rng.choice(["sdt", "ins", "del", "moveTo", "moveFrom", "smartTag", "customXml", "fldSimple"])
            parent = el.getparent()
            wrapper = etree.Element(f"{{{W}}}{kind}")
            if kind in ("ins", "del", "moveTo", "moveFrom"):
                wrapper.set(f"{{{W}}}id", str(rng.randint(0, 99)))
                wrapper.set(f"{{{W}}}author", "审核")
            if kind == "fldSimple":
                wrapper.set(f"{{{W}}}instr", rng.choice([" PAGE ", " DATE ", " NUMPAGES ", ""]))
            parent.replace(el, wrapper)
            inner = wrapper
            if kind == "sdt":
                etree.SubElement(wrapper, f"{{{W}}}sdtPr")
                inner = etree.SubElement(wrapper, f"{{{W}}}sdtContent")
            inner.append(el)
        elif op < 0.75 and el.getparent() is not None:  # drop, or duplicate nearby
            if rng.random() < 0.5:
                el.getparent().remove(el)
            else:
                import copy

                el.addnext(copy.deepcopy(el))
        elif op < 0.82 and el.tag == f"{{{W}}}p":  # a paragraph mark deleted: Word joins it to the next
            ppr = el.find(f"{{{W}}}pPr")
            if ppr is None:
                ppr = etree.Element(f"{{{W}}}pPr")
                el.insert(0, ppr)
            rpr = ppr.find(f"{{{W}}}rPr")
            if rpr is None:
                rpr = etree.SubElement(ppr, f"{{{W}}}rPr")
            etree.SubElement(rpr, f"{{{W}}}del", {f"{{{W}}}id": str(rng.randint(0, 99)), f"{{{W}}}author": "审核"})
        elif op < 0.9 and el.tag == f"{{{W}}}t":  # deleted text where text should be, or the reverse
            el.tag = f"{{{W}}}delText"
        elif el.tag == f"{{{W}}}delText":
            el.tag = f"{{{W}}}t"
        els = list(root.iter())
    members[target] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Flip, insert, delete or duplicate byte ranges."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not b:
            b.extend(rng.randbytes(8))
        op = rng.random()
        i = rng.randrange(len(b))
        if op < 0.4:
            b[i] = rng.randrange(256)
        elif op < 0.6:
            b[i:i] = rng.randbytes(rng.randint(1, 16))
        elif op < 0.8:
            del b[i : i + rng.randint(1, 64)]
        else:
            j = rng.randrange(len(b))
            b[i:i] = b[j : j + rng.randint(1, 64)]
    return bytes(b)


_XML_BITS = [b"<w:p>", b"</w:p>", b"<w:r><w:t>", b"</w:t></w:r>", b"<w:ins>", b"<w:br/>", b"<w:tab/>",
             b'<w:rFonts w:eastAsia="', b'<w:sz w:val="-1"/>', b'w:val="99999999999"', b"&amp;", b"\xe2\x80\x9d",
             b"<w:hyperlink>", b'<w:pStyle w:val="nope"/>', b'<w:basedOn w:val="Normal"/>', b"<!--", b"]]>",
             b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>", b"<w:del><w:r><w:delText>", b"</w:delText></w:r></w:del>",
             b'<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>', b'<w:lvlText w:val="%1%2%3"/>',
             b'<w:numFmt w:val="chineseCounting"/>', b'<w:fldSimple w:instr="PAGE">', b"</w:fldSimple>"]


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """Rewrite one zip member: mutate its XML bytes, splice WordprocessingML bits, or drop it."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        members = {n: src.read(n) for n in src.namelist()}
    except Exception:
        return mutate_bytes(data, rng)
    names = sorted(members)
    target = rng.choice([n for n in names if n.endswith(".xml")] or names)
    op = rng.random()
    if op < 0.35:
        mutate_structure(members, rng)
        names = sorted(members)
    elif op < 0.42:
        del members[target]
    elif op < 0.65:
        members[target] = mutate_bytes(members[target], rng)
    else:
        body = members[target]
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(body) + 1)
            body = body[:i] + rng.choice(_XML_BITS) + body[i:]
        members[target] = body
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in names:
            if n in members:
                zf.writestr(n, members[n])
    return buf.getvalue()


# Marks and words the rules look for, and numeral runs that parsers of headings and dates must survive.
_TEXT_BITS = ["“", "”", "《", "》", "（", "）", "XXX", "##paidbegin##", "一、", "（一）", "1.", "\n", "截止", "其它", "…",
              "——", "%", "％", "\u00a0", "\u200b", "\ue000", "\r", "\t", "\x00", "四五十、", "十十、", "（二十一）",
              "九十九.", "附件", "附件：", "〇", "二〇二四年十三月", "2024年5月6日", "1.1", "第", "妥否，请批示。", "抄送：",
              "http://", "@", "××", "某某", "：", "\n\n\n", "１２．"]


def mutate_text(data: bytes, rng: random.Random) -> bytes:
    """Mutate text bytes, or re-encode it, or sprinkle marks that rules care about."""
    op = rng.random()
    if op < 0.3:
        return mutate_bytes(data, rng)
    text = data.decode("utf-8", errors="replace")
    if op < 0.5:
        enc = rng.choice(["gb18030", "utf-16", "utf-16-le", "utf-8-sig", "big5"])
        return text.encode(enc, errors="replace")
    chars = list(text)
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(len(chars) + 1)
        chars[i:i] = rng.choice(_TEXT_BITS)
    return "".join(chars).encode("utf-8", errors="replace")


def worker(inputs: mp.Queue, results: mp.Queue) -> None:  # type: ignore[type-arg]
    import msgspec

    from doclint import Linter
    from doclint.errors import UnreadableDocument
    from doclint.outputs.annotate import annotate

    linter = Linter()
    # Strict: a rule's fault raises here (with its traceback) instead of becoming a warning or an
    # 'internal-error' report, which is how doclint contains it for users.
    linter.engine.options = msgspec.structs.replace(linter.engine.options, strict=True)
    while True:
        item = inputs.get()
        if item is None:
            return
        name, data = item
        try:
            report = linter.check_bytes(data, name)
            for f in report.findings:
                loc = f.location
                assert loc.start is None or loc.end is None or 0 <= loc.start <= loc.end
            if name.endswith(".docx"):  # check and annotate share one reading: both or neither
                try:
                    annotate(data, report)
                    annotated = True
                except UnreadableDocument:
                    annotated = False
                assert annotated == (report.verdict != "unreadable"), (report.verdict, report.error)
            results.put(("ok", ""))
        except Exception:
            results.put(("crash", traceback.format_exc()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--hang", type=float, default=20.0, help="seconds one input may take")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    args = parser.parse_args()
    rng = random.Random(args.seed if args.seed is not None else time.time_ns())
    pool = seeds()
    ctx = mp.get_context("spawn")
    inputs: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    results: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    proc = ctx.Process(target=worker, args=(inputs, results), daemon=True)
    proc.start()
    tried = failures = 0
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        name, data = rng.choice(pool)
        if name.endswith(".docx"):
            data = mutate_docx(data, rng) if rng.random() < 0.8 else mutate_bytes(data, rng)
        else:
            data = mutate_text(data, rng)
        inputs.put((name, data))
        try:
            status, detail = results.get(timeout=args.hang + (30 if tried == 0 else 0))
        except Exception:
            status, detail = "hang", f"no answer within {args.hang} s"
            proc.kill()
            inputs = ctx.Queue()
            results = ctx.Queue()
            proc = ctx.Process(target=worker, args=(inputs, results), daemon=True)
            proc.start()
        tried += 1
        if status != "ok":
            failures += 1
            args.crashes.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256(data).hexdigest()[:16]
            (args.crashes / f"{digest}-{name}").write_bytes(data)
            (args.crashes / f"{digest}-{name}.txt").write_text(f"{status}\n{detail}", encoding="utf-8")
            print(f"{status}: {name} → {args.crashes}/{digest}-{name}\n{detail}", file=sys.stderr)
    inputs.put(None)
    proc.join(timeout=10)
    print(f"fuzz: {tried} inputs tried in {args.seconds:.0f} s, {failures} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
