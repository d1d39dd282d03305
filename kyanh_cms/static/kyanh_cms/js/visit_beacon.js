/* Counts this page view once: posts "p=<page id>" to the visit beacon after the page
   loads, also when the HTML came from a cache. Browsers without JavaScript load the
   <noscript> pixel instead, so no view counts twice. */
(function () {
    "use strict";
    var script = document.currentScript;
    if (!script) {
        return;
    }
    var url = script.getAttribute("data-url");
    var body = "p=" + encodeURIComponent(script.getAttribute("data-page") || "");

    function send() {
        var type = "application/x-www-form-urlencoded";
        if (navigator.sendBeacon && navigator.sendBeacon(url, new Blob([body], { type: type }))) {
            return;
        }
        if (window.fetch) {
            window.fetch(url, {
                method: "POST",
                body: body,
                headers: { "Content-Type": type },
                credentials: "same-origin",
                keepalive: true,
            }).catch(function () {});
        }
    }

    // A page the browser prepared in advance is only a view once the visitor opens it.
    if (document.prerendering) {
        document.addEventListener("prerenderingchange", send, { once: true });
    } else {
        send();
    }
})();
