// Writes the JSON Schema that Serverless Framework validates a service configuration with,
// as assembled at run time: the core schema, the AWS provider's definitions and every
// event type defined by the built-in plugins. Run by hand (see README.md).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const OUTPUT = path.resolve(__dirname, '..', 'serverless-3.40.0.json');
const EXPECTED_VERSION = '3.40.0';

async function main() {
  const frameworkDir = path.dirname(require.resolve('serverless/package.json'));
  const { version } = require('serverless/package.json');
  if (version !== EXPECTED_VERSION) {
    throw new Error(`expected serverless@${EXPECTED_VERSION}, found ${version}`);
  }
  // Keep the framework's caches and telemetry out of the real home folder.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sls-schema-'));
  process.env.HOME = scratch;
  process.env.SLS_TELEMETRY_DISABLED = '1';
  process.env.SLS_NOTIFICATIONS_MODE = 'off';

  const Serverless = require(path.join(frameworkDir, 'lib', 'serverless'));
  const serverless = new Serverless({
    configuration: { service: 'schema', provider: { name: 'aws' } },
    serviceDir: scratch,
    configurationFilename: 'serverless.yml',
    commands: ['print'],
    options: {},
  });
  // Loads the AWS provider and every built-in plugin; each one adds its part to the schema.
  await serverless.init();
  const schema = serverless.configSchemaHandler.schema;
  fs.writeFileSync(OUTPUT, `${JSON.stringify(schema, null, 2)}\n`);
  fs.rmSync(scratch, { recursive: true, force: true });
  const events = schema.properties.functions.patternProperties['^[a-zA-Z0-9-_]+$'].properties
    .events.items.anyOf;
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), OUTPUT)}: ${Object.keys(schema.properties).length} ` +
      `top-level keys, ${Object.keys(schema.definitions).length} definitions, ` +
      `${events.length - 1} event types\n`
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
