/** node:util parseArgs refuses in English; the user reads Chinese, with the option named. */
export function chineseArgError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(--?[^' <]+)/.exec(message ?? '')?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不认识的选项「${option}」`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `选项「${option}」的值缺失或有误`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数：${/'([^']*)'/.exec(message ?? '')?.[1] ?? ''}`;
    default:
      return message ?? String(error);
  }
}
