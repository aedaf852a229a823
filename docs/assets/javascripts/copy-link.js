/* "Kopier lenke": turns each permanent link (.plan-copy) into a button that copies the
 * address and announces it to screen readers. Without JavaScript the plain link stays.
 * All visible text comes from the page (data-plan-* attributes), none is written here. */
(function () {
  "use strict";

  var REGION_ID = "plan-announce";

  /* One polite live region per page, created once and reused. */
  function liveRegion() {
    var region = document.getElementById(REGION_ID);
    if (!region) {
      region = document.createElement("div");
      region.id = REGION_ID;
      region.className = "plan-sr";
      region.setAttribute("aria-live", "polite");
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    return region;
  }

  /* Say a message; clearing first makes a repeated message be read again. */
  function announce(message) {
    var region = liveRegion();
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  /* Copy with the Clipboard API, falling back to a hidden textarea and execCommand. */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }

  function legacyCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function onClick(event) {
    var button = event.currentTarget;
    var url = button.getAttribute("data-plan-copy");
    copy(url).then(function () {
      button.classList.add("plan-copy__button--done");
      announce(button.getAttribute("data-plan-copied"));
      window.setTimeout(function () { button.classList.remove("plan-copy__button--done"); }, 2500);
    }, function () {
      announce(button.getAttribute("data-plan-failed") + " " + url);
      window.prompt(button.getAttribute("data-plan-failed"), url);
    });
  }

  function enhance() {
    liveRegion();
    var controls = document.querySelectorAll(".plan-copy");
    for (var i = 0; i < controls.length; i++) {
      var button = controls[i].querySelector(".plan-copy__button");
      var link = controls[i].querySelector(".plan-copy__link");
      if (!button || !link || !button.hidden) { continue; }
      button.addEventListener("click", onClick);
      button.hidden = false;
      link.hidden = true;
    }
  }

  /* Material's instant navigation swaps pages without a reload and signals it on document$. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
