/* One restyle fewer per page load. Whenever Material's palette applies a colour scheme it first
 * marks <body> with data-md-color-switching, which its stylesheet matches as
 * `[data-md-color-switching] *` (no transitions while colours change), and removes the mark on the
 * next frame. Adding and removing an attribute that a `*` rule depends on restyles every element
 * of the page, twice. Material does this once at load too, and there the scheme it applies is
 * almost always the one <body> already has (written by the template, or by Material's inline
 * script from the reader's stored choice): nothing changes colour, yet on a long page those two
 * restyles were the largest part of the main-thread time on a phone (issue 13).
 * For that load-time application only, the mark is held back and set just before a colour
 * attribute of <body> actually changes (a first visit in dark mode still switches without
 * transitions). A reader's switch later is marked as before. Loaded before Material's bundle,
 * which applies the palette when it starts. */
(function () {
  "use strict";
  var MARK = "data-md-color-switching";
  var COLOURS = ["data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"];
  var body = document.body;
  var setAttribute = body.setAttribute;
  var held = false;

  body.setAttribute = function (name, value) {
    if (name === MARK && !held) {
      held = true;
      // Material applies the whole palette in this same task; afterwards, back to normal.
      requestAnimationFrame(function () { delete body.setAttribute; });
      return undefined;
    }
    if (held && COLOURS.indexOf(name) >= 0 && body.getAttribute(name) !== String(value)) {
      setAttribute.call(body, MARK, "");
    }
    return setAttribute.call(body, name, value);
  };
})();
