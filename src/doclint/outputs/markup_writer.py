"""The block model of ``docx_writer`` as Markdown and as one self-contained HTML page."""

from __future__ import annotations

import html

from doclint.outputs.docx_writer import Figure, Gongwen, HeadingBlock, Para, Recipient, Signature, TableBlock

# -- Markdown -------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(doc: Gongwen) -> str:
    """The document as Markdown (GitHub tables); figures are left out."""
    out = [f"# {doc.title}", ""]
    for block in doc.blocks:
        if isinstance(block, Recipient | Para):
            out += [block.text, ""]
        elif isinstance(block, HeadingBlock):
            out += [f"{'#' * (block.level + 1)} {block.text}", ""]
        elif isinstance(block, TableBlock):
            out.append("| " + " | ".join(_md_cell(c) for c in block.header) + " |")
            marks = {"left": "---", "center": ":---:", "right": "---:"}
            out.append("| " + " | ".join(marks[block.column_align(i)] for i in range(len(block.header))) + " |")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, Signature):
            out += [f"{block.name}  ", block.date, ""]
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML -----------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { margin: 0; background: #e9ebee; color: #111;
  font-family: "仿宋_GB2312", "FangSong_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", serif;
  font-size: 16pt; line-height: 1.8; }
main { box-sizing: border-box; max-width: 210mm; margin: 24px auto; background: #fff;
  padding: 37mm 26mm 35mm 28mm; box-shadow: 0 1px 6px rgba(0,0,0,.18); }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "Noto Serif CJK SC", serif;
  font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 1em; line-height: 1.5; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal;
  margin: .6em 0 .2em; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif; font-size: 16pt;
  font-weight: normal; margin: .4em 0 .2em; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.recipient { text-indent: 0; }
.signature { margin-top: 1.8em; text-align: right; }
.signature p { text-indent: 0; text-align: right; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 .8em; font-size: 14pt; line-height: 1.45; }
th, td { border: 1px solid #333; padding: 3px 6px; vertical-align: middle; }
th { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; background: #f2f2f2; }
td.c { text-align: center; } td.r { text-align: right; }
figure { margin: .8em 0; text-align: center; }
figcaption { font-size: 14pt; color: #333; }
@media (max-width: 800px) { main { padding: 8mm 5mm; margin: 0; } }
@media print { body { background: #fff; } main { box-shadow: none; margin: 0; } }
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def to_html(doc: Gongwen) -> str:
    """One self-contained HTML page (inline CSS and SVG, nothing fetched)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(doc.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_esc(doc.title)}</h1>",
    ]
    for block in doc.blocks:
        if isinstance(block, Recipient):
            out.append(f'<p class="recipient">{_esc(block.text)}</p>')
        elif isinstance(block, Para):
            out.append(f"<p>{_esc(block.text)}</p>")
        elif isinstance(block, HeadingBlock):
            tag = "h2" if block.level == 1 else "h3"
            out.append(f"<{tag}>{_esc(block.text)}</{tag}>")
        elif isinstance(block, TableBlock):
            out.append(_html_table(block))
        elif isinstance(block, Figure):
            out.append(f"<figure>{block.svg}<figcaption>{_esc(block.caption)}</figcaption></figure>")
        elif isinstance(block, Signature):
            out.append(f'<div class="signature"><p>{_esc(block.name)}</p><p>{_esc(block.date)}</p></div>')
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _html_table(table: TableBlock) -> str:
    cls = {"left": "", "center": ' class="c"', "right": ' class="r"'}
    head = "".join(f"<th>{_esc(c)}</th>" for c in table.header)
    rows = []
    for row in table.rows if table.header_row else (table.header, *table.rows):
        cells = "".join(
            f"<td{cls[table.column_align(i)]}>{_esc(c).replace(chr(10), '<br>')}</td>" for i, c in enumerate(row)
        )
        rows.append(f"<tr>{cells}</tr>")
    cols = ""
    if table.widths:
        total = sum(table.widths)
        cols = "<colgroup>" + "".join(f'<col style="width:{w * 100 / total:.1f}%">' for w in table.widths) + "</colgroup>"
    thead = f"<thead><tr>{head}</tr></thead>" if table.header_row else ""
    size = "" if table.size_pt == 14.0 else f' style="font-size:{table.size_pt:g}pt"'  # a form's 五号
    return f"<table{size}>{cols}{thead}<tbody>{''.join(rows)}</tbody></table>"
