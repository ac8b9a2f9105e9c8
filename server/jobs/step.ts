/**
 * The part of Inngest's `step` our jobs use, so the in-process runner can provide it too. A step's result must
 * be a JSON value: Inngest stores it between requests and hands back the parsed JSON on replay.
 */
export type StepRunner = {
  run: <T>(id: string, fn: () => Promise<T>) => Promise<T>;
};

/** In-process steps: run at once. Our steps are idempotent, so a retry from the top repeats no effect. */
export const immediateSteps: StepRunner = { run: (_id, fn) => fn() };
