import { onScopeDispose } from 'vue';
import type { EventName, EventPayload } from '../../../shared/api/contract';
import { bridge } from './bridge';

/** Listens to a main-side event for as long as the calling component (or store) lives. */
export function useEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  onScopeDispose(bridge.on(name, listener));
}
