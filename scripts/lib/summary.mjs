// Counts tests from the runners' JSON reports (never from their console output), so CI's
// last line says what actually ran. A report that is missing or unreadable counts as a failure.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function read(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Vitest's JSON reporter: counts per test; suites that failed to load count once each. */
export function vitestCounts(report) {
  const loadFailures = (report.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).length).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + loadFailures,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Playwright's JSON reporter: expected and flaky passed; unexpected failed. Errors outside tests count too. */
export function playwrightCounts(report) {
  const s = report.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: (s.unexpected ?? 0) + (report.errors ?? []).length,
    skipped: s.skipped ?? 0,
  };
}

export function summarize(reportsDir, { extraFailed = 0, want = ['vitest', 'playwright'] } = {}) {
  const total = { passed: 0, failed: extraFailed, skipped: 0 };
  const problems = [];
  for (const name of want) {
    const report = read(join(reportsDir, `${name}.json`));
    if (!report) {
      problems.push(`${name}: no JSON report (the runner did not finish)`);
      total.failed += 1;
      continue;
    }
    const c = name === 'vitest' ? vitestCounts(report) : playwrightCounts(report);
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  return { ...total, problems, line: `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped` };
}
