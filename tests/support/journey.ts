import { it, type TestContext } from 'vitest';

/**
 * The steps of one journey, each a test that goes on from where the one before left the pages and
 * the data. Once a step fails, the later steps of the same journey are reported as skipped, naming
 * the failed step: they could only fail again for the same reason, and one failure shows as one
 * red test. A journey is `const step = journey()` inside its `describe`; a run where every step
 * passes skips nothing.
 */
export function journey() {
  let failed: string | undefined;
  return function step(name: string, fn: (context: TestContext) => Promise<void>, timeout?: number) {
    it(
      name,
      async (context) => {
        if (failed !== undefined) context.skip(`the step «${failed}» failed before it`);
        // A failure is any way a test fails: a thrown error, a soft expectation, its timeout.
        context.onTestFailed(() => {
          failed ??= name;
        });
        await fn(context);
      },
      timeout,
    );
  };
}
