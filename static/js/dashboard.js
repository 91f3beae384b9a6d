/* Small progressive enhancements; every page works without this file. No inline scripts. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[data-select-on-focus]")) {
      event.target.select();
    }
  });
  // Auto-submit a filter form when a select changes (the Apply button still works).
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form.filter-form");
    if (form && event.target.tagName === "SELECT") {
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
  // "/" focuses the search box, as on many sites.
  document.addEventListener("keydown", function (event) {
    var search = document.getElementById("site-search");
    if (event.key === "/" && search && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) {
      event.preventDefault();
      search.focus();
    }
  });
})();
