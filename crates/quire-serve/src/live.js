// What `cargo xtask serve` adds to every page it serves: the page reloads when a new build is
// in, and a failed build's problems (`path:line: message`) are shown over it until one
// succeeds. Nothing of this is in a built site.
const events = new EventSource("/_quire/events");
events.addEventListener("reload", () => location.reload());
events.addEventListener("problems", (event) => {
  let box = document.getElementById("quire-problems");
  if (!box) {
    box = document.createElement("section");
    box.id = "quire-problems";
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;" +
      "padding:1rem 1.25rem;background:#3b0d0c;color:#fde7e7;font:14px/1.5 ui-monospace,monospace;" +
      "box-shadow:0 4px 16px rgb(0 0 0/.4)";
    const title = document.createElement("strong");
    title.textContent = "The site did not build. The last good build is below.";
    const list = document.createElement("pre");
    list.style.cssText = "margin:.5rem 0 0;white-space:pre-wrap";
    box.append(title, list);
    document.body.append(box);
  }
  box.querySelector("pre").textContent = event.data;
});
// Only the styles changed: the new stylesheet in place of the old, no reload.
events.addEventListener("styles", (event) => {
  const link = document.querySelector('link[rel="stylesheet"]');
  if (link && event.data) link.setAttribute("href", event.data);
  document.getElementById("quire-problems")?.remove();
});
