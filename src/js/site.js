// What every page does in plain JavaScript rather than in the app's wasm: it works from the
// first paint (before the app has loaded, and on a page whose app failed), and it costs the
// wasm every page loads nothing. The theme toggle, the code blocks' copy buttons and opening
// a photo large (photos.js, loaded on the first click on one), here;
// the site's third-party scripts (analytics, ads, comments), in integrations.js, loaded only
// when site.toml configures one.

const root = document.documentElement;

// The key under which the reader's choice of theme is kept; index.html reads it before the
// first paint, so a page never flashes the other theme.
const THEME_KEY = "quire-theme";

/** The theme the page shows: the reader's choice, else the system's. */
export function currentTheme() {
  const chosen = root.getAttribute("data-theme");
  if (chosen === "light" || chosen === "dark") return chosen;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Switches to the other theme, remembers the choice, and tells who follows the theme. */
function toggleTheme() {
  const next = currentTheme() === "dark" ? "light" : "dark";
  root.setAttribute("data-theme", next);
  try {
    localStorage.setItem(THEME_KEY, next);
  } catch {
    // Storage refused (a private window's quota): the choice lasts for this page.
  }
  dispatchEvent(new CustomEvent("quire:theme", { detail: { theme: next } }));
}

/** Puts the code of the block `button` belongs to on the clipboard, and says on the button
 * whether that worked (a browser may refuse, say on a page not served over HTTPS). */
function copyCode(button) {
  const code = button.parentElement?.querySelector("pre code")?.textContent ?? "";
  // The words are the site's, written on the button by the build.
  const say = (key) => (button.textContent = button.dataset[key] ?? "");
  Promise.resolve()
    .then(() => navigator.clipboard.writeText(code))
    .then(
      () => say("copied"),
      () => say("failed"),
    );
}

// One listener serves every page, whatever the app puts in it later: the buttons are in the
// post's HTML, which the build writes.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest(".theme-toggle")) toggleTheme();
  const copy = target?.closest(".code-copy");
  if (copy) copyCode(copy);
  // A photo of a post (not one that is a link elsewhere) opens large; a modified click on a
  // gallery's photo opens it as the link says.
  const photo = target?.closest(".post-body img, .post-gallery img");
  const link = photo?.closest("a");
  const plain = !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
  if (photo && plain && (!link || link.classList.contains("photo"))) {
    event.preventDefault();
    import("./photos.js").then(({ open }) => open(photo));
  }
});

// Each page the app shows replaces the head's tags and title (components/page_meta.rs): when
// that comes with a new path, the reader moved to another page without a load, which this
// announces as a `quire:navigate` event on `window` (detail: path, title) for the site's
// analytics, ads and comments (integrations.js) and any script of the owner's. Not for the
// first page, which a script sees loading, nor for a head shown again at the same path (a
// page whose data arrived, a search typed): one event per page the reader sees.
let shownPath = location.pathname;
new MutationObserver(() => {
  markCurrentLink();
  if (location.pathname === shownPath) return;
  shownPath = location.pathname;
  dispatchEvent(new CustomEvent("quire:navigate", { detail: { path: shownPath, title: document.title } }));
}).observe(document.head, { childList: true, subtree: true, characterData: true });

/** Marks the menu's link to the page shown (the menu's HTML is the build's, the same on
 * every page). */
function markCurrentLink() {
  for (const link of document.querySelectorAll(".site-nav a")) {
    if (link.pathname === location.pathname && link.origin === location.origin) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}
markCurrentLink();

// Buttons that need this script show once it runs (style/main.css).
root.setAttribute("data-js", "");

// The site's own settings for third-party scripts, written into every page by the pages step
// when site.toml has any.
const settings = document.getElementById("quire-integrations");
if (settings) {
  import("./integrations.js").then(({ start }) => start(JSON.parse(settings.textContent)));
}
