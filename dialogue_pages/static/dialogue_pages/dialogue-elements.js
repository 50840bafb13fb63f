/**
 * Dialogue web components: <dialogue-list>, <dialogue-card>, <dialogue-search>, <dialogue-badge>.
 *
 * One ES module, no build step. Load it with
 *   <script type="module" src="https://cms.example.org/static/dialogue_pages/dialogue-elements.js"></script>
 * Elements render into the light DOM (no shadow DOM), so the host page's styles, translations and
 * accessibility tools reach them; themes go through CSS custom properties (--dialogue-accent,
 * --dialogue-radius, ...; see docs/embed.md). Text from the API is only ever set with textContent:
 * search snippets are rebuilt node by node, keeping nothing but their <mark> elements.
 * An <input data-dialogue-suggest="/api/v1/"> anywhere on the page gets title suggestions as you type.
 */

const STRINGS = {
  en: {
    loading: "Loading…", failed: "The dialogues could not be loaded.", none: "No dialogues match.",
    shown: ["{n} dialogue shown", "{n} dialogues shown"], more: "Show more",
    influence: "Level of influence", position: "{position} of {of}",
    searchLabel: "Search dialogues", searchButton: "Search", listLabel: "Suggestions",
    found: ["{n} dialogue found", "{n} dialogues found"], notFound: "No dialogues found.",
    suggestions: ["1 suggestion. Use the arrow keys to choose it.", "{n} suggestions. Use the arrow keys to choose one."],
    takePart: "Take part", until: "Input until {date}", window: "Input {from} – {to}", online: "Take part online",
    example: "Illustrative example",
  },
  da: {
    loading: "Indlæser…", failed: "Dialogerne kunne ikke hentes.", none: "Ingen dialoger matcher.",
    shown: ["{n} dialog vist", "{n} dialoger vist"], more: "Vis flere",
    influence: "Grad af indflydelse", position: "{position} af {of}",
    searchLabel: "Søg i dialoger", searchButton: "Søg", listLabel: "Forslag",
    found: ["{n} dialog fundet", "{n} dialoger fundet"], notFound: "Ingen dialoger fundet.",
    suggestions: ["1 forslag. Brug piletasterne for at vælge det.", "{n} forslag. Brug piletasterne for at vælge et."],
    takePart: "Deltag", until: "Input til og med {date}", window: "Input {from} – {to}", online: "Deltag online",
    example: "Illustrativt eksempel",
  },
  sv: {
    loading: "Laddar…", failed: "Dialogerna kunde inte hämtas.", none: "Inga dialoger matchar.",
    shown: ["{n} dialog visas", "{n} dialoger visas"], more: "Visa fler",
    influence: "Grad av inflytande", position: "{position} av {of}",
    searchLabel: "Sök bland dialoger", searchButton: "Sök", listLabel: "Förslag",
    found: ["{n} dialog hittades", "{n} dialoger hittades"], notFound: "Inga dialoger hittades.",
    suggestions: ["1 förslag. Använd piltangenterna för att välja det.", "{n} förslag. Använd piltangenterna för att välja ett."],
    takePart: "Delta", until: "Synpunkter till och med {date}", window: "Synpunkter {from} – {to}", online: "Delta online",
    example: "Illustrativt exempel",
  },
};

