/* Client-side search of a static export (gongkai/staticsite; docs/static-export.md).
 *
 * search-index.js sets window.GONGKAI_SEARCH = {docs: [[path, title, date, snippet]],
 * terms: {token: "base-36 doc numbers, comma-joined"}}; the tokens are the server's own
 * segmentation (rjieba). The query is cut into index tokens by forward maximum matching against
 * that vocabulary, so no segmenter is needed here; every token must match (AND). Results are
 * built with textContent only: nothing from the index is ever parsed as HTML.
 */
(function () {
  "use strict";
  var index = window.GONGKAI_SEARCH;
  var form = document.getElementById("static-search");
  var input = document.getElementById("static-q");
  var list = document.getElementById("static-search-results");
  var status = document.getElementById("static-search-status");
  if (!index || !form) { return; }
  var MAX_TERM = 12, MAX_QUERY = 100, MAX_RESULTS = 100;
  var word = /[\p{L}\p{N}]/u;

  function cut(query) {
    var text = query.normalize("NFKC").toLowerCase().slice(0, MAX_QUERY);
    var tokens = [], i = 0;
    while (i < text.length) {
      var ch = text[i];
      if (!word.test(ch)) { i += 1; continue; }
      var found = "";
      for (var n = Math.min(MAX_TERM, text.length - i); n > 0; n--) {
        var piece = text.substr(i, n);
        if (Object.prototype.hasOwnProperty.call(index.terms, piece)) { found = piece; break; }
      }
      if (!found) { return null; } // a character no indexed word contains: nothing matches
      if (tokens.indexOf(found) < 0) { tokens.push(found); }
      i += found.length;
    }
    return tokens;
  }

  function postings(token) {
    return index.terms[token].split(",").map(function (s) { return parseInt(s, 36); });
  }

  function search(query) {
    var tokens = cut(query);
    if (tokens === null) { return {tokens: [], docs: []}; }
    if (!tokens.length) { return null; }
    var hits = null;
    tokens.forEach(function (token) {
      var set = {};
      postings(token).forEach(function (n) { set[n] = true; });
      hits = hits === null ? set : Object.keys(hits).reduce(function (acc, n) {
        if (set[n]) { acc[n] = true; }
        return acc;
      }, {});
    });
    var docs = Object.keys(hits).map(Number).sort(function (a, b) { return a - b; });
    return {tokens: tokens, docs: docs}; // doc numbers are in newest-first order
  }

  function highlighted(text, tokens) {
    var span = document.createElement("span");
    var lower = text.toLowerCase(), i = 0;
    while (i < text.length) {
      var next = -1, len = 0;
      tokens.forEach(function (t) {
        var at = lower.indexOf(t, i);
        if (at >= 0 && (next < 0 || at < next || (at === next && t.length > len))) { next = at; len = t.length; }
      });
      if (next < 0) { span.appendChild(document.createTextNode(text.slice(i))); break; }
      span.appendChild(document.createTextNode(text.slice(i, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + len);
      span.appendChild(mark);
      i = next + len;
    }
    return span;
  }

  function show(query) {
    list.textContent = "";
    var result = search(query);
    if (result === null) { status.textContent = "请输入关键词。"; return; }
    var docs = result.docs.slice(0, MAX_RESULTS);
    status.textContent = "找到 " + result.docs.length + " 条结果" + (result.docs.length > MAX_RESULTS ? "，显示前 " + MAX_RESULTS + " 条。" : "。");
    var root = document.querySelector('link[rel="stylesheet"]').getAttribute("href").replace("static/css/site.css", "");
    docs.forEach(function (n) {
      var doc = index.docs[n];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + doc[0];
      a.appendChild(highlighted(doc[1], result.tokens));
      li.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "item-meta";
      meta.appendChild(document.createTextNode(doc[2] + (doc[3] ? " · " : "")));
      meta.appendChild(highlighted(doc[3], result.tokens));
      li.appendChild(meta);
      list.appendChild(li);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// in some browsers */ }
    }
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; show(initial); }
}());
