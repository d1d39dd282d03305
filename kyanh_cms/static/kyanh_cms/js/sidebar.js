/* Progressive enhancement of the sidebar; everything works without it:
   - the map picture opens in a dialog instead of on its own page;
   - the interactive map loads Leaflet (from the site's static files) on request;
   - choosing a website link with the mouse opens it at once, without pressing "Go" (through
     the same redirect view the form uses without JavaScript); keyboard users press "Go". */
(function () {
    "use strict";

    function enlargePictures() {
        document.querySelectorAll("[data-kyanh-enlarge]").forEach(function (link) {
            if (!window.HTMLDialogElement) {
                return;
            }
            link.addEventListener("click", function (event) {
                event.preventDefault();
                var dialog = document.createElement("dialog");
                dialog.className = "kyanh-dialog";
                var close = document.createElement("button");
                close.type = "button";
                close.className = "kyanh-button kyanh-dialog__close";
                close.textContent = link.getAttribute("data-close-label") || "×";
                close.addEventListener("click", function () { dialog.close(); });
                var picture = document.createElement("img");
                picture.src = link.href;
                var small = link.querySelector("img");
                picture.alt = small ? small.alt : "";
                dialog.appendChild(close);
                dialog.appendChild(picture);
                dialog.addEventListener("close", function () { dialog.remove(); link.focus(); });
                dialog.addEventListener("click", function (e) {
                    if (e.target === dialog) { dialog.close(); }
                });
                document.body.appendChild(dialog);
                dialog.showModal();
                close.focus();
            });
        });
    }

    var leafletLoading = null;

    function loadLeaflet(element) {
        if (window.L) {
            return Promise.resolve(window.L);
        }
        if (!leafletLoading) {
            leafletLoading = new Promise(function (resolve, reject) {
                var css = document.createElement("link");
                css.rel = "stylesheet";
                css.href = element.getAttribute("data-leaflet-css");
                document.head.appendChild(css);
                var js = document.createElement("script");
                js.src = element.getAttribute("data-leaflet-js");
                js.onload = function () { resolve(window.L); };
                js.onerror = reject;
                document.head.appendChild(js);
            });
        }
        return leafletLoading;
    }

    function drawMap(element, L) {
        var icon = L.icon({
            iconUrl: element.getAttribute("data-icon"),
            iconRetinaUrl: element.getAttribute("data-icon-2x"),
            shadowUrl: element.getAttribute("data-shadow"),
            iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41],
        });
        var centre = [parseFloat(element.getAttribute("data-lat")), parseFloat(element.getAttribute("data-lng"))];
        // Leaflet's own button titles, marker text and credit are English: ours come from
        // the template, in the page's language.
        var map = L.map(element, { zoomControl: false })
            .setView(centre, parseInt(element.getAttribute("data-zoom"), 10) || 13);
        L.control.zoom({
            zoomInTitle: element.getAttribute("data-zoom-in"),
            zoomOutTitle: element.getAttribute("data-zoom-out"),
        }).addTo(map);
        map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
        // The attribution is plain text chosen by an editor: escape it before Leaflet inserts it.
        var attribution = document.createElement("span");
        attribution.textContent = element.getAttribute("data-attribution") || "";
        L.tileLayer(element.getAttribute("data-tiles"), {
            maxZoom: 19,
            attribution: attribution.innerHTML,
        }).addTo(map);
        var source = document.getElementById(element.getAttribute("data-markers-id"));
        var markers = source ? JSON.parse(source.textContent) : [];
        if (markers.length > 1) {
            map.fitBounds(markers.map(function (m) { return [m.lat, m.lng]; }), { padding: [16, 16] });
        }
        markers.forEach(function (marker) {
            var popup = document.createElement(marker.url ? "a" : "span");
            popup.textContent = marker.name;
            if (marker.url) { popup.href = marker.url; }
            L.marker([marker.lat, marker.lng], { icon: icon, title: marker.name, alt: marker.name })
                .addTo(map).bindPopup(popup);
        });
    }

    function interactiveMaps() {
        document.querySelectorAll("[data-kyanh-map]").forEach(function (element) {
            var button = element.parentNode.querySelector("[data-kyanh-map-open]");
            if (!button) {
                return;
            }
            button.hidden = false;
            button.addEventListener("click", function () {
                button.disabled = true;
                loadLeaflet(element).then(function (L) {
                    element.hidden = false;
                    button.hidden = true;
                    drawMap(element, L);
                }, function () {
                    button.disabled = false;
                });
            });
        });
    }

    function linkSelects() {
        document.querySelectorAll("[data-kyanh-links]").forEach(function (form) {
            var select = form.querySelector("select");
            // Arrow keys change a closed drop-down option by option; opening a tab on each
            // change would keep keyboard users from ever reaching the link they want
            // (WCAG 3.2.2). Only a choice made with the mouse or a finger opens at once;
            // keyboard users choose, then press "Go".
            var pointerChoice = false;
            select.addEventListener("pointerdown", function () { pointerChoice = true; });
            select.addEventListener("keydown", function () { pointerChoice = false; });
            select.addEventListener("change", function () {
                if (!select.value || !pointerChoice) {
                    return;
                }
                // The form opens the link in a new tab through the redirect view.
                if (form.requestSubmit) {
                    form.requestSubmit();
                } else {
                    form.submit();
                }
                select.value = "";
            });
        });
    }

    enlargePictures();
    interactiveMaps();
    linkSelects();
})();
