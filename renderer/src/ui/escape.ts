/**
 * Esc closes the open calendar, never the dialog under it with what the user typed. Naive UI's
 * date picker closes on Esc while focus is in its field, but once a click in the calendar (its
 * month arrows) has moved focus into the panel, the panel ignores Esc and the key reaches the
 * dialog, which closed. So, before anything else sees it, that Esc is handed to the field that
 * owns the calendar: the one shown focused while its calendar is open.
 */
export function routeEscapeFromCalendars(): void {
  // Capture on window, registered before Naive's own listeners: this runs first.
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || !(event.target instanceof Element) || !event.target.closest('.n-date-panel'))
        return;
      const owner = [...document.querySelectorAll('.n-date-picker')].find((p) => p.querySelector('.n-input--focus'));
      if (!owner) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      // No `code`: the dialog's own Esc listener reads `code`, so this copy is the field's alone.
      owner.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    },
    { capture: true },
  );
}
