/**
 * The tile order's steps (T1–T12), each in one transaction: the rule decides whether the step
 * fits the order's state (a step that does not changes nothing), the order row is locked
 * (PostgreSQL FOR UPDATE; SQLite's write lock), stock rows are locked in id order, and the step
 * is kept in the audit trail. Stock is reserved when the order's stock is prepared and released
 * at completion (inventory decremented once, net of returns) or cancellation.
 */
import type { Store, Trx } from '../store/store';
import { DuplicateError, NotFoundError, ProblemList, RuleViolation, ValidationError, shown } from '../rules/errors';
import { fenToYuan } from '../rules/money';
import { foldKey } from '../rules/natural-keys';
import { nextInSequence } from '../store/counters';
import { createCustomer, findCustomer, updateCustomer } from '../store/registers/customers';
import { adjustStock, toTileModel, type TileModel } from '../store/registers/tile-models';
import {
	findOrderRow,
	orderLines,
	orderMoney,
	orderView,
	recordOrderEvent,
	requireOrderRow,
	reservedByModel,
	type TileOrderRow,
	type TileOrderView,
} from '../store/registers/tile-orders';
import { checkCompletion, checkPayment, checkReturn, dueBeforeDelivery, type Settlement } from '../rules/tile-order-money';
import { nextOrderStatus, tileOrderNumber, type TileOrderAction, type TileOrderStatus } from '../rules/tile-order-lifecycle';
import type {
	AppointmentInput,
	MeasurementInput,
	OrderInput,
	OrderLineInput,
	PaymentInput,
	ProcessingSheetInput,
	SecondaryInput,
} from '../rules/tile-order-inputs';
import { isPostgres } from '../store/registers/common';
import { syncOrderInvoicesPaid, voidOrderInvoices } from '../store/registers/invoices';
import { lineFigures } from '../rules/tile-stock';
import { kg, planVehicles, type VehicleClass } from '../rules/tile-vehicles';

export interface OrderContext {
	actor: string;
	/** ISO instant (UTC). */
	now: string;
	/** Today in the workflow's timezone: the day whose order numbers a new order takes. */
	today: string;
}

const yuan = (fen: number) => `¥${fenToYuan(fen)}`;

// ---------------------------------------------------------------------------------------------
// Models and lines

/** The models of the lines, by line index; every unknown model is reported at once (field lines[i].modelCode). */
async function resolveModels(trx: Trx, lines: ReadonlyArray<{ modelCode: string }>, field = 'lines'): Promise<TileModel[]> {
	const keys = [...new Set(lines.map((l) => foldKey(l.modelCode)))];
	const rows = keys.length ? await trx.selectFrom('tileModels').selectAll().where('modelCodeKey', 'in', keys).execute() : [];
	const byKey = new Map(rows.map((r) => [r.modelCodeKey, toTileModel(r)]));
	const problems = new ProblemList();
	const models = lines.map((l, i) => {
		const m = byKey.get(foldKey(l.modelCode));
		if (!m)
			problems.add(
				`${field}[${i}].modelCode`,
				`Model code (型号), line ${i + 1}: "${l.modelCode}" is not a tile model of the stock register (瓷砖库存); expected a model code such as those Get Stock lists`,
			);
		return m!;
	});
	problems.throwIfAny();
	return models;
}

/** Writes the order's lines: each model's facts and price (the price agreed earlier for a model already on the order). */
async function writeLines(
	trx: Trx,
	orderId: number,
	lines: OrderLineInput[],
	models: TileModel[],
	agreedPrice: Map<number, number> = new Map(),
): Promise<void> {
	await trx.deleteFrom('tileOrderLines').where('orderId', '=', orderId).execute();
	for (const [i, line] of lines.entries()) {
		const m = models[i];
		const price = agreedPrice.get(m.id) ?? m.pricePerBoxFen;
		const f = lineFigures(
			{ widthMm: m.widthMm, heightMm: m.heightMm, piecesPerBox: m.piecesPerBox, boxWeightG: Math.round(m.boxWeightKg * 1000), pricePerBoxFen: price },
			line,
		);
		await trx
			.insertInto('tileOrderLines')
			.values({
				orderId,
				lineNo: i + 1,
				tileModelId: m.id,
				modelCode: m.modelCode,
				modelName: m.name,
				widthMm: m.widthMm,
				heightMm: m.heightMm,
				piecesPerBox: m.piecesPerBox,
				boxWeightG: Math.round(m.boxWeightKg * 1000),
				pricePerBoxFen: price,
				areaMm2: line.areaMm2,
				wastagePermille: line.wastagePermille,
				layout: line.layout,
				extraBoxes: line.extraBoxes,
				piecesNeeded: f.piecesNeeded,
				boxes: f.boxes,
				weightG: f.weightG,
				amountFen: f.amountFen!,
			})
			.execute();
	}
}

