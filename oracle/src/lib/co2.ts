/**
 * CO2 avoided by solar energy. Formula (seed 004): CO2 = kWh × emission factor. In integers:
 * `co2Grams = floor(energyWh × emissionFactorGPerKWh / 1000)` — rounded down, so the oracle never
 * claims a fraction of a gram it did not avoid. The same rule is what the MRVOracle contract will
 * check on-chain.
 */

/**
 * Seed 004 default: 1.2 kg CO2 per kWh = 1200 g/kWh, the baseline of a petrol/diesel generator
 * that the solar output displaces (seed 004, "Nigeria baseline"). A per-device parameter.
 */
export const DIESEL_BASELINE_G_PER_KWH = 1200;

/**
 * Alternative for grid-connected Indian plants such as Kaggle Plant 1: the combined-margin grid
 * emission factor for solar and wind projects, 0.861 tCO2/MWh = 861 g/kWh, from the Central
 * Electricity Authority's "CO2 Baseline Database for the Indian Power Sector", Version 20.0
 * (December 2024, data to FY 2023-24), computed with the CDM "Tool to calculate the emission factor
 * for an electricity system" v7.0. The same release gives a weighted-average factor of
 * 0.727 tCO2/MWh (INDIA_GRID_WEIGHTED_AVERAGE_G_PER_KWH); older versions are higher
 * (Version 5.0, FY 2008-09: 0.82 tCO2/MWh average).
 *
 * Source check: the CEA's own user guide (cea.nic.in) could not be fetched from this project's build
 * machines; the figures are taken from two independent reports of the v20.0 release that agree
 * (Saur Energy, 6 Jan 2025, "CEA's CO2 Baseline Database — Impact of RE on Indian grid emissions
 * intensity": CM 0.861 solar/wind, 0.758 other projects, weighted average 0.727; BidDetail
 * procurement news 86711: weighted average 0.727, CM 0.757 / 0.861 for wind and solar). Check the
 * CEA document before using them for issuance.
 */
export const INDIA_GRID_COMBINED_MARGIN_SOLAR_G_PER_KWH = 861;

/** CEA CO2 Baseline Database v20.0 (FY 2023-24) weighted-average grid factor: 0.727 tCO2/MWh = 727 g/kWh. */
export const INDIA_GRID_WEIGHTED_AVERAGE_G_PER_KWH = 727;

/** Grams of CO2 avoided by `energyWh` at `emissionFactorGPerKWh`: `energyWh × factor / 1000`, rounded down (exact, bigint). */
export function co2GramsDown(energyWh: bigint, emissionFactorGPerKWh: bigint): bigint {
  if (energyWh < 0n || emissionFactorGPerKWh < 0n) throw new RangeError("energy and emission factor must be ≥ 0");
  return (energyWh * emissionFactorGPerKWh) / 1000n;
}
