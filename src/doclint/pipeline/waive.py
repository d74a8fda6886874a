"""Findings a reviewer accepted: ``doclint: ignore <rule> <reason>`` comments and sidecar files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

from doclint.errors import ConfigError
from doclint.findings import Finding, Suppression
from doclint.model.document import Document
from doclint.text.directive import DIRECTIVE as _DIRECTIVE


class Waiver(msgspec.Struct, frozen=True):
    """One acceptance: which rule (id or prefix), why, by whom, and where."""

    rule: str
    reason: str
    by: str
    paragraph: int | None = None
    start: int | None = None
    end_paragraph: int | None = None
    end: int | None = None
    excerpt: str | None = None

    def covers(self, f: Finding) -> bool:
        """Whether this waiver accepts a finding."""
        if not f.rule.startswith(self.rule):
            return False
        if self.excerpt is not None:
            return self.excerpt in (f.excerpt or "")
        loc = f.location
        if loc.paragraph is None or self.paragraph is None or loc.part != "body":
            return loc.paragraph is None  # document-level findings: a comment anywhere
        last = self.end_paragraph if self.end_paragraph is not None else self.paragraph
        if not self.paragraph <= loc.paragraph <= last:
            return False
        lo = self.start if loc.paragraph == self.paragraph and self.start is not None else 0
        hi = self.end if loc.paragraph == last and self.end is not None else 10**9
        start = loc.start if loc.start is not None else 0
        end = loc.end if loc.end is not None else 10**9
        return (start < hi and lo < end) or start == end == lo


def from_comments(document: Document) -> list[Waiver]:
    """Waivers written as Word comments on the accepted text."""
    out = []
    for c in document.comments:
        m = _DIRECTIVE.match(c.text)
        if m:
            out.append(Waiver(m["rule"], m["reason"] or "（未说明理由）", f"批注：{c.author or '未署名'}",
                              c.paragraph, c.start, c.end_paragraph, c.end))
    return out


def sidecar_paths(draft: Path) -> list[Path]:
    """``<draft>.doclint-ignore.yaml`` next to the draft (with or without the extension)."""
    return [draft.with_name(draft.name + ".doclint-ignore.yaml"), draft.with_name(draft.stem + ".doclint-ignore.yaml")]


def from_sidecar(draft: Path) -> list[Waiver]:
    """Waivers listed in a sidecar file: [{rule, excerpt, reason}, …]."""
    for path in sidecar_paths(draft):
        if not path.is_file():
            continue
        import yaml  # only when there is a sidecar: ~25 ms of start-up otherwise

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"豁免文件无效  {path}\n  {exc}") from None
        if not isinstance(data, list):
            raise ConfigError(f"豁免文件无效  {path}:1\n  应为列表，每项含 rule、excerpt、reason")
        out = []
        for i, item in enumerate(data):
            if not isinstance(item, dict) or not isinstance(item.get("rule"), str) or not item.get("reason"):
                raise ConfigError(f"豁免文件无效  {path}\n  第 {i + 1} 项须含 rule 和 reason")
            excerpt = item.get("excerpt")
            out.append(Waiver(item["rule"], str(item["reason"]), f"豁免文件：{path.name}",
                              excerpt=str(excerpt) if excerpt else None))
        return out
    return []


def apply(findings: Sequence[Finding], waivers: Iterable[Waiver]) -> tuple[Finding, ...]:
    """Mark each finding a waiver covers as suppressed (it stays in the report)."""
    waivers = list(waivers)
    if not waivers:
        return tuple(findings)
    out = []
    for f in findings:
        w = next((w for w in waivers if w.covers(f)), None)
        out.append(f if w is None else f.model_copy(update={"suppressed": Suppression(by=w.by, reason=w.reason)}))
    return tuple(out)
