/**
 * A tile order from signed order to archive (T1–T12): its statuses, the steps and the status each
 * leads to, and its number. Pure: the store and the service (services/tile-orders.ts) call these;
 * what each step takes in is tile-order-inputs.ts, the money tile-order-money.ts.
 *
 * signed (deposit) → measured → stock-prepared → (processing-sent → processed) → paid →
 * delivered → installing → settled → completed; cancelled before delivery.
 */
import { RuleViolation, shown } from './errors';
import { documentNumber } from './numbering';

export type TileOrderStatus =
	| 'signed'
	| 'measured'
	| 'stock-prepared'
	| 'processing-sent'
	| 'processed'
	| 'paid'
	| 'delivered'
	| 'installing'
	| 'settled'
	| 'completed'
	| 'cancelled';

export const TILE_ORDER_STATUSES: readonly TileOrderStatus[] = [
	'signed',
	'measured',
	'stock-prepared',
	'processing-sent',
	'processed',
	'paid',
	'delivered',
	'installing',
	'settled',
	'completed',
	'cancelled',
];

export const TILE_ORDER_STATUS_LABELS: Record<TileOrderStatus, { en: string; zh: string }> = {
	signed: { en: 'Signed', zh: '已签单' },
	measured: { en: 'Measured', zh: '已测量' },
	'stock-prepared': { en: 'Stock prepared', zh: '已备货' },
	'processing-sent': { en: 'Sent for processing', zh: '已发加工' },
	processed: { en: 'Processed', zh: '加工完成' },
	paid: { en: 'Paid', zh: '已付款' },
	delivered: { en: 'Delivered', zh: '已发货' },
	installing: { en: 'Installing', zh: '铺贴中' },
	settled: { en: 'Settled', zh: '已结算' },
	completed: { en: 'Completed', zh: '已完成' },
	cancelled: { en: 'Cancelled', zh: '已取消' },
};

export type TileOrderAction =
	| 'appointment'
	| 'measure'
	| 'prepareStock'
	| 'sendProcessing'
	| 'confirmProcessing'
	| 'paymentNotice'
	| 'pay'
	| 'deliver'
	| 'startInstallation'
	| 'secondary'
	| 'settle'
	| 'complete'
	| 'cancel';

/** The steps and the statuses each may start from; the status after it (undefined: unchanged). */
const TRANSITIONS: Record<TileOrderAction, { from: readonly TileOrderStatus[]; to?: TileOrderStatus }> = {
	appointment: { from: ['signed', 'measured'] },
	measure: { from: ['signed', 'measured', 'stock-prepared'], to: 'measured' },
	prepareStock: { from: ['measured'], to: 'stock-prepared' },
	sendProcessing: { from: ['stock-prepared', 'processing-sent'], to: 'processing-sent' },
	confirmProcessing: { from: ['processing-sent'], to: 'processed' },
	paymentNotice: { from: ['stock-prepared', 'processed', 'paid'] },
	pay: { from: ['signed', 'measured', 'stock-prepared', 'processing-sent', 'processed', 'paid', 'delivered', 'installing', 'settled', 'cancelled'] },
	deliver: { from: ['stock-prepared', 'processed', 'paid'], to: 'delivered' },
	startInstallation: { from: ['delivered'], to: 'installing' },
	secondary: { from: ['delivered', 'installing'], to: 'installing' },
	settle: { from: ['delivered', 'installing', 'settled'], to: 'settled' },
	complete: { from: ['settled'], to: 'completed' },
	cancel: { from: ['signed', 'measured', 'stock-prepared', 'processing-sent', 'processed', 'paid'], to: 'cancelled' },
};

const PHRASE: Record<TileOrderAction, string> = {
	appointment: 'get a measurement appointment',
	measure: 'be measured',
	prepareStock: 'have its stock prepared',
	sendProcessing: 'be sent for processing',
	confirmProcessing: 'have its processing confirmed',
	paymentNotice: 'get a payment notice',
	pay: 'take a payment',
	deliver: 'be delivered',
	startInstallation: 'start installation',
	secondary: 'take secondary items (extra tiles, returns, reprocessing)',
	settle: 'be settled',
	complete: 'be completed',
	cancel: 'be cancelled',
};

function whyNot(status: TileOrderStatus, action: TileOrderAction): string {
	if (status === 'completed') return 'it is already completed and archived';
	if (status === 'cancelled') return 'it was cancelled';
	const now = `it is ${TILE_ORDER_STATUS_LABELS[status].en.toLowerCase()} (${TILE_ORDER_STATUS_LABELS[status].zh})`;
	switch (action) {
		case 'appointment':
		case 'measure':
			return `its stock is already prepared and ${now}`;
		case 'prepareStock':
			return status === 'signed' ? 'it has not been measured yet (POST measurement first)' : `its stock is already prepared; ${now}`;
		case 'sendProcessing':
			return ['signed', 'measured'].includes(status) ? 'its stock is not prepared yet' : `${now}; processing comes before payment and delivery`;
		case 'confirmProcessing':
			return status === 'processed' ? 'the factory already confirmed it' : 'it has not been sent to the factory yet';
		case 'paymentNotice':
			if (['signed', 'measured'].includes(status)) return 'its stock is not prepared yet, so the goods are not known';
			if (status === 'processing-sent') return 'the factory has not confirmed the processing fee yet';
			return `${now}; the settlement statement is the notice after delivery`;
		case 'deliver':
			if (['signed', 'measured'].includes(status)) return 'its stock is not prepared yet';
			if (status === 'processing-sent') return 'the factory has not confirmed the processing yet';
			return `it is already ${TILE_ORDER_STATUS_LABELS[status].en.toLowerCase()}`;
		case 'startInstallation':
			return status === 'installing' || status === 'settled' ? `${now}` : 'it has not been delivered yet';
		case 'secondary':
			return status === 'settled' ? 'it is already settled' : 'it has not been delivered yet';
		case 'settle':
			return 'it has not been delivered yet';
		case 'complete':
			return 'it has not been settled yet (POST settle first)';
		case 'cancel':
			return `it was already delivered (${TILE_ORDER_STATUS_LABELS[status].zh}); record returns instead`;
		default:
			return now;
	}
}

/**
 * The status after `action`, or a RuleViolation (field `status`) telling why the step does not fit:
 * "Order DD-20261127-0001 cannot be delivered: the factory has not confirmed the processing yet".
 */
export function nextOrderStatus(
	order: { orderNumber: string; status: TileOrderStatus; processing: boolean },
	action: TileOrderAction,
): TileOrderStatus {
	const t = TRANSITIONS[action];
	if (!t) throw new RuleViolation(`Order ${order.orderNumber}: ${shown(action)} is not a step of a tile order`, 'action');
	if (!t.from.includes(order.status))
		throw new RuleViolation(`Order ${order.orderNumber} cannot ${PHRASE[action]}: ${whyNot(order.status, action)}`, 'status');
	if (order.processing && (action === 'deliver' || action === 'paymentNotice') && order.status === 'stock-prepared') {
		throw new RuleViolation(
			`Order ${order.orderNumber} cannot ${PHRASE[action]}: the customer wants processing and it has not been sent to the factory yet`,
			'status',
		);
	}
	return t.to ?? order.status;
}

/** Tile order (瓷砖订单): DD-20261127-0001, gap-free per day. */
export function tileOrderNumber(date: string, seq: number): string {
	return documentNumber('DD', 'tile order', date, seq);
}

// ---------------------------------------------------------------------------------------------
// Money (T8, T10, T11)
