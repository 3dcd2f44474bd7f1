// Keeps JupyterLab's notebook shortcuts away from an item's controls, so arrow keys, Space and
// letters act on the control that has focus, and joins each radio group so arrow keys move
// within it. Lumino skips shortcuts for a focused element carrying data-lm-suppress-shortcuts.

// A radio group's accessible name: the widget's description (the <label> ipywidgets puts
// beside the group), or a plain default when it has none.
function groupName(box) {
  const parent = box.parentElement;
  const label = parent && parent.querySelector(":scope > .widget-label, :scope > .jupyter-widget-label");
  const text = label ? label.textContent.trim() : "";
  return text || "Your choice";
}

function protect(root, itemId) {
  root.querySelectorAll("input, select, textarea, button").forEach((control) => {
    control.setAttribute("data-lm-suppress-shortcuts", "true");
  });
  // Button icons are drawn glyphs: keep them out of the button's spoken name.
  root.querySelectorAll("button > i.fa").forEach((icon) => icon.setAttribute("aria-hidden", "true"));
  root.querySelectorAll(".widget-radio-box").forEach((box, n) => {
    box.setAttribute("role", "radiogroup");
    box.setAttribute("aria-label", groupName(box));
    box.querySelectorAll('input[type="radio"]').forEach((radio) => {
      radio.name = `cps-${itemId}-${n}`;
    });
  });
}

function mark(el, itemId, triesLeft) {
  const root = el.closest(".cps-item");
  if (!root) {
    if (triesLeft > 0) setTimeout(() => mark(el, itemId, triesLeft - 1), 100);
    return;
  }
  protect(root, itemId);
  // Controls re-render (e.g. after a restore): protect the new ones too.
  new MutationObserver(() => protect(root, itemId)).observe(root, { childList: true, subtree: true });
}

function render({ model, el }) {
  el.style.display = "none";
  mark(el, model.get("item_id"), 50);
}

export default { render };
