import { execFileSync } from 'node:child_process';

/**
 * Tests that exercise the workbench on the sample data need static/sample/, which is generated
 * (deterministically) rather than committed. A fresh clone has none yet, so make it before any test runs.
 */
export default function setup(): void {
	execFileSync(process.execPath, ['scripts/generate-sample.mjs', '--if-missing'], { stdio: 'inherit' });
}
