"""Reading budgets set by a deployment: the ``budget:`` config key, ``--time-limit`` and ``--max-file-mb``
on ``check`` and ``serve``, and the service's settings (issue 15). Defaults are unchanged."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from doclint.cli import main
from doclint.config import Config, load_settings
from doclint.errors import ConfigError
from doclint.linter import Linter
from doclint.model import budget
from fixtures import clean_gbt9704


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".doclint.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_unchanged() -> None:
    """No ``budget:`` key: the module's default limits, the same object as before."""
    assert Linter().limits is budget.LIMITS
    assert Config().budget.limits() is budget.LIMITS
    assert budget.Limits(file_bytes=50 * budget.MiB, part_bytes=16 * budget.MiB,
                                          package_bytes=48 * budget.MiB, seconds=30.0) == budget.LIMITS


def test_budget_key_sets_the_linters_limits(tmp_path: Path) -> None:
    """Each key sets its limit (sizes in MB), the others keep their defaults."""
    path = _config(tmp_path, "budget:\n  seconds: 5\n  part_mb: 1.5\n  file_mb: 2\n  paragraphs: 100\n"
                             "  findings_per_rule: 7\n")
    limits = Linter(load_settings(path).config).limits
    assert (limits.seconds, limits.part_bytes, limits.file_bytes, limits.paragraphs, limits.findings_per_rule) == (
        5.0, int(1.5 * budget.MiB), 2 * budget.MiB, 100, 7)
    assert (limits.package_bytes, limits.characters, limits.tags) == (
        budget.LIMITS.package_bytes, budget.LIMITS.characters, budget.LIMITS.tags)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("fail_on: error\nbudget:\n  seconds: 5\n  secnds: 5\n", 4, "未知配置项“budget.secnds”"),
    ("budget:\n  paragraphs: -3\n", 2, "budget.paragraphs"),
    ("budget:\n  seconds: 无限\n", 2, "budget.seconds"),
    ("budget: 30\n", 1, "budget"),
])
def test_bad_budget_is_refused_and_located(tmp_path: Path, text: str, line: int, words: str) -> None:
    """An unknown, negative or mistyped limit is a configuration error with file and line."""
    path = _config(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        load_settings(path)
    assert f"{path}:{line}:" in str(exc.value)
    assert words in str(exc.value)


def test_cli_option_changes_one_limit_and_keeps_the_files_others(tmp_path: Path) -> None:
    """``--time-limit`` given with a config file that sets ``budget.paragraphs`` keeps both."""
    path = _config(tmp_path, "budget:\n  paragraphs: 100\n")
    limits = load_settings(path, {"budget": {"seconds": 2}}).config.budget.limits()
    assert (limits.seconds, limits.paragraphs) == (2.0, 100)


def _check_json(args: list[str]) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)["files"][0]


def test_config_budget_applies_on_the_cli(tmp_path: Path) -> None:
    """A clean draft over the configured paragraph limit is unreadable (too-complex), exit 1."""
    draft = tmp_path / "请示.docx"
    draft.write_bytes(clean_gbt9704())
    assert _check_json([str(draft)])[1]["verdict"] == "pass"
    _config(tmp_path, "budget:\n  paragraphs: 3\n")
    code, report = _check_json([str(draft)])
    assert (code, report["verdict"], report["error"]["code"]) == (1, "unreadable", "too-complex")


def test_max_file_mb_option(tmp_path: Path) -> None:
    """``--max-file-mb`` below the draft's size refuses it (too-large) before reading it."""
    draft = tmp_path / "请示.docx"
    draft.write_bytes(clean_gbt9704())
    code, report = _check_json(["--no-config", "--max-file-mb", "0.001", str(draft)])
    assert (code, report["verdict"], report["error"]["code"]) == (1, "unreadable", "too-large")
    assert "MB 上限" in report["error"]["message"]


def test_time_limit_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--time-limit`` is the wall-clock budget: with a clock that advances a second per look, a 2 s
    limit stops the check (too-complex), the default 30 s does not."""
    draft = tmp_path / "请示.docx"
    draft.write_bytes(clean_gbt9704())
    clock = itertools.count()
    monkeypatch.setattr(budget.time, "monotonic", lambda: float(next(clock)))
    code, report = _check_json(["--no-config", "--time-limit", "2", str(draft)])
    assert (code, report["verdict"], report["error"]["code"]) == (1, "unreadable", "too-complex")
    assert "2 秒" in report["error"]["message"]


def test_service_takes_the_budget_from_its_config() -> None:
    """The service's checks keep to the deployment's ``budget:`` (threads and worker processes both build
    their Linter from the config)."""
    pytest.importorskip("fastapi")
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")  # as tests/test_server.py does
        from fastapi.testclient import TestClient

    from doclint.server.app import create_app

    config = Config.model_validate({"budget": {"paragraphs": 3}})
    with TestClient(create_app(config)) as client:
        r = client.post("/v1/check", files={"file": ("请示.docx", clean_gbt9704(), "application/octet-stream")})
    report = r.json()["files"][0] if "files" in r.json() else r.json()
    assert (report["verdict"], report["error"]["code"]) == ("unreadable", "too-complex")


def test_serve_time_limit_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``doclint serve --time-limit`` reaches the service's config, on top of the file's other limits."""
    pytest.importorskip("fastapi")
    import doclint.server

    seen: dict[str, Any] = {}
    monkeypatch.setattr(doclint.server, "serve", lambda host, port, config, **kw: seen.update(config=config))
    path = _config(tmp_path, "budget:\n  paragraphs: 100\n")
    result = CliRunner().invoke(main, ["serve", "--config", str(path), "--time-limit", "7"])
    assert result.exit_code == 0, result.output
    limits = seen["config"].budget.limits()
    assert (limits.seconds, limits.paragraphs) == (7.0, 100)
