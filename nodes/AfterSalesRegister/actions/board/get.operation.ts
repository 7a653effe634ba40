/**
 * The service board (服务看板): the clerk's day on one page — open tickets (overdue first), today's
 * dispatch against capacity, products taken back and where they are, contracts with an expiry
 * notice out, unpaid invoices and open complaints. One item: the board as JSON (with `summary`)
 * and the page as the binary `board` (HTML for a browser or a wall screen). The staff's home page
 * too: the staff forms per role, each listed record's number a signed link to its printable
 * document, each section capped at `rowsPerSection` rows with "还有 N 条 / N more".
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { serviceBoard } from '../../../shared/services/board';
import { renderServiceBoard } from '../../../shared/documents/service-board';
import { documentLanguageProperty, readDocumentLanguage } from '../../../shared/n8n/document-language';
import { letterheadFor } from '../../../shared/n8n/store-access';
import { htmlBinary } from '../../../shared/n8n/html-binary';
import { nowIso } from '../../../shared/n8n/per-item';
import { fieldError, shown } from '../../../shared/rules/errors';
import { BOARD_ROWS_DEFAULT, BOARD_ROWS_MAX, parseRowCap } from '../../../shared/rules/board';
import { boardDocumentLinks } from '../../../shared/services/board-links';
import { numberProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('board', 'get', [
		documentLanguageProperty('Language of the board page'),
		numberProperty('refreshSeconds', 'Refresh Every (Seconds)', 60, {
			typeOptions: { minValue: 0, maxValue: 3600 },
			description: 'The page reloads itself this often in the browser (a wall screen); 0 leaves it still',
		}),
		numberProperty('rowsPerSection', 'Rows per Section (每栏行数)', BOARD_ROWS_DEFAULT, {
			typeOptions: { minValue: 1, maxValue: BOARD_ROWS_MAX },
			description: 'Each table of the page shows at most this many rows, then "还有 N 条 / N more" with a link to show all',
		}),
	]),
	async execute(i, store) {
		const refresh = this.getNodeParameter('refreshSeconds', i, 60) as unknown;
		if (typeof refresh !== 'number' || Number.isNaN(refresh)) {
			throw fieldError('refreshSeconds', 'Refresh every (seconds): is not a number; expected a whole number from 0 to 3600');
		}
		if (!Number.isInteger(refresh) || refresh < 0 || refresh > 3600) {
			throw fieldError('refreshSeconds', `Refresh every (seconds): ${shown(refresh)} is not allowed; expected a whole number from 0 to 3600`);
		}
		const rows = parseRowCap(this.getNodeParameter('rowsPerSection', i, BOARD_ROWS_DEFAULT));
		const now = nowIso();
		const board = await serviceBoard(store, { now, zone: this.getTimezone() });
		const links = await boardDocumentLinks(store, board, now);
		const html = renderServiceBoard(board, readDocumentLanguage(this, i), await letterheadFor(this), { refreshSeconds: refresh, rows, links });
		return {
			json: board as unknown as IDataObject,
			binary: { board: await htmlBinary(this, html, 'service-board.html') },
		};
	},
};
