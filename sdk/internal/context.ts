import type { ContractRunner, Provider, Signer } from "ethers";
import type { Deployment } from "../addresses";

/** What every module shares: the runner, its provider, the signer if any, the chain and addresses. */
export interface Context {
  readonly runner: ContractRunner;
  readonly provider: Provider;
  readonly signer: Signer | undefined;
  readonly chainId: bigint;
  readonly addresses: Deployment;
}
