export async function main(args: string[]): Promise<number> {
	process.stderr.write(`tokumei: unknown command ${args[0] ?? ''}\n`);
	return 2;
}
