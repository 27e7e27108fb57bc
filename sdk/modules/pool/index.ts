/**
 * `pool` — the MSME pool (`CarbonPool`, seed 000): periods, members, contributions, claims. The shapes
 * are in `types.ts`, the module class in `module.ts`, its argument checks in `inputs.ts` and its decoders
 * in `decode.ts`.
 *
 * Units: contributions and carried grams are integer grams CO2e; credits are units (1 unit = 1 g CO2e,
 * 1 credit = 1 tCO2e = 1,000,000 units); times are unix seconds (UTC); period bounds are inclusive
 * `[start, end]`; the hybrid weight is in basis points (0–10,000); performance weights are
 * grams × points; durations (close grace, claim window) in seconds. Roles: POOL_MANAGER_ROLE (members,
 * allocation rules, periods, sweeps), DEFAULT_ADMIN_ROLE (treasury), ORACLE_ROLE (contributions; in
 * production the MRVOracle), PAUSER_ROLE; claims are open to every member with an allocation (also
 * removed members, also while the pool is paused), within each period's claim window.
 *
 * Issuance: a closed period mints exactly its eligible verified grams (1 unit per gram; there is no
 * conversion rate). Seed 000's "1 credit per 10 kg" and its "100 credits" threshold are display units of
 * that system: 100 × 10 kg = 1 t, i.e. {@link SEED_MIN_CONTRIBUTION_GRAMS} = 1,000,000 g.
 */
export * from "./types";
export { PoolModule } from "./module";
