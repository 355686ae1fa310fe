/**
 * The state every form dialog keeps: the reason its last save failed, cleared and the form reset
 * each time it opens, and a save through the API whose failure is shown with the form instead of
 * in a passing message.
 */
import { ref, watch, type Ref } from 'vue';
import type { RouteInput, RouteName, RouteOutput } from '../../../../shared/api/contract';
import { useApi } from '../../api/useApi';

export function useFormDialog(show: Ref<boolean>, reset: () => void) {
  const { envelope, busy } = useApi();
  const failure = ref<string | null>(null);

  watch(show, (open) => {
    if (!open) return;
    failure.value = null;
    reset();
  });

  /** The server's answer, or undefined once its reason stands in the form. */
  async function submit<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N> | undefined> {
    failure.value = null;
    const result = await envelope(name, input);
    if (result.ok) return result.value;
    failure.value = result.error.message;
    return undefined;
  }

  return { failure, busy, submit, close: () => (show.value = false) };
}
