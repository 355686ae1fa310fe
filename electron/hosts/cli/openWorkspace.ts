/**
 * How every CLI command opens a workspace: as the app does, but a workspace another process holds
 * (the app is open on it) is a refusal the user can act on, `IN_USE` (exit 2), not a fault.
 */
import { WorkspaceInUseError } from '../../../db/open';
import { AppError } from '../../../shared/api/errors';
import { openApp, type App, type OpenAppOptions } from '../../services/compose';

export async function openWorkspace(options: OpenAppOptions): Promise<App> {
  try {
    return await openApp(options);
  } catch (error) {
    if (error instanceof WorkspaceInUseError)
      throw new AppError('IN_USE', `${error.message}（读取类命令可在程序打开时使用；写入须先关闭程序）`);
    throw error;
  }
}