/** The tile model rows of `ids`, locked in id order (PostgreSQL FOR UPDATE) so that two orders never wait on each other in a circle. */
async function lockModels(trx: Trx, ids: number[]) {
	if (ids.length === 0) return [];
	let q = trx.selectFrom('tileModels').selectAll().where('id', 'in', ids).orderBy('id');
	if (isPostgres(trx)) q = q.forUpdate();
	return await q.execute();
}

/** Holds `boxes` of a locked model for the order; the guard and the CHECK keep reserved ≤ on hand. */
async function reserve(trx: Trx, orderId: number, modelId: number, boxes: number, source: 'order' | 'extra', now: string): Promise<void> {
	const r = await trx
		.updateTable('tileModels')
		.set((eb) => ({ boxesReserved: eb('boxesReserved', '+', boxes), updatedAt: now }))
		.where('id', '=', modelId)
		.where((eb) => eb(eb('boxesOnHand', '-', eb.ref('boxesReserved')), '>=', boxes))
		.executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1) throw new RuleViolation('The stock changed at the same time; look at it again', 'lines');
	await trx.insertInto('tileReservations').values({ orderId, tileModelId: modelId, boxes, source, createdAt: now, releasedAt: null }).execute();
}

/** Gives back every box the order holds. */
async function releaseAll(trx: Trx, orderId: number, now: string): Promise<Map<number, number>> {
	const held = await reservedByModel(trx, orderId);
	await lockModels(trx, [...held.keys()]);
	for (const [modelId, boxes] of held) {
		await trx
			.updateTable('tileModels')
			.set((eb) => ({ boxesReserved: eb('boxesReserved', '-', boxes), updatedAt: now }))
			.where('id', '=', modelId)
			.execute();
	}
	await trx.updateTable('tileReservations').set({ releasedAt: now }).where('orderId', '=', orderId).where('releasedAt', 'is', null).execute();
	return held;
}

// ---------------------------------------------------------------------------------------------
// T1–T3: a signed order

export interface Created {
	order: TileOrderView;
	/** True when the idempotency key had already made this order. */
	duplicate: boolean;
	customerCreated: boolean;
}

