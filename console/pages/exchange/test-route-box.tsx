import { useState } from 'preact/hooks';
import type { ExchangeClient, Routes } from '../../../client/index.ts';
import { Field } from '../../components/field.tsx';
import { parseHeaders } from '../../components/json-field.ts';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useAction } from '../../components/use-action.ts';
import { href } from '../../routes.ts';

/** Which queues and exchanges a routing key and headers would reach; publishes nothing. */
export function TestRouteBox(props: { readonly exchange: ExchangeClient }) {
  const [routingKey, setRoutingKey] = useState('');
  const [headers, setHeaders] = useState('');
  const [routes, setRoutes] = useState<Routes>();
  const test = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void test.run(async () => {
      setRoutes(await props.exchange.testRoute({ routingKey, ...(headers.trim() && { headers: parseHeaders(headers) }) }));
    });
  };
  return (
    <section aria-labelledby="test-route">
      <h2 id="test-route">Test a route</h2>
      <form onSubmit={submit}>
        <div class="row">
          <Field label="Routing key">
            <input value={routingKey} onInput={(event) => setRoutingKey(event.currentTarget.value)} />
          </Field>
          <Field label="Message headers" hint="A JSON object">
            <input value={headers} onInput={(event) => setHeaders(event.currentTarget.value)} />
          </Field>
        </div>
        <button type="submit" disabled={test.busy}>
          Test route
        </button>
        <ProblemBox error={test.error} />
      </form>
      {routes && (
        <div class="routes" role="status" aria-label="Route test result">
          {routes.queues.length + routes.exchanges.length === 0 ? (
            <p>Reaches nothing: the message would be unroutable.</p>
          ) : (
            <ul>
              {routes.queues.map((queue) => (
                <li key={`q:${queue}`}>
                  queue <a href={href.queue(queue)}>{queue}</a>
                </li>
              ))}
              {routes.exchanges.map((exchange) => (
                <li key={`e:${exchange}`}>
                  exchange <a href={href.exchange(exchange)}>{exchange}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
