// Risk benchmarks (issue 4), medians of warm runs in Node:
//   1. the risk summary of raw adult with 9 QIs (classes, histogram, prosecutor/journalist/marketer,
//      population uniqueness with Dankar's rule, fk/Fk and individual risk, k-violations), the
//      figures ARX's risk view shows (ARX: 20–35 ms warm);
//   2. SUDA2 on adult with all 9 keys;
//   3. a risk refresh for one transformation of a synthetic 1,000,000 rows × 8 QIs table:
//      generalize the codes, count class sizes, histogram, prosecutor risk, k-violations and
//      population uniqueness (Dankar's rule at sampling fraction 0.1).
// The engine is bundled on the fly with esbuild (the CLI bundle only exports `main`).
import { build } from 'esbuild';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(mkdtempSync(path.join(tmpdir(), 'tokumei-bench-')), 'risk-engine.mjs');
await build({
	stdin: {
		contents: `
			export { analyzeRisk } from './src/lib/engine/risk/risk-analysis';
			export { suda2 } from './src/lib/engine/risk/suda2';
			export { refreshRisk } from './src/lib/engine/risk/risk-refresh';
			export { encodeCsvText } from './src/lib/engine/table/csv';
		`,
		resolveDir: root,
		loader: 'ts'
	},
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	outfile: out,
	logLevel: 'warning'
});
const engine = await import(pathToFileURL(out).href);

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function time(label, runs, fn) {
	for (let i = 0; i < Math.min(3, runs); i++) fn(); // warm-up (JIT)
	const samples = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		fn();
		samples.push(performance.now() - start);
	}
	const m = median(samples);
	console.log(`${label.padEnd(58)} median ${m.toFixed(2).padStart(9)} ms  (${runs} runs)`);
	return m;
}

const adultFile = path.resolve(root, '../shared/datasets/arx/adult/adult.csv');
if (existsSync(adultFile)) {
	const adult = engine.encodeCsvText(readFileSync(adultFile, 'utf8'), ';');
	const keys = adult.columns.map((c) => ({ name: c.name, codes: c.codes, cardinality: c.values.length }));
	time('risk summary, adult 9 QIs (no SUDA2, no attribute analysis)', 30, () =>
		engine.analyzeRisk({
			rowCount: adult.rowCount,
			keys,
			population: { samplingFraction: 0.1 },
			suda: false,
			attributeCombinations: 0
		})
	);
	time('SUDA2, adult, all 9 keys', 7, () =>
		engine.suda2(
			keys.map((k) => k.codes),
			adult.rowCount
		)
	);
	time('full analysis incl. SUDA2 and QI pairs, adult 9 QIs', 5, () =>
		engine.analyzeRisk({ rowCount: adult.rowCount, keys, population: { samplingFraction: 0.1 } })
	);
} else {
	console.warn(`adult benchmarks skipped: ${adultFile} is absent`);
}

// Synthetic 1M × 8: skewed code distributions so the table has classes of every size.
const rows = 1_000_000;
const cardinalities = [2, 90, 5, 7, 16, 40, 8, 14];
let seed = 42;
const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const columns = cardinalities.map((card) => {
	const codes = new Int32Array(rows);
	for (let i = 0; i < rows; i++) codes[i] = Math.floor(card * random() ** 2);
	return codes;
});
// One transformation: halve every code (a two-level hierarchy), as a level lookup per row.
const levelMaps = cardinalities.map((card) => Int32Array.from({ length: card }, (_, c) => c >> 1));
const generalized = columns.map(() => new Int32Array(rows));
time('risk refresh, 1,000,000 rows × 8 QIs, one transformation', 7, () => {
	for (let q = 0; q < columns.length; q++) {
		const from = columns[q];
		const to = generalized[q];
		const map = levelMaps[q];
		for (let i = 0; i < rows; i++) to[i] = map[from[i]];
	}
	engine.refreshRisk(
		generalized,
		cardinalities.map((c) => (c + 1) >> 1),
		rows,
		{ population: { samplingFraction: 0.1 } }
	);
});
