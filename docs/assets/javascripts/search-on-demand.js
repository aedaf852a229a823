/* Search on first use. Material starts its search worker and downloads the search index (which
 * grows with the plan) on every page view, before anyone searches. This script runs before
 * Material's bundle (overrides/main.html) and holds both back until the reader first goes to
 * search: focus in the search field (Tab, a click, or Material's shortcuts "/", "s" and "f"),
 * opening search with the search button on narrow screens, or a pointer over the search field.
 * A page opened from a search result (?h=…, the words to highlight) loads them at once.
 * Until the index has arrived Material says "Initialiserer søk", as it always does while search
 * starts. Only these two requests are held back: every other worker and request is untouched.
 */
(function () {
  "use strict";

  var WORKER = /\/assets\/javascripts\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var INDEX = /\/search\/search_index\.json$/;
  var waiting = [];
  var started = false;

  function path(url) {
    return new URL(String(url), document.baseURI).pathname;
  }

  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function whenStarted(go) {
    if (started) go(); else waiting.push(go);
  }

  /* The search worker: a stand-in that keeps Material's messages and listeners, and starts the
   * real worker on first use. */
  var NativeWorker = window.Worker;
  if (NativeWorker && window.EventTarget) {
    class OnDemandWorker extends EventTarget {
      constructor(url, options) {
        super();
        var self = this;
        var queue = [];
        var real = null;
        this.onmessage = this.onmessageerror = this.onerror = null;
        this.postMessage = function () {
          if (real) real.postMessage.apply(real, arguments); else queue.push(arguments);
        };
        this.terminate = function () {
          queue.length = 0;
          if (real) real.terminate();
          self.postMessage = function () {};
        };
        whenStarted(function () {
          real = new NativeWorker(url, options);
          ["message", "messageerror", "error"].forEach(function (type) {
            real.addEventListener(type, function (event) {
              var copy = type === "error"
                ? new ErrorEvent("error", { message: event.message })
                : new MessageEvent(type, { data: event.data });
              self.dispatchEvent(copy);
              if (typeof self["on" + type] === "function") self["on" + type](copy);
            });
          });
          queue.splice(0).forEach(function (args) { real.postMessage.apply(real, args); });
        });
      }
    }
    window.Worker = function Worker(url, options) {
      return WORKER.test(path(url)) ? new OnDemandWorker(url, options)
        : new NativeWorker(url, options);
    };
    window.Worker.prototype = NativeWorker.prototype;
  }

  /* The search index: Material asks for it with XMLHttpRequest; its request is sent later. */
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(path(url))) held.add(this); else held.delete(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!held.has(request)) return send.apply(request, args);
    whenStarted(function () { send.apply(request, args); });
  };

  /* First use. */
  function inSearch(event) {
    return event.target instanceof Element && event.target.closest(".md-search") !== null;
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event)) start(); });
  document.addEventListener("pointerover", function (event) { if (inSearch(event)) start(); });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) start();
  });
  if (new URLSearchParams(location.search).has("h")) start();
})();
