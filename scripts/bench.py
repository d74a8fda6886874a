"""Speed benchmark: cold CLI vs the python-docx floor, warm per-document time, batch throughput, memory.

Usage: python scripts/bench.py [--runs 5] [--batch 500] [--markdown] [--texts DIR] [--cpu]
       python scripts/bench.py --commands | --segments [--runs 9] [--cpu] [--markdown]
Prints medians; never used by tests (speed is measured, not asserted).

Two kinds of draft: a synthetic one that repeats one paragraph (cheap for every per-paragraph
memo), and drafts of distinct paragraphs of published documents (``--texts``, default
``../shared/real-texts`` beside the repository, else the repository's corpus drafts). The warm
figures are given both for re-checking one file (every memo hit) and for text the process has
never seen (a different draft each time, and doclint's text-keyed memos emptied first).
``--cpu`` reports the cold runs' CPU time (user + system of the child) instead of wall time:
on a shared machine wall time mostly measures the neighbours.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doclint import Linter

PARAGRAPH = (
    "为深入贯彻落实市委、市政府关于优化营商环境的决策部署，进一步提升政务服务效能，"
    "我局坚持问题导向，截至目前已完成审批事项清理52项，压缩办理时限40%以上，群众满意度明显提高。"
)


def make_docx(path: Path, chars: int) -> None:
    """A 请示-shaped draft of about ``chars`` characters in GB/T 9704 fonts."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    d.add_paragraph("包头市财政局关于优化营商环境工作的请示")
    d.add_paragraph("包头市人民政府：")
    n = 0
    i = 0
    while n < chars:
        i += 1
        text = f"（{i}）" + PARAGRAPH if i % 7 else f"{i // 7}.加强组织领导。" + PARAGRAPH
        d.add_paragraph(text)
        n += len(text)
    d.add_paragraph("妥否，请批示。")
    d.add_paragraph("包头市财政局")
    d.add_paragraph("2024年5月6日")
    d.save(str(path))


def real_paragraphs(folder: Path | None) -> list[str]:
    """Body paragraphs (20 characters or more) of clean published or corpus texts, in file order."""
    repo = Path(__file__).resolve().parent.parent
    if folder is None:
        shared = repo.parent / "shared" / "real-texts"
        files = sorted(shared.glob("*.txt")) if shared.is_dir() else sorted((repo / "corpus").rglob("*.txt"))
    else:
        files = sorted(folder.glob("*.txt"))
    out: list[str] = []
    for f in files:
        lines = [x.strip() for x in f.read_text(encoding="utf-8").splitlines()]
        out += [x for x in lines[3:] if len(x) >= 20]  # past title, 发文字号, 主送
    if not out:
        raise SystemExit("no paragraphs of real text found (give --texts DIR of .txt files)")
    return out


def make_real_docx(path: Path, chars: int, pool: list[str], rng: random.Random) -> None:
    """A 通知-shaped draft of about ``chars`` characters: distinct published paragraphs in random order."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    d.add_paragraph("包头市人民政府办公室关于进一步做好有关工作的通知")
    d.add_paragraph("各旗、县、区人民政府，市直各有关部门：")
    order = rng.sample(pool, len(pool))
    n = 0
    for text in order:
        if n >= chars:
            break
        d.add_paragraph(text)
        n += len(text)
    d.add_paragraph("包头市人民政府办公室")
    d.add_paragraph("2024年5月6日")
    d.save(str(path))


def once(cmd: list[str], cpu: bool = False) -> float:
    """Wall time (or the child's CPU time) of one run of a command, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used if cpu else wall


def interleaved(a: list[str], b: list[str], runs: int, cpu: bool = False) -> tuple[float, float]:
    """Median times of two commands run alternately, so both see the same load on a noisy machine."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(once(a, cpu))
        tb.append(once(b, cpu))
    return statistics.median(ta), statistics.median(tb)


def forget_text() -> None:
    """Empty doclint's text-keyed memos (segmentation, spelling suspects, wildcard fills), so the
    next check pays for its text as a first sight would; compiled rules and the lexicon stay."""
    from doclint.text import segment, spelling
    from doclint.text.lexicon import lexicon

    for module in (segment, spelling):
        for obj in vars(module).values():
            if callable(getattr(obj, "cache_clear", None)):
                obj.cache_clear()
    fills = getattr(lexicon(), "_fills", None)
    if isinstance(fills, dict):
        fills.clear()


def unseen_ms(linter: Linter, drafts: dict[int, list[Path]]) -> dict[int, float]:
    """Median warm check time per size over drafts the process has not seen, memos emptied before each."""
    check = linter.check_path
    samples: dict[int, list[float]] = {n: [] for n in drafts}
    rounds = max(len(v) for v in drafts.values())
    for k in range(rounds):
        for n, paths in drafts.items():
            if k < len(paths):
                forget_text()
                t = time.perf_counter()
                check(paths[k])
                samples[n].append(time.perf_counter() - t)
    return {n: statistics.median(v) * 1000 for n, v in samples.items()}


def child_peak_mb(cmd: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of the largest child process of one run."""
    code = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True).stdout
    seconds, mb = out.split()
    return float(seconds), float(mb)


