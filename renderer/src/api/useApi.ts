/**
 * Calling the API from components and stores. `call` shows a failure's Chinese message and
 * returns undefined, so no failure goes unseen; `envelope` hands the failure to the caller,
 * for forms that show it next to the fields.
 */
import { computed, ref } from 'vue';
import type { Envelope, RouteInput, RouteName, RouteOutput } from '../../../shared/api/contract';
import { message } from '../ui/feedback';
import { bridge } from './bridge';

export function useApi() {
  const pending = ref(0);

  async function envelope<N extends RouteName>(name: N, input: RouteInput<N>): Promise<Envelope<RouteOutput<N>>> {
    pending.value++;
    try {
      const result = await bridge.invoke(name, input);
      return result;
    } catch (error) {
      // Electron's IPC rejects instead of answering when the main side breaks.
      console.error(name, error);
      return { ok: false, error: { code: 'INTERNAL', message: '与主程序通信失败，操作未完成，请重试' } };
    } finally {
      pending.value--;
    }
  }

  async function call<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N> | undefined> {
    const result = await envelope(name, input);
    if (result.ok) return result.value;
    message.error(result.error.message, { duration: 8000, closable: true });
    return undefined;
  }

  return { call, envelope, busy: computed(() => pending.value > 0) };
}
