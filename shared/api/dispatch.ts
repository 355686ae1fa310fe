/** The pure heart of every host: validate the input, call the handler, wrap the outcome. */
import { z } from 'zod';
import './zodLocale';
import { AppError } from './errors';
import { isRouteName, routes, type Envelope, type RouteArgs, type RouteName, type RouteOutput } from './contract';

/** The part of AbortSignal that handlers use (shared/ has no DOM or Node types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface CallContext {
  /** Aborted when the caller goes away or cancels; long handlers check it. */
  signal?: AbortSignalLike;
}

export type Handlers = {
  [N in RouteName]: (input: RouteArgs<N>, ctx: CallContext) => RouteOutput<N> | Promise<RouteOutput<N>>;
};

/** zod's own (locale) messages do not name the field; ours do, so only theirs get the field's key. */
const GENERIC_MESSAGE = /^(无效|数值过|出现未知|期望|缺少该项|应为)/;

/** The first issues of a zod error, each naming the field it concerns. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 && GENERIC_MESSAGE.test(issue.message) ? `「${issue.path.join('.')}」` : '';
      return `${where}${issue.message}`;
    })
    .join('；');
}

export interface DispatchOptions {
  /** Check outputs against the contract too (tests and development). */
  validateOutput?: boolean;
  /** Where unexpected errors go; never shown to the user as they are. */
  onInternalError?: (route: string, error: unknown) => void;
}

export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  ctx: CallContext = {},
  options: DispatchOptions = {},
): Promise<Envelope<unknown>> {
  if (!isRouteName(name)) return fail('UNKNOWN_ROUTE', `未知的接口「${name}」`);
  const route = routes[name];
  const parsed = route.input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail('BAD_INPUT', `输入有误：${describeZodError(parsed.error)}`);
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    if (options.validateOutput) {
      const checked = route.output.safeParse(value);
      if (!checked.success) throw new Error(`${name} 的输出不符合约定：${describeZodError(checked.error)}`);
    }
    return { ok: true, value };
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message, error.details);
    options.onInternalError?.(name, error);
    return fail('INTERNAL', '内部错误，操作未完成。请重试；若仍失败，请把日志发给技术支持。');
  }
}

const fail = (code: string, message: string, details?: Record<string, unknown>): Envelope<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** Unwraps an envelope, turning a failure back into an AppError (for clients of the API). */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new AppError(envelope.error.code as AppError['code'], envelope.error.message, envelope.error.details);
}

export type { RouteOutput };
