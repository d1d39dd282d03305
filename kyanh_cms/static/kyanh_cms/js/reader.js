/*
 * Reader tools: text size, high contrast (both remembered across pages in
 * localStorage), print, copy link and "Đọc bài" (read aloud with a
 * Vietnamese speech-synthesis voice). Loaded on every page, early, so the
 * remembered preferences apply before the page is drawn. Buttons are
 * rendered hidden and only revealed here, so without JavaScript nothing
 * that cannot work is shown. ES5 on purpose: old desktop browsers.
 */
(function () {
    "use strict";
    var KEY = "kyanh-reader";
    var MIN_SCALE = 0.9;
    var MAX_SCALE = 1.6;
    var STEP = 0.1;
    var root = document.documentElement;

    function load() {
        try {
            return JSON.parse(window.localStorage.getItem(KEY)) || {};
        } catch (error) {
            return {};
        }
    }

    function save(preferences) {
        try {
            window.localStorage.setItem(KEY, JSON.stringify(preferences));
        } catch (error) {
            /* Private mode or storage disabled: the choice lasts for this page only. */
        }
    }

    function clampScale(value) {
        var scale = Math.round((Number(value) || 1) * 10) / 10;
        return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
    }

    function apply(preferences) {
        var scale = clampScale(preferences.scale);
        if (scale === 1) {
            root.style.removeProperty("--kyanh-font-scale");
        } else {
            root.style.setProperty("--kyanh-font-scale", String(scale));
        }
        if (preferences.contrast) {
            root.classList.add("kyanh-contrast");
        } else {
            root.classList.remove("kyanh-contrast");
        }
    }

    var preferences = load();
    apply(preferences);

    function each(selector, callback) {
        var elements = document.querySelectorAll(selector);
        for (var i = 0; i < elements.length; i += 1) {
            callback(elements[i]);
        }
    }

    function reveal(action, handler) {
        each('[data-kyanh-action="' + action + '"]', function (button) {
            button.hidden = false;
            button.addEventListener("click", function (event) {
                handler(button, event);
            });
        });
    }

    function setScale(delta) {
        preferences.scale = clampScale(clampScale(preferences.scale) + delta);
        apply(preferences);
        save(preferences);
    }

    function syncContrastButtons() {
        each('[data-kyanh-action="contrast"]', function (button) {
            button.setAttribute("aria-pressed", preferences.contrast ? "true" : "false");
        });
    }

    function copyLink(button) {
        var status = button.parentNode.querySelector("[role=status]");
        var url = button.getAttribute("data-url") || window.location.href;
        function report(ok) {
            if (status) {
                status.textContent = button.getAttribute(ok ? "data-done" : "data-failed");
            }
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(url).then(function () { report(true); }, function () { report(false); });
            return;
        }
        var field = document.createElement("textarea");
        field.value = url;
        field.setAttribute("readonly", "");
        field.style.position = "absolute";
        field.style.left = "-9999px";
        document.body.appendChild(field);
        field.select();
        var copied = false;
        try {
            copied = document.execCommand("copy");
        } catch (error) {
            copied = false;
        }
        document.body.removeChild(field);
        report(copied);
    }

    /* Read aloud ------------------------------------------------------- */

    var synth = window.speechSynthesis;

    function vietnameseVoice() {
        if (!synth || !synth.getVoices) {
            return null;
        }
        var voices = synth.getVoices();
        for (var i = 0; i < voices.length; i += 1) {
            if (/^vi([-_]|$)/i.test(voices[i].lang || "")) {
                return voices[i];
            }
        }
        return null;
    }

    function articleText() {
        var parts = [];
        each("[data-kyanh-read-source] [data-kyanh-read]", function (element) {
            parts.push(element.innerText || element.textContent || "");
        });
        return parts.join("\n");
    }

    /* Browsers stop long utterances; speak sentence groups of ~200 characters. */
    function chunks(text) {
        var sentences = text.replace(/\s+/g, " ").match(/[^.!?…;:]+[.!?…;:]*\s*/g) || [];
        var result = [];
        var current = "";
        for (var i = 0; i < sentences.length; i += 1) {
            if (current && (current + sentences[i]).length > 200) {
                result.push(current);
                current = "";
            }
            current += sentences[i];
        }
        if (current.replace(/\s/g, "")) {
            result.push(current);
        }
        return result;
    }

    function setupSpeech() {
        var buttons = document.querySelectorAll('[data-kyanh-action="speak"]');
        if (!buttons.length || !synth || typeof window.SpeechSynthesisUtterance === "undefined") {
            return;
        }
        var speaking = false;

        function label() {
            for (var i = 0; i < buttons.length; i += 1) {
                var button = buttons[i];
                button.textContent = button.getAttribute(speaking ? "data-label-stop" : "data-label-start");
                button.setAttribute("aria-pressed", speaking ? "true" : "false");
            }
        }

        function stop() {
            speaking = false;
            synth.cancel();
            label();
        }

        function speak() {
            var voice = vietnameseVoice();
            if (!voice) {
                return;
            }
            synth.cancel();
            var parts = chunks(articleText());
            speaking = parts.length > 0;
            label();
            for (var i = 0; i < parts.length; i += 1) {
                var utterance = new window.SpeechSynthesisUtterance(parts[i]);
                utterance.lang = voice.lang;
                utterance.voice = voice;
                if (i === parts.length - 1) {
                    utterance.onend = function () {
                        speaking = false;
                        label();
                    };
                }
                synth.speak(utterance);
            }
        }

        function showIfVoice() {
            var available = Boolean(vietnameseVoice());
            for (var i = 0; i < buttons.length; i += 1) {
                buttons[i].hidden = !available;
            }
        }

        for (var i = 0; i < buttons.length; i += 1) {
            buttons[i].addEventListener("click", function () {
                if (speaking) {
                    stop();
                } else {
                    speak();
                }
            });
        }
        showIfVoice();
        if (synth.addEventListener) {
            synth.addEventListener("voiceschanged", showIfVoice);
        } else {
            synth.onvoiceschanged = showIfVoice;
        }
        window.addEventListener("pagehide", function () {
            if (speaking) {
                stop();
            }
        });
    }

    // The print date: the day the page is printed, which a cached page cannot know.
    function stampPrintDate() {
        var now = new Date();
        var pad = function (n) { return (n < 10 ? "0" : "") + n; };
        Array.prototype.forEach.call(document.querySelectorAll("[data-kyanh-print-date]"), function (el) {
            el.textContent = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
            el.setAttribute("datetime", now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()));
        });
    }

    function setup() {
        window.addEventListener("beforeprint", stampPrintDate);
        reveal("print", function () { window.print(); });
        reveal("smaller", function () { setScale(-STEP); });
        reveal("larger", function () { setScale(STEP); });
        reveal("contrast", function () {
            preferences.contrast = !preferences.contrast;
            apply(preferences);
            save(preferences);
            syncContrastButtons();
        });
        syncContrastButtons();
        if ((navigator.clipboard && navigator.clipboard.writeText) || document.queryCommandSupported) {
            reveal("copy-link", copyLink);
        }
        setupSpeech();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setup);
    } else {
        setup();
    }
}());
