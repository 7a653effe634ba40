/** Get Many's parameters: Return All with its Limit, and the Filters collection (read with limitParameter, collectionParameter). */
import type { INodeProperties } from 'n8n-workflow';
import { numberProperty, booleanProperty } from './properties';

/** Return All and Limit, as n8n's own Get Many operations have them. */
export function pagingProperties(returnAllDefault = false): INodeProperties[] {
	return [
		booleanProperty('returnAll', 'Return All', returnAllDefault, { description: 'Whether to return all results or only up to a given limit' }),
		numberProperty('limit', 'Limit', 50, {
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		}),
	];
}

/** The Filters collection ("Add Filter") with its fields. */
export function filtersProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

/** The Status filter of a Get Many: the statuses to pick from, each named English first, Chinese after. */
export function statusFilter<S extends string>(
	statuses: readonly S[],
	labels: Record<S, { en: string; zh: string }>,
	description?: string,
): INodeProperties {
	return {
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: statuses.map((s) => ({ name: `${labels[s].en} (${labels[s].zh})`, value: s })),
		default: [],
		...(description === undefined ? {} : { description }),
	};
}
