// The intranet page's own script: a live summary of both widgets, fed by their `kpi-change`
// events (and their `results` property, for the figures already there when this runs).
(function () {
  'use strict';
  var widgets = Array.prototype.slice.call(document.querySelectorAll('esg-kpi-calculator'));
  var latest = {};
  function figure(results, id) {
    var k = results && results.kpis && results.kpis[id];
    return k && k.display ? k.display : '—';
  }
  function cell(text, kpi) {
    var td = document.createElement('td');
    td.textContent = text;
    if (kpi) td.dataset.summaryKpi = kpi;
    return td;
  }
  function render() {
    // Built with textContent: nothing from a widget is ever parsed as HTML.
    var rows = widgets.map(function (w) {
      var r = latest[w.id];
      var tr = document.createElement('tr');
      tr.dataset.summary = w.id;
      var th = document.createElement('th');
      th.textContent = w.dataset.title;
      tr.append(th, cell(figure(r, 'ghg_total_t'), 'ghg_total_t'), cell(figure(r, 'energy_total_mwh'), 'energy_total_mwh'));
      return tr;
    });
    document.getElementById('summary-rows').replaceChildren.apply(document.getElementById('summary-rows'), rows);
    document.getElementById('summary-updates').textContent = String(updates);
  }
  var updates = 0;
  widgets.forEach(function (w) {
    latest[w.id] = w.results;
    w.addEventListener('kpi-change', function (e) {
      updates += 1;
      latest[w.id] = e.detail;
      render();
    });
    w.addEventListener('input-error', function (e) {
      document.getElementById('summary-error').textContent =
        w.dataset.title + ': ' + e.detail.errors.map(function (x) { return x.path + ' — ' + x.message; }).join('; ');
    });
  });
  render();
})();
