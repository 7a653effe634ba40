/**
 * Tile orders (瓷砖订单) as the nodes give them out: the order with its lines, reservations,
 * processing sheet, payments, delivery, secondary items and audit trail, and the list. The rows
 * are read and written in tile-order-rows.ts; the steps (use cases) are in services/tile-order-*.ts.
 */
import type { Selectable } from 'kysely';
import type { TileOrderItemTable, TileOrderTable, Trx } from '../schema';
import { flag, textSearch, type Page } from './common';
import { TILE_ORDER_STATUS_LABELS, type TileOrderStatus } from '../../rules/tile-order-lifecycle';
import { settlementOf, type Settlement } from '../../rules/tile-order-money';
import { m2 } from '../../rules/tile-stock';
import { kg } from '../../rules/tile-vehicles';
import { foldKey } from '../../rules/natural-keys';
import { findOrderRow, orderLines, orderMoney } from './tile-order-rows';
import { reservedByModel } from './tile-reservations';

export { findOrderRow, orderLines, orderMoney, requireOrderRow, type TileOrderLineRow, type TileOrderRow } from './tile-order-rows';
export { reservedByModel } from './tile-reservations';

export interface TileOrderLineView {
	lineNo: number;
	modelCode: string;
	name: string;
	size: string;
	areaM2: number;
	wastagePct: number;
	layout: string | null;
	extraBoxes: number;
	piecesNeeded: number;
	boxes: number;
	piecesPerBox: number;
	boxWeightKg: number;
	weightKg: number;
	pricePerBoxFen: number;
	amountFen: number;
	/** Boxes of the model available in the store now (on hand − reserved by all orders). */
	boxesAvailable: number;
	/** Boxes held for this order (lines and extra boxes of the model). */
	boxesReserved: number;
	/** Boxes this line still lacks: what is neither reserved for it nor available. */
	shortBoxes: number;
}

/** One model's lines together (T5 per model: summed before rounding, the extra boxes once). */
export interface TileOrderModelView {
	modelCode: string;
	name: string;
	size: string;
	lineNos: number[];
	areaM2: number;
	extraBoxes: number;
	piecesNeeded: number;
	boxes: number;
	weightKg: number;
	amountFen: number;
	boxesReserved: number;
	shortBoxes: number;
}

/** The lines by model, in the order each model first appears: what is prepared, reserved and short for it. */
function modelViews(lines: ReadonlyArray<TileOrderLineView & { areaMm2: number; weightG: number }>): TileOrderModelView[] {
	const byCode = new Map<string, TileOrderModelView & { areaMm2: number; weightG: number }>();
	for (const l of lines) {
		const m = byCode.get(l.modelCode) ?? {
			...{ modelCode: l.modelCode, name: l.name, size: l.size, lineNos: [], areaM2: 0, areaMm2: 0, weightG: 0 },
			...{ extraBoxes: 0, piecesNeeded: 0, boxes: 0, weightKg: 0, amountFen: 0, boxesReserved: 0, shortBoxes: 0 },
		};
		m.lineNos.push(l.lineNo);
		m.areaMm2 += l.areaMm2;
		m.weightG += l.weightG;
		m.extraBoxes += l.extraBoxes;
		m.piecesNeeded += l.piecesNeeded;
		m.boxes += l.boxes;
		m.amountFen += l.amountFen;
		m.boxesReserved += l.boxesReserved;
		m.shortBoxes += l.shortBoxes;
		byCode.set(l.modelCode, m);
	}
	return [...byCode.values()].map(({ areaMm2, weightG, ...m }) => ({ ...m, areaM2: m2(areaMm2), weightKg: kg(weightG) }));
}

export interface ProcessingRow {
	lineNo: number;
	modelCode: string;
	name: string;
	size: string;
	pieces: number;
	cutting: string | null;
	edging: string | null;
	chamfering: string | null;
	notes: string | null;
}

export interface Trip {
	vehicle: string;
	vehicleName: string;
	payloadKg: number;
	loadKg: number;
	boxes: number;
	freightFen: number;
}

