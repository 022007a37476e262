// What a reader's search downloads, as a static host serves it, measured in headless Chromium:
// the release app over a built site, the browser's cache off, each query once as a reader's
// first (opening /search/?q=…: search's module, the index's root, its parts, the result cards
// and the snippets' passages) and once as a later query (typed into the box after the query
// before it). Twice: over `python3 -m http.server` (no compression) and over a server that
// gzips what hosts compress (HTML, CSS, JS, JSON, SVG, wasm; not `.bin`, which is gzip inside).
// Bytes are the bodies as they crossed the wire (Resource Timing's encodedBodySize; headers
// add some 250 B a request, counted apart), of search's files only: the module, data/search/ and any post file (an app before 2026-12-05 cut
// snippets from whole posts).
//   node bench/search-bytes.mjs SITE_DIR QUERIES_FILE [COUNT]
// SITE_DIR: quire-build's bundle and quire-pages' pages around the release app (bench/search).
// QUERIES_FILE: known_item's `slug<TAB>query` lines.
import { readFileSync } from "node:fs";
import * as browser from "../tests/e2e/browser.mjs";
import { staticServer } from "./static-server.mjs";

const [siteDir, queriesFile, count = "100"] = process.argv.slice(2);
const all = readFileSync(queriesFile, "utf8").split("\n").filter((l) => l.trim()).map((l) => l.split("\t")[1]);
const step = Math.max(1, Math.floor(all.length / Number(count)));
const queries = all.filter((_, i) => i % step === 0).slice(0, Number(count));

// Waits until the query's results and every snippet the app fetches at once (those of the
// results on a 1200×900 screen or just below it) are on screen and nothing has been
// fetched for 200 ms; then sums search's files fetched since entry `from`.
const SETTLE = `
  const [query, from, done] = arguments;
  const wanted = "“" + query.trim() + "”";
  let last = -1, quietSince = performance.now();
  const started = performance.now();
  const search = (e) => /split_search[.](bin|wasm)$|\\/data\\/(search|posts)\\//.test(e.name);
  (function poll() {
    const entries = performance.getEntriesByType("resource");
    if (entries.length !== last) { last = entries.length; quietSince = performance.now(); }
    const summary = document.querySelector(".search-summary")?.textContent ?? "";
    const snippets = [...document.querySelectorAll(".search-snippet")];
    // The app fetches the snippets of results on the screen or a quarter screen below it.
    const near = snippets.filter((s) => s.closest("li").getBoundingClientRect().top < innerHeight * 1.25);
    const shown = summary.includes(wanted) && near.every((s) => s.textContent !== "");
    if (shown && performance.now() - quietSince > 200 || performance.now() - started > 20000) {
      const mine = entries.slice(from).filter(search);
      done({
        shown,
        body: mine.reduce((sum, e) => sum + e.encodedBodySize, 0),
        wire: mine.reduce((sum, e) => sum + e.transferSize, 0),
        requests: mine.length,
        results: snippets.length,
        snippets: snippets.filter((s) => s.textContent !== "").length,
      });
    } else {
      setTimeout(poll, 20);
    }
  })();`;

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round((sorted.length - 1) * q)];
};
const kb = (bytes) => (bytes / 1000).toFixed(1);
const line = (name, runs) => {
  const body = runs.map((r) => r.body);
  const wire = runs.map((r) => r.wire);
  const requests = runs.map((r) => r.requests);
  console.log(`  ${name.padEnd(14)} median ${kb(quantile(body, 0.5))} KB, p95 ${kb(quantile(body, 0.95))} KB, ` +
    `max ${kb(quantile(body, 1))} KB (with headers: p95 ${kb(quantile(wire, 0.95))} KB; ` +
    `requests median ${quantile(requests, 0.5)}, p95 ${quantile(requests, 0.95)})`);
  const full = runs.filter((r) => r.results === 10).map((r) => r.snippets);
  if (full.length) console.log(`    of ${full.length} pages of 10 results, snippets shown at once: median ${quantile(full, 0.5)}, min ${quantile(full, 0)}`);
};

for (const host of ["python3 -m http.server (no compression)", "gzip-serving host"]) {
  let site;
  if (host.startsWith("python")) {
    site = await browser.openSite(siteDir);
  } else {
    const server = await staticServer(siteDir);
    const driver = await browser.startBrowser();
    site = {
      base: `http://127.0.0.1:${server.address().port}`,
      driver,
      close: async () => { await driver.quit(); server.close(); },
    };
  }
  const { driver, base } = site;
  try {
    await driver.sendDevToolsCommand("Network.setCacheDisabled", { cacheDisabled: true });
    const first = [];
    const later = [];
    let unfinished = 0;
    for (let i = 0; i + 1 < queries.length; i++) {
      await driver.get(`${base}/search/?q=${encodeURIComponent(queries[i])}`);
      await driver.executeScript("performance.setResourceTimingBufferSize(100000)");
      const a = await driver.executeAsyncScript(SETTLE, queries[i], 0);
      const from = await driver.executeScript("return performance.getEntriesByType('resource').length");
      await driver.executeScript(`
        const input = document.getElementById("search-input");
        input.value = arguments[0];
        input.dispatchEvent(new Event("input", { bubbles: true }));`, queries[i + 1]);
      const b = await driver.executeAsyncScript(SETTLE, queries[i + 1], from);
      unfinished += !a.shown + !b.shown;
      first.push(a);
      later.push(b);
    }
    console.log(`${host}: ${first.length} first and ${later.length} later queries` +
      (unfinished ? ` (${unfinished} never showed every snippet in 20 s)` : ""));
    line("first query", first);
    line("later query", later);
    const errors = await browser.consoleErrors(driver);
    if (errors.length) console.log("  console errors:", errors.slice(0, 3));
  } finally {
    await site.close();
  }
}
