import { canonicalJson } from '../shared/canonical-json.js';
import { ok, type Result } from '../shared/result.js';
import type { BreachRecordData } from './breach-record.js';
import { replayVerdict, verdictToData, type DrawdownVerdictData, type VerdictInputs } from './verdict-replay.js';

/** A breach verdict as stored next to a challenge or a funded account: the record, its inputs and their hash. */
export interface StoredVerdict {
  readonly breach: BreachRecordData;
  readonly inputs: VerdictInputs;
  readonly inputHash: string;
}

export interface StoredVerdictReplay {
  readonly replayed: DrawdownVerdictData;
  readonly replayedHash: string;
  /** The replay found the same breach record from inputs with the same hash. */
  readonly matches: boolean;
}

/**
 * Re-evaluates a stored breach verdict from its stored inputs (rule book
 * section 4: any past verdict can be replayed) and compares: the same hash
 * and the same breach record, field by field.
 */
export function replayStoredVerdict(stored: StoredVerdict): Result<StoredVerdictReplay> {
  const replayed = replayVerdict(stored.inputs);
  if (!replayed.ok) return replayed;
  const data = verdictToData(replayed.value);
  const matches =
    data.breach !== null && data.inputHash === stored.inputHash && canonicalJson(data.breach) === canonicalJson(stored.breach);
  return ok({ replayed: data, replayedHash: data.inputHash, matches });
}
