// The benchmark's baseline (issue 7): the same 16 KPIs from the same scenario JSON, in plain
// JavaScript with f64 arithmetic, no framework, no build step. It renders the same KPI table
// hooks as the widget (`data-kpi`, `data-input`) and recomputes on every `input` event.
//
// It covers what the built-in example and the benchmark's generated scenarios use: inline
// CO2e or per-gas factors, the fuel presets, and Mainland electricity by province or regional
// grid (NDRC 2015 combined margin, the engine's default edition). Anything else is reported as
// an error next to the field; the KPI table then keeps the last valid figures, as the widget does.
//
// Load another scenario: `window.loadScenario(obj)` (returns { kpis: { id: display } }), or
// open the page as `index.html#rows=N` for a generated scenario of N activity rows (generate.js).
'use strict';
(function () {
  // ---- Constants, copied from the engine (values only; see the files named) ----------------
  // crates/engine/src/units.rs: GB/T 2589-2008 Appendix A net calorific values, kJ per m³ / kg;
  // towngas 48 MJ per unit.
  const NCV = { natural_gas: 38931, lpg: 50179, diesel: 42652, petrol: 43070, towngas: 48000 };
  const PHYSICAL = { natural_gas: 'm3', towngas: 'unit', lpg: 'kg', diesel: 'kg', petrol: 'kg' };
  // crates/engine/src/library.rs: fuel presets (default_fuel_factor), IPCC 2006 Vol. 2 Ch. 2 Table 2.4
  // stationary commercial/institutional, kg per TJ (NCV basis); towngas-2017 kg CO2e per unit.
  const PRESETS = {
    'ng-ipcc2006-default': { gases: { CO2: 56100, CH4: 5, N2O: 0.1 }, mass: 'kg', per: 'tj' },
    'diesel-ipcc2006-commercial': { gases: { CO2: 74100, CH4: 10, N2O: 0.6 }, mass: 'kg', per: 'tj' },
    'petrol-ipcc2006-commercial': { gases: { CO2: 69300, CH4: 10, N2O: 0.6 }, mass: 'kg', per: 'tj' },
    'lpg-ipcc2006-commercial': { gases: { CO2: 63100, CH4: 5, N2O: 0.1 }, mass: 'kg', per: 'tj' },
    'towngas-2017': { gases: { CO2e: 0.592 }, mass: 'kg', per: 'unit' },
  };
  const DEFAULT_PRESET = {
    natural_gas: 'ng-ipcc2006-default', diesel: 'diesel-ipcc2006-commercial',
    petrol: 'petrol-ipcc2006-commercial', lpg: 'lpg-ipcc2006-commercial', towngas: 'towngas-2017',
  };
  // crates/engine/src/library.rs GwpSet::DEFAULT (AR5, 100-year).
  const GWP = { CO2: 1, CO2e: 1, CH4: 28, N2O: 265 };
  // crates/engine/src/library.rs GRID_TABLES cn-2015-om / cn-2015-bm, t CO2/MWh, regions in the order
  // North, Northeast, East, Central, Northwest, South; the default edition cn-2015-cm is
  // 0.5 × OM + 0.5 × BM.
  const OM_2015 = [1.0416, 1.1291, 0.8112, 0.9515, 0.9457, 0.8959];
  const BM_2015 = [0.4780, 0.4315, 0.5945, 0.3500, 0.3162, 0.3648];
  const REGIONS = ['cn-north', 'cn-northeast', 'cn-east', 'cn-central', 'cn-northwest', 'cn-south'];
  // crates/engine/src/library.rs PROVINCES (pinyin ids) → region index.
  const PROVINCE_REGION = {
    beijing: 0, tianjin: 0, hebei: 0, shanxi: 0, shandong: 0, inner_mongolia_west: 0,
    liaoning: 1, jilin: 1, heilongjiang: 1, inner_mongolia_east: 1,
    shanghai: 2, jiangsu: 2, zhejiang: 2, anhui: 2, fujian: 2,
    henan: 3, hubei: 3, hunan: 3, jiangxi: 3, sichuan: 3, chongqing: 3,
    shaanxi: 4, gansu: 4, qinghai: 4, ningxia: 4, xinjiang: 4,
    guangdong: 5, guangxi: 5, yunnan: 5, guizhou: 5, hainan: 5,
  };
  const KJ_PER = { kwh: 3600, mwh: 3600000, gj: 1e6, tj: 1e9 };

  const KPIS = [
    ['ghg_total_t', 'Total GHG emissions (Scope 1 and 2)', 't CO2e', 'A1.2'],
    ['ghg_scope1_t', 'Direct GHG emissions (Scope 1)', 't CO2e', 'A1.2'],
    ['ghg_scope2_t', 'Indirect GHG emissions (Scope 2)', 't CO2e', 'A1.2'],
    ['ghg_intensity_t_per_m2', 'GHG emissions per m² of floor area', 't CO2e/m²', 'A1.2'],
    ['hazardous_waste_t', 'Hazardous waste', 't', 'A1.3'],
    ['hazardous_waste_t_per_employee', 'Hazardous waste per employee', 't/person', 'A1.3'],
    ['non_hazardous_waste_t', 'Non-hazardous waste', 't', 'A1.4'],
    ['non_hazardous_waste_t_per_employee', 'Non-hazardous waste per employee', 't/person', 'A1.4'],
    ['energy_total_mwh', 'Total energy consumption', 'MWh', 'A2.1'],
    ['energy_direct_mwh', 'Direct energy consumption', 'MWh', 'A2.1'],
    ['energy_indirect_mwh', 'Indirect energy consumption', 'MWh', 'A2.1'],
    ['energy_mwh_per_employee', 'Energy consumption per employee', 'MWh/person', 'A2.1'],
    ['water_m3', 'Water consumption', 'm³', 'A2.2'],
    ['water_m3_per_employee', 'Water consumption per employee', 'm³/person', 'A2.2'],
    ['packaging_t', 'Packaging material used', 't', 'A2.5'],
    ['packaging_t_per_rmb_million', 'Packaging material per RMB million of revenue', 't/RMB million', 'A2.5'],
  ];

  // The built-in example, crates/engine/src/example_2018.json, verbatim.
  const EXAMPLE = {
    "schema": "esg-kpi-scenario/1",
    "name": "2018 ESG report (小米集團) — environmental KPI table",
    "period": "2018",
    "organisation": {
      "floor_area_m2": "145484",
      "employees": "12016",
      "revenue_rmb_million": "176436"
    },
    "energy": [
      {
        "site": "Mainland offices and Mi Home stores (all sites)",
        "source": "natural_gas",
        "quantity": "1389.45",
        "unit": "MWh",
        "factor": {
          "value": "0.195538",
          "unit": "tCO2e/MWh",
          "source": "Implied by the report: 271.69 t ÷ 1,389.45 MWh = 0.195538 t CO2e/MWh (54.32 t/TJ). The IPCC 2006 lower bound for natural gas, 54.3 t CO2/TJ, gives 271.61 t (−0.03%); the IPCC default 56.1 t/TJ would give 280.61 t."
        }
      },
      {
        "site": "Mainland offices and Mi Home stores (all sites)",
        "source": "electricity",
        "quantity": "17467.47",
        "unit": "MWh",
        "factor": {
          "value": "0.7340433",
          "unit": "tCO2e/MWh",
          "source": "Implied by the report: 12,821.88 t ÷ 17,467.47 MWh = 0.7340433 t CO2e/MWh, a blend of NDRC's 2015 regional grid baseline factors over sites on several grids (it lies between the North, 0.7598, and East, 0.7028, combined margins). To six places, 0.734043, it gives 12,821.87 t."
        }
      }
    ],
    "water_m3": "81345.33",
    "waste": {
      "hazardous_t": "1.16",
      "non_hazardous_t": "1027.17"
    },
    "packaging_t": "65281.37",
    "published": {
      "ghg_total_t": "13093.57",
      "ghg_scope1_t": "271.69",
      "ghg_scope2_t": "12821.88",
      "ghg_intensity_t_per_m2": "0.09",
      "hazardous_waste_t": "1.16",
      "hazardous_waste_t_per_employee": "0.000097",
      "non_hazardous_waste_t": "1027.17",
      "non_hazardous_waste_t_per_employee": "0.09",
      "energy_total_mwh": "18856.92",
      "energy_direct_mwh": "1389.45",
      "energy_indirect_mwh": "17467.47",
      "energy_mwh_per_employee": "1.32",
      "water_m3": "81345.33",
      "water_m3_per_employee": "6.77",
      "packaging_t": "65281.37",
      "packaging_t_per_rmb_million": "0.37"
    },
    "notes": {
      "organisation.floor_area_m2": "Not published. Implied by the report's 0.09 t CO2e/m²: 13,093.57 ÷ 0.09 ≈ 145,484 m². Any area from 137,827 to 154,042 m² prints as 0.09.",
      "organisation.employees": "Not published for this scope (the report says “over 16,000” group-wide). Implied by water, 6.77 m³/person: 81,345.33 ÷ 6.77 ≈ 12,016 (12,007–12,024); hazardous and non-hazardous waste per person agree. The published energy per person, 1.32 MWh, implies ≈ 14,286 instead, so energy per employee is computed as 1.57 and shown beside the published 1.32.",
      "organisation.revenue_rmb_million": "Not published in the report. Implied by 0.37 t of packaging per RMB million: 65,281.37 ÷ 0.37 ≈ 176,436 (174,084–178,853).",
      "energy[0].quantity": "The report's direct energy (natural gas), converted under GB/T 2589-2008.",
      "energy[1].quantity": "The report's indirect energy (purchased electricity).",
      "water_m3": "As published (municipal tap water, 1 m³ = 1 t).",
      "waste.hazardous_t": "As published: toner cartridges, fluorescent tubes, lead-acid batteries.",
      "waste.non_hazardous_t": "As published: office and domestic waste.",
      "packaging_t": "As published: packaging of phones, TVs and main ecosystem products."
    }
  };

  // ---- Reading numbers and factors --------------------------------------------------------
  /** A number from a JSON number or string ("1,389.45"); undefined when absent; NaN when bad. */
  function num(v) {
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'number') return v;
    const t = String(v).trim().replace(/,/g, '');
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
  }

  /** `tCO2e/MWh`, `kgCO2e/m3`, `kg/TJ` … → { mass: 'kg'|'t', per }. */
  function factorUnit(text) {
    const m = /^(kg|t)(co2e?|co2-e|co2eq)?\/(kwh|mwh|gj|tj|m3|m³|kg|l|unit)$/.exec(String(text).replace(/\s+/g, '').toLowerCase());
    return m && { mass: m[1], per: m[3] === 'm³' ? 'm3' : m[3] };
  }

  class InputError extends Error {
    constructor(path, message) { super(message); this.path = path; }
  }

  /** The factor of a row: { gases: { gas: value }, mass, per }. */
  function rowFactor(row, at) {
    const f = row.factor;
    if (f === undefined || f === null) {
      if (row.source === 'electricity') {
        const g = String(row.grid ?? '').trim().toLowerCase();
        const r = g in PROVINCE_REGION ? PROVINCE_REGION[g] : REGIONS.indexOf(g);
        if (r < 0) throw new InputError(`${at}.grid`, g ? `unknown grid “${g}”` : 'electricity needs a grid or a factor');
        return { gases: { CO2: 0.5 * OM_2015[r] + 0.5 * BM_2015[r] }, mass: 't', per: 'mwh' };
      }
      const preset = PRESETS[DEFAULT_PRESET[row.source]];
      if (!preset) throw new InputError(`${at}.factor`, 'no emission factor');
      return preset;
    }
    if (typeof f === 'string') {
      if (PRESETS[f]) return PRESETS[f];
      throw new InputError(`${at}.factor`, `factor “${f}” is not in this baseline's small library`);
    }
    const unit = factorUnit(f.unit);
    if (!unit) throw new InputError(`${at}.factor.unit`, `unknown factor unit “${f.unit}”`);
    const gases = {};
    if (f.value !== undefined) gases.CO2e = num(f.value);
    for (const [k, g] of [['co2', 'CO2'], ['ch4', 'CH4'], ['n2o', 'N2O']]) if (f[k] !== undefined) gases[g] = num(f[k]);
    for (const v of Object.values(gases)) if (!(v >= 0)) throw new InputError(`${at}.factor.value`, 'not a number');
    if (!Object.keys(gases).length) throw new InputError(`${at}.factor.value`, 'the factor has no value');
    return { gases, ...unit };
  }

  /** One energy row → { direct, mwh, t } (t CO2e). */
  function energyLine(row, i) {
    const at = `energy[${i}]`;
    const q = num(row.quantity);
    if (!(q >= 0)) throw new InputError(`${at}.quantity`, q === undefined ? 'quantity missing' : 'not a number');
    const source = row.source;
    const unit = String(row.unit ?? '').trim().toLowerCase().replace('m³', 'm3');
    const ncvKey = { m3: 'ncv_kj_per_m3', kg: 'ncv_kj_per_kg', unit: 'ncv_kj_per_unit' }[PHYSICAL[source]];
    const ncv = ncvKey && row[ncvKey] !== undefined ? num(row[ncvKey]) : NCV[source];
    const density = num(row.density_kg_per_l);
    let kj, physical, litres;
    if (KJ_PER[unit] && unit !== 'tj') {
      kj = q * KJ_PER[unit];
      physical = ncv ? kj / ncv : undefined;
      litres = physical !== undefined && density > 0 && PHYSICAL[source] === 'kg' ? physical / density : undefined;
    } else if (source !== 'electricity' && (unit === PHYSICAL[source] || (unit === 'l' && PHYSICAL[source] === 'kg'))) {
      if (unit === 'l') {
        if (!(density > 0)) throw new InputError(`${at}.density_kg_per_l`, 'litres need the density');
        physical = q * density; litres = q;
      } else {
        physical = q; litres = unit === 'kg' && density > 0 ? q / density : undefined;
      }
      kj = physical * ncv;
    } else {
      throw new InputError(`${at}.unit`, `unit “${row.unit}” does not fit ${source}`);
    }
    const f = rowFactor(row, at);
    let basis;
    if (KJ_PER[f.per]) basis = kj / KJ_PER[f.per];
    else if (f.per === 'l') basis = litres;
    else if (f.per === PHYSICAL[source]) basis = physical;
    if (basis === undefined) throw new InputError(`${at}.factor.unit`, `a factor per ${f.per} does not fit ${source}`);
    const scale = f.mass === 'kg' ? 1e-3 : 1;
    let t = 0;
    for (const g in f.gases) t += basis * f.gases[g] * scale * GWP[g];
    return { direct: source !== 'electricity', mwh: kj / 3600000, t };
  }

  /** The 16 KPIs: { id: number | null }. Throws InputError on a bad input. */
  function calculate(s) {
    let s1 = 0, s2 = 0, direct = 0, indirect = 0;
    const rows = s.energy || [];
    for (let i = 0; i < rows.length; i += 1) {
      const l = energyLine(rows[i], i);
      if (l.direct) { s1 += l.t; direct += l.mwh; } else { s2 += l.t; indirect += l.mwh; }
    }
    const o = s.organisation || {};
    const field = (v, path) => {
      const n = num(v);
      if (Number.isNaN(n)) throw new InputError(path, 'not a number');
      return n;
    };
    const area = field(o.floor_area_m2, 'organisation.floor_area_m2');
    const staff = field(o.employees, 'organisation.employees');
    const revenue = field(o.revenue_rmb_million, 'organisation.revenue_rmb_million');
    const w = s.waste || {};
    const haz = field(w.hazardous_t, 'waste.hazardous_t');
    const nonHaz = field(w.non_hazardous_t, 'waste.non_hazardous_t');
    const water = field(s.water_m3, 'water_m3');
    const pack = field(s.packaging_t, 'packaging_t');
    const per = (n, d) => (n === undefined || !d ? null : n / d);
    const total = s1 + s2;
    return {
      ghg_total_t: total, ghg_scope1_t: s1, ghg_scope2_t: s2, ghg_intensity_t_per_m2: per(total, area),
      hazardous_waste_t: haz ?? null, hazardous_waste_t_per_employee: per(haz, staff),
      non_hazardous_waste_t: nonHaz ?? null, non_hazardous_waste_t_per_employee: per(nonHaz, staff),
      energy_total_mwh: direct + indirect, energy_direct_mwh: direct, energy_indirect_mwh: indirect,
      energy_mwh_per_employee: per(direct + indirect, staff),
      water_m3: water ?? null, water_m3_per_employee: per(water, staff),
      packaging_t: pack ?? null, packaging_t_per_rmb_million: per(pack, revenue),
    };
  }

  /** As the engine displays: two decimals with thousands separators; below 0.01, two
   *  significant figures (crates/engine/src/number.rs `display`), half away from zero. */
  function display(v) {
    if (v === null || v === undefined || !Number.isFinite(v)) return '—';
    const a = Math.abs(v);
    if (a !== 0 && a < 0.01) {
      const r = Number(a.toPrecision(2));
      let places = 1;
      for (let x = r; x < 1 && places <= 28; x *= 10) places += 1;
      return (v < 0 ? '-' : '') + r.toFixed(places);
    }
    const cents = Math.round(a * 100 * (1 + 4 * Number.EPSILON));
    const text = (cents / 100).toFixed(2);
    const [int, frac] = text.split('.');
    const signed = (v < 0 && cents !== 0 ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${signed}.${frac}`;
  }

  // ---- The page -------------------------------------------------------------------------
  const SHOWN_ROWS = 50; // like the widget's pages of 50 energy lines
  let scenario = null;
  let page = 0; // which page of energy lines the inputs show
  let shown = {}; // id → the text in the table
  const $ = (sel) => document.querySelector(sel);
  const esc = (t) => String(t ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

  function getPath(obj, path) {
    return path.split(/\.|\[(\d+)\]\.?/).filter(Boolean).reduce((o, k) => (o == null ? undefined : o[k]), obj);
  }
  function setPath(obj, path, value) {
    const keys = path.split(/\.|\[(\d+)\]\.?/).filter(Boolean);
    let o = obj;
    for (const k of keys.slice(0, -1)) o = o[k] ??= {};
    o[keys[keys.length - 1]] = value;
  }

  function field(path, label, unit) {
    const id = `in-${path.replace(/[^a-z0-9]/gi, '-')}`;
    return `<div class="field"><label for="${id}">${esc(label)}</label> <input id="${id}" type="text" inputmode="decimal" ` +
      `autocomplete="off" data-input="${path}" value="${esc(getPath(scenario, path))}"> <span class="unit">${esc(unit)}</span>` +
      `<p class="error" hidden data-error-for="${path}"></p></div>`;
  }

  function renderInputs() {
    const rows = scenario.energy || [];
    const pages = Math.max(1, Math.ceil(rows.length / SHOWN_ROWS));
    page = Math.min(page, pages - 1);
    const start = page * SHOWN_ROWS;
    // Each line with a button that removes it, named as the widget names its own.
    const lines = rows.slice(start, start + SHOWN_ROWS).map((r, j) =>
      field(`energy[${start + j}].quantity`, `${r.site ?? ''} · ${r.source}${r.period ? ` · ${r.period}` : ''}`, r.unit) +
      `<button type="button" data-remove="${start + j}" aria-label="Remove energy line ${start + j + 1}">Remove</button>`).join('');
    // A pager like the widget's (benches/run.mjs clicks "Next →" with 100,000 rows loaded).
    const pager = rows.length > SHOWN_ROWS
      ? `<p class="pager" data-testid="energy-pager"><button type="button" data-page="${page - 1}"${page === 0 ? ' disabled' : ''}>← Previous</button> ` +
        `Lines ${start + 1}–${Math.min(start + SHOWN_ROWS, rows.length)} of ${rows.length} ` +
        `<button type="button" data-page="${page + 1}"${page + 1 >= pages ? ' disabled' : ''}>Next →</button></p>`
      : '';
    $('#inputs').innerHTML =
      '<fieldset><legend>Organisation</legend>' +
      field('organisation.floor_area_m2', 'Floor area', 'm²') + field('organisation.employees', 'Employees', 'people') +
      field('organisation.revenue_rmb_million', 'Revenue', 'RMB million') + '</fieldset>' +
      `<fieldset><legend>Energy (${rows.length} lines)</legend>${pager}${lines}</fieldset>` +
      '<fieldset><legend>Waste, water, packaging</legend>' +
      field('waste.hazardous_t', 'Hazardous waste', 't') + field('waste.non_hazardous_t', 'Non-hazardous waste', 't') +
      field('water_m3', 'Water', 'm³') + field('packaging_t', 'Packaging', 't') + '</fieldset>';
  }

  function renderTable() {
    $('#kpis tbody').innerHTML = KPIS.map(([id, name, unit, hkex]) =>
      `<tr><th scope="row">${esc(name)}</th><td class="num"><span data-kpi="${id}"></span></td><td>${esc(unit)}</td><td>${hkex}</td></tr>`).join('');
    shown = {};
  }

  /** Recomputes; updates only the cells whose text changed. Returns { kpis } or { error }. */
  function update() {
    for (const e of document.querySelectorAll('[data-error-for]')) { e.hidden = true; e.textContent = ''; }
    let values;
    try {
      values = calculate(scenario);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const at = document.querySelector(`[data-error-for="${e.path}"]`);
      if (at) { at.hidden = false; at.textContent = e.message; }
      $('#status').textContent = `${e.path}: ${e.message} (the table keeps the last valid figures)`;
      return { error: { path: e.path, message: e.message } };
    }
    $('#status').textContent = '';
    const kpis = {};
    for (const [id] of KPIS) {
      const text = display(values[id]);
      kpis[id] = text;
      if (shown[id] !== text) {
        document.querySelector(`[data-kpi="${id}"]`).textContent = text;
        shown[id] = text;
      }
    }
    return { kpis };
  }

  function loadScenario(obj) {
    scenario = typeof obj === 'string' ? JSON.parse(obj) : structuredClone(obj);
    page = 0;
    $('#title').textContent = scenario.name || 'Scenario';
    renderInputs();
    renderTable();
    return update();
  }

  function start() {
    $('#inputs').addEventListener('submit', (e) => e.preventDefault());
    $('#inputs').addEventListener('click', (e) => {
      const b = e.target.closest && e.target.closest('button[data-page]');
      if (b && !b.disabled) { page = Number(b.dataset.page); renderInputs(); }
      const r = e.target.closest && e.target.closest('button[data-remove]');
      if (r) { scenario.energy.splice(Number(r.dataset.remove), 1); renderInputs(); update(); }
    });
    $('#inputs').addEventListener('input', (e) => {
      const path = e.target.dataset && e.target.dataset.input;
      if (!path) return;
      setPath(scenario, path, e.target.value);
      update();
    });
    const rows = /(?:^#|&)rows=(\d+)/.exec(location.hash);
    if (rows) {
      const s = document.createElement('script');
      s.src = 'generate.js';
      s.onload = () => { loadScenario(window.generateScenario(Number(rows[1]))); dispatchEvent(new Event('baseline-ready')); };
      document.head.append(s);
    } else {
      loadScenario(EXAMPLE);
      dispatchEvent(new Event('baseline-ready'));
    }
  }

  window.loadScenario = loadScenario;
  window.BaselineKpi = { calculate, display, load: loadScenario, example: () => structuredClone(EXAMPLE) };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
