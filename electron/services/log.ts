/** The main side's error log: stderr, with personal data masked. */
import { redact } from '../../shared/validation/redact';

export function logInternalError(route: string, error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[${new Date().toISOString()}] ${route} 内部错误：${redact(text)}\n`);
}
