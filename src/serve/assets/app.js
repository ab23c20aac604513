// The clipvault gallery. Names and tags are untrusted: they only ever go into textContent.
"use strict";

const state = { items: [], csrf: "", current: null };
const $ = (id) => document.getElementById(id);

// The page's words in its language (the server chose it from the browser's), with
// {name}-style places that `t` fills in. Names stay text: they only go into textContent.
const MESSAGES = JSON.parse($("messages").textContent);
// Text from outside (a name, an error) is wrapped in Unicode isolates, so an Arabic name in
// an English sentence, or the other way round, cannot reorder the words around it.
const ISOLATED = ["name", "type", "error"];
function t(id, args = {}) {
  return (MESSAGES[id] || id).replace(/\{(\w+)\}/g, (whole, key) => {
    if (!(key in args)) return whole;
    return ISOLATED.includes(key) ? `\u2068${args[key]}\u2069` : String(args[key]);
  });
}
const number = (n) => n.toLocaleString(document.documentElement.lang);
// A server error in the page's language when it has a code the page knows, else as sent.
const errorText = (body) => (body.code && MESSAGES[`page-error-${body.code}`] ? t(`page-error-${body.code}`) : body.error);

function kindOf(type) {
  const top = (type || "").split("/")[0];
  return ["image", "video", "audio"].includes(top) ? top : "other";
}

function say(text) {
  $("status").textContent = text;
}

function showLocked() {
  const media = $("viewing");
  if (media && media.pause) media.pause();
  $("viewer").hidden = true;
  $("viewer-body").replaceChildren();
  $("grid").replaceChildren();
  $("viewer-name").textContent = "";
  state.items = [];
  state.current = null;
  say("");
  $("locked").hidden = false;
  clearInterval(state.heartbeat);
}

// The page blanks itself within a second of losing the server (panic, Ctrl-C, the idle lock):
// it asks twice a second whether the gallery is still open. The question is no activity: it
// does not keep the idle lock from firing.
function watchServer() {
  state.heartbeat = setInterval(async () => {
    try {
      const response = await fetch("api/alive", { credentials: "same-origin", cache: "no-store" });
      if (response.status !== 204) showLocked();
    } catch (_) {
      showLocked();
    }
  }, 500);
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (options.method && options.method !== "GET") headers["X-CSRF-Token"] = state.csrf;
  const response = await fetch(path, Object.assign({}, options, { headers, credentials: "same-origin", cache: "no-store" }));
  const token = response.headers.get("X-CSRF-Token");
  if (token) state.csrf = token;
  if (response.status === 401) {
    showLocked();
    throw new Error("locked");
  }
  return response;
}

async function load() {
  const response = await api("api/items");
  if (!response.ok) {
    say(t("page-list-failed"));
    return;
  }
  state.items = (await response.json()).sort((a, b) => (a.added < b.added ? 1 : -1));
  const tags = new Set(state.items.flatMap((item) => item.tags));
  const select = $("tag");
  const chosen = select.value;
  select.replaceChildren(new Option(t("page-any-tag"), ""), ...[...tags].sort().map((t) => new Option(t, t)));
  select.value = tags.has(chosen) ? chosen : "";
  render();
}

function render() {
  const query = $("search").value.toLowerCase();
  const kind = $("kind").value;
  const tag = $("tag").value;
  const shown = state.items.filter(
    (item) =>
      item.name.toLowerCase().includes(query) &&
      (!kind || kindOf(item.type) === kind) &&
      (!tag || item.tags.includes(tag)),
  );
  $("grid").replaceChildren(...shown.map(tile));
  const total = number(state.items.length);
  say(shown.length === state.items.length ? t("page-count-all", { total }) : t("page-count-some", { done: number(shown.length), total }));
}

function icon(item) {
  const box = document.createElement("span");
  box.className = "icon";
  box.textContent = t(`page-icon-${kindOf(item.type)}`);
  return box;
}

