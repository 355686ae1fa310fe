/**
 * Letter templates: the built-ins shipped in resources/templates, and the user's own, kept in the
 * settings table under 'letters.templates' with every saved version (a save never overwrites).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, notFound } from '../../../shared/api/errors';
import {
  LetterTemplate,
  StoredTemplates,
  templateUnknownPlaceholders,
  type LetterTemplateInput,
  type Route,
  type TemplateSummary,
} from '../../../shared/letters/model';
import { resourcePath } from './resources';

export const TEMPLATES_KEY = 'letters.templates';

/** `consent` and `pledge` name the built-in pair; the route picks 初定 or 评审. */
export const TEMPLATE_ALIASES: Record<string, Record<Route, string>> = {
  consent: { 初定: 'consent-chuding', 评审: 'consent-pingshen' },
  pledge: { 初定: 'pledge-chuding', 评审: 'pledge-pingshen' },
};

let builtIns: Map<string, LetterTemplate> | null = null;

/** The shipped templates, read and checked once per process. */
export function builtInTemplates(resourcesDir?: string): Map<string, LetterTemplate> {
  if (builtIns && !resourcesDir) return builtIns;
  const dir = resourcePath('templates', resourcesDir);
  const found = new Map<string, LetterTemplate>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = LetterTemplate.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`内置模板「${file}」有误：${parsed.error.issues[0]?.message}`);
    found.set(parsed.data.id, parsed.data);
  }
  if (!resourcesDir) builtIns = found;
  return found;
}

export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** The first zod issue as one Chinese sentence naming where it is. */
export function firstIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return '内容有误';
  const where = issue.path.length ? `（位置：${issue.path.map(String).join('.')}）` : '';
  return `${issue.message}${where}`;
}

export function parseTemplate(input: unknown): LetterTemplate {
  const parsed = LetterTemplate.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_INPUT', `模板有误：${firstIssue(parsed.error)}`);
  return parsed.data;
}

export function createTemplateStore(settings: SettingsStore, resourcesDir?: string) {
  const read = (): StoredTemplates => {
    const raw = settings.get(TEMPLATES_KEY);
    if (raw === undefined) return { formatVersion: 1, templates: [] };
    const parsed = StoredTemplates.safeParse(raw);
    if (!parsed.success) throw new AppError('INTERNAL', `已保存的信函模板无法读取：${firstIssue(parsed.error)}`);
    return parsed.data;
  };
  const builtIn = () => builtInTemplates(resourcesDir);

  const summary = (
    template: LetterTemplate,
    meta: { builtIn: boolean; version: number; versions: number; savedAt: string | null },
  ): TemplateSummary => ({
    id: template.id,
    name: template.name,
    kind: template.kind,
    materialType: template.materialType,
    route: template.route,
    unknownPlaceholders: templateUnknownPlaceholders(template),
    ...meta,
  });

  return {
    list(): TemplateSummary[] {
      const stored = read().templates.map((t) => {
        const last = t.versions[t.versions.length - 1]!;
        return summary(last.template, {
          builtIn: false,
          version: last.version,
          versions: t.versions.length,
          savedAt: last.savedAt,
        });
      });
      const shipped = [...builtIn().values()].map((t) =>
        summary(t, { builtIn: true, version: 1, versions: 1, savedAt: null }),
      );
      return [...shipped, ...stored];
    },

    /** A template by id (a built-in, or a user template's latest or given version). */
    get(id: string, version?: number): { template: LetterTemplate; builtIn: boolean; version: number } {
      const shipped = builtIn().get(id);
      if (shipped) return { template: shipped, builtIn: true, version: 1 };
      const entry = read().templates.find((t) => t.id === id);
      if (!entry) throw notFound(`信函模板「${id}」`);
      const found =
        version === undefined
          ? entry.versions[entry.versions.length - 1]
          : entry.versions.find((v) => v.version === version);
      if (!found) throw notFound(`信函模板「${id}」的第${version}版`);
      return { template: found.template, builtIn: false, version: found.version };
    },

    versions(id: string): Array<{ version: number; savedAt: string; name: string }> {
      const entry = read().templates.find((t) => t.id === id);
      if (!entry) throw notFound(`信函模板「${id}」`);
      return entry.versions.map((v) => ({ version: v.version, savedAt: v.savedAt, name: v.template.name }));
    },

    /** Saves a new version (the first save creates the template); earlier versions are kept. */
    save(input: LetterTemplateInput | LetterTemplate, now = new Date()): TemplateSummary {
      const template = parseTemplate(input);
      if (builtIn().has(template.id)) {
        throw new AppError('REFUSED', `「${template.id}」是内置模板的编号，内置模板不能修改，请换一个编号另存为新模板`);
      }
      const store = read();
      let entry = store.templates.find((t) => t.id === template.id);
      if (!entry) {
        entry = { id: template.id, versions: [] };
        store.templates.push(entry);
      }
      const version = (entry.versions[entry.versions.length - 1]?.version ?? 0) + 1;
      entry.versions.push({ version, savedAt: now.toISOString(), template });
      settings.set(TEMPLATES_KEY, store);
      return summary(template, {
        builtIn: false,
        version,
        versions: entry.versions.length,
        savedAt: now.toISOString(),
      });
    },
  };
}
export type TemplateStore = ReturnType<typeof createTemplateStore>;
