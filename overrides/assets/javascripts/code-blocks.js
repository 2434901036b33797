/* Material wraps each code block's copy button in its own <nav>: a cookbook page with twenty
 * code blocks then announces twenty unnamed navigation landmarks, which screen-reader users step
 * through as if they were page regions. The button belongs to its code block; it is not site
 * navigation, so the wrapper loses its landmark role (the button keeps its name, "Copy to
 * clipboard"). Runs after Material's bundle, on every page it renders. */
document$.subscribe(function () {
  document.querySelectorAll("nav.md-code__nav").forEach(function (nav) {
    nav.setAttribute("role", "none");
  });
});
