/**
 * The inbox's reader: a file's pages read in the PDF engine's workers (as far as the read stage's
 * scope says), weighed against the roster by identify().
 */
import { identify } from '../../../shared/reading/identify';
import { isGeneratedName } from '../../../shared/reading/generatedNames';
import { readDocument } from '../reading/readDocument';
import { engineFor } from './engineRuns';
import type { InboxReader } from './pipeline';

export function contentReader(options: { modelDir?: string } = {}): InboxReader {
  return {
    read: (ctx, row, scope) =>
      readDocument(
        engineFor(ctx, row),
        { path: ctx.library.absolute(row.storedPath!), name: row.sourceName },
        { pages: scope, modelDir: options.modelDir },
      ),
    evidence(reading, people) {
      const who = identify(
        reading,
        people.map((p) => ({ personId: p.id, idNumber: p.idNumber, name: p.name, employeeNo: p.employeeNo })),
      );
      return {
        person: who.person && { employeeId: who.person.personId, name: who.person.name, by: who.person.by },
        // Only a reason that speaks against the name counts; pages that just do not tell leave it to the name.
        personProblem: who.person === null && who.against ? who.reason : null,
        personNote: who.person === null && !who.against ? who.reason : null,
        type: reading.type,
        year: reading.year,
      };
    },
    isGeneratedName,
  };
}
