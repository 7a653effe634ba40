/**
 * The one way an enum field is read (issue 16 item 5): an alias table — each way staff write a
 * value, mapped to the value — or a list of the values, looked up by the table's own keys only.
 * A plain object also answers to the names every object inherits ("constructor", "__proto__",
 * "toString" …), so `TABLE[text]` would take "constructor" for a payment method and hand back a
 * function; `lookUp` and `oneOf` never do.
 */

/** What `table` maps `key` to, by the table's own keys only; undefined when it has no such key. */
export function lookUp<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
	return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** `value` as a member of `list`, or undefined when it is none. */
export function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
	return (list as readonly string[]).includes(value) ? (value as T) : undefined;
}
