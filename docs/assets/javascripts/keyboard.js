// Keyboard fixes for Material. Navigation drawer on narrow screens: Material opens the drawer,
// and the sub-panels inside it, with <label>s, which a keyboard cannot reach. This makes those
// labels buttons (Enter or Space), moves focus into what they open, closes the drawer on Escape
// or when focus moves on past it, and keeps the labels out of the Tab order on wide screens.
// Also: the colour scheme toggle and the search results box (see below).
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 76.2344em)");
  var FOCUSABLE = "a[href], label[tabindex='0'], input:not(.md-toggle), button";

  function firstVisible(root) {
    var all = root.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < all.length; i++) {
      if (all[i].getClientRects().length && getComputedStyle(all[i]).visibility === "visible") {
        return all[i];
      }
    }
    return null;
  }

  function setChecked(toggle, value) {
    toggle.checked = value;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // The colour scheme toggle is a radio group, so Tab stops on its checked button, or on the
  // first one when Material (following the system setting) has checked none. In the dark scheme
  // that first button's label is hidden, and focus would vanish: check the active one.
  function markActivePalette() {
    var options = document.querySelectorAll("input.md-option[data-md-color-scheme]");
    var scheme = document.body.getAttribute("data-md-color-scheme");
    var checked = Array.prototype.some.call(options, function (o) { return o.checked; });
    if (checked) return;
    Array.prototype.forEach.call(options, function (option) {
      option.checked = option.getAttribute("data-md-color-scheme") === scheme;
    });
  }

  // On narrow screens the search results close as soon as focus leaves the search field, so the
  // results box would take focus while it has no size: skip it there (arrow keys still work).
  function syncSearchResults() {
    var results = document.querySelector(".md-search__scrollwrap");
    if (results) results.setAttribute("tabindex", NARROW.matches ? "-1" : "0");
  }

  function setUp() {
    markActivePalette();
    syncSearchResults();
    NARROW.addEventListener("change", syncSearchResults);
    var drawer = document.getElementById("__drawer");
    var menu = document.querySelector('.md-header label[for="__drawer"]');
    var panel = document.querySelector(".md-sidebar--primary");
    if (!drawer || !menu || !panel || menu.dataset.planKeyboard) return;
    var labels = [menu].concat(Array.prototype.slice.call(panel.querySelectorAll(
      ".md-nav--primary label.md-nav__link[for], .md-nav--primary .md-nav label.md-nav__title[for]")));

    function sync() {
      labels.forEach(function (label) {
        var toggle = document.getElementById(label.htmlFor);
        if (!toggle) return;
        if (!NARROW.matches) {
          ["role", "tabindex", "aria-expanded"].forEach(function (name) {
            label.removeAttribute(name);
          });
          if (label !== menu) label.removeAttribute("aria-label");
          return;
        }
        label.setAttribute("role", "button");
        label.setAttribute("tabindex", "0");
        if (label.classList.contains("md-nav__title")) {
          label.setAttribute("aria-label", "Tilbake");
        } else {
          label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
        }
      });
    }

    labels.forEach(function (label) {
      label.dataset.planKeyboard = "1";
      label.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        event.stopPropagation(); // Material's own key handling would undo the toggle
        var toggle = document.getElementById(label.htmlFor);
        var opening = !toggle.checked && !label.classList.contains("md-nav__title");
        setChecked(toggle, label.classList.contains("md-nav__title") ? false : !toggle.checked);
        sync();
        window.setTimeout(function () {
          var target = null;
          if (label === menu && drawer.checked) {
            target = firstVisible(panel.querySelector(".md-nav__list")) || firstVisible(panel);
          } else if (opening) {
            target = firstVisible(toggle.parentElement.querySelector(".md-nav"));
          } else if (label.classList.contains("md-nav__title")) {
            target = panel.querySelector('label.md-nav__link[for="' + label.htmlFor + '"]');
          }
          if (target) target.focus();
        }, 0);
      });
    });
    menu.setAttribute("aria-label", "Meny");
    menu.setAttribute("aria-controls", panel.id || (panel.id = "plan-meny"));

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        setChecked(drawer, false);
        sync();
        menu.focus();
      }
    });
    document.addEventListener("focusin", function (event) {
      // Tabbing out of the open drawer closes it, so focus never hides behind its overlay.
      if (drawer.checked && !panel.contains(event.target) && event.target !== menu) {
        setChecked(drawer, false);
        sync();
      }
    });
    document.addEventListener("change", sync);
    NARROW.addEventListener("change", sync);
    sync();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
