/**
 * Signing (issue 19 item 1) against each provider's own documentation.
 *
 * Aliyun and Tencent publish worked examples with their expected signatures: those values are
 * copied from the documents below, not computed here. DingTalk and Feishu publish the algorithm
 * and sample code but no example signature (their samples use the current time), so for them
 * the expected values were produced by running the providers' own published Python samples
 * (quoted below, unchanged but for a fixed timestamp and secret), and the tests also re-derive
 * the sign step by step from the documented steps with node:crypto only.
 */
import { createHmac } from 'node:crypto';
import {
	aliyunCanonicalQuery,
	aliyunPercentEncode,
	aliyunRpcSignature,
	aliyunStringToSign,
	aliyunTimestamp,
	dingtalkSign,
	dingtalkSignedUrl,
	feishuSign,
	tc3Sign,
} from '../../nodes/shared/channels/signing';

describe('Aliyun RPC signature (V1, HMAC-SHA1)', () => {
	// Source: Alibaba Cloud, "Signature mechanism" (RPC APIs), section "Example":
	// https://help.aliyun.com/document_detail/159972.html (签名机制, 示例) — AccessKeyId `testid`,
	// AccessKeySecret `testsecret`, DescribeRegions, signed with `testsecret&`.
	const DOC_PARAMS = {
		Timestamp: '2016-02-23T12:46:24Z',
		Format: 'XML',
		AccessKeyId: 'testid',
		Action: 'DescribeRegions',
		SignatureMethod: 'HMAC-SHA1',
		SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
		Version: '2014-05-26',
		SignatureVersion: '1.0',
	};
	const DOC_STRING_TO_SIGN =
		'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
		'%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
		'%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26';
	const DOC_SIGNATURE = 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=';

	test('the StringToSign of the documented example', () => {
		expect(aliyunStringToSign('GET', DOC_PARAMS)).toBe(DOC_STRING_TO_SIGN);
	});

	test('the signature of the documented example', () => {
		expect(aliyunRpcSignature('GET', DOC_PARAMS, 'testsecret')).toBe(DOC_SIGNATURE);
	});

	test('Signature itself is never part of what is signed', () => {
		expect(aliyunRpcSignature('GET', { ...DOC_PARAMS, Signature: 'anything' }, 'testsecret')).toBe(DOC_SIGNATURE);
	});

	test('POST is signed with POST in front (SendSms is POSTed), not the GET string', () => {
		expect(aliyunStringToSign('POST', DOC_PARAMS)).toBe(DOC_STRING_TO_SIGN.replace(/^GET&/, 'POST&'));
		expect(aliyunRpcSignature('POST', DOC_PARAMS, 'testsecret')).not.toBe(DOC_SIGNATURE);
	});

	test("percent-encoding follows the document's table: space %20, * %2A, ~ kept, UTF-8 bytes", () => {
		// The document: "A~Z, a~z, 0~9, -, _, . and ~ are not encoded; space is %20, not +; * is %2A".
		expect(aliyunPercentEncode('a b*c~d-_.')).toBe('a%20b%2Ac~d-_.');
		expect(aliyunPercentEncode("!'()")).toBe('%21%27%28%29');
		expect(aliyunPercentEncode('阿')).toBe('%E9%98%BF');
		expect(aliyunCanonicalQuery({ b: '2', a: '1 2' })).toBe('a=1%202&b=2');
	});

	test('the timestamp is ISO 8601 UTC without milliseconds', () => {
		expect(aliyunTimestamp(Date.UTC(2016, 1, 23, 12, 46, 24, 789))).toBe('2016-02-23T12:46:24Z');
	});
});

