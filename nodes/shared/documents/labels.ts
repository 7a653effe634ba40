import { resolveLang, type DocumentLang } from './html';
import { CATEGORY_LABELS, CUSTOMER_TYPE_LABELS, type Category } from '../rules/service-category';

/** The category and customer-type boxes of Form 1.1, in one language, from the rules' own labels. */
const categoryLabels = (lang: 'zh' | 'en') => ({
	categoryA: CATEGORY_LABELS.A[lang],
	categoryB: CATEGORY_LABELS.B[lang],
	categoryC: CATEGORY_LABELS.C[lang],
	categoryD: CATEGORY_LABELS.D[lang],
});
const customerTypeLabels = (lang: 'zh' | 'en') => ({
	customerTypeInWarranty: CUSTOMER_TYPE_LABELS['in-warranty'][lang],
	customerTypeAnnualContract: CUSTOMER_TYPE_LABELS['annual-contract'][lang],
	customerTypePerVisitContract: CUSTOMER_TYPE_LABELS['per-visit-contract'][lang],
	customerTypeLiaisonLetter: CUSTOMER_TYPE_LABELS['liaison-letter'][lang],
});

/** Chinese labels, as staff and the paper forms (表1.1 and the rules P3–P8) word them. */
const ZH = {
	// Document titles
	repairServiceForm: '客户报修服务单',
	repairServiceFormNo: '表1.1',
	serviceVoucher: '服务凭证',
	productReceipt: '客户商品领取收据',
	repairCard: '修护卡',

	// Numbers and header
	ticketNumber: '报修单号',
	voucherNumber: '服务凭证号',
	receiptNumber: '收据编号',
	cardNumber: '修护卡号',
	category: '服务类别',
	...categoryLabels('zh'),
	dueAt: '要求完成时间',

	// Customer
	customer: '客户',
	customerName: '客户名称',
	contactPerson: '联系人',
	phone: '电话',
	address: '地址',
	reportedAt: '报修时间',
	customerType: '客户属性',
	...customerTypeLabels('zh'),

	// Form 1.1 body
	serviceContent: '待服务内容',
	solution: '处理方案',
	result: '处理结果',
	resultCompleted: '已完成服务',
	resultNotCompleted: '未完成服务',
	resultReturnRepair: '需返修、更换设备',
	resultOther: '其它见备注',
	followUpDone: '电话回访完成服务',
	yes: '是',
	no: '否',
	remarks: '备注',
	technician: '服务技术员',

	// Form 1.1 customer acceptance
	acceptance: '客户验收',
	acceptanceIntro: '尊敬的客户：签名验收时请注意以下事项：',
	accepted: '您的系统设备已经验收并正常工作（确认正常此次服务即作完成处理）',
	delivered: '请您确认系统是否已交付',
	deliveredNoAttachment: '没有附件',
	satisfaction: '您对此次服务是否满意',
	satisfactionVerySatisfied: '很满意',
	satisfactionSatisfied: '满意',
	satisfactionAverage: '一般',
	satisfactionUnsatisfied: '不满意',
	dissatisfactionReasons: '您不满意的原因是什么',
	reasonAttitude: '服务态度',
	reasonSkill: '技术水平',
	reasonResponse: '响应速度',
	comments: '对我们的服务请您提出宝贵意见',
	customerSignatureConfirm: '客户签字确认',
	date: '日期',

	// Service voucher (P3/P4)
	siteSituation: '现场情况',
	technicianName: '技术员姓名',
	technicianPhone: '技术员电话',
	dispatch: '派工',
	signatures: '签字',
	customerSignature: '客户签字',
	signedAt: '签字时间',
	technicianSignature: '技术员签字',
	voucherNote: '技术员持本凭证前往客户现场服务；服务完成后请客户签字，交回报修信息接收人员，于报修登记簿注销后归档。',

	// Product receipt (P6)
	product: '商品',
	productDescription: '商品名称及型号',
	serialNumber: '序列号',
	condition: '外观及状况',
	accessories: '随附配件',
	takenBackAt: '携回日期',
	receiptNote: '商品修妥归还时，请将本收据交回技术员，本收据随即收回作废。',
	voided: '已作废 VOID',
	voidedAt: '作废日期',

	// Repair card (P6/P7)
	fault: '故障情况（现场情况）',
	workEntries: '修护记录',
	workDate: '日期',
	workTechnician: '技术员',
	workHours: '工时（小时）',
	workDescription: '修护内容',
	partsReplaced: '配换零件',
	partName: '零件名称',
	partQuantity: '数量',
	totalHours: '实际修护时间合计（小时）',
	inspection: '部门经理验讫',
	inspectedBy: '验讫人',
	inspectedAt: '验讫时间',
	returnedAt: '还商品日期',
	cardNote: '本卡挂于该商品上，随商品流转；商品修妥经部门经理验讫后方可归还客户。',
} as const;

