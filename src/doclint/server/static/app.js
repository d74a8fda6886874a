/* doclint page: upload or paste a draft, show the verdict, findings by category and the text
   with each finding highlighted in place; several files at once give a table, one row a file.
   Plain script, no build step, no network but this server. */
(function () {
  "use strict";
  var META = JSON.parse(document.getElementById("meta").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var chosenFiles = [];    // the Files picked or dropped
  var checked = null;      // the source shown in the detailed view: {file} or {text}
  var BATCH_WORKERS = 2;   // files checked at once; the service queues or answers 503 beyond its own limit
  var batchRun = 0;        // a new batch stops the workers of the previous one

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function status(message, isError) {
    $("status").textContent = message;
    $("status").className = isError ? "error" : "";
  }

  META.types.forEach(function (t) { var o = el("option", null, t); o.value = t; $("doc-type").append(o); });
  if (META.tokenRequired) $("token-row").hidden = false;
  $("token").value = sessionStorage.getItem("doclint-token") || "";

  function authHeaders() {
    var token = $("token").value.trim();
    if (!token) return {};
    sessionStorage.setItem("doclint-token", token);
    return { Authorization: "Bearer " + token };
  }

  function request(source) {
    var docType = $("doc-type").value;
    if (source.file) {
      var form = new FormData();
      form.append("file", source.file, source.file.name);
      if (docType) form.append("doc_type", docType);
      return { body: form, headers: authHeaders() };
    }
    var headers = authHeaders();
    headers["Content-Type"] = "application/json";
    return { body: JSON.stringify({ text: source.text, filename: "粘贴文本.txt", doc_type: docType || null }), headers: headers };
  }

  async function post(path, source) {
    var req = request(source);
    var res;
    try {
      res = await fetch(path, { method: "POST", body: req.body, headers: req.headers });
    } catch (e) {
      throw new Error("无法连接检查服务，请确认服务仍在运行");
    }
    if (res.status === 401) $("token-row").hidden = false;
    if (!res.ok) {
      var message = "请求未完成（" + res.status + "）";
      try { var j = await res.json(); if (j.error && j.error.message) message = j.error.message; } catch (e) { /* not JSON */ }
      var failure = new Error(message);
      failure.status = res.status;
      failure.retryAfter = parseFloat(res.headers.get("Retry-After") || "") || 2;
      throw failure;
    }
    return res;
  }

  function currentSource() {
    if (chosenFiles.length) return { file: chosenFiles[0] };
    var text = $("paste").value;
    return text.trim() ? { text: text } : null;
  }

  function tooLarge(file) {
    return file.size > META.maxUploadMb * 1048576 ? "文件超过 " + META.maxUploadMb + " MB 上限，请压缩图片或拆分后再检查" : null;
  }

  async function runCheck() {
    if (chosenFiles.length > 1) { runBatch(chosenFiles); return; }
    batchRun += 1;
    $("batch").hidden = true;
    $("result-file").hidden = true;
    var source = currentSource();
    if (!source) { status("请先选择或拖入稿件，或粘贴文字", true); return; }
    if (source.file && tooLarge(source.file)) { status(tooLarge(source.file), true); return; }
    status("正在检查，请稍候…");
    $("check").disabled = true;
    try {
      var res = await post("/v1/check?include_text=true", source);
      var report = await res.json();
      checked = source;
      render(report);
      status("检查完成：" + report.path);
    } catch (e) {
      status(e.message, true);
    } finally {
      $("check").disabled = false;
    }
  }

  function choose(fileList) {
    var files = Array.from(fileList || []);
    if (!files.length) return;
    chosenFiles = files;
    $("paste").value = "";
    var names = files.slice(0, 5).map(function (f) { return f.name; }).join("、");
    $("file-name").textContent = files.length === 1 ? "已选择：" + names
      : "已选择" + files.length + "份：" + names + (files.length > 5 ? "等" : "");
    runCheck();
  }

  // -- rendering ---------------------------------------------------------------------------

  function place(f) {
    var loc = f.location;
    var out = META.parts[loc.part] || "";
    if (loc.table !== undefined && loc.table !== null) {
      out += " 第" + (loc.table + 1) + "个表格第" + (loc.row + 1) + "行第" + (loc.cell + 1) + "列";
    }
    if (loc.paragraph !== null && loc.paragraph !== undefined) out += " 第" + (loc.paragraph + 1) + "段";
    return out;
  }

  function inText(f, count) {
    var loc = f.location;
    return (loc.part === "body" || loc.part === "attachment") && (loc.table === undefined || loc.table === null) &&
      loc.paragraph !== null && loc.paragraph < count;
  }

  function ruleLink(f) {
    var info = META.ruleInfo[f.rule] || [f.rule, ""];
    var a = el("a", "rule-link", info[0]);
    a.href = "/rules#" + encodeURIComponent(f.rule);
    a.target = "_blank";
    a.rel = "noopener";
    a.title = "规则 " + f.rule + (info[1] ? "：" + info[1] : "") + "（在新标签页打开规则说明）";
    a.addEventListener("click", function (e) { e.stopPropagation(); });
    return a;
  }

  function ruleRef(f) {  // “规则：<link>” after a note
    var span = el("span", "rule-ref", "规则：");
    span.append(ruleLink(f));
    return span;
  }

  function where(f) {
    var span = el("span", "where", (place(f) ? place(f) + " · " : "") + "规则：");
    span.append(ruleLink(f));
    return span;
  }

  function noteText(item) {
    var f = item.f;
    return f.message + (f.suggestion ? "。建议：" + f.suggestion : "") + (f.suppressed ? "（已豁免）" : "");
  }

  function countOf(report) {
    var counts = { error: 0, warning: 0, info: 0 };
    (report.findings || []).forEach(function (f) { if (!f.suppressed) counts[f.severity] += 1; });
    return counts;
  }

  // What may be downloaded for a checked file, and why not (the buttons' tooltips).
  function downloads(report, source) {
    var isDocx = !!(source && source.file && /\.docx$/i.test(source.file.name));
    var unreadable = report.verdict === "unreadable";
    var fixes = (report.findings || []).filter(function (f) { return f.fix && !f.suppressed; }).length;
    return {
      annotated: { ok: isDocx && !unreadable,
        why: !isDocx ? "批注版只适用于 Word（.docx）稿件" : unreadable ? "文件无法读取，不能生成批注版" : "把每个问题写成 Word 批注的副本" },
      fixed: { ok: isDocx && !unreadable && fixes > 0,
        why: !isDocx ? "修订版只适用于 Word（.docx）稿件" : unreadable ? "文件无法读取，不能生成修订版"
          : fixes ? "把" + fixes + "处可机械改正的问题写成 Word 修订，逐条接受或拒绝" : "没有可自动改正的问题" },
      slip: { ok: report.verdict === "return",
        why: report.verdict === "pass" ? "稿件通过，无需退文告知单"
          : unreadable ? "文件无法读取，未作检查，不能出具退文告知单" : "下载退文告知单（.docx）" }
    };
  }

  function render(report) {
    $("result").hidden = false;
    $("input").classList.add("compact");
    var paragraphs = report.paragraphs || [];
    var items = report.findings.map(function (f) { return { f: f, n: 0 }; });
    items.sort(function (a, b) {
      var pa = inText(a.f, paragraphs.length) ? a.f.location.paragraph : -1;
      var pb = inText(b.f, paragraphs.length) ? b.f.location.paragraph : -1;
      return pa - pb || (a.f.location.start || 0) - (b.f.location.start || 0);
    });
    items.forEach(function (it, i) { it.n = i + 1; });
    var counts = countOf(report);

    var box = $("verdict");
    box.className = "verdict " + report.verdict;
    $("verdict-label").textContent = META.verdicts[report.verdict];
    var detail;
    if (report.verdict === "unreadable") {
      detail = "文件无法读取：" + (report.error ? report.error.message : "");
    } else {
      var source = { option: "按所选", title: "据标题判断", content: "据正文判断" }[report.doc_type_source] || "";
      detail = "须修改 " + counts.error + " 处，建议修改 " + counts.warning + " 处，提示 " + counts.info + " 处 · 文种：" +
        (report.doc_type ? report.doc_type + "（" + source + "）" : "未能判断") + " · 正文 " + report.stats.body_chars + " 字";
    }
    $("verdict-detail").textContent = detail;
    $("type-hint").hidden = !(report.doc_type === null && report.verdict !== "unreadable");

    var unreadable = report.verdict === "unreadable";
    var offer = downloads(report, checked);
    ["annotated", "fixed", "slip"].forEach(function (k) {
      $("dl-" + k).disabled = !offer[k].ok;
      $("dl-" + k).title = offer[k].why;
    });

    renderGroups(items, unreadable ? report.error : null);
    renderText(paragraphs, items);
  }

  function renderGroups(items, unreadable) {
    var groups = $("groups");
    groups.replaceChildren();
    if (unreadable) {  // nothing was checked: “no problems” would be a false all-clear
      groups.append(el("p", "muted", "文件无法读取，未作检查：" + (unreadable.message || "")));
      return;
    }
    if (!items.length) { groups.append(el("p", "muted", "未发现问题。")); return; }
    Object.keys(META.categories).forEach(function (cat) {
      var mine = items.filter(function (it) { return it.f.category === cat; });
      if (!mine.length) return;
      var group = el("section", "group");
      group.dataset.category = cat;
      var h = el("h3", null, META.categories[cat]);
      h.append(el("span", "count", String(mine.filter(function (it) { return !it.f.suppressed; }).length)));
      group.append(h);
      var list = el("ol");
      mine.forEach(function (it) {
        var li = el("li", it.f.suppressed ? "waived" : "");
        li.append(el("span", "tag " + it.f.severity, META.severities[it.f.severity]));
        li.append(document.createTextNode(it.n + ". " + noteText(it)));
        li.append(where(it.f));
        li.tabIndex = 0;  // Enter shows the finding in the text, as a click does
        li.addEventListener("click", function () { focus(it); });
        li.addEventListener("keydown", function (e) {
          if (e.target === li && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); focus(it); }
        });
        list.append(li);
      });
      group.append(list);
      groups.append(group);
    });
  }

  function worst(items) {
    var rank = { error: 2, warning: 1, info: 0 };
    return items.reduce(function (w, it) { return rank[it.f.severity] > rank[w] ? it.f.severity : w; }, "info");
  }

  function highlighted(text, spans) {
    var chars = Array.from(text); // offsets count code points, like Python
    var cuts = [0, chars.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    var frag = document.createDocumentFragment();
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1];
      var segment = chars.slice(a, b).join("");
      var cover = spans.filter(function (s) { return s.start <= a && s.end >= b; });
      if (!cover.length) {
        frag.append(segment);
      } else {
        var mark = el("mark", worst(cover.map(function (s) { return s.item; })), segment);
        mark.dataset.f = cover.map(function (s) { return s.item.n; }).join(" ");
        mark.dataset.rules = cover.map(function (s) { return s.item.f.rule; }).join(" ");
        mark.title = cover.map(function (s) { return s.item.n + ". " + s.item.f.message; }).join("\n");
        cover.forEach(function (s) { if (s.start === a) mark.id = "f-" + s.item.n; });
        frag.append(mark);
      }
      spans.forEach(function (s) { if (s.end === b) frag.append(el("sup", "ref", String(s.item.n))); });
    }
    return frag;
  }

  function renderText(paragraphs, items) {
    var notes = $("doc-notes"), paras = $("paras");
    notes.replaceChildren();
    paras.replaceChildren();
    var elsewhere = items.filter(function (it) { return !inText(it.f, paragraphs.length); });
    if (elsewhere.length) {
      notes.append(el("p", "muted", "全文及表格、页眉页脚中的问题："));
      var ul = el("ul");
      elsewhere.forEach(function (it) {
        var li = el("li", it.f.suppressed ? "waived" : "");
        li.id = "f-" + it.n;
        li.append(el("span", "tag " + it.f.severity, META.severities[it.f.severity]));
        li.append(document.createTextNode(it.n + ". " + place(it.f) + "：" + noteText(it)));
        li.append(ruleRef(it.f));
        ul.append(li);
      });
      notes.append(ul);
    }
    if (!paragraphs.length) { paras.append(el("p", "muted", "（没有可显示的正文）")); return; }
    paragraphs.forEach(function (text, i) {
      var mine = items.filter(function (it) { return inText(it.f, paragraphs.length) && it.f.location.paragraph === i; });
      var length = Array.from(text).length;
      var spans = [], whole = [];
      mine.forEach(function (it) {
        var loc = it.f.location;
        if (loc.start === null || loc.end === null || loc.start >= length) { whole.push(it); return; }
        var end = Math.min(Math.max(loc.end, loc.start + 1), length);
        spans.push({ start: loc.start, end: end, item: it });
      });
      var row = el("div", "para" + (whole.length ? " whole" : ""));
      row.id = "p-" + i;
      whole.forEach(function (it) { row.dataset.whole = (row.dataset.whole ? row.dataset.whole + " " : "") + it.n; });
      var p = el("p", "text");
      p.append(el("span", "num", String(i + 1)));
      p.append(highlighted(text, spans));
      row.append(p);
      var list = el("ol", "notes");
      mine.forEach(function (it) {
        var li = el("li", it.f.severity + (it.f.suppressed ? " waived" : ""));
        li.append(el("span", "tag " + it.f.severity, META.severities[it.f.severity]));
        li.append(document.createTextNode(it.n + ". " + noteText(it)));
        li.append(ruleRef(it.f));
        list.append(li);
      });
      row.append(list);
      paras.append(row);
    });
  }

  function focus(item) {
    var target = $("f-" + item.n) || (item.f.location.paragraph !== null ? $("p-" + item.f.location.paragraph) : null);
    if (!target) return;
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    target.classList.add("flash");
    setTimeout(function () { target.classList.remove("flash"); }, 2500);
  }

  // -- several files: one table row each ----------------------------------------------------

  var DL = [["annotated", "批注版", "/v1/annotate", "批注版.docx"], ["fixed", "修订版", "/v1/fix", "修订版.docx"],
            ["slip", "退文告知单", "/v1/slip?format=docx", "退文告知单.docx"]];

  function sleep(seconds) { return new Promise(function (resolve) { setTimeout(resolve, seconds * 1000); }); }

  function unreadableReport(file, message) {
    return { path: file.name, verdict: "unreadable", findings: [], error: { message: message }, stats: {} };
  }

  function batchRow(file, i) {
    var tr = el("tr", "pending");
    tr.dataset.verdict = "pending";
    var name = el("td", "name");
    var toggle = el("button", "expand");
    toggle.type = "button";
    toggle.disabled = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", "detail-" + i);
    toggle.append(el("span", "caret", "▸"), el("span", "file", file.name));
    toggle.title = file.name + "（展开或收起本份稿件的问题）";  // a long name is cut short in the cell
    name.append(toggle);
    var verdict = el("td", "verdict-cell", "排队等候");
    var cells = { error: el("td", "n"), warning: el("td", "n"), info: el("td", "n") };
    var unit = el("td", "unit");
    var dl = el("td", "dl");
    tr.append(name, verdict, cells.error, cells.warning, cells.info, unit, dl);
    var detail = el("tr", "detail");
    detail.id = "detail-" + i;
    detail.hidden = true;
    var box = el("td");
    box.colSpan = 7;
    detail.append(box);
    $("batch-table").tBodies[0].append(tr, detail);
    var row = { file: file, source: { file: file }, tr: tr, detail: detail, box: box, toggle: toggle, verdict: verdict,
                cells: cells, unit: unit, dl: dl, report: null };
    toggle.addEventListener("click", function () { expand(row, toggle.getAttribute("aria-expanded") !== "true"); });
    return row;
  }

  function expand(row, open) {
    row.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    row.toggle.querySelector(".caret").textContent = open ? "▾" : "▸";
    row.detail.hidden = !open;
    row.tr.classList.toggle("open", open);
  }

  function finish(row, report) {
    row.report = report;
    var v = report.verdict;
    row.tr.className = v;
    row.tr.dataset.verdict = v;
    row.verdict.replaceChildren(el("span", "verdict-tag " + v, META.verdicts[v]));
    var counts = countOf(report);
    ["error", "warning", "info"].forEach(function (s) {
      row.cells[s].textContent = v === "unreadable" ? "—" : String(counts[s]);
    });
    if (report.unit) row.unit.textContent = report.unit;
    else row.unit.append(el("span", "muted", v === "unreadable" ? "—" : "未注明单位"));
    var offer = downloads(report, row.source);
    DL.forEach(function (d) {
      var b = el("button", "small", d[1]);
      b.type = "button";
      b.disabled = !offer[d[0]].ok;
      b.title = offer[d[0]].why;
      b.setAttribute("aria-label", "下载" + row.file.name + "的" + d[1]);
      b.addEventListener("click", function () { download(d[2], d[3], row.source); });
      row.dl.append(b);
    });
    fillDetail(row);
    row.toggle.disabled = false;
  }

  function fillDetail(row) {
    var report = row.report, box = row.box;
    box.replaceChildren();
    if (report.verdict === "unreadable") {  // nothing was checked: never “未发现问题”
      box.append(el("p", "unreadable-note", "文件无法读取，未作检查：" + (report.error ? report.error.message : "")));
      return;
    }
    var head = el("p", "muted small");
    head.textContent = "文种：" + (report.doc_type || "未能判断") + " · 正文" + report.stats.body_chars + "字";
    var more = el("button", "small", "逐段查看原文与标注");
    more.type = "button";
    more.addEventListener("click", function () { showDetail(row); });
    head.append(" ", more);
    box.append(head);
    var active = report.findings.filter(function (f) { return !f.suppressed; });
    if (!active.length) { box.append(el("p", "muted", "未发现问题。")); return; }
    var list = el("ol", "file-findings");
    report.findings.forEach(function (f, k) {
      var li = el("li", f.suppressed ? "waived" : "");
      li.append(el("span", "tag " + f.severity, META.severities[f.severity]));
      li.append(document.createTextNode((k + 1) + ". " + noteText({ f: f })));
      li.append(where(f));
      list.append(li);
    });
    box.append(list);
  }

  function showDetail(row) {
    checked = row.source;
    $("result-file").textContent = "稿件：" + row.file.name;
    $("result-file").hidden = false;
    render(row.report);
    $("result").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  async function checkRow(row, run) {
    var big = tooLarge(row.file);
    if (big) { finish(row, unreadableReport(row.file, big)); return; }
    row.verdict.textContent = "正在检查…";
    for (var attempt = 0; ; attempt++) {
      try {
        var res = await post("/v1/check?include_text=true", row.source);
        finish(row, await res.json());
        return;
      } catch (e) {
        if (e.status === 503 && attempt < 20 && run === batchRun) {  // the service is full: wait as it asks
          row.verdict.textContent = "服务繁忙，稍后重试…";
          await sleep(Math.min(e.retryAfter, 30));
          continue;
        }
        finish(row, unreadableReport(row.file, e.message));  // this file only; the others go on
        return;
      }
    }
  }

  function summarize(rows, done) {
    var n = { pass: 0, return: 0, unreadable: 0 };
    rows.forEach(function (r) { if (r.report) n[r.report.verdict] += 1; });
    var text = "共" + rows.length + "份：通过" + n.pass + "份，退文" + n.return + "份，无法读取" + n.unreadable + "份";
    if (!done) text += "（已检查" + (n.pass + n.return + n.unreadable) + "份）";
    $("batch-summary").textContent = text;
    return text;
  }

  async function runBatch(files) {
    var run = ++batchRun;
    checked = null;
    $("result").hidden = true;
    $("input").classList.add("compact");
    $("batch-table").tBodies[0].replaceChildren();
    $("batch").hidden = false;
    var rows = files.map(batchRow);
    var next = 0;
    summarize(rows, false);
    status("正在逐份检查" + files.length + "份稿件，请稍候…");
    $("check").disabled = true;
    async function worker() {
      while (next < rows.length && run === batchRun) {
        var row = rows[next++];
        await checkRow(row, run);
        if (run === batchRun) summarize(rows, false);
      }
    }
    var workers = [];
    for (var w = 0; w < Math.min(BATCH_WORKERS, rows.length); w++) workers.push(worker());
    await Promise.all(workers);
    if (run !== batchRun) return;
    $("check").disabled = false;
    status("检查完成。" + summarize(rows, true) + "。点击文件名展开问题。");
  }

  // -- downloads ---------------------------------------------------------------------------

  function nameFrom(disposition) {
    var m = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    return m ? decodeURIComponent(m[1]) : null;
  }

  async function download(path, fallback, source) {
    source = source || checked;
    if (!source) return;
    try {
      var res = await post(path, source);
      if (res.status === 204) { status("稿件通过，无需退文告知单"); return; }
      var blob = await res.blob();
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = nameFrom(res.headers.get("Content-Disposition")) || fallback;
      document.body.append(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
      status("已下载：" + a.download);
    } catch (e) {
      status(e.message, true);
    }
  }

  // -- wiring ------------------------------------------------------------------------------

  var drop = $("drop");
  drop.addEventListener("click", function (e) { if (!e.target.closest(".pick")) $("file").click(); });
  drop.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("file").click(); } });
  drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    choose(e.dataTransfer.files);
  });
  $("file").addEventListener("change", function () { choose($("file").files); $("file").value = ""; });
  $("paste").addEventListener("input", function () {
    if (chosenFiles.length) { chosenFiles = []; $("file-name").textContent = "将检查粘贴的文字"; }
  });
  $("check").addEventListener("click", runCheck);
  $("doc-type").addEventListener("change", function () { if (checked && $("batch").hidden) runCheck(); });
  $("dl-annotated").addEventListener("click", function () { download("/v1/annotate", "批注版.docx"); });
  $("dl-fixed").addEventListener("click", function () { download("/v1/fix", "修订版.docx"); });
  $("dl-slip").addEventListener("click", function () { download("/v1/slip?format=docx", "退文告知单.docx"); });
})();
