/**
 * MRVOracle tasks: register and update devices, add / remove signers, set the quorum.
 * `npx hardhat oracle:<name> --network <net> [--deployment-id <id> | --addresses <file>] …`
 */
import { ZeroAddress, id as keccakText, isHexString } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  type CommonArgs,
  TaskArgumentError,
  adminTask,
  parseAddress,
  parseInteger,
  parseText,
  resolveSystem,
  say,
  sendTx,
} from "./lib";

/** Seed 004's diesel-generator baseline, g CO2 per kWh. */
export const DEFAULT_EMISSION_FACTOR = 1200n;

/**
 * A device id: a 32-byte hex string as is, otherwise keccak256 of the text (e.g. the inverter's
 * SOURCE_KEY, as the off-chain oracle does).
 */
export function parseDeviceId(argument: string, value: unknown): string {
  const text = parseText(argument, value);
  if (text.startsWith("0x")) {
    if (!isHexString(text, 32)) throw new TaskArgumentError(argument, `a hex device id must be 32 bytes: ${text}`);
    if (/^0x0{64}$/.test(text)) throw new TaskArgumentError(argument, "the zero device id is not allowed");
    return text.toLowerCase();
  }
  return keccakText(text);
}

/** Decimal degrees within ±`limit`, as microdegrees. */
function parseDegrees(argument: string, value: unknown, limit: number): number {
  if (typeof value !== "string" || !/^-?[0-9]+(\.[0-9]{1,6})?$/.test(value.trim())) {
    throw new TaskArgumentError(argument, `not decimal degrees (at most 6 decimals): ${JSON.stringify(value)}`);
  }
  const micro = Math.round(Number(value) * 1e6);
  if (Math.abs(micro) > limit * 1e6) throw new TaskArgumentError(argument, `${value} is outside ±${limit}°`);
  return micro;
}

interface DeviceArgs extends CommonArgs {
  device: string;
  owner: string;
  lat: string;
  lon: string;
  capacity: string;
  factor: string;
}

/** The device id and IMRVOracle.DeviceInput of a device task's arguments (checked before any call). */
function parseDevice(args: DeviceArgs) {
  return {
    deviceId: parseDeviceId("device", args.device),
    input: {
      owner: parseAddress("owner", args.owner),
      latMicroDeg: parseDegrees("lat", args.lat, 90),
      lonMicroDeg: parseDegrees("lon", args.lon, 180),
      capacityW: parseInteger("capacity", args.capacity, 1n, 2n ** 64n - 1n),
      emissionFactorGPerKWh: Number(parseInteger("factor", args.factor, 1n, 2n ** 32n - 1n)),
    },
  };
}

for (const verb of ["register-device", "update-device"] as const) {
  const register = verb === "register-device";
  adminTask(
    `oracle:${verb}`,
    register
      ? "Register a solar inverter (device). Needs DEVICE_REGISTRAR_ROLE"
      : "Replace a device's owner, location, capacity and factor; a new owner is credited from the next UTC day on. Needs DEVICE_REGISTRAR_ROLE",
  )
    .addParam("device", "Device id: 32-byte hex, or a text (e.g. the inverter SOURCE_KEY) hashed with keccak256")
    .addParam("owner", register ? "Pool member credited with the device's verified CO2" : "Owner from the next UTC day on (earlier days keep theirs)")
    .addParam("lat", "Latitude, decimal degrees (e.g. 14.82)")
    .addParam("lon", "Longitude, decimal degrees (e.g. 78.28)")
    .addParam("capacity", "AC rating, watts (> 0)")
    .addOptionalParam("factor", "Emission factor, g CO2 per kWh (seed 004: 1200)", DEFAULT_EMISSION_FACTOR.toString())
    .setAction(async (args: DeviceArgs, hre: HardhatRuntimeEnvironment) => {
      const { deviceId, input } = parseDevice(args);
      const sys = await resolveSystem(hre, args);
      const action = `oracle:${verb}`;
      if (register) {
        const sent = await sendTx(sys, action, sys.oracle.registerDevice, [deviceId, input]);
        say(`device ${deviceId} registered: owner ${input.owner}, ${input.capacityW} W, ${input.emissionFactorGPerKWh} g/kWh`);
        return { ...sent, deviceId };
      }
      const sent = await sendTx(sys, action, sys.oracle.updateDevice, [deviceId, input]);
      if (sent.queued) return sent;
      const d = await sys.oracle.getDevice(deviceId);
      const ownerFromDay = Number(d.ownerFromDay);
      const since = ownerFromDay === 0 ? "all days" : `days from ${new Date(ownerFromDay * 86_400_000).toISOString().slice(0, 10)} (UTC day ${ownerFromDay})`;
      say(`device ${deviceId} updated: owner ${d.owner} for ${since}` + (d.previousOwner === ZeroAddress ? "" : `; earlier days stay ${d.previousOwner}'s`));
      return { ...sent, deviceId, ownerFromDay };
    });
}

for (const [verb, description] of [
  ["add-signer", "Add an oracle signer"],
  ["remove-signer", "Remove an oracle signer (lower the quorum first if needed)"],
] as const) {
  adminTask(`oracle:${verb}`, `${description}. Needs DEFAULT_ADMIN_ROLE`)
    .addParam("signer", "Signer address")
    .setAction(async (args: CommonArgs & { signer: string }, hre: HardhatRuntimeEnvironment) => {
      const signer = parseAddress("signer", args.signer);
      const sys = await resolveSystem(hre, args);
      const action = `oracle:${verb}`;
      const sent = await sendTx(sys, action, verb === "add-signer" ? sys.oracle.addSigner : sys.oracle.removeSigner, [signer]);
      say(`signers: ${await sys.oracle.signerCount()}, quorum ${await sys.oracle.quorum()}`);
      return { ...sent, signer };
    });
}

adminTask("oracle:set-quorum", "Set how many distinct signer signatures a report batch needs (M of N). Needs DEFAULT_ADMIN_ROLE")
  .addParam("quorum", "Signatures required (1 … number of signers)")
  .setAction(async (args: CommonArgs & { quorum: string }, hre: HardhatRuntimeEnvironment) => {
    const quorum = parseInteger("quorum", args.quorum, 1n, 2n ** 256n - 1n);
    const sys = await resolveSystem(hre, args);
    const signers = await sys.oracle.signerCount();
    if (quorum > signers) throw new TaskArgumentError("quorum", `${quorum} is above the ${signers} signer(s)`);
    const sent = await sendTx(sys, "oracle:set-quorum", sys.oracle.setQuorum, [quorum]);
    say(`quorum ${quorum} of ${signers}`);
    return { ...sent, quorum };
  });
