// The enterprise home page's escort list, kept current without a reload.
// Server-sent events (/enterprise/escorts/stream) say that a request of this
// enterprise changed; the page then fetches itself and swaps the section in.
// Where EventSource is missing or the stream cannot be opened, the JSON list
// is polled instead and a change in it triggers the same refresh.
(function () {
  'use strict';
  var section = document.getElementById('escort-requests');
  if (!section) return;
  var POLL_MS = 15000;
  var busy = false;
  var again = false;

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('escort-requests');
        if (fresh) {
          section.innerHTML = fresh.innerHTML;
          section.setAttribute('data-refreshed', String(Date.now()));
        }
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  var last = null;
  var timer = null;
  function poll() {
    fetch(section.getAttribute('data-poll'), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) {
        if (res.status === 401 || res.status === 403) { clearInterval(timer); return null; }
        return res.ok ? res.json() : null;
      })
      .then(function (body) {
        if (!body || !body.items) return;
        var digest = JSON.stringify(body.items.map(function (r) { return [r.id, r.status, r.updatedAt, r.overdue.length]; }));
        if (last !== null && digest !== last) refresh();
        last = digest;
      })
      .catch(function () {});
  }
  function startPolling() {
    if (timer !== null) return;
    poll();
    timer = setInterval(poll, POLL_MS);
  }

  // What changed while this browser's connection was down was announced to nobody (or the fetch it caused
  // failed): back online, the list is fetched afresh.
  window.addEventListener('online', refresh);

  if (typeof EventSource !== 'function') { startPolling(); return; }
  var source = new EventSource(section.getAttribute('data-stream'));
  var opened = false;
  source.addEventListener('ready', function () {
    section.setAttribute('data-live', 'stream');
    // A ready after the first is a reconnect: what changed while the stream was down was not announced.
    if (opened) refresh();
    opened = true;
  });
  source.addEventListener('escort', refresh);
  source.onerror = function () {
    // CONNECTING: the browser retries by itself. CLOSED: it gave up (e.g. the session ended): poll.
    if (source.readyState === 2) { section.setAttribute('data-live', 'poll'); startPolling(); }
  };
})();
