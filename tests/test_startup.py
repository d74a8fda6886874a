"""Start-up stays lean: what a cold command imports and compiles (no timing assertions).

Each test runs doclint in a fresh interpreter and looks at ``sys.modules`` or at what had to be
compiled, so a heavy import or an uncached pattern that creeps back onto the start-up path is caught.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from doclint._cache import disk, regexes
from doclint.outputs.reporters.text import _NARROW, _WIDE_RANGES, _known_width, width

ROOT = Path(__file__).resolve().parent.parent
DRAFT = "\n".join([
    "包头市财政局关于优化营商环境工作的请示",
    "包头市人民政府：",
    "为深入贯彻落实市委、市政府关于优化营商环境的决策部署，我局截至目前已完成审批事项清理52项。",
    "妥否，请批示。",
    "包头市财政局",
    "2024年5月6日",
])

# Run a command of the group in-process, then print the modules it imported (as JSON).
_PROBE = """
import json, sys
from doclint.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


@pytest.fixture
def cache_env(tmp_path: Path) -> dict[str, str]:
    """A private cache folder, seeded with the packed lexicon when this machine already has one
    (building it takes seconds); regex programs and rules start empty."""
    cache = tmp_path / "cache"
    cache.mkdir()
    mine = disk.cache_dir()
    if mine is not None and mine.is_dir():
        for f in mine.glob("lexicon-*"):
            shutil.copy(f, cache / f.name)
    env = {k: v for k, v in os.environ.items() if k not in ("DOCLINT_NO_CACHE", "PYTHONPROFILEIMPORTTIME")}
    env["DOCLINT_CACHE_DIR"] = str(cache)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def _modules(env: dict[str, str], *args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env,
                         check=True, stdin=subprocess.DEVNULL).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def test_version_and_help_import_no_checking_machinery(cache_env: dict[str, str]) -> None:
    heavy = ("pydantic", "regex", "lxml", "msgspec", "marisa_trie", "yaml", "doclint.rules", "doclint.linter",
             "doclint.model", "doclint.anatomy.doc_type")
    assert _loaded(_modules(cache_env, "--help"), heavy) == []  # help lists every command: their modules load
    assert _loaded(_modules(cache_env, "--version"), (*heavy, "doclint.cli.check", "doclint.cli.service")) == []


def test_a_folder_without_drafts_loads_no_rules(cache_env: dict[str, str], tmp_path: Path) -> None:
    """The pre-commit hook (or a script) run on a folder with nothing to check stays at click's cost."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.py").write_text("x = 1\n", encoding="utf-8")
    modules = _modules(cache_env, "check", str(folder))
    assert _loaded(modules, ("pydantic", "regex", "lxml", "doclint.rules", "doclint.linter", "doclint.batch")) == []


def test_a_cold_check_imports_only_what_checking_needs(cache_env: dict[str, str], tmp_path: Path) -> None:
    """With warm disk caches, a check neither parses YAML nor builds a pydantic validator (whose
    plugin lookup scans installed packages), nor loads the server, annotate or wcwidth."""
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    _modules(cache_env, "check", str(draft), "-q")  # fills the caches, as any earlier run would
    for args in (["-q"], [], ["--format", "json"]):
        modules = _modules(cache_env, "check", str(draft), *args)
        unwanted = ("yaml", "wcwidth", "doclint.server", "fastapi", "doclint.outputs.annotate", "doclint.cli.service",
                    "doclint.cli.fix", "jieba")
        if "json" not in args:  # JSON needs the report serializer (and pydantic imports its plugin loader)
            unwanted += ("importlib.metadata", "pydantic.plugin._loader")
        assert _loaded(modules, unwanted) == [], args


def test_a_cold_check_with_warm_caches_compiles_no_pattern(cache_env: dict[str, str], tmp_path: Path) -> None:
    """Every pattern compiled on the way (rules, reader, anatomy, text) is served from the disk cache
    on the next start, including those first compiled while checking."""
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    docx_draft = tmp_path / "draft.docx"
    shutil.copy(next(iter(sorted((ROOT / "corpus").rglob("*.docx")))), docx_draft)
    for target in (draft, docx_draft):
        subprocess.run([sys.executable, "-m", "doclint.cli", "check", str(target), "-q"], env=cache_env,
                       capture_output=True, check=False, stdin=subprocess.DEVNULL)
    probe = (
        "import sys\n"
        "from doclint._cache import regexes\n"
        "seen = []\n"
        "regexes._record = lambda p, f: seen.append(p) or (_ for _ in ()).throw(AssertionError(p))\n"
        "regexes._record_std = regexes._record\n"
        "from doclint.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('recompiled:', seen)\n"
    )
    for target in (draft, docx_draft):
        out = subprocess.run([sys.executable, "-c", probe, "--debug", "check", str(target), "-q"], env=cache_env,
                             capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
        assert "recompiled: []" in out.stdout, (target.suffix, out.stdout[-2000:], out.stderr[-2000:])


def test_replayed_std_programs_equal_fresh_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard-library patterns recorded to disk and replayed compare equal to ``re.compile`` and match alike."""
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("DOCLINT_NO_CACHE", raising=False)
    patterns: list[tuple[str | bytes, int]] = [
        ("[^\u4e00-\u9fff\u3001-\u303f\uff01-\uff60]", 0),
        ("(?P<year>\\d{4})年(\\d{1,2})月", 0),
        ("(?i)doclint|公文", 0),
        ("^第.+条$", int(re.MULTILINE)),
        (b"<w:t(?: [^>]*)?>", 0),
    ]
    writer = regexes.ProgramCache()
    for pat, flags in patterns:
        writer.compile_std(pat, flags)
    writer.flush()
    reader = regexes.ProgramCache()
    text = (ROOT / "seeds").glob("*.txt")
    sample = "\n".join(p.read_text(encoding="utf-8") for p in sorted(text))[:20000] + "\n第一条\nDocLint公文"
    for pat, flags in patterns:
        assert (pat, f"re/{flags}") in reader._loaded()
        replayed = reader.compile_std(pat, flags)
        fresh = re.compile(pat, flags)
        assert replayed == fresh and replayed.groupindex == fresh.groupindex
        subject: str | bytes = sample.encode() if isinstance(pat, bytes) else sample
        assert [m.span() for m in replayed.finditer(subject)] == [m.span() for m in fresh.finditer(subject)]  # type: ignore[arg-type]


