/**
 * Staff messages for the group robots (issue 19 item 2), pure: one message model, rendered as each
 * platform's markdown within its size limit. A list longer than one message becomes a digest: split
 * over at most `MAX_DIGEST_PARTS` messages (the later ones titled "（续）"), and what still does not
 * fit is left out with a last line "还有 N 条未列出" — the robots allow about 20 messages a minute,
 * and DingTalk's own guide asks for digests instead of floods.
 *
 * User text (names, addresses, complaint text) is neutralised rather than backslash-escaped:
 * WeCom's and DingTalk's markdown subsets do not document backslash escapes, so a `\*` could show
 * as typed. Markup characters become their full-width forms (`*` → `＊`, `[` → `［`, `<` → `＜` …),
 * which read the same to a Chinese reader on every platform and can never open a link, a bold run
 * or a `<font>` tag; line breaks become spaces so user text never starts a heading or a quote.
 */

import { STAFF_KINDS, type StaffItem, type StaffKind, type StaffMessage } from '../rules/staff-message';

// The message model is a rule (the outbox's rows carry it): defined in rules/staff-message.ts, given out here too.
export { STAFF_KINDS, type StaffItem, type StaffKind, type StaffMessage };

/** The heading of each kind, as the group reads it. */
export const STAFF_KIND_TITLES: Record<StaffKind, string> = {
	'new-ticket': '新报修',
	unassigned: '报修无人可派',
	overdue: '超时未完成',
	'serious-complaint': '严重投诉',
	'contract-notice': '合同通知',
	'cash-list': '现金待交清单',
	receivables: '应收款清单',
	'workflow-failed': '工作流运行失败',
};

/** Kinds that need someone to act now: shown in red where the platform has colours (Feishu). */
export const URGENT_KINDS: readonly StaffKind[] = ['unassigned', 'overdue', 'serious-complaint', 'workflow-failed'];

/** Most parts a digest is split into before the rest is summed up as "还有 N 条". */
export const MAX_DIGEST_PARTS = 3;
/** WeCom group robot: markdown.content at most 4096 bytes (UTF-8), as its documentation states. */
export const WECOM_MAX_CONTENT_BYTES = 4096;
/**
 * DingTalk custom robot: no byte limit is published for markdown.text; 5000 bytes keeps a message
 * readable on a phone and well inside what the robot accepts.
 */
export const DINGTALK_MAX_TEXT_BYTES = 5000;
/** Feishu custom bot: the request body at most 20 KB; the card is kept under this, leaving room for timestamp and sign. */
export const FEISHU_MAX_BODY_BYTES = 19_500;

const FULL_WIDTH: Record<string, string> = {
	'*': '＊',
	_: '＿',
	'`': '｀',
	'~': '～',
	'[': '［',
	']': '］',
	'<': '＜',
	'>': '＞',
	'\\': '＼',
	'#': '＃',
	'|': '｜',
};

