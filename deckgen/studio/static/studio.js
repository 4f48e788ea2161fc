// deckgen studio: the page. It keeps the outline's data tree, draws forms from the
// format (GET /api/session -> spec), and sends every edit to the server, which saves
// it, lays the deck out as `deckgen build` does and answers with the slides as SVG.
// All text from the user or the server goes into the page through textContent and
// form values; the only markup inserted is the server's slide drawings (escaped there).
"use strict";

const $ = (id) => document.getElementById(id);
const S = { token: "", spec: null, themes: [], libreoffice: false, talk: null, data: null, sel: { type: "deck" },
  slides: new Map(), issues: [], findings: [], errors: [], saveTimer: 0, checkTimer: 0, yamlTimer: 0, editStarted: 0, saving: 0, templates: [] };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function toast(message, kind) {
  const box = $("toast");
  box.textContent = message;
  box.className = "toast" + (kind ? " " + kind : "");
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, kind === "error" ? 8000 : 3000);
}

function describeError(body, fallback) {
  if (!body) return fallback;
  const lines = [body.error || fallback];
  for (const issue of body.issues || []) lines.push((issue.file ? issue.file + " " : "") + (issue.line ? "第 " + issue.line + " 行：" : "") + issue.message);
  return lines.join("\n");
}

async function api(method, url, body, headers) {
  const options = { method, headers: Object.assign({ "X-Deckgen-Token": S.token }, headers || {}) };
  if (body !== undefined) {
    if (body instanceof Blob) options.body = body;
    else { options.body = JSON.stringify(body); options.headers["Content-Type"] = "application/json"; }
  }
  let response;
  try { response = await fetch(url, options); } catch (e) { throw new Error("无法连接 deckgen：请确认启动它的窗口还开着。"); }
  let answer = null;
  try { answer = await response.json(); } catch (e) { answer = null; }
  if (!response.ok) { const error = new Error(describeError(answer, "出错了（" + response.status + "）")); error.body = answer; throw error; }
  return answer;
}

function upload(url, file) {
  return api("POST", url, file, { "X-Filename": encodeURIComponent(file.name) });
}

// ---------- start page ----------
async function showHome() {
  S.talk = null;
  location.hash = "";
  $("home-view").hidden = false; $("talk-view").hidden = true; $("talk-actions").hidden = true;
  $("talk-name").textContent = "";
  document.title = "deckgen 演示文稿工作室";
  const list = (await api("GET", "/api/projects")).projects;
  const ul = $("recent");
  ul.replaceChildren();
  for (const project of list) {
    const when = project.updated ? new Date(project.updated * 1000).toLocaleString("zh-CN", { hour12: false }) : "";
    ul.append(el("li", {}, el("a", { href: "#talk=" + project.id, onclick: (e) => { e.preventDefault(); openTalk(project.id); } },
      el("span", { text: project.name || project.source || "未命名" }), el("span", { class: "when", text: when }))));
  }
  $("recent-empty").hidden = list.length > 0;
}

async function uploadSpeech(file) {
  const message = $("upload-message");
  message.hidden = true;
  $("upload-busy").hidden = false;
  try {
    const answer = await upload("/api/projects", file);
    if (answer.projects.length > 1) toast("这个文件里有 " + answer.projects.length + " 篇讲话，已分别建好，先打开第一篇。");
    showTalk(answer.talk);
  } catch (e) {
    message.textContent = e.message; message.className = "message error"; message.hidden = false;
  } finally {
    $("upload-busy").hidden = true;
    $("file-input").value = "";
  }
}

// ---------- a talk ----------
async function openTalk(id) {
  try { showTalk(await api("GET", "/api/projects/" + encodeURIComponent(id))); }
  catch (e) { toast(e.message, "error"); showHome(); }
}

function showTalk(talk) {
  S.talk = talk; S.data = talk.data; S.sel = { type: "deck" };
  S.slides.clear(); $("slides").replaceChildren();
  location.hash = "talk=" + talk.id;
  $("home-view").hidden = true; $("talk-view").hidden = false; $("talk-actions").hidden = false;
  $("download-pdf").hidden = !S.libreoffice; $("lo-preview").hidden = !S.libreoffice;
  applyTalk(talk, { form: true });
  scheduleCheck(0);
}

