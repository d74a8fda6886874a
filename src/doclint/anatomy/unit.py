"""The sending unit (发文机关) named by the draft itself: 署名, else 发文机关标志, else the title."""

from __future__ import annotations

from doclint._cache import regexes
from doclint.anatomy import lines as L

_SPACES = regexes.compile(r"[\s\u3000]+")
_MARK_TAIL = regexes.compile(r"(?:(?:常务|办公|专题|党组|主任)?会议)?(?:文件|命令|令|纪要)$")
_TITLE_ORGAN = regexes.compile(r"^(?P<organ>[\p{Han}（）()、]{2,40}?)(?:关于|对|转发|批转|印发)")


def sending_unit(signature: str | None, organ_mark: str | None, title: str) -> str | None:
    """The organ's name as the draft writes it; joint senders are joined with “、”."""
    if signature and L.is_organ(signature):
        parts = [p for p in _SPACES.split(signature.strip()) if p]
        return "、".join(parts)
    if organ_mark:
        name = _MARK_TAIL.sub("", _SPACES.sub("", organ_mark))
        if len(name) >= 2:
            return name
    m = _TITLE_ORGAN.match(_SPACES.sub("", title))
    if m and L.ORGAN_END.search(m.group("organ")):
        return m.group("organ")
    return None
