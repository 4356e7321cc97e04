import { useEffect, useState } from 'preact/hooks';
import { ExchangePage } from './pages/exchange/exchange-page.tsx';
import { OverviewPage } from './pages/overview/overview-page.tsx';
import { QueuePage } from './pages/queue/queue-page.tsx';
import { SagaPage } from './pages/saga/saga-page.tsx';
import { StreamPage } from './pages/stream/stream-page.tsx';
import { parseRoute, type Route } from './routes.ts';

/** The page the hash names, under a header linking back to the overview. */
export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHashChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHashChange);
    return () => removeEventListener('hashchange', onHashChange);
  }, []);
  useEffect(() => {
    document.title = route.page === 'overview' ? 'Postroom console' : `${route.name} · ${route.page} · Postroom console`;
  }, [route]);
  return (
    <>
      <header>
        <nav aria-label="Main">
          <a href="#/" class="brand">
            Postroom
          </a>{' '}
          <a href="#/">Overview</a>
        </nav>
      </header>
      <main>{page(route)}</main>
    </>
  );
}

function page(route: Route) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'queue':
      return <QueuePage key={route.name} name={route.name} />;
    case 'exchange':
      return <ExchangePage key={route.name} name={route.name} />;
    case 'stream':
      return <StreamPage key={route.name} name={route.name} />;
    case 'saga':
      return <SagaPage key={route.name} name={route.name} executionId={route.executionId} />;
  }
}
