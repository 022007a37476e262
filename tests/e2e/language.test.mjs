// End-to-end: a blog in its own language. A zh-CN site whose posts, tags and categories are all
// Chinese, read on every kind of page with JavaScript (arriving by client-side navigation) and
// without: no interface word may be English (no Latin letter outside the posts' own code, but
// "Quire" in the footer), in the text, in what screen readers hear (aria-label, title, alt,
// placeholder) and in the window's title; dates are written as Chinese writes them.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { By } from "selenium-webdriver";
import * as browser from "./browser.mjs";
import { buildSite } from "./site.mjs";

let work;
let root;

const post = (title, date, tags, category, body) =>
  `---\ntitle: ${title}\ndate: ${date}\ntags: [${tags.join(", ")}]\ncategories: [${category.join(", ")}]\n---\n${body}\n`;

before(() => {
  work = mkdtempSync(join(tmpdir(), "quire-language-"));
  const source = join(work, "zh");
  mkdirSync(join(source, "content/posts"), { recursive: true });
  writeFileSync(
    join(source, "site.toml"),
    'title = "雪夜书房"\ndescription = "读书与写字"\nauthor = "小林"\nlanguage = "zh-CN"\nposts_per_page = 2\n',
  );
  const long = "## 开始\n\n雪下了一整夜。\n\n- [x] 扫雪\n- [ ] 煮茶\n\n```\n代码块\n```\n\n## 结束\n\n天亮了。";
  writeFileSync(join(source, "content/posts/snow.md"), post("初雪", "2024-09-19 08:00:00", ["随笔", "冬天"], ["笔记", "读书"], long));
  writeFileSync(join(source, "content/posts/tea.md"), post("煮茶", "2024-09-05 08:00:00", ["随笔"], ["笔记"], "水开了。"));
  writeFileSync(join(source, "content/posts/book.md"), post("旧书", "2023-01-02 08:00:00", ["冬天"], ["笔记", "读书"], "一本旧书。"));
  root = buildSite(source, join(work, "site"));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every interface word the page shows or names, with the posts' own code left out. */
const PAGE_WORDS = `
  const body = document.body.cloneNode(true);
  body.querySelectorAll("pre, code, kbd, script, style, noscript, template").forEach((e) => e.remove());
  // In the body: the head's feed links are named by their formats (Atom, RSS, JSON Feed).
  const attributes = [...document.body.querySelectorAll("[aria-label], [title], [alt], [placeholder]")].flatMap((e) =>
    ["aria-label", "title", "alt", "placeholder"].map((name) => e.getAttribute(name) ?? ""));
  return [document.title, body.textContent, ...attributes].join("\\n");`;

async function assertNoEnglish(driver, page) {
  const words = await driver.executeScript(PAGE_WORDS);
  const latin = words.replaceAll("Quire", "").match(/[A-Za-z]+/g);
  assert.equal(latin, null, `${page}: ${latin?.join(" ")} in\n${words}`);
}

/** A link's path from the site's root, percent-decoded (as `browser.currentPath` gives it). */
const pathOf = (href) => decodeURIComponent(new URL(href, "http://site/").pathname);

/** The links of every kind of page, found as a reader would, from the home page on. */
async function pagesOf(driver, base) {
  await driver.get(`${base}/`);
  const href = (selector) => driver.executeScript(`return document.querySelector(${JSON.stringify(selector)}).getAttribute("href")`);
  const tag = await href(".tag-links a");
  await driver.get(`${base}/posts/snow/`);
  const category = await href(".category-trails a");
  return ["/", "/page/2/", "/posts/snow/", "/posts/tea/", "/archives/", "/archives/2024/", "/archives/2024/09/",
    "/tags/", pathOf(tag), "/categories/", pathOf(category), "/search/"];
}

test("a zh-CN site shows no English interface word, with JavaScript and without, and writes dates in Chinese", async () => {
  for (const args of [[], ["--blink-settings=scriptEnabled=false"]]) {
    const scripted = args.length === 0;
    const reader = await browser.openSite(root, "/", { args, fallback: "404.html" });
    try {
      const { driver, base } = reader;
      const pages = await pagesOf(driver, base);
      await driver.get(`${base}/posts/book/`);
      if (scripted) assert.equal(await browser.appStarted(driver), "hydrated");
      for (const path of pages) {
        if (scripted) {
          // Arrive as a reader of the app does: by a client-side navigation.
          await driver.executeScript(`history.pushState(null, "", ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent("popstate"));`);
          await driver.wait(async () => (await browser.currentPath(driver)) === path, browser.TIMEOUT, `navigating to ${path}`);
          await driver.wait(
            () => driver.executeScript('return !!document.querySelector("main h1") && !document.querySelector("main .loading")'),
            browser.TIMEOUT,
            `waiting for ${path}`,
          );
        } else {
          await driver.get(`${base}${path}`);
        }
        await assertNoEnglish(driver, `${path} ${args.join(" ")}`);
      }
      await driver.get(`${base}/posts/snow/`);
      assert.equal(await browser.textOf(driver, ".post-meta time"), "2024年9月19日");
      assert.match(await browser.textOf(driver, ".post-meta"), /阅读约 1 分钟/);
      await driver.get(`${base}/archives/2024/09/`);
      await browser.waitForText(driver, "main h1", "归档：2024年9月");
      await driver.get(`${base}/no/such/page/`);
      await browser.waitForText(driver, "main h1", "页面不存在");
      await assertNoEnglish(driver, `404 ${args.join(" ")}`);
      if (scripted) {
        // Search's own words: its page, a query's summary.
        await driver.get(`${base}/search/?q=${encodeURIComponent("雪")}`);
        await browser.waitForText(driver, ".search-summary", "篇文章与“雪”匹配");
        await assertNoEnglish(driver, "search");
      }
    } finally {
      await reader.close();
    }
  }
});
