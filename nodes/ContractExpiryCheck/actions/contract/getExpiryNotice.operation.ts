/** Get Expiry Notice (保养到期通知书): the contract's latest notice as a printable page, the binary `expiryNotice`. */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { expiryNoticeOf } from '../../../shared/services/contract-expiry';
import { renderExpiryNotice } from '../../../shared/documents/expiry-notice';
import { documentLanguageProperty, readDocumentLanguage } from '../../../shared/n8n/document-language';
import { letterheadFor } from '../../../shared/n8n/store-access';
import { htmlBinary } from '../../../shared/n8n/html-binary';
import { contractNoProperty, readContractNo } from '../common';

export const { description, execute }: Operation = {
	description: forOperation('contract', 'getExpiryNotice', [
		contractNoProperty,
		documentLanguageProperty('Language of the expiry notice (保养到期通知书)'),
	]),
	async execute(i, store) {
		const contractNo = readContractNo(this, i);
		const language = readDocumentLanguage(this, i);
		const { contract, customer, notice } = await expiryNoticeOf(store, contractNo);
		const html = renderExpiryNotice(
			{
				noticeNumber: notice.noticeNumber,
				noticedOn: notice.noticedOn,
				contractNo: contract.contractNo,
				kind: contract.kind,
				startsOn: contract.startsOn,
				endsOn: notice.endsOn,
				feeYuan: contract.feeYuan,
				visitFeeYuan: contract.visitFeeYuan,
				partsIncluded: contract.partsIncluded,
				customerName: customer.name,
				contactPerson: customer.contactPerson,
				phone: customer.phone,
				address: customer.address,
			},
			language,
			await letterheadFor(this),
		);
		const json: IDataObject = {
			contractNo: contract.contractNo,
			customerName: customer.name,
			email: notice.email,
			endsOn: notice.endsOn,
			noticeNumber: notice.noticeNumber,
			noticedOn: notice.noticedOn,
			taskStatus: notice.taskStatus,
			contractStatus: contract.status,
			language,
		};
		return {
			json,
			binary: { expiryNotice: await htmlBinary(this, html, `${notice.noticeNumber}.html`) },
		};
	},
};