// Take the server's answer after a save: YAML, data (when it loads), preview.
function applyTalk(talk, { form, since }) {
  S.talk = talk;
  const name = (talk.data && talk.data.title) || talk.name || "未命名";
  $("talk-name").textContent = name;
  document.title = name + " · deckgen";
  if (document.activeElement !== $("yaml")) $("yaml").value = talk.yaml;
  $("undo").disabled = !talk.undo;
  if (talk.data) S.data = talk.data;
  showPreview(talk.preview);
  renderTree();
  if (form) renderForm();
  renderSettings();
  if (since && since === S.editStarted && !(talk.preview && talk.preview.errors.length)) {
    // No newer edit since this one: the page now shows it. (Read by the browser test.)
    const ms = Math.round(performance.now() - since);
    document.body.dataset.previewMs = String(ms);
    setStatus("已保存 · 预览已更新（" + (ms / 1000).toFixed(2) + " 秒）");
  }
}

function showPreview(preview) {
  if (!preview) return;
  S.errors = preview.errors; S.findings = preview.findings;
  const box = $("preview-errors");
  if (preview.errors.length) {
    box.textContent = "大纲有错误，预览停在上一次正确的样子：\n" + preview.errors.map((i) => (i.line ? "第 " + i.line + " 行：" : "") + i.message).join("\n");
    box.hidden = false;
    $("yaml-errors").textContent = box.textContent; $("yaml-errors").hidden = false;
    setStatus("大纲有错误");
    return;
  }
  box.hidden = true; $("yaml-errors").hidden = true;
  const host = $("slides");
  const seen = new Set();
  for (const slide of preview.slides) {
    seen.add(slide.n);
    let card = S.slides.get(slide.n);
    if (!card) {
      card = el("figure", { class: "slide-card", "data-slide": slide.n, onclick: () => selectSource(card.dataset.source) },
        el("div", { class: "head" }, el("span", { class: "num" }), el("span", { class: "what" })), el("div", { class: "art" }), el("ul", { class: "notes" }));
      card.style.margin = "0";
      S.slides.set(slide.n, card);
      host.append(card);
    }
    card.dataset.source = slide.source;
    card.querySelector(".num").textContent = "第 " + slide.n + " 张";
    card.querySelector(".what").textContent = kindLabel(slide.kind);
    if (card.dataset.key !== slide.key && slide.svg !== null) {
      card.querySelector(".art").innerHTML = slide.svg; // drawn and escaped by the server (studio/drawing.py)
      card.dataset.key = slide.key;
    }
  }
  for (const [n, card] of S.slides) if (!seen.has(n)) { card.remove(); S.slides.delete(n); }
  $("preview-info").textContent = "共 " + preview.slides.length + " 张，与下载的 PPT 排版相同";
  markSelection();
  showIssues();
}

function setStatus(text) { $("status").textContent = text; }

function kindLabel(kind) {
  const names = { title: "封面", agenda: "目录", divider: "章节页", closing: "结束页" };
  if (names[kind]) return names[kind];
  const found = S.spec.kinds.find((k) => k.kind === kind);
  return found ? found.label : kind;
}

// ---------- saving ----------
function edited({ now, form } = {}) {
  S.editStarted = performance.now(); // the preview's delay is counted from the latest edit

  setStatus("正在保存……");
  renderTree();
  if (form) renderForm();
  clearTimeout(S.saveTimer);
  S.saveTimer = setTimeout(saveData, now ? 0 : 150);
}

// The drawings the page has: the server leaves them out of its answer.
function knownKeys() { return [...S.slides.values()].map((card) => card.dataset.key).filter(Boolean); }

async function saveData() {
  const ticket = ++S.saving, since = S.editStarted;
  try {
    const talk = await api("PUT", "/api/projects/" + S.talk.id + "/outline", { data: S.data, known: knownKeys() });
    if (ticket !== S.saving) return; // a newer edit is on its way
    talk.data = S.data; // the page's tree stays as edited (the server's reading is the same data)
    applyTalk(talk, { form: false, since });
    scheduleCheck();
  } catch (e) { setStatus("保存失败"); toast(e.message, "error"); }
}

