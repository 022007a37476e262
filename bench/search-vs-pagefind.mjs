// The same posts and queries in Pagefind (npm pagefind, pinned in bench/pagefind/), for
// bench/search: its index size and build time, known-item quality, bytes and query time in
// headless Chromium.
//   node bench/search-vs-pagefind.mjs DATA_DIR QUERIES_FILE WORK_DIR [POSTS]
// DATA_DIR is a built Quire bundle; every post becomes a plain HTML page (title, tags, body)
// under WORK_DIR/site, which Pagefind indexes. QUERIES_FILE is what known_item wrote: four
// `slug<TAB>query` lines a post (exact, prefix, both cut, typo).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as browser from "../tests/e2e/browser.mjs";
import { staticServer } from "./static-server.mjs";

const [dataDir, queriesFile, work, postsWanted = "100"] = process.argv.slice(2);
const here = fileURLToPath(new URL(".", import.meta.url));
const escape = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const indexFile = readdirSync(dataDir).find((name) => /^index\..*\.json$/.test(name));
const index = JSON.parse(readFileSync(join(dataDir, indexFile), "utf8"));
const site = join(work, "site");
// Every post with its file, as the archive lists them (quire_model::files::list_page).
const posts = [];
for (let page = 1; page <= index.archive.pages; page++) {
  const list = JSON.parse(readFileSync(join(dataDir, "lists", `${index.archive.id}-${page}.json`), "utf8"));
  posts.push(...list.posts);
}
for (const { file: name, post: summary } of posts) {
  const file = JSON.parse(readFileSync(join(dataDir, name), "utf8"));
  const dir = join(site, "posts", summary.slug);
  mkdirSync(dir, { recursive: true });
  const tags = summary.tags.map((t) => `<li>${escape(t.name)}</li>`).join("");
  writeFileSync(join(dir, "index.html"), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>${escape(summary.title)}</title></head><body><main data-pagefind-body>
<h1>${escape(summary.title)}</h1><ul>${tags}</ul>${file.body_html}</main></body></html>`);
}
writeFileSync(join(site, "bench.html"), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>bench</title></head><body><script type="module">
window.pagefind = await import("./pagefind/pagefind.js");
await window.pagefind.init();
window.ready = true;
</script></body></html>`);

const started = process.hrtime.bigint();
execFileSync(join(here, "pagefind/node_modules/.bin/pagefind"), ["--site", site], { stdio: "ignore" });
const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
let indexBytes = 0;
let indexFiles = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.pf_(meta|index|fragment)$|pagefind-entry\.json$/.test(name)) {
      indexBytes += statSync(path).size;
      indexFiles += 1;
    }
  }
};
walk(join(site, "pagefind"));

const lines = readFileSync(queriesFile, "utf8").split("\n").filter((l) => l.trim()).map((l) => l.split("\t"));
const sampled = Math.min(Number(postsWanted), Math.floor(lines.length / 4));
const step = Math.max(1, Math.floor(lines.length / 4 / sampled));

const kinds = ["exact", "prefix", "prefix (both cut)", "typo"];

