/**
 * Labels of the public field names (RECORDS.md), English with the Chinese term staff use.
 * Used in every message about a field, and as the Chinese column headers an import accepts.
 */
export const FIELD_LABELS: Record<string, { en: string; zh: string }> = {
	code: { en: 'Customer code', zh: '客户编号' },
	name: { en: 'Name', zh: '名称' },
	contactPerson: { en: 'Contact person', zh: '联系人' },
	phone: { en: 'Phone', zh: '电话' },
	address: { en: 'Address', zh: '地址' },
	notes: { en: 'Notes', zh: '备注' },
	serialNo: { en: 'Serial no', zh: '序列号' },
	customerCode: { en: 'Customer code', zh: '客户编号' },
	customerName: { en: 'Customer name', zh: '客户名称' },
	customerPhone: { en: 'Customer phone', zh: '客户电话' },
	description: { en: 'Description', zh: '设备/工程' },
	completedOn: { en: 'Completion date', zh: '竣工日期' },
	warrantyUntil: { en: 'Warranty end', zh: '保修截止' },
	contractNo: { en: 'Contract no', zh: '合同编号' },
	kind: { en: 'Contract kind', zh: '合同类型' },
	startsOn: { en: 'Start date', zh: '开始日期' },
	endsOn: { en: 'End date', zh: '到期日期' },
	feeYuan: { en: 'Contract fee', zh: '合同金额' },
	visitFeeYuan: { en: 'Fee per visit', zh: '每次费用' },
	status: { en: 'Status', zh: '状态' },
	email: { en: 'Email', zh: '邮箱' },
	skills: { en: 'Skills', zh: '技能' },
	areas: { en: 'Service areas', zh: '服务区域' },
	dailyCapacity: { en: 'Daily capacity', zh: '每日工单上限' },
	active: { en: 'Active', zh: '在职' },
	modelCode: { en: 'Model code', zh: '型号' },
	widthMm: { en: 'Width (mm)', zh: '宽mm' },
	heightMm: { en: 'Length (mm)', zh: '长mm' },
	thicknessMm: { en: 'Thickness (mm)', zh: '厚mm' },
	piecesPerBox: { en: 'Pieces per box', zh: '每箱片数' },
	boxWeightKg: { en: 'Box weight (kg)', zh: '每箱重量kg' },
	pricePerBoxYuan: { en: 'Price per box', zh: '每箱单价' },
	boxesOnHand: { en: 'Boxes on hand', zh: '库存箱数' },
	delta: { en: 'Change in boxes', zh: '增减箱数' },
	siteSituation: { en: 'Site situation', zh: '现场情况' },
	reportedAt: { en: 'Report time', zh: '报修时间' },
	signedAt: { en: 'Signed at', zh: '签字时间' },
	skill: { en: 'Required skill', zh: '所需技能' },
	idempotencyKey: { en: 'Idempotency key', zh: '幂等键' },
	contactPersonName: { en: 'Contact person', zh: '联系人' },
	reason: { en: 'Reason', zh: '原因' },
	partsIncluded: { en: 'Parts included', zh: '含零件' },
	parts: { en: 'Parts', zh: '零件' },
	amountYuan: { en: 'Amount', zh: '金额' },
	method: { en: 'Payment method', zh: '付款方式' },
	paidAt: { en: 'Paid at', zh: '付款时间' },
	collectedYuan: { en: 'Collected on site', zh: '现场收费' },
	paymentMethod: { en: 'Payment method', zh: '付款方式' },
	callOutYuan: { en: 'Call-out fee', zh: '上门费' },
	labourPerHourYuan: { en: 'Labour per hour', zh: '人工费/小时' },
	onSiteThresholdYuan: { en: 'On-site collection threshold', zh: '现场收费上限' },
};

/** "Phone (电话)" — the way a field is named in messages. */
export function label(field: string): string {
	const l = FIELD_LABELS[field];
	return l ? `${l.en} (${l.zh})` : field;
}
