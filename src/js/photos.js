// A post's photo opened large over the page, in a modal <dialog>: Escape, a click or a tap
// anywhere closes it, and the browser keeps the keyboard's focus in it meanwhile and gives it
// back after. Loaded by site.js on the first click on a photo; no library.

/** Opens `img` (a photo of the post's text or gallery) large. */
export function open(img) {
  let dialog = document.getElementById("quire-photo");
  if (!dialog) {
    dialog = document.createElement("dialog");
    dialog.id = "quire-photo";
    dialog.className = "photo-dialog";
    // The dialog holds the photo and nothing to press: all of it closes it.
    dialog.tabIndex = -1;
    dialog.append(document.createElement("img"));
    dialog.addEventListener("click", () => dialog.close());
    document.body.append(dialog);
  }
  const large = dialog.querySelector("img");
  // The whole photo: a gallery's link names it; a photo with smaller copies (a <picture>)
  // opens as the copy that fills the screen, not the one that fitted the text; any other
  // image as its own source.
  const copies = img.closest("picture")?.querySelector("source")?.srcset || "";
  large.sizes = copies ? "96vw" : "";
  large.srcset = copies;
  large.src = img.closest("a.photo")?.href || img.src || img.currentSrc;
  large.alt = img.alt;
  dialog.setAttribute("aria-label", img.alt);
  dialog.showModal();
  dialog.focus();
}
