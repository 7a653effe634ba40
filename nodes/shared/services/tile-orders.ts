/**
 * The tile order's use cases (T1–T12), one file per seam: create (T1–T3), the steps after
 * signing, the stock the order holds, and what a stage charges for an invoice. Each step runs in
 * one transaction: the rule decides whether it fits the order's state, the order row is locked,
 * stock rows are locked in id order, and the step is kept in the audit trail.
 */
export type { OrderContext } from './tile-order-step';
export { createOrder, type Created } from './tile-order-create';
export { prepareStock } from './tile-order-stock';
export {
	cancelOrder,
	completeOrder,
	confirmProcessing,
	getOrder,
	issuePaymentNotice,
	recordDelivery,
	recordMeasurement,
	recordPayment,
	recordSecondary,
	scheduleMeasurement,
	sendProcessing,
	settleOrder,
	startInstallation,
} from './tile-order-steps';
export { orderStageCharges, type OrderStage, type StageChargeLine, type StageCharges } from './tile-order-charges';