def warm_ms(linter: Linter, sizes: dict[int, Path], rounds: int, per_round: int) -> tuple[dict[int, float], dict[int, float]]:
    """Median warm check time per size, without and with gc.freeze() (what doclint's own
    processes do once the Linter is built). This VM's speed drifts by a third over seconds,
    so both modes and all sizes take turns in several rounds and see the same drift."""
    check = linter.check_path
    samples: dict[tuple[int, bool], list[float]] = {(n, f): [] for n in sizes for f in (False, True)}
    for p in sizes.values():
        check(p)
    for _ in range(rounds):
        for frozen in (False, True):
            if frozen:
                gc.freeze()
            for n, p in sizes.items():
                for _ in range(per_round):
                    t = time.perf_counter()
                    check(p)
                    samples[(n, frozen)].append(time.perf_counter() - t)
            if frozen:
                gc.unfreeze()
    med = {k: statistics.median(v) * 1000 for k, v in samples.items()}
    return {n: med[(n, False)] for n in sizes}, {n: med[(n, True)] for n in sizes}


def commands_table(args: argparse.Namespace) -> None:
    """Median start-up of the commands that check nothing, run alternately with a bare interpreter."""
    doclint = [sys.executable, "-m", "doclint.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "notes"
        empty.mkdir()
        (empty / "README.md.bak").write_text("no drafts here\n", encoding="utf-8")
        cases = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ("doclint --version", [*doclint, "--version"]),
            ("doclint check 无稿件的文件夹", [*doclint, "check", str(empty)]),
            ("doclint rules", [*doclint, "rules"]),
            ("doclint explain wording.jiezhi-jiezhi", [*doclint, "explain", "wording.jiezhi-jiezhi"]),
        ]
        once(cases[1][1])  # caches filled, as by any earlier run
        times: dict[str, list[float]] = {name: [] for name, _ in cases}
        for _ in range(args.runs):
            for name, cmd in cases:
                times[name].append(once(cmd, args.cpu))
    clock = "CPU 时间" if args.cpu else "墙钟时间"
    if args.markdown:
        print(f"| 命令 | {clock}（中位数，{args.runs} 次交替） |\n| --- | --- |")
    for name, values in times.items():
        ms = f"{statistics.median(values) * 1000:.0f} ms"
        print(f"| {name} | {ms} |" if args.markdown else f"{name}: {ms}")


