/**
 * Runs a CLI's main function and exits with its code; an unexpected error prints its
 * message (not a stack: staff read this) and exits 1.
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
