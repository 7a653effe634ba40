/** Parameters shared by the register operations: the record locator, the record's fields, Get Many paging. */
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { FIELD_LABELS } from '../../../shared/rules/fields';
import { REGISTER_FIELDS, mapHeaders } from '../../../shared/rules/records';
import { readLocator } from '../../../shared/n8n/locator';
import type { RecordRef, Register } from '../registers';

/** The record to work on: picked from a list, typed as its natural key, or given by id. */
export function locatorProperty(reg: Register): INodeProperties {
	const modes: INodeProperties['modes'] = [];
	if (reg.searchMethod) {
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
		modes.push({
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: reg.searchMethod, searchable: true },
		});
	}
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
	const byKey = { displayName: reg.keyMode.displayName, name: reg.keyMode.name, type: 'string', placeholder: reg.keyMode.placeholder } as const;
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
	const byId = { displayName: 'By ID', name: 'id', type: 'string', placeholder: '42' } as const;
	modes.push(byKey, byId);
	const title = reg.noun.replace(/\b\w/g, (c) => c.toUpperCase());
	return {
		displayName: title,
		name: reg.resource,
		type: 'resourceLocator',
		default: { mode: reg.searchMethod ? 'list' : reg.keyMode.name, value: '' },
		required: true,
		modes,
		description: `The ${reg.noun} to work on`,
	};
}

export function readRef(ctx: IExecuteFunctions, reg: Register, itemIndex: number): RecordRef {
	const noun = reg.noun.charAt(0).toUpperCase() + reg.noun.slice(1);
	return readLocator(ctx, reg.resource, itemIndex, { noun, key: reg.keyMode.displayName.replace('By ', '').toLowerCase() });
}

const dataModeOptions: INodePropertyOptions[] = [
	{
		name: 'Map Input Fields Automatically',
		value: 'autoMap',
		description: 'Take the fields from the input item; English or Chinese names (phone or 电话) are both understood',
	},
	{ name: 'Define Below', value: 'define', description: 'Set each field in this node' },
];

export function dataModeProperty(): INodeProperties {
	return { displayName: 'Data Mode', name: 'dataMode', type: 'options', options: dataModeOptions, default: 'define' };
}

function fieldProperty(name: string): INodeProperties {
	const spec = REGISTER_FIELDS_BY_NAME.get(name)!;
	const l = FIELD_LABELS[name];
	const displayName = l ? `${l.en} (${l.zh})` : name;
	const base = { displayName, name, default: '' } as INodeProperties;
	switch (spec.kind) {
		case 'int':
			return { ...base, type: 'number', default: 0 };
		case 'decimal1':
			// Same type and default as the whole number it was (node contract); one decimal now (9.5 mm).
			return { ...base, type: 'number', default: 0, typeOptions: { numberPrecision: 1 } };
		case 'bool':
			return { ...base, type: 'boolean', default: true };
		case 'date':
			return { ...base, type: 'string', placeholder: '2026-11-27' };
		case 'money':
			return { ...base, type: 'string', placeholder: '1280.50', description: 'Yuan, at most two decimals' };
		case 'list':
			return { ...base, type: 'string', placeholder: 'aircon, boiler', description: 'Comma-separated' };
		default:
			return { ...base, type: 'string' };
	}
}

const REGISTER_FIELDS_BY_NAME = new Map(
	Object.values(REGISTER_FIELDS)
		.flat()
		.map((f) => [f.name, f]),
);

/** The record's fields as an "Add Field" collection (Define Below). */
export function recordFieldsProperty(reg: Register): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { dataMode: ['define'] } },
		options: REGISTER_FIELDS[reg.register].map((f) => fieldProperty(f.name)).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The record as given: from the input item (auto-map) or from the Fields collection. */
export function readRecordInput(ctx: IExecuteFunctions, reg: Register, itemIndex: number): Record<string, unknown> {
	const mode = ctx.getNodeParameter('dataMode', itemIndex, 'define') as string;
	if (mode === 'autoMap') return mapHeaders(reg.register, ctx.getInputData()[itemIndex].json as Record<string, unknown>);
	return ctx.getNodeParameter('fields', itemIndex, {}) as IDataObject;
}