def test_bad_std_pattern_raises_like_re(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(tmp_path))
    with pytest.raises(re.error):
        regexes.ProgramCache().compile_std("[unclosed")


def test_width_fast_path_agrees_with_wcwidth() -> None:
    """The characters whose width the text output knows without wcwidth have wcwidth's width."""
    wcwidth = pytest.importorskip("wcwidth")
    chars = sorted(_NARROW) + [chr(o) for lo, hi in _WIDE_RANGES for o in range(lo, hi + 1)]
    assert [c for c in chars if _known_width(c) != wcwidth.wcwidth(c)] == []
    for s in ("包头市财政局：", "第3段 第12字", "“截止”应为“截至”", "〔2024〕5号", "a\u0301b", "\x1b[31m红", "👍🏽", ""):
        assert width(s) == (max(0, wcwidth.wcswidth(s)) if s.isprintable()
                            else sum(max(0, wcwidth.wcwidth(c)) for c in s)), s


def test_per_document_patterns_stay_out_of_the_disk_cache(cache_env: dict[str, str], tmp_path: Path) -> None:
    """Patterns built from a draft's own words (a defined short name) are not written to the start-up
    cache, which would otherwise grow with every draft checked and be loaded by every start."""
    import pickle

    draft = tmp_path / "draft.txt"
    text = DRAFT.replace("我局截至目前", "试点监测局截至目前，试点监测局（以下简称“监测局”）")
    draft.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "doclint.cli", "check", str(draft), "-q"], env=cache_env,
                   capture_output=True, check=False, stdin=subprocess.DEVNULL)
    stored = list(Path(cache_env["DOCLINT_CACHE_DIR"]).glob("regex-*.pickle"))
    assert stored
    with open(stored[0], "rb") as fh:
        keys = pickle.load(fh)
    assert not [k for k in keys if isinstance(k[0], str) and "监测局" in k[0]]


# After a command, the pydantic models whose validator or serializer was built (core schema).
_BUILT_PROBE = """
import json, sys
from doclint.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
from pydantic import BaseModel

def walk(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from walk(sub)

models = {f"{c.__module__}.{c.__qualname__}" for c in walk(BaseModel) if c.__module__.startswith("doclint")}
print(json.dumps({"models": len(models), "built": sorted(
    f"{c.__module__}.{c.__qualname__}" for c in walk(BaseModel)
    if c.__module__.startswith("doclint") and c.__pydantic_complete__)}))
"""


def test_a_cold_text_check_builds_no_pydantic_schema(cache_env: dict[str, str], tmp_path: Path) -> None:
    """Defining a model is cheap with ``defer_build``; building its core schema (validation,
    ``model_dump``, ``model_validate``) costs ~1 ms a model and imports pydantic's plugin loader.
    A warm-cache check in text, ``-q`` or github output of a .txt and a .docx builds none: rules come
    from the pickle and findings are made with ``model_construct``. JSON builds only the report's."""
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    docx_draft = tmp_path / "draft.docx"
    shutil.copy(next(iter(sorted((ROOT / "corpus").rglob("*.docx")))), docx_draft)
    for target in (draft, docx_draft):
        subprocess.run([sys.executable, "-m", "doclint.cli", "check", str(target), "-q"], env=cache_env,
                       capture_output=True, check=False, stdin=subprocess.DEVNULL)

    def built(*args: str) -> dict[str, object]:
        out = subprocess.run([sys.executable, "-c", _BUILT_PROBE, *args], capture_output=True, text=True,
                             env=cache_env, check=False, stdin=subprocess.DEVNULL)
        found: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
        return found

    for target in (draft, docx_draft):
        for args in (["-q"], [], ["--format", "github"]):
            found = built("check", str(target), *args)
            assert found["models"], (target.suffix, args)  # the probe sees the models at all
            assert found["built"] == [], (target.suffix, args)
    json_built = built("check", str(draft), "--format", "json")["built"]
    assert isinstance(json_built, list)
    assert json_built and all(name.startswith("doclint.findings.") for name in json_built), json_built


def test_serve_and_watch_get_the_collectors_usual_thresholds_back() -> None:
    """Importing the command line raises the young-generation threshold for one-shot commands; the
    long-running ones (serve, watch) restore what the interpreter had."""
    import gc

    import doclint.cli
    from doclint.cli.common import long_lived

    before = gc.get_threshold()
    try:
        long_lived()
        assert gc.get_threshold() == doclint.cli.GC_DEFAULT
        assert doclint.cli.GC_DEFAULT[0] < 100_000
    finally:
        gc.set_threshold(*before)
