// Runs OpenFeature's OFREP web provider (bulk evaluation, ETag polling) under node for OfrepWebProviderIT.
// Arguments: the OFREP base URL, the evaluation context as JSON, and the flag keys (KEY:boolean or
// KEY:string). Prints one JSON line of details per key, then "ready"; after the provider reports a changed
// configuration (with OFREP_WAIT_FOR_CHANGE set), prints {"changed": [...]} and the details again, and exits.
import { OpenFeature } from '@openfeature/web-sdk';
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';

const [baseUrl, context, ...keys] = process.argv.slice(2);
const client = OpenFeature.getClient();
const print = () => {
  for (const spec of keys) {
    const [key, type] = spec.split(':');
    const details = type === 'boolean' ? client.getBooleanDetails(key, false) : client.getStringDetails(key, 'fallback');
    console.log(JSON.stringify(details));
  }
};

setTimeout(() => {
  console.log(JSON.stringify({ timeout: true }));
  process.exit(2);
}, 60000);
await OpenFeature.setContext(JSON.parse(context));
await OpenFeature.setProviderAndWait(new OFREPWebProvider({ baseUrl, pollInterval: 200 }));
print();
console.log('ready');
if (!process.env.OFREP_WAIT_FOR_CHANGE) {
  process.exit(0);
}
OpenFeature.addHandler('PROVIDER_CONFIGURATION_CHANGED', (event) => {
  console.log(JSON.stringify({ changed: event.flagsChanged }));
  print();
  process.exit(0);
});
