/**
 * Price and volume of a batch from the SDK's daily candles (`history.priceHistory`): a candlestick
 * (high–low wick, open–close body) per UTC day on the price axis and the day's volume in tCO2e as bars,
 * drawn with Recharts; the same candles follow as a table.
 */
import { formatUnits } from "ethers";
import type { DailyCandle } from "opentonne";
import { Bar, CartesianGrid, ComposedChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useApp, useToken } from "../lib/app-state";
import { Loaded, useLoad } from "../lib/load";
import { money, tonnes } from "../lib/format";

interface Point {
  date: string;
  range: [number, number];
  open: number;
  close: number;
  volume: number;
}

function toPoints(candles: DailyCandle[], decimals: number): Point[] {
  const n = (v: bigint) => Number(formatUnits(v, decimals));
  return candles.map((c) => ({ date: c.date, range: [n(c.low), n(c.high)], open: n(c.open), close: n(c.close), volume: Number(formatUnits(c.volume, 6)) }));
}

/** Draws one candle inside the high–low bar Recharts lays out (`y` is the high, `y + height` the low). */
function Candle(props: { x?: number; y?: number; width?: number; height?: number; payload?: Point }) {
  const { x = 0, y = 0, width = 0, height = 0, payload } = props;
  if (!payload) return null;
  const [low, high] = payload.range;
  const py = (p: number) => (high === low ? y : y + ((high - p) / (high - low)) * height);
  const up = payload.close >= payload.open;
  const top = py(Math.max(payload.open, payload.close));
  const bottom = py(Math.min(payload.open, payload.close));
  const cx = x + width / 2;
  const color = up ? "#1b7f4b" : "#b3261e";
  return (
    <g>
      <line x1={cx} x2={cx} y1={y} y2={y + height} stroke={color} />
      <rect x={x + width * 0.2} y={top} width={width * 0.6} height={Math.max(1, bottom - top)} fill={color} />
    </g>
  );
}

/** Price and volume of batch `batchId`, one chart and table per payment token; read-only. */
export function PriceChart(props: { batchId: bigint }) {
  const { reader } = useApp();
  const load = useLoad(() => reader.history.priceHistory(props.batchId), [reader, props.batchId]);
  return (
    <Loaded load={load} what="price history" isEmpty={(s) => s.length === 0} empty="No trade of this batch yet: no price history.">
      {(series) => (
        <>
          {series.map((s) => (
            <Series key={s.paymentToken} token={s.paymentToken} candles={s.candles} />
          ))}
        </>
      )}
    </Loaded>
  );
}

function Series(props: { token: string; candles: DailyCandle[] }) {
  const token = useToken(props.token);
  const decimals = token?.decimals ?? 18;
  const points = toPoints(props.candles, decimals);
  const symbol = token?.symbol ?? "token";
  return (
    <section className="chart" data-testid="price-chart">
      <div role="img" aria-label={`Daily price in ${symbol} per credit and volume in tCO2e, ${points.length} trading days`}>
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" />
            <YAxis yAxisId="price" label={{ value: `${symbol} / tCO2e`, angle: -90, position: "insideLeft" }} domain={["auto", "auto"]} />
            <YAxis yAxisId="volume" orientation="right" label={{ value: "tCO2e", angle: 90, position: "insideRight" }} />
            <Tooltip />
            <Bar yAxisId="volume" dataKey="volume" name="volume (tCO2e)" fill="#9bb7d4" isAnimationActive={false} />
            <Bar yAxisId="price" dataKey="range" name="price (low–high)" shape={<Candle />} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <table className="compact">
        <caption>Daily candles in {symbol}</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col" className="num">Open</th>
            <th scope="col" className="num">High</th>
            <th scope="col" className="num">Low</th>
            <th scope="col" className="num">Close</th>
            <th scope="col" className="num">Volume</th>
            <th scope="col" className="num">Trades</th>
          </tr>
        </thead>
        <tbody>
          {props.candles.map((c) => (
            <tr key={c.day}>
              <td>{c.date}</td>
              <td className="num">{money(c.open, token)}</td>
              <td className="num">{money(c.high, token)}</td>
              <td className="num">{money(c.low, token)}</td>
              <td className="num">{money(c.close, token)}</td>
              <td className="num">{tonnes(c.volume)}</td>
              <td className="num">{c.trades}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
