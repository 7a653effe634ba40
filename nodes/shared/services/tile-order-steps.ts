/**
 * The tile order's steps after signing (T4–T12), each in one transaction through step(): the
 * measurement, the processing sheet and its confirmation, the payment notice and payments,
 * delivery, installation, secondary items, settlement, completion and cancellation.
 */
import type { Trx } from '../store/schema';
import { ProblemList, RuleViolation, ValidationError } from '../rules/errors';
import { yuan } from '../rules/money';
import { foldKey } from '../rules/natural-keys';
import {
	insertOrderDelivery,
	insertOrderItem,
	insertOrderPayment,
	orderItems,
	orderLines,
	orderMoney,
	replaceProcessingLines,
	requireOrderRow,
	updateOrder,
} from '../store/registers/tile-order-rows';
import { lockTileModels, releaseOrderReservations, reserveBoxes } from '../store/registers/tile-reservations';
import { orderView, type TileOrderView } from '../store/registers/tile-orders';
import { checkCompletion, checkPayment, checkReturn, dueBeforeDelivery } from '../rules/tile-order-money';
import {
	type AppointmentInput,
	type MeasurementInput,
	type PaymentInput,
	type ProcessingSheetInput,
	type SecondaryInput,
} from '../rules/tile-order-inputs';
import { type TileOrderStatus } from '../rules/tile-order-lifecycle';
import { syncOrderInvoicesPaid, voidOrderInvoices } from '../store/registers/order-invoices';
import { kg, planVehicles, tripInKg, type VehicleClass } from '../rules/tile-vehicles';
import { paidIfCovered, step, type OrderContext } from './tile-order-step';
import { registerInstallation, resolveModels, takeDeliveredOutOfStock, writeLines } from './tile-order-stock';
import { findCustomer } from '../store/registers/customers';
import { queuePaymentSms } from './outbox-producers';

/** T4: the appointment to measure, with who holds the key. */
export async function scheduleMeasurement(trx: Trx, orderNumber: string, a: AppointmentInput, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'appointment', ctx, async (o) => {
		await updateOrder(trx, o.id, {
			appointmentAt: a.appointmentAt,
			keyHolderName: a.keyHolder?.name ?? null,
			keyHolderPhone: a.keyHolder?.phone ?? null,
			appointmentNotes: a.notes,
		});
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
		const released = o.status === 'stock-prepared' ? Object.fromEntries(await releaseOrderReservations(trx, o.id, ctx.now)) : undefined;
		if (m.lines) {
			const models = await resolveModels(trx, m.lines);
			const agreed = new Map((await orderLines(trx, o.id)).map((l) => [l.tileModelId, Number(l.pricePerBoxFen)]));
			await writeLines(trx, o.id, m.lines, models, agreed);
		}
		await updateOrder(trx, o.id, {
			measuredAt: m.measuredAt,
			measuredBy: m.measuredBy,
			stockPreparedAt: null,
			...(m.keyHolder ? { keyHolderName: m.keyHolder.name, keyHolderPhone: m.keyHolder.phone } : {}),
		});
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
		await replaceProcessingLines(
			trx,
			o.id,
			p.lines.map((line) => {
				const e = onOrder.get(foldKey(line.modelCode))!;
				return {
					tileModelId: e.modelId,
					modelCode: e.code,
					pieces: line.pieces,
					cutting: line.cutting,
					edging: line.edging,
					chamfering: line.chamfering,
					notes: line.notes,
				};
			}),
		);
		await updateOrder(trx, o.id, {
			factory: p.factory,
			factoryEmail: p.factoryEmail,
			processingSentAt: ctx.now,
			processing: 1,
			processingCompletionDate: null,
			processingFeeFen: null,
			processingConfirmedAt: null,
		});
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
		await updateOrder(trx, o.id, { processingCompletionDate: c.completionDate, processingFeeFen: c.feeFen, processingConfirmedAt: ctx.now });
		const money = await orderMoney(trx, { ...o, processingFeeFen: c.feeFen });
		return { details: { completionDate: c.completionDate, feeFen: c.feeFen }, status: paidIfCovered(o, to, money) };
	});
}

/**
 * T8: the payment notice (付款通知单): goods and fees, less deposit and payments; issuing again brings
 * it up to date. An order without email whose customer has a mainland mobile gets it by SMS (once).
 */
export async function issuePaymentNotice(trx: Trx, orderNumber: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'paymentNotice', ctx, async (o) => {
		const money = await orderMoney(trx, o);
		const due = Math.max(0, dueBeforeDelivery(money));
		await updateOrder(trx, o.id, { paymentNoticeAt: ctx.now, paymentNoticeFen: due });
		// No email on the order, a mainland mobile: the notice goes by SMS, queued with it (issue 19).
		const file = await findCustomer(trx, { id: o.customerId });
		const who = { orderNumber: o.orderNumber, customerName: o.customerName, contactPerson: o.contactPerson };
		await queuePaymentSms(trx, { ...who, email: o.email, phones: [o.phone, file?.phone ?? null], amountFen: due }, ctx.now);
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
		await insertOrderPayment(trx, { orderId: o.id, amountFen: p.amountFen, method: p.method, reason: p.reason, paidAt: ctx.now, actor: ctx.actor });
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
		const trips = plan.trips.map(tripInKg);
		const installer = d.installer ?? (o.installerName ? { name: o.installerName, phone: o.installerPhone ?? '' } : null);
		await insertOrderDelivery(trx, {
			orderId: o.id,
			deliveryDate: d.deliveryDate,
			installerName: installer?.name ?? null,
			installerPhone: installer?.phone ?? null,
			weightG: plan.totalWeightG,
			freightFen: plan.freightFen,
			trips: JSON.stringify(trips),
			createdAt: ctx.now,
		});
		if (d.installer) await updateOrder(trx, o.id, { installerName: d.installer.name, installerPhone: d.installer.phone });
		return {
			details: { deliveryDate: d.deliveryDate, trips: trips.map((t) => t.vehicle), freightFen: plan.freightFen, weightKg: kg(plan.totalWeightG) },
		};
	});
}

