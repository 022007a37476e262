// End-to-end: the release build in dist/ (scripts/test makes it), served by a plain static file
// server with no fallback rule (python3 -m http.server), read in real Chromium driven through
// chromedriver. Every URL opened here is a file of its own.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { By, Key, until } from "selenium-webdriver";
import * as browser from "./browser.mjs";
import { TIMEOUT } from "./browser.mjs";

const dist = fileURLToPath(new URL("../../dist", import.meta.url));
let site;
let base;
let driver;

before(async () => {
  site = await browser.openSite(dist);
  ({ base, driver } = site);
});

after(() => site?.close());

const open = (path) => driver.get(base + path);
const textOf = (selector) => browser.textOf(driver, selector);
const waitForText = (selector, text) => browser.waitForText(driver, selector, text);
const path = () => browser.currentPath(driver);
const consoleErrors = () => browser.consoleErrors(driver);

test("the home page lists the newest posts, and no draft", async () => {
  await open("/");
  await waitForText(".post-card-title", "Welcome to Quire");
  const titles = await Promise.all((await driver.findElements(By.css(".post-card-title"))).map((e) => e.getText()));
  assert.equal(titles[0], "Welcome to Quire");
  assert.equal(titles.length, 5, "posts_per_page in site.toml");
  assert.ok(!(await driver.getPageSource()).includes("This draft must never appear"));
  assert.equal(await driver.getTitle(), "Quire Notes");
  assert.deepEqual(await consoleErrors(), []);
});

test("a post opens from the home page, and its URL survives a reload", async () => {
  await open("/");
  await waitForText(".post-card-title a", "Ownership in five minutes");
  await browser.appStarted(driver);
  await driver.findElement(By.linkText("Ownership in five minutes")).click();
  await waitForText("article h1", "Ownership in five minutes");
  assert.equal(await path(), "/posts/ownership-in-five-minutes/");
  assert.equal(await driver.getTitle(), "Ownership in five minutes · Quire Notes");

  await driver.navigate().refresh();
  await waitForText("article h1", "Ownership in five minutes");
  assert.match(await textOf(".post-body"), /Each value has one owner/);
  assert.equal((await driver.findElements(By.css(".toc a"))).length, 2);
  assert.deepEqual(await consoleErrors(), []);
});

test("a tag link leads to the tag's posts", async () => {
  await open("/posts/ownership-in-five-minutes/");
  await waitForText(".tag-links a", "Rust");
  await browser.appStarted(driver);
  await driver.findElement(By.css(".post-header .tag-links a[href='/tags/rust/']")).click();
  await waitForText("h1", "Posts tagged “Rust”");
  assert.equal(await path(), "/tags/rust/");
  await waitForText(".post-list a", "Error handling patterns that age well");
  await driver.navigate().back();
  await waitForText("article h1", "Ownership in five minutes");
});

test("a post keeps the address its permalink gives it", async () => {
  await open("/2025/12/24/moved-from-hexo");  // the server redirects to …/moved-from-hexo/
  await waitForText("article h1", "An older post, moved from Hexo");
  assert.equal(await browser.appStarted(driver), "hydrated");
  await driver.findElement(By.linkText("Archives")).click();
  await waitForText("h1", "Archives");
  await driver.findElement(By.linkText("An older post, moved from Hexo")).click();
  await waitForText("article h1", "An older post, moved from Hexo");
  assert.equal(await path(), "/2025/12/24/moved-from-hexo/");
  assert.deepEqual(await consoleErrors(), []);
});

test("non-ASCII tags and nested categories have readable URLs", async () => {
  await open("/tags/日本語/");
  await waitForText("h1", "Posts tagged “日本語”");
  await waitForText(".post-list a", "日本語で書くブログ");
  await open("/categories/programming/rust");  // the server redirects to …/rust/
  await waitForText("h1", "Posts in “Rust”");
  await waitForText(".post-list a", "Ownership in five minutes");
});

/// How many of the page's requests were for URLs containing `part`.
const fetches = (part) =>
  driver.executeScript(
    "return performance.getEntriesByType('resource').filter((e) => e.name.includes(arguments[0])).length",
    part,
  );
const searchFetches = () => fetches("/data/search/");
// The release build's wasm module with search's code (crates/quire-xtask/src/build_app.rs).
const searchCodeFetches = () => fetches("/split_search.bin");

test("search: fetched on intent, `/` to focus, typos forgiven, snippets marked, query in the URL", async () => {
  await open("/posts/ownership-in-five-minutes/");
  await waitForText("article h1", "Ownership in five minutes");
  await browser.appStarted(driver);
  assert.equal(await searchFetches(), 0, "an article does not load the search index");
  assert.equal(await searchCodeFetches(), 0, "an article does not load search's code");

  await driver.findElement(By.css("body")).sendKeys("/");
  const input = await driver.switchTo().activeElement();
  assert.equal(await input.getAttribute("id"), "search-input");
  await input.sendKeys("gradinet");
  await waitForText(".search-summary", "1 post matches “gradinet”");
  await waitForText(".result-link", "Notes from a machine learning reading group");
  assert.equal(await path(), "/search/?q=gradinet");
  assert.match(await driver.findElement(By.css(".search-snippet")).getAttribute("innerHTML"), /<mark>gradient<\/mark>/i);
  assert.ok((await searchFetches()) >= 1);
  assert.equal(await searchCodeFetches(), 1);

  await input.sendKeys(Key.ARROW_DOWN);
  await driver.switchTo().activeElement().sendKeys(Key.ENTER);
  await waitForText("article h1", "Notes from a machine learning reading group");

  await open("/search/?q=%E6%97%A5%E6%9C%AC%E8%AA%9E");
  await waitForText(".result-link", "日本語で書くブログ");
  assert.equal(await driver.findElement(By.css("input[type=search]")).getAttribute("value"), "日本語");
  assert.deepEqual(await consoleErrors(), []);
});

test("the search page, opened as it was rendered, is taken over once search's code is there", async () => {
  await open("/search/");
  await waitForText(".search-hint", "Type in the search box");
  assert.equal(await browser.appStarted(driver), "hydrated");
  assert.equal(await searchCodeFetches(), 1);
  const input = driver.findElement(By.css("#search-input"));
  await input.sendKeys("borrow");
  await waitForText(".search-summary", "“borrow”");
  assert.equal(await path(), "/search/?q=borrow");
  assert.deepEqual(await consoleErrors(), []);
});

test("raw HTML keeps embeds but loses scripts and handlers", async () => {
  await open("/posts/embedding-media/");
  await waitForText("article h1", "Embedding video");
  const iframe = await driver.findElement(By.css(".post-body iframe"));
  assert.equal(await iframe.getAttribute("title"), "An embedded video");
  const note = await driver.findElement(By.css(".post-body .note"));
  assert.equal(await note.getAttribute("onclick"), null);
  const external = await driver.findElement(By.linkText("the Rust website"));
  assert.equal(await external.getAttribute("rel"), "noopener");
  assert.equal(await external.getAttribute("target"), "_blank");
  // The post's first image is usually the largest thing on screen: loaded at once, first.
  const image = await driver.findElement(By.css(".post-body img"));
  assert.equal(await driver.executeScript("return arguments[0].getAttribute('loading')", image), null);
  assert.equal(await image.getAttribute("fetchpriority"), "high");
});
