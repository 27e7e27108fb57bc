/**
 * Retire credits of a project for a beneficiary: the SDK's `previewRetireProject` shows which batches
 * (oldest vintage first) would be burned before anything is signed; on success the certificate link.
 */
import { isAddress } from "ethers";
import { MAX_RETIREMENT_TEXT, type BatchAmount } from "opentonne";
import { useEffect, useState } from "react";
import { TxStatus } from "../components/TxStatus";
import { useApp, useBusy } from "../lib/app-state";
import { errorMessage } from "../lib/errors";
import { parseTonnes, tonnes } from "../lib/format";
import type { Holding } from "./Portfolio";

/** The retire form for `account` over its `holdings`; the preview is read before anything is signed. */
export function RetireForm(props: { holdings: Holding[]; account: string }) {
  const { reader, runTx } = useApp();
  const busy = useBusy();
  const [project, setProject] = useState(props.holdings[0]?.projectId.toString() ?? "");
  const [amount, setAmount] = useState("");
  const [beneficiaryName, setBeneficiaryName] = useState("");
  const [beneficiary, setBeneficiary] = useState("");
  const [reason, setReason] = useState("");
  const [referenceId, setReferenceId] = useState("");
  const [country, setCountry] = useState("");
  const [preview, setPreview] = useState<{ items?: BatchAmount[]; error?: string }>({});
  const [certificate, setCertificate] = useState<bigint>();
  const grams = parseTonnes(amount);
  const holding = props.holdings.find((h) => h.projectId.toString() === project);
  const beneficiaryOk = beneficiary === "" || isAddress(beneficiary);
  const countryOk = country === "" || /^[A-Z]{2}$/.test(country);
  const textsOk = [beneficiaryName, reason, referenceId].every((s) => new TextEncoder().encode(s).length <= MAX_RETIREMENT_TEXT);
  const valid = grams !== undefined && holding !== undefined && beneficiaryOk && countryOk && textsOk;

  useEffect(() => {
    let live = true;
    setPreview({});
    if (grams === undefined || !holding) return;
    reader.credits
      .previewRetireProject(props.account, holding.projectId, grams)
      .then((items) => live && setPreview({ items }))
      .catch((e: unknown) => live && setPreview({ error: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [reader, props.account, holding, grams]);

  return (
    <form
      className="card"
      aria-label="Retire credits"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        setCertificate(undefined);
        void runTx("retire", async (ot) => {
          const r = await ot.credits.retireProject(holding!.projectId, grams!, {
            beneficiary: beneficiary || undefined,
            beneficiaryName,
            reason,
            referenceId,
            consumptionCountry: country,
          });
          setCertificate(r.retirementId);
          return `Retired ${tonnes(r.amount)} as retirement #${r.retirementId}`;
        });
      }}
    >
      <h3>Retire</h3>
      <label>
        Project
        <select value={project} onChange={(e) => setProject(e.target.value)}>
          {props.holdings.map((h) => (
            <option key={h.projectId.toString()} value={h.projectId.toString()}>
              {h.projectName} ({tonnes(h.balance.total)})
            </option>
          ))}
        </select>
      </label>
      <label>
        Amount (tCO2e) <input name="amount" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
      </label>
      <label>
        Beneficiary name <input name="beneficiaryName" value={beneficiaryName} onChange={(e) => setBeneficiaryName(e.target.value)} />
      </label>
      <label>
        Beneficiary address (default: you) <input name="beneficiary" value={beneficiary} onChange={(e) => setBeneficiary(e.target.value.trim())} placeholder="0x…" aria-invalid={!beneficiaryOk} />
      </label>
      <label>
        Reason <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="offset claim: FY2026 scope 2" />
      </label>
      <label>
        Reference <input name="referenceId" value={referenceId} onChange={(e) => setReferenceId(e.target.value)} placeholder="invoice or claim id" />
      </label>
      <label>
        Consumption country (ISO 3166-1 alpha-2) <input name="country" value={country} onChange={(e) => setCountry(e.target.value.trim().toUpperCase())} maxLength={2} size={3} aria-invalid={!countryOk} />
      </label>
      <div className="preview" aria-live="polite" data-testid="retire-preview">
        {grams === undefined ? (
          <p className="muted">Enter an amount to see which batches are retired.</p>
        ) : preview.error ? (
          <p className="state error" role="alert">{preview.error}</p>
        ) : preview.items ? (
          <>
            <p>Preview — oldest vintage first:</p>
            <ul>
              {preview.items.map((b) => {
                const batch = holding?.batches.get(b.batchId.toString());
                return (
                  <li key={b.batchId.toString()}>
                    {tonnes(b.amount)} of vintage {batch?.vintage} batch #{b.batchId.toString()} <code>{batch?.serial}</code>
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p className="muted" role="status">Computing the preview…</p>
        )}
      </div>
      <button type="submit" disabled={!valid || busy}>Retire</button>
      <TxStatus owner="retire" />
      {certificate !== undefined && (
        <p>
          <a href={`#/retirement/${certificate}`} data-testid="certificate-link">Open certificate #{certificate.toString()}</a>
        </p>
      )}
    </form>
  );
}
