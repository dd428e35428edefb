/* The network map, drawn in the browser with d3-geo and topojson-client (vendored, offline).
 *
 * The page embeds the features (offices and biometric collection points) as JSON in
 * #network-data, and names the world-atlas TopoJSON file on the <svg> (data-topology), a file
 * served from /static/ by this site. Antarctica is left out and the projection is Natural Earth I,
 * as in the server-side map (passerelle/network/maps.py). The table below the map lists the same
 * places; the map is an image of it (role="img").
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var ANTARCTICA = "010";
  var WIDTH = 960;
  var HEIGHT = 500;
  // Keep in step with COLOURS in maps.py.
  var COLOURS = {
    visa_office: "#26374a",
    liaison_office: "#7a4b00",
    permanent_mission: "#6b2c91",
    global_operations_centre: "#a62a1e",
    biometric_collection_point: "#0b6e6e"
  };

  function element(name, attributes, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (parent) parent.appendChild(node);
    return node;
  }

  function status(svg, message) {
    var note = svg.querySelector(".network-map__status");
    if (!message) {
      if (note) note.remove();
      return;
    }
    if (!note) {
      note = element("text", { "class": "network-map__status", x: WIDTH / 2, y: HEIGHT / 2,
                                "text-anchor": "middle" }, svg);
    }
    note.textContent = message;
  }

  function label(properties) {
    var parts = [properties.name, properties.kind_label, properties.city + ", " + properties.country];
    if (properties.status_label) parts.push(properties.status_label);
    return parts.join(" · ");
  }

  function drawCountries(svg, path, countries) {
    var group = element("g", { "class": "network-map__countries" }, svg);
    countries.features.forEach(function (country) {
      element("path", { d: path(country), "class": "network-map__country" }, group);
    });
  }

  function drawMarker(group, feature, projection) {
    var position = projection(feature.geometry.coordinates);
    if (!position) return;
    var properties = feature.properties;
    var colour = COLOURS[properties.kind] || "#333333";
    var marker;
    if (properties.layer === "point") {
      var open = properties.status === "open";
      marker = element("circle", {
        cx: position[0].toFixed(1), cy: position[1].toFixed(1), r: 2.6,
        fill: open ? colour : "#ffffff", stroke: colour, "stroke-width": open ? 0.5 : 1.2
      }, group);
    } else {
      marker = element("rect", {
        x: (position[0] - 4).toFixed(1), y: (position[1] - 4).toFixed(1), width: 8, height: 8,
        fill: colour, stroke: "#ffffff", "stroke-width": 1
      }, group);
    }
    marker.setAttribute("id", "map-" + feature.id);
    marker.setAttribute("class", "network-map__marker network-map__marker--" + properties.layer);
    element("title", {}, marker).textContent = label(properties);
  }

  function draw(svg, topology, data) {
    var countries = topojson.feature(topology, topology.objects.countries);
    countries.features = countries.features.filter(function (country) {
      return country.id !== ANTARCTICA;
    });
    // A region's map zooms on its countries (data.focus: their ISO numeric codes).
    var focus = countries;
    if (data.focus && data.focus.length) {
      focus = { type: "FeatureCollection", features: countries.features.filter(function (country) {
        return data.focus.indexOf(country.id) !== -1;
      }) };
      if (!focus.features.length) focus = countries;
    }
    var projection = d3.geoNaturalEarth1().fitExtent([[12, 12], [WIDTH - 12, HEIGHT - 12]], focus);
    var path = d3.geoPath(projection);
    element("path", { d: path({ type: "Sphere" }), "class": "network-map__sea" }, svg);
    drawCountries(svg, path, countries);
    var markers = element("g", { "class": "network-map__markers" }, svg);
    // Points first, so offices stay visible on top of them.
    var ordered = data.features.slice().sort(function (a, b) {
      return (a.properties.layer === "point" ? 0 : 1) - (b.properties.layer === "point" ? 0 : 1);
    });
    ordered.forEach(function (feature) {
      drawMarker(markers, feature, projection);
    });
    svg.setAttribute("data-drawn", String(ordered.length));
  }

  function start() {
    var svg = document.getElementById("network-map");
    var source = document.getElementById("network-data");
    if (!svg || !source) return;
    var data = JSON.parse(source.textContent);
    status(svg, svg.getAttribute("data-loading"));
    fetch(svg.getAttribute("data-topology"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (topology) {
        status(svg, "");
        draw(svg, topology, data);
      })
      .catch(function () {
        status(svg, svg.getAttribute("data-failed"));
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
