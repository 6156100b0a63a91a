// nashra: small progressive enhancements. Everything works without this.
(function () {
  "use strict";

  // Theme toggle: switch in place instead of following the cookie link.
  var toggle = document.getElementById("theme-toggle");
  var root = document.documentElement;
  function current() {
    var t = root.getAttribute("data-theme");
    if (t === "light" || t === "dark") return t;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function label() {
    if (!toggle) return;
    var next = current() === "dark" ? "light" : "dark";
    toggle.textContent = toggle.getAttribute("data-" + next);
    toggle.setAttribute("data-next", next);
  }
  if (toggle) {
    label();
    toggle.addEventListener("click", function (e) {
      e.preventDefault();
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      document.cookie = "theme=" + next + "; path=/; max-age=31536000; samesite=lax";
      label();
    });
  }

  // Search suggestions fill the input's <datalist> as the reader types.
  var input = document.getElementById("q");
  var list = document.getElementById("q-suggest");
  if (input && list && window.fetch) {
    var timer = 0, last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            while (list.firstChild) list.removeChild(list.firstChild);
            items.forEach(function (it) {
              var o = document.createElement("option");
              o.value = it.kind === "hashtag" ? "#" + it.text : it.text;
              list.appendChild(o);
            });
          })
          .catch(function () {});
      }, 150);
    });
  }
})();
