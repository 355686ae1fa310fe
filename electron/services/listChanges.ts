/**
 * Which routes change a list that pages keep in a store (batches, units, letter templates): after
 * one succeeds, `lists.changed` tells every window, so a picker opened later is never stale.
 */
import type { EventPayload, RouteName } from '../../shared/api/contract';

type List = EventPayload<'lists.changed'>['list'];

export const LIST_CHANGES: Partial<Record<RouteName, List>> = {
  'batches.save': 'batches',
  'batches.delete': 'batches',
  'batches.addPeople': 'batches',
  'declarations.setStatus': 'batches',
  'declarations.remove': 'batches',
  'units.save': 'units',
  'units.setDefault': 'units',
  'units.delete': 'units',
  'units.importSeal': 'units',
  'letters.templates.save': 'templates',
  'letters.templates.import': 'templates',
};
