// End-to-end: a blog whose posts were written to attack its readers (tests/e2e/hostile/: script
// in titles, tags, headings, excerpts, raw HTML, URLs of every kind, post links to a post whose
// permalink is a script URL), built by quire-build and quire-pages with the release app, read
// in Chromium. Every payload, if it ran, would set localStorage.pwned; none may, on any page
// the sitemap lists or on search results, opened directly or reached by the app's own
// navigation, and no page may hold what a click would run; nor may the feeds' entries.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as browser from "./browser.mjs";
import { TIMEOUT } from "./browser.mjs";
import { buildSite } from "./site.mjs";

const source = fileURLToPath(new URL("./hostile", import.meta.url));
let work;
let root;
let site;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "quire-hostile-"));
  root = buildSite(source, work);
  site = await browser.openSite(root);
});

after(async () => {
  await site?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// What in the page as the browser holds it could run script: a script element in the body
// (the page's own are in its head, JSON-LD aside), an on… handler, a frame's srcdoc, a URL
// attribute with a script scheme (after what browsers strip from one), JSON-LD that is no
// longer JSON (a title that closed its element), and a post's own markup fixed over the page.
const SCRIPT_IN = `
function scriptIn(document) {
  const found = [];
  const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "poster"];
  for (const element of document.querySelectorAll("body *")) {
    const name = element.tagName.toLowerCase();
    if (name === "script" && element.type !== "application/ld+json") found.push("<script> in the body");
    for (const attribute of element.attributes) {
      const key = attribute.name.toLowerCase();
      if (key.startsWith("on")) found.push(name + " " + key);
      if (key === "srcdoc") found.push(name + " srcdoc");
      const scheme = attribute.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
      if (urlAttributes.includes(key) && /^(javascript|vbscript|data):/.test(scheme)) {
        found.push(name + " " + key + "=" + attribute.value);
      }
    }
    if (element.closest(".post-body, .post-card-excerpt") && getComputedStyle(element).position === "fixed") {
      found.push(name + " fixed over the page");
    }
  }
  for (const data of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { JSON.parse(data.textContent); } catch { found.push("JSON-LD that is not JSON"); }
  }
  return found;
}
`;

// Every page the site lists, and search results that hold the hostile posts.
function pages() {
  const sitemap = readFileSync(join(root, "sitemap.xml"), "utf8");
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc).pathname);
  return [...paths, "/search/?q=zebrafish", "/search/?q=onerror", "/search/?q=script"];
}

// Waits until the page's images have loaded or failed (a failed `src=x` is when an onerror
// would run), then reads what ran and what could.
async function audit(driver, path) {
  await driver.wait(
    () => driver.executeScript("return [...document.images].every((image) => image.complete)"),
    TIMEOUT,
    `${path}: waiting for its images`,
  );
  await driver.sleep(100);
  const ran = await driver.executeScript("return localStorage.getItem('pwned')");
  assert.equal(ran, null, `${path}: the payload "${ran}" ran`);
  assert.deepEqual(await driver.executeScript(SCRIPT_IN + "return scriptIn(document)"), [], path);
}

test("no hostile post runs script on any page opened directly", async () => {
  const { driver, base } = site;
  const paths = pages();
  assert.ok(paths.length >= 10, `the sitemap lists the posts, lists and tags: ${paths}`);
  assert.ok(paths.some((path) => path.includes("javascript:")), "the post whose permalink is a script URL has a page");
  await driver.get(base + "/");
  await driver.executeScript("localStorage.clear()");
  for (const path of paths) {
    await driver.get(base + path);
    // Search results are not pre-rendered: the app mounts them over the search page.
    const started = await browser.appStarted(driver);
    if (!path.startsWith("/search/")) assert.equal(started, "hydrated", path);
    await audit(driver, path);
  }
  // The search results did find the posts they are about.
  await driver.get(base + "/search/?q=zebrafish");
  await browser.waitForText(driver, "main", "Raw HTML that wants to run");
});

test("no hostile post runs script on any page the app navigates to", async () => {
  const { driver, base } = site;
  await driver.get(base + "/");
  await driver.executeScript("localStorage.clear()");
  await browser.appStarted(driver);
  // Set on this document only: still there after every step, so no step loaded a page.
  await driver.executeScript("window.sameDocument = true");
  for (const path of pages()) {
    // A link to the page, clicked as a reader would click one: the app takes the click.
    await driver.executeScript(
      "const link = document.createElement('a'); link.href = arguments[0]; document.body.append(link); link.click(); link.remove()",
      path,
    );
    await driver.wait(
      async () => (await driver.executeScript("return location.pathname + location.search")) === new URL(path, base).pathname + new URL(path, base).search,
      TIMEOUT,
      `navigating to ${path}`,
    );
    await driver.wait(
      () => driver.executeScript("return document.querySelector('main') !== null && !document.querySelector('main .loading')"),
      TIMEOUT,
      `${path}: waiting for the page`,
    );
    assert.equal(await driver.executeScript("return window.sameDocument"), true, `${path} was loaded, not navigated to`);
    await audit(driver, path);
  }
});

test("no hostile post puts script in the feeds' HTML", async () => {
  const { driver, base } = site;
  await driver.get(base + "/");
  // Each entry's HTML as a feed reader gets it (Atom and RSS hold it as text, JSON Feed as a
  // string), parsed as HTML and read as a page would be.
  const found = await driver.executeAsyncScript(
    SCRIPT_IN +
      `const done = arguments[arguments.length - 1];
      const html = async (path) => {
        const text = await (await fetch(path)).text();
        if (path.endsWith(".json")) return JSON.parse(text).items.map((item) => item.content_html);
        const feed = new DOMParser().parseFromString(text, "application/xml");
        return [...feed.querySelectorAll("content, description")].map((element) => element.textContent);
      };
      Promise.all(["/atom.xml", "/rss.xml", "/feed.json"].map(async (path) => {
        const entries = await html(path);
        return [path, entries.length, entries.flatMap((entry) => scriptIn(new DOMParser().parseFromString(entry, "text/html")))];
      })).then(done, (error) => done(String(error)));`,
  );
  for (const [path, entries, scripts] of found) {
    assert.ok(entries >= 5, `${path}: ${entries} entries`);
    assert.deepEqual(scripts, [], path);
  }
});
