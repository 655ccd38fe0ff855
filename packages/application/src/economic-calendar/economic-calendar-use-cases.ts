import type { UseCaseDependencies } from '../use-case-dependencies.js';
import { AddEconomicEvent } from './use-cases/add-economic-event.js';
import { DeleteEconomicEvent } from './use-cases/delete-economic-event.js';
import { EditEconomicEvent } from './use-cases/edit-economic-event.js';
import { HighImpactEvents } from './use-cases/high-impact-events.js';
import { ImportEconomicEvents } from './use-cases/import-economic-events.js';
import { ListEconomicEvents } from './use-cases/list-economic-events.js';

/** The use cases of the economic-calendar context, built from plain dependencies. */
export function createEconomicCalendarUseCases(deps: Pick<UseCaseDependencies, 'uow' | 'ids' | 'clock'>) {
  const { uow, ids, clock } = deps;
  return {
    listEconomicEvents: new ListEconomicEvents(uow),
    highImpactEvents: new HighImpactEvents(uow),
    addEconomicEvent: new AddEconomicEvent(uow, ids, clock),
    editEconomicEvent: new EditEconomicEvent(uow, clock),
    deleteEconomicEvent: new DeleteEconomicEvent(uow, clock),
    importEconomicEvents: new ImportEconomicEvents(uow, ids, clock),
  };
}

export type EconomicCalendarUseCases = ReturnType<typeof createEconomicCalendarUseCases>;