async function createOnce(store: Store, input: OrderInput, ctx: OrderContext): Promise<Created> {
	return await store.transaction(async (trx) => {
		if (input.idempotencyKey) {
			const first = await findOrderRow(trx, { idempotencyKey: input.idempotencyKey });
			if (first) return { order: await orderView(trx, first.id), duplicate: true, customerCreated: false };
		}
		const models = await resolveModels(trx, input.lines);
		let customer = input.customerCode
			? await findCustomer(trx, { code: input.customerCode })
			: await findCustomer(trx, { name: input.customerName, phone: input.phone });
		if (!customer && input.customerCode) {
			throw new ValidationError([
				{
					field: 'customerCode',
					message: `Customer code (客户编号): "${input.customerCode}" is not in the customer file; leave it empty to register a new customer by name and phone`,
				},
			]);
		}
		const customerCreated = !customer;
		customer ??= await createCustomer(
			trx,
			{
				name: input.customerName,
				phone: input.phone,
				contactPerson: input.contactPerson ?? undefined,
				address: input.address,
				email: input.email ?? undefined,
			},
			ctx.now,
		);
		if (!customerCreated && input.email && !customer.email) await updateCustomer(trx, customer.id, { email: input.email }, ctx.now);
		const seq = await nextInSequence(trx, 'tile-order', ctx.today);
		const { id } = await trx
			.insertInto('tileOrders')
			.values({
				orderNumber: tileOrderNumber(ctx.today, seq),
				orderDay: ctx.today,
				customerId: customer.id,
				customerName: input.customerName,
				contactPerson: input.contactPerson,
				phone: input.phone,
				email: input.email,
				address: input.address,
				depositFen: input.depositFen,
				processing: input.processing ? 1 : 0,
				installerName: input.installer?.name ?? null,
				installerPhone: input.installer?.phone ?? null,
				notes: input.notes,
				status: 'signed',
				idempotencyKey: input.idempotencyKey,
				appointmentAt: null,
				keyHolderName: null,
				keyHolderPhone: null,
				appointmentNotes: null,
				measuredAt: null,
				measuredBy: null,
				stockPreparedAt: null,
				factory: null,
				factoryEmail: null,
				processingSentAt: null,
				processingCompletionDate: null,
				processingFeeFen: null,
				processingConfirmedAt: null,
				paymentNoticeAt: null,
				paymentNoticeFen: null,
				installationStartedAt: null,
				settledAt: null,
				completedAt: null,
				archivedAt: null,
				cancelledAt: null,
				cancelReason: null,
				createdAt: ctx.now,
				updatedAt: ctx.now,
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeLines(trx, id, input.lines, models);
		const view = await orderView(trx, id);
		await recordOrderEvent(trx, id, 'sign', null, 'signed', ctx.actor, ctx.now, {
			depositFen: input.depositFen,
			processing: input.processing,
			installer: input.installer,
			goodsFen: view.goodsFen,
			stockSufficient: view.stockSufficient,
		});
		return { order: await orderView(trx, id), duplicate: false, customerCreated };
	});
}

/** T1–T3: records the signed order with its deposit and service content, its lines computed and checked against the stock. */
export async function createOrder(store: Store, input: OrderInput, ctx: OrderContext): Promise<Created> {
	try {
		return await createOnce(store, input, ctx);
	} catch (error) {
		// Two orders at once that both created the customer file, or both carry one idempotency key:
		// the loser runs again and finds the winner's customer (or order).
		if (error instanceof DuplicateError) return await createOnce(store, input, ctx);
		throw error;
	}
}

// ---------------------------------------------------------------------------------------------
// The steps

type Written = { details?: Record<string, unknown>; status?: TileOrderStatus };

async function step(
	trx: Trx,
	orderNumber: string,
	action: TileOrderAction,
	ctx: OrderContext,
	write: (o: TileOrderRow, to: TileOrderStatus) => Promise<Written>,
): Promise<TileOrderView> {
	const o = await requireOrderRow(trx, orderNumber, true);
	const from = o.status as TileOrderStatus;
	const to = nextOrderStatus({ orderNumber: o.orderNumber, status: from, processing: o.processing === 1 }, action);
	const written = await write(o, to);
	const status = written.status ?? to;
	const r = await trx
		.updateTable('tileOrders')
		.set({ status, updatedAt: ctx.now })
		.where('id', '=', o.id)
		.where('status', '=', from)
		.executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1)
		throw new RuleViolation(`Order ${o.orderNumber} was changed by someone else at the same time; look at it again`);
	await recordOrderEvent(trx, o.id, action, from, status, ctx.actor, ctx.now, written.details ?? {});
	return await orderView(trx, o.id);
}

/** Stock prepared without processing, or processed by the factory, and the goods and processing paid: the order is paid (T8). */
function paidIfCovered(o: TileOrderRow, status: TileOrderStatus, money: Settlement): TileOrderStatus | undefined {
	const ready = (status === 'stock-prepared' && o.processing !== 1) || status === 'processed';
	return ready && dueBeforeDelivery(money) <= 0 ? 'paid' : undefined;
}

/** T4: the appointment to measure, with who holds the key. */
export async function scheduleMeasurement(trx: Trx, orderNumber: string, a: AppointmentInput, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'appointment', ctx, async (o) => {
		await trx
			.updateTable('tileOrders')
			.set({
				appointmentAt: a.appointmentAt,
				keyHolderName: a.keyHolder?.name ?? null,
				keyHolderPhone: a.keyHolder?.phone ?? null,
				appointmentNotes: a.notes,
			})
			.where('id', '=', o.id)
			.execute();
		return { details: { appointmentAt: a.appointmentAt, keyHolder: a.keyHolder } };
	});
}

