/* Search on demand. Material starts its search worker (Lunr, ~40 KB) and downloads the search
 * index (search/search_index.json, hundreds of KB) as soon as any page loads, although most
 * readers never search. This holds both back until the reader opens search: focus on the search
 * field (click, tap, or the f, s and / shortcuts, which focus it) or the search toggle turning
 * on. A page opened with ?q= (shared search) or ?h= (highlighted terms) needs the index at
 * once. Loaded before Material's bundle; from file:// Material already waits for the search to
 * open, and the offline copy's worker shim must not be wrapped, so nothing changes there. */
(function () {
  "use strict";
  if (location.protocol === "file:") return;

  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var params = new URLSearchParams(location.search);
  var wanted = params.has("q") || params.has("h");
  var held = [];  // requests for the index, sent when search is wanted

  function isPath(pattern, url) {
    return pattern.test(new URL(url, location.href).pathname);
  }

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.fvxSearchIndex = isPath(INDEX, url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.fvxSearchIndex && !wanted) {
      held.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(request, args);
  };

  // Material posts to its worker only once the index has arrived, so the real worker is started
  // on the first message; until then this stand-in only collects listeners.
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!isPath(WORKER, url)) return new RealWorker(url, options);
    var standIn = new EventTarget();
    var worker = null;
    standIn.postMessage = function () {
      if (!worker) {
        worker = new RealWorker(url, options);
        ["message", "messageerror", "error"].forEach(function (type) {
          worker.addEventListener(type, function (event) {
            standIn.dispatchEvent(type === "error" ? new ErrorEvent(type, event) : new MessageEvent(type, event));
          });
        });
      }
      worker.postMessage.apply(worker, arguments);
    };
    standIn.terminate = function () { if (worker) worker.terminate(); };
    return standIn;
  };

  // Capture phase: Material turns the toggle on with a change event that does not bubble.
  document.addEventListener("focus", function (event) {
    var target = event.target;
    if (target instanceof Element && target.matches("[data-md-component=search-query]")) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  }, true);
})();
