// End-to-end: every URL is a real page. The HTML a server sends carries the route's content and
// head tags (readers without JavaScript read it), the app then takes the page over in place (the
// same nodes, no layout shift) and navigates client-side from there; hosts that answer unknown
// URLs with a fallback page get the app's own view of the URL.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { By } from "selenium-webdriver";
import * as browser from "./browser.mjs";

const dist = fileURLToPath(new URL("../../dist", import.meta.url));
const POST = "/posts/ownership-in-five-minutes/";
let site;

before(async () => {
  site = await browser.openSite(dist);
});

after(() => site?.close());

test("the HTML a plain static server sends carries the content and the head tags", async () => {
  const response = await fetch(site.base + POST);
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /<h1>Ownership in five minutes<\/h1>/);
  assert.match(html, /Each value has one owner/);
  assert.match(html, /<title>Ownership in five minutes · Quire Notes<\/title>/);
  assert.match(html, /<link href="http:\/\/[^"]+\/posts\/ownership-in-five-minutes\/" rel="canonical">/);
  assert.match(html, /<meta property="og:title" content="Ownership in five minutes">/);
  assert.match(html, /<meta name="twitter:card" content="summary(_large_image)?">/);
  assert.match(html, /<link href="[^"]+\/atom\.xml" rel="alternate"[^>]* type="application\/atom\+xml">/);
  const jsonLd = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)[1]);
  assert.equal(jsonLd["@type"], "BlogPosting");
  assert.equal(jsonLd.headline, "Ownership in five minutes");
  // The sample blog configures no third-party script: its pages carry none.
  assert.doesNotMatch(html, /quire-integrations|googletagmanager|adsbygoogle/);

  for (const [path, type] of [
    ["/atom.xml", /xml/],
    ["/rss.xml", /xml/],
    ["/feed.json", /json/],
    ["/sitemap.xml", /xml/],
    ["/robots.txt", /text/],
  ]) {
    const file = await fetch(site.base + path);
    assert.equal(file.status, 200, path);
    assert.match(file.headers.get("content-type"), type, path);
  }
});

test("readers without JavaScript read posts and follow links between pages", async () => {
  const noScript = await browser.openSite(dist, "/", { args: ["--blink-settings=scriptEnabled=false"] });
  try {
    const { driver, base } = noScript;
    await driver.get(`${base}/`);
    await browser.waitForText(driver, ".post-card-title", "Welcome to Quire");
    await driver.findElement(By.linkText("Ownership in five minutes")).click();
    await browser.waitForText(driver, "article h1", "Ownership in five minutes");
    assert.match(await browser.textOf(driver, ".post-body"), /Each value has one owner/);
    // No app ran: what the reader sees is the server's HTML alone.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await driver.findElement(By.css("html")).getAttribute("data-app"), null);
    // The search box is a form the browser submits to the search page, query in the URL.
    await driver.findElement(By.css("#search-input")).sendKeys("borrow\n");
    await browser.waitForText(driver, "main h1", "Search");
    assert.equal(await browser.currentPath(driver), "/search/?q=borrow");
  } finally {
    await noScript.close();
  }
});

// Runs before any of the page's own scripts: remembers the server-rendered <h1> as the parser
// inserts it, and adds up layout shifts.
const OBSERVE = `
  window.__shifts = 0;
  window.__shifted = [];
  const rect = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(",");
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__shifts += entry.value;
      // What moved, for the failure message: a rare shift is otherwise hard to trace.
      for (const source of entry.sources || []) {
        const node = source.node;
        const name = node ? node.nodeName + (node.className ? "." + node.className : "") : "(removed)";
        window.__shifted.push(Math.round(entry.startTime) + " ms " + name + " " + rect(source.previousRect) + " → " + rect(source.currentRect));
      }
    }
  }).observe({ type: "layout-shift", buffered: true });
  new MutationObserver((_, observer) => {
    const h1 = document.querySelector("main h1");
    if (h1) { window.__renderedH1 = h1; observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
`;

test("the app takes the rendered page over in place, then navigates client-side", async () => {
  const { driver, base } = site;
  await driver.sendDevToolsCommand("Page.enable", {});
  const { identifier } = await driver.sendAndGetDevToolsCommand("Page.addScriptToEvaluateOnNewDocument", {
    source: OBSERVE,
  });
  try {
    for (const path of [POST, "/", "/tags/rust/", "/search/"]) {
      await driver.get(base + path);
      assert.equal(await browser.appStarted(driver), "hydrated", path);
      const kept = await driver.executeScript(
        "return window.__renderedH1 != null && window.__renderedH1 === document.querySelector('main h1') && window.__renderedH1.isConnected",
      );
      assert.equal(kept, true, `${path}: the server's nodes are the app's nodes`);
      // Give a late repaint or shift the time to happen.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [shifts, shifted] = await driver.executeScript("return [window.__shifts, window.__shifted]");
      assert.equal(shifts, 0, `${path}: no layout shift; moved: ${shifted.join("; ")}`);
    }

    await driver.get(base + POST);
    await browser.appStarted(driver);
    await driver.executeScript("window.__sameDocument = true");
    await driver.findElement(By.css(".post-header .tag-links a[href='/tags/rust/']")).click();
    await browser.waitForText(driver, "h1", "Posts tagged");
    await driver.findElement(By.linkText("Error handling patterns that age well")).click();
    await browser.waitForText(driver, "article h1", "Error handling patterns that age well");
    await driver.navigate().back();
    await browser.waitForText(driver, "h1", "Posts tagged");
    assert.equal(await driver.executeScript("return window.__sameDocument"), true, "no full page load");
    const canonical = await driver.executeScript("return document.querySelector('link[rel=canonical]').href");
    assert.match(canonical, /\/tags\/rust\/$/, "head tags follow client-side navigation");
    assert.equal(await driver.findElements(By.css("link[rel=canonical]")).then((l) => l.length), 1);
    assert.deepEqual(await browser.consoleErrors(driver), []);
  } finally {
    await driver.sendDevToolsCommand("Page.removeScriptToEvaluateOnNewDocument", { identifier });
  }
});