function tile(item) {
  const button = document.createElement("button");
  button.className = "tile";
  button.dataset.id = item.id;
  button.dataset.kind = kindOf(item.type);
  if (kindOf(item.type) === "image" || kindOf(item.type) === "video") {
    const img = document.createElement("img");
    img.className = "thumb";
    img.loading = "lazy";
    img.alt = "";
    img.src = `api/items/${item.id}/thumbnail`;
    img.addEventListener("error", () => img.replaceWith(icon(item)), { once: true });
    button.append(img);
  } else {
    button.append(icon(item));
  }
  const name = document.createElement("span");
  name.className = "name";
  // Its own direction, from its own first letters: "inputs/شاطئ.png" reads left to right
  // even in the Arabic page, and an Arabic name right to left in the English one.
  name.dir = "auto";
  name.textContent = item.name;
  button.append(name);
  if (item.evidence) {
    // Evidence is kept: the vault refuses to shred it without `clipvault shred --force`.
    button.dataset.evidence = "true";
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = t("page-evidence");
    button.append(badge);
  }
  button.addEventListener("click", () => open(item));
  return button;
}

const CANNOT_PLAY = t("page-cannot-play");

function open(item) {
  state.current = item;
  $("viewer-name").textContent = item.name;
  $("shred").hidden = Boolean(item.evidence);
  $("viewer-note").textContent = item.evidence ? t("page-evidence-note") : "";
  const src = `api/items/${item.id}/content`;
  let element;
  switch (kindOf(item.type)) {
    case "image":
      element = document.createElement("img");
      element.alt = "";
      element.src = src;
      break;
    case "video":
      element = document.createElement("video");
      element.controls = true;
      element.playsInline = true;
      element.preload = "metadata";
      element.src = src;
      // A format the browser cannot decode (a 3GP from an older phone) played its sound
      // over a black box and said nothing: say so, and what plays it.
      element.addEventListener("loadedmetadata", () => {
        if (element.videoWidth === 0) $("viewer-note").textContent = CANNOT_PLAY;
      });
      element.addEventListener("error", () => {
        $("viewer-note").textContent = CANNOT_PLAY;
      });
      break;
    case "audio":
      element = document.createElement("audio");
      element.controls = true;
      element.src = src;
      break;
    default:
      element = document.createElement("p");
      element.textContent = t("page-cannot-show", { type: item.type });
  }
  element.id = "viewing";
  $("viewer-body").replaceChildren(element);
  $("viewer").hidden = false;
}

function close() {
  const media = $("viewing");
  if (media && media.pause) media.pause();
  // Dropping the element stops its download; the browser keeps nothing (no-store).
  $("viewer-body").replaceChildren();
  $("viewer").hidden = true;
  state.current = null;
}

async function shred() {
  const item = state.current;
  if (!item || !window.confirm(t("page-shred-question", { name: item.name }))) return;
  const response = await api(`api/items/${item.id}`, { method: "DELETE" });
  if (response.ok) {
    close();
    say(t("page-shredded", { name: item.name }));
    await load();
  } else {
    say(t("page-shred-failed", { error: errorText(await response.json()) }));
  }
}

async function upload(chosen) {
  // A copy: clearing the input below empties the live list ("Added 1 of 0.").
  const files = [...chosen];
  let added = 0;
  const refused = [];
  for (const [i, file] of files.entries()) {
    say(t("page-adding", { done: number(i + 1), total: number(files.length), name: file.name }));
    const response = await api("api/items", {
      method: "POST",
      body: file,
      headers: { "X-File-Name": encodeURIComponent(file.name), "X-File-Modified": String(file.lastModified || "") },
    });
    if (response.ok) {
      added += 1;
    } else {
      const why = errorText(await response.json().catch(() => ({ error: response.statusText })));
      refused.push(`${file.name}: ${why}`);
    }
  }
  $("upload").value = "";
  await load();
  // Why a file was not added stays on screen with the count.
  say([t("page-added", { done: number(added), total: number(files.length) }), ...refused].join(" "));
}

async function lock() {
  try {
    await api("api/lock", { method: "POST" });
  } catch (_) {
    // Locked either way.
  }
  showLocked();
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("input", render);
  $("kind").addEventListener("change", render);
  $("tag").addEventListener("change", render);
  $("upload").addEventListener("change", (e) => upload(e.target.files));
  $("lock").addEventListener("click", lock);
  $("close").addEventListener("click", close);
  $("shred").addEventListener("click", shred);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close();
  });
  load().catch(() => {});
  watchServer();
});
