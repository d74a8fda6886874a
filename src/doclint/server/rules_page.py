"""The rules reference as an HTML page (``GET /rules``), served by the service itself so a
finding's link works on an intranet with no internet.

Each rule's section is anchored by its id, as in docs/rules.md (``rules/docs.py``), and its
aliases anchor the same section, so ``/rules#<id>`` and the SARIF ``helpUri`` fragment agree.
The content is the same as ``doclint explain``: 检查什么、为什么、依据、怎么改、示例.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from doclint import __version__
from doclint.rules.schema import FailExample, Rule

__all__ = ["rules_page"]


def _example_text(e: FailExample) -> str:
    # as rules/docs.py shows it: a Word fixture by its description, a document on one line
    if e.fixture is not None:
        from doclint.rules.fixture_notes import fixture_note

        return f"Word 文件：{fixture_note(e.fixture)}"
    body = e.text if e.text is not None else e.document or ""
    return body.replace("\n", " ⏎ ") + (f"（文种：{e.type}）" if e.type else "")


def _example(text: str, ok: bool) -> str:
    mark = "✓" if ok else "✗"
    return f'<li class="{"pass" if ok else "fail"}"><span class="mk" aria-hidden="true">{mark}</span>{escape(text)}</li>'


def _section(rule: Rule, enabled: bool) -> str:
    from doclint.rules.messages import placeholder_text, rule_title

    source = rule.source.title + (f" {rule.source.clause}" if rule.source.clause else "")
    badges = [f'<span class="tag {rule.severity.value}">{rule.severity.label}</span>']
    if rule.status == "preview":
        badges.append('<span class="tag info">预览</span>')
    if not enabled:
        badges.append('<span class="tag off">本服务未启用</span>')
    parts = [
        f'<section class="rule" id="{escape(rule.id)}">',
        *(f'<span class="alias" id="{escape(a)}"></span>' for a in rule.aliases),
        f'<h3>{escape(rule_title(rule))} <code>{escape(rule.id)}</code> {"".join(badges)}</h3>',
        "<dl>",
        f"<dt>检查什么</dt><dd>{escape(placeholder_text(rule.message))}</dd>",
        f"<dt>为什么</dt><dd>{escape(rule.why)}</dd>",
        f"<dt>依据</dt><dd>{escape(source)}</dd>",
    ]
    if rule.suggestion and placeholder_text(rule.suggestion).strip("…"):  # a bare {correct} says nothing here
        parts.append(f"<dt>怎么改</dt><dd>{escape(placeholder_text(rule.suggestion))}</dd>")
    fails = list(dict.fromkeys(_example_text(e) for e in rule.examples.fail))
    passes = list(dict.fromkeys(_example_text(e) for e in rule.examples.pass_))
    if fails:
        parts.append("<dt>示例（应指出）</dt><dd><ul>" + "".join(_example(t, False) for t in fails) + "</ul></dd>")
    if passes:
        parts.append("<dt>示例（正确写法，不应指出）</dt><dd><ul>" + "".join(_example(t, True) for t in passes) + "</ul></dd>")
    parts += ["</dl>", "</section>"]
    return "\n".join(parts)


def rules_page(rules: Iterable[Rule], enabled: set[str]) -> str:
    """The whole reference: a contents list by category, then one section per rule."""
    from doclint.findings import CATEGORY_LABELS

    by_category: dict[str, list[Rule]] = {}
    for r in sorted(rules, key=lambda r: r.id):
        by_category.setdefault(r.category.value, []).append(r)
    toc = "".join(
        f'<li><a href="#cat-{c}">{escape(CATEGORY_LABELS[c])}</a>（{len(members)}条）</li>'
        for c, members in by_category.items()
    )
    body = []
    for category, members in by_category.items():
        body.append(f'<h2 id="cat-{category}">{escape(CATEGORY_LABELS[category])}'
                    f' <span class="muted small">{category}</span></h2>')
        body += [_section(r, r.id in enabled) for r in members]
    count = sum(len(m) for m in by_category.values())
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>规则参考 · doclint</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body class="reference">
<header class="bar">
  <h1>doclint 规则参考</h1>
  <span class="sub">doclint {escape(__version__)} · 共{count}条规则 · <a href="/">返回检查页</a></span>
</header>
<main>
<nav class="panel" aria-label="规则类别"><ul class="toc">{toc}</ul></nav>
{chr(10).join(body)}
</main>
</body>
</html>
"""
