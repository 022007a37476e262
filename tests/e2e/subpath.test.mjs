// End-to-end: the release build made with `--public-url /blog/` (scripts/test makes it in
// target/dist-subpath), served under /blog/ by a plain static server with no fallback rule:
// deep links, reloads and the back button, with routes, links and data all under the path.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { By } from "selenium-webdriver";
import * as browser from "./browser.mjs";

const dist = fileURLToPath(new URL("../../target/dist-subpath", import.meta.url));
let site;
let base;
let driver;

before(async () => {
  site = await browser.openSite(dist, "/blog/");
  ({ base, driver } = site);
});

after(() => site?.close());

test("the blog works under a subpath", async () => {
  await driver.get(`${base}/blog/`);
  await browser.waitForText(driver, ".post-card-title", "Welcome to Quire");
  const home = await driver.findElement(By.css(".site-title"));
  assert.equal(await home.getAttribute("href"), `${base}/blog/`);

  assert.equal(await browser.appStarted(driver), "hydrated");
  await driver.findElement(By.linkText("Ownership in five minutes")).click();
  await browser.waitForText(driver, "article h1", "Ownership in five minutes");
  assert.equal(await browser.currentPath(driver), "/blog/posts/ownership-in-five-minutes/");
  await driver.navigate().refresh();
  await browser.waitForText(driver, "article h1", "Ownership in five minutes");
  assert.equal(await browser.appStarted(driver), "hydrated");

  await driver.findElement(By.css(".post-header .tag-links a")).click();
  await browser.waitForText(driver, "h1", "Posts tagged");
  assert.match(await browser.currentPath(driver), /^\/blog\/tags\/[^/]+\/$/);
  await driver.navigate().back();
  await browser.waitForText(driver, "article h1", "Ownership in five minutes");

  // Deep links straight from the address bar, each its own file under /blog/.
  for (const [url, selector, text] of [
    ["/blog/tags/日本語/", "h1", "Posts tagged “日本語”"],
    ["/blog/categories/programming/rust/", "h1", "Posts in “Rust”"],
    ["/blog/archives/", "h1", "Archives"],
    ["/blog/page/2/", ".pagination-position", "Page 2 of"],
  ]) {
    await driver.get(base + encodeURI(url));
    await browser.waitForText(driver, selector, text);
    assert.equal(await browser.appStarted(driver), "hydrated", url);
  }
  const canonical = await driver.findElement(By.css("link[rel=canonical]")).getAttribute("href");
  assert.match(canonical, /\/page\/2\/$/);
  assert.deepEqual(await browser.consoleErrors(driver), []);
});