describe('Tencent Cloud TC3-HMAC-SHA256', () => {
	// Source: Tencent Cloud API 3.0, "Signature v3" (签名方法 v3), the DescribeInstances example:
	// https://www.tencentcloud.com/document/api/267/37447 (the same page is under every product's API docs).
	// SecretKey `Gu5t9xGARNpq86cd98joQYCN3EXAMPLE`, timestamp 1551113065, host cvm.tencentcloudapi.com.
	const DOC_PAYLOAD = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
	const signed = tc3Sign({
		secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
		secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
		service: 'cvm',
		host: 'cvm.tencentcloudapi.com',
		contentType: 'application/json; charset=utf-8',
		payload: DOC_PAYLOAD,
		timestamp: 1551113065,
	});

	test('the canonical request of the documented example (HashedRequestPayload 35e9c5b0…)', () => {
		expect(signed.canonicalRequest).toBe(
			'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n' +
				'35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
		);
	});

	test('the string to sign: the UTC date in the credential scope (2019-02-25, not the Beijing date)', () => {
		expect(signed.credentialScope).toBe('2019-02-25/cvm/tc3_request');
		expect(signed.stringToSign).toBe(
			'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
		);
	});

	test('the signature and the Authorization header of the documented example', () => {
		expect(signed.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
		expect(signed.authorization).toBe(
			'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
		);
	});
});

describe('DingTalk custom robot sign (加签)', () => {
	// Source: DingTalk open platform, 自定义机器人安全设置 / 加签 (open.dingtalk.com, "custom robot
	// security settings"): "把 timestamp+"\n"+密钥 当做签名字符串，使用 HmacSHA256 算法计算签名，然后进行
	// Base64 encode，最后再把签名参数再进行 urlEncode". No example signature is published. The value
	// below is the output of the document's own Python 3.8 sample, run unchanged except
	// `timestamp = '1764928800000'` and `secret = SECRET`:
	//   hmac_code = hmac.new(secret_enc, string_to_sign_enc, digestmod=hashlib.sha256).digest()
	//   sign = urllib.parse.quote_plus(base64.b64encode(hmac_code))
	const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
	const SAMPLE_OUTPUT = 'Z7upvRse9xjoac0W4k6EIsp51zAS3y4mRLhe4CQuMDY%3D';

	test("the sign matches the documentation's Python sample", () => {
		expect(encodeURIComponent(dingtalkSign(1764928800000, SECRET))).toBe(SAMPLE_OUTPUT);
	});

	test('the sign re-derived from the documented steps with node:crypto', () => {
		const stringToSign = `1764928800000\n${SECRET}`;
		const step = createHmac('sha256', SECRET).update(stringToSign).digest('base64');
		expect(dingtalkSign('1764928800000', SECRET)).toBe(step);
	});

	test('the signed URL carries timestamp and the URL-encoded sign after the access_token', () => {
		expect(dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=XXXXXX', SECRET, 1764928800000)).toBe(
			`https://oapi.dingtalk.com/robot/send?access_token=XXXXXX&timestamp=1764928800000&sign=${SAMPLE_OUTPUT}`,
		);
	});
});

describe('Feishu/Lark custom bot sign (签名校验)', () => {
	// Source: Feishu open platform, 自定义机器人使用指南 → 签名校验 (open.feishu.cn/document/client-docs/bot-v3/
	// add-custom-bot): "把 timestamp + "\n" + 密钥 当做签名字符串，使用 HmacSHA256 算法计算签名，再进行
	// Base64 编码" — the Java/Go/Python samples key the HMAC with that string and sign an EMPTY message.
	// No example signature is published; the value below is the output of the document's Python
	// sample, run unchanged with timestamp 1764928800 and secret 'demo-feishu-secret':
	//   string_to_sign = '{}\n{}'.format(timestamp, secret)
	//   hmac_code = hmac.new(string_to_sign.encode("utf-8"), digestmod=hashlib.sha256).digest()
	//   sign = base64.b64encode(hmac_code).decode('utf-8')
	test("the sign matches the documentation's Python sample", () => {
		expect(feishuSign(1764928800, 'demo-feishu-secret')).toBe('UxWJbFqsd0MkNAVdtO5XYjF/5OrQj9N7u34eMTQQyb4=');
	});

	test('keyed by "timestamp\\nsecret" over an empty message, not the DingTalk way round', () => {
		const key = '1764928800\ndemo-feishu-secret';
		expect(feishuSign('1764928800', 'demo-feishu-secret')).toBe(createHmac('sha256', key).update('').digest('base64'));
		expect(feishuSign(1764928800, 'demo-feishu-secret')).not.toBe(dingtalkSign(1764928800, 'demo-feishu-secret'));
	});
});
