export async function run(_args: string[]): Promise<number> {
	process.stderr.write('tokumei apply: not implemented yet\n');
	return 2;
}
