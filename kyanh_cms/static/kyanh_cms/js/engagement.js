/*
 * Reader engagement, progressive enhancement. The article page may come from
 * a cache, so the rating and comment forms (CSRF token, captcha) are fetched
 * from uncached URLs when they come near the screen, and are sent in place.
 * Without JavaScript, the links in the same spots open a page with the forms.
 */
(function () {
    "use strict";

    var HEADERS = { "X-Kyanh-Fragment": "1" };
    // Fragments load one after another: a first-time visitor's first answer
    // sets the CSRF cookie, which the next request must carry, or two answers
    // would each set a different cookie and the first form's token go stale.
    var queue = Promise.resolve();

    function show(slot, html, moveFocus) {
        slot.innerHTML = html;
        enhance(slot);
        if (moveFocus) {
            var target = slot.querySelector("[data-kyanh-focus]");
            if (target) { target.focus(); }
        }
    }

    function load(slot) {
        if (slot.getAttribute("data-kyanh-loading")) { return; }
        slot.setAttribute("data-kyanh-loading", "1");
        queue = queue.then(function () { return fetchFragment(slot); });
    }

    function fetchFragment(slot) {
        return fetch(slot.getAttribute("data-kyanh-fragment"), {
            headers: HEADERS, credentials: "same-origin", cache: "no-store"
        }).then(function (response) {
            if (!response.ok) { throw new Error(response.status); }
            return response.text();
        }).then(function (html) {
            show(slot, html, false);
        }).catch(function () {
            // The fallback link stays where it is.
            slot.removeAttribute("data-kyanh-loading");
        });
    }

    function setBusy(form, busy) {
        form.setAttribute("aria-busy", busy ? "true" : "false");
        form.querySelectorAll("button").forEach(function (button) { button.disabled = busy; });
    }

    // The form stays as the visitor left it, with a note saying what happened: an
    // error page from a proxy or the server, or no answer at all, must never take
    // the typed text away.
    function sendFailed(form) {
        setBusy(form, false);
        var note = form.querySelector("[data-kyanh-send-note]");
        if (!note) { return; }
        note.textContent = form.getAttribute("data-kyanh-send-error");
        note.hidden = false;
        note.focus();
    }

    function enhanceForm(slot, form) {
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var data = new FormData(form);
            if (event.submitter && event.submitter.name) {
                data.append(event.submitter.name, event.submitter.value);
            }
            setBusy(form, true);
            fetch(form.action, {
                method: "POST", body: data, headers: HEADERS, credentials: "same-origin"
            }).then(function (response) {
                // Only the portal's own answers replace the form (they carry the text
                // back when something was wrong with it); anything else is an error page.
                if (response.headers.get("X-Kyanh-Fragment") !== "1") {
                    throw new Error(response.status);
                }
                return response.text();
            }).then(function (html) {
                show(slot, html, true);
            }).catch(function () {
                sendFailed(form);
            });
        });
    }

    function enhanceCaptcha(box) {
        var button = box.querySelector("[data-kyanh-captcha-refresh]");
        if (!button) { return; }
        button.addEventListener("click", function (event) {
            event.preventDefault();
            fetch(box.getAttribute("data-refresh-url"), {
                headers: HEADERS, credentials: "same-origin", cache: "no-store"
            }).then(function (response) {
                return response.json();
            }).then(function (challenge) {
                var image = box.querySelector("img");
                box.querySelector("input[type=hidden]").value = challenge.key;
                image.src = challenge.image;
                if (challenge.image_2x) { image.srcset = challenge.image_2x + " 2x"; }
                var audio = box.querySelector("[data-kyanh-captcha-audio]");
                if (audio && challenge.audio) { audio.href = challenge.audio; }
                var answer = box.querySelector("input[type=text]");
                answer.value = "";
                answer.focus();
            });
        });
    }

    // Plays the spoken code in the page, so the reader stays in the form.
    function enhanceAudio(link) {
        link.addEventListener("click", function (event) {
            event.preventDefault();
            new Audio(link.href).play();
        });
    }

    function enhance(slot) {
        slot.querySelectorAll("form[data-kyanh-form]").forEach(function (form) {
            enhanceForm(slot, form);
        });
        slot.querySelectorAll("[data-kyanh-captcha]").forEach(enhanceCaptcha);
        slot.querySelectorAll("[data-kyanh-captcha-audio]").forEach(enhanceAudio);
    }

    if (!window.fetch || !window.FormData) { return; }

    var slots = document.querySelectorAll("[data-kyanh-slot]");
    var lazy = [];
    slots.forEach(function (slot) {
        if (slot.getAttribute("data-kyanh-fragment")) { lazy.push(slot); } else { enhance(slot); }
    });
    if ("IntersectionObserver" in window) {
        var observer = new IntersectionObserver(function (entries) {
            entries.forEach(function (entry) {
                if (entry.isIntersecting) {
                    observer.unobserve(entry.target);
                    load(entry.target);
                }
            });
        }, { rootMargin: "600px 0px" });
        lazy.forEach(function (slot) { observer.observe(slot); });
    } else {
        lazy.forEach(load);
    }
})();
