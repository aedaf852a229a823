/* Filter and sort for the overview table of all tiltak (docs/oversikt.md).
 *
 * Progressive enhancement: the table is complete without JavaScript, and the controls
 * stay hidden until this script shows them. The table follows each choice at once; the
 * submit button ("Vis tiltak") applies the choices too and has the count read out again.
 * The choices are kept in the address (?status=…&omrade=…&ansvarlig=…&sorter=…, the names
 * of the GET form's fields), so a filtered view can be bookmarked and shared; opening such
 * an address shows that view. Works with Material's instant navigation (document$ emits on
 * every page load) and without it (DOMContentLoaded). No libraries.
 */
(function () {
  "use strict";

  /** Compare tiltak ids like "1.2.10" part by part as numbers. */
  function compareIds(a, b) {
    var x = a.split("."), y = b.split(".");
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var d = (parseInt(x[i], 10) || 0) - (parseInt(y[i], 10) || 0);
      if (d !== 0) return d;
    }
    return 0;
  }

  var sorters = {
    nr: function (a, b) { return a.index - b.index; },
    status: function (a, b) { return (a.rank - b.rank) || (a.index - b.index); },
    nyeste: function (a, b) { return byDate(a, b, -1) || (a.index - b.index); },
    eldste: function (a, b) { return byDate(a, b, 1) || (a.index - b.index); }
  };

  /** Dates compare as ISO strings in `direction`; rows without a report always come last. */
  function byDate(a, b, direction) {
    if (a.date === b.date) return 0;
    if (!a.date) return 1;
    if (!b.date) return -1;
    return (a.date < b.date ? -1 : 1) * direction;
  }

  function setUp(form) {
    if (form.getAttribute("data-ready")) return;
    var name = form.getAttribute("data-plan-filter");
    var table = document.getElementById(name);
    var count = document.querySelector('[data-filter-count="' + name + '"]');
    if (!table || !count) return;
    form.setAttribute("data-ready", "1");
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, index) {
      return {
        row: row, index: index,
        id: row.querySelector("th").textContent.trim(),
        rank: parseInt(row.getAttribute("data-status-order"), 10),
        date: row.getAttribute("data-date") || "",
        status: row.getAttribute("data-status"),
        area: row.getAttribute("data-area"),
        owner: row.getAttribute("data-owner")
      };
    });
    rows.sort(function (a, b) { return compareIds(a.id, b.id); })
      .forEach(function (item, index) { item.index = index; });
    var filters = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var sort = form.querySelector("[data-sort]");
    var controls = filters.concat([sort]);

    /* Choices from the address, where they name an option that exists. */
    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (select) {
      var value = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (value !== null && known) select.value = value;
    });

    /* The address of the current view: only choices other than the first option. */
    function remember() {
      var query = new URLSearchParams();
      controls.forEach(function (select) {
        if (select.selectedIndex > 0) query.set(select.name, select.value);
      });
      var search = query.toString();
      window.history.replaceState(window.history.state, "",
        window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    function apply(announce) {
      var wanted = filters.map(function (select) {
        return { key: select.getAttribute("data-filter"), value: select.value };
      }).filter(function (f) { return f.value !== ""; });
      var shown = 0;
      rows.forEach(function (item) {
        var match = wanted.every(function (f) { return item[f.key] === f.value; });
        item.row.hidden = !match;
        if (match) shown++;
      });
      var ordered = rows.slice().sort(sorters[sort.value] || sorters.nr);
      var fragment = document.createDocumentFragment();
      ordered.forEach(function (item) { fragment.appendChild(item.row); });
      body.appendChild(fragment);
      var message = shown === 0
        ? "Ingen tiltak passer til valgene. Velg «Vis alle» for å se alle " + rows.length + "."
        : shown === rows.length
          ? "Viser alle " + rows.length + " tiltak."
          : "Viser " + shown + " av " + rows.length + " tiltak.";
      if (announce === true) {
        /* Cleared first, so a screen reader reads the same count again. */
        count.textContent = "";
        window.setTimeout(function () { count.textContent = message; }, 50);
      } else {
        count.textContent = message;
      }
      remember();
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(true);
    });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    apply();
    form.hidden = false;
    count.hidden = false;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-plan-filter]"), setUp);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