/**
 * T4: the measurement result; measured lines replace the signed ones (their quantities
 * recomputed; a model already on the order keeps its agreed price). Measuring again after the
 * stock was prepared gives the reserved boxes back: prepare the stock again.
 */
export async function recordMeasurement(trx: Trx, orderNumber: string, m: MeasurementInput, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'measure', ctx, async (o) => {
		const released = o.status === 'stock-prepared' ? Object.fromEntries(await releaseAll(trx, o.id, ctx.now)) : undefined;
		if (m.lines) {
			const models = await resolveModels(trx, m.lines);
			const agreed = new Map((await orderLines(trx, o.id)).map((l) => [l.tileModelId, Number(l.pricePerBoxFen)]));
			await writeLines(trx, o.id, m.lines, models, agreed);
		}
		await trx
			.updateTable('tileOrders')
			.set({
				measuredAt: m.measuredAt,
				measuredBy: m.measuredBy,
				stockPreparedAt: null,
				...(m.keyHolder ? { keyHolderName: m.keyHolder.name, keyHolderPhone: m.keyHolder.phone } : {}),
			})
			.where('id', '=', o.id)
			.execute();
		return {
			details: {
				measuredAt: m.measuredAt,
				measuredBy: m.measuredBy,
				linesChanged: Boolean(m.lines),
				...(released ? { releasedBoxes: released } : {}),
			},
		};
	});
}

/**
 * T5: reserves every line's boxes (wastage and extra boxes included). When any model is short,
 * nothing is reserved and each short model is named (field lines[i].modelCode).
 */
export async function prepareStock(trx: Trx, orderNumber: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'prepareStock', ctx, async (o) => {
		const lines = await orderLines(trx, o.id);
		const need = new Map<number, { boxes: number; line: number; code: string }>();
		for (const [i, l] of lines.entries()) {
			const n = need.get(l.tileModelId);
			need.set(l.tileModelId, { boxes: (n?.boxes ?? 0) + l.boxes, line: n?.line ?? i, code: l.modelCode });
		}
		const models = await lockModels(trx, [...need.keys()]);
		const problems = new ProblemList();
		for (const m of models) {
			const n = need.get(m.id)!;
			const available = m.boxesOnHand - m.boxesReserved;
			if (n.boxes > available) {
				problems.add(
					`lines[${n.line}].modelCode`,
					`Stock (库存): ${n.code} needs ${n.boxes} boxes; ${Math.max(0, available)} available (${m.boxesOnHand} on hand, ${m.boxesReserved} reserved for other orders), ${n.boxes - Math.max(0, available)} short`,
				);
			}
		}
		problems.throwIfAny();
		for (const [modelId, n] of need) if (n.boxes > 0) await reserve(trx, o.id, modelId, n.boxes, 'order', ctx.now);
		await trx.updateTable('tileOrders').set({ stockPreparedAt: ctx.now }).where('id', '=', o.id).execute();
		return { details: { reserved: Object.fromEntries([...need.values()].map((n) => [n.code, n.boxes])) } };
	});
}

/**
 * T6–T7: the processing sheet to the factory: each line a model of the order with the whole
 * tiles to process (at most the pieces prepared) and the methods. Sending again replaces the sheet.
 */
