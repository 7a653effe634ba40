/**
 * Who acts and when, for every node: the one `actor` parameter (经办人) and the one context an
 * item's work is done in (now, the workflow's timezone and day, the actor).
 */
import { DateTime } from 'luxon';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { nowIso, textParameter } from './per-item';

export interface ActorOptions {
	/** The label; "Done By (经办人)" unless the node's staff say it otherwise (开票人, 派工人 …). */
	displayName?: string;
	/** Who acts when the parameter is left as it is (a saved workflow keeps this value). */
	default?: string;
	description?: string;
}

/** The `actor` parameter: who does this, kept with the record and in its audit trail. */
export function actorProperty(options: ActorOptions = {}): INodeProperties {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the option given, else n8n
	return {
		displayName: options.displayName ?? 'Done By (经办人)',
		name: 'actor',
		type: 'string',
		default: options.default ?? 'n8n',
		description: options.description ?? 'Who does this; kept with the record',
	};
}

/** The actor of item `i`; an empty parameter or an expression that finds nothing gives `fallback`. */
export function readActor(ctx: IExecuteFunctions, i: number, fallback = 'n8n'): string {
	return textParameter(ctx, 'actor', i, fallback);
}

export interface Clock {
	/** Now as an ISO instant (UTC): the store's timestamps. */
	now: string;
	/** The workflow's timezone. */
	zone: string;
	/** Today in the workflow's timezone (YYYY-MM-DD). */
	today: string;
}

export interface ActionContext extends Clock {
	actor: string;
}

/** Now, the workflow's timezone and today there; `now` given when one run reads the clock once for all items. */
export function clock(ctx: IExecuteFunctions, now: string = nowIso()): Clock {
	const zone = ctx.getTimezone();
	return { now, zone, today: DateTime.fromISO(now).setZone(zone).toISODate()! };
}

/** The context of item `i`'s work: the clock and the `actor` parameter (its fallback when empty). */
export function actionContext(ctx: IExecuteFunctions, i: number, options: { fallbackActor?: string; now?: string } = {}): ActionContext {
	return { ...clock(ctx, options.now), actor: readActor(ctx, i, options.fallbackActor) };
}
