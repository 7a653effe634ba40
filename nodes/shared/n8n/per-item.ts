/**
 * The one per-item path every node of this package uses: each input item is handled alone;
 * its output carries `pairedItem`; a bad item becomes a NodeOperationError with `itemIndex`
 * and a clerk's message, or — with "Continue On Fail" — an output item
 * (`{ error, details: { kind, errors: [{ field, message }] } }`, on the error output when the node has one) while the other items go on. Work for an item is written in its own transaction, so a
 * failed item leaves nothing behind.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type IPairedItemData } from 'n8n-workflow';
import { NotFoundError, RuleViolation, ValidationError, fieldError, plainNumber, shown, type FieldProblem } from '../rules/errors';
import { label } from '../rules/fields';
import { isText, notTextMessage } from '../rules/records';

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

export async function forEachItem(ctx: IExecuteFunctions, handle: (itemIndex: number) => Promise<ItemResult>): Promise<INodeExecutionData[]> {
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

/**
 * Items read one by one, then worked on together (Compute Tile Stock: one quote for all good
 * lines). An item that cannot be read, or that the work refuses (`reject`), fails alone on the
 * same path as `forEachItem`: the node's error without Continue On Fail, else its own error item.
 */
export class ItemBatch<T> {
	readonly good: Array<{ item: number; value: T }> = [];
	private readonly failed: Array<{ item: number; error: unknown }> = [];

	constructor(private readonly ctx: IExecuteFunctions) {}

	add(item: number, value: T): void {
		this.good.push({ item, value });
	}

	/** Takes item `item` out of the good ones: it fails with `error`. */
	reject(item: number, error: unknown): void {
		const at = this.good.findIndex((g) => g.item === item);
		if (at >= 0) this.good.splice(at, 1);
		this.failed.push({ item, error });
	}

	/** The failures as error items in input order; without Continue On Fail the first one is thrown. */
	failureItems(): INodeExecutionData[] {
		const failed = [...this.failed].sort((a, b) => a.item - b.item);
		if (failed.length && !this.ctx.continueOnFail()) throw toNodeError(this.ctx, failed[0].error, failed[0].item);
		return failed.map((f) => failureItem(toNodeError(this.ctx, f.error, f.item), f.error, { item: f.item }));
	}
}

/** Reads every input item with `read`; what cannot be read is a failure of that item alone. */
export function readEachItem<T>(ctx: IExecuteFunctions, read: (itemIndex: number) => T): ItemBatch<T> {
	const batch = new ItemBatch<T>(ctx);
	const items = ctx.getInputData();
	for (let i = 0; i < items.length; i++) {
		try {
			batch.add(i, read(i));
		} catch (error) {
			batch.reject(i, error);
		}
	}
	return batch;
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
 * "undefined" or "null"; one that gives an object or a list is refused on the parameter.
 */
export function textParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback = ''): string {
	const v = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (v === undefined || v === null) return fallback;
	// An object or a list (from an expression) is no text: String() would give "[object Object]",
	// or throw a TypeError for { toString: "x" }.
	if (!isText(v)) throw fieldError(name, notTextMessage(label(name), v));
	const s = String(v).trim();
	return s === '' ? fallback : s;
}

/**
 * A collection parameter (filters, fees, weights …): its values must be plain — text, a number,
 * yes/no, or a list of those (a multi-choice filter). A value an expression made an object or
 * a list of objects is refused on its own field instead of reaching a rule or the store as
 * "[object Object]" (or a TypeError for { toString: "x" }).
 */
export function collectionParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, lists: string[] = []): IDataObject {
	const v = ctx.getNodeParameter(name, itemIndex, {}) as unknown;
	if (v === undefined || v === null || v === '') return {};
	if (typeof v !== 'object' || Array.isArray(v))
		throw fieldError(name, `${label(name)}: is not a set of fields; expected the fields of ${name} one by one`);
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(v as IDataObject)) {
		if (lists.includes(key)) {
			// A multi-choice field: the list picked, or text such as "open, replied" from an expression.
			if (Array.isArray(value) && value.every((x) => typeof x === 'string')) out[key] = value;
			else if (typeof value === 'string') out[key] = value.split(/[,，\s]+/).filter(Boolean);
			else if (value !== null && value !== undefined)
				throw fieldError(
					key,
					`${label(key)}: ${Array.isArray(value) ? 'a list of other than text' : typeof value === 'object' ? 'an object' : `"${String(value)}"`} is not a choice; expected the choices as a list or as text separated by commas`,
				);
			continue;
		}
		if (!(isText(value) || value === null || value === undefined)) throw fieldError(key, notTextMessage(label(key), value, 'a single value'));
		out[key] = value;
	}
	return out;
}

/**
 * A number parameter of `min` or more (a whole one when `whole`), as given or as text; refused on
 * the parameter as "<label>: "x" is not a (whole) number of <min> or more[; <hint>]".
 */
export function numberParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: number | string,
	rule: { label: string; min: number; whole?: boolean; hint?: string },
): number {
	const given = ctx.getNodeParameter(name, itemIndex, fallback);
	const n = plainNumber(given);
	if (!(rule.whole ? Number.isInteger(n) : Number.isFinite(n)) || n < rule.min)
		throw fieldError(
			name,
			`${rule.label}: ${shown(given)} is not a ${rule.whole ? 'whole number' : 'number'} of ${rule.min} or more${rule.hint ? `; ${rule.hint}` : ''}`,
		);
	return n;
}

/** Return All and Limit of a Get Many: undefined for all, else a whole number of 1 or more. */
export function limitParameter(ctx: IExecuteFunctions, itemIndex: number, returnAllDefault = false): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, returnAllDefault) === true) return undefined;
	const v = ctx.getNodeParameter('limit', itemIndex, 50) as unknown;
	const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
	if (!Number.isSafeInteger(n) || n < 1)
		throw fieldError(
			'limit',
			`Limit: ${isText(v) ? `"${String(v)}"` : notTextMessage('the value', v).replace(/^the value: /, '')} is not allowed; expected a whole number of 1 or more, for example 50`,
		);
	return n;
}