export type LabelKey = keyof typeof ZH;
export type Labels = Readonly<Record<LabelKey, string>>;

const EN: Labels = {
	repairServiceForm: 'Customer Repair Service Form',
	repairServiceFormNo: 'Form 1.1',
	serviceVoucher: 'Service Voucher',
	productReceipt: 'Customer Product Receipt',
	repairCard: 'Repair Card',

	ticketNumber: 'Ticket No.',
	voucherNumber: 'Voucher No.',
	receiptNumber: 'Receipt No.',
	cardNumber: 'Card No.',
	category: 'Service category',
	...categoryLabels('en'),
	dueAt: 'Due by',

	customer: 'Customer',
	customerName: 'Customer name',
	contactPerson: 'Contact person',
	phone: 'Phone',
	address: 'Address',
	reportedAt: 'Report time',
	customerType: 'Customer type',
	...customerTypeLabels('en'),

	serviceContent: 'Service content',
	solution: 'Solution',
	result: 'Result',
	resultCompleted: 'Service completed',
	resultNotCompleted: 'Service not completed',
	resultReturnRepair: 'needs return repair or equipment replacement',
	resultOther: 'other, see remarks',
	followUpDone: 'Follow-up call done',
	yes: 'Yes',
	no: 'No',
	remarks: 'Remarks',
	technician: 'Technician',

	acceptance: 'Customer acceptance',
	acceptanceIntro: 'Dear customer, please note the following when you sign for acceptance:',
	accepted: 'Your system has been accepted and works normally (once you confirm, this service is treated as completed)',
	delivered: 'Please confirm whether the system has been delivered',
	deliveredNoAttachment: 'No attachment',
	satisfaction: 'Are you satisfied with this service?',
	satisfactionVerySatisfied: 'Very satisfied',
	satisfactionSatisfied: 'Satisfied',
	satisfactionAverage: 'Average',
	satisfactionUnsatisfied: 'Unsatisfied',
	dissatisfactionReasons: 'Reasons for dissatisfaction',
	reasonAttitude: 'Service attitude',
	reasonSkill: 'Technical skill',
	reasonResponse: 'Response speed',
	comments: 'Your comments on our service',
	customerSignatureConfirm: 'Customer signature',
	date: 'Date',

	siteSituation: 'Site situation',
	technicianName: 'Technician name',
	technicianPhone: 'Technician phone',
	dispatch: 'Dispatch',
	signatures: 'Signatures',
	customerSignature: 'Customer signature',
	signedAt: 'Signed at',
	technicianSignature: 'Technician signature',
	voucherNote:
		'The technician brings this voucher to the site; after the service the customer signs it, it goes back to the receiver, the entry in the repair register is closed and the voucher is archived.',

	product: 'Product',
	productDescription: 'Product and model',
	serialNumber: 'Serial No.',
	condition: 'Condition',
	accessories: 'Accessories',
	takenBackAt: 'Taken back on',
	receiptNote: 'When the repaired product is returned to you, please hand this receipt back to the technician; it is then taken back and voided.',
	voided: '已作废 VOID',
	voidedAt: 'Voided on',

	fault: 'Fault (site situation)',
	workEntries: 'Repair work',
	workDate: 'Date',
	workTechnician: 'Technician',
	workHours: 'Hours',
	workDescription: 'Work done',
	partsReplaced: 'Parts replaced',
	partName: 'Part',
	partQuantity: 'Quantity',
	totalHours: 'Total repair time (hours)',
	inspection: 'Manager inspection',
	inspectedBy: 'Inspected by',
	inspectedAt: 'Inspected at',
	returnedAt: 'Returned on',
	cardNote:
		'This card stays attached to the product; the product is returned to the customer only after the department manager has inspected the repair.',
};

const DICTIONARY: Readonly<Record<DocumentLang, Labels>> = { 'zh-CN': ZH, en: EN };

/** The label dictionary for a language (zh-CN unless 'en'). */
export function labelsFor(lang: DocumentLang = 'zh-CN'): Labels {
	return DICTIONARY[resolveLang(lang)];
}

/** A label followed by the language's colon: "客户名称：" or "Customer name: ". */
export function withColon(text: string, lang: DocumentLang): string {
	return resolveLang(lang) === 'en' ? `${text}: ` : `${text}：`;
}

export type ServiceCategory = Category;

/** "B 合同服务" / "B Contract service"; an unknown letter prints as given. */
export function categoryLabel(category: ServiceCategory, lang: DocumentLang = 'zh-CN'): string {
	const l = labelsFor(lang);
	const names: Record<ServiceCategory, string> = { A: l.categoryA, B: l.categoryB, C: l.categoryC, D: l.categoryD };
	const name = (names as Record<string, string | undefined>)[category];
	return name === undefined ? String(category ?? '') : `${category} ${name}`;
}
