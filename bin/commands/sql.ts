export async function run(_args: string[]): Promise<number> {
	process.stderr.write('tokumei sql: not implemented yet\n');
	return 2;
}
