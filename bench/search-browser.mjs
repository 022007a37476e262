// Times search in headless Chromium: the release app over a built bundle, queries typed into
// the search box one after another. Prints the engine's time per query (what the page shows
// beside the result count) and the time from the keystroke to the results on screen.
//   node bench/search-browser.mjs DIST QUERIES_FILE [COUNT]
import { readFileSync } from "node:fs";
import * as browser from "../tests/e2e/browser.mjs";

const [dist, queriesFile, count = "200"] = process.argv.slice(2);
// Lines of known_item's output: slug, tab, query.
const all = readFileSync(queriesFile, "utf8").split("\n").filter((l) => l.trim()).map((l) => l.split("\t")[1]);
const step = Math.max(1, Math.floor(all.length / Number(count)));
const queries = all.filter((_, i) => i % step === 0).slice(0, Number(count));

const site = await browser.openSite(dist);
const { driver, base } = site;
try {
  await driver.get(`${base}/search`);
  await browser.textOf(driver, "#search-input");
  const engine = [];
  const shown = [];
  for (const query of queries) {
    const [ms, wall] = await driver.executeAsyncScript(`
      const [query, done] = arguments;
      const input = document.getElementById("search-input");
      const summary = () => document.querySelector(".search-summary")?.textContent ?? "";
      const before = summary();
      const start = performance.now();
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const wanted = "“" + query.trim() + "”";
      (function poll() {
        const text = summary();
        if (text.includes(wanted) && text !== before || text.includes(wanted) && performance.now() - start > 2000) {
          const match = text.match(/\\(([0-9.]+) ms\\)/);
          done([match ? Number(match[1]) : 0, performance.now() - start]);
        } else if (performance.now() - start > 15000) {
          done([NaN, NaN]);
        } else {
          setTimeout(poll, 2);
        }
      })();
    `, query);
    if (Number.isNaN(ms)) throw new Error(`no results shown for ${JSON.stringify(query)}`);
    engine.push(ms);
    shown.push(wall);
  }
  const quantile = (values, q) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.round((sorted.length - 1) * q)];
  };
  const line = (name, values) =>
    console.log(`  ${name.padEnd(36)} median ${quantile(values, 0.5).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms, max ${quantile(values, 1).toFixed(1)} ms`);
  console.log(`${queries.length} queries in headless Chromium`);
  line("engine (ranking, parts at hand)", engine);
  line("keystroke to results (120 ms pause)", shown);
  const errors = await browser.consoleErrors(driver);
  if (errors.length) console.log("console errors:", errors);
} finally {
  await site.close();
}
