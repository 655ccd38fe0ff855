import type { PaymentFingerprintRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

export class PostgresPaymentFingerprintRepository implements PaymentFingerprintRepository {
  constructor(private readonly db: Queryable) {}

  async remember(userId: string, fingerprint: string, at: Date): Promise<void> {
    await this.db('known_payment_fingerprints')
      .insert({ user_id: userId, fingerprint, first_seen_at: at })
      .onConflict(['user_id', 'fingerprint'])
      .ignore();
  }

  async ofUser(userId: string): Promise<string[]> {
    return (await this.db('known_payment_fingerprints').where({ user_id: userId }).orderBy('fingerprint').pluck('fingerprint')) as string[];
  }
}
