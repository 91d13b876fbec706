// CSV exports with a progress indication (issue 14). Without this script the
// export link downloads the file directly. With it, a click fetches the same
// address, reads the body as it streams, counts its lines against the row count
// the server announces up front (X-Total-Count), shows "n / N rows" in the
// <progress> beside the link, and saves the file under the server's name.
// Rows are counted as line feeds after the header; a cell with a line break in
// it (quoted) can push the count ahead, so it is capped at the total.
(function () {
  'use strict';
  if (typeof fetch !== 'function' || typeof ReadableStream === 'undefined' || typeof Blob === 'undefined') return;

  function fill(template, n, total) {
    return template.replace('{n}', String(n)).replace('{total}', String(total));
  }

  function fileName(res, fallback) {
    var cd = res.headers.get('content-disposition') || '';
    var m = /filename="([^"]+)"/.exec(cd);
    return m ? m[1] : fallback;
  }

  function start(link) {
    var box = link.closest('[data-export]') || link.parentNode;
    var bar = box.querySelector('[data-export-progress]');
    var status = box.querySelector('[data-export-status]');
    var total = Number(link.getAttribute('data-total')) || 0;
    var shown = 0;
    function show(n) {
      shown = total ? Math.min(n, total) : n;
      if (bar) { bar.hidden = false; bar.max = total || 1; bar.value = shown; }
      if (status) status.textContent = fill(link.getAttribute('data-progress-text') || '{n} / {total}', shown, total);
    }
    link.setAttribute('aria-disabled', 'true');
    link.setAttribute('data-busy', '1');
    show(0);
    return fetch(link.href, { credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
        var announced = Number(res.headers.get('x-total-count'));
        if (announced >= 0 && !Number.isNaN(announced) && res.headers.get('x-total-count') !== null) total = announced;
        var reader = res.body.getReader();
        var parts = [];
        var lines = 0;
        function pump() {
          return reader.read().then(function (step) {
            if (step.done) return;
            var chunk = step.value;
            parts.push(chunk);
            for (var i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
            show(Math.max(0, lines - 1));
            return pump();
          });
        }
        return pump().then(function () {
          var blob = new Blob(parts, { type: res.headers.get('content-type') || 'text/csv' });
          var url = URL.createObjectURL(blob);
          var a = document.createElement('a');
          a.href = url;
          a.download = fileName(res, 'export.csv');
          a.hidden = true;
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
          show(Math.max(0, lines - 1));
          if (status) status.textContent = fill(link.getAttribute('data-done-text') || '{n}', shown, total);
          link.setAttribute('data-done', String(shown));
        });
      })
      .catch(function () {
        if (status) status.textContent = link.getAttribute('data-failed-text') || 'Export failed';
        link.setAttribute('data-failed', '1');
      })
      .then(function () {
        link.removeAttribute('aria-disabled');
        link.removeAttribute('data-busy');
      });
  }

  document.addEventListener('click', function (ev) {
    var link = ev.target && ev.target.closest ? ev.target.closest('a[data-export-link]') : null;
    if (!link || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    if (link.getAttribute('data-busy')) return;
    start(link);
  });
})();
