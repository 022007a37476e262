// End-to-end: Hexo's theme test posts (../shared/compat/hexo-theme-unit-test), laid out as a
// Hexo site (`_config.yml`, `source/_posts/`, `source/assets/`), built by quire-build and
// quire-pages with the release app from dist/, served with no fallback. Every post opens at
// the URL Hexo gave it, with its tag plugins rendered and no error in the console.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { By } from "selenium-webdriver";
import * as browser from "./browser.mjs";
import { buildSite } from "./site.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const suite = join(repo, "../shared/compat/hexo-theme-unit-test");
const present = existsSync(suite);
let work;
let site;

before(async () => {
  if (!present) return;
  work = mkdtempSync(join(tmpdir(), "quire-hexo-"));
  const hexo = join(work, "hexo");
  cpSync(join(suite, "posts"), join(hexo, "source/_posts"), { recursive: true });
  cpSync(join(suite, "assets"), join(hexo, "source/assets"), { recursive: true });
  writeFileSync(join(hexo, "_config.yml"), "title: Hexo theme unit test\ntimezone: UTC\nurl: http://127.0.0.1\n");
  // A file name as real blogs have them, kept as written in the URL (spaces, a comma), and a
  // post that links to it.
  writeFileSync(
    join(hexo, "source/_posts/Do the Right Thing, Then Wait.md"),
    "---\ntitle: Do the Right Thing\ndate: 2014-01-02\n---\nThe body.\n",
  );
  writeFileSync(
    join(hexo, "source/_posts/linking.md"),
    "---\ntitle: A post that links\ndate: 2014-01-03\n---\nSee {% post_link 'Do the Right Thing, Then Wait' %}.\n",
  );
  site = await browser.openSite(buildSite(hexo, work));
});

after(async () => {
  await site?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// The reader's machine here is offline: embeds and images from other hosts cannot load.
const ownErrors = (errors) => errors.filter((e) => !/https?:\/\/(?!127\.0\.0\.1)/.test(e));

test("every post of Hexo's theme test suite opens at Hexo's URL, tag plugins rendered", { skip: !present && "../shared/compat is not here" }, async () => {
  const { driver, base } = site;
  const expected = JSON.parse(readFileSync(join(suite, "hexo-expected.json"), "utf8"));
  for (const post of expected) {
    await driver.get(base + encodeURI(post.hexo_permalink));
    const title = post.title || post.file.replace(/\.md$/, "");
    await browser.waitForText(driver, "article h1", title.slice(0, 40));
    assert.equal(await browser.appStarted(driver), "hydrated", post.file);
    const text = await driver.findElement(By.css("article")).getText();
    assert.ok(!text.includes("{%"), `${post.file}: a tag plugin left as text`);
    assert.deepEqual(ownErrors(await browser.consoleErrors(driver)), [], post.file);
  }

  await driver.get(`${base}/2013/12/25/tag-plugins/`);
  await browser.waitForText(driver, "article h1", "Tag Plugins");
  const footers = await driver.findElements(By.css(".post-body blockquote footer"));
  assert.equal(footers.length, 3);
  assert.match(await footers[2].getText(), /Seth Godin/);
  assert.equal((await driver.findElements(By.css(".post-body .line.marked"))).length, 4);
  assert.equal((await driver.findElements(By.css(".post-body blockquote.pullquote"))).length, 2);

  await driver.get(`${base}/2013/12/25/videos/`);
  await browser.waitForText(driver, "article h1", "Videos");
  const frames = await driver.findElements(By.css(".video-container iframe"));
  assert.equal(frames.length, 2);
  assert.match(await frames[0].getAttribute("src"), /^https:\/\/www\.youtube-nocookie\.com\/embed\//);
  assert.equal(await frames[0].getAttribute("loading"), "lazy");

  await driver.get(`${base}/2013/12/25/gallery-post/`);
  await browser.waitForText(driver, "article h1", "Gallery Post");
  const photos = await driver.findElements(By.css(".post-gallery img"));
  assert.equal(photos.length, 4);
  const loaded = await driver.executeScript(
    "const img = document.querySelector('.post-gallery img'); img.loading = 'eager'; return img.decode().then(() => img.naturalWidth > 0, () => false)",
  );
  assert.equal(loaded, true, "source/assets/ files are served at /assets/");
});

test("a post whose file name has spaces and a comma opens at its URL, directly and by a link", { skip: !present && "../shared/compat is not here" }, async () => {
  const { driver, base } = site;
  const path = "/2014/01/02/Do the Right Thing, Then Wait/";
  await driver.get(base + "/2014/01/02/Do%20the%20Right%20Thing,%20Then%20Wait/");
  await browser.waitForText(driver, "article h1", "Do the Right Thing");
  assert.equal(await browser.appStarted(driver), "hydrated");
  await driver.get(base + "/2014/01/03/linking/");
  await browser.appStarted(driver);
  await driver.findElement(By.linkText("Do the Right Thing")).click();
  await browser.waitForText(driver, "article h1", "Do the Right Thing");
  assert.equal(await browser.currentPath(driver), path);
  await driver.get(base + "/archives/");
  await browser.appStarted(driver);
  const hrefs = await driver.executeScript("return [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))");
  assert.ok(hrefs.includes(path), hrefs.join(" "));
});
