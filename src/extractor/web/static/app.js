// The pages' behaviour: uploads with per-file progress, review buttons, inbox refresh,
// page boxes on PDF images and the dashboard's SVG charts. No library, no network but this server.
"use strict";

const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
const textsOf = (id) => JSON.parse((document.getElementById(id) || { textContent: "{}" }).textContent);
const el = (tag, attrs = {}, text = "") => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
};

async function errorLine(response) {
  try { return (await response.json()).error || response.statusText; } catch (_) { return response.statusText; }
}

// --- upload ---------------------------------------------------------------------------------
function setupUpload() {
  const drop = document.getElementById("drop");
  if (!drop) return;
  const input = document.getElementById("files");
  const queue = document.getElementById("queue");
  const text = textsOf("upload-text");
  const limit = Number(drop.dataset.limit) * 1024 * 1024;

  const send = (file) => {
    queue.hidden = false;
    const row = el("tr");
    const bar = el("progress", { max: "100", value: "0" });
    const status = el("td", { class: "status" }, text.sending);
    row.append(el("td", {}, file.name), el("td"), status);
    row.children[1].append(bar);
    queue.tBodies[0].append(row);
    if (file.size > limit) { status.textContent = text.too_large; status.className = "error-line"; return; }
    const form = new FormData();
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/reports");
    xhr.setRequestHeader("X-CSRF-Token", csrf());
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
      if (xhr.status !== 202) { status.textContent = body.error || xhr.statusText; status.className = "error-line"; return; }
      bar.value = 100;
      follow(body[0].id, status);
    };
    xhr.onerror = () => { status.textContent = text.failed; status.className = "error-line"; };
    xhr.send(form);
  };

  const follow = async (id, status) => {
    const response = await fetch(`/api/reports/${id}`, { credentials: "same-origin" });
    if (!response.ok) { status.textContent = await errorLine(response); status.className = "error-line"; return; }
    const job = await response.json();
    status.textContent = text[job.status] || job.status;
    status.dataset.status = job.status;
    if (job.status === "queued" || job.status === "processing") { setTimeout(() => follow(id, status), 700); return; }
    if (job.status === "failed") {
      status.append(el("div", { class: "error-line small" }, job.error || ""));
    } else {
      const severities = (job.result.findings || []).map((f) => f.severity);
      const n = (s) => severities.filter((x) => x === s).length;
      status.append(" · ", el("span", { class: "count c-error" }, String(n("error"))), ` ${text.errors} · `,
        el("span", { class: "count c-warning" }, String(n("warning"))), ` ${text.warnings} · `);
    }
    status.append(" ", el("a", { href: `/reports/${id}`, class: "open" }, text.open));
  };

  const take = (files) => { for (const f of files) send(f); };
  input.addEventListener("change", () => { take(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (e) => take(e.dataTransfer.files));
}

// --- report view: reviews, jumping between marks and findings, PDF boxes ---------------------
function setupReport() {
  const panel = document.getElementById("findings");
  if (!panel) return;
  const text = textsOf("review-text");
  panel.addEventListener("click", async (e) => {
    const button = e.target.closest("button[data-verdict]");
    if (button) {
      const form = button.closest("form.review");
      const section = form.closest(".finding");
      const state = section.querySelector(".review-state");
      const response = await fetch(`/api/findings/${form.dataset.row}/review`, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
        body: JSON.stringify({ verdict: button.dataset.verdict, note: form.note.value }),
      });
      if (!response.ok) { state.textContent = `${text.failed}: ${await errorLine(response)}`; return; }
      const review = await response.json();
      section.classList.remove("v-confirmed", "v-dismissed");
      section.classList.add("reviewed", `v-${review.verdict}`);
      state.textContent = `${text[review.verdict]} · ${review.reviewer}${review.note ? `: “${review.note}”` : ""}`;
      markReviewed(section.id);
      return;
    }
    const finding = e.target.closest(".finding");
    if (finding && !e.target.closest("form")) {
      const mark = document.querySelector(`mark[data-f~="${finding.id}"]`);
      if (mark) { mark.scrollIntoView({ behavior: "smooth", block: "center" }); flash(mark); }
    }
  });
  document.getElementById("doc").addEventListener("click", (e) => {
    const mark = e.target.closest("mark[data-f]");
    if (!mark) return;
    const target = document.getElementById(mark.dataset.f.split(" ")[0]);
    if (target) { target.scrollIntoView({ behavior: "smooth", block: "nearest" }); flash(target); }
  });
  document.querySelectorAll("figure.pdf-page").forEach(async (figure) => {
    const response = await fetch(`/documents/${figure.dataset.doc}/pages/${figure.dataset.page}/boxes`, { credentials: "same-origin" });
    if (!response.ok) return;
    const wrap = figure.querySelector(".page-wrap");
    for (const b of await response.json()) {
      const box = el("a", { class: "box", href: `#f${b.n}`, title: String(b.n) }, String(b.n));
      Object.assign(box.style, { left: `${100 * b.x}%`, top: `${100 * b.y}%`, width: `${100 * b.w}%`, height: `${100 * b.h}%` });
      wrap.append(box);
    }
  });
}

// A mark is drawn as dismissed when every finding it belongs to is dismissed.
function markReviewed(findingId) {
  document.querySelectorAll(`mark[data-f~="${findingId}"]`).forEach((mark) => {
    const all = mark.dataset.f.split(" ").every((id) => document.getElementById(id)?.classList.contains("v-dismissed"));
    mark.classList.toggle("dismissed", all);
  });
}

function flash(node) {
  node.classList.add("flash");
  setTimeout(() => node.classList.remove("flash"), 1200);
}

// --- inbox and pending report: refresh while jobs run ------------------------------------------
function setupRefresh() {
  if (document.querySelector("[data-refresh]")) setTimeout(() => location.reload(), 2000);
}

// --- dashboard: horizontal bar charts in SVG ----------------------------------------------------
function barChart(rows, names) {
  const ns = "http://www.w3.org/2000/svg";
  const svgEl = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const rowHeight = 22, labelWidth = 230, width = 560, barArea = width - labelWidth - 60;
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${rows.length * rowHeight + 6}`, width: "100%", role: "img" });
  rows.forEach(([label, value], i) => {
    const y = i * rowHeight + 3;
    const name = label === null || label === "" ? names.none : (names[label] || String(label));
    const short = name.length > 34 ? `${name.slice(0, 33)}…` : name;
    const caption = svgEl("text", { x: labelWidth - 6, y: y + 15, "text-anchor": "end", class: "lbl" }, short);
    caption.append(svgEl("title", {}, name));
    const w = Math.max(1, (barArea * value) / max);
    svg.append(caption, svgEl("rect", { x: labelWidth, y: y + 3, width: w, height: rowHeight - 6, rx: 2, class: "bar" }),
      svgEl("text", { x: labelWidth + w + 5, y: y + 15, class: "val" }, value.toLocaleString("vi-VN")));
  });
  return svg;
}

function setupDashboard() {
  const data = document.getElementById("chart-data");
  if (!data) return;
  const figures = JSON.parse(data.textContent);
  const names = textsOf("level-names");
  document.querySelectorAll("[data-chart]").forEach((box) => {
    const rows = figures[box.dataset.chart] || [];
    box.append(rows.length ? barChart(rows, box.dataset.chart === "level" ? names : { none: names.none }) : el("p", { class: "muted" }, "–"));
  });
}

setupUpload();
setupReport();
setupRefresh();
setupDashboard();
