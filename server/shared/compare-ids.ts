/** Code-unit order, not localeCompare: the order must not change with the server's locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
