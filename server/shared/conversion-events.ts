/** A conversion's event type as offers and plans name it: `ftd`, `deposit`, `refund`, a program's own. */
export const EVENT_TYPE = /^[a-z0-9_]{1,32}$/;

/** Events that take money back from an earlier conversion of the same transaction rather than earning anew. */
export const REVERSING_EVENTS = ["refund", "chargeback"] as const;
