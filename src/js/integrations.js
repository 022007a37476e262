// The site's third-party scripts, as site.toml configures them (the pages step writes the
// settings into every page, `quire-integrations`): analytics, ads and comments. Loaded by
// site.js only on a site that has any. Each works across the app's client-side navigations,
// which the app announces as a `quire:navigate` event on `window` (detail: path, title).
//
// Nothing here sets a cookie or loads a script that site.toml does not name; every script's
// address can be changed (`src`: self-hosted analytics, local stand-ins in tests).

import { currentTheme } from "./site.js";

/** Adds a script to the head; `attributes` are set before it loads. */
function loadScript(src, attributes = {}) {
  const script = document.createElement("script");
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.src = src;
  script.async = true;
  document.head.append(script);
  return script;
}

/** Runs `work` once the window's `load` has fired and the browser is idle: third-party
 * scripts never compete with the page's own content. */
function whenIdle(work) {
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(() => work(), { timeout: 2000 }) : setTimeout(work, 1));
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

/** Calls `count(path, title)` for the first page now and for each page the app shows later:
 * one page view per page the reader sees. */
function everyPage(count) {
  count(location.pathname, document.title);
  addEventListener("quire:navigate", (event) => count(event.detail.path, event.detail.title));
}

// Analytics: each provider's automatic page view is turned off, and Quire counts instead, so
// that the first page is counted once and each client-side navigation once.
const ANALYTICS = {
  ga4({ id, src }) {
    window.dataLayer = window.dataLayer || [];
    window.gtag = function gtag() {
      window.dataLayer.push(arguments);
    };
    window.gtag("js", new Date());
    window.gtag("config", id, { send_page_view: false });
    loadScript(src || `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(id)}`);
    everyPage((path, title) =>
      window.gtag("event", "page_view", { page_location: location.origin + path + location.search, page_title: title, send_to: id }),
    );
  },
  plausible({ domain, src }) {
    // The "manual" script counts nothing by itself; calls made before it loads are queued.
    window.plausible =
      window.plausible ||
      function plausible() {
        (window.plausible.q = window.plausible.q || []).push(arguments);
      };
    loadScript(src || "https://plausible.io/js/script.manual.js", { "data-domain": domain, defer: "" });
    everyPage((path) => window.plausible("pageview", { u: location.origin + path }));
  },
  umami({ website_id, src }) {
    const script = loadScript(src || "https://cloud.umami.is/script.js", {
      "data-website-id": website_id,
      "data-auto-track": "false",
    });
    const track = (path, title) => window.umami.track((props) => ({ ...props, url: path, title }));
    everyPage(whenScriptLoaded(script, () => window.umami, track));
  },
  goatcounter({ code, src }) {
    window.goatcounter = { ...window.goatcounter, no_onload: true };
    const script = loadScript(src || "https://gc.zgo.at/count.js", {
      "data-goatcounter": `https://${code}.goatcounter.com/count`,
    });
    const count = (path, title) => window.goatcounter.count({ path, title });
    everyPage(whenScriptLoaded(script, () => window.goatcounter?.count, count));
  },
};

/** `call`, its calls before `script` has loaded (and `ready()` is true) kept until it has. */
function whenScriptLoaded(script, ready, call) {
  let waiting = [];
  script.addEventListener("load", () => {
    const calls = waiting;
    waiting = null;
    if (ready()) for (const args of calls) call(...args);
  });
  return (...args) => {
    if (waiting) waiting.push(args);
    else if (ready()) call(...args);
  };
}

/** AdSense: loaded once, after the page is usable; every `<ins class="adsbygoogle">` the
 * page holds, now or after a navigation, is asked for an ad once (a post's own inline
 * `push` was removed by the build's sanitiser). */
function ads({ client, src }) {
  window.adsbygoogle = window.adsbygoogle || [];
  const fill = () => {
    for (const slot of document.querySelectorAll("ins.adsbygoogle:not([data-quire-ad])")) {
      slot.setAttribute("data-quire-ad", "");
      if (!slot.hasAttribute("data-ad-client")) slot.setAttribute("data-ad-client", client);
      window.adsbygoogle.push({});
    }
  };
  whenIdle(() => {
    loadScript(src || `https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=${encodeURIComponent(client)}`, {
      crossorigin: "anonymous",
    });
    fill();
    // Slots arrive with the pages the app shows.
    new MutationObserver(fill).observe(document.body, { childList: true, subtree: true });
  });
}

