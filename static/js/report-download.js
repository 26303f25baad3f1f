/* Z+V Portaal — PDF downloads with a wait indication.
   Without JavaScript the link simply downloads the PDF. With it, the PDF is fetched in the
   background; when that takes longer than a second, a status message (aria-live) says that the
   PDF is being made, and afterwards that it is ready or why it failed. */
(function () {
  "use strict";
  var WAIT_MS = 1000;

  function statusFor(link) {
    var scope = link.closest("main") || document;
    return scope.querySelector("[data-report-status]");
  }

  function filenameOf(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
    return match ? decodeURIComponent(match[1]) : fallback;
  }

  function say(status, text) {
    if (status) { status.textContent = text; }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-report-pdf]");
    if (!link || !window.fetch || !window.URL || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") { return; }
    var status = statusFor(link);
    link.setAttribute("aria-busy", "true");
    say(status, "");
    var timer = window.setTimeout(function () {
      say(status, "De PDF wordt gemaakt. Dit kan enkele seconden duren…");
    }, WAIT_MS);
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.ok && type.indexOf("application/pdf") === 0) {
          return response.blob().then(function (blob) {
            var url = URL.createObjectURL(blob);
            var a = document.createElement("a");
            a.href = url;
            a.download = filenameOf(response, "rapportage.pdf");
            document.body.appendChild(a);
            a.click();
            a.remove();
            window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
            say(status, "De PDF is klaar: " + a.download + ".");
          });
        }
        if (response.status === 503) {
          say(status, "Er worden nu veel rapportages tegelijk gemaakt. Probeer het over een halve minuut opnieuw.");
          return null;
        }
        window.location.href = link.href;  // the server's own page explains what went wrong
        return null;
      })
      .catch(function () {
        say(status, "De PDF kon niet worden opgehaald. Controleer de verbinding en probeer het opnieuw.");
      })
      .then(function () {
        window.clearTimeout(timer);
        link.removeAttribute("aria-busy");
      });
  });
})();
