// End-to-end: what a technical post holds, made when the site is built (the sample blog's
// /posts/technical-posts/ in the release dist/): formulas drawn by the browser as MathML,
// callouts in each theme's colours, tabs that open one at a time, annotated code. With
// JavaScript and without: none of it needs the app.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { By } from "selenium-webdriver";
import * as browser from "./browser.mjs";

const dist = fileURLToPath(new URL("../../dist", import.meta.url));
const PAGE = "/posts/technical-posts/";
const MATHML = "http://www.w3.org/1998/Math/MathML";
let open = [];

after(async () => {
  for (const site of open) await site.close();
});

for (const [name, args] of [["with JavaScript", []], ["without JavaScript", ["--blink-settings=scriptEnabled=false"]]]) {
  test(`formulas, callouts, tabs and annotated code are there ${name}`, async () => {
    const site = await browser.openSite(dist, "/", { args });
    open.push(site);
    const { driver, base } = site;
    await driver.get(base + PAGE);
    await browser.waitForText(driver, "article h1", "What a technical post can hold");

    // Formulas: MathML elements the browser lays out (a box of their own, not a line of TeX).
    const formulas = await driver.executeScript(`return [...document.querySelectorAll(".post-body math")].map((m) => {
      const box = m.getBoundingClientRect();
      return { ns: m.namespaceURI, display: m.getAttribute("display"), width: box.width, height: box.height };
    })`);
    assert.equal(formulas.length, 2, JSON.stringify(formulas));
    for (const formula of formulas) {
      assert.equal(formula.ns, MATHML);
      assert.ok(formula.width > 10 && formula.height > 10, JSON.stringify(formula));
    }
    assert.deepEqual(formulas.map((f) => f.display), ["inline", "block"]);
    // The block formula (a fraction) is taller than the line of text it sits among.
    assert.ok(formulas[1].height > formulas[0].height, JSON.stringify(formulas));
    assert.ok(!(await browser.textOf(driver, ".post-body")).includes("\\frac"), "no TeX shown");

    // Diagrams: an SVG drawn when the site was built, in each theme's colours.
    const diagram = () => driver.executeScript(`const svg = document.querySelector(".post-body .diagram svg");
      const node = svg.querySelector("rect[fill*='--diagram-fill']");
      return { ns: svg.namespaceURI, role: svg.getAttribute("role"), width: svg.getBoundingClientRect().width,
        labels: [...svg.querySelectorAll("text")].map((t) => t.textContent).join("|"),
        description: svg.querySelector("desc").textContent, fill: getComputedStyle(node).fill }`);
    const lightDiagram = await diagram();
    assert.equal(lightDiagram.ns, "http://www.w3.org/2000/svg");
    assert.equal(lightDiagram.role, "img");
    assert.ok(lightDiagram.width > 200, JSON.stringify(lightDiagram));
    assert.match(lightDiagram.labels, /Write Markdown/);
    assert.match(lightDiagram.description, /^flowchart LR/);
    assert.equal(lightDiagram.fill, "rgb(248, 250, 252)");

    // Callouts: titled, each kind its colour, in the light theme and the dark.
    assert.equal(await browser.textOf(driver, ".markdown-alert-warning .callout-title"), "Warning");
    const rule = (selector) => driver.executeScript(`return getComputedStyle(document.querySelector(arguments[0])).borderLeftColor`, selector);
    const light = { warning: await rule(".markdown-alert-warning"), tip: await rule(".markdown-alert-tip"), note: await rule(".note-tip") };
    assert.equal(light.warning, "rgb(138, 93, 0)");
    assert.equal(light.tip, "rgb(26, 127, 55)");
    assert.equal(light.note, light.tip, "a Hexo theme's success note is a tip");
    await driver.executeScript(`document.documentElement.style.colorScheme = "dark"`);
    assert.equal(await rule(".markdown-alert-warning"), "rgb(210, 153, 34)");
    assert.equal(await rule(".markdown-alert-tip"), "rgb(63, 185, 80)");
    assert.equal((await diagram()).fill, "rgb(28, 33, 40)", "the diagram follows the dark theme");
    await driver.executeScript(`document.documentElement.style.colorScheme = ""`);

    // Tabs: the first open; opening the second closes it, by the browser alone.
    const opened = () => driver.executeScript(`return [...document.querySelectorAll(".tabs details")].map((d) => d.open)`);
    assert.deepEqual(await opened(), [true, false]);
    const summaries = await driver.findElements(By.css(".tabs summary"));
    await summaries[1].click();
    assert.deepEqual(await opened(), [false, true]);
    assert.match(await browser.textOf(driver, ".tabs details[open]"), /ChromeDriver/);

    // Code: a file name, a marked line among numbered lines, a diff's changes.
    assert.equal(await browser.textOf(driver, ".code-title"), "src/main.rs");
    assert.equal((await driver.findElements(By.css(".code-block.line-numbers .line"))).length, 4);
    assert.match(await browser.textOf(driver, ".code-block.line-numbers .line.marked"), /let greeting/);
    const numbered = await driver.executeScript(`return getComputedStyle(document.querySelector(".line-numbers .line"), "::before").counterIncrement`);
    assert.match(numbered, /^line 1$/);
    assert.match(await browser.textOf(driver, ".line.removed"), /^-\s+println!\("hello"\);$/);
    assert.match(await browser.textOf(driver, ".line.added"), /^\+\s+println!\("hello, world"\);$/);
    assert.deepEqual(await browser.consoleErrors(driver), []);
  });
}

