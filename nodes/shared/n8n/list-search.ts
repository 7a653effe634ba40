/** Dropdowns filled from the store: customers, technicians, tile models (searchable). */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { storeFor } from './store-access';
import { listCustomers } from '../store/registers/customers';
import { listTechnicians } from '../store/registers/technicians';
import { listTileModels } from '../store/registers/tile-models';

const PAGE = 100;

export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const store = await storeFor(this);
	const rows = await store.transaction((trx) => listCustomers(trx, { search: filter, limit: PAGE }));
	return { results: rows.map((c) => ({ name: `${c.name} (${c.code})${c.phone ? ` ${c.phone}` : ''}`, value: c.code })) };
}

export async function searchTechnicians(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const store = await storeFor(this);
	const rows = await store.transaction((trx) => listTechnicians(trx, { search: filter, active: 'all', limit: PAGE }));
	return {
		results: rows.map((t) => ({
			name: `${t.name} ${t.phone}${t.active ? '' : ' (inactive)'}${t.areas.length ? ` · ${t.areas.join(', ')}` : ''}`,
			value: t.phone,
		})),
	};
}

export async function searchTileModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const store = await storeFor(this);
	const rows = await store.transaction((trx) => listTileModels(trx, { search: filter, limit: PAGE }));
	return { results: rows.map((m) => ({ name: `${m.modelCode} ${m.name} · ${m.boxesAvailable} boxes available`, value: m.modelCode })) };
}