# A cold check cut into steps, in one fresh interpreter: CPU ms after each import or step. The
# imports come in the order a check needs them, so each figure is that step's own (marginal) cost.
_SEGMENTS = """
import time, sys
marks = [("start", time.process_time())]
def mark(name): marks.append((name, time.process_time()))
import gc; gc.set_threshold(100_000)
import click; mark("import click")
import pydantic.main, pydantic.fields; mark("import pydantic")
import regex, msgspec, lxml.etree, marisa_trie; mark("import regex, msgspec, lxml, marisa_trie")
from pydantic import BaseModel
import doclint.findings; mark("doclint.findings (report models)")
import doclint.rules.schema; mark("doclint.rules.schema (rule models)")
import doclint.config; mark("doclint.config (settings models)")
import doclint.cli, doclint.cli.check; mark("doclint.cli (group, check command)")
import doclint.model.docx_reader, doclint.batch, doclint.linter, doclint.pipeline.source
import doclint.outputs.reporters.text; mark("other doclint modules (reader, pipeline, anatomy)")
from doclint.rules.loader import load_rules, builtin_rules_dir
rules = load_rules([builtin_rules_dir()]); mark("load_rules (pickle; imports rules/checkers)")
from doclint.config import load_settings
from doclint.linter import Linter
linter = Linter(load_settings(None, {}).config, rules); mark("Linter() (kinds, profiles, checkers)")
def walk(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from walk(sub)
models = sum(1 for c in walk(BaseModel) if c.__module__.startswith("doclint"))
from pathlib import Path
from doclint.model import budget
from doclint.pipeline.source import Source, read_source
doc = Path(sys.argv[1])
with budget.active(linter.limits):
    document = read_source(Source.of_path(doc, None)); mark("read the .docx")
    from doclint.text.lexicon import lexicon
    lexicon(); mark("open the lexicon")
    report = linter._check_safely(document, Source.of_path(doc, None)); mark("check")
from doclint.outputs.reporters import text
text.verdict_line(report, False, "error"); mark("render")
print(repr(([(n, (marks[i][1] - marks[i - 1][1]) * 1000) for i, (n, _) in enumerate(marks) if i], models)))
"""