/** A tile order as the nodes give it out (RECORDS.md, Tile orders): the record, its figures and steps; its own dates as schema.ts types them. */
export interface TileOrderView extends Pick<
	Selectable<TileOrderTable>,
	| 'orderNumber'
	| 'orderDay'
	| 'customerName'
	| 'contactPerson'
	| 'phone'
	| 'email'
	| 'address'
	| 'depositFen'
	| 'installationStartedAt'
	| 'settledAt'
	| 'completedAt'
	| 'archivedAt'
	| 'cancelledAt'
	| 'cancelReason'
	| 'createdAt'
	| 'updatedAt'
> {
	status: TileOrderStatus;
	statusLabel: string;
	customerCode: string;
	processing: boolean;
	installer: { name: string; phone: string } | null;
	notes: string | null;
	goodsFen: number;
	totalWeightKg: number;
	stockSufficient: boolean;
	lines: TileOrderLineView[];
	/** The lines by model (T5 per model). */
	models: TileOrderModelView[];
	appointment: { appointmentAt: string; keyHolder: { name: string; phone: string } | null; notes: string | null } | null;
	measurement: { measuredAt: string; measuredBy: string | null } | null;
	stockPreparedAt: string | null;
	processingSheet: {
		factory: string;
		factoryEmail: string | null;
		sentAt: string;
		completionDate: string | null;
		feeFen: number | null;
		confirmedAt: string | null;
		rows: ProcessingRow[];
	} | null;
	paymentNotice: { issuedAt: string; amountDueFen: number } | null;
	payments: Array<{ amountFen: number; method: string; reason: string | null; paidAt: string; actor: string }>;
	paidFen: number;
	balanceFen: number;
	delivery: {
		deliveryDate: string;
		installer: { name: string; phone: string } | null;
		totalWeightKg: number;
		trips: Trip[];
		freightFen: number;
	} | null;
	secondary: Array<Pick<Selectable<TileOrderItemTable>, 'modelCode' | 'boxes' | 'unitFen' | 'amountFen' | 'notes' | 'createdAt'> & { kind: string }>;
	settlement: Settlement;
	history: Array<{ action: string; fromStatus: string | null; toStatus: string; actor: string; at: string; details: Record<string, unknown> }>;
}

function person(name: string | null, phone: string | null) {
	return name ? { name, phone: phone ?? '' } : null;
}

