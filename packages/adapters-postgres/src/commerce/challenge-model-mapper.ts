import type { AccountSizeData, ChallengeModel, ChallengeModelState, ModelParametersData } from '@tradesense/domain';

export interface ChallengeModelRow {
  id: string;
  name: string;
  model_version: number;
  currency: string;
  parameters: ModelParametersData;
  sizes: AccountSizeData[];
  position: number;
  updated_at: Date;
  version: number;
}

export interface ChallengeModelVersionRow {
  model_id: string;
  model_version: number;
  name: string;
  parameters: ModelParametersData;
  sizes: AccountSizeData[];
  recorded_at: Date;
}

/** Parameters and sizes are kept as the domain's canonical plain data in JSONB. */
export const challengeModelMapper = {
  toRow: (model: ChallengeModel, at: Date) => {
    const s = model.toState();
    return {
      name: s.name,
      model_version: s.version,
      currency: model.currency,
      parameters: JSON.stringify(s.parameters),
      sizes: JSON.stringify(s.sizes),
      updated_at: at,
    };
  },
  toVersionRow: (model: ChallengeModel, at: Date) => {
    const s = model.toState();
    return {
      model_id: s.id,
      model_version: s.version,
      name: s.name,
      parameters: JSON.stringify(s.parameters),
      sizes: JSON.stringify(s.sizes),
      recorded_at: at,
    };
  },
  toState: (r: ChallengeModelRow): ChallengeModelState => ({
    id: r.id,
    name: r.name,
    version: r.model_version,
    parameters: r.parameters,
    sizes: r.sizes,
  }),
  versionToState: (r: ChallengeModelVersionRow): ChallengeModelState => ({
    id: r.model_id,
    name: r.name,
    version: r.model_version,
    parameters: r.parameters,
    sizes: r.sizes,
  }),
};
