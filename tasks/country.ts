/**
 * `--country`: an ISO 3166-1 alpha-2 code (the 249 officially assigned codes of ISO 3166-1, as the
 * ISO Online Browsing Platform lists them), case-insensitive; a country name is refused with the code
 * it probably meant (names from the runtime's Unicode CLDR data, `Intl.DisplayNames`).
 */
import { TaskArgumentError } from "./lib";

/** ISO 3166-1 alpha-2, officially assigned codes (249). */
export const ISO_3166_ALPHA2: ReadonlySet<string> = new Set("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW".split(" "));

/** Parses `--country` (`in`, `IN`) into the upper-case alpha-2 code. @throws TaskArgumentError otherwise, suggesting the code of a country name. */
export function parseCountry(argument: string, value: unknown): string {
  const text = typeof value === "string" ? value.trim() : "";
  const code = text.toUpperCase();
  if (ISO_3166_ALPHA2.has(code)) return code;
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  const guess = [...ISO_3166_ALPHA2].find((c) => names.of(c)?.toLowerCase() === text.toLowerCase());
  throw new TaskArgumentError(
    argument,
    `${JSON.stringify(value)} is not an ISO 3166-1 alpha-2 country code` + (guess ? ` — use ${guess} for ${names.of(guess)}` : " (two letters, e.g. IN, DE, BR)"),
  );
}
