/** The shell: header with navigation and wallet, then the screen of the current route. */
import { WalletBar } from "./components/WalletBar";
import { useApp } from "./lib/app-state";
import { useRoute, type Route } from "./lib/router";
import { BatchPage } from "./screens/BatchPage";
import { Certificate } from "./screens/Certificate";
import { DeviceAudit } from "./screens/DeviceAudit";
import { DevicePage } from "./screens/DevicePage";
import { Fleet } from "./screens/Fleet";
import { Market } from "./screens/Market";
import { Pool } from "./screens/Pool";
import { Portfolio } from "./screens/Portfolio";
import { ProjectPage } from "./screens/ProjectPage";
import { Registry } from "./screens/Registry";

const NAV: Array<[Route["screen"], string, string]> = [
  ["registry", "#/registry", "Registry"],
  ["portfolio", "#/portfolio", "Portfolio"],
  ["market", "#/market", "Market"],
  ["pool", "#/pool", "Pool"],
  ["fleet", "#/fleet", "Oracle fleet"],
];

function Screen(props: { route: Route }) {
  const { route } = props;
  switch (route.screen) {
    case "registry":
      return <Registry />;
    case "project":
      return <ProjectPage id={route.id!} />;
    case "batch":
      return <BatchPage id={route.id!} />;
    case "portfolio":
      return <Portfolio />;
    case "retirement":
      return <Certificate id={route.id!} />;
    case "market":
      return <Market />;
    case "pool":
      return <Pool />;
    case "fleet":
      return <Fleet />;
    case "device":
      return <DevicePage id={route.id!} />;
    case "audit":
      return <DeviceAudit id={route.id!} date={route.date} />;
    default:
      return (
        <>
          <h1>Page not found</h1>
          <p className="state empty">There is no page at {window.location.hash}. <a href="#/registry">Go to the registry</a>.</p>
        </>
      );
  }
}

const SECTION: Partial<Record<Route["screen"], Route["screen"]>> = { project: "registry", batch: "registry", retirement: "portfolio", device: "fleet", audit: "fleet" };

/** The whole app: header (navigation, network, wallet) and the current route's screen. */
export function App() {
  const route = useRoute();
  const { config } = useApp();
  const current = SECTION[route.screen] ?? route.screen;
  return (
    <>
      <header className="top">
        <a className="brand" href="#/registry">OpenTonne</a>
        <nav aria-label="Main">
          {NAV.map(([screen, href, label]) => (
            <a key={screen} href={href} aria-current={current === screen ? "page" : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <span className="network" title={config.rpcUrl}>{config.networkName}</span>
        <WalletBar />
      </header>
      <main className="page">
        <Screen route={route} />
      </main>
    </>
  );
}
