import fc from 'fast-check';

/**
 * One seed for every property of a run, so the same commit gives the same
 * answer twice. `FC_SEED` chooses it (an integer, or `random` for a fresh one,
 * which `npm run test:explore` uses); `FC_NUM_RUNS` raises the default number
 * of runs. fast-check prints the seed and the counterexample path of a
 * failure, which `FC_SEED=<seed>` replays.
 */
export const DEFAULT_FC_SEED = 20_261_207;

function chosenSeed(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_FC_SEED;
  if (raw === 'random') return Math.floor(Math.random() * 0x7fff_ffff);
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got "${raw}"`);
  return seed;
}

const seed = chosenSeed(process.env.FC_SEED);
const numRuns = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : undefined;
if (numRuns !== undefined && !(Number.isSafeInteger(numRuns) && numRuns > 0)) {
  throw new Error(`FC_NUM_RUNS must be a positive integer, got "${process.env.FC_NUM_RUNS}"`);
}
if (process.env.FC_SEED === 'random') process.stdout.write(`fast-check seed ${seed}\n`);

fc.configureGlobal({ seed, ...(numRuns ? { numRuns } : {}) });
