import { expect } from "chai";
import { AbiCoder, Interface, JsonRpcProvider, ZeroHash, id } from "ethers";
import {
  AccessControlUnauthorizedAccountError,
  ERROR_ABI,
  MarketplaceTenderNotOpenError,
  NetworkError,
  OpenTonne,
  OpenTonneError,
  RegistryInvalidStatusTransitionError,
  ROLE_NAMES,
  decodeRevertData,
  roleName,
} from "../../sdk";

const errors = new Interface(ERROR_ABI as unknown as string[]);
const encode = (name: string, args: unknown[]) => errors.encodeErrorResult(name, args);

describe("SDK: error messages in words, network errors typed", () => {
  it("a decoded revert reads as a sentence with named fields and enum values by name", () => {
    const e = decodeRevertData("market.awardTender", encode("MarketplaceTenderNotOpen", [1n, 3]));
    expect(e).to.be.instanceOf(MarketplaceTenderNotOpenError);
    expect(e.message).to.equal(
      "market.awardTender reverted: MarketplaceTenderNotOpen: The tender is status Awarded (Awarded, Cancelled or Expired), not open. (tenderId: 1, status: Awarded)",
    );
    const t = decodeRevertData("registry.approveProject", encode("RegistryInvalidStatusTransition", [1n, 2, 2]));
    expect(t).to.be.instanceOf(RegistryInvalidStatusTransitionError);
    expect(t.message).to.match(/RegistryInvalidStatusTransition: from Approved → to Approved is not an allowed status transition.*\(projectId: 1, from: Approved, to: Approved\)$/);
    expect((t as RegistryInvalidStatusTransitionError).from).to.equal(2); // the typed field keeps the on-chain value
  });

  it("role ids are shown by name (DEFAULT_ADMIN_ROLE, the operational roles); unknown ids stay hex", () => {
    const account = "0x00000000000000000000000000000000000000aa";
    const e = decodeRevertData("registry.approveProject", encode("AccessControlUnauthorizedAccount", [account, id("VERIFIER_ROLE")]));
    expect(e).to.be.instanceOf(AccessControlUnauthorizedAccountError);
    expect(e.message).to.match(/neededRole: VERIFIER_ROLE\)$/);
    expect(roleName(ZeroHash)).to.equal("DEFAULT_ADMIN_ROLE");
    expect(roleName(id("POOL_MANAGER_ROLE"))).to.equal("POOL_MANAGER_ROLE");
    expect(roleName(id("NOT_A_ROLE"))).to.equal(id("NOT_A_ROLE"));
    expect(Object.values(ROLE_NAMES)).to.include.members(["REGISTRAR_ROLE", "ISSUER_ROLE", "DEVICE_REGISTRAR_ROLE", "ORACLE_ROLE"]);
  });

  it("an error without NatSpec or arguments still names itself", () => {
    const data = id("EnforcedPause()").slice(0, 10);
    expect(decodeRevertData("credits.mint", data).message).to.match(/^credits\.mint reverted: EnforcedPause/);
    void AbiCoder;
  });

  it("an unreachable RPC is a NetworkError (an OpenTonneError) from connect and from a read", async () => {
    const dead = new JsonRpcProvider("http://127.0.0.1:1", undefined, { staticNetwork: false });
    try {
      const err = await OpenTonne.connect(dead).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(NetworkError);
      expect(err).to.be.instanceOf(OpenTonneError);
      expect((err as NetworkError).action).to.equal("connect");
      expect((err as NetworkError).code).to.equal("ECONNREFUSED");
    } finally {
      dead.destroy();
    }
    // Connected while the node answered (a static network, no code check), then the node is gone.
    const gone = new JsonRpcProvider("http://127.0.0.1:1", 31337, { staticNetwork: true });
    try {
      const a = "0x0000000000000000000000000000000000000001";
      const ot = await OpenTonne.connect(gone, { addresses: { registry: a, credits: a, market: a, pool: a, oracle: a, deploymentBlock: 0 }, checkCode: false });
      const err = await ot.registry.projectCount().catch((e: unknown) => e);
      expect(err).to.be.instanceOf(NetworkError);
      expect((err as NetworkError).message).to.match(/^registry\.projectCount: network error \(ECONNREFUSED\)/);
    } finally {
      gone.destroy();
    }
  });
});
