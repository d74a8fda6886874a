"""The drafter's page in a real browser: headless Chromium (Debian's) driven by Playwright.

Uploads a draft built from corpus/, waits for the findings, checks a highlighted finding's
text, downloads the annotated copy and the 退文告知单 and opens them with python-docx; checks
several files at once (picked, dropped, or chosen with the keyboard alone) into the per-file
table; follows a finding's rule link into the served reference; and refreshes
docs/screenshot-web.png when DOCLINT_UPDATE_SCREENSHOT=1. Skips, saying why, when no browser can run.
"""

from __future__ import annotations

import os
import re
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
CLEAN_DOCX = ROOT / "corpus" / "docx" / "clean-baogao-banji.docx"  # a Word draft that passes
WARNINGS_ONLY = ROOT / "corpus" / "请示" / "err-warnings-only.txt"  # passes, with warnings
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
    yield from _page(browser, base_url)


def _page(browser: Any, base_url: str) -> Iterator[Any]:
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


# -- rule links ---------------------------------------------------------------------------


def test_each_finding_links_to_its_rule_in_the_served_reference(page: Any, base_url: str, tmp_path: Path) -> None:
    draft = tmp_path / "关于下达预算指标的请示.txt"
    draft.write_text(ERR.read_text(encoding="utf-8"), encoding="utf-8")
    page.set_input_files("#file", str(draft))
    page.wait_for_selector("#result:not([hidden]) #groups a.rule-link", timeout=60_000)

    findings = page.locator("#groups li").count()
    links = page.eval_on_selector_all("#groups li a.rule-link", """els => els.map(a => ({
        href: a.getAttribute('href'), target: a.target, rel: a.rel, text: a.textContent, title: a.title}))""")
    assert len(links) == findings > 0  # one link on each finding
    assert page.locator("#paras .notes a.rule-link").count() > 0  # and beside the text

    reference = page.request.get(base_url + "/rules")
    assert reference.ok and "text/html" in reference.headers["content-type"]
    anchors = set(re.findall(r' id="([^"]+)"', reference.text()))
    for link in links:
        assert link["href"].startswith("/rules#"), link
        assert link["href"].removeprefix("/rules#") in anchors, link
        assert link["target"] == "_blank" and "noopener" in link["rel"]
        assert link["text"] and "…" not in link["text"]  # the rule's title, not a template
    typo = next(x for x in links if x["href"] == "/rules#wording.typo-lexicon")
    assert typo["text"] == "错别字" and "wording.typo-lexicon" in typo["title"]

    # the link opens a new tab at the rule's section, which says why
    with page.context.expect_page() as info:
        page.locator("#groups a.rule-link[href='/rules#wording.typo-lexicon']").first.click()
    tab = info.value
    tab.wait_for_load_state()
    assert tab.url == base_url + "/rules#wording.typo-lexicon"
    target = tab.locator(":target")
    assert target.get_attribute("id") == "wording.typo-lexicon"
    assert "为什么" in target.inner_text() and "依据" in target.inner_text()
    assert page.url == base_url + "/"  # the checked page stays as it was
    tab.close()


# -- several files --------------------------------------------------------------------------


def _batch_files(tmp_path: Path) -> list[Path]:
    returned = tmp_path / "关于下达预算指标的请示.docx"
    returned.write_bytes(docx_bytes(ERR.read_text(encoding="utf-8")))
    clean = tmp_path / "关于生态环境保护工作情况的报告.docx"
    clean.write_bytes(CLEAN_DOCX.read_bytes())
    bad = tmp_path / "损坏的稿件.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a Word file")
    warned = tmp_path / "关于调整办公用房的请示.txt"
    warned.write_text(WARNINGS_ONLY.read_text(encoding="utf-8"), encoding="utf-8")
    return [returned, clean, bad, warned]


def _wait_for_table(page: Any, n: int) -> dict[str, dict[str, str]]:
    page.wait_for_function(
        "n => document.querySelectorAll('#batch-table tbody tr:not(.detail)').length === n && "
        "!document.querySelector('#batch-table tr[data-verdict=pending]')", arg=n, timeout=120_000)
    rows = page.eval_on_selector_all("#batch-table tbody tr:not(.detail)", """trs => trs.map(tr => ({
        name: tr.querySelector('.file').textContent, verdict: tr.dataset.verdict,
        label: tr.children[1].textContent, error: tr.children[2].textContent, warning: tr.children[3].textContent,
        info: tr.children[4].textContent, unit: tr.children[5].textContent}))""")
    return {r["name"]: r for r in rows}


