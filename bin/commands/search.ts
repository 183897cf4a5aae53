/**
 * `tokumei search <config.json>`: the optimal (or, for huge lattices, heuristic) transformation as
 * one JSON object on stdout (issue 3 contract). A bad config: a message on stderr and exit code 2.
 */
import { ConfigError, prepareSearch, runToEnd, searchProject } from '../../src/lib/engine';
import { loadProject } from '../load-project';

const usage = 'Usage: tokumei search <config.json>\n';

function isConfigError(error: unknown): error is Error {
	return error instanceof ConfigError || (error as { code?: string })?.code === 'BAD_CONFIG';
}

export async function run(args: string[]): Promise<number> {
	const [configPath, ...rest] = args;
	if (!configPath || rest.length > 0) {
		process.stderr.write(usage);
		return 2;
	}
	const started = performance.now();
	try {
		const project = await loadProject(configPath);
		const prepared = prepareSearch(project);
		const result = runToEnd(searchProject(prepared, project.config));
		const names = project.quasiIdentifiers.map((q) => q.name);
		const levels = result.levels ? Array.from(result.levels) : null;
		const output: Record<string, unknown> = {
			transformation: levels ? Object.fromEntries(names.map((name, i) => [name, levels[i]])) : null,
			levels,
			informationLoss: result.informationLoss,
			suppressedRecords: result.suppressedRecords,
			equivalenceClasses: result.equivalenceClasses,
			minClassSize: result.minClassSize,
			checkedTransformations: result.checked,
			latticeSize: result.latticeSize,
			optimal: result.optimal,
			elapsedMs: Math.round(performance.now() - started),
			quasiIdentifiers: names,
			qualityModel: prepared.quality.name
		};
		// Records suppressed by peculiar-value decisions are not analysed (as in the live session).
		if (project.keptRows) output.suppressedByDecision = project.suppressedByDecision;
		if ('heuristic' in result) output.heuristic = result.heuristic;
		process.stdout.write(JSON.stringify(output) + '\n');
		return 0;
	} catch (error) {
		if (isConfigError(error)) {
			process.stderr.write(`tokumei search: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
}
