/**
 * Labels of the tile store's documents (付款通知单, 加工单, 送货单, 结算单), Chinese as the shop
 * words them, and English. Kept apart from labels.ts (the repair service's forms).
 */
import { resolveLang, type DocumentLang } from './html';

const ZH = {
	paymentNotice: '付款通知单',
	processingSheet: '加工单',
	deliveryNote: '送货单',
	settlementStatement: '结算单',

	orderNumber: '订单号',
	orderDay: '签单日期',
	issuedAt: '通知日期',
	customerName: '客户名称',
	contactPerson: '联系人',
	phone: '电话',
	address: '地址',
	installer: '铺贴工人',

	lineNo: '序号',
	modelCode: '型号',
	name: '名称',
	size: '规格(mm)',
	area: '面积(m²)',
	wastage: '损耗',
	pieces: '片数',
	boxes: '箱数',
	piecesPerBox: '每箱片数',
	unitPrice: '单价(元/箱)',
	amount: '金额(元)',
	weightKg: '重量(kg)',

	goods: '货款',
	modelTotal: '同型号合计（多备箱数按型号计一次）',
	processingFee: '加工费',
	extra: '补砖',
	reprocessing: '二次加工',
	returns: '退砖',
	deposit: '已付定金',
	paid: '已付款',
	totalCharges: '应付合计',
	amountDue: '本次应付金额',
	balanceOwed: '客户应补付',
	balanceRefund: '本店应退还',
	balanceSettled: '已结清',

	factory: '加工厂',
	sentAt: '发单日期',
	completionDate: '完成日期',
	wholeTiles: '加工整砖数',
	cutting: '切割',
	edging: '磨边/倒边',
	chamfering: '倒角',
	notes: '备注',
	checkedBy: '核对人',
	factoryConfirm: '加工厂确认',

	deliveryDate: '送货日期',
	vehicles: '车辆安排',
	trip: '车次',
	vehicle: '车型',
	payloadKg: '载重(kg)',
	loadKg: '装载(kg)',
	totalBoxes: '合计箱数',
	totalWeight: '合计重量(kg)',
	receivedBy: '收货人签字',
	deliveredBy: '送货人签字',
	date: '日期',

	secondaryItems: '二次费用明细',
	kind: '类型',
	payments: '付款记录',
	paidAt: '付款时间',
	method: '付款方式',
	reason: '原因',
	settledAt: '结算日期',
	customerSignature: '客户签字',

	paymentNoticeNote: '请于送货前到店付清货款及加工费（已付定金及已付款项已扣除）。运费由本店承担。',
	processingNote: '请核对型号、规格及加工数量，确认完成日期及加工费后回复本店。',
	deliveryNote_: '运费由本店承担。收货时请清点箱数，如有破损请当场注明。',
	settlementNote: '铺贴完毕，请到店结清账款。铺贴工人工费由客户直接支付给工人，不在本结算单内。',
} as const;

export type TileLabels = Readonly<Record<keyof typeof ZH, string>>;

const EN: TileLabels = {
	paymentNotice: 'Payment Notice',
	processingSheet: 'Processing Sheet',
	deliveryNote: 'Delivery Note',
	settlementStatement: 'Settlement Statement',

	orderNumber: 'Order No.',
	orderDay: 'Signed on',
	issuedAt: 'Issued on',
	customerName: 'Customer',
	contactPerson: 'Contact person',
	phone: 'Phone',
	address: 'Address',
	installer: 'Installer',

	lineNo: 'No.',
	modelCode: 'Model',
	name: 'Name',
	size: 'Size (mm)',
	area: 'Area (m²)',
	wastage: 'Wastage',
	pieces: 'Pieces',
	boxes: 'Boxes',
	piecesPerBox: 'Pieces/box',
	unitPrice: 'Price/box (¥)',
	amount: 'Amount (¥)',
	weightKg: 'Weight (kg)',

	goods: 'Goods',
	modelTotal: 'Model total (extra boxes once per model)',
	processingFee: 'Processing fee',
	extra: 'Extra tiles',
	reprocessing: 'Secondary processing',
	returns: 'Returned tiles',
	deposit: 'Deposit paid',
	paid: 'Payments made',
	totalCharges: 'Total charges',
	amountDue: 'Amount due now',
	balanceOwed: 'Balance the customer owes',
	balanceRefund: 'Balance the store refunds',
	balanceSettled: 'Settled',

	factory: 'Factory',
	sentAt: 'Sent on',
	completionDate: 'Completion date',
	wholeTiles: 'Whole tiles to process',
	cutting: 'Cutting',
	edging: 'Edging',
	chamfering: 'Chamfering',
	notes: 'Notes',
	checkedBy: 'Checked by',
	factoryConfirm: 'Factory confirmation',

	deliveryDate: 'Delivery date',
	vehicles: 'Vehicles',
	trip: 'Trip',
	vehicle: 'Vehicle',
	payloadKg: 'Payload (kg)',
	loadKg: 'Load (kg)',
	totalBoxes: 'Total boxes',
	totalWeight: 'Total weight (kg)',
	receivedBy: 'Received by',
	deliveredBy: 'Delivered by',
	date: 'Date',

	secondaryItems: 'Secondary items',
	kind: 'Kind',
	payments: 'Payments',
	paidAt: 'Paid at',
	method: 'Method',
	reason: 'Reason',
	settledAt: 'Settled on',
	customerSignature: 'Customer signature',

	paymentNoticeNote:
		'Please pay the goods and processing at the store before delivery (the deposit and payments already made are deducted). The store pays the freight.',
	processingNote: 'Please check the models, sizes and quantities, and reply with the completion date and the processing fee.',
	deliveryNote_: 'The store pays the freight. Please count the boxes on receipt and note any breakage at once.',
	settlementNote:
		"Installation is finished: please settle the account at the store. The installer's labour is paid by the customer to the installer and is not part of this statement.",
};

export function tileLabelsFor(lang: DocumentLang = 'zh-CN'): TileLabels {
	return resolveLang(lang) === 'en' ? EN : ZH;
}

const METHODS: Record<string, { en: string; zh: string }> = {
	cash: { en: 'Cash', zh: '现金' },
	wechat: { en: 'WeChat Pay', zh: '微信' },
	alipay: { en: 'Alipay', zh: '支付宝' },
	'bank-transfer': { en: 'Bank transfer', zh: '银行转账' },
	card: { en: 'Card', zh: '刷卡' },
};

export function paymentMethodLabel(method: string, lang: DocumentLang): string {
	const m = METHODS[method];
	return m ? (resolveLang(lang) === 'en' ? m.en : m.zh) : method;
}