export async function sendProcessing(trx: Trx, orderNumber: string, p: ProcessingSheetInput, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'sendProcessing', ctx, async (o) => {
		const lines = await orderLines(trx, o.id);
		const onOrder = new Map<string, { modelId: number; code: string; pieces: number }>();
		for (const l of lines) {
			const k = foldKey(l.modelCode);
			const e = onOrder.get(k);
			onOrder.set(k, { modelId: l.tileModelId, code: l.modelCode, pieces: (e?.pieces ?? 0) + l.boxes * l.piecesPerBox });
		}
		const problems = new ProblemList();
		const used = new Map<string, number>();
		for (const [i, line] of p.lines.entries()) {
			const e = onOrder.get(foldKey(line.modelCode));
			if (!e) {
				problems.add(
					`lines[${i}].modelCode`,
					`Model code (型号), line ${i + 1}: "${line.modelCode}" is not on order ${o.orderNumber}; expected one of ${[...onOrder.values()].map((x) => x.code).join(', ')}`,
				);
				continue;
			}
			const total = (used.get(e.code) ?? 0) + line.pieces;
			used.set(e.code, total);
			if (total > e.pieces)
				problems.add(
					`lines[${i}].pieces`,
					`Whole tiles to process (加工整砖数), line ${i + 1}: ${total} tiles of ${e.code} is more than the ${e.pieces} prepared for the order`,
				);
		}
		problems.throwIfAny();
		await trx.deleteFrom('tileProcessingLines').where('orderId', '=', o.id).execute();
		for (const [i, line] of p.lines.entries()) {
			const e = onOrder.get(foldKey(line.modelCode))!;
			await trx
				.insertInto('tileProcessingLines')
				.values({
					orderId: o.id,
					lineNo: i + 1,
					tileModelId: e.modelId,
					modelCode: e.code,
					pieces: line.pieces,
					cutting: line.cutting,
					edging: line.edging,
					chamfering: line.chamfering,
					notes: line.notes,
				})
				.execute();
		}
		await trx
			.updateTable('tileOrders')
			.set({
				factory: p.factory,
				factoryEmail: p.factoryEmail,
				processingSentAt: ctx.now,
				processing: 1,
				processingCompletionDate: null,
				processingFeeFen: null,
				processingConfirmedAt: null,
			})
			.where('id', '=', o.id)
			.execute();
		return { details: { factory: p.factory, lines: p.lines.length, resent: o.status === 'processing-sent' } };
	});
}

/** T7: the factory's completion date and processing fee. */
export async function confirmProcessing(
	trx: Trx,
	orderNumber: string,
	c: { completionDate: string; feeFen: number },
	ctx: OrderContext,
): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'confirmProcessing', ctx, async (o, to) => {
		await trx
			.updateTable('tileOrders')
			.set({ processingCompletionDate: c.completionDate, processingFeeFen: c.feeFen, processingConfirmedAt: ctx.now })
			.where('id', '=', o.id)
			.execute();
		const money = await orderMoney(trx, { ...o, processingFeeFen: c.feeFen });
		return { details: { completionDate: c.completionDate, feeFen: c.feeFen }, status: paidIfCovered(o, to, money) };
	});
}

/** T8: the payment notice (付款通知单): goods and fees, less deposit and payments; issuing again brings it up to date. */
export async function issuePaymentNotice(trx: Trx, orderNumber: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'paymentNotice', ctx, async (o) => {
		const money = await orderMoney(trx, o);
		const due = Math.max(0, dueBeforeDelivery(money));
		await trx.updateTable('tileOrders').set({ paymentNoticeAt: ctx.now, paymentNoticeFen: due }).where('id', '=', o.id).execute();
		return { details: { amountDueFen: due, goodsFen: money.goodsFen, processingFen: money.processingFen } };
	});
}

/**
 * T8/T11: a payment (or a refund: negative, with a reason), never more than is owed. Paying up
 * the goods and processing of an order ready for it makes it paid.
 */
export async function recordPayment(trx: Trx, orderNumber: string, p: PaymentInput, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'pay', ctx, async (o, to) => {
		const before = await orderMoney(trx, o);
		checkPayment(o.orderNumber, o.status as TileOrderStatus, p.amountFen, before);
		await trx
			.insertInto('tileOrderPayments')
			.values({ orderId: o.id, amountFen: p.amountFen, method: p.method, reason: p.reason, paidAt: ctx.now, actor: ctx.actor })
			.execute();
		// The order's stage invoices count what is paid on the order (issue 9).
		await syncOrderInvoicesPaid(trx, o.orderNumber, ctx.now);
		const after = await orderMoney(trx, o);
		return {
			details: { amountFen: p.amountFen, method: p.method, reason: p.reason, balanceFen: after.balanceFen },
			status: paidIfCovered(o, to, after),
		};
	});
}

/**
 * T9: delivery on the date agreed with the installer, once the goods and processing are paid
 * (deposit counted): the vehicles for the order's weight, the freight recorded as the store's
 * cost (never billed).
 */
