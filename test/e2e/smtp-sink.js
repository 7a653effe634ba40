/**
 * A real SMTP server on loopback for the e2e run (smtp-server): every message n8n sends is parsed
 * (mailparser) and written as JSON into a folder the specs read. While a file `<folder>.down`
 * exists it refuses every recipient (451), as a mail server that is down would.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

async function startSmtpSink(folder) {
	fs.mkdirSync(folder, { recursive: true });
	let n = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(_address, _session, callback) {
			if (!fs.existsSync(`${folder}.down`)) return callback();
			const error = new Error('Mailbox unavailable, try again later');
			error.responseCode = 451;
			return callback(error);
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					const message = {
						to: mail.to ? [].concat(mail.to).flatMap((a) => a.value.map((v) => v.address)) : [],
						from: mail.from?.value?.[0]?.address ?? null,
						subject: mail.subject ?? '',
						text: mail.text ?? '',
						html: typeof mail.html === 'string' ? mail.html : '',
						cc: mail.cc ? [].concat(mail.cc).flatMap((a) => a.value.map((v) => v.address)) : [],
						attachments: (mail.attachments ?? []).map((a) => ({
							filename: a.filename,
							contentType: a.contentType,
							content: a.content.toString('utf8'),
							base64: a.content.toString('base64'),
						})),
					};
					fs.writeFileSync(path.join(folder, `${String(++n).padStart(4, '0')}.json`), JSON.stringify(message));
					callback();
				})
				.catch(callback);
		},
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return { server, port: server.server.address().port };
}

module.exports = { startSmtpSink };
