/**
 * What every sender shares (issue 19 item 3): the `fetch`-like function it is given, its result,
 * and how an answer becomes that result. A network error, a 5xx, a 429 or the platform's own
 * rate-limit code is worth trying again (`retryable`); a bad address, a bad signature or a bad
 * template is not — sending again would fail the same way.
 */

/** The part of `fetch` a sender uses, so tests and other runtimes can pass their own. */
export type FetchLike = (
	url: string,
	init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

export type SendResult = { ok: true; providerId?: string } | { ok: false; retryable: boolean; error: string };

/** How long a sender waits for an answer. */
export const SEND_TIMEOUT_MS = 15_000;

export type Answer = { status: number; body: unknown; raw: string };

/** POST and read the answer as JSON; a network failure or a timeout is a retryable result. */
export async function post(fetchLike: FetchLike, url: string, headers: Record<string, string>, body: string): Promise<Answer | SendResult> {
	try {
		const response = await fetchLike(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
		const raw = await response.text();
		let parsed: unknown;
		try {
			parsed = raw ? JSON.parse(raw) : undefined;
		} catch {
			parsed = undefined;
		}
		return { status: response.status, body: parsed, raw };
	} catch (error) {
		const cause = (error as { cause?: { code?: string } }).cause?.code;
		return { ok: false, retryable: true, error: `网络错误 (network error): ${(error as Error).message}${cause ? ` (${cause})` : ''}` };
	}
}

export const isResult = (a: Answer | SendResult): a is SendResult => 'ok' in a;

/** An answer with no readable JSON body: 5xx and 429 retryable, anything else not. */
export function unreadable(platform: string, answer: Answer): SendResult {
	const retryable = answer.status >= 500 || answer.status === 429;
	return { ok: false, retryable, error: `${platform} HTTP ${answer.status}: ${answer.raw.slice(0, 200) || '(empty answer)'}` };
}

export const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