const CSS = `
:where(dialogue-list, dialogue-card, dialogue-search) { display: block; }
:where(dialogue-badge) { display: inline-block; }
:where(.dlg-list) { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--dialogue-gap, 1rem); }
:where(.dlg-card) { border: 1px solid var(--dialogue-border, #c9cfd4); border-radius: var(--dialogue-radius, .5rem);
  padding: var(--dialogue-padding, 1rem); background: var(--dialogue-surface, transparent); overflow-wrap: anywhere;
  hyphens: auto; transition: box-shadow .2s; }
:where(.dlg-card:hover) { box-shadow: 0 2px 10px rgb(0 0 0 / .12); }
:where(.dlg-card h2, .dlg-card h3, .dlg-card h4) { margin: 0 0 .25rem; font-size: var(--dialogue-title-size, 1.2rem); }
:where(dialogue-list, dialogue-card, dialogue-search) a { color: var(--dialogue-accent, #1f5f7a); }
:where(.dlg-meta) { color: var(--dialogue-muted, #555); font-size: .95em; margin: .25rem 0; }
:where(.dlg-example) { display: inline-block; margin: .25rem 0; padding: .1rem .5rem; font-size: .9em; font-weight: 600;
  color: var(--dialogue-example, #7a4100); border: 1px dashed currentColor; border-radius: var(--dialogue-radius, .5rem); }
:where(.dlg-take-part) { border-left: .3rem solid var(--dialogue-open, #2e6b34); padding-left: .6rem; margin: .5rem 0 0; }
:where(.dlg-badge) { display: inline-flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin: .25rem 0;
  border: 1px solid var(--dialogue-border, #c9cfd4); border-left: .5rem solid var(--dlg-badge, var(--dialogue-accent, #1f5f7a));
  border-radius: var(--dialogue-radius, .5rem); padding: .2rem .6rem; }
:where(.dlg-steps) { display: inline-flex; gap: 2px; }
:where(.dlg-step) { width: .8rem; height: .8rem; border: 1px solid var(--dlg-badge, var(--dialogue-accent, #1f5f7a)); }
:where(.dlg-step-on) { background: var(--dlg-badge, var(--dialogue-accent, #1f5f7a)); }
:where(.dlg-sr) { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
:where(.dlg-form) { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; position: relative; }
:where(.dlg-form label) { flex-basis: 100%; font-weight: 600; }
:where(.dlg-field) { position: relative; flex: 1 1 12rem; min-width: 0; }
:where(.dlg-field input) { width: 100%; box-sizing: border-box; font: inherit; padding: .4rem .5rem; }
:where(dialogue-list, dialogue-search) button { font: inherit; padding: .4rem 1rem; color: #fff; cursor: pointer;
  background: var(--dialogue-accent, #1f5f7a); border: 2px solid var(--dialogue-accent, #1f5f7a);
  border-radius: var(--dialogue-radius, .5rem); }
:where(.dlg-more) { margin-top: var(--dialogue-gap, 1rem); }
:where(.dlg-suggestions) { position: absolute; left: 0; right: 0; top: 100%; z-index: 10; margin: 2px 0 0; padding: 0;
  list-style: none; background: #fff; color: #1b1b1b; border: 1px solid var(--dialogue-border, #767676);
  max-height: 16rem; overflow-y: auto; box-shadow: 0 4px 12px rgb(0 0 0 / .15); }
:where(.dlg-suggestions[hidden]) { display: none; }
:where(.dlg-suggestions li) { padding: .4rem .6rem; cursor: pointer; }
:where(.dlg-suggestions li[aria-selected="true"]) { background: var(--dialogue-accent, #1f5f7a); color: #fff; }
:where(dialogue-list, dialogue-search, dialogue-card) mark { background: var(--dialogue-mark, #fff3b0); color: inherit; }
:where([aria-busy="true"] .dlg-list, [aria-busy="true"] .dlg-results) { opacity: .6; transition: opacity .2s; }
@media (prefers-reduced-motion: reduce) {
  :where(dialogue-list, dialogue-card, dialogue-search, dialogue-badge) * { transition: none !important; animation: none !important; }
}
@media print { :where(dialogue-search) { display: none; } }
`;

let styled = false;

/** Adds the default styles once, as a constructed sheet (not subject to a host's inline-style policy). */
function adoptStyles() {
  if (styled) return;
  styled = true;
  if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    // First, so that the host's own sheets (which come later in the cascade) win over these defaults.
    document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
  } else {
    document.head.prepend(h("style", {}, CSS));
  }
}

/** The language of an element: its locale attribute, else the nearest lang; da, sv or en. */
function languageOf(element) {
  const code = (element.getAttribute("locale") || element.closest("[lang]")?.lang || "en").slice(0, 2).toLowerCase();
  return code in STRINGS ? code : "en";
}

function t(language, key, values = {}) {
  let text = STRINGS[language][key];
  if (Array.isArray(text)) text = text[values.n === 1 ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** An element with attributes and children (strings become text nodes: never parsed as HTML). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== "") {
      element.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return element;
}

/** ``base`` + ``path`` with the query parameters that have a value. */
function apiUrl(base, path, parameters = {}) {
  const url = new URL(`${String(base || "/api/v1").replace(/\/+$/, "")}/${path}`, document.baseURI);
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  return url.href;
}

async function getJson(url, signal) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "omit", signal });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.json();
}

