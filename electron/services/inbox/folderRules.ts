/** What in a watched folder is a file to take, where taken files go, and how long a file must rest. */
import type { WatchedFolderRow } from '../../../db/repos/inbox';

export const IGNORED_NAMES =
  /^(thumbs\.db|desktop\.ini|\.ds_store|~\$.*|\._.*|\.~lock.*|.*\.(tmp|part|crdownload|partial))$/i;
export const ALLOWED_EXTENSIONS = new Set(['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff', '.heic', '.heif']);
export const DONE_FOLDER = '已处理';
export const APP_FOLDER = '.zhicheng';

export const isNetworkPath = (path: string) => /^(\\\\|\/\/)/.test(path);
export const stableWindowMs = (folder: WatchedFolderRow) =>
  (folder.stableSeconds ?? (folder.polling || isNetworkPath(folder.path) ? 25 : 10)) * 1000;
