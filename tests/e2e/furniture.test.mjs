// End-to-end: what a blog has around its posts. A Quire site with analytics (GA4, Plausible,
// Umami, GoatCounter), AdSense and giscus comments configured (furnished.mjs: the site, and
// local stand-ins on 127.0.0.1 for the third-party scripts that report every page view, ad and
// thread they were asked for), and a Hexo site with pages in `source/`, built and served as a
// deploy would be.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { By } from "selenium-webdriver";
import * as browser from "./browser.mjs";
import { buildSite } from "./site.mjs";
import { standIns, writeFurnishedSite } from "./furnished.mjs";

// Every request the stand-ins report: `{ kind, path, slot, term, … }`.
let hits = [];
let thirdParty;
let work;
let site;

before(async () => {
  thirdParty = await standIns((hit) => hits.push(hit));
  const stub = `http://127.0.0.1:${thirdParty.address().port}`;
  work = mkdtempSync(join(tmpdir(), "quire-furniture-"));
  const source = join(work, "quire");
  writeFurnishedSite(source, stub);
  site = await browser.openSite(buildSite(source, join(work, "quire-site")));
});

after(async () => {
  await site?.close();
  thirdParty?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Waits until `count(hits)` is `n`, then a moment more, so that a late extra hit shows. */
async function settle(count, n, what) {
  await site.driver.wait(async () => count(hits) >= n, browser.TIMEOUT, `waiting for ${what}`);
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

const of = (kind) => hits.filter((hit) => hit.kind === kind);

test("three posts read, one client-side navigation at a time: three page views, every ad once, three threads", async () => {
  const { driver, base } = site;
  hits = [];
  await driver.get(`${base}/posts/first/`);
  assert.equal(await browser.appStarted(driver), "hydrated");
  // Nothing third-party is loaded before the page is usable, and then only what is configured.
  for (const title of ["Second", "Third"]) {
    await driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
    await settle((all) => all.filter((hit) => hit.kind === "giscus").length, ["Second", "Third"].indexOf(title) + 1, "the thread");
    await driver.findElement(By.css(".post-nav a[rel=prev]")).click();
    await browser.waitForText(driver, "article h1", title);
  }
  await driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
  await settle((all) => all.filter((hit) => hit.kind === "giscus").length, 3, "the third thread");
  await settle((all) => all.filter((hit) => hit.kind === "ad").length, 6, "six ads");
  // Still the same page: the app navigated, the browser did not load a page.
  assert.equal(await driver.executeScript("return performance.getEntriesByType('navigation').length"), 1);

  const paths = ["/posts/first/", "/posts/second/", "/posts/third/"];
  for (const kind of ["ga4", "plausible", "umami", "goatcounter"]) {
    assert.deepEqual(of(kind).map((hit) => hit.path), paths, `${kind}'s page views`);
  }
  // Each post's own slot and the in-article one placed by the settings, each filled once.
  const ads = of("ad").map((hit) => `${hit.path} ${hit.slot}`).sort();
  assert.deepEqual(ads, paths.flatMap((path) => [`${path} in-article`, `${path} own`]).sort());
  assert.deepEqual(of("ad-error"), []);
  const threads = of("giscus");
  assert.deepEqual(threads.map((hit) => hit.term), paths, "one thread per post, named by its path");
  assert.ok(threads.every((hit) => hit.mapping === "specific" && hit.theme === "light"));
  // The post's own inline `push` never ran: the sanitiser removed it.
  const own = await driver.executeScript("return document.querySelector('.post-body').innerHTML");
  assert.doesNotMatch(own, /<script/);
  // The in-article slot follows the first paragraph, in space reserved for it.
  const placed = await driver.executeScript(
    "const ad = document.querySelector('ins.quire-ad'); return [ad.previousElementSibling.textContent, ad.getBoundingClientRect().height]",
  );
  assert.deepEqual(placed, ["The first paragraph of Third.", 280]);
  assert.deepEqual(await browser.consoleErrors(driver), []);
});

test("the home page's ad shows after the second card, and is filled once", async () => {
  const { driver, base } = site;
  hits = [];
  await driver.get(`${base}/`);
  await browser.appStarted(driver);
  await settle((all) => all.filter((hit) => hit.kind === "ad").length, 1, "the ad among the cards");
  const order = await driver.executeScript(`
    const cards = [...document.querySelectorAll('.post-card')].map((card) => card.getBoundingClientRect());
    const ad = document.querySelector('.list-ad').getBoundingClientRect();
    return [cards.length, cards[1].bottom <= ad.top, ad.bottom <= cards[2].top, Math.round(ad.height) >= 280];`);
  assert.deepEqual(order, [4, true, true, true]);
  assert.deepEqual(of("ad").map((hit) => `${hit.path} ${hit.slot}`), ["/ between"]);
});

test("a post with `comments: false` has no thread, and the menu reaches the site's pages", async () => {
  const { driver, base } = site;
  hits = [];
  await driver.get(`${base}/posts/quiet/`);
  await browser.appStarted(driver);
  await driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
  await settle((all) => all.filter((hit) => hit.kind === "ga4").length, 1, "the page view");
  assert.equal((await driver.findElements(By.css("section.comments[data-thread]"))).length, 0);
  assert.deepEqual(of("giscus"), []);
  // The head carries the owner's own tags; the footer the social links and text.
  assert.equal(
    await driver.executeScript("return document.querySelector('meta[name=google-site-verification]').content"),
    "token-1",
  );
  const social = await driver.executeScript(
    "return [...document.querySelectorAll('.social a')].map((a) => [a.getAttribute('aria-label'), a.rel, a.href])",
  );
  assert.deepEqual(social, [
    ["GitHub", "", "https://github.com/someone"],
    ["Mastodon", "me", "https://social.example/@someone"],
  ]);
  assert.match(await browser.textOf(driver, ".site-footer"), /Footer words/);
  // Client-side, to the page from content/pages/: its own title and body, no date or tags.
  await driver.findElement(By.css(".site-nav")).findElement(By.linkText("About")).click();
  await browser.waitForText(driver, "article h1", "About us");
  assert.match(await browser.textOf(driver, ".post-body"), /We write here/);
  const shown = await driver.executeScript(
    "return [...document.querySelectorAll('article .post-meta, article .tag-links, .post-nav')].filter((e) => e.getClientRects().length).length",
  );
  assert.equal(shown, 0, "no date, tags or links to other posts shown");
  assert.equal(await browser.currentPath(driver), "/about/");
  assert.equal(await driver.executeScript("return document.title"), "About us · Furnished");
  assert.equal(await browser.textOf(driver, ".site-nav a[aria-current=page]"), "About");
  await settle((all) => all.filter((hit) => hit.kind === "ga4").length, 2, "the page's view");
  assert.deepEqual(of("ga4").map((hit) => hit.path), ["/posts/quiet/", "/about/"]);
  // Pages are in the sitemap, not in the feeds.
  const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
  assert.match(sitemap, /<loc>http:\/\/127\.0\.0\.1\/about\/<\/loc>/);
  const feed = await (await fetch(`${base}/atom.xml`)).text();
  assert.doesNotMatch(feed, /About us/);
  assert.doesNotMatch(feed, /in-article/, "no ad slot in the feed");
});

test("a Hexo site's pages in source/ are at Hexo's URLs, in its menu, with JavaScript and without", async () => {
  const hexo = join(work, "hexo");
  mkdirSync(join(hexo, "source/_posts"), { recursive: true });
  mkdirSync(join(hexo, "source/about"), { recursive: true });
  mkdirSync(join(hexo, "source/tags"), { recursive: true });
  writeFileSync(
    join(hexo, "_config.yml"),
    "title: Hexo Blog\nlanguage: zh-Hans\nurl: http://127.0.0.1\ntimezone: UTC\ntheme: next\nmenu:\n  home: / || fa fa-home\n  about: /about/ || fa fa-user\n  links: /links.html\n",
  );
  writeFileSync(join(hexo, "source/_posts/hello.md"), "---\ntitle: Hello\ndate: 2024-01-02\n---\nHi.\n");
  writeFileSync(join(hexo, "source/about/index.md"), "---\ntitle: 关于我\ndate: 2020-01-01\n---\n我写博客。\n");
  writeFileSync(join(hexo, "source/links.md"), "---\ntitle: Links\n---\nFriends.\n");
  writeFileSync(join(hexo, "source/tags/index.md"), "---\ntitle: tags\ntype: tags\n---\n");
  const root = buildSite(hexo, join(work, "hexo-site"));
  for (const args of [[], ["--blink-settings=scriptEnabled=false"]]) {
    const reader = await browser.openSite(root, "/", { args });
    try {
      const { driver, base } = reader;
      await driver.get(`${base}/2024/01/02/hello/`);
      await browser.waitForText(driver, "article h1", "Hello");
      const menu = await driver.executeScript("return [...document.querySelectorAll('.site-nav a')].map((a) => a.textContent)");
      // NexT's standard entries in the blog's language, as the theme names them; others as written.
      assert.deepEqual(menu, ["首页", "关于", "Links"], args.join(" "));
      assert.match(await browser.textOf(driver, ".site-footer"), /由 Quire 构建/);
      await driver.findElement(By.css(".site-nav")).findElement(By.linkText("关于")).click();
      await browser.waitForText(driver, "article h1", "关于我");
      assert.match(await browser.textOf(driver, ".post-body"), /我写博客/);
      assert.equal(await browser.currentPath(driver), "/about/");
      await driver.findElement(By.css(".site-nav")).findElement(By.linkText("Links")).click();
      await browser.waitForText(driver, "article h1", "Links");
      assert.equal(await browser.currentPath(driver), "/links.html");
      // The theme's tags page gives way to Quire's own.
      await driver.get(`${base}/tags/`);
      await browser.waitForText(driver, "main h1", "标签");
    } finally {
      await reader.close();
    }
  }
});
