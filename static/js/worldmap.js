/* The overview's map: draws the partner localities, fetched from the figure's data-points-url
   (dashboard.views.MapPointsView), onto the SVG the page already has. Without this file the
   map still shows the outline, Hanoi and the caption. No inline scripts (CSP). */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function node(name, attributes) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) {
      element.setAttribute(key, String(attributes[key]));
    });
    return element;
  }

  // Each point as the page used to write it:
  // <a href="/partners/ID/"><g class="pt [inactive]"><line from Hanoi/><circle/><title/></g></a>
  function draw(svg, data) {
    var hanoi = svg.querySelector(".pt.hanoi circle");
    var fragment = document.createDocumentFragment();
    data.points.forEach(function (point) {
      var link = node("a", {href: data.partner_url.replace("{id}", point.id)});
      var group = node("g", {"class": point.active ? "pt" : "pt inactive"});
      if (hanoi) {
        group.appendChild(node("line", {x1: hanoi.getAttribute("cx"), y1: hanoi.getAttribute("cy"),
                                        x2: point.x, y2: point.y}));
      }
      group.appendChild(node("circle", {cx: point.x, cy: point.y, r: 2.6}));
      var title = node("title", {});
      title.textContent = point.name_vi + " (" + point.name_en + ")";  // text, never markup
      group.appendChild(title);
      link.appendChild(group);
      fragment.appendChild(link);
    });
    svg.appendChild(fragment);
    svg.parentNode.setAttribute("data-points-drawn", String(data.points.length));
  }

  function start() {
    var figure = document.querySelector("figure.worldmap[data-points-url]");
    var svg = figure && figure.querySelector("svg");
    if (!svg || !window.fetch) {
      return;
    }
    fetch(figure.getAttribute("data-points-url"), {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) {
        if (!response.ok || (response.headers.get("Content-Type") || "").indexOf("application/json") !== 0) {
          throw new Error("map points: " + response.status);  // e.g. the session ended: the login page
        }
        return response.json();
      })
      .then(function (data) { draw(svg, data); })
      .catch(function (error) {
        figure.setAttribute("data-points-error", "");
        if (window.console) {
          window.console.warn(error);
        }
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
