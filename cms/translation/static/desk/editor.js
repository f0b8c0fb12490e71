/* The desk inside wagtail-localize's translation editor: beside each segment, the memory's
   exact and fuzzy matches (an exact one saved with "Use", provenance "memory"; a fuzzy one is
   opened as a draft in the desk's segment editor, which shows what differs) and the glossary
   terms, which are also highlighted in the source text. Segments are found by their source text
   (the editor groups them by tab), once the editor has drawn them.
   Every save of a segment says which version of it the edit was based on (the
   X-Desk-Segment-Version header); a save refused because someone else changed the segment
   meanwhile shows their text beside it. */
(function () {
  "use strict";
  var panel = document.getElementById("desk-editor-panel");
  if (!panel || !window.fetch) return;
  var label = function (name) { return panel.getAttribute("data-label-" + name); };
  var squash = function (text) { return text.replace(/\s+/g, " ").trim(); };
  var VERSION = "X-Desk-Segment-Version";
  var versions = {};
  var places = {};

  function conflict(data) {
    versions[data.segment] = data.version;
    var place = places[data.segment] ? places[data.segment].parentNode : panel;
    var box = element("div", { "class": "desk-suggestions desk-conflict", "data-segment": data.segment });
    box.appendChild(element("p", { role: "alert", "class": "desk-error" }, data.detail));
    box.appendChild(element("blockquote", { lang: panel.getAttribute("data-target-lang") }, data.current));
    place.appendChild(box);
  }

  var originalFetch = window.fetch.bind(window);
  var segmentEdit = /\/strings\/(\d+)\/edit\/$/;
  window.fetch = function (url, options) {
    var found = typeof url === "string" && segmentEdit.exec(url.split("?")[0]);
    var method = options && options.method;
    if (!found || (method !== "PUT" && method !== "DELETE")) return originalFetch(url, options);
    var id = found[1];
    var headers = Object.assign({}, options.headers);
    if (versions[id] !== undefined) headers[VERSION] = versions[id];
    return originalFetch(url, Object.assign({}, options, { headers: headers })).then(function (response) {
      if (response.headers.get(VERSION)) versions[id] = response.headers.get(VERSION);
      if (response.status === 409) {
        response.clone().json().then(function (data) { if (data.segment) conflict(data); });
      }
      return response;
    });
  };

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function termTitle(term) {
    var title = "→ " + term.required.join(" / ");
    if (term.forbidden.length) title += " (" + label("never") + ": " + term.forbidden.join(", ") + ")";
    return title;
  }

  function highlight(paragraph, segment) {
    var text = paragraph.textContent;
    if (!segment.terms.length || paragraph.childNodes.length !== 1 || text !== segment.source) return;
    var fragment = document.createDocumentFragment();
    var at = 0;
    segment.terms.forEach(function (term) {
      if (term.start < at) return;
      fragment.appendChild(document.createTextNode(text.slice(at, term.start)));
      fragment.appendChild(element("mark", { "class": "desk-term", title: termTitle(term) },
        text.slice(term.start, term.end)));
      at = term.end;
    });
    fragment.appendChild(document.createTextNode(text.slice(at)));
    paragraph.replaceChildren(fragment);
  }

  function use(box, segment, match) {
    var body = new FormData();
    body.append("entry", match.entry);
    if (versions[segment.id] !== undefined) body.append("version", versions[segment.id]);
    fetch(panel.getAttribute("data-use-url").replace(/\/0\/use\/$/, "/" + segment.id + "/use/"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": panel.getAttribute("data-csrf") }
    }).then(function (response) {
      if (response.ok) { window.location.reload(); return null; }
      return response.json().then(function (data) {
        if (data.segment) { conflict(data); return; }
        throw new Error(data.detail);
      });
    }).catch(function (error) {
      box.appendChild(element("p", { role: "alert", "class": "desk-error" }, error.message || label("failed")));
    });
  }

  function suggestions(segment, editable) {
    var box = element("div", { "class": "desk-suggestions", "data-segment": segment.id });
    if (segment.matches.length) box.appendChild(element("strong", {}, label("memory")));
    segment.matches.forEach(function (match) {
      var row = element("div", { "class": "desk-match" });
      row.appendChild(element("span", { "class": "desk-score" }, match.exact ? label("exact") : match.score + "%"));
      row.appendChild(document.createTextNode(" "));
      row.appendChild(element("span", { lang: panel.getAttribute("data-target-lang") }, match.target));
      row.appendChild(element("small", {}, " (" + match.provenance + ", " + match.date + ") "));
      if (editable && match.exact) {
        var button = element("button", { type: "button", "class": "button button-small button-secondary" }, label("use"));
        button.addEventListener("click", function () { button.disabled = true; use(box, segment, match); });
        row.appendChild(button);
      } else if (editable && panel.getAttribute("data-workbench-url")) {
        row.appendChild(element("a", {
          "class": "button button-small button-secondary",
          href: panel.getAttribute("data-workbench-url") + "#segment-" + segment.id
        }, label("draft")));
      }
      box.appendChild(row);
    });
    segment.terms.forEach(function (term) {
      box.appendChild(element("div", { "class": "desk-term-note" }, term.term + " " + termTitle(term)));
    });
    return box;
  }

  function decorate(data, paragraphs) {
    var used = [];
    data.segments.forEach(function (segment) {
      versions[segment.id] = segment.version;
      for (var i = 0; i < paragraphs.length; i++) {
        if (!used[i] && squash(paragraphs[i].textContent) === squash(segment.source)) {
          used[i] = true;
          places[segment.id] = paragraphs[i];
          highlight(paragraphs[i], segment);
          if (segment.matches.length || segment.terms.length) {
            paragraphs[i].parentNode.appendChild(suggestions(segment, data.editable));
          }
          return;
        }
      }
    });
  }

  function whenDrawn(callback, tries) {
    var paragraphs = document.querySelectorAll(".js-translation-editor li > p:first-child");
    if (paragraphs.length || tries > 100) callback(Array.prototype.slice.call(paragraphs));
    else window.setTimeout(function () { whenDrawn(callback, tries + 1); }, 100);
  }

  fetch(panel.getAttribute("data-suggestions-url"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { if (data) whenDrawn(function (p) { decorate(data, p); }, 0); });
})();
