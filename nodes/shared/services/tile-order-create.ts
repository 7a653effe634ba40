/** T1–T3: a signed order, with its deposit and service content, its lines computed and checked against the stock. */
import type { Store } from '../store/store';
import { ValidationError } from '../rules/errors';
import { nextInSequence } from '../store/counters';
import { findOrCreateCustomer, updateCustomer } from '../store/registers/customers';
import { findOrderRow, insertOrder } from '../store/registers/tile-order-rows';
import { appendHistory } from '../store/registers/common';
import { orderView, type TileOrderView } from '../store/registers/tile-orders';
import { tileOrderNumber } from '../rules/tile-order-lifecycle';
import { type OrderInput } from '../rules/tile-order-inputs';
import { retryOnceIfDuplicate } from './retry';
import { resolveModels, writeLines } from './tile-order-stock';
import type { OrderContext } from './tile-order-step';

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
		const { customer, created: customerCreated } = await findOrCreateCustomer(
			trx,
			input,
			ctx.now,
			(code) =>
				new ValidationError([
					{
						field: 'customerCode',
						message: `Customer code (客户编号): "${code}" is not in the customer file; leave it empty to register a new customer by name and phone`,
					},
				]),
		);
		if (!customerCreated && input.email && !customer.email) await updateCustomer(trx, customer.id, { email: input.email }, ctx.now);
		const seq = await nextInSequence(trx, 'tile-order', ctx.today);
		const id = await insertOrder(trx, {
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
		});
		await writeLines(trx, id, input.lines, models);
		const view = await orderView(trx, id);
		await appendHistory(
			trx,
			{ orderId: id },
			{
				action: 'sign',
				fromStatus: null,
				toStatus: 'signed',
				actor: ctx.actor,
				at: ctx.now,
				details: {
					depositFen: input.depositFen,
					processing: input.processing,
					installer: input.installer,
					goodsFen: view.goodsFen,
					stockSufficient: view.stockSufficient,
				},
			},
		);
		return { order: await orderView(trx, id), duplicate: false, customerCreated };
	});
}

/** T1–T3: records the signed order with its deposit and service content, its lines computed and checked against the stock. */
export async function createOrder(store: Store, input: OrderInput, ctx: OrderContext): Promise<Created> {
	// Two orders at once that both created the customer file, or both carry one idempotency key:
	// the loser runs again and finds the winner's customer (or order).
	return await retryOnceIfDuplicate(() => createOnce(store, input, ctx));
}
