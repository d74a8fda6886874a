"""Configuration: discovery upward, validation with file and line, overrides, house words."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main
from doclint.config import Config, find_config, load_settings
from doclint.errors import ConfigError
from doclint.linter import Linter

DRAFT = (
    "包头市财政局关于购置办公设备的请示\n包头市人民政府：\n我局拟购置办公设备一批，所需经费从年度预算中列支。\n"
    "妥否，请批示。\n包头市财政局\n2024年5月6日\n（联系人：李明，联系电话：0472-1234567）\n"
)


def test_nearest_config_wins(tmp_path: Path) -> None:
    """A sub-folder's .doclint.yaml governs files below it; the parent's governs the rest."""
    (tmp_path / ".doclint.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    sub = tmp_path / "dept"
    sub.mkdir()
    (sub / ".doclint.yaml").write_text("ignore: [wording]\n", encoding="utf-8")
    assert find_config(sub / "a.txt") == sub / ".doclint.yaml"
    assert find_config(tmp_path / "b.txt") == tmp_path / ".doclint.yaml"


def test_pyproject_tool_table(tmp_path: Path) -> None:
    """[tool.doclint] in pyproject.toml is read."""
    (tmp_path / "pyproject.toml").write_text('[tool.doclint]\nselect = ["wording"]\n', encoding="utf-8")
    settings = load_settings(find_config(tmp_path / "x.txt"))
    assert settings.config.select == ["wording"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [("fail_on: error\nignor: [x]\n", 2, "未知配置项“ignor”"), ("limits: {请示: -5}\n", 1, "limits"),
     ("type: 申请\n", 1, "未知文种")],
)
def test_bad_config_is_located(tmp_path: Path, text: str, line: int, words: str) -> None:
    """An unknown key or a bad value names the file and line."""
    cfg = tmp_path / ".doclint.yaml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(cfg)
    assert f".doclint.yaml:{line}" in str(info.value)
    assert words in str(info.value)


def test_cli_uses_folder_config_and_exits_2_on_bad_one(tmp_path: Path) -> None:
    """The CLI applies the folder's limits; a broken config exits 2 with the location."""
    draft = tmp_path / "请示.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, [str(draft)]).exit_code == 0
    (tmp_path / ".doclint.yaml").write_text("limits: {请示: 10}\n", encoding="utf-8")
    result = runner.invoke(main, [str(draft), "--no-color"])
    assert result.exit_code == 1
    assert "length.qingshi-max" in result.stdout
    assert runner.invoke(main, [str(draft), "--no-config"]).exit_code == 0
    (tmp_path / ".doclint.yaml").write_text("colour: red\n", encoding="utf-8")
    result = runner.invoke(main, [str(draft)])
    assert result.exit_code == 2
    assert ".doclint.yaml:1" in result.stderr


def test_config_show_names_sources(tmp_path: Path) -> None:
    """`doclint config show` prints each key's value and where it came from."""
    (tmp_path / ".doclint.yaml").write_text("count: hanzi\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["config", "show", str(tmp_path)])
    assert result.exit_code == 0
    assert "count = 'hanzi'" in result.stdout
    assert ".doclint.yaml" in result.stdout
    assert "默认值" in result.stdout


def test_types_by_filename_pattern() -> None:
    """A filename pattern sets the document type."""
    cfg = Config(types={"*请示*": "请示"})
    assert cfg.type_for("收文/关于经费的请示.txt") == "请示"
    assert cfg.type_for("收文/情况.txt") is None


def test_protected_terms_and_house_words() -> None:
    """Protected terms silence wording/residue rules; house words add wrong → right pairs."""
    text = DRAFT.replace("我局拟购置", "XX科技公司承建，我局拟购置其它")
    plain = Linter(Config()).check_text(text)
    assert any(f.rule == "residue.placeholder" for f in plain.findings)
    guarded = Linter(Config(protected_terms=["XX科技公司"])).check_text(text)
    assert not any(f.rule == "residue.placeholder" for f in guarded.findings)
    house = Linter(Config(words=[{"wrong": "办公设备", "right": "办公用品"}])).check_text(DRAFT)  # type: ignore[list-item]
    assert [f.suggestion for f in house.findings if f.rule == "wording.house-words"] == ["办公用品"] * 2  # title, body


def _readme_config() -> str:
    """The config example as the README shows it (the first yaml block under ## 配置)."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 配置"):]
    start = section.index("```yaml\n") + len("```yaml\n")
    return section[start : section.index("```", start)]


README_CONFIG = _readme_config()


def test_readme_config_example_keeps_the_national_layout(tmp_path: Path) -> None:
    """The README's config example loads as written and keeps the GB/T 9704 layout (no demo profile)."""
    (tmp_path / ".doclint.yaml").write_text(README_CONFIG, encoding="utf-8")
    config = load_settings(tmp_path / ".doclint.yaml").config
    assert config.profile == "gbt9704"
    assert config.unit == "包头市财政局" and config.office == "包头市人民政府办公室"
