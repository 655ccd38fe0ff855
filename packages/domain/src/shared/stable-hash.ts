import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './sha256.js';

/**
 * A content hash that any party can recompute: SHA-256 over the canonical JSON
 * of the value, written "sha256:<hex>" so the algorithm travels with it.
 */
export function stableHash(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}