export async function recordDelivery(
	trx: Trx,
	orderNumber: string,
	d: { deliveryDate: string; installer: { name: string; phone: string } | null },
	vehicles: readonly VehicleClass[],
	ctx: OrderContext,
): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'deliver', ctx, async (o) => {
		const money = await orderMoney(trx, o);
		const due = dueBeforeDelivery(money);
		if (due > 0) {
			throw new RuleViolation(
				`Order ${o.orderNumber} cannot be delivered: ${yuan(due)} of the goods and processing is still to be paid (goods ${yuan(money.goodsFen)}, processing ${yuan(money.processingFen)}, deposit ${yuan(money.depositFen)}, paid ${yuan(money.paidFen)})`,
				'status',
			);
		}
		const lines = await orderLines(trx, o.id);
		const plan = planVehicles(
			lines.map((l) => ({ boxes: l.boxes, boxWeightG: l.boxWeightG })),
			vehicles,
		);
		const trips = plan.trips.map((t) => ({
			vehicle: t.vehicle,
			vehicleName: t.vehicleName,
			payloadKg: t.payloadKg,
			loadKg: kg(t.loadG),
			boxes: t.boxes,
			freightFen: t.freightFen,
		}));
		const installer = d.installer ?? (o.installerName ? { name: o.installerName, phone: o.installerPhone ?? '' } : null);
		await trx
			.insertInto('tileOrderDeliveries')
			.values({
				orderId: o.id,
				deliveryDate: d.deliveryDate,
				installerName: installer?.name ?? null,
				installerPhone: installer?.phone ?? null,
				weightG: plan.totalWeightG,
				freightFen: plan.freightFen,
				trips: JSON.stringify(trips),
				createdAt: ctx.now,
			})
			.execute();
		if (d.installer)
			await trx
				.updateTable('tileOrders')
				.set({ installerName: d.installer.name, installerPhone: d.installer.phone })
				.where('id', '=', o.id)
				.execute();
		return {
			details: { deliveryDate: d.deliveryDate, trips: trips.map((t) => t.vehicle), freightFen: plan.freightFen, weightKg: kg(plan.totalWeightG) },
		};
	});
}

/** Installation starts after delivery (铺贴). */
export async function startInstallation(trx: Trx, orderNumber: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'startInstallation', ctx, async (o) => {
		await trx.updateTable('tileOrders').set({ installationStartedAt: ctx.now }).where('id', '=', o.id).execute();
		return {};
	});
}

/**
 * T10: extra boxes (reserved when recorded, charged at the price agreed on the order, else the
 * model's price), returned boxes (at most those delivered, credited at the price charged),
 * secondary processing (charged at the fee given).
 */
export async function recordSecondary(trx: Trx, orderNumber: string, s: SecondaryInput, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'secondary', ctx, async (o) => {
		const base = { orderId: o.id, notes: s.notes, createdAt: ctx.now, actor: ctx.actor };
		if (s.kind === 'reprocessing') {
			await trx
				.insertInto('tileOrderItems')
				.values({ ...base, kind: 'reprocessing', tileModelId: null, modelCode: s.modelCode, boxes: null, unitFen: null, amountFen: s.feeFen })
				.execute();
			return { details: { kind: s.kind, feeFen: s.feeFen } };
		}
		const [model] = await resolveModels(trx, [s], 'secondary').catch((error: unknown) => {
			if (error instanceof ValidationError)
				throw new ValidationError([
					{ field: 'modelCode', message: `Model code (型号): "${s.modelCode}" is not a tile model of the stock register (瓷砖库存)` },
				]);
			throw error;
		});
		const lines = (await orderLines(trx, o.id)).filter((l) => l.tileModelId === model.id);
		const items = await trx
			.selectFrom('tileOrderItems')
			.select(['kind', 'boxes', 'unitFen'])
			.where('orderId', '=', o.id)
			.where('tileModelId', '=', model.id)
			.execute();
		const agreed = lines[0] ? Number(lines[0].pricePerBoxFen) : items.find((i) => i.kind === 'extra')?.unitFen;
		if (s.kind === 'extra') {
			const [locked] = await lockModels(trx, [model.id]);
			const available = locked.boxesOnHand - locked.boxesReserved;
			if (s.boxes > available) {
				throw new RuleViolation(
					`Boxes (箱数): ${s.boxes} extra boxes of ${model.modelCode} is more than the ${Math.max(0, available)} available (${locked.boxesOnHand} on hand, ${locked.boxesReserved} reserved)`,
					'boxes',
				);
			}
			await reserve(trx, o.id, model.id, s.boxes, 'extra', ctx.now);
			const unit = agreed !== undefined && agreed !== null ? Number(agreed) : model.pricePerBoxFen;
			await trx
				.insertInto('tileOrderItems')
				.values({
					...base,
					kind: 'extra',
					tileModelId: model.id,
					modelCode: model.modelCode,
					boxes: s.boxes,
					unitFen: unit,
					amountFen: unit * s.boxes,
				})
				.execute();
			return { details: { kind: s.kind, modelCode: model.modelCode, boxes: s.boxes, amountFen: unit * s.boxes } };
		}
		const delivered = lines.reduce((n, l) => n + l.boxes, 0) + items.filter((i) => i.kind === 'extra').reduce((n, i) => n + (i.boxes ?? 0), 0);
		const returned = items.filter((i) => i.kind === 'return').reduce((n, i) => n + (i.boxes ?? 0), 0);
		checkReturn(model.modelCode, s.boxes, delivered, returned);
		const unit = Number(agreed ?? model.pricePerBoxFen);
		await trx
			.insertInto('tileOrderItems')
			.values({
				...base,
				kind: 'return',
				tileModelId: model.id,
				modelCode: model.modelCode,
				boxes: s.boxes,
				unitFen: unit,
				amountFen: unit * s.boxes,
			})
			.execute();
		return { details: { kind: s.kind, modelCode: model.modelCode, boxes: s.boxes, creditFen: unit * s.boxes } };
	});
}

