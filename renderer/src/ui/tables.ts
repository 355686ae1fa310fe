/**
 * Row props for a list whose rows open what they show: a pointer, the row's test id, and `open`
 * on a click anywhere but the row's tick box, which only selects.
 */
export function opensOnClick<T>(open: (row: T) => void, testid?: string) {
  return (row: T) => ({
    style: 'cursor: pointer',
    'data-testid': testid,
    onClick: (event: MouseEvent) => {
      if ((event.target as HTMLElement).closest('.n-data-table-td--selection')) return;
      open(row);
    },
  });
}
