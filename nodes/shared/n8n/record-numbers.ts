/** The numbers staff work by — a ticket's (工单号) and a tile order's (订单号) — as parameters, and read from them. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { fieldError } from '../rules/errors';
import { textParameter } from './per-item';

/** Ticket Number (工单号), taken from the input item's ticketNumber by default; `extra` adds a hint or where it shows. */
export function ticketNumberProperty(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Ticket Number (工单号)',
		name: 'ticketNumber',
		type: 'string',
		default: '={{ $json.ticketNumber }}',
		required: true,
		placeholder: 'BX-20261127-0001',
		...extra,
	};
}

/** Order Number (订单号), taken from the input item's orderNumber by default. */
export function orderNumberProperty(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Order Number (订单号)',
		name: 'orderNumber',
		type: 'string',
		default: '={{ $json.orderNumber }}',
		required: true,
		placeholder: 'DD-20261127-0001',
		...extra,
	};
}

export function readTicketNumber(ctx: IExecuteFunctions, i: number): string {
	const n = textParameter(ctx, 'ticketNumber', i);
	if (!n) throw fieldError('ticketNumber', 'Ticket number (工单号): is empty; expected a number such as BX-20261127-0001');
	return n;
}

export function readOrderNumber(ctx: IExecuteFunctions, i: number): string {
	const n = textParameter(ctx, 'orderNumber', i);
	if (!n) throw fieldError('orderNumber', 'Order number (订单号): is empty; expected a number such as DD-20261127-0001');
	return n;
}
