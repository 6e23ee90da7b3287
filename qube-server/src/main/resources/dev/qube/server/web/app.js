// The catalogue browser: pick values key by key with live counts (GET .../next), search keys and
// values, see the selection as a MARS request and a `qube select` command, and open the tree of the
// selection one level at a time (GET .../tree). Plain ES module, no build step.

const $ = (id) => document.getElementById(id);
const SHOWN = 60; // values shown per key before "show all"

const state = {
  catalogues: [],
  name: null,
  mode: "relaxed",
  selection: new Map(), // key -> Set of values, in the order keys were picked
  facets: null,
  expanded: new Set(), // keys whose values are all shown
  seq: 0,
};

// ---------------------------------------------------------------- selection text

// values and keys are escaped with a backslash where the selection syntax would read them
const esc = (s) => s.replace(/[\\,/=*]/g, (c) => "\\" + c);

function selectionText() {
  return [...state.selection]
    .filter(([, vs]) => vs.size > 0)
    .map(([k, vs]) => esc(k) + "=" + [...vs].map(esc).join("/"))
    .join(",");
}

function marsRequest() {
  const lines = [...state.selection].filter(([, vs]) => vs.size > 0).map(([k, vs]) => `    ${k}=${[...vs].join("/")}`);
  return lines.length ? "retrieve,\n" + lines.join(",\n") : "retrieve";
}

const shellQuote = (s) => "'" + s.replace(/'/g, "'\\''") + "'";

function command() {
  const cat = state.catalogues.find((c) => c.name === state.name);
  const file = cat ? cat.file : state.name;
  const sel = selectionText();
  let cmd = `qube select ${shellQuote(file)} ${shellQuote(sel || "")}`;
  if (state.mode !== "relaxed") cmd += ` --mode ${state.mode}`;
  return cmd;
}

// ---------------------------------------------------------------- API

function api(path, params) {
  const url = new URL(`api/catalogues/${encodeURIComponent(state.name)}/${path}`, document.baseURI);
  for (const [k, v] of Object.entries(params || {})) url.searchParams.set(k, v);
  return fetch(url).then(async (r) => {
    const body = await r.json();
    if (!r.ok) throw new Error(body.message || r.statusText);
    return body;
  });
}

// ---------------------------------------------------------------- the key/value picker

async function refresh() {
  const seq = ++state.seq;
  document.body.dataset.busy = "true";
  saveHash();
  $("mars").textContent = marsRequest();
  $("command").textContent = command();
  try {
    // the next choices and the tree's first level are fetched at once
    const tree = loadTree();
    const facets = await api("next", { sel: selectionText(), mode: state.mode });
    if (seq !== state.seq) return; // a newer request is under way
    state.facets = facets;
    $("count").textContent = facets.count.toLocaleString("en");
    $("count").dataset.count = String(facets.count);
    $("status").textContent = "";
    renderKeys();
    await tree;
    if (seq === state.seq) {
      document.body.dataset.sel = selectionText();
      document.body.dataset.busy = "false";
    }
  } catch (e) {
    if (seq === state.seq) $("status").textContent = e.message;
  }
}

function highlight(text, q) {
  const span = document.createElement("span");
  const i = q ? text.toLowerCase().indexOf(q) : -1;
  if (i < 0) {
    span.textContent = text;
  } else {
    span.append(text.slice(0, i));
    const m = document.createElement("mark");
    m.textContent = text.slice(i, i + q.length);
    span.append(m, text.slice(i + q.length));
  }
  return span;
}

function renderKeys() {
  const q = $("search").value.trim().toLowerCase();
  const box = $("keys");
  box.replaceChildren();
  for (const k of state.facets.keys) {
    const keyHit = q && k.key.toLowerCase().includes(q);
    let values = k.values;
    if (q && !keyHit) values = values.filter((v) => v.value.toLowerCase().includes(q));
    if (q && !keyHit && values.length === 0) continue;
    const chosen = state.selection.get(k.key) || new Set();
    const sec = document.createElement("section");
    sec.className = "key" + (k.frontier ? " frontier" : "") + (k.selected ? " selected" : "");
    sec.dataset.key = k.key;
    const h = document.createElement("h3");
    h.append(highlight(k.key, q));
    if (k.frontier) {
      const b = document.createElement("span");
      b.className = "badge";
      b.textContent = "next";
      h.append(b);
    }
    const n = document.createElement("span");
    n.className = "n";
    n.textContent = `${k.valueCount} value${k.valueCount === 1 ? "" : "s"}`;
    h.append(n);
    if (k.selected) {
      const u = document.createElement("button");
      u.type = "button";
      u.className = "unset";
      u.textContent = "any";
      u.title = `Remove ${k.key} from the selection`;
      u.onclick = () => { state.selection.delete(k.key); refresh(); };
      h.append(u);
    }
    sec.append(h);
    const list = document.createElement("div");
    list.className = "values";
    const all = state.expanded.has(k.key) || q;
    for (const v of all ? values : values.slice(0, SHOWN)) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "value" + (chosen.has(v.value) ? " chosen" : "");
      b.dataset.key = k.key;
      b.dataset.value = v.value;
      b.dataset.count = String(v.count);
      b.append(highlight(v.value, keyHit ? "" : q));
      const c = document.createElement("span");
      c.className = "count";
      c.textContent = v.count.toLocaleString("en");
      b.append(c);
      b.onclick = () => toggle(k.key, v.value);
      list.append(b);
    }
    if (!all && values.length > SHOWN) {
      const more = document.createElement("button");
      more.type = "button";
      more.className = "more";
      more.textContent = `show all ${values.length}`;
      more.onclick = () => { state.expanded.add(k.key); renderKeys(); };
      list.append(more);
    }
    sec.append(list);
    box.append(sec);
  }
}

