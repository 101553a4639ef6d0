// The iframe host's script. The calculator's address comes from ?calculator=… (default: the
// hosted build next to this folder), with the language and, optionally, a scenario in its
// fragment (#lang=zh-Hant, #scenario=… as "Copy link" writes it).
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var src = new URL(params.get('calculator') || '../dist/index.html', location.href);
  if (params.get('lang')) src.hash = 'lang=' + encodeURIComponent(params.get('lang'));
  var frame = document.getElementById('calculator');
  var received = 0;
  window.addEventListener('message', function (e) {
    // Only the calculator's own origin, only its own messages.
    if (e.origin !== src.origin || e.source !== frame.contentWindow) return;
    var data = e.data;
    if (!data || typeof data !== 'object') return;
    received += 1;
    document.getElementById('received').textContent = String(received);
    if (data.type === 'esg-kpi:ready') {
      // The calculator started after our hello on `load`: say it again.
      frame.contentWindow.postMessage({ type: 'esg-kpi:hello' }, src.origin);
    } else if (data.type === 'esg-kpi:results') {
      var k = data.results && data.results.kpis && data.results.kpis.ghg_total_t;
      document.getElementById('total').textContent = k && k.display ? k.display : '—';
    } else if (data.type === 'esg-kpi:error') {
      document.getElementById('total').textContent = 'refused: ' + data.errors.map(function (x) { return x.message; }).join('; ');
    }
  });
  frame.addEventListener('load', function () {
    frame.contentWindow.postMessage({ type: 'esg-kpi:hello' }, src.origin);
  });
  document.getElementById('load').addEventListener('click', function () {
    frame.contentWindow.postMessage({
      type: 'esg-kpi:load',
      scenario: {
        organisation: { employees: '10', floor_area_m2: '1000' },
        energy: [{ site: 'Office', source: 'electricity', quantity: '100', unit: 'MWh', factor: { value: '0.5', unit: 'tCO2e/MWh', source: 'example' } }],
      },
    }, src.origin);
  });
  frame.src = src.href;
})();
