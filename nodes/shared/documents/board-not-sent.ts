/**
 * The service board's messages not sent (发送失败的消息, issue 19), the department manager's section:
 * the outbox's messages given up in the last days and those still waiting an hour after they were
 * queued — kind, to, subject, attempts, last error, created — newest first, capped with the board's
 * "还有 N 条 / N more" line. Every value goes through `markup` (an error text is a platform's answer).
 */
import { DateTime } from 'luxon';
import { markup, type DocumentLang, type Html } from './html';
import { moreRow } from './board-links';
import { BOARD_ROWS_MAX, capRows } from '../rules/board';
import { BOARD_NOT_SENT_DAYS, NOT_SENT_PENDING_MINUTES } from '../rules/outbox';
import type { NotSentRow } from '../store/registers/outbox';

const L = {
	'zh-CN': {
		title: '发送失败的消息 Messages not sent',
		role: '部门经理',
		kind: '类型',
		to: '收件人',
		subject: '主题 / 工单',
		attempts: '次数',
		error: '最后错误',
		created: '创建时间',
		failed: '已放弃',
		pending: '仍在重试',
		staff: '员工群',
		none: '没有发送失败的消息。',
		hint: `近 ${BOARD_NOT_SENT_DAYS} 天放弃发送的消息，和排队超过 ${NOT_SENT_PENDING_MINUTES} 分钟仍未发出的消息；全部见 GET outbox?status=failed，POST outbox/retry 立即重试。`,
	},
	en: {
		title: 'Messages not sent (发送失败的消息)',
		role: 'Manager',
		kind: 'Kind',
		to: 'To',
		subject: 'Subject / ticket',
		attempts: 'Attempts',
		error: 'Last error',
		created: 'Created',
		failed: 'given up',
		pending: 'still retrying',
		staff: 'staff groups',
		none: 'No messages left unsent.',
		hint: `Given up in the last ${BOARD_NOT_SENT_DAYS} days, or still waiting ${NOT_SENT_PENDING_MINUTES} minutes after being queued; every one: GET outbox?status=failed; POST outbox/retry sends the waiting ones now.`,
	},
} as const;

/** The section; `rows` is the board's row cap, `zone` its timezone. */
export function notSentSection(notSent: { messages: readonly NotSentRow[]; total: number }, lang: DocumentLang, rows: number, zone: string): Html {
	const en = lang === 'en';
	const l = L[en ? 'en' : 'zh-CN'];
	const at = (iso: string) => DateTime.fromISO(iso).setZone(zone).toFormat('MM-dd HH:mm');
	const c = capRows(notSent.messages, rows);
	const more = Math.max(0, notSent.total - c.shown.length);
	const row = (m: NotSentRow) =>
		markup`<tr class="${m.status === 'failed' ? 'serious' : ''}" data-outbox="${m.id}" data-status="${m.status}"><td>${m.kind}<br><small>${m.channel} · ${
			m.status === 'failed' ? l.failed : l.pending
		}</small></td><td>${m.recipient ?? l.staff}</td><td>${m.subject ?? m.ticketNumber ?? '—'}${
			m.subject && m.ticketNumber ? markup`<br><small>${m.ticketNumber}</small>` : ''
		}</td><td class="num">${m.attempts}</td><td>${m.lastError ?? '—'}</td><td class="date">${at(m.createdAt)}</td></tr>`;
	return markup`<section id="not-sent" data-role="manager"><h2>${l.title} (${notSent.total}) <small>· ${l.role}</small></h2><table><thead><tr><th>${l.kind}</th><th>${l.to}</th><th>${l.subject}</th><th>${l.attempts}</th><th>${l.error}</th><th>${l.created}</th></tr></thead><tbody>${
		notSent.total
			? markup`${c.shown.map(row)}${moreRow(more, 6, en ? 'en' : 'zh-CN', BOARD_ROWS_MAX)}`
			: markup`<tr><td colspan="6" class="empty">${l.none}</td></tr>`
	}</tbody></table><p class="empty"><small>${l.hint}</small></p></section>`;
}
