import type { EventName, EventPayload } from '../../shared/api/contract';

/** Where services announce what happened; each host carries it to its clients. */
export type EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export const ignoreEvents: EmitEvent = () => {};
