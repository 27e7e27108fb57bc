/**
 * The web app (app/) in a real Chromium against a `hardhat node` with the demo deployed: the production
 * build served as static files, read-only browsing, the development signer, a listing buy, a retirement
 * and its certificate, a pool claim, the oracle fleet chart, and a typed error — each checked against
 * the chain through the SDK; the oracle screen against a real oracle node (in-process, SQLite, fed a
 * Plant 1 day over HTTP): a device-day's audit chart, status and reasons checked against the node's
 * API and the chain; a screenshot and an axe-core check per screen.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { Contract, JsonRpcProvider, id } from "ethers";
import type { Browser, Page } from "playwright-core";
import { OpenTonne, deviceIdOf, parseCredits } from "../../sdk";
import { startSeededOracleNode, type SeededOracleNode } from "../../scripts/app/oracle-node";
import { serveStatic, type StaticServer } from "../../scripts/app/serve";
import { ROOT, startDemoStack, viteBin, type DemoStack } from "../../scripts/app/stack";
import { freePort } from "../helpers/node";
import { launchChromium, screenshot, seriousViolations } from "./browser";
import { injectedWalletScript } from "./injected-wallet";

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** `vite build` of app/ into `outDir` (the production bundle the test serves). */
function buildApp(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin(), "build", "--config", "app/vite.config.mts", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${out}`))));
  });
}

describe("app: the web dApp in a real Chromium against hardhat node + demo @skip-on-coverage", function () {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-app-e2e-"));
  const deploymentId = `demo-app-e2e-${process.pid}-${Date.now()}`;
  let stack: DemoStack;
  let server: StaticServer;
  let oracleNode: SeededOracleNode;
  let browser: Browser;
  let page: Page;
  let provider: JsonRpcProvider;
  let ot: OpenTonne;
  let corporate: string;
  let member: string;
  let extraPeriod: bigint;

  /** Screenshot + axe-core check of the current screen. */
  async function check(name: string): Promise<void> {
    await page.mouse.move(0, 0); // no hover tooltip left over from the last click in the shot
    await screenshot(page, name);
    const violations = await seriousViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe on ${name}`).to.deep.equal([]);
  }

  async function connectDev(account: string): Promise<void> {
    if (await page.getByRole("button", { name: "Disconnect" }).isVisible()) await page.getByRole("button", { name: "Disconnect" }).click();
    await page.getByTestId("dev-account").waitFor();
    await page.getByTestId("dev-account").selectOption(account.toLowerCase());
    await page.getByRole("button", { name: "Use development signer" }).click();
    await page.getByTestId("account").waitFor();
    expect(await page.getByTestId("account").textContent()).to.equal(short(account));
  }

  before(async function () {
    this.timeout(150_000);
    const [s, n] = await Promise.all([
      startDemoStack({ reportPath: path.join(tmp, "demo.json"), deploymentId }),
      // The fixture's first two local days: UTC 2020-06-07 is then complete (India is UTC+5:30).
      startSeededOracleNode({ from: 0, to: 2 }),
      buildApp(path.join(tmp, "dist")),
    ]);
    stack = s;
    oracleNode = n;
    provider = new JsonRpcProvider(stack.node.url, 31337, { staticNetwork: true });
    ot = await OpenTonne.connect(provider, { chainId: 31337, addresses: stack.config.addresses });
    corporate = stack.report.accounts.corporate;
    member = stack.report.members[0].address;

    // The demo claims every allocation: give the first member a fresh, unclaimed one (July 2020).
    const deployer = await provider.getSigner(stack.report.accounts.deployer);
    const pool = new Contract(stack.config.addresses.pool, ["function grantRole(bytes32,address)"], deployer);
    await (await pool.grantRole(id("ORACLE_ROLE"), await deployer.getAddress())).wait();
    const manager = await OpenTonne.connect(deployer, { addresses: stack.config.addresses, checkCode: false });
    extraPeriod = (await manager.pool.openPeriod("Monthly", Date.UTC(2020, 6, 15) / 1000)).periodId;
    await manager.pool.recordContribution(member, extraPeriod, parseCredits("5"));
    await manager.pool.closePeriod(extraPeriod);

    server = await serveStatic(path.join(tmp, "dist"), { "/opentonne.config.json": JSON.stringify(stack.config) });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close();
    await server?.close();
    await oracleNode?.stop();
    provider?.destroy();
    await stack?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(path.join(ROOT, "ignition", "deployments", deploymentId), { recursive: true, force: true });
  });

  it("browses registry → project → batch read-only, with the chain's figures", async function () {
    await page.goto(`${server.url}#/registry`);
    await page.getByText("Read-only", { exact: true }).waitFor();
    const solar = stack.report.solarProject;
    await page.getByRole("link", { name: solar.name }).click();
    await page.getByRole("heading", { name: solar.name }).waitFor();
    await check("project");
    await page.goto(`${server.url}#/registry`);
    await page.getByRole("table").waitFor();
    await check("registry");
    await page.goto(`${server.url}#/project/${solar.projectId}`);
    await page.getByRole("link", { name: `Vintage 2020 — batch #${solar.batchId}` }).click();
    await expect(await page.getByTestId("serial").textContent()).to.equal(solar.serial);
    const b = await ot.registry.getBatch(BigInt(solar.batchId));
    const t = (g: bigint) => `${(Number(g) / 1e6).toLocaleString("en-US", { maximumFractionDigits: 6 })} tCO2e`;
    await expect(await page.getByTestId("ledger").textContent()).to.equal(`${t(b.minted)} / ${t(b.retired)} / ${t(b.circulating)}`);
    await page.getByTestId("price-chart").waitFor();
    await check("batch");
  });

  it("connects the development signer (chain 31337) and buys part of a listing: quote shown, balances changed on-chain", async function () {
    await connectDev(corporate);
    await page.getByText("Development signer (node account)").waitFor();
    const [listing] = (await ot.market.listListings()).items.filter((l) => l.status === "Active");
    const amount = parseCredits("10");
    const quote = await ot.market.quoteBuy(listing.id, amount);
    const usd = new Contract(stack.report.addresses.usd, ["function balanceOf(address) view returns (uint256)"], provider);
    const [usdBefore, creditsBefore] = [(await usd.balanceOf(corporate)) as bigint, await ot.credits.balanceOf(corporate, listing.batchId)];

    await page.goto(`${server.url}#/market`);
    await page.getByRole("button", { name: `Buy from listing ${listing.id}` }).click();
    await page.getByRole("form", { name: `Buy from listing ${listing.id}` }).getByLabel("Amount (tCO2e)").fill("10");
    await page.getByTestId("quote-cost").waitFor();
    await expect(await page.getByTestId("quote-cost").textContent()).to.equal(`${(Number(quote.cost) / 1e6).toFixed(2)} mUSD`);
    await expect(await page.getByTestId("quote-fee").textContent()).to.equal(`${(Number(quote.fee) / 1e6).toFixed(2)} mUSD`);
    await check("market");
    await page.getByRole("form", { name: `Buy from listing ${listing.id}` }).getByRole("button", { name: "Buy", exact: true }).click();
    const done = page.getByTestId("tx-done");
    await done.waitFor({ timeout: 30_000 });
    await expect(await done.textContent()).to.include("Bought 10 tCO2e");
    await expect(await page.getByTestId("tx-hash").count()).to.be.greaterThan(0); // the approval and the buy

    expect(await ot.credits.balanceOf(corporate, listing.batchId)).to.equal(creditsBefore + amount);
    expect((await usd.balanceOf(corporate)) as bigint).to.equal(usdBefore - quote.cost);
    expect((await ot.market.getListing(listing.id)).remaining).to.equal(listing.remaining - amount);
  });

  it("retires with a beneficiary after the oldest-first preview, and the certificate matches getRetirement", async function () {
    const beneficiary = stack.report.accounts.treasury;
    await page.goto(`${server.url}#/portfolio`);
    await page.getByTestId("holdings").waitFor();
    const form = page.getByRole("form", { name: "Retire credits" });
    await form.getByLabel("Project").selectOption(stack.report.solarProject.projectId);
    await form.getByLabel("Amount (tCO2e)").fill("2.5");
    await form.getByLabel("Beneficiary name").fill("Nilgiri Tea Estates");
    await form.getByLabel(/Beneficiary address/).fill(beneficiary);
    await form.getByLabel("Reason").fill("offset claim: FY2026 scope 2");
    await form.getByLabel("Reference").fill("INV-2026-0042");
    await form.getByLabel(/Consumption country/).fill("in");
    await page.getByText("Preview — oldest vintage first:").waitFor();
    await expect(await page.getByTestId("retire-preview").textContent()).to.include(`2.5 tCO2e of vintage 2020 batch #${stack.report.solarProject.batchId}`);
    await check("portfolio");
    await form.getByRole("button", { name: "Retire" }).click();
    await page.getByTestId("certificate-link").click();

    const id = BigInt(new URL(page.url()).hash.split("/")[2]);
    const r = await ot.credits.getRetirement(id);
    const record = await ot.credits.getRetirementRecord(id);
    expect(r.amount).to.equal(parseCredits("2.5"));
    expect(r.beneficiary).to.equal(beneficiary);
    // The certificate opens by URL alone, in a fresh page with no wallet.
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await fresh.goto(`${server.url}#/retirement/${id}`);
    await fresh.getByTestId("cert-amount").waitFor();
    expect(await fresh.getByTestId("cert-amount").textContent()).to.equal("2.5 tCO2e");
    expect(await fresh.getByTestId("cert-beneficiary").textContent()).to.equal(r.beneficiary);
    expect(await fresh.getByTestId("cert-account").textContent()).to.equal(r.account);
    expect(await fresh.getByTestId("cert-beneficiary-name").textContent()).to.equal("Nilgiri Tea Estates");
    expect(await fresh.getByTestId("cert-reason").textContent()).to.equal(record.details.reason);
    expect(await fresh.getByTestId("cert-reference").textContent()).to.equal("INV-2026-0042");
    expect(await fresh.getByTestId("cert-country").textContent()).to.equal("IN");
    expect(await fresh.getByTestId("cert-time").textContent()).to.equal(`${new Date(Number(r.timestamp) * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`);
    expect(await fresh.getByTestId("cert-tx").textContent()).to.equal(record.transactionHash);
    expect(await fresh.getByTestId("cert-batches").textContent()).to.include(stack.report.solarProject.serial);
    await fresh.close();
    await page.getByTestId("cert-amount").waitFor();
    await check("certificate");
  });

  it("shows the decoded typed error in words on an insufficient balance, and nothing changes", async function () {
    const batchId = BigInt(stack.report.solarProject.batchId);
    const before = await ot.credits.balanceOf(corporate, batchId);
    await page.goto(`${server.url}#/portfolio`);
    const form = page.getByRole("form", { name: "Transfer credits" });
    await form.getByLabel("Batch").selectOption(batchId.toString());
    await form.getByLabel("Recipient address").fill(stack.report.accounts.treasury);
    await form.getByLabel("Amount (tCO2e)").fill("1000000");
    await form.getByRole("button", { name: "Transfer" }).click();
    const error = page.getByTestId("tx-error");
    await error.waitFor();
    expect(await error.textContent()).to.match(/You do not hold enough credits of this batch \(balance .* tCO2e, needed 1,000,000 tCO2e\) \(ERC1155InsufficientBalance\)/);
    expect(await page.getByTestId("tx-hash").count()).to.equal(0); // refused in simulation: nothing was sent
    expect(await form.getByRole("button", { name: "Transfer" }).isEnabled()).to.equal(true); // not left half-way
    expect(await ot.credits.balanceOf(corporate, batchId)).to.equal(before);
  });

  it("claims a member's pool allocation: claimable shown, then claimed on-chain", async function () {
    const claimable = await ot.pool.claimable(extraPeriod, member);
    expect(claimable).to.equal(parseCredits("5"));
    const period = await ot.pool.getPeriod(extraPeriod);
    const before = await ot.credits.balanceOf(member, period!.batchId);
    await page.goto(`${server.url}#/pool`);
    await connectDev(member);
    await page.getByTestId("claimable").waitFor();
    expect(await page.getByTestId("claimable").textContent()).to.equal("Claimable now: 5 tCO2e");
    await page.getByTestId("leaderboard").waitFor();
    await check("pool");
    await page.getByRole("button", { name: "Claim 5 tCO2e" }).click();
    await page.getByTestId("tx-done").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("tx-done").textContent()).to.include("Claimed 5 tCO2e from 1 period(s)");
    expect(await ot.pool.claimable(extraPeriod, member)).to.equal(0n);
    expect(await ot.credits.balanceOf(member, period!.batchId)).to.equal(before + claimable);
    await page.getByText("Claimable now: 0 tCO2e").waitFor();
    const row = page.locator(`tr[data-member-period="${extraPeriod}"] td`);
    const mp = await ot.pool.getMemberPeriod(extraPeriod, member);
    // period, reduction, score, allocation (what was claimed), claimable, claimed
    expect(await row.allTextContents()).to.deep.equal([`#${extraPeriod}`, "5 tCO2e", String(mp.score), "5 tCO2e", "0 tCO2e", "yes"]);
  });

  it("shows the oracle fleet: every device, the verified vs pending/flagged chart, and a device's reports", async function () {
    const fleet = await ot.history.fleetSummary();
    await page.goto(`${server.url}#/fleet`);
    await page.getByTestId("fleet-chart").locator("svg .recharts-bar-rectangle").first().waitFor();
    expect(await page.getByTestId("devices").locator("tbody tr").count()).to.equal(fleet.devices.length);
    // No oracle node URL is configured: on-chain data only, and the screen says what a URL adds.
    expect(await page.getByTestId("node-none").textContent()).to.contain("No oracle node is configured, so this screen shows on-chain data only");
    await check("fleet");
    const device = fleet.devices[0];
    await page.getByTestId("devices").locator("tbody tr").first().getByRole("link").click();
    await page.getByTestId("reports").waitFor();
    const reports = await ot.oracle.reportHistory({ deviceId: device.deviceId });
    expect(await page.getByTestId("reports").locator("tbody tr").count()).to.equal(reports.length);
    expect(await page.getByTestId("reports").textContent()).to.include(`${reports[0].evidenceHash.slice(0, 6)}…${reports[0].evidenceHash.slice(-4)}`);
    await check("device");
  });

  it("with an oracle node URL: the node's devices, a device-day's audit chart, status and reasons as its API says, and the on-chain match", async function () {
    const nodeGet = async (route: string) => (await fetch(oracleNode.url + route)).json();
    const date = "2020-06-07";
    const devices = (await nodeGet("/devices")).devices as Array<{ id: string }>;
    const summary = await nodeGet("/summary");
    const day = ((await nodeGet(`/results?from=${date}&to=${date}`)).results as Array<{ deviceId: string; status: string }>);
    // A day with reasons (the fixture's 2020-06-07 has PENDING inverters), else any.
    const pick = day.find((r) => r.status !== "VERIFIED") ?? day[0];
    const api = await nodeGet(`/devices/${pick.deviceId}/audit/${date}`);
    expect(api.result.status).to.equal(pick.status);

    await page.goto(`${server.url}#/fleet`);
    const form = page.getByRole("form", { name: "Oracle node URL" });
    await form.getByLabel("Oracle node URL").fill(oracleNode.url);
    await form.getByRole("button", { name: "Use this node" }).click();
    await page.getByTestId("node-devices").waitFor();
    expect(await page.getByTestId("node-devices").locator("tbody tr").count()).to.equal(devices.length);
    expect(await page.getByTestId("node-fleet").textContent()).to.contain(`${devices.length} devices · ${summary.fleet.days} device-days · verified ${summary.fleet.verified}`);
    await check("fleet-node");

    await page.getByRole("link", { name: `Audit ${pick.deviceId}`, exact: true }).click();
    await page.getByLabel("Day (UTC)").selectOption(date);
    await page.waitForURL((u) => u.hash === `#/audit/${pick.deviceId}/${date}`);
    const chart = page.getByRole("img", { name: `AC power vs irradiance of ${pick.deviceId} on ${date} (UTC): ${api.power.length} readings, ${api.irradiance.samples.length} irradiance samples` });
    await chart.locator(".series-ac path.recharts-line-curve").waitFor();
    // One SVG point per value the node served: AC power per reading, irradiance (and the maximum derived from it) per sample.
    const points = async (series: string) => {
      const d = (await chart.locator(`.${series} path.recharts-line-curve`).getAttribute("d")) ?? "";
      return (d.match(/[ML]/g) ?? []).length;
    };
    expect(await points("series-ac")).to.equal(api.power.length);
    expect(await points("series-ghi")).to.equal(api.irradiance.samples.length);
    expect(await points("series-max")).to.equal(api.irradiance.samples.length);
    expect(api.power.length).to.be.greaterThan(90); // a whole day of 15-minute readings
    expect(await page.getByTestId("audit-status").textContent()).to.equal(api.result.status);
    if (api.result.reasons.length > 0) expect(await page.getByTestId("audit-reasons").locator("li").allTextContents()).to.deep.equal(api.result.reasons);
    else await page.getByTestId("audit-reasons-none").waitFor();
    expect(await page.getByTestId("audit-evidence").textContent()).to.equal(api.result.evidenceHash);
    const entry = (await page.getByTestId("audit-entry").textContent())!;
    expect(entry).to.contain(String(api.auditEntry.seq)).and.contain(api.auditEntry.hash).and.contain(api.auditEntry.prevHash);
    const thresholds = await page.getByTestId("thresholds").textContent();
    expect(thresholds).to.contain(`> ${api.thresholds.minCorrelation}`).and.contain((api.result.correlationBps / 10_000).toFixed(4));
    // The demo posted the library's results for the same fixture: the chain holds the node's verdict and evidence.
    const onChain = await ot.oracle.getReport(deviceIdOf(pick.deviceId), api.day);
    expect(onChain.status.toUpperCase()).to.equal(api.result.status);
    expect(onChain.evidenceHash).to.equal(api.result.evidenceHash);
    await page.getByText(`On-chain: ${onChain.status}, the same evidence hash: matches the node.`).waitFor();
    await check("audit");

    // A device the node does not know: its 404, with the URL and route, in words.
    await page.goto(`${server.url}#/audit/no-such-device/${date}`);
    const notFound = page.getByRole("alert");
    await notFound.waitFor();
    expect(await notFound.textContent()).to.equal(
      `Could not load the audit of no-such-device on ${date}: the oracle node at ${oracleNode.url} answered /devices/no-such-device/audit/${date} with HTTP 404: device no-such-device is not registered on this node`,
    );
  });

  it("says clearly when the oracle node URL does not answer, and forgets a saved URL", async function () {
    const dead = `http://127.0.0.1:${await freePort()}`;
    await page.goto(`${server.url}#/fleet`);
    const form = page.getByRole("form", { name: "Oracle node URL" });
    await form.getByLabel("Oracle node URL").fill(dead);
    await form.getByRole("button", { name: "Use this node" }).click();
    const error = page.getByRole("alert");
    await error.waitFor();
    expect(await error.textContent()).to.match(new RegExp(`^Could not load the oracle node at ${dead}: the oracle node at ${dead} did not answer /(summary|devices): .+ORACLE_NODE_CORS_ORIGINS`));
    await check("fleet-node-error");
    await form.getByRole("button", { name: "Forget saved URL" }).click();
    await page.getByTestId("node-none").waitFor();
    // The URL can also come from the configuration (opentonne.config.json's oracleNodeUrl).
    const configured = await serveStatic(path.join(tmp, "dist"), { "/opentonne.config.json": JSON.stringify({ ...stack.config, oracleNodeUrl: oracleNode.url }) });
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await fresh.goto(`${configured.url}#/fleet`);
      await fresh.getByTestId("node-devices").waitFor();
      await fresh.getByText("From the app's configuration.").waitFor();
    } finally {
      await fresh.close();
      await configured.close();
    }
  });

  it("finds an injected wallet by EIP-6963, asks it to switch from chain 1 to 31337, then sends through it", async function () {
    const wallet = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await wallet.addInitScript({ content: injectedWalletScript(stack.node.url, corporate) });
      await wallet.goto(`${server.url}#/portfolio`);
      await wallet.getByRole("button", { name: "Connect Test Wallet" }).click();
      const prompt = wallet.getByText("Your wallet is on chain 1;");
      await prompt.waitFor();
      await wallet.getByRole("button", { name: "Switch network" }).click();
      await prompt.waitFor({ state: "detached" });
      expect(await wallet.getByTestId("account").textContent()).to.equal(short(corporate));
      const batchId = BigInt(stack.report.solarProject.batchId);
      const to = stack.report.accounts.treasury;
      const [fromBefore, toBefore] = [await ot.credits.balanceOf(corporate, batchId), await ot.credits.balanceOf(to, batchId)];
      const form = wallet.getByRole("form", { name: "Transfer credits" });
      await form.getByLabel("Batch").selectOption(batchId.toString());
      await form.getByLabel("Recipient address").fill(to);
      await form.getByLabel("Amount (tCO2e)").fill("1.5");
      await form.getByRole("button", { name: "Transfer" }).click();
      await wallet.getByTestId("tx-done").waitFor({ timeout: 30_000 });
      const hash = (await wallet.getByTestId("tx-hash").first().textContent())!;
      expect((await provider.getTransactionReceipt(hash))?.status).to.equal(1);
      expect(await ot.credits.balanceOf(corporate, batchId)).to.equal(fromBefore - parseCredits("1.5"));
      expect(await ot.credits.balanceOf(to, batchId)).to.equal(toBefore + parseCredits("1.5"));
    } finally {
      await wallet.close();
    }
  });

  it("shows the typed error in words when a listing expires while its buy form is open (last: it moves the chain's clock)", async function () {
    await page.goto(`${server.url}#/market`);
    await connectDev(corporate);
    const [listing] = (await ot.market.listListings()).items.filter((l) => l.status === "Active");
    const form = page.getByRole("form", { name: `Buy from listing ${listing.id}` });
    await page.getByRole("button", { name: `Buy from listing ${listing.id}` }).click();
    await form.getByLabel("Amount (tCO2e)").fill("10");
    await page.getByTestId("quote-cost").waitFor();
    const now = (await provider.getBlock("latest"))!.timestamp;
    await provider.send("evm_increaseTime", [Number(listing.expiry) - now + 1]);
    await provider.send("evm_mine", []);
    const before = await ot.credits.balanceOf(corporate, listing.batchId);
    await form.getByRole("button", { name: "Buy", exact: true }).click();
    const error = page.getByTestId("tx-error");
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).to.include("This listing has expired (MarketplaceListingExpired)");
    await page.getByTestId("listing-status").waitFor(); // re-read after the write: the form says why
    expect(await page.getByTestId("listing-status").textContent()).to.equal("This listing is now Expired.");
    expect(await ot.credits.balanceOf(corporate, listing.batchId)).to.equal(before);
    expect((await ot.market.getListing(listing.id)).status).to.equal("Expired");
  });
});
