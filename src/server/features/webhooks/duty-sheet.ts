import { z } from 'zod';
import { freeText } from '../../free-text.js';

/**
 * One open escort request as the duty sheet prints it. The escort-request
 * feature is built in parallel: it supplies these through a `DutySheetSource`
 * (services.ts), and until it does the sheet lists none. Parsed at the
 * boundary: an ID that is not masked (`**************002X`) or a phone in a
 * reason is refused before anything is printed.
 */
export const dutySheetRequestSchema = z.object({
  plate: z.string().min(1).max(20),
  checkpointName: z.string().min(1).max(100),
  checkpointLocation: z.string().max(200),
  waitingSince: z.iso.datetime({ offset: true }),
    // People added at the checkpoint (not on the pass) have no registered ID here: null, never a guess.
  people: z.array(z.object({ name: z.string().min(1).max(50), maskedId: z.string().regex(/^\*{14}[0-9X]{4}$/, 'masked ID only').nullable() })).max(10),
  reasons: z.array(freeText(z.string().max(200))).max(20),
});
export type DutySheetRequest = z.infer<typeof dutySheetRequestSchema>;

/** The open escort requests of an enterprise, oldest first. */
export type DutySheetSource = (enterpriseId: number) => readonly DutySheetRequest[] | Promise<readonly DutySheetRequest[]>;

/** Until escort requests exist: nothing is waiting. */
export const noEscortRequests: DutySheetSource = () => [];

/** What the source gave, checked, oldest first. */
export async function dutySheetRows(source: DutySheetSource, enterpriseId: number): Promise<DutySheetRequest[]> {
  return z
    .array(dutySheetRequestSchema)
    .parse(await source(enterpriseId))
    .sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince));
}
