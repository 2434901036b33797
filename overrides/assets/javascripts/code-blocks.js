/* Material wraps each code block's copy button in its own <nav>: a cookbook page with twenty
 * code blocks then announces twenty unnamed navigation landmarks, which screen-reader users step
 * through as if they were page regions. The button belongs to its code block; it is not site
 * navigation, so the wrapper loses its landmark role (the button keeps its name, "Copy to
 * clipboard"). Code blocks are mounted lazily (`content.lazy` in mkdocs.yml): a block's button
 * is added when the block first scrolls into view, so buttons added later are handled as they
 * appear. Runs after Material's bundle, on every page it renders. */
function fvxUnlandmark(nav) {
  nav.setAttribute("role", "none");
}
document$.subscribe(function () {
  document.querySelectorAll("nav.md-code__nav").forEach(fvxUnlandmark);
});

/* Material makes a code block wider than its box focusable (tabindex), so a keyboard can scroll
 * it, but with lazy mounting only once the block has been on screen: a reader tabbing down the
 * page would skip the blocks below. Every block gets it now, as Material would give it (devices
 * with hover only); all sizes are read first, then written, so this costs one layout, not one
 * per block. Material takes over each block when it mounts it. */
document$.subscribe(function () {
  if (!matchMedia("(hover)").matches) return;
  var codes = Array.prototype.slice.call(document.querySelectorAll(".md-content pre > code:not([tabindex])"));
  codes.filter(function (code) { return code.scrollWidth > code.clientWidth; })
    .forEach(function (code) { code.setAttribute("tabindex", "0"); });
});
new MutationObserver(function (records) {
  records.forEach(function (record) {
    record.addedNodes.forEach(function (node) {
      if (node instanceof Element && node.matches("nav.md-code__nav")) fvxUnlandmark(node);
    });
  });
}).observe(document.body, { childList: true, subtree: true });