test("a post's photo opens large over the page, and Escape or a click closes it", async () => {
  const site = await browser.openSite(dist);
  open.push(site);
  const { driver, base } = site;
  await driver.get(base + "/posts/embedding-media/");
  await browser.waitForText(driver, "article h1", "Embedding");
  await driver.wait(() => driver.executeScript("return document.documentElement.hasAttribute('data-js')"), browser.TIMEOUT);
  const photo = await driver.findElement(By.css(".post-body img[src$='pipeline.svg']"));
  const shown = () => driver.executeScript(`const d = document.getElementById("quire-photo");
    return d && { open: d.open, src: d.querySelector("img").getAttribute("src"), alt: d.getAttribute("aria-label"),
      focused: d.contains(document.activeElement), width: d.querySelector("img").getBoundingClientRect().width }`);
  await photo.click();
  await driver.wait(async () => (await shown())?.open === true, browser.TIMEOUT, "the photo opens");
  const opened = await shown();
  assert.match(opened.src, /pipeline\.svg$/);
  assert.match(opened.alt, /A diagram of Quire.s build/);
  assert.ok(opened.focused, "the keyboard is in the dialog");
  assert.ok(opened.width >= (await photo.getRect()).width, JSON.stringify(opened));
  await driver.actions().sendKeys("\uE00C").perform(); // Escape
  await driver.wait(async () => (await shown()).open === false, browser.TIMEOUT, "Escape closes it");
  await photo.click();
  await driver.wait(async () => (await shown()).open === true, browser.TIMEOUT, "it opens again");
  await driver.findElement(By.id("quire-photo")).click();
  await driver.wait(async () => (await shown()).open === false, browser.TIMEOUT, "a click closes it");
  assert.equal(await browser.currentPath(driver), "/posts/embedding-media/", "the page stayed");
  assert.deepEqual(await browser.consoleErrors(driver), []);
});

