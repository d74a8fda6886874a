"""``GET /rules``: the rules reference served by the service, so the page's rule links work
on an intranet with no internet; anchors as in docs/rules.md."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="需要 doclint[serve]（fastapi）")
pytest.importorskip("httpx", reason="需要 httpx（测试客户端）")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

from doclint.config import Config
from doclint.linter import Linter
from doclint.server import create_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(create_app()) as c:
        yield c


def _ids(html: str) -> list[str]:
    return re.findall(r' id="([^"]+)"', html)


def test_every_rule_and_alias_has_its_anchor(client: Any) -> None:
    res = client.get("/rules")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/html")
    ids = _ids(res.text)
    assert len(ids) == len(set(ids))  # anchors are unique
    rules = Linter().all_rules
    for rule in rules:
        assert rule.id in ids and all(a in ids for a in rule.aliases)
    # the same anchors as the generated docs/rules.md, which SARIF helpUri points at
    markdown_anchors = set(re.findall(r'<a id="([^"]+)"></a>', (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")))
    assert markdown_anchors <= set(ids)
    # one section per rule, with why and source, under the security policy (no inline script or style)
    assert res.text.count('<section class="rule"') == len(rules)
    assert res.text.count("<dt>为什么</dt>") == len(rules) and res.text.count("<dt>依据</dt>") == len(rules)
    assert "<script" not in res.text and "style=" not in res.text
    assert not re.search(r'(href|src)="(https?:)?//', res.text)  # nothing from outside the service


def test_reference_escapes_rule_text_and_marks_disabled_rules() -> None:
    rule = next(r for r in Linter().all_rules if r.id == "wording.typo-lexicon")
    config = Config.model_validate({"ignore": [rule.id]})
    with TestClient(create_app(config)) as c:
        html = c.get("/rules").text
    section = html.split(f'id="{rule.id}"', 1)[1].split("</section>", 1)[0]
    assert "本服务未启用" in section
    assert "<dd>" + rule.why.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") \
        .replace("'", "&#x27;") in section


def test_the_page_knows_each_rule_title_for_its_links(client: Any) -> None:
    html = client.get("/").text
    meta = json.loads(html.split('<script type="application/json" id="meta">', 1)[1].split("</script>", 1)[0])
    info = meta["ruleInfo"]
    assert set(info) == {r.id for r in Linter().all_rules}
    assert info["wording.typo-lexicon"][0] == "错别字" and info["wording.typo-lexicon"][1]
