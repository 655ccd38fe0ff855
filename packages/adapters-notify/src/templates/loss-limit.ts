/** The two loss limits of the breach engine (rule book section 4). */
export type LossLimit = 'daily_loss' | 'max_loss';

const LABELS: Readonly<Record<LossLimit, string>> = {
  daily_loss: 'Daily loss limit',
  max_loss: 'Maximum loss limit',
};

export function lossLimitLabel(limit: LossLimit): string {
  return LABELS[limit];
}