async function saveYaml() {
  const ticket = ++S.saving, since = S.editStarted;
  try {
    const talk = await api("PUT", "/api/projects/" + S.talk.id + "/outline", { yaml: $("yaml").value, known: knownKeys() });
    if (ticket !== S.saving) return;
    applyTalk(talk, { form: true, since });
    scheduleCheck();
  } catch (e) { toast(e.message, "error"); }
}

function scheduleCheck(delay) {
  clearTimeout(S.checkTimer);
  S.checkTimer = setTimeout(async () => {
    if (!S.talk) return;
    try { S.issues = (await api("GET", "/api/projects/" + S.talk.id + "/check")).issues; showIssues(); renderTree(); }
    catch (e) { /* the next edit checks again */ }
  }, delay === undefined ? 500 : delay);
}

// ---------- the outline tree ----------
function partsOf() { return Array.isArray(S.data && S.data.parts) ? S.data.parts : []; }
function slidesOf(part) { if (!Array.isArray(part.slides)) part.slides = []; return part.slides; }
function sourceOf(sel) {
  if (sel.type === "part") return "parts[" + sel.p + "]";
  if (sel.type === "slide") return "parts[" + sel.p + "].slides[" + sel.s + "]";
  if (sel.type === "closing") return "closing";
  return "";
}

function issuesAt(source, exact) {
  return S.issues.filter((i) => {
    const at = i.outline_slide || (i.path.startsWith("closing") ? "closing" : (/^parts\[\d+\]/.test(i.path) ? "" : ""));
    if (source === "") return !i.outline_slide && !i.path.startsWith("closing");
    if (exact) return at === source;
    return at === source || at.startsWith(source + ".");
  });
}

function badge(list) {
  if (!list.length) return null;
  const error = list.some((i) => i.severity === "error");
  return el("span", { class: "badge " + (error ? "error" : "warning"), title: list.map((i) => i.message).join("\n"), text: String(list.length) });
}

function renderTree() {
  if (!S.data) { $("tree").replaceChildren(el("li", { class: "hint", text: "YAML 有错误，请在 YAML 页修正。" })); return; }
  const tree = $("tree");
  const nodes = [];
  const node = (sel, cls, label, kind, tools) => {
    const selected = sameSel(sel, S.sel);
    const row = el("div", { class: "node " + cls + (selected ? " selected" : ""), "data-source": sourceOf(sel), onclick: () => select(sel) },
      el("span", { class: "label", text: label || "（无标题）" }), kind ? el("span", { class: "kind", text: kind }) : null,
      badge(issuesAt(sourceOf(sel), true)), tools ? el("span", { class: "tools" }, ...tools) : null);
    nodes.push(el("li", {}, row));
  };
  node({ type: "deck" }, "deck", S.data.title, "封面");
  partsOf().forEach((part, p) => {
    node({ type: "part", p }, "part", (p + 1) + ". " + (part.title || ""), "", [
      toolButton("↑", "上移这一部分", () => movePart(p, -1)), toolButton("↓", "下移这一部分", () => movePart(p, 1)),
      toolButton("＋", "在这一部分末尾加一张幻灯片", () => addSlide(p, slidesOf(part).length)), toolButton("✕", "删除这一部分", () => deletePart(p))]);
    slidesOf(part).forEach((slide, s) => {
      node({ type: "slide", p, s }, "slide", slide.title || slide.text || "", kindLabel(slide.kind), [
        toolButton("↑", "上移", () => moveSlide(p, s, -1), "move-up"), toolButton("↓", "下移", () => moveSlide(p, s, 1), "move-down"),
        toolButton("＋", "在后面加一张", () => addSlide(p, s + 1)), toolButton("✕", "删除这张", () => deleteSlide(p, s))]);
    });
  });
  node({ type: "closing" }, "closing", (S.data.closing && S.data.closing.title) || "谢谢！", "结束页");
  tree.replaceChildren(...nodes);
}

function toolButton(text, title, action, cls) {
  return el("button", { type: "button", class: cls, title, "aria-label": title, text, onclick: (e) => { e.stopPropagation(); action(); } });
}

function sameSel(a, b) { return a.type === b.type && a.p === b.p && a.s === b.s; }

function select(sel) { S.sel = sel; renderTree(); renderForm(); markSelection(true); showTab("form"); }

