/* doclint page: upload or paste a draft, show the verdict, findings by category and the text
   with each finding highlighted in place. Plain script, no build step, no network but this server. */
(function () {
  "use strict";
  var META = JSON.parse(document.getElementById("meta").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var chosenFile = null;   // the File picked or dropped
  var checked = null;      // the source of the last check: {file} or {text}

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
      throw new Error(message);
    }
    return res;
  }

  function currentSource() {
    if (chosenFile) return { file: chosenFile };
    var text = $("paste").value;
    return text.trim() ? { text: text } : null;
  }

  async function runCheck() {
    var source = currentSource();
    if (!source) { status("请先选择或拖入稿件，或粘贴文字", true); return; }
    if (source.file && source.file.size > META.maxUploadMb * 1048576) {
      status("文件超过 " + META.maxUploadMb + " MB 上限，请压缩图片或拆分后再检查", true);
      return;
    }
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

  function choose(file) {
    if (!file) return;
    chosenFile = file;
    $("paste").value = "";
    $("file-name").textContent = "已选择：" + file.name;
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

  function noteText(item) {
    var f = item.f;
    return f.message + (f.suggestion ? "。建议：" + f.suggestion : "") + (f.suppressed ? "（已豁免）" : "");
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
    var active = items.filter(function (it) { return !it.f.suppressed; });
    var counts = { error: 0, warning: 0, info: 0 };
    active.forEach(function (it) { counts[it.f.severity] += 1; });

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

    var isDocx = !!(checked && checked.file && /\.docx$/i.test(checked.file.name));
    $("dl-annotated").disabled = !isDocx || report.verdict === "unreadable";
    $("dl-annotated").title = isDocx ? "把每个问题写成 Word 批注的副本" : "批注版只适用于 Word（.docx）稿件";
    var fixes = report.findings.filter(function (f) { return f.fix && !f.suppressed; }).length;
    $("dl-fixed").disabled = !isDocx || report.verdict === "unreadable" || fixes === 0;
    $("dl-fixed").title = !isDocx ? "修订版只适用于 Word（.docx）稿件" : fixes ? "把 " + fixes + " 处可机械改正的问题写成 Word 修订，逐条接受或拒绝" : "没有可自动改正的问题";
    var unreadable = report.verdict === "unreadable";
    $("dl-slip").disabled = report.verdict === "pass" || unreadable;
    $("dl-slip").title = report.verdict === "pass" ? "稿件通过，无需退文告知单"
      : unreadable ? "文件无法读取，未作检查，不能出具退文告知单" : "";

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
        li.append(el("span", "where", place(it.f) + " · " + it.f.rule));
        li.addEventListener("click", function () { focus(it); });
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

  // -- downloads ---------------------------------------------------------------------------

  function nameFrom(disposition) {
    var m = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    return m ? decodeURIComponent(m[1]) : null;
  }

  async function download(path, fallback) {
    if (!checked) return;
    try {
      var res = await post(path, checked);
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
    choose(e.dataTransfer.files[0]);
  });
  $("file").addEventListener("change", function () { choose($("file").files[0]); $("file").value = ""; });
  $("paste").addEventListener("input", function () {
    if (chosenFile) { chosenFile = null; $("file-name").textContent = "将检查粘贴的文字"; }
  });
  $("check").addEventListener("click", runCheck);
  $("doc-type").addEventListener("change", function () { if (checked) runCheck(); });
  $("dl-annotated").addEventListener("click", function () { download("/v1/annotate", "批注版.docx"); });
  $("dl-fixed").addEventListener("click", function () { download("/v1/fix", "修订版.docx"); });
  $("dl-slip").addEventListener("click", function () { download("/v1/slip?format=docx", "退文告知单.docx"); });
})();
