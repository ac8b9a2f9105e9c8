/** A conversion's event type as offers and plans name it: `ftd`, `deposit`, `refund`, a program's own. */
export const EVENT_TYPE = /^[a-z0-9_]{1,32}$/;
