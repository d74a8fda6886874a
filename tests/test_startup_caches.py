"""Start-up caches: compiled regex programs, validated layout profiles, default config.

Each cache must be invisible in results: a hit behaves exactly like doing the work again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import regex

from doclint._cache import regexes
from doclint.config import Config, load_settings
from doclint.rules.loader import builtin_rules_dir, load_rules
from doclint.rules.profiles import load_profile

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(d))
    monkeypatch.delenv("DOCLINT_NO_CACHE", raising=False)
    return d


def _rule_patterns() -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for rule in load_rules([builtin_rules_dir()]):
        for field in ("pattern", "unless", "soften"):
            pat = getattr(rule, field, None)
            if pat:
                out.append((pat, 0))
                out.append((pat, int(regex.MULTILINE)))
    return out


def _corpus_text() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return "\n".join(texts)


def _spans(p: regex.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in p.finditer(text)]


def test_replayed_programs_match_like_freshly_compiled_ones(cache_dir: Path) -> None:
    """Every built-in rule pattern, recorded to disk and replayed in a new cache, finds the same matches."""
    text = _corpus_text()
    writer = regexes.ProgramCache()
    patterns = _rule_patterns()
    for pat, flags in patterns:
        writer.compile(pat, flags)
    writer.flush()
    assert list(cache_dir.glob("regex-*.pickle")), "nothing was written"
    reader = regexes.ProgramCache()
    for pat, flags in patterns:
        replayed = reader.compile(pat, flags)
        fresh = regex.compile(pat, flags)
        assert replayed.pattern == pat and replayed.groupindex == fresh.groupindex
        assert _spans(replayed, text) == _spans(fresh, text), pat


def test_replay_serves_from_disk_without_recompiling(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = regexes.ProgramCache()
    writer.compile(r"(?<=《[^《》]*)截止(?P<x>目前)")
    writer.flush()

    def boom(*_: object) -> None:
        raise AssertionError("recompiled although cached")

    monkeypatch.setattr(regexes, "_record", boom)
    p = regexes.ProgramCache().compile(r"(?<=《[^《》]*)截止(?P<x>目前)")
    assert p.search("《截止目前》").group("x") == "目前"  # type: ignore[union-attr]


def test_bad_pattern_raises_like_regex_and_is_not_stored(cache_dir: Path) -> None:
    cache = regexes.ProgramCache()
    with pytest.raises(regex.error):
        cache.compile("(unclosed")
    cache.flush()
    assert not list(cache_dir.glob("regex-*.pickle"))


def test_changed_regex_internals_fall_back_to_plain_compile(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def changed(*_: object) -> None:
        raise TypeError("internals moved")

    monkeypatch.setattr(regexes, "_record", changed)
    cache = regexes.ProgramCache()
    assert cache.compile("截[止至]目前").search("截至目前")
    cache.flush()
    assert not list(cache_dir.glob("regex-*.pickle"))


def test_damaged_cache_file_is_only_a_miss(cache_dir: Path) -> None:
    writer = regexes.ProgramCache()
    writer.compile("公文")
    writer.flush()
    for f in cache_dir.glob("regex-*.pickle"):
        f.write_bytes(b"not a pickle")
    assert regexes.ProgramCache().compile("公文").search("公文处理")


def test_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCLINT_NO_CACHE", "1")
    cache = regexes.ProgramCache()
    cache.compile("公文")
    cache.flush()
    assert not cache_dir.exists()


def test_profile_cache_sees_a_changed_parent(cache_dir: Path, tmp_path: Path) -> None:
    """The cached profile is keyed on the file asked for, but checked against every file it extends."""
    base = tmp_path / "base.yaml"
    child = tmp_path / "child.yaml"
    base.write_text("extends: gbt9704\nname: 甲省规范\nmargins: {top_mm: 35}\n", encoding="utf-8")
    child.write_text("extends: base.yaml\nname: 乙市规范\n", encoding="utf-8")
    load_profile.cache_clear()
    assert load_profile(str(child)).margins.top_mm == 35
    assert list(cache_dir.glob("profile-*.pickle"))
    base.write_text("extends: gbt9704\nname: 甲省规范\nmargins: {top_mm: 36}\n", encoding="utf-8")
    os.utime(base, ns=(1, 1))  # a different stamp even on coarse-timestamp file systems
    load_profile.cache_clear()
    assert load_profile(str(child)).margins.top_mm == 36
    load_profile.cache_clear()
    assert load_profile(str(child)).margins.top_mm == 36  # now from the cache


def test_cached_profile_equals_a_fresh_one(cache_dir: Path) -> None:
    load_profile.cache_clear()
    first = load_profile("example-local")
    load_profile.cache_clear()
    again = load_profile("example-local")  # served from disk
    load_profile.cache_clear()
    assert again == first and again is not first


def test_default_config_without_validation_equals_validated() -> None:
    """With no file and no options the defaults are taken as they are, skipping pydantic's schema build."""
    assert load_settings(None, {}).config == Config()
    assert Config.model_construct() == Config()


def test_old_cache_entries_are_pruned_per_kind(cache_dir: Path) -> None:
    from doclint._cache import disk
    disk.store("other", {"x": 1}, kind="regex")
    for i in range(disk.KEEP + 3):
        disk.store(f"k{i:02}", i, kind="rules")
        os.utime(cache_dir / f"rules-k{i:02}.pickle", ns=(i * 10**9, i * 10**9))  # distinct ages
    disk.store("newest", "n", kind="rules")
    kept = sorted(f.name for f in cache_dir.glob("rules-*.pickle"))
    assert len(kept) == disk.KEEP
    assert "rules-newest.pickle" in kept and "rules-k00.pickle" not in kept
    assert disk.load("other", kind="regex") == {"x": 1}  # other kinds untouched


def test_derived_values_are_remembered_per_tag(cache_dir: Path) -> None:
    """Pattern gates are read back from disk; another tag (the analysis changed) computes afresh."""
    from doclint.rules.prefilter import required_strings

    writer = regexes.ProgramCache()
    assert writer.derived("gate:a", "截止目前|www\\.", required_strings) == ("www.", "截止目前")
    writer.flush()

    def must_not_run(pattern: str) -> tuple[str, ...] | None:
        raise AssertionError("computed again")

    reader = regexes.ProgramCache()
    assert reader.derived("gate:a", "截止目前|www\\.", must_not_run) == ("www.", "截止目前")
    assert reader.derived("gate:b", "截止目前|www\\.", lambda p: None) is None


def test_rule_pack_key_follows_the_checker_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """A checker whose defaults changed must not be served from a pack pickled before the change."""
    from doclint._cache import disk

    identity = disk._code_identity()
    assert "checkers" + os.sep + "wording.py" in identity and "schema.py" in identity
    files = sorted(builtin_rules_dir().rglob("*.yaml"))[:3]
    before = disk.key_for(files)
    monkeypatch.setattr(disk, "_code_identity", lambda: identity + "\nchanged")
    assert disk.key_for(files) != before
