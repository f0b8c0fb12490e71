/* The desk's segment editor (cms/translation/workbench.py), keyboard first. Each segment is an
   <li data-segment> with its edit box; saving posts the text and shows the checks the server
   answers with, beside the segment; typing asks for the checks without saving. A memory
   suggestion fills the edit box as a draft (nothing saved until the translator saves). The time
   from a save to its checks on screen is kept in data-check-ms (measured by tests/e2e). */
(function () {
  "use strict";
  var root = document.getElementById("desk-workbench");
  if (!root || !window.fetch) return;
  var editable = root.getAttribute("data-editable") === "1";
  var segments = Array.prototype.slice.call(root.querySelectorAll("[data-segment]"));
  var help = document.getElementById("wb-help");
  var filter = "all";
  var label = function (name) { return root.getAttribute("data-label-" + name); };

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text) node.textContent = text;
    return node;
  }
  function box(segment) { return segment.querySelector(".wb-text"); }
  function current() {
    var focused = document.activeElement;
    return (focused && focused.closest && focused.closest("[data-segment]")) || null;
  }
  function post(url, fields) {
    var body = new FormData();
    Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": root.getAttribute("data-csrf"), "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.detail || label("failed"));
          error.data = data;
          throw error;
        }
        var timing = /dur=([\d.]+)/.exec(response.headers.get("Server-Timing") || "");
        data.serverMs = timing ? Math.round(Number(timing[1])) : null;
        return data;
      });
    });
  }
  function needsWork(segment) {
    var state = segment.getAttribute("data-state");
    return state === "untranslated" || state === "draft" || segment.getAttribute("data-failing") === "1";
  }
  function visible(segment) { return !segment.hidden; }

  function setState(segment, state) {
    segment.setAttribute("data-state", state);
    var text = label(state === "exact" ? "exact" : state);
    if (state === "draft") text = segment.hasAttribute("data-dirty") ? label("draft") : label("machine");
    segment.querySelector("[data-role=state]").textContent = text || label("translated");
  }

  function showResults(segment, results) {
    var list = segment.querySelector("[data-role=checks]");
    list.replaceChildren();
    results.forEach(function (result) {
      var item = element("li", { "class": "wb-check" + (result.blocking ? " wb-check--blocking" : ""), "data-kind": result.kind }, result.message);
      if (editable && (result.fix !== null || result.insert !== null)) {
        var button = element("button", { type: "button", "class": "button button-small" },
          (result.fix !== null ? label("fix") : label("insert")) + " “" + result.term + "” ");
        button.appendChild(element("kbd", {}, "Alt+G"));
        button.setAttribute(result.fix !== null ? "data-fix" : "data-insert", result.fix !== null ? result.fix : result.insert);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(button);
      }
      list.appendChild(item);
    });
    segment.setAttribute("data-failing", results.length ? "1" : "0");
  }

  function showProgress(progress) {
    var set = function (name, value) {
      var node = root.querySelector("[data-progress=" + name + "]");
      if (node) node.textContent = value;
    };
    set("segments", node_text(root.querySelector("[data-progress=segments]"), progress.segments_done, progress.segments_total));
    set("words", node_text(root.querySelector("[data-progress=words]"), progress.words_done, progress.words_total));
    set("percent", progress.percent + "%");
    set("failing", String(progress.failing));
  }
  // "3 of 9 segments" in the page's language: replace the two numbers where they stand.
  function node_text(node, done, total) {
    var seen = 0;
    return node.textContent.replace(/\d+/g, function (number) {
      seen += 1;
      return seen === 1 ? String(done) : seen === 2 ? String(total) : number;
    });
  }

  function addEvent(list, event) {
    var item = element("li", {}, event.when + " — " + event.who + (event.origin ? " (" + event.origin + ")" : "") + ": ");
    if (event.previous) { item.appendChild(element("del", {}, event.previous)); item.appendChild(document.createTextNode(" → ")); }
    item.appendChild(element(event.kind === "comment" ? "span" : "ins", {}, event.text || "—"));
    list.appendChild(item);
  }

  var timers = new WeakMap();
  function checkSoon(segment) {
    window.clearTimeout(timers.get(segment));
    timers.set(segment, window.setTimeout(function () {
      var started = performance.now();
      post(segment.getAttribute("data-check-url"), { text: box(segment).value }).then(function (data) {
        showResults(segment, data.results);
        segment.setAttribute("data-typing-check-ms", String(Math.round(performance.now() - started)));
      }).catch(function () { return null; });
    }, 250));
  }

  function save(segment) {
    window.clearTimeout(timers.get(segment));
    var started = performance.now();
    var fields = { text: box(segment).value, version: segment.getAttribute("data-version") };
    if (segment.getAttribute("data-entry")) fields.entry = segment.getAttribute("data-entry");
    return post(segment.getAttribute("data-save-url"), fields).then(function (data) {
      segment.setAttribute("data-version", data.version);
      segment.removeAttribute("data-dirty");
      segment.removeAttribute("data-entry");
      segment.removeAttribute("data-origin");
      showResults(segment, data.results);
      setState(segment, data.state);
      segment.setAttribute("data-check-ms", String(Math.round(performance.now() - started)));
      if (data.serverMs !== null) segment.setAttribute("data-server-ms", String(data.serverMs));
      root.setAttribute("data-last-check-ms", segment.getAttribute("data-check-ms"));
      showProgress(data.progress);
      if (data.event) addEvent(segment.querySelector("[data-role=history]"), data.event);
      applyFilter();
      return data;
    }).catch(function (error) {
      var list = segment.querySelector("[data-role=checks]");
      var item = element("li", { "class": "wb-check wb-check--blocking", role: "alert" }, error.message);
      list.replaceChildren(item);
      if (error.data && error.data.version !== undefined) showConflict(segment, item, error.data);
      return null;
    });
  }

  // Someone else saved this segment since it was opened: their text is shown beside the box,
  // which keeps what this translator typed; saving again (now based on their version) replaces
  // it, "Use the newer text" takes it instead.
  function showConflict(segment, item, data) {
    segment.setAttribute("data-version", data.version);
    item.appendChild(element("blockquote", { lang: root.getAttribute("data-target-lang") }, data.current || "—"));
    if (editable) {
      var button = element("button", { type: "button", "class": "button button-small button-secondary", "data-theirs": "1" }, label("theirs"));
      button.addEventListener("click", function () {
        box(segment).value = data.current;
        segment.setAttribute("data-dirty", "1");
        box(segment).focus();
      });
      item.appendChild(button);
    }
  }

  function focusSegment(segment) {
    if (!segment) return;
    var target = box(segment);
    target.focus();
    target.setSelectionRange(target.value.length, target.value.length);
    segment.scrollIntoView({ block: "center" });
  }
  function step(from, direction, test) {
    var list = segments.filter(visible);
    var at = from ? list.indexOf(from) : -1;
    for (var i = at + direction; i >= 0 && i < list.length; i += direction) {
      if (test(list[i])) return list[i];
    }
    return null;
  }
  function announce(text) {
    var status = root.querySelector("[data-role=announce]");
    if (!status) {
      status = element("p", { "class": "visually-hidden", role: "status", "data-role": "announce" });
      root.appendChild(status);
    }
    status.textContent = text;
  }
  function goNext(from, direction) {
    var found = step(from, direction, needsWork);
    if (found) focusSegment(found);
    else announce(label("nothing"));
  }

  function saveAndNext(segment) {
    save(segment).then(function (data) {
      if (!data) return;
      var blocking = data.results.some(function (result) { return result.blocking; });
      if (!blocking) goNext(segment, 1);
    });
  }

  function draft(segment, text, entry, origin) {
    var target = box(segment);
    target.value = text;
    segment.setAttribute("data-dirty", "");
    if (entry) segment.setAttribute("data-entry", entry); else segment.removeAttribute("data-entry");
    segment.setAttribute("data-origin", origin);
    setState(segment, "draft");
    focusSegment(segment);
    checkSoon(segment);
  }
  function useSuggestion(segment, number) {
    var item = segment.querySelectorAll(".wb-suggestion")[number - 1];
    if (item) draft(segment, item.getAttribute("data-target"), item.getAttribute("data-entry"), "memory");
  }
  function applyFix(segment) {
    var button = segment.querySelector("[data-fix], [data-insert]");
    if (!button) return;
    var target = box(segment);
    if (button.hasAttribute("data-fix")) {
      target.value = button.getAttribute("data-fix");
    } else {
      var at = target.selectionStart, text = button.getAttribute("data-insert");
      target.value = target.value.slice(0, at) + text + target.value.slice(target.selectionEnd);
      target.setSelectionRange(at + text.length, at + text.length);
    }
    segment.setAttribute("data-dirty", "");
    focusSegment(segment);
    checkSoon(segment);
  }

  function applyFilter(name) {
    if (name) filter = name;
    segments.forEach(function (segment) {
      var show = filter === "all"
        || (filter === "untranslated" && segment.getAttribute("data-state") === "untranslated")
        || (filter === "draft" && (segment.getAttribute("data-state") === "draft" || segment.hasAttribute("data-fuzzy") || segment.hasAttribute("data-dirty")))
        || (filter === "failing" && segment.getAttribute("data-failing") === "1")
        || (filter === "commented" && segment.getAttribute("data-commented") === "1");
      segment.hidden = !show;
    });
    var focused = document.activeElement;
    if (focused && focused.closest && focused.closest("[data-segment][hidden]")) focused.blur();
    root.querySelectorAll("[data-filter]").forEach(function (button) {
      var on = button.getAttribute("data-filter") === filter;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.classList.toggle("button-secondary", !on);
    });
  }

  function comment(segment) {
    var input = segment.querySelector(".wb-comment-text");
    if (!input || !input.value.trim()) return;
    post(segment.getAttribute("data-comment-url"), { text: input.value }).then(function (data) {
      addEvent(segment.querySelector("[data-role=comments]"), data.event);
      input.value = "";
      segment.setAttribute("data-commented", "1");
      var count = segment.querySelector("[data-role=comment-count]");
      count.textContent = String(Number(count.textContent) + 1);
    });
  }

  var opener = null;
  function toggleHelp(show) {
    if (show) { opener = document.activeElement; help.hidden = false; help.querySelector("button").focus(); }
    else { help.hidden = true; if (opener) opener.focus(); }
  }

  var FILTER_KEYS = { KeyA: "all", KeyU: "untranslated", KeyD: "draft", KeyF: "failing", KeyC: "commented" };
  document.addEventListener("keydown", function (event) {
    var segment = current();
    var typing = event.target.matches && event.target.matches("textarea, input, select");
    if (!help.hidden && (event.key === "Escape" || event.key === "?")) { event.preventDefault(); toggleHelp(false); return; }
    if (event.key === "?" && !typing) { event.preventDefault(); toggleHelp(true); return; }
    if (event.key === "Escape" && typing && segment) { event.preventDefault(); segment.focus(); return; }
    if (event.altKey && event.shiftKey && FILTER_KEYS[event.code]) { event.preventDefault(); applyFilter(FILTER_KEYS[event.code]); return; }
    if (event.altKey && event.shiftKey && event.key === "Enter") {
      var form = root.querySelector("[data-submit-form]");
      if (form) { event.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      goNext(segment, event.key === "ArrowDown" ? 1 : -1);
      return;
    }
    if (!segment || !editable) return;
    if (event.target.classList.contains("wb-comment-text") && (event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault(); comment(segment); return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); saveAndNext(segment); return; }
    if (!event.altKey || event.shiftKey) return;
    if (/^Digit[1-9]$/.test(event.code)) { event.preventDefault(); useSuggestion(segment, Number(event.code.slice(5))); }
    else if (event.code === "KeyC") { event.preventDefault(); draft(segment, segment.getAttribute("data-source"), null, "source"); }
    else if (event.code === "KeyG") { event.preventDefault(); applyFix(segment); }
    else if (event.code === "KeyM") {
      event.preventDefault();
      var details = segment.querySelector(".wb-comments");
      details.open = true;
      var input = details.querySelector(".wb-comment-text");
      if (input) input.focus();
    }
  });

  root.addEventListener("input", function (event) {
    var segment = event.target.closest("[data-segment]");
    if (!segment || !event.target.classList.contains("wb-text")) return;
    segment.setAttribute("data-dirty", "");
    checkSoon(segment);
  });
  root.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var segment = button.closest("[data-segment]");
    if (button.hasAttribute("data-filter")) applyFilter(button.getAttribute("data-filter"));
    else if (button.getAttribute("data-action") === "help") toggleHelp(true);
    else if (button.getAttribute("data-action") === "help-close") toggleHelp(false);
    else if (button.getAttribute("data-action") === "save") { var at = segment || last; if (at) saveAndNext(at); }
    else if (button.getAttribute("data-action") === "comment" && segment) comment(segment);
    else if (button.hasAttribute("data-use") && segment) useSuggestion(segment, Number(button.getAttribute("data-use")));
    else if ((button.hasAttribute("data-fix") || button.hasAttribute("data-insert")) && segment) applyFix(segment);
  });
  // The header's Save button saves the segment last edited.
  var last = null;
  root.addEventListener("focusin", function (event) {
    var segment = event.target.closest("[data-segment]");
    if (segment) last = segment;
  });

  var first = segments.filter(needsWork)[0] || segments[0];
  if (editable && first && !window.location.hash) focusSegment(first);
  else if (window.location.hash) focusSegment(document.getElementById(window.location.hash.slice(1)));
})();
