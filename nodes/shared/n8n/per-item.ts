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

function isClerkError(error: unknown): boolean {
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
			// Only `error`, `message` and `details`: n8n then sends the item to the error output when
			// "On Error" is "Continue (using error output)"; with "Continue" it stays in the main output.
			out.push({
				json: failureJson(nodeError.message, failureKind(error), problemsOf(error)),
				pairedItem: { item: i },
			});
		}
	}
	return out;
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
