/** zod's own messages (wrong type, missing field) in Chinese, for every schema in the app. */
import { z } from 'zod';

z.config(z.locales.zhCN());
