/**
 * The default time a test or hook may take, for the node and page projects: 30 s, not jest's 5 s.
 * A page test's first page compiles TDesign, and a node test's first call builds the local stack
 * or a store: seconds on a busy two-core machine, where 5 s failed tests that pass alone. It is
 * a guard against a hung test, never a speed check (benchmarks print figures instead).
 */
jest.setTimeout(30_000);
