// End-to-end: the real Hexo blogs in ../shared/compat/hexo-real, moved in as the README says
// (their _config.yml and source/ as the site), built by quire-build and quire-pages with the
// release app, served with no fallback. Every post Hexo listed has its page at Hexo's path, and
// posts opened there in Chromium show their titles, hydrate, and log no error of the site's.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as browser from "./browser.mjs";
import { buildSite } from "./site.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const blogs = join(repo, "../shared/compat/hexo-real");
const present = existsSync(blogs);
const work = present ? mkdtempSync(join(tmpdir(), "quire-hexo-real-")) : null;

after(() => work && rmSync(work, { recursive: true, force: true }));

// What Hexo made of each post: the listed ones.
const expected = (blog) =>
  readFileSync(join(blogs, blog, "expected.jsonl"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => JSON.parse(line))
    .filter((post) => post.listed);

// The reader's machine here is offline: embeds and images from other hosts cannot load.
const ownErrors = (errors) => errors.filter((e) => !/https?:\/\/(?!127\.0\.0\.1)/.test(e));

for (const blog of ["hexojs-site", "mythsman"]) {
  test(`${blog}: every post at Hexo's URL`, { skip: !present && "../shared/compat is not here" }, async () => {
    const root = buildSite(join(blogs, blog), join(work, blog));
    const posts = expected(blog);
    const file = (path) => join(root, path, path.endsWith("/") ? "index.html" : "");
    const missing = posts.filter((post) => !existsSync(file(post.path))).map((post) => post.path);
    // The one post Hexo hid behind another at one URL (README: What differs) has a page there
    // too, the other post's.
    assert.deepEqual(missing, [], `${missing.length} of ${posts.length} posts have no page at Hexo's path`);

    const site = await browser.openSite(root);
    try {
      // A handful, spread over the blog: the first, the last, and between.
      const step = Math.max(1, Math.floor(posts.length / 4));
      for (const post of posts.filter((_, i) => i % step === 0)) {
        await site.driver.get(site.base + "/" + encodeURI(post.path));
        await browser.waitForText(site.driver, "article h1", post.title.slice(0, 30));
        assert.equal(await browser.appStarted(site.driver), "hydrated", post.path);
        assert.deepEqual(ownErrors(await browser.consoleErrors(site.driver)), [], post.path);
      }
    } finally {
      await site.close();
    }
  });
}