/** The order with everything recorded on it, as it stands now. */
export async function orderView(trx: Trx, orderId: number): Promise<TileOrderView> {
	const o = (await findOrderRow(trx, { id: orderId }))!;
	const lines = await orderLines(trx, o.id);
	const customer = await trx.selectFrom('customers').select('code').where('id', '=', o.customerId).executeTakeFirstOrThrow();
	const modelIds = [...new Set(lines.map((l) => l.tileModelId))];
	const models = modelIds.length
		? await trx.selectFrom('tileModels').select(['id', 'boxesOnHand', 'boxesReserved']).where('id', 'in', modelIds).execute()
		: [];
	const available = new Map(models.map((m) => [m.id, m.boxesOnHand - m.boxesReserved]));
	const reserved = await reservedByModel(trx, o.id);
	// Each model's reservation and availability go to its lines in order.
	const heldLeft = new Map(reserved);
	const freeLeft = new Map(available);
	const lineViews: TileOrderLineView[] = lines.map((l) => {
		const held = Math.min(l.boxes, heldLeft.get(l.tileModelId) ?? 0);
		heldLeft.set(l.tileModelId, (heldLeft.get(l.tileModelId) ?? 0) - held);
		const free = Math.max(0, freeLeft.get(l.tileModelId) ?? 0);
		const short = Math.max(0, l.boxes - held - free);
		freeLeft.set(l.tileModelId, Math.max(0, free - (l.boxes - held)));
		return {
			lineNo: l.lineNo,
			modelCode: l.modelCode,
			name: l.modelName,
			size: `${l.widthMm}×${l.heightMm}`,
			areaM2: m2(Number(l.areaMm2)),
			wastagePct: l.wastagePermille / 10,
			layout: l.layout,
			extraBoxes: l.extraBoxes,
			piecesNeeded: l.piecesNeeded,
			boxes: l.boxes,
			piecesPerBox: l.piecesPerBox,
			boxWeightKg: kg(l.boxWeightG),
			weightKg: kg(Number(l.weightG)),
			pricePerBoxFen: Number(l.pricePerBoxFen),
			amountFen: Number(l.amountFen),
			boxesAvailable: available.get(l.tileModelId) ?? 0,
			boxesReserved: held,
			shortBoxes: short,
		};
	});
	const processingRows = await trx
		.selectFrom('tileProcessingLines as p')
		.innerJoin('tileModels as m', 'm.id', 'p.tileModelId')
		.select(['p.lineNo', 'p.modelCode', 'm.name', 'm.widthMm', 'm.heightMm', 'p.pieces', 'p.cutting', 'p.edging', 'p.chamfering', 'p.notes'])
		.where('p.orderId', '=', o.id)
		.orderBy('p.lineNo')
		.execute();
	const payments = await trx
		.selectFrom('tileOrderPayments')
		.select(['amountFen', 'method', 'reason', 'paidAt', 'actor'])
		.where('orderId', '=', o.id)
		.orderBy('id')
		.execute();
	const delivery = await trx.selectFrom('tileOrderDeliveries').selectAll().where('orderId', '=', o.id).executeTakeFirst();
	const items = await trx
		.selectFrom('tileOrderItems')
		.select(['kind', 'modelCode', 'boxes', 'unitFen', 'amountFen', 'notes', 'createdAt'])
		.where('orderId', '=', o.id)
		.orderBy('id')
		.execute();
	const events = await trx.selectFrom('tileOrderEvents').selectAll().where('orderId', '=', o.id).orderBy('id').execute();
	const settlement = await orderMoney(trx, o);
	const status = o.status as TileOrderStatus;
	return {
		orderNumber: o.orderNumber,
		status,
		statusLabel: `${TILE_ORDER_STATUS_LABELS[status].zh} ${TILE_ORDER_STATUS_LABELS[status].en}`,
		orderDay: o.orderDay,
		customerCode: customer.code,
		customerName: o.customerName,
		contactPerson: o.contactPerson,
		phone: o.phone,
		email: o.email,
		address: o.address,
		depositFen: Number(o.depositFen),
		processing: flag(o.processing),
		installer: person(o.installerName, o.installerPhone),
		notes: o.notes,
		goodsFen: settlement.goodsFen,
		totalWeightKg: kg(lines.reduce((s, l) => s + Number(l.weightG), 0)),
		stockSufficient: lineViews.every((l) => l.shortBoxes === 0),
		lines: lineViews,
		models: modelViews(lineViews.map((v, k) => ({ ...v, areaMm2: Number(lines[k].areaMm2), weightG: Number(lines[k].weightG) }))),
		appointment: o.appointmentAt
			? { appointmentAt: o.appointmentAt, keyHolder: person(o.keyHolderName, o.keyHolderPhone), notes: o.appointmentNotes }
			: null,
		measurement: o.measuredAt ? { measuredAt: o.measuredAt, measuredBy: o.measuredBy } : null,
		stockPreparedAt: o.stockPreparedAt,
		processingSheet:
			o.processingSentAt && o.factory
				? {
						factory: o.factory,
						factoryEmail: o.factoryEmail,
						sentAt: o.processingSentAt,
						completionDate: o.processingCompletionDate,
						feeFen: o.processingFeeFen === null ? null : Number(o.processingFeeFen),
						confirmedAt: o.processingConfirmedAt,
						rows: processingRows.map((r) => ({
							lineNo: r.lineNo,
							modelCode: r.modelCode,
							name: r.name,
							size: `${r.widthMm}×${r.heightMm}`,
							pieces: r.pieces,
							cutting: r.cutting,
							edging: r.edging,
							chamfering: r.chamfering,
							notes: r.notes,
						})),
					}
				: null,
		paymentNotice: o.paymentNoticeAt ? { issuedAt: o.paymentNoticeAt, amountDueFen: Number(o.paymentNoticeFen ?? 0) } : null,
		payments: payments.map((p) => ({ ...p, amountFen: Number(p.amountFen) })),
		paidFen: settlement.paidFen,
		balanceFen: settlement.balanceFen,
		delivery: delivery
			? {
					deliveryDate: delivery.deliveryDate,
					installer: person(delivery.installerName, delivery.installerPhone),
					totalWeightKg: kg(Number(delivery.weightG)),
					trips: JSON.parse(delivery.trips) as Trip[],
					freightFen: Number(delivery.freightFen),
				}
			: null,
		installationStartedAt: o.installationStartedAt,
		secondary: items.map((i) => ({ ...i, boxes: i.boxes, unitFen: i.unitFen === null ? null : Number(i.unitFen), amountFen: Number(i.amountFen) })),
		settlement,
		settledAt: o.settledAt,
		completedAt: o.completedAt,
		archivedAt: o.archivedAt,
		cancelledAt: o.cancelledAt,
		cancelReason: o.cancelReason,
		createdAt: o.createdAt,
		updatedAt: o.updatedAt,
		history: events.map((e) => ({
			action: e.action,
			fromStatus: e.fromStatus,
			toStatus: e.toStatus,
			actor: e.actor,
			at: e.at,
			details: JSON.parse(e.details) as Record<string, unknown>,
		})),
	};
}

