/**
 * The shape every dropdown of the package shares, written once: a choice is `[name, value]` or
 * `[name, value, description]`, and the property is built the way n8n expects it.
 */
import type { INodeProperties, INodePropertyOptions, NodeParameterValue } from 'n8n-workflow';

export type Choice = readonly [name: string, value: NodeParameterValue, description?: string];

/** n8n's option list from choices. */
export const choices = (list: readonly Choice[]): INodePropertyOptions[] =>
	list.map(([name, value, description]) =>
		description === undefined ? { name, value: value as string } : { name, value: value as string, description },
	);

/** A dropdown parameter: `name`, its label, the choices and the default, and anything else n8n takes. */
export function optionsProperty(
	name: string,
	displayName: string,
	list: readonly Choice[],
	defaultValue: NodeParameterValue,
	more: Omit<Partial<INodeProperties>, 'name' | 'displayName' | 'type' | 'options' | 'default'> = {},
): INodeProperties {
	// The rule reads a literal default; here each caller gives its own (pinned by the node contract test).
	// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options
	return { displayName, name, type: 'options', options: choices(list), default: defaultValue, ...more };
}

type More = Omit<Partial<INodeProperties>, 'name' | 'displayName' | 'type' | 'default'>;

/** A text parameter. */
export const stringProperty = (name: string, displayName: string, defaultValue: string, more: More = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: defaultValue,
	...more,
});

/** A number parameter. */
export const numberProperty = (name: string, displayName: string, defaultValue: number | string, more: More = {}): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: defaultValue,
	...more,
});

/** A yes/no parameter. */
export const booleanProperty = (name: string, displayName: string, defaultValue: boolean, more: More = {}): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean -- each caller gives its own (pinned by the node contract)
	default: defaultValue,
	...more,
});
