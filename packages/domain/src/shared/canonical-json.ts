/**
 * One spelling per value, so equal inputs hash equally wherever they are
 * serialised: object keys sorted by UTF-16 code units (as RFC 8785 does), no
 * whitespace, `undefined` members left out (as JSON does), values with
 * `toJSON` (Date, Decimal, Money) written through it. Non-finite numbers have no JSON form and are refused;
 * amounts belong in decimal strings anyway.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON: () => unknown }).toJSON(), seen);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
  const object = value as object;
  if (seen.has(object)) throw new TypeError('canonicalJson: cyclic value');
  seen.add(object);
  let out: string;
  if (Array.isArray(object)) {
    out = `[${object.map((item) => (item === undefined ? 'null' : write(item, seen))).join(',')}]`;
  } else {
    const entries = Object.entries(object)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out = `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${write(member, seen)}`).join(',')}}`;
  }
  seen.delete(object);
  return out;
}
