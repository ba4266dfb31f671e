// Keyboard review: r relevant, n not relevant, s skip, e note, Esc leaves the note, / search.
// Served as a file because the Content-Security-Policy allows no inline script.
"use strict";
document.addEventListener("keydown", (event) => {
  const target = event.target;
  const typing = target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  if (typing) {
    if (event.key === "Escape") target.blur();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const click = (id) => {
    const button = document.getElementById(id);
    if (button) { event.preventDefault(); button.click(); }
  };
  switch (event.key) {
    case "r": click("decide-relevant"); break;
    case "n": click("decide-irrelevant"); break;
    case "s": click("decide-skip"); break;
    case "e": {
      const note = document.getElementById("note");
      if (note) { event.preventDefault(); note.focus(); }
      break;
    }
    case "/": {
      const box = document.getElementById("search-box");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
      break;
    }
  }
});