/** Installation starts after delivery (铺贴). */
export async function startInstallation(trx: Trx, orderNumber: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'startInstallation', ctx, async (o) => {
		await updateOrder(trx, o.id, { installationStartedAt: ctx.now });
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
			await insertOrderItem(trx, {
				...base,
				kind: 'reprocessing',
				tileModelId: null,
				modelCode: s.modelCode,
				boxes: null,
				unitFen: null,
				amountFen: s.feeFen,
			});
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
		const items = await orderItems(trx, o.id, { tileModelId: model.id });
		const agreed = lines[0] ? Number(lines[0].pricePerBoxFen) : items.find((i) => i.kind === 'extra')?.unitFen;
		const addItem = (kind: 'extra' | 'return', unit: number) =>
			insertOrderItem(trx, {
				...base,
				kind,
				tileModelId: model.id,
				modelCode: model.modelCode,
				boxes: s.boxes,
				unitFen: unit,
				amountFen: unit * s.boxes,
			});
		if (s.kind === 'extra') {
			const [locked] = await lockTileModels(trx, [model.id]);
			const available = locked.boxesOnHand - locked.boxesReserved;
			if (s.boxes > available) {
				throw new RuleViolation(
					`Boxes (箱数): ${s.boxes} extra boxes of ${model.modelCode} is more than the ${Math.max(0, available)} available (${locked.boxesOnHand} on hand, ${locked.boxesReserved} reserved)`,
					'boxes',
				);
			}
			await reserveBoxes(trx, o.id, model.id, s.boxes, 'extra', ctx.now);
			const unit = agreed !== undefined && agreed !== null ? Number(agreed) : model.pricePerBoxFen;
			await addItem('extra', unit);
			return { details: { kind: s.kind, modelCode: model.modelCode, boxes: s.boxes, amountFen: unit * s.boxes } };
		}
		const delivered = lines.reduce((n, l) => n + l.boxes, 0) + items.filter((i) => i.kind === 'extra').reduce((n, i) => n + (i.boxes ?? 0), 0);
		const returned = items.filter((i) => i.kind === 'return').reduce((n, i) => n + (i.boxes ?? 0), 0);
		checkReturn(model.modelCode, s.boxes, delivered, returned);
		const unit = Number(agreed ?? model.pricePerBoxFen);
		await addItem('return', unit);
		return { details: { kind: s.kind, modelCode: model.modelCode, boxes: s.boxes, creditFen: unit * s.boxes } };
	});
}

/** T11: the settlement (结算单): goods + processing + secondary charges − returns − deposit − payments. Settling again shows the balance now. */
export async function settleOrder(trx: Trx, orderNumber: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'settle', ctx, async (o) => {
		const money = await orderMoney(trx, o);
		if (!o.settledAt) await updateOrder(trx, o.id, { settledAt: ctx.now });
		return { details: { settlement: money } };
	});
}

/**
 * T12: with a settled balance of zero, the inventory is decremented by the boxes delivered net of
 * returns — once: the order's row lock and status guard make a second completion a refusal — the
 * reservations are released and the order archived. In the same transaction the order becomes an
 * installation of its customer (serial no = the order number, warranty `warrantyMonths`, 12, from
 * the completion day), so a repair report for that customer finds it; one already registered
 * under the order number (typed in by hand) is kept as it is.
 */
export async function completeOrder(
	trx: Trx,
	orderNumber: string,
	ctx: OrderContext,
	options: { warrantyMonths?: number } = {},
): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'complete', ctx, async (o) => {
		const money = await orderMoney(trx, o);
		checkCompletion(o.orderNumber, money.balanceFen);
		const moved = await takeDeliveredOutOfStock(trx, o, ctx.now);
		await updateOrder(trx, o.id, { completedAt: ctx.now, archivedAt: ctx.now });
		const installation = await registerInstallation(trx, o, ctx, options.warrantyMonths);
		return { details: { stock: moved, installation } };
	});
}

/** Cancellation before delivery gives the reserved boxes back; the reason is kept. */
export async function cancelOrder(trx: Trx, orderNumber: string, reason: string, ctx: OrderContext): Promise<TileOrderView> {
	return await step(trx, orderNumber, 'cancel', ctx, async (o) => {
		const released = await releaseOrderReservations(trx, o.id, ctx.now);
		await updateOrder(trx, o.id, { cancelledAt: ctx.now, cancelReason: reason });
		// Its payment notice's invoice, if issued, is void with the order (issue 9).
		const voided = await voidOrderInvoices(trx, o.orderNumber, reason, ctx.actor, ctx.now);
		return { details: { reason, releasedBoxes: Object.fromEntries(released), ...(voided.length ? { voidedInvoices: voided } : {}) } };
	});
}

export async function getOrder(trx: Trx, orderNumber: string): Promise<TileOrderView> {
	return await orderView(trx, (await requireOrderRow(trx, orderNumber)).id);
}
