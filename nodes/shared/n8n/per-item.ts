/**
 * The one per-item path every node of this package uses: each input item is handled alone;
 * its output carries `pairedItem`; a bad item becomes a NodeOperationError with `itemIndex`
 * and a clerk's message, or — with "Continue On Fail" — an output item
 * (`{ error, details: { kind, errors: [{ field, message }] } }`, on the error output when the node has one) while the other items go on. Work for an item is written in its own transaction, so a
 * failed item leaves nothing behind.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';
import { NotFoundError, RuleViolation, ValidationError, type FieldProblem } from '../rules/errors';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

function isExecutionData(v: unknown): v is INodeExecutionData {
	return typeof v === 'object' && v !== null && 'json' in v && typeof (v as INodeExecutionData).json === 'object';
}

/** The field problems of an error, for webhooks' `400 { errors }` and import rejections. */
export function problemsOf(error: unknown): FieldProblem[] {
	if (error instanceof ValidationError) return error.problems;
	if (error instanceof RuleViolation || error instanceof NotFoundError) return [{ field: error.field ?? '', message: error.message }];
	return [];
}

/**
 * What kind of failure an item met, for a workflow to answer it: `invalid` input (400),
 * `refused` by a rule of the business (400), `not-found` (404), or `failed` — the store could
 * not do the work (500).
 */
export type FailureKind = 'invalid' | 'refused' | 'not-found' | 'failed';

export function failureKind(error: unknown): FailureKind {
	if (error instanceof ValidationError) return 'invalid';
	if (error instanceof RuleViolation) return 'refused';
	if (error instanceof NotFoundError) return 'not-found';
	return 'failed';
}

/** The output item of a failure under Continue On Fail: `error`, `details` and nothing else, so n8n routes it to the error output. */
export function failureJson(message: string, kind: FailureKind, errors: FieldProblem[] = []): IDataObject {
	return { error: message, details: { kind, errors: errors as unknown as IDataObject[] } };
}

/** A problem of the input (the clerk can correct it), not of the store. */
export function isClerkError(error: unknown): boolean {
	return error instanceof ValidationError || error instanceof RuleViolation || error instanceof NotFoundError;
}

export function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const err = error instanceof Error ? error : new Error(String(error));
	const nodeError = new NodeOperationError(ctx.getNode(), err.message, {
		itemIndex,
		description: isClerkError(error)
			? 'Correct the item and run again; nothing was written for it.'
			: 'The after-sales store could not complete the work; nothing was written for this item.',
	});
	// n8n swaps a message that mentions a system error code (ECONNREFUSED, EEXIST …) for a general
	// sentence; ours names the store's file or host, which is what the reader needs: keep it.
	nodeError.message = err.message;
	return nodeError;
}

/**
 * The output item of a failure under Continue On Fail, paired to the item(s) it stands for:
 * only `error` and `details`, so that n8n sends it to the error output when "On Error" is
 * "Continue (using error output)"; with "Continue" it stays in the main output.
 */
function failureItem(nodeError: NodeOperationError, error: unknown, pairedItem: IPairedItemData | IPairedItemData[]): INodeExecutionData {
	return { json: failureJson(nodeError.message, failureKind(error), problemsOf(error)), pairedItem };
}

export async function forEachItem(
	ctx: IExecuteFunctions,
	handle: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const result = await handle(i);
			for (const r of Array.isArray(result) ? result : [result]) {
				out.push(isExecutionData(r) ? { ...r, pairedItem: { item: i } } : { json: r, pairedItem: { item: i } });
			}
		} catch (error) {
			const nodeError = toNodeError(ctx, error, i);
			if (!ctx.continueOnFail()) throw nodeError;
			out.push(failureItem(nodeError, error, { item: i }));
		}
	}
	return out;
}

/**
 * The same failure path for work done on the whole input at once (an import, a dispatch run):
 * `handle` gives the output items (it opens the store itself, so that a store that cannot be
 * opened fails here too); a failure is one NodeOperationError, or — with Continue On Fail — one
 * error item paired to every input item, never the input passed through as if it had worked.
 */
export async function forWholeInput(ctx: IExecuteFunctions, handle: () => Promise<INodeExecutionData[]>): Promise<INodeExecutionData[]> {
	try {
		return await handle();
	} catch (error) {
		const nodeError = toNodeError(ctx, error, 0);
		if (!ctx.continueOnFail()) throw nodeError;
		return [failureItem(nodeError, error, pairedToAll(ctx))];
	}
}

/** Every input item, as the pairing of an output that stands for all of them. */
export function pairedToAll(ctx: IExecuteFunctions): IPairedItemData[] {
	return ctx.getInputData().map((_, item) => ({ item }));
}

/** Now as an ISO instant (UTC): the store's timestamps. */
export function nowIso(): string {
	return new Date().toISOString();
}

/**
 * A text parameter, trimmed. An expression that finds nothing gives `fallback`, never the text
 * "undefined" or "null".
 */
export function textParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback = ''): string {
	const v = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (v === undefined || v === null) return fallback;
	const s = String(v).trim();
	return s === '' ? fallback : s;
}