test("a page's content does not move sideways when the page outgrows the window (as while it arrives)", async () => {
  const { driver, base } = site;
  const leftOfHeader = async (path) => {
    await driver.get(base + path);
    return driver.executeScript(
      "return [document.querySelector('.site-header').getBoundingClientRect().left, document.documentElement.scrollHeight > innerHeight]",
    );
  };
  const window = driver.manage().window();
  const size = await window.getRect();
  try {
    // Tall enough for the 404 page, not for a post.
    await window.setRect({ width: size.width, height: 1600 });
    const [shortLeft, shortScrolls] = await leftOfHeader("/404.html");
    const [longLeft, longScrolls] = await leftOfHeader(POST);
    assert.deepEqual([shortScrolls, longScrolls], [false, true], "one page fits the window, one does not");
    assert.equal(shortLeft, longLeft, "the header is where it is on a page with a scrollbar");
  } finally {
    await window.setRect({ width: size.width, height: size.height });
  }
});

test("hosts that answer unknown URLs with a fallback page show the app's own page for the URL", async () => {
  for (const fallback of ["404.html", "index.html"]) {
    const host = await browser.openSite(dist, "/", { fallback });
    try {
      const { driver, base } = host;
      await driver.get(`${base}/no/such/page`);
      await browser.waitForText(driver, "h1", "Page not found");
      assert.equal(await browser.appStarted(driver), "mounted", fallback);
      assert.equal(await driver.findElements(By.css("main h1")).then((h) => h.length), 1);
      await driver.findElement(By.linkText("Go to the home page")).click();
      await browser.waitForText(driver, ".post-card-title", "Welcome to Quire");
      // The 404 status of GitHub Pages' fallback is the only error a reader's console shows.
      const errors = (await browser.consoleErrors(driver)).filter((e) => !e.includes("status of 404"));
      assert.deepEqual(errors, [], fallback);
    } finally {
      await host.close();
    }
  }
});

test("code is highlighted by the build, and a chosen theme applies before the first paint", async () => {
  const html = await (await fetch(site.base + POST)).text();
  assert.match(html, /<div class="code-block" data-lang="rust"><span class="code-lang">rust<\/span>/);
  assert.match(html, /<span class="hl-[a-z-]+( hl-[a-z-]+)*">/);
  // The theme is read in <head>, before the body exists: nothing is painted before it.
  const head = html.slice(0, html.indexOf("<body"));
  assert.match(head, /localStorage\.getItem\("quire-theme"\)/);

  const { driver } = site;
  await driver.get(site.base + POST);
  await driver.executeScript("localStorage.setItem('quire-theme', 'dark')");
  await driver.get(site.base + POST);
  const background = await driver.executeScript("return getComputedStyle(document.body).backgroundColor");
  assert.equal(background, "rgb(17, 20, 24)");
  await browser.appStarted(driver);
  await driver.findElement(By.css(".theme-toggle")).click();
  assert.equal(await driver.findElement(By.css("html")).getAttribute("data-theme"), "light");
  assert.equal(await driver.executeScript("return localStorage.getItem('quire-theme')"), "light");
  await driver.executeScript("localStorage.removeItem('quire-theme')");
  // A code block's copy button (plain JavaScript, src/js/site.js) puts its code on the
  // clipboard. Headless Chromium refuses the clipboard to a page without focus: a stand-in
  // keeps what is written, refusing first, as a browser may.
  await driver.executeScript(
    "window.copied = null; navigator.clipboard.writeText = (text) => window.copied === null" +
      " ? ((window.copied = ''), Promise.reject(new Error('denied'))) : ((window.copied = text), Promise.resolve())",
  );
  const copy = await driver.findElement(By.css(".code-copy"));
  await copy.click();
  await browser.waitForText(driver, ".code-copy", "Copy failed");
  await copy.click();
  await browser.waitForText(driver, ".code-copy", "Copied");
  const code = await driver.executeScript("return document.querySelector('.code-copy').parentElement.querySelector('pre code').textContent");
  assert.match(code, /\S/);
  assert.equal(await driver.executeScript("return window.copied"), code);
});

test("on a post, the table of contents marks the section being read", async () => {
  const { driver } = site;
  await driver.get(site.base + POST);
  assert.equal(await browser.appStarted(driver), "hydrated");
  const marked = () =>
    driver.executeScript(
      "return [...document.querySelectorAll('.toc a[aria-current=location]')].map((a) => a.textContent)",
    );
  await driver.executeScript("document.getElementById('moving-and-cloning').scrollIntoView()");
  await driver.wait(async () => (await marked()).length > 0, browser.TIMEOUT, "waiting for a marked section");
  assert.deepEqual(await marked(), ["Moving and cloning"]);
  await driver.executeScript("window.scrollTo(0, 0)");
  await driver.wait(async () => (await marked()).length === 0, browser.TIMEOUT, "waiting for no marked section");
});
