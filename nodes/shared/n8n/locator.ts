/** A record picked in a resource locator: from the list or typed as its natural key, or given by id. */
import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { fieldError } from '../rules/errors';
import { isText, notTextMessage } from '../rules/records';

/** The largest id a record can have (PostgreSQL `integer`). */
export const MAX_RECORD_ID = 2_147_483_647;

export type Located = { id: number; key?: undefined } | { key: string; id?: undefined };

/**
 * Reads the locator `parameter` of item `itemIndex`. Mode `id` must be a whole number of 1 or
 * more; any other mode (the list, the natural key) gives the typed or picked key.
 * `what.noun` ("technician") and `what.key` ("phone") word the message when nothing is chosen.
 */
export function readLocator(ctx: IExecuteFunctions, parameter: string, itemIndex: number, what: { noun: string; key: string }): Located {
	const locator = ctx.getNodeParameter(parameter, itemIndex) as INodeParameterResourceLocator;
	const raw = locator?.value ?? '';
	// A value from an expression that is an object or a list names no record ("[object Object]").
	if (!isText(raw)) throw fieldError(parameter, notTextMessage(`${what.noun[0].toUpperCase()}${what.noun.slice(1)}`, raw, `its ${what.key} as text`));
	const value = String(raw).trim();
	if (!value) throw fieldError(parameter, `${what.noun}: none chosen; pick one from the list or type its ${what.key}`);
	if (locator.mode === 'id') {
		const id = Number(value);
		// Record ids are PostgreSQL integers: 1e21 is a whole number to JavaScript but no id ("invalid input syntax for type integer").
		if (!Number.isInteger(id) || id < 1 || id > MAX_RECORD_ID)
			throw fieldError(parameter, `ID: "${value}" is not a record id; expected a whole number such as 42`);
		return { id };
	}
	return { key: value };
}
