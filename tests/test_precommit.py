"""The pre-commit hook, run by pre-commit itself on a temporary git repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (
    "包头市财政局关于购置办公设备的请示\n包头市人民政府：\n我局拟购置办公设备一批，所需经费从年度预算中列支。\n"
    "妥否，请批示。\n包头市财政局\n2024年5月6日\n（联系人：李明，联系电话：0472-1234567）\n"
)


def _docx(path: Path, text: str) -> None:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    d.save(str(path))


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.slow  # builds a virtual environment for the hook: ~20-36 s
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """`pre-commit try-repo` installs doclint's hook and blocks a returned draft, passes a clean one."""
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit 未安装（pip install '.[test]' 会安装）")
    if not (ROOT / ".git").exists():
        pytest.skip("不在 git 仓库中，pre-commit try-repo 无法运行")
    repo = tmp_path / "drafts"
    repo.mkdir()
    _git(repo, "init", "-q")
    _docx(repo / "good.docx", CLEAN)
    _docx(repo / "bad.docx", CLEAN.replace("我局", "截止目前我局"))
    # The drafts are built without GB/T 9704 fonts and margins: the hook is judged on content here.
    (repo / ".doclint.yaml").write_text("ignore: [layout]\n", encoding="utf-8")
    (repo / "README.md").write_text("# 说明\n截止目前尚无（此为说明文件，不是公文）\n", encoding="utf-8")
    _git(repo, "add", ".")
    env_home = tmp_path / "cache"

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "try-repo", str(ROOT), "doclint", "--files", *files],
            check=False, cwd=repo, capture_output=True, text=True, encoding="utf-8", timeout=900,
            env={"PRE_COMMIT_HOME": str(env_home), "PATH": "/usr/bin:/bin:" + str(Path(sys.executable).parent),
                 "HOME": str(tmp_path)},
        )

    ok = hook("good.docx")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    notes = hook("README.md")  # only .docx by default: a README never blocks a commit
    assert notes.returncode == 0, notes.stdout + notes.stderr
    bad = hook("bad.docx")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "wording.jiezhi-jiezhi" in bad.stdout
