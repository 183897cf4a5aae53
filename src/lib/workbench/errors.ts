import * as Comlink from 'comlink';

/**
 * Errors crossing the worker boundary lose their class (`instanceof` is false on the other side),
 * so every error the UI must react to carries a string `code`.
 */
export class EngineError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'EngineError';
	}
}

export function errorCode(error: unknown): string {
	if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
		return error.code;
	return 'UNKNOWN';
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

interface SerializedError {
	message: string;
	name: string;
	code: string;
	stack?: string;
}

/**
 * Comlink's default `throw` handler keeps only name, message and stack. This one also keeps `code`,
 * and rebuilds an EngineError on the receiving side. Install it in the worker and on the page.
 */
export function installErrorTransfer(): void {
	const original = Comlink.transferHandlers.get('throw');
	if (!original) throw new Error('comlink has no "throw" transfer handler to extend');
	Comlink.transferHandlers.set('throw', {
		canHandle: original.canHandle,
		serialize(thrown: unknown): [unknown, Transferable[]] {
			const value = (thrown as { value: unknown }).value;
			const error: SerializedError = {
				message: errorMessage(value),
				name: value instanceof Error ? value.name : 'Error',
				code: errorCode(value),
				stack: value instanceof Error ? value.stack : undefined
			};
			return [error, []];
		},
		deserialize(serialized: unknown): never {
			const s = serialized as SerializedError;
			const error = new EngineError(s.code, s.message);
			if (s.stack) error.stack = s.stack;
			throw error;
		}
	});
}
