/* Z+V Portaal — passkeys (WebAuthn). No build step, no inline script (CSP: script-src 'self').

   Elements with [data-passkey] are hidden until the browser can use passkeys; then they are
   shown and [data-passkey-missing] is hidden. Two kinds of forms:
   - form[data-passkey-register]: name field; creates a passkey (navigator.credentials.create);
   - form[data-passkey-auth]: signs in, or gives the second factor (navigator.credentials.get).
   Each asks data-options-url for the options (JSON, challenge kept in the session) and posts
   the browser's answer to data-complete-url; on success the server says where to go next. */
(function () {
  "use strict";

  function supported() {
    return !!(window.PublicKeyCredential && navigator.credentials && window.fetch);
  }

  function toBytes(value) {
    var b64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    var raw = atob(b64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function credentialJSON(credential) {
    var response = credential.response;
    var out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: { clientDataJSON: toText(response.clientDataJSON) },
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    };
    if (credential.authenticatorAttachment) { out.authenticatorAttachment = credential.authenticatorAttachment; }
    if (response.attestationObject) {
      out.response.attestationObject = toText(response.attestationObject);
      out.response.transports = response.getTransports ? response.getTransports() : [];
    }
    if (response.authenticatorData) {
      out.response.authenticatorData = toText(response.authenticatorData);
      out.response.signature = toText(response.signature);
      if (response.userHandle) { out.response.userHandle = toText(response.userHandle); }
    }
    return out;
  }

  function post(url, form, body) {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { throw new Error(data.error || "Er ging iets mis (" + response.status + ")."); }
        return data;
      });
    });
  }

  function say(form, text) {
    var status = form.querySelector("[data-passkey-status]") ||
      (form.parentNode && form.parentNode.querySelector("[data-passkey-status]"));
    if (status) { status.textContent = text; }
  }

  function browserMessage(error) {
    if (error && (error.name === "NotAllowedError" || error.name === "AbortError")) {
      return "De passkey is niet gebruikt (geannuleerd of verlopen). Probeer het opnieuw.";
    }
    if (error && error.name === "InvalidStateError") {
      return "Deze passkey is al geregistreerd.";
    }
    return (error && error.message) || "Er ging iets mis. Probeer het opnieuw.";
  }

  function field(form, name) {
    var input = form.querySelector("[name=" + name + "]");
    return input ? input.value : "";
  }

  function register(form) {
    var name = field(form, "name").trim();
    if (!name) {
      say(form, "Geef de passkey een naam.");
      var input = form.querySelector("[name=name]");
      if (input) { input.focus(); }
      return Promise.resolve();
    }
    return post(form.dataset.optionsUrl, form).then(function (options) {
      options.challenge = toBytes(options.challenge);
      options.user.id = toBytes(options.user.id);
      (options.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
      return navigator.credentials.create({ publicKey: options });
    }).then(function (credential) {
      return post(form.dataset.completeUrl, form, {
        name: name, next: field(form, "next"), credential: credentialJSON(credential)
      });
    });
  }

  function authenticate(form) {
    return post(form.dataset.optionsUrl, form).then(function (options) {
      options.challenge = toBytes(options.challenge);
      (options.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
      return navigator.credentials.get({ publicKey: options });
    }).then(function (credential) {
      return post(form.dataset.completeUrl, form, {
        next: field(form, "next"), credential: credentialJSON(credential)
      });
    });
  }

  function start() {
    if (!supported()) { return; }
    document.querySelectorAll("[data-passkey]").forEach(function (el) { el.hidden = false; });
    document.querySelectorAll("[data-passkey-missing]").forEach(function (el) { el.hidden = true; });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var action = form.hasAttribute("data-passkey-register") ? register :
        form.hasAttribute("data-passkey-auth") ? authenticate : null;
      if (!action) { return; }
      event.preventDefault();
      if (form.getAttribute("aria-busy") === "true") { return; }
      form.setAttribute("aria-busy", "true");
      say(form, "");
      action(form).then(function (result) {
        if (result && result.redirect) { window.location.assign(result.redirect); }
      }).catch(function (error) {
        say(form, browserMessage(error));
      }).then(function () {
        form.removeAttribute("aria-busy");
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
