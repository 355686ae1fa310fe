/** `npm run bench`: every benchmark prints its figures beside an anchor measured in the same run. */
import { benchBackup } from './backup';
import { benchCliStart } from './cliStart';
import { benchInbox } from './inbox';
import { benchInboxReading } from './inboxReading';
import { benchEligibility } from './eligibility';
import { benchKits } from './kits';
import { benchLetters } from './letters';
import { benchPdf } from './pdf';
import { benchPeopleListScroll } from './peopleListScroll';
import { benchReading } from './reading';
import { benchRecords } from './records';
import { benchRoster } from './roster';

console.log(`职称申报工作台 benchmarks — node ${process.version}, ${new Date().toISOString()}`);
await benchCliStart();
await benchRoster();
await benchRecords();
await benchEligibility();
await benchKits();
await benchLetters();
await benchPdf();
await benchInbox();
await benchInboxReading();
await benchReading();
await benchPeopleListScroll();
await benchBackup();