export interface TileOrderFilter extends Page {
	status?: string[];
	search?: string;
	customerCode?: string;
	orderedFrom?: string;
	orderedTo?: string;
}

/** Orders, newest first, as a short summary each. */
export async function listOrders(trx: Trx, f: TileOrderFilter) {
	let q = trx
		.selectFrom('tileOrders as o')
		.innerJoin('customers as c', 'c.id', 'o.customerId')
		.select([
			'o.id',
			'o.orderNumber',
			'o.status',
			'o.orderDay',
			'c.code as customerCode',
			'o.customerName',
			'o.phone',
			'o.address',
			'o.depositFen',
			'o.processing',
			'o.createdAt',
			'o.completedAt',
			'o.cancelledAt',
		])
		.orderBy('o.orderDay', 'desc')
		.orderBy('o.id', 'desc');
	if (f.status?.length) q = q.where('o.status', 'in', f.status);
	if (f.search) q = q.where(textSearch(['o.order_number', 'o.customer_name', 'o.phone', 'o.address'], f.search));
	if (f.customerCode) q = q.where('c.codeKey', '=', foldKey(f.customerCode));
	if (f.orderedFrom) q = q.where('o.orderDay', '>=', f.orderedFrom);
	if (f.orderedTo) q = q.where('o.orderDay', '<=', f.orderedTo);
	if (f.limit !== undefined) q = q.limit(f.limit);
	const rows = await q.execute();
	if (rows.length === 0) return [];
	// The money of all the listed orders in three grouped queries, not three per order.
	const ids = rows.map((r) => r.id);
	const sums = async (table: 'tileOrderLines' | 'tileOrderPayments') =>
		new Map(
			(
				await trx
					.selectFrom(table)
					.select(['orderId', (eb) => eb.fn.sum<number>('amountFen').as('fen')])
					.where('orderId', 'in', ids)
					.groupBy('orderId')
					.execute()
			).map((r) => [r.orderId, Number(r.fen)]),
		);
	const goods = await sums('tileOrderLines');
	const paid = await sums('tileOrderPayments');
	const items = await trx
		.selectFrom('tileOrderItems')
		.select(['orderId', 'kind', (eb) => eb.fn.sum<number>('amountFen').as('fen')])
		.where('orderId', 'in', ids)
		.groupBy(['orderId', 'kind'])
		.execute();
	const item = (id: number, kind: string) => Number(items.find((i) => i.orderId === id && i.kind === kind)?.fen ?? 0);
	const fees = new Map(
		(await trx.selectFrom('tileOrders').select(['id', 'processingFeeFen']).where('id', 'in', ids).execute()).map((r) => [
			r.id,
			Number(r.processingFeeFen ?? 0),
		]),
	);
	return rows.map((r) => {
		const money = settlementOf({
			goodsFen: goods.get(r.id) ?? 0,
			processingFen: fees.get(r.id) ?? 0,
			extraFen: item(r.id, 'extra'),
			returnsFen: item(r.id, 'return'),
			reprocessingFen: item(r.id, 'reprocessing'),
			depositFen: Number(r.depositFen),
			paidFen: paid.get(r.id) ?? 0,
		});
		const { id: _id, ...rest } = r;
		return { ...rest, depositFen: Number(r.depositFen), processing: flag(r.processing), goodsFen: money.goodsFen, balanceFen: money.balanceFen };
	});
}
