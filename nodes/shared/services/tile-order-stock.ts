/**
 * The tile order's stock: the models of its lines, the lines priced and computed from them, the
 * boxes reserved when the stock is prepared (T5) and taken out of the inventory at completion
 * (T12), net of returns.
 */
import type { Trx } from '../store/schema';
import { ProblemList } from '../rules/errors';
import { foldKey } from '../rules/natural-keys';
import { linesFiguresPerModel } from '../rules/tile-stock';
import type { OrderLineInput } from '../rules/tile-order-inputs';
import { adjustStock, tileModelsByKey, type TileModel } from '../store/registers/tile-models';
import { orderItems, orderLines, replaceOrderLines, updateOrder } from '../store/registers/tile-order-rows';
import { lockTileModels, releaseOrderReservations, reserveBoxes } from '../store/registers/tile-reservations';
import type { TileOrderView } from '../store/registers/tile-orders';
import { step, type OrderContext } from './tile-order-step';
import { installationOfCompletedOrder } from '../rules/tile-order-installation';
import { createInstallation, findInstallation } from '../store/registers/installations';

/** The models of the lines, by line index; every unknown model is reported at once (field lines[i].modelCode). */
export async function resolveModels(trx: Trx, lines: ReadonlyArray<{ modelCode: string }>, field = 'lines'): Promise<TileModel[]> {
	const keys = [...new Set(lines.map((l) => foldKey(l.modelCode)))];
	const byKey = await tileModelsByKey(trx, keys);
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
export async function writeLines(
	trx: Trx,
	orderId: number,
	lines: OrderLineInput[],
	models: TileModel[],
	agreedPrice: Map<number, number> = new Map(),
): Promise<void> {
	const priceOf = (m: TileModel) => agreedPrice.get(m.id) ?? m.pricePerBoxFen;
	// T5 per model: the lines of one model summed before rounding, its extra boxes once (on its first line).
	const perModel = linesFiguresPerModel(
		lines.map((line, i) => {
			const m = models[i];
			return {
				tile: {
					modelCode: `#${m.id}`,
					widthMm: m.widthMm,
					heightMm: m.heightMm,
					piecesPerBox: m.piecesPerBox,
					boxWeightG: Math.round(m.boxWeightKg * 1000),
					pricePerBoxFen: priceOf(m),
				},
				quantity: line,
			};
		}),
	);
	const rows = lines.map((line, i) => {
		const m = models[i];
		const price = priceOf(m);
		const f = perModel.lines[i];
		return {
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
			extraBoxes: f.extraBoxes,
			piecesNeeded: f.piecesNeeded,
			boxes: f.boxes,
			weightG: f.weightG,
			amountFen: f.amountFen!,
		};
	});
	await replaceOrderLines(trx, orderId, rows);
}

/**
 * T5: reserves each model's boxes (its lines summed before rounding, the extra boxes once). When any model is short,
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
		const models = await lockTileModels(trx, [...need.keys()]);
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
		for (const [modelId, n] of need) if (n.boxes > 0) await reserveBoxes(trx, o.id, modelId, n.boxes, 'order', ctx.now);
		await updateOrder(trx, o.id, { stockPreparedAt: ctx.now });
		return { details: { reserved: Object.fromEntries([...need.values()].map((n) => [n.code, n.boxes])) } };
	});
}

/**
 * T12's stock: the reservations released and the inventory decremented by the boxes delivered
 * net of returns; what moved, per model code.
 */
export async function takeDeliveredOutOfStock(trx: Trx, order: { id: number; orderNumber: string }, now: string): Promise<Record<string, number>> {
	const returns = await orderItems(trx, order.id, { kind: 'return' });
	const returned = new Map<number, number>();
	for (const r of returns) returned.set(r.tileModelId!, (returned.get(r.tileModelId!) ?? 0) + (r.boxes ?? 0));
	const delivered = await releaseOrderReservations(trx, order.id, now);
	const moved: Record<string, number> = {};
	for (const modelId of [...delivered.keys()].sort((a, b) => a - b)) {
		const net = delivered.get(modelId)! - (returned.get(modelId) ?? 0);
		if (net <= 0) continue;
		const { movement } = await adjustStock(
			trx,
			{ id: modelId },
			-net,
			`order ${order.orderNumber} completed: ${delivered.get(modelId)} delivered, ${returned.get(modelId) ?? 0} returned`,
			now,
		);
		moved[movement.modelCode] = -net;
	}
	return moved;
}

/**
 * A completed order becomes an installation of its customer (RULES turn 3): serial no = the order
 * number, its models, completed today, the installer's warranty. One already registered under the
 * order number is kept as it is (`created: false`).
 */
export async function registerInstallation(
	trx: Trx,
	order: { id: number; orderNumber: string; customerId: number },
	ctx: OrderContext,
	warrantyMonths?: number,
): Promise<{ serialNo: string; completedOn: string; warrantyUntil: string; created: boolean }> {
	const lines = await orderLines(trx, order.id);
	const fields = installationOfCompletedOrder(
		{ orderNumber: order.orderNumber, lines: lines.map((l) => ({ ...l, areaMm2: Number(l.areaMm2) })) },
		ctx.today,
		warrantyMonths,
	);
	const existing = await findInstallation(trx, { serialNo: fields.serialNo });
	if (existing) return { serialNo: existing.serialNo, completedOn: existing.completedOn, warrantyUntil: existing.warrantyUntil, created: false };
	const made = await createInstallation(trx, { ...fields, customer: { id: order.customerId } }, ctx.now);
	return { serialNo: made.serialNo, completedOn: made.completedOn, warrantyUntil: made.warrantyUntil, created: true };
}
