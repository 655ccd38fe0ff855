import { UNIT_OF_WORK, type UseCases } from '@tradesense/application';
import type { Platform } from '../runtime/platform.js';

export function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}

export const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

/** Registers a trader and, with a display name, opts them in to the leaderboards. */
export async function trader(
  platform: Platform,
  handle: string,
  options: { country?: string; displayName?: string | null; optIn?: boolean; role?: 'trader' | 'admin' } = {},
): Promise<string> {
  const uc: UseCases = platform.useCases;
  const { userId } = value(
    await uc.registerUser.execute({
      email: `${handle}@example.com`,
      password: 'long enough pw',
      country: options.country ?? 'DE',
      displayName: options.displayName ?? null,
      ...(options.role ? { role: options.role } : {}),
    }),
  );
  if (options.optIn) {
    await platform.get(UNIT_OF_WORK).run(async (tx) => {
      const user = (await tx.users.findById(userId))!;
      value(user.updateProfile({ displayName: options.displayName ?? null, leaderboardOptIn: true }, new Date()));
      await tx.users.save(user);
    });
  }
  return userId;
}