// One pass over the sampled posts, served by `host`: bytes counted at the server (Pagefind
// fetches from a web worker, out of the page's resource timing), the browser's cache off.
async function run(gzip) {
  const found = kinds.map(() => 0);
  const first = [];
  const later = [];
  // What a reader's query moves in all: runtime, index and the top 5's fragments (snippets).
  const firstAll = [];
  const laterAll = [];
  const fragments = [];
  const runtime = [];
  const times = [];
  const served = { index: 0, fragments: 0, runtime: 0 };
  const onSent = (path, size) => {
    const kind = path.endsWith(".pf_fragment") ? "fragments"
      : /\.pf_(meta|index)$|pagefind-entry\.json/.test(path) ? "index"
      : path.includes("/pagefind/") ? "runtime" : null;
    if (kind) served[kind] += size;
  };
  const server = await staticServer(site, { gzip, onSent });
  const base = `http://127.0.0.1:${server.address().port}`;
  const driver = await browser.startBrowser();
  await driver.sendDevToolsCommand("Network.setCacheDisabled", { cacheDisabled: true });
  const bytes = () => ({ ...served });
  try {
    for (let p = 0; p < sampled; p++) {
      const post = p * step;
      const slug = lines[post * 4][0];
      const pageStart = bytes();
      await driver.get(`${base}/bench.html`);
      await driver.wait(() => driver.executeScript("return window.ready === true"), 15000);
      // The post's exact query as the reader's first, the next post's as their second
      // (bytes); then the post's other three queries (quality).
      const next = p + 1 < sampled ? lines[(p + 1) * step * 4][1].trim() : null;
      const order = [[0, lines[post * 4][1]], ...(next ? [[-1, next]] : []),
        ...[1, 2, 3].map((k) => [k, lines[post * 4 + k][1]])];
      for (const [k, text] of order) {
        const query = text.trim();
        const before = bytes();
        const result = await driver.executeAsyncScript(`
          const [query, done] = arguments;
          (async () => {
            const search = await window.pagefind.search(query);
            const top = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
            const start = performance.now();
            await window.pagefind.search(query);
            const ms = performance.now() - start;
            done({ urls: top.map((d) => d.url), ms });
          })().catch((e) => done({ error: String(e) }));
        `, query);
        if (result.error) throw new Error(`${query}: ${result.error}`);
        const after = bytes();
        fragments.push(after.fragments - before.fragments);
        times.push(result.ms);
        if (k === -1) {
          later.push(after.index - before.index);
          laterAll.push(after.index + after.fragments - before.index - before.fragments);
          continue;
        }
        if (result.urls.some((url) => url.includes(`/posts/${slug}/`))) found[k] += 1;
        if (k === 0) {
          first.push(after.index - pageStart.index);
          runtime.push(after.runtime - pageStart.runtime);
          firstAll.push(after.index + after.fragments + after.runtime
            - pageStart.index - pageStart.fragments - pageStart.runtime);
        }
      }
    }
  } finally {
    await driver.quit();
    server.close();
  }
  return { found, first, later, firstAll, laterAll, fragments, runtime, times };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round((sorted.length - 1) * q)];
};
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
console.log(`Pagefind 1.6.0: ${posts.length} posts indexed in ${buildMs.toFixed(0)} ms; index ${kb(indexBytes)} in ${indexFiles} files`);
for (const gzip of [false, true]) {
  const { found, first, later, firstAll, laterAll, fragments, runtime, times } = await run(gzip);
  console.log(gzip ? "gzip-serving host:" : "a host that compresses nothing:");
  kinds.forEach((kind, k) => console.log(`  ${kind.padEnd(18)} ${(100 * found[k] / sampled).toFixed(1)}% in the top 5 (${found[k]}/${sampled})`));
  console.log(`  runtime (pagefind.js, its wasm)  ${kb(quantile(runtime, 0.5))}`);
  console.log(`  first query, index files          median ${kb(quantile(first, 0.5))}, p95 ${kb(quantile(first, 0.95))}, max ${kb(quantile(first, 1))}`);
  console.log(`  a second query, index files        median ${kb(quantile(later, 0.5))}, p95 ${kb(quantile(later, 0.95))}, max ${kb(quantile(later, 1))}`);
  console.log(`  first query in all (runtime, index, fragments) median ${kb(quantile(firstAll, 0.5))}, p95 ${kb(quantile(firstAll, 0.95))}`);
  console.log(`  a second query in all (index, fragments) median ${kb(quantile(laterAll, 0.5))}, p95 ${kb(quantile(laterAll, 0.95))}`);
  console.log(`  fragments of the top 5, per query median ${kb(quantile(fragments, 0.5))}, p95 ${kb(quantile(fragments, 0.95))}`);
  console.log(`  query time, index at hand         median ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms`);
}
