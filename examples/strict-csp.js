// The strict-CSP page's own script (external: the policy forbids inline scripts).
(function () {
  'use strict';
  var w = document.getElementById('widget');
  var show = function (r) {
    var k = r && r.kpis && r.kpis.ghg_total_t;
    document.getElementById('total').textContent = k && k.display ? k.display : '—';
  };
  show(w.results);
  w.addEventListener('kpi-change', function (e) { show(e.detail); });
})();
