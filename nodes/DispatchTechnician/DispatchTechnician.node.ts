import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { collectionParameter, forWholeInput, nowIso } from '../shared/n8n/per-item';
import { ticketNumberProperty } from '../shared/n8n/record-numbers';
import { storeOnDemand } from '../shared/n8n/store-access';
import { actionContext, actorProperty } from '../shared/n8n/context';
import { eachItemOnStore, nodeHeader, storeCredentialTest } from '../shared/n8n/node-shell';
import { searchTechnicians } from '../shared/n8n/list-search';
import { DEFAULT_WEIGHTS, type DispatchWeights } from '../shared/rules/dispatch';
import { manualDecision, manualProperties } from './manual';
import { dispatchAuto, reconcileVouchers, type DispatchContext } from '../shared/services/dispatch-run';

/** Dispatch Technician (派工): open tickets to technicians, automatically or by the manager's choice. */
export class DispatchTechnician implements INodeType {
	description: INodeTypeDescription = {
		...nodeHeader('Dispatch Technician', 'dispatchTechnician'),
		icon: { light: 'file:dispatchTechnician.svg', dark: 'file:dispatchTechnician.dark.svg' },
		usableAsTool: true,
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		subtitle: '={{ $parameter["mode"] === "manual" ? "Manual (派工)" : "Automatic (派工)" }}',
		description: 'Assign open repair tickets to technicians (派工): hard rules first, then a weighted score',
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Automatic', value: 'auto', description: 'Assign open tickets to the best technician that is allowed' },
					{ name: 'Manual', value: 'manual', description: "The manager's decision for one ticket: assign, reassign before the visit, or cancel" },
				],
				default: 'auto',
			},
			{
				displayName: 'Tickets',
				name: 'tickets',
				type: 'options',
				options: [
					{ name: 'All Open Tickets', value: 'all', description: "Every undispatched ticket, yesterday's leftovers first (P12)" },
					{
						name: 'Tickets of the Input Items',
						value: 'input',
						description:
							'The tickets named by the input items (field ticketNumber); leftovers from earlier days still waiting go ahead of them (P12), and those assigned are output too',
					},
				],
				default: 'all',
				hint: 'Leftovers from earlier days are always served first (P12)',
				displayOptions: { show: { mode: ['auto'] } },
			},
			ticketNumberProperty({ displayOptions: { show: { mode: ['manual'] } } }),
			{
				displayName: 'Technician',
				name: 'technician',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				displayOptions: { show: { mode: ['manual'] } },
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchTechnicians', searchable: true } },
					{ displayName: 'By Phone', name: 'phone', type: 'string', placeholder: '13812345678' },
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '7' },
				],
			},
			...manualProperties,
			{
				displayName: 'Score Weights',
				name: 'weights',
				type: 'collection',
				placeholder: 'Change a Weight',
				default: {},
				description: 'How much each criterion counts once the hard rules (active, skill, area, capacity) are met',
				hint: 'Weights are relative: 0.5, 0.3 and 0.2 rank technicians as 5, 3 and 2 would',
				options: [
					{ displayName: 'Fewest Jobs Today', name: 'load', type: 'number', typeOptions: { minValue: 0 }, default: 0.5 },
					{ displayName: 'Area Match', name: 'area', type: 'number', typeOptions: { minValue: 0 }, default: 0.3 },
					{ displayName: 'Skill Match', name: 'skill', type: 'number', typeOptions: { minValue: 0 }, default: 0.2 },
				],
			},
			{
				displayName: 'Also List Vouchers Still Out (凭证未归, P12)',
				name: 'reconcileVouchers',
				type: 'boolean',
				default: false,
				description:
					'Whether to add, after the dispatch, one item per ticket whose service voucher is still out: finished and signed before today but not closed, or closed without the voucher archived (field reconciliation: "voucherStillOut")',
				displayOptions: { show: { mode: ['auto'] } },
			},
			actorProperty({ displayName: 'Dispatched By (派工人)', description: 'Kept in the audit trail' }),
		],
	};

	methods = {
		listSearch: { searchTechnicians },
		credentialTest: storeCredentialTest,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// One clock for the whole run: every ticket of it is dispatched on the same day.
		const now = nowIso();
		const context = (i: number): DispatchContext => actionContext(this, i, { now });
		const weights = (i: number): DispatchWeights => ({
			...DEFAULT_WEIGHTS,
			...(collectionParameter(this, 'weights', i) as Partial<DispatchWeights>),
		});

		if (this.getNodeParameter('mode', 0) === 'manual') {
			return await eachItemOnStore(this, async (i, store) => await manualDecision(this, i, await store(), weights(i), context(i)));
		}
		const store = storeOnDemand(this);

		// Automatic: one run for the whole input, so that the plan sees every ticket at once.
		const items = this.getInputData();
		const scope = this.getNodeParameter('tickets', 0) as string;
		const numbers = scope === 'input' ? items.map((item) => String(item.json.ticketNumber ?? '')).filter(Boolean) : undefined;
		return [
			await forWholeInput(this, async () => {
				const result = await dispatchAuto(await store(), weights(0), context(0), numbers);
				const vouchers = this.getNodeParameter('reconcileVouchers', 0, false)
					? await reconcileVouchers(await store(), context(0).today, this.getTimezone())
					: [];
				const indexOf = (ticketNumber: string) => (numbers ? items.findIndex((item) => item.json.ticketNumber === ticketNumber) : -1);
				// With the input's tickets, each ticket's files (its voucher …) travel on with it, e.g. to an
				// email; a leftover assigned ahead of them (P12) has no input item of its own.
				const out = (json: IDataObject, ticketNumber: string): INodeExecutionData => {
					const index = indexOf(ticketNumber);
					const binary = index >= 0 ? items[index].binary : undefined;
					const pairedItem = { item: Math.max(0, index) };
					return binary ? { json, binary, pairedItem } : { json, pairedItem };
				};
				return [
					...result.assignments.map((a) => out({ ...a, dispatched: true } as unknown as IDataObject, a.ticketNumber)),
					...result.undispatched.map((u) => out({ ...u, dispatched: false }, u.ticketNumber)),
					...vouchers.map((v): INodeExecutionData => ({
						json: { ...v, reconciliation: 'voucherStillOut' } as unknown as IDataObject,
						pairedItem: { item: 0 },
					})),
				];
			}),
		];
	}
}
