// Times what a reader waits for, in headless Chromium (Debian's, through chromedriver), on a
// built site served by `python3 -m http.server` (no compression):
//   node bench/browser-timings.mjs SITE_DIR [RUNS]
// - cold: a fresh browser (empty cache) opens a post; the time from navigation start to the
//   article's text being painted (first contentful paint: the text is in the server's HTML);
// - warm: the same post opened again in the same browser (HTTP cache warm);
// - client-side navigation: on the started app, a click on another post's link until that
//   post's title is in the page.
// Prints the median of RUNS (default 5) for each.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { By } from "../tests/e2e/node_modules/selenium-webdriver/index.js";
import * as browser from "../tests/e2e/browser.mjs";

const [site, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const data = join(site, "data");
const index = JSON.parse(readFileSync(join(data, readdirSync(data).find((n) => /^index\..*\.json$/.test(n)))));
const home = JSON.parse(readFileSync(join(data, `lists/${index.home.id}-1.json`)));
const [first, second] = home.posts.map((listed) => listed.post);

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
// The article's text is in the server's HTML, so it is painted with the page's first content.
const paintedText = (driver) =>
  driver.executeAsyncScript(`
    const done = arguments[0];
    new PerformanceObserver((list, observer) => {
      const paint = list.getEntriesByName("first-contentful-paint")[0];
      if (paint && document.querySelector(".post-body")) {
        observer.disconnect();
        done(paint.startTime);
      }
    }).observe({ type: "paint", buffered: true });`);

const cold = [], warm = [], client = [];
for (let run = 0; run < runs; run++) {
  const { driver, base, close } = await browser.openSite(site);
  try {
    await driver.get(base + first.path);
    cold.push(await paintedText(driver));
    await driver.get(base + first.path);
    warm.push(await paintedText(driver));
    await browser.appStarted(driver);
    // Pointing at the link first, as a reader's mouse does on its way to click.
    const link = await driver.findElement(By.css(`a[href$="${second.path}"]`)).catch(() => null);
    const target = link ? second : null;
    if (target) {
      client.push(await driver.executeAsyncScript(`
        const [href, title, done] = arguments;
        const link = document.querySelector('a[href$="' + href + '"]');
        link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
        const start = performance.now();
        link.click();
        const check = () => {
          const h1 = document.querySelector("article h1");
          if (h1 && h1.textContent.includes(title)) done(performance.now() - start);
          else requestAnimationFrame(check);
        };
        check();`, target.path, target.title));
    }
  } finally {
    await close();
  }
}
const ms = (v) => (v == null ? "-" : `${v.toFixed(0)} ms`);
console.log(`post ${first.path}, ${runs} runs, medians:`);
console.log(`  cold load, article text painted: ${ms(median(cold))}`);
console.log(`  warm load, article text painted: ${ms(median(warm))}`);
console.log(`  client-side navigation to ${second.path} (pointed at, then clicked): ${ms(median(client))}`);
