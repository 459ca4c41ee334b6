/* tms review UI: saving through fetch, keyboard shortcuts, suggestions, inline tags, history, comments, job progress.
 * Every form also works without this script (it posts and the page reloads); this only makes it faster.
 * Text from the server is always put into the page with textContent, or arrives as HTML the server escaped. */
(function () {
  "use strict";

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var CSRF = csrfMeta ? csrfMeta.getAttribute("content") : "";

  function request(url, options) {
    options = options || {};
    var headers = options.headers || {};
    headers["Accept"] = options.accept || "application/json";
    headers["X-Requested-With"] = "fetch";
    if (options.method && options.method !== "GET") headers["X-CSRFToken"] = CSRF;
    return fetch(url, {
      method: options.method || "GET",
      body: options.body,
      headers: headers,
      credentials: "same-origin",
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var parse = type.indexOf("application/json") >= 0 ? response.json() : response.text();
      return parse.then(function (data) { return { status: response.status, ok: response.ok, data: data }; });
    });
  }

  function errorText(result) {
    if (result.data && typeof result.data === "object" && result.data.error) return result.data.error;
    if (result.status === 403) return "You may not do this.";
    if (result.status === 400) return "The server refused this input; reload the page and try again.";
    return "Could not reach the server (" + result.status + "); your text is still here, try again.";
  }

  /* ---------------------------------------------------------------------------------- editor */
  var editor = document.getElementById("editor");
  var current = null;  // the <li class="segment"> being worked on

  function segments() {
    return Array.prototype.filter.call(document.querySelectorAll("li.segment"), function (el) { return !el.hidden; });
  }

  function textareaOf(seg) { return seg ? seg.querySelector("textarea[name=target]") : null; }

  function setStatus(seg, message, isError) {
    var status = seg.querySelector(".status");
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("error", !!isError);
  }

  function setCurrent(seg) {
    if (current === seg) return;
    if (current) current.classList.remove("is-current");
    current = seg;
    if (!seg) return;
    seg.classList.add("is-current");
    loadSuggestions(seg, false);
    loadOtherLanguages(seg);
  }

  /* the same segment in the article's other languages, approved first */
  var languageNames = new Intl.DisplayNames(["en"], { type: "language" });
  function loadOtherLanguages(seg) {
    var panel = document.getElementById("other-languages");
    if (!panel || !seg.dataset.contextUrl) return;
    var list = panel.querySelector(".other-list");
    var note = panel.querySelector(".other-note");
    request(seg.dataset.contextUrl).then(function (result) {
      if (current !== seg) return;
      list.textContent = "";
      var found = result.ok ? result.data.translations : [];
      found.forEach(function (item) {
        var li = document.createElement("li");
        var name = document.createElement("span");
        name.className = "origin";
        name.textContent = languageNames.of(item.language) + (item.state === "approved" ? " (approved)" : "");
        var text = document.createElement("span");
        text.className = "text";
        text.setAttribute("lang", item.language);
        text.textContent = item.target;
        li.append(name, text);
        list.appendChild(li);
      });
      note.textContent = result.ok ? (found.length ? "" : "Segment " + seg.dataset.number + " is not translated in another language yet.")
                                   : errorText(result);
    }, function () {});
  }

  function move(step) {
    var list = segments();
    var index = list.indexOf(current);
    var next = list[index + step];
    if (!next) return false;
    var area = textareaOf(next);
    if (area) { area.focus(); next.scrollIntoView({ block: "nearest" }); }
    setCurrent(next);
    return true;
  }

  function applySegment(seg, data, answer) {
    answer = answer || {};
    var area = textareaOf(seg);
    var form = seg.querySelector("form.segment-form");
    seg.className = seg.className.replace(/\bstate-[a-z-]+/g, "").trim() + " state-" + data.state;
    seg.classList.remove("is-dirty");
    if (area) {
      area.value = data.target;
      area.defaultValue = data.target;
    }
    if (form) form.elements.revision.value = data.revision;
    var label = seg.querySelector(".state-label");
    if (label) label.textContent = data.state_label;
    var checks = seg.querySelector(".checks");
    if (checks && data.checks) {
      checks.textContent = "";
      data.checks.forEach(function (check) {
        var li = document.createElement("li");
        li.className = "severity-" + check.severity;
        li.textContent = check.message;
        checks.appendChild(li);
      });
    }
    if (answer.publication) {
      var badge = document.getElementById("publication");
      if (badge) {
        badge.textContent = answer.publication.label;
        badge.className = "badge badge-" + answer.publication.badge;
      }
    }
    var counter = document.getElementById("progress-text");
    if (counter && answer.progress) counter.textContent = answer.progress;
    applyFigures(seg, data, answer);
    var history = seg.querySelector("details.history-box");
    if (history) { history.dataset.loaded = ""; if (history.open) loadFragment(history); }
  }

  /* the figures a save changes: the segment's approval and machine share, the catalog's share, its
     certification and the certification panel, all from the save's answer (never stale until a reload) */
  function applyFigures(seg, data, answer) {
    var approved = seg.querySelector(".approved-by");
    if (approved && "approval" in data) {
      approved.hidden = !data.approval;
      approved.querySelector(".who").textContent = data.approval ? data.approval.by : "";
    }
    var share = seg.querySelector(".unmodified-share");
    if (share && "unmodified_share" in data) {
      share.textContent = data.unmodified_share == null ? "0" : Math.round(100 * data.unmodified_share);
    }
    var machine = document.getElementById("machine-share");
    if (machine && answer.machine_share != null) machine.textContent = answer.machine_share.toFixed(1);
    var certified = document.getElementById("certified-by");
    if (certified && "certified" in answer) certified.hidden = !answer.certified;
    var withdrawn = document.getElementById("withdrawn");
    if (withdrawn && answer.withdrawn) {
      withdrawn.hidden = false;
      withdrawn.textContent = "Official status withdrawn by " + answer.withdrawn.by + ": " + answer.withdrawn.reason;
    }
    refreshCertification();
  }

  var certificationRequest = null;
  function refreshCertification() {
    var panel = document.getElementById("certification");
    if (!panel || !panel.dataset.url) return;
    // One question at a time; saves in quick succession get the answer to the last.
    var asked = certificationRequest = request(panel.dataset.url).then(function (result) {
      if (result.ok && asked === certificationRequest) applyCertification(panel, result.data);
    }, function () {});
  }

  function applyCertification(panel, state) {
    var form = panel.querySelector("form");
    var official = state.official;
    panel.querySelector(".official-note").hidden = !official;
    form.hidden = official;
    var list = form.querySelector(".reasons");
    list.textContent = "";
    state.reasons.forEach(function (reason) {
      var li = document.createElement("li");
      var holder = li;
      if (reason.href) { holder = document.createElement("a"); holder.href = reason.href; li.appendChild(holder); }
      holder.textContent = reason.text;
      list.appendChild(li);
    });
    form.querySelector(".verdict").textContent = state.reasons.length ? "Not yet:" : "Every segment is approved and checked.";
    form.querySelector("button[type=submit]").disabled = state.reasons.length > 0;
  }

  /* a change that would end the catalog's official status: ask, with a reason, before sending it again */
  function confirmWithdrawal(message) {
    var dialog = document.getElementById("withdraw-dialog");
    if (!dialog || !dialog.showModal) return Promise.resolve(null);
    dialog.querySelector(".withdraw-message").textContent = message;
    var reason = dialog.querySelector("textarea");
    reason.value = "";
    dialog.returnValue = "";
    dialog.showModal();
    return new Promise(function (resolve) {
      dialog.addEventListener("close", function onClose() {
        dialog.removeEventListener("close", onClose);
        resolve(dialog.returnValue === "confirm" && reason.value.trim() ? reason.value.trim() : null);
      });
    });
  }

  function showProposals(seg, count) {
    var box = seg.querySelector("details.proposals-box");
    if (!box) return;
    box.hidden = !count;
    box.querySelector(".count").textContent = count;
    box.dataset.loaded = "";
    if (box.open) loadFragment(box);
  }

  function showConflict(seg, current) {
    var box = seg.querySelector(".conflict");
    if (!box) return;
    box.hidden = false;
    box.querySelector(".their-text").textContent = current.target || "(empty)";
    box.querySelector(".their-state").textContent = current.state_label || current.state;
    box.dataset.revision = current.revision;
    box.dataset.target = current.target;
    box.dataset.state = current.state;
  }

  function submitSegment(seg, action, thenNext, withdrawReason, errorsConfirmed) {
    var form = seg.querySelector("form.segment-form");
    if (!form || seg.dataset.busy) return Promise.resolve(false);
    var body = new FormData(form);
    body.set("action", action);
    if (withdrawReason) { body.set("withdraw_official", "1"); body.set("reason", withdrawReason); }
    if (errorsConfirmed) body.set("confirm_errors", "1");
    seg.dataset.busy = "1";
    setStatus(seg, action === "approve" ? "Approving…" : "Saving…", false);
    return request(form.getAttribute("action"), { method: "POST", body: body }).then(function (result) {
      delete seg.dataset.busy;
      if (result.status === 202) {
        applySegment(seg, result.data.segment, result.data);
        showProposals(seg, result.data.suggestions);
        setStatus(seg, "Your text was sent to the reviewers as a suggestion; the current text stays until they accept it.", false);
        return true;
      }
      if (result.status === 409 && result.data && result.data.confirm === "approve_with_errors") {
        if (!window.confirm("Segment " + seg.dataset.number + ": " + result.data.error)) {
          setStatus(seg, "Not approved: fix the error-level quality check first.", true);
          return false;
        }
        return submitSegment(seg, action, thenNext, withdrawReason, true);
      }
      if (result.status === 409 && result.data && result.data.confirm === "withdraw_official") {
        return confirmWithdrawal(result.data.error).then(function (reason) {
          if (!reason) { setStatus(seg, "Not saved: the translation stays official.", false); return false; }
          return submitSegment(seg, action, thenNext, reason, errorsConfirmed);
        });
      }
      if (result.ok) {
        applySegment(seg, result.data.segment, result.data);
        var box = seg.querySelector(".conflict");
        if (box) box.hidden = true;
        setStatus(seg, action === "approve" ? "Approved." : "Saved.", false);
        if (thenNext) move(1);
        return true;
      }
      if (result.status === 409 && result.data && result.data.current) {
        showConflict(seg, result.data.current);
        setStatus(seg, "Someone else changed this segment first; nothing was overwritten.", true);
      } else {
        setStatus(seg, errorText(result), true);
      }
      return false;
    }, function () {
      delete seg.dataset.busy;
      setStatus(seg, "Could not reach the server; your text is still here, try again.", true);
      return false;
    });
  }

  function resolveConflict(seg, keepMine) {
    var box = seg.querySelector(".conflict");
    var form = seg.querySelector("form.segment-form");
    form.elements.revision.value = box.dataset.revision;
    if (!keepMine) {
      applySegment(seg, { target: box.dataset.target, state: box.dataset.state, revision: box.dataset.revision,
                          state_label: box.querySelector(".their-state").textContent });
      setStatus(seg, "Showing their version.", false);
    } else {
      setStatus(seg, "Press Save to replace their version with yours.", false);
    }
    box.hidden = true;
  }

  /* suggestions: translation memory on focus, machine translation on request */
  var suggestionCache = {};

  function renderSuggestions(seg, data) {
    var panel = document.getElementById("suggestions");
    if (!panel || current !== seg) return;
    var list = panel.querySelector(".suggestions");
    var note = panel.querySelector(".suggestions-note");
    list.textContent = "";
    var items = (data.memory || []).slice();
    if (data.machine) items.unshift(data.machine);
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "suggestion";
      var score = document.createElement("span");
      score.className = "score";
      score.textContent = item.score == null ? "" : Math.round(item.score) + "%";
      var origin = document.createElement("span");
      origin.className = "origin";
      origin.textContent = item.origin;
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = item.text;
      text.setAttribute("lang", panel.dataset.lang);
      text.setAttribute("dir", panel.dataset.dir);
      var use = document.createElement("button");
      use.type = "button";
      use.className = "secondary";
      use.textContent = "Use";
      use.setAttribute("aria-label", "Use this suggestion (" + item.origin + ")");
      use.addEventListener("click", function () { useText(seg, item.text); });
      li.append(score, origin, text, use);
      if (item.source_diff) {
        var matched = document.createElement("span");
        matched.className = "matched-source diff";
        matched.setAttribute("lang", panel.dataset.sourceLang || "");
        matched.innerHTML = item.source_diff;  // escaped by the server: this segment's source, marked against the match
        var label = document.createElement("span");
        label.className = "visually-hidden";
        label.textContent = "Source compared with the matched one: ";
        matched.prepend(label);
        li.appendChild(matched);
      }
      list.appendChild(li);
    });
    note.textContent = data.error ? data.error : (items.length ? "" : "No suggestions for segment " + seg.dataset.number + ".");
    note.classList.toggle("error", !!data.error);
  }

  function loadSuggestions(seg, withMachine) {
    var panel = document.getElementById("suggestions");
    if (!panel || !seg.dataset.suggestUrl) return Promise.resolve(null);
    var cacheKey = seg.dataset.key + (withMachine ? ":mt" : "");
    var machineKey = seg.dataset.key + ":mt";
    if (suggestionCache[cacheKey]) {
      renderSuggestions(seg, suggestionCache[machineKey] || suggestionCache[cacheKey]);
      return Promise.resolve(suggestionCache[cacheKey]);
    }
    panel.querySelector(".suggestions-note").textContent = withMachine ? "Asking the machine translation engine…" : "Looking up the translation memory…";
    var url = seg.dataset.suggestUrl + (withMachine ? "?mt=1" : "");
    return request(url).then(function (result) {
      var data = result.ok ? result.data : { memory: [], machine: null, error: errorText(result) };
      if (result.ok) suggestionCache[cacheKey] = data;
      // A memory lookup that answers after the machine translation must not hide it.
      var shown = withMachine ? data : (suggestionCache[machineKey] || data);
      renderSuggestions(seg, shown);
      return data;
    }, function () {
      renderSuggestions(seg, { memory: [], machine: null, error: "Could not reach the server." });
      return null;
    });
  }

  function useText(seg, text) {
    var area = textareaOf(seg);
    if (!area || area.readOnly) return;
    area.focus();
    area.select();
    // insertText puts the replacement on the browser's undo stack, so Ctrl+Z brings the typing back.
    if (!document.execCommand || !document.execCommand("insertText", false, text)) area.value = text;
    seg.classList.toggle("is-dirty", area.value !== area.defaultValue);
  }

  function insertText(seg, text) {
    var area = textareaOf(seg);
    if (!area || area.readOnly) return;
    area.setRangeText(text, area.selectionStart, area.selectionEnd, "end");
    seg.classList.toggle("is-dirty", area.value !== area.defaultValue);
    area.focus();
  }

  /* inline tags: a token of the source puts its tag into the translation, a pair around the selection */
  function insertTag(seg, open, close) {
    var area = textareaOf(seg);
    if (!area || area.readOnly || !open) return false;
    var start = area.selectionStart, end = area.selectionEnd;
    var selected = area.value.slice(start, end);
    area.focus();
    area.setSelectionRange(start, end);
    var text = open + selected + (close || "");
    // insertText keeps the insertion on the browser's undo stack (Ctrl+Z), and fires "input" itself.
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      area.setRangeText(text, start, end, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (close && !selected) area.setSelectionRange(start + open.length, start + open.length);
    seg.classList.toggle("is-dirty", area.value !== area.defaultValue);
    return true;
  }

  function insertTagNumber(seg, number) {
    var chip = seg.querySelector('.tag-chip[data-number="' + number + '"][data-insert]');
    return chip ? insertTag(seg, chip.dataset.insert, chip.dataset.closer) : false;
  }

  function copyMachine(seg) {
    // The machine text the catalog already holds (# tms-mt:) comes first: no engine call, no wait.
    if (seg.dataset.machine) { useText(seg, seg.dataset.machine); return; }
    loadSuggestions(seg, true).then(function (data) {
      if (data && data.machine) useText(seg, data.machine.text);
      else setStatus(seg, (data && data.error) || "No machine translation is available for this segment.", true);
    });
  }

  /* history and comments: server-rendered, escaped HTML fragments loaded when opened */
  function loadFragment(details) {
    if (details.dataset.loaded) return;
    var body = details.querySelector(".fragment");
    body.textContent = "Loading…";
    request(details.dataset.url, { accept: "text/html" }).then(function (result) {
      if (!result.ok) { body.textContent = errorText(result); return; }
      body.innerHTML = result.data;  // escaped by the server's templates
      details.dataset.loaded = "1";
    });
  }

  function onFragmentSubmit(event, withdrawReason) {
    var form = event.target;
    if (!form.matches("form.revert-form, form.comment-form, form.proposal-form")) return;
    if (event.preventDefault) event.preventDefault();
    var seg = form.closest("li.segment");
    var details = form.closest("details");
    var body = new FormData(form);
    if (withdrawReason) { body.set("withdraw_official", "1"); body.set("reason", withdrawReason); }
    request(form.getAttribute("action"), { method: "POST", body: body }).then(function (result) {
      if (result.status === 409 && result.data && result.data.confirm === "withdraw_official") {
        confirmWithdrawal(result.data.error).then(function (reason) {
          if (!reason) { setStatus(seg, "Nothing changed: the translation stays official.", false); return; }
          onFragmentSubmit({ target: form }, reason);
        });
        return;
      }
      if (!result.ok) {
        if (result.status === 409 && result.data && result.data.current) showConflict(seg, result.data.current);
        setStatus(seg, errorText(result), true);
        return;
      }
      var isProposal = form.matches("form.proposal-form");
      if (result.data.segment) {
        applySegment(seg, result.data.segment, result.data);
        setStatus(seg, isProposal ? "Suggestion accepted." : "Reverted.", false);
      } else if (isProposal) {
        setStatus(seg, "Suggestion rejected.", false);
      }
      details.dataset.loaded = "";
      loadFragment(details);
      if (isProposal) {
        var left = details.querySelector(".count");
        var n = Math.max(0, parseInt(left.textContent, 10) - 1);
        left.textContent = n;
      }
      var count = details.querySelector(".count");
      if (count && result.data.count != null) count.textContent = result.data.count;
    });
  }

  function onKey(event) {
    // Every shortcut belongs to a segment's own translation box: in the search box, a comment box or
    // anywhere else the keys keep their usual meaning and never act on the segment used last.
    var inBox = event.target.matches && event.target.matches("li.segment textarea[name=target]");
    if (!inBox) return;
    var seg = event.target.closest("li.segment");
    setCurrent(seg);
    var key = event.key;
    if ((event.ctrlKey || event.metaKey) && key === "Enter") {
      event.preventDefault();
      if (event.shiftKey) {
        if (current.querySelector("button[value=approve]")) submitSegment(current, "approve", true);
      } else {
        submitSegment(current, "save", true);
      }
    } else if (event.altKey && (key === "ArrowDown" || key === "ArrowUp")) {
      event.preventDefault();
      move(key === "ArrowDown" ? 1 : -1);
    } else if ((event.ctrlKey || event.metaKey) && !event.shiftKey && (key === "m" || key === "M")) {
      event.preventDefault();
      copyMachine(current);
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && /^(Digit|Numpad)[1-9]$/.test(event.code || "")) {
      if (insertTagNumber(seg, event.code.slice(-1))) event.preventDefault();
    }
  }

  if (editor) {
    editor.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.matches("form.segment-form")) {
        event.preventDefault();
        var action = event.submitter && event.submitter.value ? event.submitter.value : "save";
        submitSegment(form.closest("li.segment"), action, false);
      } else {
        onFragmentSubmit(event);
      }
    });
    editor.addEventListener("focusin", function (event) {
      var seg = event.target.closest("li.segment");
      if (seg) setCurrent(seg);
    });
    editor.addEventListener("input", function (event) {
      if (event.target.name !== "target") return;
      var seg = event.target.closest("li.segment");
      seg.classList.toggle("is-dirty", event.target.value !== event.target.defaultValue);
    });
    editor.addEventListener("toggle", function (event) {
      var details = event.target;
      if (details.matches && details.matches("details[data-url]") && details.open) loadFragment(details);
    }, true);
    editor.addEventListener("click", function (event) {
      var chip = event.target.closest(".tag-chip[data-insert]");
      if (chip) { insertTag(chip.closest("li.segment"), chip.dataset.insert, chip.dataset.closer); return; }
      var button = event.target.closest("button");
      if (!button) return;
      var seg = button.closest("li.segment");
      if (button.classList.contains("keep-mine")) resolveConflict(seg, true);
      if (button.classList.contains("take-theirs")) resolveConflict(seg, false);
      if (button.classList.contains("term-insert")) insertText(seg, button.dataset.text);
    });
    document.addEventListener("keydown", onKey);
    var concordanceForm = document.querySelector("form.concordance-form");
    if (concordanceForm) concordanceForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = concordanceForm.parentNode.querySelector(".fragment");
      var query = new URLSearchParams(new FormData(concordanceForm)).toString();
      out.textContent = "Searching…";
      request(concordanceForm.getAttribute("action") + "?" + query, { accept: "text/html" }).then(function (result) {
        if (!result.ok) { out.textContent = errorText(result); return; }
        out.innerHTML = result.data;  // escaped by the server's templates
      });
    });
    var mtButton = document.getElementById("mt-request");
    if (mtButton) mtButton.addEventListener("click", function () { if (current) loadSuggestions(current, true); });
    window.addEventListener("beforeunload", function (event) {
      if (document.querySelector("li.segment.is-dirty")) { event.preventDefault(); event.returnValue = ""; }
    });
    var first = segments()[0];
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.matches("li.segment")) setCurrent(target);
    else if (first) setCurrent(first);
  }

  /* ------------------------------------------------------------ unread notifications in the top bar */
  var unread = document.getElementById("unread-count");
  var notificationsLink = document.getElementById("notifications-link");
  function pollUnread() {
    request(notificationsLink.dataset.countUrl).then(function (result) {
      if (result.ok && typeof result.data.unread === "number") {
        unread.textContent = result.data.unread;
        unread.classList.toggle("is-zero", result.data.unread === 0);
      }
    }, function () {});
  }
  if (unread && notificationsLink) {
    setInterval(function () { if (!document.hidden) pollUnread(); }, 5000);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) pollUnread(); });
  }

  /* -------------------------------------------------------------- background job progress */
  function pollJob(el) {
    request(el.dataset.url).then(function (result) {
      if (!result.ok) return;
      var job = result.data;
      var bar = el.querySelector("progress");
      var text = el.querySelector(".job-text");
      if (bar && job.total) { bar.max = job.total; bar.value = job.done; }
      if (text) text.textContent = job.message || (job.done + " / " + (job.total || "?"));
      var state = el.querySelector(".job-state");
      if (state) state.textContent = job.is_stalled ? "stalled" : job.state;
      if (job.state === "done" || job.state === "failed") {
        el.classList.add("job-" + job.state);
        if (bar && job.state === "done") { bar.max = 1; bar.value = 1; }
        var reload = el.querySelector(".job-reload");
        if (reload) reload.hidden = false;
        return;
      }
      setTimeout(function () { pollJob(el); }, 1500);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".job[data-url]"), function (el) {
    if (el.dataset.state !== "done" && el.dataset.state !== "failed") pollJob(el);
  });
})();
