/** The part of Inngest's `step` our functions use, so the in-process runner can provide it too. */
export type StepRunner = {
  run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown>;
};

/** In-process steps: run at once. Our steps are idempotent, so a retry from the top repeats no effect. */
export const immediateSteps: StepRunner = { run: (_id, fn) => fn() };
