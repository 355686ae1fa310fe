/**
 * The one IPC entry's decision: a call from a page that is not ours is refused before anything
 * else; every other call goes through `dispatch()`, which validates its input against the
 * contract like every host's.
 */
import type { Envelope } from '../../../shared/api/contract';
import { isTrustedUrl } from './policy';

export type Invoke = (name: string, input: unknown) => Promise<Envelope<unknown>>;

export const REFUSED_SENDER = {
  ok: false,
  error: { code: 'REFUSED', message: '拒绝来自未知页面的请求' },
} as const satisfies Envelope<never>;

/** `senderUrl` is the sending frame's URL (event.senderFrame.url), '' when the frame is gone. */
export function createIpcEntry(invoke: Invoke, devServerUrl: string | undefined) {
  return async (senderUrl: string | undefined, name: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedUrl(senderUrl ?? '', devServerUrl)) return REFUSED_SENDER;
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'BAD_INPUT', message: '接口名称必须是文字' } };
    }
    return invoke(name, input);
  };
}
