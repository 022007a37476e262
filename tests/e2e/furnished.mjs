// A furnished Quire site (analytics of all four kinds, AdSense with an in-article slot, giscus
// comments, a page, a menu, social links, head tags), and local stand-ins for the third-party
// scripts that behave as the real ones do where it matters (GA4 counts a page view on `config`
// unless told not to, Umami tracks on load unless told not to, AdSense fills the next empty slot
// per `push` and fails when there is none, giscus reads its script's attributes) and report
// every page view, ad and thread they were asked for. Used by furniture.test.mjs and by
// bench/lighthouse/run --furnished, which runs this file: `node furnished.mjs WORK_DIR` builds
// the site into WORK_DIR/quire-site/site, prints that folder, and serves the stand-ins until
// it is stopped.
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildSite } from "./site.mjs";

/** The stand-ins' scripts: each reports to /hit on its own server. */
const STAND_INS = {
  "/gtag.js": `
    const handle = (args) => {
      if (args[0] === "event" && args[1] === "page_view") report({ kind: "ga4", path: new URL(args[2].page_location).pathname });
      // Real gtag.js counts a page view on config unless send_page_view is false.
      if (args[0] === "config" && args[2]?.send_page_view !== false) report({ kind: "ga4", path: location.pathname });
    };
    for (const args of window.dataLayer) handle(args);
    const push = window.dataLayer.push.bind(window.dataLayer);
    window.dataLayer.push = (args) => (handle(args), push(args));`,
  "/plausible.js": `
    const queued = window.plausible?.q || [];
    window.plausible = (name, options) => report({ kind: "plausible", path: new URL(options?.u ?? location.href).pathname });
    for (const args of queued) window.plausible(...args);`,
  "/umami.js": `
    const script = document.currentScript;
    window.umami = { track(props) {
      const data = typeof props === "function" ? props({ url: location.pathname, title: document.title }) : { url: location.pathname };
      report({ kind: "umami", path: data.url, site: script.dataset.websiteId });
    } };
    if (script.dataset.autoTrack !== "false") window.umami.track();`,
  "/count.js": `
    window.goatcounter = { ...window.goatcounter, count(vars) { report({ kind: "goatcounter", path: vars.path }); } };
    if (!window.goatcounter.no_onload) report({ kind: "goatcounter", path: location.pathname });`,
  "/adsbygoogle.js": `
    const fill = () => {
      const slot = document.querySelector("ins.adsbygoogle:not([data-adsbygoogle-status])");
      if (!slot) { report({ kind: "ad-error", path: location.pathname }); throw new Error("All ins elements already have ads"); }
      slot.setAttribute("data-adsbygoogle-status", "done");
      slot.append("ad");
      report({ kind: "ad", path: location.pathname, slot: slot.dataset.adSlot, client: slot.dataset.adClient });
    };
    const queued = window.adsbygoogle || [];
    window.adsbygoogle = { loaded: true, push: fill };
    for (const _ of queued) fill();`,
  "/giscus.js": `
    const script = document.currentScript;
    report({ kind: "giscus", term: script.dataset.term, theme: script.dataset.theme, mapping: script.dataset.mapping, path: location.pathname });
    const frame = document.createElement("div");
    frame.className = "giscus-frame";
    script.after(frame);`,
};

/** Serves the stand-ins on a free port of 127.0.0.1; each hit they report goes to `onHit`. */
export function standIns(onHit) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://x");
    if (url.pathname === "/hit") {
      onHit(Object.fromEntries(url.searchParams));
      response.writeHead(204, { "access-control-allow-origin": "*" }).end();
      return;
    }
    const body = STAND_INS[url.pathname];
    if (!body) return response.writeHead(404).end();
    const origin = `http://127.0.0.1:${server.address().port}`;
    const report = `const report = (hit) => fetch("${origin}/hit?" + new URLSearchParams(Object.entries(hit).filter(([, v]) => v != null)), { mode: "no-cors", keepalive: true });`;
    response.writeHead(200, { "content-type": "text/javascript", "access-control-allow-origin": "*" });
    response.end(`(() => {${report}${body}})();`);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const post = (title, date, extra = "") =>
  `---\ntitle: ${title}\ndate: ${date}\ntags: [notes]\n${extra}---\n` +
  `The first paragraph of ${title}.\n\n` +
  `<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-1" data-ad-slot="own"></ins>\n` +
  `<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>\n\n` +
  `The second paragraph.\n\nThe third paragraph.\n`;

/** Writes the furnished site's source into `source`, its third-party scripts at `stub`. */
export function writeFurnishedSite(source, stub) {
  mkdirSync(join(source, "content/posts"), { recursive: true });
  mkdirSync(join(source, "content/pages"), { recursive: true });
  writeFileSync(
    join(source, "site.toml"),
    `title = "Furnished"\nbase_url = "http://127.0.0.1"\nfooter = "Footer words"\n` +
      `[[menu]]\nname = "Home"\nurl = "/"\n[[menu]]\nname = "About"\nurl = "/about/"\n` +
      `[social]\ngithub = "https://github.com/someone"\nmastodon = "https://social.example/@someone"\n` +
      `[head]\nhtml = '<meta name="google-site-verification" content="token-1">'\n` +
      `[analytics.ga4]\nid = "G-TEST"\nsrc = "${stub}/gtag.js"\n` +
      `[analytics.plausible]\ndomain = "furnished.example"\nsrc = "${stub}/plausible.js"\n` +
      `[analytics.umami]\nwebsite_id = "u-1"\nsrc = "${stub}/umami.js"\n` +
      `[analytics.goatcounter]\ncode = "furnished"\nsrc = "${stub}/count.js"\n` +
      `[ads]\nclient = "ca-pub-1"\nsrc = "${stub}/adsbygoogle.js"\n[ads.in_article]\nslot = "in-article"\nafter_paragraph = 1\n` +
      `[ads.between_cards]\nslot = "between"\nafter_card = 2\n` +
      `[comments]\nprovider = "giscus"\nrepo = "someone/blog"\nrepo_id = "R_1"\ncategory = "Comments"\ncategory_id = "C_1"\nsrc = "${stub}/giscus.js"\n`,
  );
  const posts = join(source, "content/posts");
  writeFileSync(join(posts, "first.md"), post("First", "2024-05-04"));
  writeFileSync(join(posts, "second.md"), post("Second", "2024-05-03"));
  writeFileSync(join(posts, "third.md"), post("Third", "2024-05-02"));
  writeFileSync(join(posts, "quiet.md"), post("Quiet", "2024-05-01", "comments: false\n"));
  writeFileSync(join(source, "content/pages/about.md"), "---\ntitle: About us\n---\nWe write here.\n");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const work = process.argv[2];
  const server = await standIns(() => {});
  const stub = `http://127.0.0.1:${server.address().port}`;
  writeFurnishedSite(join(work, "quire"), stub);
  console.log(buildSite(join(work, "quire"), join(work, "quire-site")));
}
