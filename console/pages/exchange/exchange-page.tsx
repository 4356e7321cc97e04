import { useState } from 'preact/hooks';
import type { Binding, BindingTarget, ExchangeClient } from '../../../client/index.ts';
import { client } from '../../api.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { Facts, Field } from '../../components/field.tsx';
import { parseHeaders, showJson } from '../../components/json-field.ts';
import { ProblemBox } from '../../components/problem-box.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { href } from '../../routes.ts';
import { TestRouteBox } from './test-route-box.tsx';
import { readTopology } from './topology.ts';
import { TopologyGraph } from './topology-graph.tsx';

/** One exchange: its bindings as a table and a graph, add and remove bindings, test a route. */
export function ExchangePage({ name }: { readonly name: string }) {
  const exchange = client.exchange(name);
  const state = useLoad(async () => {
    const [description, bindings] = await Promise.all([exchange.describe(), exchange.bindings()]);
    return { description, bindings, topology: await readTopology(name, bindings) };
  }, [name]);
  const unbind = useAction();
  const remove = (binding: Binding) => unbind.run(async () => void (await exchange.unbind(targetOf(binding)))).then(state.reload);
  return (
    <>
      <h1>
        Exchange <code>{name}</code>
      </h1>
      <ProblemBox error={state.error} />
      {state.data && (
        <>
          <Facts
            label="Settings"
            facts={[
              ['Type', state.data.description.type],
              ['Alternate exchange', state.data.description.alternateExchange ?? '–'],
              ['Created', state.data.description.createdAt ?? '–'],
            ]}
          />
          <section aria-labelledby="bindings">
            <h2 id="bindings">Bindings</h2>
            <ProblemBox error={unbind.error} />
            <DataTable<Binding>
              caption="Bindings from this exchange"
              rows={state.data.bindings}
              rowKey={(binding) => `${showJson(targetOf(binding))}`}
              empty="No bindings"
              columns={[
                { label: 'Destination', value: (binding) => binding.queue ?? binding.destinationExchange, render: destinationLink },
                { label: 'Kind', value: (binding) => (binding.queue === undefined ? 'exchange' : 'queue') },
                { label: 'Binding key', value: (binding) => binding.bindingKey },
                { label: 'Arguments', value: (binding) => showJson(binding.arguments) },
                {
                  label: 'Remove',
                  value: () => '',
                  render: (binding) => (
                    <ConfirmButton label="Remove" question={`Remove the binding to ${binding.queue ?? binding.destinationExchange}?`} disabled={unbind.busy} onConfirm={() => remove(binding)} />
                  ),
                },
              ]}
            />
            <h3>Routing graph</h3>
            <TopologyGraph topology={state.data.topology} />
          </section>
          <AddBindingForm exchange={exchange} onAdded={state.reload} />
          <TestRouteBox exchange={exchange} />
        </>
      )}
    </>
  );
}

function destinationLink(binding: Binding) {
  return binding.queue === undefined ? <a href={href.exchange(binding.destinationExchange!)}>{binding.destinationExchange}</a> : <a href={href.queue(binding.queue)}>{binding.queue}</a>;
}

/** The binding as the bind and unbind requests name it. */
function targetOf(binding: Binding): BindingTarget {
  return { ...(binding.queue === undefined ? { destinationExchange: binding.destinationExchange! } : { queue: binding.queue }), bindingKey: binding.bindingKey, arguments: binding.arguments };
}

function AddBindingForm(props: { readonly exchange: ExchangeClient; readonly onAdded: () => void }) {
  const [kind, setKind] = useState<'queue' | 'exchange'>('queue');
  const [destination, setDestination] = useState('');
  const [bindingKey, setBindingKey] = useState('');
  const [args, setArgs] = useState('');
  const bind = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void bind
      .run(async () => {
        const binding = await props.exchange.bind({
          ...(kind === 'queue' ? { queue: destination } : { destinationExchange: destination }),
          bindingKey,
          ...(args.trim() && { arguments: parseHeaders(args, 'Arguments') }),
        });
        return `Bound ${binding.queue ?? binding.destinationExchange} with key "${binding.bindingKey}".`;
      })
      .then(props.onAdded);
  };
  return (
    <section aria-labelledby="add-binding">
      <h2 id="add-binding">Add a binding</h2>
      <form onSubmit={submit}>
        <div class="row">
          <Field label="Destination kind">
            <select value={kind} onChange={(event) => setKind(event.currentTarget.value as 'queue' | 'exchange')}>
              <option value="queue">queue</option>
              <option value="exchange">exchange</option>
            </select>
          </Field>
          <Field label="Destination name">
            <input required value={destination} onInput={(event) => setDestination(event.currentTarget.value)} />
          </Field>
          <Field label="Binding key">
            <input value={bindingKey} onInput={(event) => setBindingKey(event.currentTarget.value)} />
          </Field>
        </div>
        <Field label="Arguments" hint='Headers exchanges: a JSON object, e.g. {"x-match": "all", "type": "order"}'>
          <textarea rows={2} value={args} onInput={(event) => setArgs(event.currentTarget.value)} />
        </Field>
        <button type="submit" disabled={bind.busy}>
          Add binding
        </button>
        <p role="status">{bind.status}</p>
        <ProblemBox error={bind.error} />
      </form>
    </section>
  );
}