test("a photo is offered as smaller WebP copies: the browser takes one smaller than the photo", async () => {
  const site = await browser.openSite(dist);
  open.push(site);
  const { driver, base } = site;
  await driver.get(base + PAGE);
  await browser.waitForText(driver, "article h1", "What a technical post can hold");
  // Each photo scrolled to (they load lazily, but the first), then read once it has loaded.
  const photos = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
    (async () => {
      const images = [...document.querySelectorAll(".post-body picture img")];
      for (const img of images) {
        img.scrollIntoView();
        while (!img.complete || !img.currentSrc) await new Promise((r) => setTimeout(r, 50));
      }
      const result = [];
      for (const img of images) {
        const original = await fetch(img.src, { method: "HEAD" });
        const copy = performance.getEntriesByName(img.currentSrc)[0];
        result.push({ alt: img.alt, currentSrc: img.currentSrc, src: img.getAttribute("src"),
          copyBytes: copy && copy.encodedBodySize, originalBytes: Number(original.headers.get("content-length")),
          naturalWidth: img.naturalWidth, shownWidth: img.getBoundingClientRect().width,
          width: img.getAttribute("width"), height: img.getAttribute("height"),
          background: getComputedStyle(img).backgroundImage,
          sources: img.parentElement.querySelector("source").getAttribute("srcset").split(", ").length,
          priority: img.getAttribute("fetchpriority"), loading: img.getAttribute("loading") });
      }
      return result;
    })().then(done, (e) => done(String(e)));`);
  assert.equal(photos.length, 3, JSON.stringify(photos));
  for (const photo of photos) {
    const says = JSON.stringify(photo);
    assert.match(photo.currentSrc, /\/_images\/[0-9a-f]{16}-\d+\.webp$/, says);
    assert.match(photo.src, /^posts\/technical-posts\/\w+\.jpg$/, says);
    assert.ok(photo.copyBytes > 0 && photo.copyBytes < photo.originalBytes / 2, says);
    // The copy fits the text's width (at the screen's density) and is no larger than needed.
    assert.ok(photo.naturalWidth >= photo.shownWidth && photo.naturalWidth <= 1600, says);
    assert.ok(Number(photo.width) > 0 && Number(photo.height) > 0, says);
    assert.match(photo.background, /^url\("data:image\/svg\+xml,/, says);
    assert.ok(photo.sources >= 4, says);
  }
  // Far down the post (below headings), none is loaded first: each waits to be scrolled to.
  assert.deepEqual(photos.map((p) => [p.priority, p.loading]), [[null, "lazy"], [null, "lazy"], [null, "lazy"]]);

  // Opened large, a photo is its copy that fills the screen, not the one that fit the text.
  await driver.wait(() => driver.executeScript("return document.documentElement.hasAttribute('data-js')"), browser.TIMEOUT);
  await driver.executeScript("window.scrollTo(0, 0)");
  const cat = await driver.findElement(By.css(".post-body img[src$='cat.jpg']"));
  await driver.executeScript("arguments[0].scrollIntoView()", cat);
  await cat.click();
  const large = await driver.wait(() => driver.executeScript(`const img = document.querySelector("#quire-photo[open] img");
    return img && img.complete && img.currentSrc ? { src: img.currentSrc, width: img.naturalWidth } : null`), browser.TIMEOUT,
    "the photo opens large");
  assert.match(large.src, /\/_images\/[0-9a-f]{16}-\d+\.webp$/, JSON.stringify(large));
  assert.ok(large.width >= photos[0].naturalWidth, JSON.stringify({ large, text: photos[0] }));

  // The home page's card shows the post's thumbnail as a copy cropped to the card (16:9):
  // on the home page's page that lists the post.
  const listing = await driver.executeScript(`return (async () => {
    for (const path of ["", "page/2/", "page/3/", "page/4/"]) {
      const html = await (await fetch(document.baseURI + path)).text();
      if (html.includes("technical-posts/cat.jpg")) return "/" + path;
    }
  })()`);
  assert.ok(listing, "a page of the home page lists the post");
  await driver.get(base + listing);
  const card = await driver.wait(() => driver.executeScript(`const img = [...document.querySelectorAll(".post-card-thumbnail")]
      .find((img) => img.getAttribute("src").endsWith("cat.jpg"));
    if (!img) return null;
    img.scrollIntoView();
    return img.complete && img.currentSrc ? { src: img.currentSrc, ratio: img.naturalWidth / img.naturalHeight } : null`), browser.TIMEOUT,
    "the card's thumbnail loads");
  assert.match(card.src, /\/_images\/[0-9a-f]{16}-\d+\.webp$/, JSON.stringify(card));
  assert.ok(Math.abs(card.ratio - 16 / 9) < 0.01, JSON.stringify(card));
  assert.deepEqual(await browser.consoleErrors(driver), []);
});
