// Keyboard fixes for Material. Navigation drawer on narrow screens: Material opens the drawer,
// and the sub-panels inside it, with <label>s for hidden checkboxes. A label cannot take focus,
// and may not be given a button role (ARIA in HTML allows a label no role). So on narrow screens
// this puts a real <button> inside each of those labels, around what the label shows: the button
// opens and closes (the label's checkbox), says whether it is open (aria-expanded), and moves
// focus into what it opened when used from the keyboard. It also closes the drawer on Escape or
// when focus moves on past it. On wide screens the labels get their content back: they are
// section headings there, not controls. Without JavaScript the labels work for a mouse as before.
// Also: the colour scheme toggle and the search results box (see below).
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 76.2344em)");
  var FOCUSABLE = "a[href], input:not(.md-toggle), button";

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

  // The button inside `label`, creating or removing it for the screen width.
  function toggleButton(label, wanted) {
    var button = label.querySelector(":scope > button.plan-toggle");
    if (wanted && !button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "plan-toggle";
      while (label.firstChild) button.appendChild(label.firstChild);
      label.appendChild(button);
    } else if (!wanted && button) {
      while (button.firstChild) label.insertBefore(button.firstChild, button);
      label.removeChild(button);
      button = null;
    }
    return button;
  }

  function setUp() {
    markActivePalette();
    syncSearchResults();
    NARROW.addEventListener("change", syncSearchResults);
    var drawer = document.getElementById("__drawer");
    var menu = document.querySelector('.md-header label[for="__drawer"]');
    var panel = document.querySelector(".md-sidebar--primary");
    if (!drawer || !menu || !panel || menu.dataset.planKeyboard) return;
    menu.dataset.planKeyboard = "1";
    var labels = [menu].concat(Array.prototype.slice.call(panel.querySelectorAll(
      ".md-nav--primary label.md-nav__link[for], .md-nav--primary .md-nav label.md-nav__title[for]")));

    function sync() {
      labels.forEach(function (label) {
        var toggle = document.getElementById(label.htmlFor);
        var button = toggle && toggleButton(label, NARROW.matches);
        if (!button) return;
        if (label === menu) {
          button.setAttribute("aria-label", "Meny");
          button.setAttribute("aria-controls", panel.id || (panel.id = "plan-meny"));
        }
        if (label.classList.contains("md-nav__title")) {
          button.setAttribute("aria-label", "Tilbake");
        } else {
          button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
        }
      });
    }

    // A click on a button inside a label never reaches the label's checkbox: toggle it here.
    document.addEventListener("click", onToggle);

    function onToggle(event) {
      var button = event.target.closest && event.target.closest("button.plan-toggle");
      var label = button && button.parentElement;
      if (!label || labels.indexOf(label) < 0) return;
      var toggle = document.getElementById(label.htmlFor);
      var back = label.classList.contains("md-nav__title");
      var opening = !toggle.checked && !back;
      setChecked(toggle, back ? false : !toggle.checked);
      sync();
      if (event.detail !== 0) return; // a pointer click: focus stays where the pointer is
      window.setTimeout(function () {
        var target = null;
        if (label === menu && drawer.checked) {
          target = firstVisible(panel.querySelector(".md-nav__list")) || firstVisible(panel);
        } else if (opening) {
          target = firstVisible(toggle.parentElement.querySelector(".md-nav"));
        } else if (back) {
          target = panel.querySelector('label.md-nav__link[for="' + label.htmlFor + '"] > button');
        }
        if (target) target.focus();
      }, 0);
    }

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        setChecked(drawer, false);
        sync();
        var button = menu.querySelector("button");
        if (button) button.focus();
      }
    });
    document.addEventListener("focusin", function (event) {
      // Tabbing out of the open drawer closes it, so focus never hides behind its overlay.
      if (drawer.checked && !panel.contains(event.target) && !menu.contains(event.target)) {
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
