// Engine benchmark (`npm run bench:engine`): medians of the optimal search, data already loaded,
// plus the whole `tokumei search` process. ARX 3.9.2 on this machine kind (warm JVM), issue 3:
// adult k=5 Loss 0 % 37 ms, 5 % 914 ms; cup k=5 5 % 4.4 s; a cold `java` process for adult 1.6 s.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const arx = path.resolve(root, '../shared/datasets/arx');
const work = mkdtempSync(path.join(tmpdir(), 'tokumei-bench-'));
const entry = path.join(work, 'entry.ts');
writeFileSync(
	entry,
	`export { loadProjectFromConfig } from ${JSON.stringify(path.join(root, 'bin/load-project.ts'))};
export { parseProjectConfig } from ${JSON.stringify(path.join(root, 'src/lib/engine/config/project-config.ts'))};
export { prepareSearch, searchProject } from ${JSON.stringify(path.join(root, 'src/lib/engine/search/project-search.ts'))};
export { runToEnd } from ${JSON.stringify(path.join(root, 'src/lib/engine/search/optimal-search.ts'))};
`
);
const bundle = path.join(work, 'engine.mjs');
await build({
	entryPoints: [entry],
	outfile: bundle,
	bundle: true,
	platform: 'node',
	format: 'esm',
	logLevel: 'warning',
	banner: {
		js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
	}
});
const engine = await import(bundle);

function config(dataset, file, attributes, k, limit) {
	const dir = path.dirname(file);
	return engine.parseProjectConfig({
		tokumei: 1,
		data: { path: file, delimiter: ';' },
		attributes: Object.fromEntries(
			attributes.map((a) => [
				a,
				{ role: 'quasi-identifying', hierarchy: { path: path.join(dir, `${dataset}_hierarchy_${a}.csv`) } }
			])
		),
		privacy: [{ model: 'k-anonymity', k }],
		suppressionLimit: limit,
		quality: { measure: 'loss' }
	});
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** ARX's figures are for a warm JVM: the first `warmup` runs (JIT compilation) are not counted. */
async function benchSearch(name, cfg, runs, arxMs, warmup = 3) {
	const project = await engine.loadProjectFromConfig(cfg, path.dirname(cfg.data.path));
	for (let i = 0; i < warmup; i++) engine.runToEnd(engine.searchProject(engine.prepareSearch(project), cfg));
	const times = [];
	const cpu = [];
	let result;
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		const cpuStart = process.cpuUsage();
		const prepared = engine.prepareSearch(project);
		result = engine.runToEnd(engine.searchProject(prepared, cfg));
		times.push(performance.now() - start);
		const used = process.cpuUsage(cpuStart);
		cpu.push((used.user + used.system) / 1000);
	}
	const ms = median(times);
	// CPU time too: on a shared machine the wall clock includes waiting for a core.
	console.log(
		`${name.padEnd(30)} median ${ms.toFixed(1).padStart(8)} ms (cpu ${median(cpu).toFixed(0).padStart(5)} ms)   ARX ${String(arxMs).padStart(5)} ms   ratio ${(ms / arxMs).toFixed(2)}   checked ${result.checked}/${result.latticeSize}   loss ${result.informationLoss}`
	);
}

const adultQis = [
	'sex',
	'age',
	'race',
	'marital-status',
	'education',
	'native-country',
	'workclass',
	'occupation',
	'salary-class'
];
const adult = path.join(arx, 'adult/adult.csv');
const cupFile = path.join(arx, 'unverified-license/cup/cup.csv');
if (existsSync(adult)) {
	await benchSearch('adult 9 QIs Loss k=5, 0 %', config('adult', adult, adultQis, 5, 0), 21, 37, 10);
	await benchSearch('adult 9 QIs Loss k=5, 5 %', config('adult', adult, adultQis, 5, 0.05), 5, 914);
	const cfgFile = path.join(work, 'adult.json');
	writeFileSync(cfgFile, JSON.stringify(config('adult', adult, adultQis, 5, 0)));
	const times = [];
	for (let i = 0; i < 5; i++) {
		const start = performance.now();
		const run = spawnSync(process.execPath, [path.join(root, 'bin/tokumei.mjs'), 'search', cfgFile], {
			encoding: 'utf8'
		});
		times.push(performance.now() - start);
		if (run.status !== 0) throw new Error(run.stderr);
	}
	console.log(
		`${'process: tokumei search adult k=5'.padEnd(34)} median ${median(times).toFixed(1).padStart(8)} ms   target <800 ms (ARX cold java 1600 ms)`
	);
} else console.warn(`adult missing at ${adult}`);
if (existsSync(cupFile)) {
	const cupQis = ['ZIP', 'AGE', 'GENDER', 'INCOME', 'STATE', 'RAMNTALL', 'NGIFTALL', 'MINRAMNT'];
	await benchSearch('cup 8 QIs Loss k=5, 5 %', config('cup', cupFile, cupQis, 5, 0.05), 5, 4400, 2);
} else console.warn(`cup missing at ${cupFile}`);
