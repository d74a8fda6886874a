"""Fix every .docx of a folder (text fixes and ``--layout``, tracked) and show that nothing breaks: each
fixed copy opens in python-docx and in doclint's reader, and LibreOffice converts it to PDF and lists
its tracked changes (counted in its flat-ODT export: one ``text:changed-region`` per w:ins, w:del and
formatting change it keeps).

    python scripts/fix_roundtrip.py ../shared/corpus-real /tmp/fixed-real
    python scripts/fix_roundtrip.py corpus/docx /tmp/fixed-corpus

Exits 1 when any copy fails to open.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from doclint import Linter
from doclint.model.docx_reader import read_docx


def _soffice(args: list[str], cwd: Path, profile: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return
    subprocess.run([exe, "--headless", f"-env:UserInstallation={profile.as_uri()}", *args], cwd=cwd,
                   capture_output=True, timeout=600, check=False)


def main() -> int:
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    linter = Linter()
    failed = 0
    made: dict[Path, int] = {}
    for path in sorted(src.glob("*.docx")):
        try:
            result = linter.fix(path.read_bytes(), path.name, layout=True)
        except Exception as exc:  # report and go on: this script is the robustness check
            print(f"{path.name}: fix failed: {type(exc).__name__}: {exc}")
            failed += 1
            continue
        target = out / path.name
        target.write_bytes(result.data)
        d = docx.Document(io.BytesIO(result.data))
        read_docx(result.data)
        marks = sum(1 for tag in ("w:ins", "w:del", "w:rPrChange", "w:pPrChange", "w:sectPrChange")
                    for _ in d.element.body.iter(qn(tag)))
        made[target] = marks
        print(f"{path.name}: text fixes {sum(len(f.fix or ()) for f in result.applied)}, "
              f"layout changes {len(result.layout)}, revision marks in body {marks}")
    if shutil.which("soffice") or shutil.which("libreoffice"):
        with tempfile.TemporaryDirectory() as tmp:
            profile = Path(tmp) / "profile"
            files = [str(p) for p in made]
            _soffice(["--convert-to", "pdf", "--outdir", str(out), *files], out, profile)
            _soffice(["--convert-to", "fodt", "--outdir", str(out), *files], out, profile)
        for target in made:
            pdf, fodt = target.with_suffix(".pdf"), target.with_suffix(".fodt")
            regions = fodt.read_text(encoding="utf-8").count("<text:changed-region") if fodt.exists() else -1
            ok = pdf.exists() and pdf.stat().st_size > 0
            failed += not ok
            print(f"  LibreOffice {target.name}: pdf {'ok' if ok else 'FAILED'}, tracked changes listed {regions}")
    else:
        print("LibreOffice not installed: only python-docx and doclint opened the copies")
    print(f"{len(made)} fixed copies, {failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
