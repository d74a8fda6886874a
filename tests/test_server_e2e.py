"""The drafter's page in a real browser: headless Chromium (Debian's) driven by Playwright.

Uploads a draft built from corpus/, waits for the findings, checks a highlighted finding's
text, downloads the annotated copy and the 退文告知单 and opens them with python-docx, and
refreshes docs/screenshot-web.png when DOCLINT_UPDATE_SCREENSHOT=1. Skips, saying why, when no browser can run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from docx_builder import plain_docx as docx_bytes

pytest.importorskip("fastapi", reason="需要 doclint[serve]（fastapi、uvicorn）")
pytest.importorskip("uvicorn", reason="需要 doclint[serve]（uvicorn）")

from doclint.server import create_app, running

playwright_api = pytest.importorskip("playwright.sync_api", reason="需要 Python 包 playwright 才能驱动浏览器")

ROOT = Path(__file__).resolve().parent.parent
ERR = ROOT / "corpus" / "请示" / "err-docnumber.txt"
SCREENSHOT = ROOT / "docs" / "screenshot-web.png"
CHROMIUM = os.environ.get("DOCLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or ""
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
TYPO_MARKS = """() => Array.from(document.querySelectorAll('mark'))
    .filter(m => m.dataset.rules.split(' ').includes('wording.typo-lexicon'))
    .map(m => m.textContent).join('')"""

if not CHROMIUM or not Path(CHROMIUM).exists():
    pytest.skip("没有找到 Chromium（apt-get install chromium，或用 DOCLINT_CHROMIUM 指定路径）：跳过浏览器端到端测试",
                allow_module_level=True)




@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with running(create_app()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except playwright_api.Error as exc:
            pytest.skip(f"Chromium（{CHROMIUM}）无法启动，跳过浏览器端到端测试：{str(exc).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 860}, accept_downloads=True, locale="zh-CN")
    pg = context.new_page()
    urls: list[str] = []
    pg.on("request", lambda r: urls.append(r.url))
    pg.goto(base_url + "/")
    yield pg
    context.close()
    outside = [u for u in urls if not u.startswith((base_url, "blob:", "data:"))]
    assert not outside, f"the page fetched from elsewhere: {outside}"


def test_drafter_uploads_a_docx(page: Any, tmp_path: Path) -> None:
    draft = tmp_path / "关于下达预算指标的请示.docx"
    draft.write_bytes(docx_bytes(ERR.read_text(encoding="utf-8")))
    page.set_input_files("#file", str(draft))
    page.wait_for_selector("#result:not([hidden]) #paras mark", timeout=60_000)

    assert page.inner_text("#verdict-label") == "退文"
    assert "须修改" in page.inner_text("#verdict-detail")
    # the highlighted text is exactly the flagged text, and its message stands beside it
    assert page.evaluate(TYPO_MARKS) == "布署"
    assert "布署" in page.inner_text("#p-8 .notes")
    # findings grouped by category, with Chinese labels and counts
    groups = page.inner_text("#groups")
    assert "用词" in groups and "标点符号" in groups
    assert page.locator("#groups .group[data-category='wording'] .count").inner_text().isdigit()

    # The README's screenshot is refreshed only on request, so a test run leaves the tree clean.
    shot = SCREENSHOT if os.environ.get("DOCLINT_UPDATE_SCREENSHOT") else tmp_path / "screenshot-web.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    with page.expect_download() as info:
        page.click("#dl-annotated")
    annotated = info.value
    assert annotated.suggested_filename == "关于下达预算指标的请示（批注）.docx"
    doc = docx.Document(annotated.path())
    assert any("布署" in c.text for c in doc.comments)

    with page.expect_download() as info:
        page.click("#dl-slip")
    slip = docx.Document(info.value.path())
    assert any("退文告知单" in p.text for p in slip.paragraphs)


def test_drafter_pastes_text_and_picks_the_type(page: Any) -> None:
    text = "\n".join(line for line in ERR.read_text(encoding="utf-8").splitlines()[1:] if "请示" not in line)
    page.click("#paste-box summary")
    page.fill("#paste", text)
    page.select_option("#doc-type", "请示")
    page.click("#check")
    page.wait_for_selector("#result:not([hidden])", timeout=60_000)
    page.wait_for_function("document.getElementById('verdict-detail').textContent.includes('文种：请示（按所选）')")
    assert page.evaluate(TYPO_MARKS) == "布署"
    assert page.is_disabled("#dl-annotated")  # comments need a Word file
    assert page.is_enabled("#dl-slip")


def test_unreadable_file_is_not_shown_as_clean(page: Any, tmp_path: Path) -> None:
    """A file that cannot be read says so, lists no “未发现问题”, and offers no 退文告知单."""
    bad = tmp_path / "损坏的稿件.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a Word file")
    page.set_input_files("#file", str(bad))
    page.wait_for_selector("#result:not([hidden])", timeout=60_000)
    page.wait_for_function("document.getElementById('verdict-label').textContent === '无法读取'")
    groups = page.inner_text("#groups")
    assert "未发现问题" not in groups and "无法读取" in groups
    assert page.is_disabled("#dl-slip")
    assert page.is_disabled("#dl-annotated")
