/** Public names of traders: a display name only for those who opted in, never an e-mail. */
export interface LeaderboardProfileRepository {
  /** userId → display name, or null when the trader did not opt in or has no display name. */
  publicNames(userIds: readonly string[]): Promise<Map<string, string | null>>;
}
