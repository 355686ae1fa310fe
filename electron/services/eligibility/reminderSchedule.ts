/** Hosts that stay up (the app, the web host) look for new reminders at start and then every hour. */
import type { EligibilityService } from './eligibilityService';

export function startReminderSchedule(eligibility: EligibilityService, everyMs = 60 * 60 * 1000): () => void {
  const check = () => {
    try {
      eligibility.announceReminders();
    } catch {
      // A failed check is retried at the next tick; reminders are advisory.
    }
  };
  const first = setTimeout(check, 3000);
  const timer = setInterval(check, everyMs);
  timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