function toggle(key, value) {
  const vs = state.selection.get(key) || new Set();
  if (vs.has(value)) vs.delete(value); else vs.add(value);
  if (vs.size) state.selection.set(key, vs); else state.selection.delete(key);
  refresh();
}

// ---------------------------------------------------------------- the tree, one level at a time

function loadTree() {
  return loadChildren($("tree"), "");
}

async function loadChildren(ul, path) {
  const seq = state.seq;
  try {
    const t = await api("tree", { sel: selectionText(), mode: state.mode, path, limit: 50 });
    if (seq !== state.seq) return;
    ul.replaceChildren(); // the old level stays until the new one is there
    for (const c of t.children) ul.append(treeNode(c));
    if (t.children.length === 0 && path === "") {
      const li = document.createElement("li");
      li.textContent = "(nothing selected)";
      ul.append(li);
    }
  } catch (e) {
    $("status").textContent = e.message;
  }
}

function treeNode(c) {
  const li = document.createElement("li");
  li.className = "node " + (c.children > 0 ? "branch" : "leaf");
  li.dataset.path = c.path;
  if (c.count !== undefined) li.dataset.count = String(c.count);
  const label = document.createElement("span");
  label.className = "label";
  const k = document.createElement("span");
  k.className = "k";
  k.textContent = c.key;
  label.append(k, "=" + c.values.join("/"));
  if (c.valueCount > c.values.length) {
    const m = document.createElement("span");
    m.className = "more";
    m.textContent = ` … (${c.valueCount} values)`;
    label.append(m);
  }
  if (c.count !== undefined) {
    const n = document.createElement("span");
    n.className = "count";
    n.textContent = ` ${c.count.toLocaleString("en")}`;
    n.title = "identifiers";
    label.append(n);
  }
  li.append(label);
  if (c.children > 0) {
    label.onclick = () => {
      if (li.classList.toggle("open")) {
        const ul = document.createElement("ul");
        li.append(ul);
        li.dataset.loading = "true";
        loadChildren(ul, c.path).then(() => delete li.dataset.loading);
      } else {
        li.querySelector("ul")?.remove();
      }
    };
  }
  return li;
}

// ---------------------------------------------------------------- page state in the URL

function saveHash() {
  const p = new URLSearchParams();
  p.set("c", state.name);
  if (state.mode !== "relaxed") p.set("mode", state.mode);
  const sel = selectionText();
  if (sel) p.set("sel", sel);
  history.replaceState(null, "", "#" + p.toString());
}

function unescapeSplit(text, sep) {
  const out = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\" && i + 1 < text.length) { cur += ch + text[++i]; continue; }
    if (ch === sep) { out.push(cur); cur = ""; continue; }
    cur += ch;
  }
  out.push(cur);
  return out;
}
const unesc = (s) => s.replace(/\\(.)/g, "$1");

function loadHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const sel = p.get("sel");
  state.selection = new Map();
  if (sel) {
    for (const part of unescapeSplit(sel, ",")) {
      const [k, v] = unescapeSplit(part, "=");
      if (v !== undefined) state.selection.set(unesc(k), new Set(unescapeSplit(v, "/").map(unesc)));
    }
  }
  return { name: p.get("c"), mode: p.get("mode") };
}

// ---------------------------------------------------------------- start

async function start() {
  const r = await fetch(new URL("api/catalogues", document.baseURI));
  state.catalogues = await r.json();
  const from = loadHash();
  const pick = $("catalogue");
  for (const c of state.catalogues) {
    const o = document.createElement("option");
    o.value = c.name;
    o.textContent = `${c.name} (${c.count.toLocaleString("en")})`;
    pick.append(o);
  }
  state.name = state.catalogues.some((c) => c.name === from.name) ? from.name : state.catalogues[0].name;
  pick.value = state.name;
  if (from.mode) state.mode = from.mode;
  $("mode").value = state.mode;
  pick.onchange = () => { state.name = pick.value; state.selection.clear(); state.expanded.clear(); refresh(); };
  $("mode").onchange = () => { state.mode = $("mode").value; refresh(); };
  $("search").oninput = () => renderKeys();
  $("clear").onclick = () => { state.selection.clear(); refresh(); };
  $("copy").onclick = async () => {
    try {
      await navigator.clipboard.writeText($("command").textContent);
      $("copy").textContent = "Copied";
    } catch {
      // no clipboard (plain http from another host): select the text instead
      const range = document.createRange();
      range.selectNodeContents($("command"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      $("copy").textContent = "Selected";
    }
    setTimeout(() => ($("copy").textContent = "Copy"), 1500);
  };
  await refresh();
  document.body.dataset.ready = "true";
}

start().catch((e) => ($("status").textContent = "cannot load the catalogues: " + e.message));