export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** User text made inert for every platform's markdown (see the file comment). */
export function escapeMarkdown(text: unknown): string {
	const s = typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
	return s
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
		.replace(/\s*[\r\n]+\s*/g, ' ')
		.replace(/[*_`~[\]<>\\#|]/g, (c) => FULL_WIDTH[c])
		.trim();
}

/** A markdown link to an http(s) address, or undefined for anything else (never a javascript: link). */
export function markdownLink(label: string, url: string | undefined): string | undefined {
	if (!url) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
	const safe = parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `[${escapeMarkdown(label)}](${safe})`;
}

/** The lines of one item: its number and customer in bold, then one line a field. */
export function itemLines(item: StaffItem): string[] {
	const head = [item.ticket, item.customer].map(escapeMarkdown).filter(Boolean).join(' · ');
	const lines: string[] = [];
	if (head) lines.push(`**${head}**`);
	const field = (label: string, value: string | undefined) => {
		const v = escapeMarkdown(value);
		if (v) lines.push(`${label}：${v}`);
	};
	field('地址', item.address);
	field('技术员', item.technician);
	field('期限', item.due);
	field('金额', item.amount);
	field('内容', item.text);
	const link = markdownLink(item.linkLabel || '查看单据', item.link);
	if (link) lines.push(link);
	return lines;
}

export interface DigestPart {
	heading: string;
	summary?: string;
	blocks: string[];
	/** Items left out of the last part. */
	more: number;
}

/** The "还有 N 条" line. */
export const moreLine = (n: number): string => `还有 ${n} 条未列出，请在服务看板查看`;

/** Cut a block by characters until it fits on its own, marked with "…". */
function cutToFit(block: string, fits: (blocks: string[]) => boolean): string {
	const chars = [...block];
	let lo = 0;
	let hi = chars.length;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (fits([`${chars.slice(0, mid).join('')}…`])) lo = mid;
		else hi = mid - 1;
	}
	return `${chars.slice(0, lo).join('')}…`;
}

/**
 * Pack blocks into parts so that `fits(part)` holds for each: greedy, in order, at most
 * `maxParts`; the last part counts what is left out.
 */
export function packDigest(
	heading: string,
	summary: string | undefined,
	blocks: string[],
	fits: (part: DigestPart) => boolean,
	maxParts = MAX_DIGEST_PARTS,
): DigestPart[] {
	const parts: DigestPart[] = [];
	let i = 0;
	do {
		const part: DigestPart = {
			heading: parts.length === 0 ? heading : `${heading}（续）`,
			summary: parts.length === 0 ? summary : undefined,
			blocks: [],
			more: 0,
		};
		const last = parts.length === maxParts - 1;
		// In the last part, room is kept for the longest "还有 N 条" line it could need.
		const reserve = last ? blocks.length : 0;
		while (i < blocks.length) {
			const trial = { ...part, blocks: [...part.blocks, blocks[i]], more: reserve };
			if (!fits(trial)) break;
			part.blocks.push(blocks[i]);
			i++;
		}
		if (part.blocks.length === 0 && i < blocks.length) {
			part.blocks.push(cutToFit(blocks[i], (b) => fits({ ...part, blocks: b, more: reserve })));
			i++;
		}
		if (last && i < blocks.length) {
			part.more = blocks.length - i;
			i = blocks.length;
		}
		parts.push(part);
	} while (i < blocks.length);
	return parts;
}

/** A part as markdown: a heading, the summary, the items separated by blank lines, the "还有" line. */
export function partMarkdown(part: DigestPart, newline: string, withHeading: boolean): string {
	const sections: string[] = [];
	if (withHeading) sections.push(`### ${escapeMarkdown(part.heading)}`);
	if (part.summary) sections.push(escapeMarkdown(part.summary));
	for (const block of part.blocks) sections.push(block);
	if (part.more > 0) sections.push(moreLine(part.more));
	return sections.join(`${newline}${newline}`);
}

const blocksOf = (message: StaffMessage, newline: string): string[] => message.items.map((item) => itemLines(item).join(newline));
const headingOf = (message: StaffMessage): string => message.title ?? STAFF_KIND_TITLES[message.kind];

export interface WecomMarkdown {
	msgtype: 'markdown';
	markdown: { content: string };
}

/** WeCom group robot bodies: `msgtype: markdown`, content ≤ 4096 bytes each. */
export function wecomMessages(message: StaffMessage): WecomMarkdown[] {
	const render = (p: DigestPart) => partMarkdown(p, '\n', true);
	return packDigest(headingOf(message), message.summary, blocksOf(message, '\n'), (p) => utf8Bytes(render(p)) <= WECOM_MAX_CONTENT_BYTES).map(
		(p) => ({
			msgtype: 'markdown',
			markdown: { content: render(p) },
		}),
	);
}

export interface DingtalkMarkdown {
	msgtype: 'markdown';
	markdown: { title: string; text: string };
}

/** DingTalk robot bodies: `msgtype: markdown` with the title (the chat list's preview) and the text. */
export function dingtalkMessages(message: StaffMessage): DingtalkMarkdown[] {
	// DingTalk's markdown needs two spaces before a line break inside a paragraph.
	const render = (p: DigestPart) => partMarkdown(p, '  \n', true);
	return packDigest(headingOf(message), message.summary, blocksOf(message, '  \n'), (p) => utf8Bytes(render(p)) <= DINGTALK_MAX_TEXT_BYTES).map(
		(p) => ({
			msgtype: 'markdown',
			markdown: { title: `售后 · ${escapeMarkdown(p.heading)}`, text: render(p) },
		}),
	);
}

export interface FeishuCard {
	msg_type: 'interactive';
	card: {
		config: { wide_screen_mode: true };
		header: { title: { tag: 'plain_text'; content: string }; template: 'red' | 'blue' };
		elements: Array<{ tag: 'div'; text: { tag: 'lark_md'; content: string } }>;
	};
}

/**
 * Feishu/Lark bodies: an interactive card (`msg_type: interactive`) — chosen over `post` because
 * a card takes the same markdown (lark_md) as the other robots, so one renderer serves all three,
 * and its coloured header marks the urgent kinds red; `post` would need every line rebuilt as
 * tagged runs. The body (without timestamp and sign) stays under 19.5 KB.
 */
export function feishuMessages(message: StaffMessage): FeishuCard[] {
	const card = (p: DigestPart): FeishuCard => ({
		msg_type: 'interactive',
		card: {
			config: { wide_screen_mode: true },
			header: { title: { tag: 'plain_text', content: p.heading }, template: URGENT_KINDS.includes(message.kind) ? 'red' : 'blue' },
			elements: [{ tag: 'div', text: { tag: 'lark_md', content: partMarkdown(p, '\n', false) } }],
		},
	});
	return packDigest(
		headingOf(message),
		message.summary,
		blocksOf(message, '\n'),
		(p) => utf8Bytes(JSON.stringify(card(p))) <= FEISHU_MAX_BODY_BYTES,
	).map(card);
}
