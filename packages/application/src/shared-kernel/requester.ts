/** Who asks: a trader sees only their own (challenges, funded accounts), an admin sees all. */
export interface Requester {
  readonly userId: string;
  readonly role: 'trader' | 'admin';
}
