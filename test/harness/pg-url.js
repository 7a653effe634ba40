/**
 * The PostgreSQL store config a connection URL names (AFTER_SALES_TEST_PG, AFTER_SALES_BENCH_PG):
 * one parser for the test harness, the e2e specs and the bench (plain JavaScript, so that the
 * bench can require it without a compiler).
 */
'use strict';

/** A PostgreSQL store in `schema` of the database `url` names. */
function pgStoreConfig(url, schema) {
	const u = new URL(url);
	return {
		backend: 'postgres',
		host: u.hostname,
		port: Number(u.port || 5432),
		database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
		user: decodeURIComponent(u.username) || 'postgres',
		password: decodeURIComponent(u.password),
		ssl: false,
		sslRejectUnauthorized: true,
		schema,
	};
}

/** The same URL with another database name. */
function withDatabase(url, database) {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

module.exports = { pgStoreConfig, withDatabase };