// Comments: each provider mounts one thread, identified by the post's path, into the post's
// `<section class="comments" data-thread="…">` (a post whose front matter says `comments: false`
// has the box without a thread, hidden), when the reader comes near it.
const COMMENTS = {
  giscus(settings, thread, box) {
    box.append(
      scriptElement(settings.src || "https://giscus.app/client.js", {
        "data-repo": settings.repo,
        "data-repo-id": settings.repo_id,
        "data-category": settings.category,
        "data-category-id": settings.category_id,
        "data-mapping": "specific",
        "data-term": thread,
        "data-reactions-enabled": "1",
        "data-input-position": "top",
        "data-theme": currentTheme(),
        "data-lang": settings.lang || document.documentElement.lang || "en",
        "data-loading": "lazy",
        crossorigin: "anonymous",
      }),
    );
  },
  utterances(settings, thread, box) {
    box.append(
      scriptElement(settings.src || "https://utteranc.es/client.js", {
        repo: settings.repo,
        "issue-term": thread,
        ...(settings.label ? { label: settings.label } : {}),
        theme: currentTheme() === "dark" ? "github-dark" : "github-light",
        crossorigin: "anonymous",
      }),
    );
  },
  disqus(settings, thread, box) {
    const page = { url: location.origin + location.pathname, identifier: thread, title: document.title };
    const config = function () {
      Object.assign(this.page, page);
    };
    box.append(Object.assign(document.createElement("div"), { id: "disqus_thread" }));
    // Disqus keeps one thread per window: later ones are reset into the new post's box.
    if (window.DISQUS) {
      window.DISQUS.reset({ reload: true, config });
      return;
    }
    window.disqus_config = config;
    box.append(scriptElement(settings.src || `https://${settings.shortname}.disqus.com/embed.js`, { "data-timestamp": String(Date.now()) }));
  },
  waline(settings, thread, box) {
    const src = settings.src || "https://unpkg.com/@waline/client@v3/dist/waline.js";
    const style = settings.style || "https://unpkg.com/@waline/client@v3/dist/waline.css";
    if (!document.querySelector(`link[href="${CSS.escape(style)}"]`)) {
      document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: style }));
    }
    const el = box.appendChild(document.createElement("div"));
    import(src).then(({ init }) =>
      init({ el, serverURL: settings.server_url, path: thread, dark: 'html[data-theme="dark"]', lang: document.documentElement.lang }),
    );
  },
  twikoo(settings, thread, box) {
    const el = box.appendChild(document.createElement("div"));
    el.id = "twikoo";
    const start = () => window.twikoo.init({ envId: settings.env_id, el: "#twikoo", path: thread, lang: document.documentElement.lang });
    if (window.twikoo) start();
    else box.append(scriptElement(settings.src || "https://cdn.jsdelivr.net/npm/twikoo@1.6.41/dist/twikoo.all.min.js", {}, start));
  },
};

function scriptElement(src, attributes, onload) {
  const script = document.createElement("script");
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.src = src;
  script.async = true;
  if (onload) script.addEventListener("load", onload, { once: true });
  return script;
}

/** Mounts comments into each new comments box once it comes within a screen of the view. */
function comments(settings) {
  const mount = COMMENTS[settings.provider];
  if (!mount) return;
  const near = new IntersectionObserver(
    (entries) => {
      for (const entry of entries.filter((entry) => entry.isIntersecting)) {
        near.unobserve(entry.target);
        mount(settings, entry.target.getAttribute("data-thread"), entry.target);
      }
    },
    { rootMargin: "100% 0px" },
  );
  const watch = () => {
    for (const box of document.querySelectorAll("section.comments[data-thread]:not([data-watched])")) {
      box.setAttribute("data-watched", "");
      near.observe(box);
    }
  };
  watch();
  new MutationObserver(watch).observe(document.body, { childList: true, subtree: true });
  // The providers that draw in an iframe are told the theme the reader switches to.
  addEventListener("quire:theme", ({ detail: { theme } }) => {
    for (const frame of document.querySelectorAll("section.comments iframe")) {
      const origin = new URL(frame.src, location.href).origin;
      if (settings.provider === "giscus") {
        frame.contentWindow?.postMessage({ giscus: { setConfig: { theme } } }, origin);
      } else if (settings.provider === "utterances") {
        frame.contentWindow?.postMessage({ type: "set-theme", theme: theme === "dark" ? "github-dark" : "github-light" }, origin);
      }
    }
  });
}

/** Starts every integration `settings` names. */
export function start(settings) {
  for (const [provider, options] of Object.entries(settings.analytics || {})) {
    ANALYTICS[provider]?.(options);
  }
  if (settings.ads) ads(settings.ads);
  if (settings.comments) comments(settings.comments);
}
