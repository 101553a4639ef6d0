// Scenarios of N activity rows for the benchmark, shaped like tests/fixtures/generate-large.mjs:
// sites × 12 months × 3 sources (electricity in kWh on a province's grid, natural gas in m³,
// diesel in L at 0.84 kg/L), deterministic, with every denominator so that all 16 KPIs compute.
// A classic script for the baseline page (window.generateScenario) and a CommonJS module for
// benches/run.mjs (require), so both sides load exactly the same scenario.
(function (root) {
  const PROVINCES = ['guangdong', 'beijing', 'shanghai', 'zhejiang', 'jiangsu', 'sichuan', 'hubei', 'shandong'];
  function generateScenario(n) {
    let seed = 20181231;
    const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const energy = [];
    for (let s = 1; energy.length < n; s += 1) {
      const site = `Store ${String(s).padStart(4, '0')}`;
      const grid = PROVINCES[s % PROVINCES.length];
      for (let m = 1; m <= 12 && energy.length < n; m += 1) {
        const period = `2018-${String(m).padStart(2, '0')}`;
        const rows = [
          { site, period, source: 'electricity', quantity: String(Math.round(8000 + next() * 12000)), unit: 'kWh', grid },
          { site, period, source: 'natural_gas', quantity: (100 + next() * 400).toFixed(1), unit: 'm3' },
          { site, period, source: 'diesel', quantity: String(Math.round(20 + next() * 80)), unit: 'L', density_kg_per_l: '0.84' },
        ];
        for (const r of rows) if (energy.length < n) energy.push(r);
      }
    }
    const sites = Math.ceil(n / 36);
    return {
      schema: 'esg-kpi-scenario/1',
      name: `Benchmark: ${n} activity rows`,
      period: '2018',
      organisation: { floor_area_m2: String(250 * sites), employees: String(12 * sites), revenue_rmb_million: String(30 * sites) },
      energy,
      water_m3: String(700 * sites),
      waste: { hazardous_t: '1.16', non_hazardous_t: String(2 * sites) },
      packaging_t: String(90 * sites),
    };
  }
  if (typeof module === 'object' && module.exports) module.exports = { generateScenario };
  else root.generateScenario = generateScenario;
})(typeof window !== 'undefined' ? window : globalThis);
