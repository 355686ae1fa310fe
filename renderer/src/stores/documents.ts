/**
 * The documents of the person whose page is open: those in use and the trash. Scans filed by the
 * inbox arrive as `inbox.documents` events, so the tab refreshes while it is open. Adding and
 * replacing run as jobs with progress that the user can cancel.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RouteInput, RouteOutput } from '../../../shared/api/contract';
import { useApi } from '../api/useApi';
import { useEvent } from '../api/useEvent';

export type PersonDocument = RouteOutput<'documents.list'>[number];

export interface JobProgress {
  jobId: string;
  done: number;
  total: number;
}

const newJobId = () => `doc-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

export const useDocumentsStore = defineStore('documents', () => {
  const { call, envelope } = useApi();
  const personId = ref<number | null>(null);
  const documents = ref<PersonDocument[]>([]);
  const trashed = ref<PersonDocument[]>([]);
  const loaded = ref(false);
  /** The add or replace under way, for its progress bar and 取消 button. */
  const job = ref<JobProgress | null>(null);

  async function load(id: number | null = personId.value): Promise<void> {
    if (id !== personId.value) {
      personId.value = id;
      documents.value = [];
      trashed.value = [];
      loaded.value = false;
    }
    if (id === null) return;
    const [active, bin] = await Promise.all([
      call('documents.list', { employeeId: id }),
      call('documents.list', { employeeId: id, trashed: true }),
    ]);
    if (id !== personId.value) return;
    if (active) documents.value = active;
    if (bin) trashed.value = bin;
    loaded.value = true;
  }

  useEvent('inbox.documents', ({ personId: changed }) => {
    if (changed === personId.value) void load();
  });
  useEvent('job.progress', (progress) => {
    if (progress.jobId === job.value?.jobId) job.value = { ...progress };
  });

  /** Runs a cancellable job; a cancelled one says nothing, a failed one shows its message. */
  async function asJob<T>(
    work: (jobId: string) => Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
    total: number,
  ): Promise<{ value?: T; error?: string }> {
    const jobId = newJobId();
    job.value = { jobId, done: 0, total };
    try {
      const answer = await work(jobId);
      await load();
      if (answer.ok) return { value: answer.value };
      return answer.error.code === 'CANCELLED' ? {} : { error: answer.error.message };
    } finally {
      if (job.value?.jobId === jobId) job.value = null;
    }
  }

  return {
    personId,
    documents,
    trashed,
    loaded,
    job,
    load,
    add: (input: Omit<RouteInput<'documents.add'>, 'jobId'>) =>
      asJob((jobId) => envelope('documents.add', { ...input, jobId }), input.files.length),
    replace: (input: Omit<RouteInput<'documents.replace'>, 'jobId'>) =>
      asJob((jobId) => envelope('documents.replace', { ...input, jobId }), 1),
    async cancel(): Promise<void> {
      if (job.value) await call('jobs.cancel', { jobId: job.value.jobId });
    },
    async update(input: RouteInput<'documents.update'>): Promise<PersonDocument | undefined> {
      const saved = await call('documents.update', input);
      if (saved) documents.value = documents.value.map((d) => (d.id === saved.id ? saved : d));
      return saved;
    },
    async trash(id: number): Promise<PersonDocument | undefined> {
      const done = await call('documents.trash', { id });
      await load();
      return done;
    },
    async restore(id: number): Promise<PersonDocument | undefined> {
      const done = await call('documents.restore', { id });
      await load();
      return done;
    },
    file: (id: number) => call('documents.file', { id }),
  };
});