def test_several_files_give_one_row_each(page: Any, tmp_path: Path) -> None:
    files = _batch_files(tmp_path)
    page.set_input_files("#file", [str(f) for f in files])
    rows = _wait_for_table(page, 4)

    assert list(rows) == [f.name for f in files]  # in the order given
    returned, clean, bad, warned = (rows[f.name] for f in files)
    assert (returned["verdict"], returned["label"]) == ("return", "退文") and int(returned["error"]) > 0
    assert (clean["verdict"], clean["label"]) == ("pass", "通过") and clean["error"] == "0"
    assert clean["unit"] == "青河市生态环境局"  # the real 来文单位, from the draft
    assert (bad["verdict"], bad["label"]) == ("unreadable", "无法读取") and bad["error"] == "—"
    assert (warned["verdict"], warned["error"]) == ("pass", "0") and int(warned["warning"]) > 0
    assert page.inner_text("#batch-summary") == "共4份：通过2份，退文1份，无法读取1份"
    assert page.is_hidden("#result")

    # the unreadable row says so when opened, and offers no downloads
    bad_row = page.locator("#batch-table tbody tr:not(.detail)").nth(2)
    bad_row.locator(".expand").click()
    detail = page.locator("#detail-2")
    assert "文件无法读取，未作检查" in detail.inner_text() and "未发现问题" not in detail.inner_text()
    assert all(b.is_disabled() for b in bad_row.locator("td.dl button").all())
    bad_row.locator(".expand").click()
    assert detail.is_hidden()

    # the returned row expands to its findings, each with its rule link
    row = page.locator("#batch-table tbody tr:not(.detail)").nth(0)
    row.locator(".expand").click()
    assert row.locator(".expand").get_attribute("aria-expanded") == "true"
    detail = page.locator("#detail-0")
    assert "布署" in detail.inner_text()
    assert detail.locator("li").count() == detail.locator("a.rule-link").count() > 0
    assert page.locator("#batch-table tbody tr:not(.detail)").nth(1).locator("td.dl button").nth(2).is_disabled()

    # The README's screenshot (the whole table, one short row open) is refreshed only on request,
    # so a test run leaves the tree clean.
    row.locator(".expand").click()
    page.locator("#batch-table tbody tr:not(.detail)").nth(3).locator(".expand").click()
    shot = SCREENSHOT if os.environ.get("DOCLINT_UPDATE_SCREENSHOT") else tmp_path / "screenshot-web.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    row.locator(".expand").click()

    # per-file downloads as for one file
    with page.expect_download() as info:
        row.locator("td.dl button", has_text="退文告知单").click()
    assert info.value.suggested_filename == "关于下达预算指标的请示（退文告知单）.docx"
    slip = docx.Document(info.value.path())
    assert any("退文告知单" in p.text for p in slip.paragraphs)
    with page.expect_download() as info:
        row.locator("td.dl button", has_text="批注版").click()
    assert any("布署" in c.text for c in docx.Document(info.value.path()).comments)

    # one file in detail, below the table
    detail.locator("button", has_text="逐段查看原文").click()
    page.wait_for_selector("#result:not([hidden]) #paras mark")
    assert page.inner_text("#result-file") == "稿件：关于下达预算指标的请示.docx"
    assert page.evaluate(TYPO_MARKS) == "布署"
    assert page.is_visible("#batch")


def test_several_files_can_be_dropped(page: Any) -> None:
    """Dropped files are checked one by one: a busy service (503) is waited for as it asks,
    a file the service cannot read (a PDF) is marked unreadable without stopping the others, and a
    file over the upload limit is not sent at all."""
    busy: list[str] = []
    sent: list[str] = []

    def first_busy(route: Any) -> None:
        sent.append(route.request.url)
        if not busy:
            busy.append(route.request.url)
            route.fulfill(status=503, headers={"Retry-After": "1"}, content_type="application/json",
                          body='{"error": {"code": "busy", "message": "服务繁忙"}}')
        else:
            route.continue_()

    page.route("**/v1/check*", first_busy)
    text = ERR.read_text(encoding="utf-8")
    page.evaluate("""([text, clean]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], '甲.txt', {type: 'text/plain'}));
        dt.items.add(new File(['%PDF-1.4 not a draft'], '丙.pdf', {type: 'application/pdf'}));
        dt.items.add(new File([clean], '乙.txt', {type: 'text/plain'}));
        dt.items.add(new File([new Uint8Array(21 * 1048576)], '丁.docx'));  // over the 20 MB default
        document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", [text, WARNINGS_ONLY.read_text(encoding="utf-8")])
    rows = _wait_for_table(page, 4)
    assert busy  # one answer was 503, and its file was checked all the same
    assert [(name, r["verdict"]) for name, r in rows.items()] == [
        ("甲.txt", "return"), ("丙.pdf", "unreadable"), ("乙.txt", "pass"), ("丁.docx", "unreadable")]
    assert len(sent) == 4  # three files, one of them twice; 丁.docx never left the page
    page.locator("#batch-table .expand").nth(1).click()
    assert "文件无法读取，未作检查" in page.inner_text("#detail-1")
    page.locator("#batch-table .expand").nth(3).click()
    assert "超过 20 MB 上限" in page.inner_text("#detail-3")


def test_the_page_works_from_the_keyboard(page: Any, base_url: str, tmp_path: Path) -> None:
    def tab_to(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#drop")
    # Enter opens the file picker (its click); the picker itself is the browser's, so the files are
    # then given to the input as the picker would (headless Chromium shows a picker only sometimes)
    page.evaluate("() => { window.picked = 0; "
                  "document.getElementById('file').addEventListener('click', () => window.picked++); }")
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.picked") == 1
    assert page.evaluate("() => document.getElementById('file').multiple")
    files = _batch_files(tmp_path)
    page.set_input_files("#file", [str(files[0]), str(files[2])])
    rows = _wait_for_table(page, 2)
    assert [r["verdict"] for r in rows.values()] == ["return", "unreadable"]

    tab_to("#batch-table .expand")
    page.keyboard.press("Enter")
    assert page.get_attribute("#batch-table .expand", "aria-expanded") == "true"
    assert page.is_visible("#detail-0")
    tab_to("#detail-0 a.rule-link")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href.startswith("/rules#")
    rule_id = href.removeprefix("/rules#")
    assert f' id="{rule_id}"' in page.request.get(base_url + "/rules").text()
    # the visible focus ring: keyboard users see where they are
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")

    # in the detailed view, each finding in the list is reachable and shows its place
    tab_to("#detail-0 button.small")
    page.keyboard.press("Enter")
    page.wait_for_selector("#result:not([hidden]) #groups li")
    tab_to("#groups li")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash")