/** Nodes of a search snippet: its text, and <mark> around matches; every other tag is dropped. */
function snippetNodes(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}`, "text/html").body;
  const copy = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent);
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const kids = [...node.childNodes].map(copy).filter(Boolean);
    return node.localName === "mark" ? h("mark", {}, kids) : kids;
  };
  return [...parsed.childNodes].map(copy).flat(Infinity).filter(Boolean);
}

function formatDate(value, language) {
  if (!value) return "";
  const date = new Date(`${value}T12:00:00`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { day: "numeric", month: "long", year: "numeric" }).format(date);
}

const COLOUR = /^#[0-9a-f]{3,8}$/i;

/** The participation-ladder badge: text first (label, "3 of 5", ladder); the coloured steps are decoration. */
function badgeNode(badge, language) {
  const position = Number(badge.position) || 0;
  const size = Number(badge.of) || 0;
  const node = h("span", { class: "dlg-badge" },
    size > 0 && size <= 12 ? h("span", { class: "dlg-steps", "aria-hidden": "true" },
      Array.from({ length: size }, (_, i) => h("span", { class: i < position ? "dlg-step dlg-step-on" : "dlg-step" }))) : null,
    h("span", {}, `${t(language, "influence")}: `, h("strong", {}, String(badge.label || "")),
      position && size ? ` – ${t(language, "position", { position, of: size })}` : "",
      badge.ladder ? ` (${typeof badge.ladder === "string" ? badge.ladder : badge.ladder.name || ""})` : ""));
  if (COLOUR.test(badge.colour || "")) node.style.setProperty("--dlg-badge", badge.colour);
  return node;
}

/** How and until when to take part, for an open dialogue. */
function takePartNode(dialogue, language) {
  const participation = dialogue.participation || {};
  if (dialogue.status?.key !== "open") return null;
  const window = participation.opens && participation.closes
    ? t(language, "window", { from: formatDate(participation.opens, language), to: formatDate(participation.closes, language) })
    : participation.closes ? t(language, "until", { date: formatDate(participation.closes, language) }) : "";
  return h("div", { class: "dlg-take-part" },
    h("strong", {}, t(language, "takePart")),
    window ? h("p", { class: "dlg-window" }, window) : null,
    participation.channel ? h("p", {}, participation.channel) : null,
    /^https?:\/\//.test(participation.url || "") ? h("p", {}, h("a", { href: participation.url }, t(language, "online"))) : null);
}

/** A dialogue (a list item, a search result or a detail of the API) as a card; an illustrative example says so. */
function cardNode(dialogue, language, headingLevel = 3) {
  const level = Math.min(6, Math.max(2, Number(headingLevel) || 3));
  const dates = [dialogue.start, dialogue.end].filter(Boolean).map((value) => formatDate(value, language)).join(" – ");
  const url = /^(https?:\/\/|\/)/.test(dialogue.url || "") ? dialogue.url : null;
  return h("article", { class: "dlg-card", lang: dialogue.locale || null },
    h(`h${level}`, {}, url ? h("a", { href: url }, dialogue.title || "") : dialogue.title || ""),
    dialogue.example === true ? h("p", { class: "dlg-example", lang: language }, t(language, "example")) : null,
    dialogue.intro ? h("p", {}, dialogue.intro) : null,
    dialogue.snippet !== undefined ? h("p", { class: "dlg-snippet" }, snippetNodes(dialogue.snippet)) : null,
    h("p", { class: "dlg-meta" }, [dialogue.status?.label, dates].filter(Boolean).join(" · ")),
    dialogue.badge ? badgeNode(dialogue.badge, language) : null,
    takePartNode(dialogue, language));
}

/** What every element shares: the live region, busy state, and one request at a time. */
class DialogueElement extends HTMLElement {
  connectedCallback() {
    adoptStyles();
    if (!this.live) {
      this.live = h("p", { class: "dlg-sr", role: "status", "aria-live": "polite" });
      this.setup();
      this.append(this.live);
    }
    this.load();
  }

  attributeChangedCallback(name, before, after) {
    if (this.live && before !== after) {
      clearTimeout(this.reload);
      this.reload = setTimeout(() => this.load(), 0);
    }
  }

  get language() { return languageOf(this); }

  get api() { return this.getAttribute("api") || "/api/v1"; }

  setup() {}

  load() {}

  async request(url) {
    this.controller?.abort();
    this.controller = new AbortController();
    this.setAttribute("aria-busy", "true");
    try {
      return await getJson(url, this.controller.signal);
    } finally {
      this.removeAttribute("aria-busy");
    }
  }

  announce(text) { this.live.textContent = text; }

  failed(error) {
    if (error.name === "AbortError") return;
    this.announce(t(this.language, "failed"));
    this.dispatchEvent(new CustomEvent("dialogue-error", { detail: String(error), bubbles: true }));
  }
}

const LIST_FILTERS = ["status", "rung", "organisation", "tag", "year", "target-group", "area"];

/** <dialogue-list api locale limit status rung organisation tag year>: the newest dialogues, with "Show more". */
class DialogueList extends DialogueElement {
  static observedAttributes = ["api", "locale", "limit", ...LIST_FILTERS];

  setup() {
    this.list = h("ul", { class: "dlg-list" });
    this.more = h("button", { type: "button", class: "dlg-more", hidden: true }, "");
    this.more.addEventListener("click", () => this.fetchPage(this.next, true));
    this.append(this.list, this.more);
  }

  load() {
    const parameters = { locale: this.getAttribute("locale"), limit: this.getAttribute("limit") || 10 };
    for (const name of LIST_FILTERS) parameters[name.replace("-", "_")] = this.getAttribute(name);
    this.fetchPage(apiUrl(this.api, "dialogues/", parameters), false);
  }

  async fetchPage(url, append) {
    const language = this.language;
    if (!append) this.announce(t(language, "loading"));
    try {
      const data = await this.request(url);
      if (!append) this.list.replaceChildren();
      const level = this.getAttribute("heading-level") || 3;
      this.list.append(...data.items.map((item) => h("li", {}, cardNode(item, language, level))));
      this.next = data.next;
      this.more.hidden = !data.next;
      this.more.textContent = t(language, "more");
      const count = this.list.children.length;
      this.announce(count ? t(language, "shown", { n: count }) : t(language, "none"));
      if (!count) this.list.append(h("li", {}, t(language, "none")));
    } catch (error) {
      this.failed(error);
    }
  }
}

/** <dialogue-card api dialogue-id>: one dialogue as a card. */
class DialogueCard extends DialogueElement {
  static observedAttributes = ["api", "dialogue-id", "locale"];

  async load() {
    const id = Number.parseInt(this.getAttribute("dialogue-id"), 10);
    if (!Number.isInteger(id)) return;
    try {
      const dialogue = await this.request(apiUrl(this.api, `dialogues/${id}/`));
      this.querySelector(".dlg-card")?.remove();
      this.prepend(cardNode(dialogue, this.language, this.getAttribute("heading-level") || 3));
      this.announce("");
    } catch (error) {
      this.failed(error);
    }
  }
}

/** <dialogue-badge label position of colour ladder> or <dialogue-badge api dialogue-id>. */
class DialogueBadge extends DialogueElement {
  static observedAttributes = ["api", "dialogue-id", "label", "position", "of", "colour", "ladder", "locale"];

  async load() {
    let badge = null;
    if (this.hasAttribute("label")) {
      badge = Object.fromEntries(["label", "position", "of", "colour", "ladder"].map((name) => [name, this.getAttribute(name)]));
    } else if (this.hasAttribute("dialogue-id")) {
      try {
        badge = (await this.request(apiUrl(this.api, `dialogues/${Number.parseInt(this.getAttribute("dialogue-id"), 10)}/`))).badge;
      } catch (error) {
        this.failed(error);
        return;
      }
    }
    this.querySelector(".dlg-badge")?.remove();
    if (badge) this.prepend(badgeNode(badge, this.language));
  }
}

let fieldCount = 0;

/**
 * Title suggestions under a text field, as an ARIA combobox with a listbox: arrow keys move through
 * them, Enter opens the chosen dialogue, Escape closes them. The field works as before without it.
 */
export function enhanceSearchField(input, { api, locale, language = languageOf(input), live } = {}) {
  if (input.dataset.dialogueEnhanced) return;
  input.dataset.dialogueEnhanced = "true";
  adoptStyles();
  const id = `dlg-suggestions-${++fieldCount}`;
  const listbox = h("ul", { id, role: "listbox", class: "dlg-suggestions", hidden: true, "aria-label": t(language, "listLabel") });
  const status = live || h("p", { class: "dlg-sr", role: "status", "aria-live": "polite" });
  input.after(listbox);
  if (!live) listbox.after(status);
  Object.entries({ role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": id, autocomplete: "off" })
    .forEach(([name, value]) => input.setAttribute(name, value));
  let active = -1;
  let timer;
  let controller;
  const options = () => [...listbox.children];
  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    const all = options();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  };
  const choose = (option) => {
    close();
    if (option.dataset.url) window.location.assign(option.dataset.url);
    else { input.value = option.textContent; input.form?.requestSubmit(); }
  };
  const suggest = async () => {
    const text = input.value.trim();
    controller?.abort();
    if (text.length < 2) { close(); listbox.replaceChildren(); return; }
    controller = new AbortController();
    try {
      const data = await getJson(apiUrl(api, "search/suggest/", { q: text, locale }), controller.signal);
      listbox.replaceChildren(...data.items.map((item, i) => h("li", {
        id: `${id}-${i}`, role: "option", "aria-selected": "false", lang: item.locale || null,
        "data-url": /^(https?:\/\/|\/)/.test(item.url || "") ? item.url : null,
      }, item.title || "")));
      const count = data.items.length;
      if (count) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
      } else close();
      status.textContent = count ? t(language, "suggestions", { n: count }) : "";
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  };
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options().length) return;
      event.preventDefault();
      if (!open) { listbox.hidden = false; input.setAttribute("aria-expanded", "true"); }
      highlight(event.key === "ArrowDown" ? active + 1 : active < 0 ? -1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(options()[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  // pointerdown, not click: the field keeps its focus while a suggestion is chosen with the mouse.
  listbox.addEventListener("pointerdown", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) { event.preventDefault(); choose(option); }
  });
}

/** <dialogue-search api locale>: a search field with suggestions, and the results below it. */
class DialogueSearch extends DialogueElement {
  static observedAttributes = ["api", "locale"];

  setup() {
    const language = this.language;
    const id = `dlg-search-${++fieldCount}`;
    this.input = h("input", { id, type: "search", name: "q", maxlength: "500" });
    this.form = h("form", { class: "dlg-form", role: "search" },
      h("label", { for: id }, t(language, "searchLabel")),
      h("div", { class: "dlg-field" }, this.input),
      h("button", { type: "submit" }, t(language, "searchButton")));
    this.results = h("ol", { class: "dlg-list dlg-results" });
    this.more = h("button", { type: "button", class: "dlg-more", hidden: true }, t(language, "more"));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.search(apiUrl(this.api, "search/", { q: this.input.value, locale: this.getAttribute("locale") }), false);
    });
    this.more.addEventListener("click", () => this.search(this.next, true));
    this.append(this.form, this.results, this.more);
  }

  load() {
    if (!this.input.dataset.dialogueEnhanced) {
      enhanceSearchField(this.input, { api: this.api, locale: this.getAttribute("locale"), language: this.language, live: this.live });
    }
  }

  async search(url, append) {
    const language = this.language;
    this.announce(t(language, "loading"));
    try {
      const data = await this.request(url);
      if (!append) this.results.replaceChildren();
      this.results.append(...data.items.map((item) => h("li", {}, cardNode(item, language, this.getAttribute("heading-level") || 3))));
      this.next = data.next;
      this.more.hidden = !data.next;
      this.announce(data.total ? t(language, "found", { n: data.total }) : t(language, "notFound"));
      if (!data.total) this.results.append(h("li", {}, t(language, "notFound")));
    } catch (error) {
      this.failed(error);
    }
  }
}

for (const [name, element] of [["dialogue-list", DialogueList], ["dialogue-card", DialogueCard],
  ["dialogue-search", DialogueSearch], ["dialogue-badge", DialogueBadge]]) {
  if (!customElements.get(name)) customElements.define(name, element);
}

for (const input of document.querySelectorAll("input[data-dialogue-suggest]")) {
  enhanceSearchField(input, { api: input.dataset.dialogueSuggest, locale: input.dataset.locale });
}

export { DialogueBadge, DialogueCard, DialogueList, DialogueSearch, snippetNodes };