/** T11: the settlement (结算单): goods + processing + secondary charges − returns − deposit − payments. Settling again shows the balance now. */
export async function settleOrder(trx: Trx, orderNumber: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'settle', ctx, async (o) => {
		const money = await orderMoney(trx, o);
		if (!o.settledAt) await trx.updateTable('tileOrders').set({ settledAt: ctx.now }).where('id', '=', o.id).execute();
		return { details: { settlement: money } };
	});
}

/**
 * T12: with a settled balance of zero, the inventory is decremented by the boxes delivered net of
 * returns — once: the order's row lock and status guard make a second completion a refusal — the
 * reservations are released and the order archived.
 */
export async function completeOrder(trx: Trx, orderNumber: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'complete', ctx, async (o) => {
		const money = await orderMoney(trx, o);
		checkCompletion(o.orderNumber, money.balanceFen);
		const returns = await trx
			.selectFrom('tileOrderItems')
			.select(['tileModelId', 'boxes'])
			.where('orderId', '=', o.id)
			.where('kind', '=', 'return')
			.execute();
		const returned = new Map<number, number>();
		for (const r of returns) returned.set(r.tileModelId!, (returned.get(r.tileModelId!) ?? 0) + (r.boxes ?? 0));
		const delivered = await releaseAll(trx, o.id, ctx.now);
		const moved: Record<string, number> = {};
		for (const modelId of [...delivered.keys()].sort((a, b) => a - b)) {
			const net = delivered.get(modelId)! - (returned.get(modelId) ?? 0);
			if (net <= 0) continue;
			const { movement } = await adjustStock(
				trx,
				{ id: modelId },
				-net,
				`order ${o.orderNumber} completed: ${delivered.get(modelId)} delivered, ${returned.get(modelId) ?? 0} returned`,
				ctx.now,
			);
			moved[movement.modelCode] = -net;
		}
		await trx.updateTable('tileOrders').set({ completedAt: ctx.now, archivedAt: ctx.now }).where('id', '=', o.id).execute();
		return { details: { stock: moved } };
	});
}

/** Cancellation before delivery gives the reserved boxes back; the reason is kept. */
export async function cancelOrder(trx: Trx, orderNumber: string, reason: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'cancel', ctx, async (o) => {
		const released = await releaseAll(trx, o.id, ctx.now);
		await trx.updateTable('tileOrders').set({ cancelledAt: ctx.now, cancelReason: reason }).where('id', '=', o.id).execute();
		// Its payment notice's invoice, if issued, is void with the order (issue 9).
		const voided = await voidOrderInvoices(trx, o.orderNumber, reason, ctx.actor, ctx.now);
		return { details: { reason, releasedBoxes: Object.fromEntries(released), ...(voided.length ? { voidedInvoices: voided } : {}) } };
	});
}