function selectSource(source) {
  let m;
  if (source === "") select({ type: "deck" });
  else if (source === "closing") select({ type: "closing" });
  else if ((m = /^parts\[(\d+)\]\.slides\[(\d+)\]$/.exec(source))) select({ type: "slide", p: +m[1], s: +m[2] });
  else if ((m = /^parts\[(\d+)\]$/.exec(source))) select({ type: "part", p: +m[1] });
}

function markSelection(scroll) {
  const source = sourceOf(S.sel);
  let first = null;
  for (const card of S.slides.values()) {
    const on = card.dataset.source === source && !(S.sel.type === "deck" && card.dataset.slide !== "1");
    card.classList.toggle("selected", on);
    if (on && !first) first = card;
  }
  if (scroll && first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

function movePart(p, by) {
  const parts = partsOf(), q = p + by;
  if (q < 0 || q >= parts.length) return;
  [parts[p], parts[q]] = [parts[q], parts[p]];
  S.sel = { type: "part", p: q };
  edited({ now: true, form: true });
}

function moveSlide(p, s, by) {
  const parts = partsOf(), slides = slidesOf(parts[p]);
  const [slide] = slides.splice(s, 1);
  let tp = p, ts = s + by;
  if (ts < 0) { if (p === 0) { slides.splice(s, 0, slide); return; } tp = p - 1; ts = slidesOf(parts[tp]).length; }
  else if (ts > slides.length) { if (p === parts.length - 1) { slides.splice(s, 0, slide); return; } tp = p + 1; ts = 0; }
  slidesOf(parts[tp]).splice(ts, 0, slide);
  S.sel = { type: "slide", p: tp, s: ts };
  edited({ now: true, form: true });
}

function addSlide(p, s) {
  slidesOf(partsOf()[p]).splice(s, 0, { kind: "bullets", title: "新的一页", bullets: ["要点"] });
  S.sel = { type: "slide", p, s };
  edited({ now: true, form: true });
}

function deleteSlide(p, s) {
  const slide = slidesOf(partsOf()[p])[s];
  if (!confirm("删除幻灯片“" + (slide.title || slide.text || "") + "”？（可以用“撤销”找回）")) return;
  slidesOf(partsOf()[p]).splice(s, 1);
  S.sel = { type: "part", p };
  edited({ now: true, form: true });
}

function deletePart(p) {
  if (partsOf().length <= 1) { toast("大纲至少要有一个部分。", "error"); return; }
  if (!confirm("删除整个部分“" + (partsOf()[p].title || "") + "”和它的幻灯片？（可以用“撤销”找回）")) return;
  partsOf().splice(p, 1);
  S.sel = { type: "deck" };
  edited({ now: true, form: true });
}

function addPart() {
  if (!S.data) return;
  if (!Array.isArray(S.data.parts)) S.data.parts = [];
  S.data.parts.push({ title: "新的部分", slides: [{ kind: "bullets", title: "新的一页", bullets: ["要点"] }] });
  S.sel = { type: "part", p: S.data.parts.length - 1 };
  edited({ now: true, form: true });
}

// ---------- forms, drawn from the format ----------
function selected() {
  if (S.sel.type === "deck") return { obj: S.data, fields: S.spec.deck, title: "封面与全文", doc: "讲话的标题、单位、讲话人和日期，显示在封面和页脚。" };
  if (S.sel.type === "closing") {
    if (!S.data.closing || typeof S.data.closing !== "object") S.data.closing = {};
    return { obj: S.data.closing, fields: S.spec.closing, title: "结束页", doc: "不填时结束页显示“谢谢！”。" };
  }
  const part = partsOf()[S.sel.p];
  if (!part) { S.sel = { type: "deck" }; return selected(); }
  if (S.sel.type === "part") return { obj: part, fields: S.spec.part, title: "第 " + (S.sel.p + 1) + " 部分", doc: "每个部分有目录条目和一张章节页。" };
  const slide = slidesOf(part)[S.sel.s];
  if (!slide) { S.sel = { type: "part", p: S.sel.p }; return selected(); }
  const kind = S.spec.kinds.find((k) => k.kind === slide.kind);
  return { obj: slide, fields: kind ? kind.fields : [], title: "幻灯片", doc: kind ? kind.label : slide.kind, slide };
}

function renderForm() {
  const form = $("form");
  if (!S.data) { form.replaceChildren(el("p", { class: "hint", text: "YAML 有错误，改好后这里会显示编辑表单。" })); return; }
  const { obj, fields, title, doc, slide } = selected();
  const parts = [el("h3", { text: title }), el("p", { class: "doc", text: doc })];
  if (slide) {
    const chooser = el("select", { id: "kind-select", onchange: (e) => changeKind(slide, e.target.value) },
      ...S.spec.kinds.map((k) => el("option", { value: k.kind, text: k.label, selected: k.kind === slide.kind })));
    parts.push(el("div", { class: "field" }, el("label", { for: "kind-select", text: "版式" }), chooser));
  }
  for (const field of fields) parts.push(fieldEditor(obj, field, "f-" + field.name));
  const here = issuesAt(sourceOf(S.sel), false);
  if (here.length) parts.push(el("ul", { class: "issues" }, ...here.map(issueItem)));
  form.replaceChildren(el("div", { class: "form" }, ...parts));
}

function fieldEditor(owner, field, id) {
  const wrap = el("div", { class: "field", "data-field": field.name });
  wrap.append(el("label", { for: id, text: field.label + (field.required ? "" : "（可选）"), title: field.doc }));
  wrap.append(valueEditor(owner[field.name], field, id, (value) => {
    if (value === "" || value === undefined || (Array.isArray(value) && !value.length && !field.required)) delete owner[field.name];
    else owner[field.name] = value;
  }));
  return wrap;
}

function valueEditor(value, type, id, set) {
  switch (type.type) {
    case "multiline": {
      const area = el("textarea", { id, rows: 4 });
      area.value = value == null ? "" : String(value);
      area.addEventListener("input", () => { set(area.value); edited(); });
      return area;
    }
    case "choice": {
      const chooser = el("select", { id }, el("option", { value: "", text: "（默认）" }), ...type.options.map((o) => el("option", { value: o, text: o, selected: o === value })));
      chooser.addEventListener("change", () => { set(chooser.value); edited(); });
      return chooser;
    }
    case "integer": {
      const input = el("input", { id, type: "number", min: type.min, max: type.max });
      input.value = value == null ? "" : String(value);
      input.addEventListener("input", () => { set(input.value === "" ? "" : Number(input.value)); edited(); });
      return input;
    }
    case "list": return listEditor(value, type, id, set);
    case "mapping": return mappingEditor(value, type, id, set);
    default: {
      const long = /^(detail|summary|text|caption)$/.test(type.name || "") || type.inList;
      const input = long ? el("textarea", { id, rows: 2 }) : el("input", { id, type: "text" });
      input.value = value == null ? "" : String(value);
      input.addEventListener("input", () => { set(input.value); edited(); });
      return input;
    }
  }
}

function mappingEditor(value, type, id, set) {
  let obj = value && typeof value === "object" ? value : (value != null && type.shorthand ? { [type.shorthand]: value } : {});
  const box = el("div", { class: "group cells" });
  for (const field of type.fields) {
    const wrap = el("div", { class: "field" }, el("label", { for: id + "-" + field.name, text: field.label, title: field.doc }));
    wrap.append(valueEditor(obj[field.name], field, id + "-" + field.name, (v) => {
      if (v === "" || v === undefined) delete obj[field.name]; else obj[field.name] = v;
      set(Object.keys(obj).length ? obj : "");
    }));
    box.append(wrap);
  }
  return box;
}

function listEditor(value, type, id, set) {
  const items = Array.isArray(value) ? value : [];
  const box = el("div", { class: "list", id });
  const redraw = () => box.replaceWith(listEditor(items, type, id, set));
  items.forEach((item, n) => {
    const cells = el("div", { class: "cells" });
    if (type.item.type === "mapping") {
      const obj = item && typeof item === "object" ? item : (type.item.shorthand ? { [type.item.shorthand]: item == null ? "" : item } : {});
      items[n] = obj;
      for (const field of type.item.fields) {
        const fid = id + "-" + n + "-" + field.name;
        const wrap = el("div", { class: "field" }, el("label", { for: fid, text: field.label, title: field.doc }));
        wrap.append(valueEditor(obj[field.name], field, fid, (v) => { if (v === "" || v === undefined) delete obj[field.name]; else obj[field.name] = v; }));
        cells.append(wrap);
      }
    } else {
      cells.append(valueEditor(item, Object.assign({ inList: true }, type.item), id + "-" + n, (v) => { items[n] = v; }));
    }
    const tools = el("div", { class: "row-tools" },
      el("button", { type: "button", title: "上移", text: "↑", onclick: () => { if (n > 0) { [items[n - 1], items[n]] = [items[n], items[n - 1]]; set(items); redraw(); edited(); } } }),
      el("button", { type: "button", title: "下移", text: "↓", onclick: () => { if (n < items.length - 1) { [items[n + 1], items[n]] = [items[n], items[n + 1]]; set(items); redraw(); edited(); } } }),
      el("button", { type: "button", title: "删除", text: "✕", onclick: () => { items.splice(n, 1); set(items); redraw(); edited(); } }));
    box.append(el("div", { class: "list-row" }, cells, tools));
  });
  if (type.max === null || items.length < type.max) {
    box.append(el("button", { type: "button", class: "add small", text: "＋ 添加", onclick: () => {
      items.push(type.item.type === "mapping" ? {} : "");
      set(items); redraw();
    } }));
  }
  set(items);
  return box;
}

// Change a slide's kind, carrying its words over to the new kind's lists.
function changeKind(slide, kind) {
  const words = [];
  for (const item of slide.items || []) words.push(typeof item === "object" ? [item.headline, item.detail] : [item, ""]);
  for (const item of slide.bullets || []) words.push([item, ""]);
  for (const item of slide.areas || []) words.push(typeof item === "object" ? [item.title, item.summary] : [item, ""]);
  for (const item of slide.keywords || []) words.push(typeof item === "object" ? [item.word, item.text] : [item, ""]);
  for (const item of slide.metrics || []) words.push([item.indicator, [item.value, item.unit].filter((x) => x != null).join("")]);
  if (slide.text) words.push([String(slide.text), ""]);
  if (!words.length) words.push([slide.title || "要点", ""]);
  const kept = { kind, title: slide.title, notes: slide.notes };
  for (const key of Object.keys(slide)) delete slide[key];
  for (const [key, value] of Object.entries(kept)) if (value !== undefined && value !== "") slide[key] = value;
  const pair = (a, b) => (b ? [a, b] : [a]);
  if (kind === "achievements" || kind === "focus-area") slide.items = words.map(([h, d]) => Object.fromEntries([["headline", h], ...(d ? [["detail", d]] : [])]));
  else if (kind === "bullets") slide.bullets = words.map(([h, d]) => pair(h, d).join("："));
  else if (kind === "focus-areas") slide.areas = words.map(([h, d]) => Object.fromEntries([["title", h], ...(d ? [["summary", d]] : [])]));
  else if (kind === "keywords") slide.keywords = words.slice(0, 6).map(([h, d]) => Object.fromEntries([["word", h], ...(d ? [["text", d]] : [])]));
  else if (kind === "metrics") slide.metrics = words.map(([h]) => ({ indicator: h, value: "X" }));
  else if (kind === "statement") slide.text = words.map((w) => pair(...w).join("，")).join("");
  else if (kind === "chart") { slide.categories = ["X"]; slide.series = [{ name: slide.title || "数据", values: ["X"] }]; }
  else if (kind === "picture") slide.photos = ["照片.jpg"];
  edited({ now: true, form: true });
}

// ---------- findings ----------
// The kinds of finding deckgen check reports, as the page names them.
const FINDING_KINDS = { "word-split": "词被拆开", "stub-line": "末行过短", "duplicate-title": "标题重复", fragment: "不成句",
  thin: "内容单薄", "repeated-layout": "版式重复", continued: "内容续页", shrunk: "字号已到下限", placeholder: "待填数字",
  contrast: "对比度不足", "covers-decoration": "遮住装饰", theme: "主题", "too-long": "文字过长", layout: "排版提示" };

function issueItem(issue) {
  return el("li", { class: issue.severity, onclick: () => { if (issue.outline_slide) selectSource(issue.outline_slide); else if (issue.path.startsWith("closing")) select({ type: "closing" }); else if (issue.slides.length) scrollToSlide(issue.slides[0]); } },
    el("span", { class: "where", text: [issue.severity === "error" ? "错误" : "提示", FINDING_KINDS[issue.kind] || "", issue.slides.length ? "第 " + issue.slides.join("、") + " 张" : "", issue.where || issue.file].filter(Boolean).join(" · ") }),
    document.createTextNode(issue.message));
}

function scrollToSlide(n) { const card = S.slides.get(n); if (card) card.scrollIntoView({ block: "center", behavior: "smooth" }); }

function showIssues() {
  const all = S.issues;
  $("issues").replaceChildren(...all.map(issueItem));
  $("issues-empty").hidden = all.length > 0;
  const errors = all.filter((i) => i.severity === "error").length;
  $("issue-count").textContent = all.length ? String(all.length) : "";
  $("issue-count").style.color = errors ? "var(--error)" : "";
  for (const [n, card] of S.slides) {
    const here = all.filter((i) => i.slides.includes(n));
    const shown = here.length > 3 ? here.slice(0, 2) : here;
    const more = here.length > shown.length ? [el("li", { class: "more", text: "还有 " + (here.length - shown.length) + " 条提示，见右侧“检查”" })] : [];
    card.querySelector(".notes").replaceChildren(...shown.map((i) => el("li", { class: i.severity, text: i.message })), ...more);
  }
}

// ---------- theme, size, template, figures ----------
function renderSettings() {
  const data = S.data || {};
  const theme = $("theme-select");
  theme.replaceChildren(el("option", { value: "", text: "默认（邮政绿）" }), ...S.themes.map((t) => el("option", { value: t.name, text: t.label + "（" + t.name + "）", selected: data.theme === t.name })));
  $("size-select").value = S.talk.size || "";
  const template = $("template-select");
  const current = typeof data.template === "string" ? data.template : "";
  template.replaceChildren(el("option", { value: "", text: "不用模板" }), ...S.templates.map((t) => el("option", { value: t.id, text: t.name, selected: current.includes(t.id) })));
  $("figures-current").textContent = S.talk.figures ? "正在使用已上传的数字表（" + S.talk.figures + "），其中的数字会替换大纲里的 X。" : "还没有数字表：大纲里的 X 会在幻灯片上突出显示。";
  $("figures-clear").disabled = !S.talk.figures;
}

async function changeSetting(change) {
  const since = S.editStarted = performance.now();
  try { applyTalk(await api("PUT", "/api/projects/" + S.talk.id + "/settings", change), { form: true, since }); scheduleCheck(); }
  catch (e) { toast(e.message, "error"); }
}

async function loadTemplates() {
  try { S.templates = (await api("GET", "/api/templates")).templates; } catch (e) { S.templates = []; }
}

function figuresMessage(text, kind) { const box = $("figures-message"); box.textContent = text; box.className = "message " + kind; box.hidden = !text; }

async function sendFigures(blob) {
  try {
    const answer = await upload("/api/projects/" + S.talk.id + "/figures", blob);
    applyTalk(answer, { form: true });
    scheduleCheck();
    figuresMessage(answer.warnings.length ? "已应用。请留意：\n" + answer.warnings.map((w) => (w.line ? "第 " + w.line + " 行：" : "") + w.message).join("\n") : "已应用，幻灯片上的数字已更新。", answer.warnings.length ? "warning" : "ok");
  } catch (e) { figuresMessage(e.message, "error"); }
}

// ---------- downloads ----------
async function download(kind, inline) {
  const url = "/api/projects/" + S.talk.id + "/download." + kind + "?token=" + encodeURIComponent(S.token) + (inline ? "&inline=1" : "");
  setStatus(kind === "pdf" ? "正在生成 PDF（需要几秒）……" : "正在生成 PPT……");
  const win = inline ? window.open("", "_blank") : null; // opened on the click itself, so no pop-up blocker stops it
  try {
    const response = await fetch(url);
    if (!response.ok) { let body = null; try { body = await response.json(); } catch (e) { body = null; } throw new Error(describeError(body, "生成失败")); }
    const blob = await response.blob();
    const link = URL.createObjectURL(blob);
    if (win) { win.location.href = link; }
    else {
      const a = el("a", { href: link, download: fileName(response) || "演示文稿." + kind });
      document.body.append(a); a.click(); a.remove();
    }
    setTimeout(() => URL.revokeObjectURL(link), 60000);
    setStatus("已生成，请在浏览器的下载中查看");
  } catch (e) { if (win) win.close(); setStatus(""); toast(e.message, "error"); }
}

function fileName(response) {
  const header = response.headers.get("Content-Disposition") || "";
  const star = /filename\*=utf-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/.exec(header);
  return plain ? plain[1] : "";
}

function showTab(name) {
  for (const button of document.querySelectorAll(".tabs button")) button.classList.toggle("active", button.dataset.tab === name);
  for (const tab of ["form", "issues", "deck", "yaml"]) $("tab-" + tab).hidden = tab !== name;
}

// ---------- start ----------
// The session (token, format, themes) arrives once; every handler is attached at
// once, before it arrives, and waits for it, so a file chosen at once is not lost.
let ready = null;

async function loadSession() {
  const session = await api("GET", "/api/session");
  Object.assign(S, { token: session.token, spec: session.spec, themes: session.themes, libreoffice: session.libreoffice });
  $("workspace-path").textContent = session.workspace;
  await loadTemplates();
  document.body.dataset.ready = "1";
}

function start() {
  ready = loadSession();
  const input = $("file-input"), drop = $("drop");
  input.addEventListener("change", async () => { if (input.files.length) { await ready; uploadSpeech(input.files[0]); } });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); if (e.dataTransfer.files.length) { const file = e.dataTransfer.files[0]; ready.then(() => uploadSpeech(file)); } });

  $("brand").addEventListener("click", (e) => { e.preventDefault(); showHome(); });
  $("add-part").addEventListener("click", addPart);
  $("undo").addEventListener("click", async () => {
    try { const since = S.editStarted = performance.now(); const talk = await api("POST", "/api/projects/" + S.talk.id + "/undo"); applyTalk(talk, { form: true, since }); scheduleCheck(); toast(talk.undone ? "已撤销上一步。" : "没有可以撤销的修改。"); }
    catch (e) { toast(e.message, "error"); }
  });
  $("download").addEventListener("click", (e) => { e.preventDefault(); download("pptx"); });
  $("download-pdf").addEventListener("click", (e) => { e.preventDefault(); download("pdf"); });
  $("lo-preview").addEventListener("click", () => download("pdf", true));
  for (const button of document.querySelectorAll(".tabs button")) button.addEventListener("click", () => showTab(button.dataset.tab));
  $("yaml").addEventListener("input", () => { S.editStarted = performance.now(); setStatus("正在保存……"); clearTimeout(S.yamlTimer); S.yamlTimer = setTimeout(saveYaml, 500); });
  $("theme-select").addEventListener("change", (e) => changeSetting({ theme: e.target.value }));
  $("size-select").addEventListener("change", (e) => changeSetting({ size: e.target.value }));
  $("template-select").addEventListener("change", (e) => { setStatus("正在准备模板的预览（每个模板第一次约需十几秒）……"); changeSetting({ template: e.target.value }); });
  $("template-input").addEventListener("change", async (e) => {
    const file = e.target.files[0]; e.target.value = "";
    if (!file) return;
    setStatus("正在读取模板并准备预览（第一次约需十几秒）……");
    try { const answer = await upload("/api/templates", file); S.templates = answer.templates; await changeSetting({ template: answer.id }); toast("模板已保存，以后也可以选用。"); }
    catch (err) { toast(err.message, "error"); }
  });
  $("figures-input").addEventListener("change", (e) => { const file = e.target.files[0]; e.target.value = ""; if (file) sendFigures(file); });
  $("figures-apply").addEventListener("click", () => {
    const text = $("figures-paste").value.trim();
    if (!text) { figuresMessage("请先把表格粘贴到上面的框里。", "error"); return; }
    sendFigures(new File([text + "\n"], "粘贴的表格.csv", { type: "text/csv" }));
  });
  $("figures-clear").addEventListener("click", async () => {
    try { applyTalk(await api("DELETE", "/api/projects/" + S.talk.id + "/figures"), { form: true }); scheduleCheck(); figuresMessage("", "ok"); }
    catch (e) { toast(e.message, "error"); }
  });
  window.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "z" && S.talk && !/^(INPUT|TEXTAREA)$/.test(document.activeElement.tagName)) { e.preventDefault(); $("undo").click(); }
  });

  return ready.then(() => {
    const m = /talk=([0-9a-f]{12})/.exec(location.hash);
    if (m) openTalk(m[1]); else showHome();
  });
}

start().catch((e) => toast(e.message, "error"));
