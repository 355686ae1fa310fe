import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../../../shared/api/dispatch';
import { routes } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';

/** Handlers that fail loudly if called: dispatch must stop before them on bad input. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unexpected = () => {
    throw new Error('handler should not have been called');
  };
  const all = Object.fromEntries(Object.keys(routes).map((name) => [name, unexpected]));
  return { ...all, ...overrides } as Handlers;
}

describe('dispatch()', () => {
  it('refuses an unknown route by name', async () => {
    expect(await dispatch(handlers(), 'people.explode', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_ROUTE', message: '未知的接口「people.explode」' },
    });
    // Names inherited from Object.prototype are not routes either.
    expect(await dispatch(handlers(), 'toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
  });

  it('refuses bad input in Chinese, naming the field, without calling the handler', async () => {
    const result = await dispatch(handlers(), 'units.save', { name: '', creditCode: '91110000600037341X' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_INPUT');
    expect(result.error.message).toBe('输入有误：单位名称不能为空；统一社会信用代码校验位不正确，请核对代码');
  });

  it('says what a wrong or missing field should be in Chinese, naming the field and no English type', async () => {
    const result = await dispatch(handlers(), 'people.get', { id: 'abc' });
    expect(!result.ok && result.error.message).toBe('输入有误：「id」应为数字');
    const missing = await dispatch(handlers(), 'people.get', {});
    expect(!missing.ok && missing.error.message).toBe('输入有误：「id」缺少该项（应为数字）');
  });

  it('passes normalised input to the handler and wraps its value', async () => {
    const save = vi.fn((input: { name: string; creditCode: string }) => ({
      id: 1,
      ...input,
      nature: null,
      region: null,
      authority: null,
      contactName: null,
      contactPhone: null,
      address: null,
      isDefault: true,
      hasSeal: false,
    }));
    const result = await dispatch(handlers({ 'units.save': save as never }), 'units.save', {
      name: ' 某某公司 ',
      creditCode: '91110000600037341l',
    });
    expect(save.mock.calls[0]![0]).toMatchObject({ name: '某某公司', creditCode: '91110000600037341L', region: null });
    expect(result).toMatchObject({ ok: true, value: { id: 1, name: '某某公司' } });
  });

  it('carries the code of an AppError in the envelope', async () => {
    const result = await dispatch(
      handlers({
        'people.get': () => {
          throw new AppError('NOT_FOUND', '该人员不存在或已被删除');
        },
      }),
      'people.get',
      { id: 7 },
    );
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '该人员不存在或已被删除' } });
  });

  it('hides unexpected errors behind a Chinese message and reports them to the host', async () => {
    const onInternalError = vi.fn();
    const result = await dispatch(
      handlers({
        'app.info': () => {
          throw new TypeError('secret stack detail');
        },
      }),
      'app.info',
      {},
      {},
      { onInternalError },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(onInternalError).toHaveBeenCalledWith('app.info', expect.any(TypeError));
  });

  it('checks outputs against the contract when asked', async () => {
    const result = await dispatch(
      handlers({ 'jobs.cancel': () => ({ cancelled: 'yes' }) as never }),
      'jobs.cancel',
      { jobId: 'x' },
      {},
      {
        validateOutput: true,
      },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
