import { Decimal } from 'decimal.js';
import type { TransactionScope } from '../../ports/unit-of-work.js';

/** "Stellar 2-Step 100,000 USD, swap-free": how a plan is named in e-mails. */
export async function productName(
  tx: TransactionScope,
  item: { readonly modelId: string; readonly modelVersion: number; readonly accountSize: string; readonly currency: string; readonly swapFree: boolean; readonly reset?: boolean },
): Promise<string> {
  const model = await tx.challengeModels.findVersion(item.modelId, item.modelVersion);
  const size = new Decimal(item.accountSize).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const name = `${model?.name ?? item.modelId} ${size} ${item.currency}${item.swapFree ? ', swap-free' : ''}`;
  return item.reset ? `reset of ${name}` : name;
}