export async function getOrder(trx: Trx, orderNumber: string): Promise<TileOrderView> {
	return await orderView(trx, (await requireOrderRow(trx, orderNumber)).id);
}

// ---------------------------------------------------------------------------------------------
// For invoices (issue 9): what an order stage charges

export type OrderStage = 'payment-notice' | 'settlement';

export interface StageChargeLine {
	kind: 'goods' | 'processing' | 'extra' | 'reprocessing' | 'return';
	description: string;
	/** Boxes (goods, extra, return) or 1. */
	quantity: number;
	unitFen: number;
	/** Negative for returns (a credit). */
	amountFen: number;
}

export interface StageCharges {
	orderNumber: string;
	stage: OrderStage;
	customer: { code: string; name: string; phone: string; email: string | null; address: string };
	lines: StageChargeLine[];
	totalFen: number;
	/** The order's whole money as it stands, for reference. */
	settlement: Settlement;
}

/**
 * What a stage of the order charges, in fen, for an invoice: the payment notice charges the goods
 * and processing (T8); the settlement charges what installation added — extra tiles, secondary
 * processing — less returns (T10/T11). The two stages together are everything the order
 * charges, so invoicing both bills nothing twice. Refused when the stage is not reached.
 */
export async function orderStageCharges(trx: Trx, orderNumber: string, stage: OrderStage): Promise<StageCharges> {
	const o = await requireOrderRow(trx, orderNumber);
	if (stage === 'payment-notice' && !o.paymentNoticeAt) throw new RuleViolation(`Order ${o.orderNumber} has no payment notice yet`, 'stage');
	if (stage === 'settlement' && !['settled', 'completed'].includes(o.status))
		throw new RuleViolation(`Order ${o.orderNumber} is not settled yet`, 'stage');
	if (stage !== 'payment-notice' && stage !== 'settlement')
		throw new NotFoundError(`${shown(stage)} is not a stage of a tile order; expected payment-notice or settlement`, 'stage');
	const customer = await trx.selectFrom('customers').select('code').where('id', '=', o.customerId).executeTakeFirstOrThrow();
	const lines: StageChargeLine[] = [];
	if (stage === 'payment-notice') {
		for (const l of await orderLines(trx, o.id)) {
			lines.push({
				kind: 'goods',
				description: `${l.modelCode} ${l.modelName} ${l.widthMm}×${l.heightMm}`,
				quantity: l.boxes,
				unitFen: Number(l.pricePerBoxFen),
				amountFen: Number(l.amountFen),
			});
		}
		if (o.processingFeeFen)
			lines.push({
				kind: 'processing',
				description: `加工费 Processing${o.factory ? ` (${o.factory})` : ''}`,
				quantity: 1,
				unitFen: Number(o.processingFeeFen),
				amountFen: Number(o.processingFeeFen),
			});
	} else {
		const items = await trx.selectFrom('tileOrderItems').selectAll().where('orderId', '=', o.id).orderBy('id').execute();
		for (const i of items) {
			if (i.kind === 'reprocessing')
				lines.push({
					kind: 'reprocessing',
					description: `二次加工 Secondary processing${i.notes ? `: ${i.notes}` : ''}`,
					quantity: 1,
					unitFen: Number(i.amountFen),
					amountFen: Number(i.amountFen),
				});
			else {
				const sign = i.kind === 'return' ? -1 : 1;
				lines.push({
					kind: i.kind,
					description: `${i.kind === 'extra' ? '补砖 Extra tiles' : '退砖 Returned tiles'} ${i.modelCode ?? ''}`.trim(),
					quantity: i.boxes ?? 0,
					unitFen: Number(i.unitFen ?? 0),
					amountFen: sign * Number(i.amountFen),
				});
			}
		}
	}
	return {
		orderNumber: o.orderNumber,
		stage,
		customer: { code: customer.code, name: o.customerName, phone: o.phone, email: o.email, address: o.address },
		lines,
		totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
		settlement: await orderMoney(trx, o),
	};
}
