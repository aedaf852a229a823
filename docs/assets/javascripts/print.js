/* Print every report, not only the newest: open each collapsed history before printing and
   close it again afterwards. plan.css does the same with ::details-content where the browser
   supports it; this covers the others. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.plan-history:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