def segments_table(args: argparse.Namespace) -> None:
    """Where a cold check of the 5000-字 draft spends its CPU time, step by step (minimum and median
    over fresh interpreters, warm disk caches), beside the interpreter's own start and the floor."""
    import ast

    with tempfile.TemporaryDirectory() as tmp:
        d5 = Path(tmp) / "d5k.docx"
        make_docx(d5, 5000)
        once([sys.executable, "-m", "doclint.cli", "check", str(d5), "-q", "--no-color"])  # caches filled
        steps: dict[str, list[float]] = {}
        start, floor, models = [], [], 0
        for _ in range(args.runs):
            start.append(once([sys.executable, "-c", "pass"], cpu=True) * 1000)
            floor.append(once([sys.executable, "-c", f"import docx; docx.Document({str(d5)!r})"], cpu=True) * 1000)
            out = subprocess.run([sys.executable, "-c", _SEGMENTS, str(d5)], capture_output=True, text=True,
                                 check=True).stdout
            marks, models = ast.literal_eval(out.strip().splitlines()[-1])
            for name, ms in marks:
                steps.setdefault(name, []).append(ms)
    rows = [("interpreter start (python -c pass)", start), *steps.items(),
            ("floor: python -c 'import docx; docx.Document(...)'", floor)]
    if args.markdown:
        print(f"| step (CPU, {args.runs} fresh interpreters) | min ms | median ms |\n| --- | --- | --- |")
    for name, values in rows:
        cells = (name, f"{min(values):.1f}", f"{statistics.median(values):.1f}")
        print("| " + " | ".join(cells) + " |" if args.markdown else f"{cells[0]}: {cells[1]} / {cells[2]}")
    total = [sum(v[i] for v in steps.values()) for i in range(args.runs)]
    print(f"steps total (median): {statistics.median(total) + statistics.median(start):.0f} ms "
          f"with the interpreter start; {models} doclint pydantic models defined")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--markdown", action="store_true", help="print a table for the README")
    parser.add_argument("--texts", type=Path, default=None,
                        help="folder of clean .txt documents for the realistic drafts (default ../shared/real-texts)")
    parser.add_argument("--unseen", type=int, default=5, help="distinct unseen drafts per size for the warm figure")
    parser.add_argument("--cpu", action="store_true", help="cold runs: CPU time of the child, not wall time")
    parser.add_argument("--commands", action="store_true",
                        help="only the start-up of the other commands (--version, rules, explain, an empty folder)")
    parser.add_argument("--segments", action="store_true",
                        help="only the cold check cut into steps (imports, rule loading, reading, checking)")
    args = parser.parse_args()
    if args.commands:
        commands_table(args)
        return
    if args.segments:
        segments_table(args)
        return
    pool = real_paragraphs(args.texts)
    rng = random.Random(17)
    doclint = [sys.executable, "-m", "doclint.cli"]
    import compileall

    import doclint as package
    from doclint import Linter

    # An installed package has its bytecode compiled by pip; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every cold start.
    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sizes = {1000: root / "d1k.docx", 5000: root / "d5k.docx", 20000: root / "d20k.docx"}
        for n, p in sizes.items():
            make_docx(p, n)
        batch = root / "batch"
        batch.mkdir()
        for i in range(args.batch):
            make_docx(batch / f"d{i:04}.docx", 1500 + (i % 5) * 300)

        unseen = {n: [root / f"u{n // 1000}k-{k}.docx" for k in range(args.unseen)] for n in sizes}
        for n, paths in unseen.items():
            for p in paths:
                make_real_docx(p, n, pool, rng)
        real5 = root / "real5k.docx"
        make_real_docx(real5, 5000, pool, rng)

        d5 = str(sizes[5000])
        once([*doclint, "check", d5, "-q", "--no-color"])  # fills the start-up caches, as any earlier run would
        floor, cold = interleaved([sys.executable, "-c", f"import docx; docx.Document({d5!r})"],
                                  [*doclint, "check", d5, "-q", "--no-color"], args.runs, args.cpu)
        real_floor, real_cold = interleaved([sys.executable, "-c", f"import docx; docx.Document({str(real5)!r})"],
                                            [*doclint, "check", str(real5), "-q", "--no-color"], args.runs, args.cpu)
        _, real_cold_text = interleaved([sys.executable, "-c", "pass"],
                                        [*doclint, "check", str(real5), "--no-color"], args.runs, args.cpu)
        linter = Linter()

        warm, warm_frozen = warm_ms(linter, sizes, rounds=max(args.runs, 5), per_round=10)
        warm_unseen = unseen_ms(linter, unseen)
        _, one_mb = child_peak_mb([*doclint, "check", d5, "-q", "--no-color"])
        batch_runs = [child_peak_mb([*doclint, "check", str(batch), "-q", "--no-color"]) for _ in range(3)]
        batch_s = statistics.median(t for t, _ in batch_runs)
        batch_mb = max(mb for _, mb in batch_runs)
        small = root / "small"
        small.mkdir()
        for p in sorted(batch.iterdir())[:100]:
            (small / p.name).write_bytes(p.read_bytes())
        _, small_mb = child_peak_mb([*doclint, "check", str(small), "-q", "--no-color"])

    clock = "CPU 时间" if args.cpu else "墙钟时间"
    rows = [
        ("机器", f"{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}"),
        (f"冷启动 doclint check -q（5000字 .docx，同一段重复，{clock}）", f"{cold * 1000:.0f} ms"),
        ("下限：python -c 'import docx; docx.Document(...)'", f"{floor * 1000:.0f} ms"),
        ("冷启动 / 下限", f"{cold / floor:.2f}×"),
        (f"冷启动 doclint check -q（5000字 .docx，已发布公文的不同段落，{clock}）",
         f"{real_cold * 1000:.0f} ms（下限 {real_floor * 1000:.0f} ms，{real_cold / real_floor:.2f}×）"),
        ("同上，完整文本输出（不加 -q）", f"{real_cold_text * 1000:.0f} ms（{real_cold_text / real_floor:.2f}×）"),
        ("热检查 Linter.check_path 1k / 5k / 20k 字：重查同一文件", " / ".join(f"{warm[n]:.1f} ms" for n in sorted(warm))),
        ("同上，gc.freeze() 之后（doclint 命令与服务进程的做法）",
         " / ".join(f"{warm_frozen[n]:.1f} ms" for n in sorted(warm_frozen))),
        (f"热检查 1k / 5k / 20k 字：未见过的文本（每档 {args.unseen} 份不同稿件，先清空按文本的缓存）",
         " / ".join(f"{warm_unseen[n]:.1f} ms" for n in sorted(warm_unseen))),
        (f"批量 doclint check 文件夹（{args.batch} 份）", f"{args.batch / batch_s:.0f} 份/秒（{batch_s:.1f} s）"),
        ("峰值内存：单份 / 100 份 / 批量", f"{one_mb:.0f} MB / {small_mb:.0f} MB / {batch_mb:.0f} MB（每进程）"),
    ]
    if args.markdown:
        print("| 项目 | 结果 |\n| --- | --- |")
        for k, v in rows:
            print(f"| {k} | {v} |")
    else:
        for k, v in rows:
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
