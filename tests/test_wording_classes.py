"""Classes of wording slips decided on grammar and data: productive word formation (收悉, 降至),
repeated words on tokens and POS tags, 的/地/得 by part of speech (issue 17)."""

from __future__ import annotations

from doclint import Config, Linter
from doclint.text.formation import formed, formed_around

LINTER = Linter(Config(select=["wording"]))


def _rules(text: str) -> list[tuple[str, str]]:
    report = LINTER.check_text("关于做好有关工作的通知\n\n各单位：\n" + text)
    return [(f.rule, f.severity.value) for f in report.findings]


def test_formation_patterns_cover_productive_pairs_only() -> None:
    for word in ("收悉", "降至", "西至", "县区", "逐笔", "参建", "补齐", "提效", "压降", "震情", "设区", "报经"):
        assert formed(word, 0), word
    for word in ("布署", "按排", "贯撤", "峻工", "区区", "市市"):
        assert not formed(word, 0), word
    assert formed("国政发〔2020〕3号", 1) and not formed("国政发文件", 1)
    assert formed_around("已收悉", 2) and not formed_around("已收", 1)


def test_formed_words_are_not_spelling_notes() -> None:
    """Clean 公文 pairs draw no nonword note, while slips of the same shape still do."""
    clean = "你局来文收悉。经研究，同意将该项目调至明年实施，县区两级要逐笔核对，补齐短板，压降成本。"
    assert not [r for r in _rules(clean) if r[0] == "wording.nonword"]
    assert any(r[0] == "wording.nonword" for r in _rules("请认真贯撤落实有关要求。"))


def test_repeated_words_on_tokens_and_tags() -> None:
    slips = ["要加强加强组织领导。", "认真落实落实主体责任。", "要在在全市推广。", "经了了解，已整改。", "完善的的制度。"]
    for text in slips:
        assert ("wording.repeated-word", "warning") in _rules(text), text
    fine = ["人人参与，项项落实，年年检查。", "这件事还要研究研究，常常听取意见，把问题搞得清清楚楚。",
            "为了了解情况，对对方的意见一一答复。", "推进小微企业创业创新，推进进程。", "PPP项目项目经理到岗。"]
    for text in fine:
        assert not [r for r in _rules(text) if r[0] == "wording.repeated-word"], text


def test_de_di_de_by_part_of_speech() -> None:
    for text in ("要迅速的处理各类问题。", "要坚定不移的推进改革。", "改革推进的非常顺利。", "这项工作抓的不够紧。",
                 "各项措施落实地很好。"):
        assert ("wording.de-di-de", "warning") in _rules(text), text
    for text in ("实行严格的管理制度。", "经过坚持不懈的奋斗，形成坚定不移的决心。", "这是我们所做的非常有意义的工作。",
                 "处于重要地位，积极得到各方支持。"):
        assert not [r for r in _rules(text) if r[0] == "wording.de-di-de"], text


def test_idiom_windows_beyond_the_detector() -> None:
    """Wrong idioms jieba lists as rare names (黄梁美梦 3 nr) are errors; a rare look-alike is a note;
    two good words one near shape off an idiom are a phrase (白底黑字)."""
    assert ("wording.idiom-typo", "error") in _rules("这种想法不过是黄梁美梦。")
    assert ("wording.idiom-typo", "info") in _rules("文章要言简意骇。")
    assert not [r for r in _rules("白底黑字写明，罄竹难书，一鼓作气。") if r[0] == "wording.idiom-typo"]
