// Region picker on /bureau/rules/draft: results while typing. Without this script the
// search form still works (GET ?q=…); with it, the same server-rendered results (labels in
// the reader's language, add buttons with the form token) are fetched and swapped in.
(function () {
  'use strict';
  var form = document.querySelector('form[data-region-search]');
  var results = document.getElementById('area-results');
  if (!form || !results || !window.fetch || !window.DOMParser) return;
  var input = form.querySelector('input[name="q"]');
  if (!input) return;

  var timer = 0;
  var latest = 0;

  function show(q) {
    var seq = ++latest;
    var url = '/bureau/rules/draft' + (q ? '?q=' + encodeURIComponent(q) : '');
    fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (html === null || seq !== latest) return; // an older answer, or an error: keep what is shown
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('area-results');
        if (!fresh) return;
        results.replaceChildren.apply(results, Array.prototype.map.call(fresh.childNodes, function (n) {
          return document.importNode(n, true);
        }));
        history.replaceState(null, '', url + '#areas');
      })
      .catch(function () {
        // Offline or refused: the search button still submits the form.
      });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    timer = setTimeout(function () {
      show(q);
    }, 250);
  });
})();
