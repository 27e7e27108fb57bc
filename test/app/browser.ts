/**
 * A real headless Chromium for the app's browser tests: the binary shipped inside the npm package
 * `@sparticuz/chromium` (unpacked to the temp dir on first use, no download), driven by `playwright-core`;
 * plus the per-screen checks: a screenshot (reports/app/<name>.png) and an axe-core accessibility run.
 */
import fs from "node:fs";
import path from "node:path";
import chromium from "@sparticuz/chromium";
import axe from "axe-core";
import { chromium as playwright, type Browser, type Page } from "playwright-core";

/** Where the screenshots go (git-ignored). */
export const SCREENSHOTS = path.resolve(__dirname, "..", "..", "reports", "app");

/** Launches headless Chromium from `@sparticuz/chromium`. */
export async function launchChromium(): Promise<Browser> {
  // Not `--single-process` (meant for one-page serverless use): the tests open a second page.
  const args = chromium.args.filter((a) => a !== "--single-process");
  return playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
}

/** An axe-core violation, as far as the tests read it. */
export interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: Array<{ target: string[] }>;
}

/** Runs axe-core (WCAG 2 A/AA rules) on the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  )) as { violations: Violation[] };
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Saves a full-page screenshot as reports/app/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
